"""Alembic environment: one history for SQLite, MariaDB and PostgreSQL.

Run through `enamel db upgrade` (enamel.db.migrate), which hands over the database URL.
"""

from __future__ import annotations

from typing import Literal

from alembic import context

from enamel.db.engine import make_engine
from enamel.db.types import Bool, IntEnumType, Money, ODDate, ODDateTime
from enamel.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "", writable=True)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


def render_item(type_: str, obj: object, autogen_context: object) -> str | Literal[False]:
    """Render Enamel's column types as the plain SQL types they store, so that a migration
    never depends on application code that may change later."""
    if type_ != "type":
        return False
    plain = {
        IntEnumType: "sa.SmallInteger()",
        Bool: "sa.SmallInteger()",
        Money: "sa.Numeric(precision=20, scale=2)",
        ODDate: "sa.Date()",
        ODDateTime: "sa.DateTime()",
    }
    for cls, rendered in plain.items():
        if isinstance(obj, cls):
            return rendered
    return False


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        compare_server_default=False,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("Enamel runs migrations online only: use `enamel db upgrade`.")
run_migrations_online()
