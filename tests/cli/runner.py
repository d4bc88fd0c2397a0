"""Running the `enamel` command in-process against a test database."""

from __future__ import annotations

from click.testing import CliRunner, Result

from enamel.cli import main
from enamel.db import Database


def url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def enamel(db: Database, *args: str) -> Result:
    """`enamel ARGS...` with ENAMEL_DATABASE_URL naming `db`."""
    return CliRunner().invoke(main, list(args), env={"ENAMEL_DATABASE_URL": url(db)})
