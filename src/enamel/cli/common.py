"""What the command groups share: the database from the environment, and clear failures."""

from __future__ import annotations

import click
from sqlalchemy.exc import OperationalError

from enamel.config import Settings
from enamel.db import Database


def database() -> Database:
    settings = Settings.from_env()
    return Database(settings.database_url)


class Failure(click.ClickException):
    """A clear one-line failure; exit status 1."""

    exit_code = 1


def fail(message: str) -> click.ClickException:
    return Failure(message)


def unreachable(db: Database, exc: OperationalError) -> click.ClickException:
    url = db.url.render_as_string(hide_password=True)
    return fail(f"cannot reach the database at {url}: {exc.orig}")
