"""`enamel db upgrade`."""

from __future__ import annotations

import click
from sqlalchemy.exc import OperationalError

from enamel.cli.common import database, unreachable
from enamel.db.migrate import current_revision, upgrade


@click.group("db")
def db_group() -> None:
    """The database schema."""


@db_group.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the database named by ENAMEL_DATABASE_URL."""
    db = database()
    try:
        before = current_revision(db)
        notes = upgrade(db)
        after = current_revision(db)
    except OperationalError as exc:
        raise unreachable(db, exc) from exc
    finally:
        db.dispose()
    for note in notes:
        click.echo(f"Note: {note}", err=True)
    if before == after:
        click.echo(f"Database is up to date at schema version {after}.")
    else:
        click.echo(f"Database upgraded from {before or 'empty'} to schema version {after}.")
