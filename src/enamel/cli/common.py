"""What the command groups share: the database from the environment, and clear failures."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click
from sqlalchemy.exc import OperationalError

from enamel.config import Settings
from enamel.db import Database
from enamel.db.engine import normalise_url
from enamel.db.migrate import current_revision, head_revision
from enamel.errors import DomainError


def settings() -> Settings:
    """The settings from the environment; a bad value is a one-line failure."""
    try:
        return Settings.from_env()
    except ValueError as exc:
        raise Failure(str(exc)) from exc


def database() -> Database:
    config = settings()
    db = Database(config.database_url)
    if config.query_database_url:
        db.replica_url = normalise_url(config.query_database_url)
    return db


class Failure(click.ClickException):
    """A clear one-line failure; exit status 1."""

    exit_code = 1


def fail(message: str) -> click.ClickException:
    return Failure(message)


def unreachable(db: Database, exc: OperationalError) -> click.ClickException:
    url = db.url.render_as_string(hide_password=True)
    return fail(f"cannot reach the database at {url}: {exc.orig}")


@contextmanager
def opened() -> Iterator[Database]:
    """The database for one command, migrated to this version, with clear failures."""
    db = database()
    try:
        if current_revision(db) != head_revision():
            raise fail("the database schema is not up to date: run `enamel db upgrade` first")
        yield db
    except OperationalError as exc:
        raise unreachable(db, exc) from exc
    except DomainError as exc:
        raise fail(exc.message) from exc
    finally:
        db.dispose()


def as_json(value: Any) -> None:
    click.echo(json.dumps(value, indent=2, default=str))
