"""`enamel demo load`."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator

import click
from sqlalchemy.exc import OperationalError

from enamel.cli.common import database, fail, unreachable
from enamel.db import Database
from enamel.db.migrate import current_revision, head_revision
from enamel.demo.loader import DatabaseNotEmpty, DemoResult, Person, load_demo


@click.group("demo")
def demo_group() -> None:
    """The demo practice."""


@demo_group.command("load")
@click.option("--patients", default=1000, show_default=True, type=click.IntRange(1, 1_000_000))
@click.option("--seed", default=42, show_default=True, help="Same seed, same practice.")
def demo_load(patients: int, seed: int) -> None:
    """Fill an empty database with a realistic demo practice (through the services)."""
    db = database()
    try:
        if current_revision(db) != head_revision():
            raise fail("the database schema is not up to date: run `enamel db upgrade` first")
        result = run_demo(db, patients, seed)
    except OperationalError as exc:
        raise unreachable(db, exc) from exc
    except DatabaseNotEmpty as exc:
        raise fail(exc.message) from exc
    finally:
        db.dispose()
    report(result)


def run_demo(db: Database, patients: int, seed: int) -> DemoResult:
    def progress(families: Iterable[list[Person]]) -> Iterator[list[Person]]:
        items = list(families)
        with click.progressbar(
            items,
            label="Loading the demo practice",
            item_show_func=_family_label,
            file=sys.stderr,
        ) as bar:
            yield from bar

    return load_demo(db, patients=patients, seed=seed, progress=progress)


def _family_label(family: list[Person] | None) -> str | None:
    return f"{family[0].last} family" if family else None


def report(result: DemoResult) -> None:
    click.echo(
        f"Demo practice loaded in {result.seconds:.1f} s: {result.patients} patients, "
        f"{result.appointments} appointments, {result.procedures} procedures, "
        f"{result.payments} payments, {result.adjustments} adjustments."
    )
