"""Schema migrations (Alembic), run by `enamel db upgrade` and by `enamel serve --demo`."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from enamel.db.session import Database

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(database: Database) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option(
        "sqlalchemy.url", database.url.render_as_string(hide_password=False).replace("%", "%%")
    )
    return cfg


def head_revision() -> str:
    script = ScriptDirectory.from_config(_script_config())
    head = script.get_current_head()
    if head is None:
        raise RuntimeError("the migration history is empty")
    return head


def _script_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def upgrade(database: Database, revision: str = "head") -> list[str]:
    """Migrate, then (re)install the change-capture triggers from the migrated tables' columns
    and the account governed SQL reads run as, in the same transaction (MariaDB commits each
    DDL statement by itself). What could not be done, one line each (nothing fails for it)."""
    # Imported here: enamel.audit and enamel.queries import enamel.db.
    from enamel.audit import capture
    from enamel.queries import accounts

    notes: list[str] = []
    cfg = alembic_config(database)
    with database.write_engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        # An older revision may have no change table yet: nothing to capture into.
        if inspect(conn).has_table(capture.CHANGES):
            capture.install(conn)
            if database.dialect != "sqlite":
                try:
                    accounts.install(conn, database.url)
                except accounts.AccountNotCreated as exc:
                    notes.append(f"{exc}; governed SQL reads use Enamel's own account, read-only")
    return notes


def current_revision(database: Database) -> str | None:
    with database.write_engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
