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

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            database_url=os.environ.get("ENAMEL_DATABASE_URL") or DEFAULT_DATABASE_URL,
            redis_url=os.environ.get("ENAMEL_REDIS_URL") or None,
        )
