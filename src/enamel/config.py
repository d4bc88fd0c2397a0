"""Settings, read once from the environment (DESIGN.md section 7)."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_DATABASE_URL = "sqlite:///./enamel.db"


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    redis_url: str | None = None
    switch_delay: float = 0.5
    """Seconds a server process may act on a key or switch it read earlier (tests use 0)."""
    query_database_url: str | None = None
    """A read replica for governed SQL reads (ENAMEL_QUERY_DATABASE_URL); None: the database."""
    query_time_limit: float = 10.0
    """Seconds a governed SQL read may run (ENAMEL_QUERY_TIME_LIMIT)."""
    query_cost_budget: float = 100_000_000.0
    """The largest planner estimate a governed read may have (ENAMEL_QUERY_COST_BUDGET; 0: no
    budget)."""
    audit_interval: float = 3600.0
    """Seconds between the integrity checks `enamel serve` runs (ENAMEL_AUDIT_INTERVAL); 0: none."""
    plugins: bool = True
    """Load the whitelisted plug-ins (ENAMEL_PLUGINS=off: none at all)."""
    plugin_timeout: float = 2.0
    """Seconds a plug-in's hook may run before the request goes on without it
    (ENAMEL_PLUGIN_TIMEOUT)."""

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            database_url=os.environ.get("ENAMEL_DATABASE_URL") or DEFAULT_DATABASE_URL,
            redis_url=os.environ.get("ENAMEL_REDIS_URL") or None,
            query_database_url=os.environ.get("ENAMEL_QUERY_DATABASE_URL") or None,
            audit_interval=_number("ENAMEL_AUDIT_INTERVAL", 3600.0),
            query_time_limit=_number("ENAMEL_QUERY_TIME_LIMIT", 10.0) or 10.0,
            query_cost_budget=_number(
                "ENAMEL_QUERY_COST_BUDGET", 100_000_000.0, "a planner estimate"
            ),
            plugins=_switch("ENAMEL_PLUGINS"),
            plugin_timeout=_number("ENAMEL_PLUGIN_TIMEOUT", 2.0) or 2.0,
        )


def _number(name: str, default: float, what: str = "a number of seconds") -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= 0:  # also refuses NaN
        raise ValueError(f"{name} must be {what} (0 switches it off), not {raw!r}")
    return value


def _switch(name: str) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if raw in ("", "on", "1", "true", "yes"):
        return True
    if raw in ("off", "0", "false", "no"):
        return False
    raise ValueError(f"{name} must be on or off, not {raw!r}")
