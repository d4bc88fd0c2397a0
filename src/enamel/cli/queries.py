"""`enamel queries ...`: what each integration's governed SQL reads do, and their switch."""

from __future__ import annotations

import datetime as dt

import click

from enamel.cli.common import as_json, opened
from enamel.db import clock
from enamel.queries.monitor import running, stop
from enamel.queries.stats import summaries
from enamel.security.actor import command_line_actor
from enamel.security.integrations import switch_and_lock


@click.group("queries")
def queries_group() -> None:
    """Governed SQL reads (PUT /api/v1/queries/ShortQuery)."""


@queries_group.command("stats")
@click.option("--hours", default=24, show_default=True, type=click.IntRange(1, 24 * 366))
@click.option("--json", "json_out", is_flag=True, help="Print a JSON array.")
def stats_command(hours: int, json_out: bool) -> None:
    """Per integration: queries, rows, total and p95 time, timeouts, over-budget and refused
    queries, errors, the last query, and whether its SQL access is on."""
    with opened() as db:
        rows = summaries(db, clock.now() - dt.timedelta(hours=hours))
    if json_out:
        as_json([r.as_dict() for r in rows])
        return
    for r in rows:
        click.echo(
            f"{r.integration}: SQL {r.sql_access}; {r.queries} queries, {r.rows} rows, "
            f"{r.total_seconds:.1f} s, p95 {r.p95_ms} ms, {r.timeouts} timeouts, "
            f"{r.over_budget} over budget, {r.refused} refused, {r.errors} errors"
        )
        if r.last_query:
            click.echo(f"    last at {r.last_at}: {' '.join(r.last_query.split())[:120]}")
    if not rows:
        click.echo("No integrations.")


@queries_group.command("off")
@click.argument("name")
@click.option("--reason", required=True, help="Why: written to the security log and shown to it.")
def off_command(name: str, reason: str) -> None:
    """Switch an integration's SQL reads off (the rest of its access stays on); its own
    database account, if it has one, is locked and its sessions ended."""
    with opened() as db:
        row, ended = switch_and_lock(
            db, command_line_actor(), name, on=False, reason=reason, sql=True
        )
    click.echo(f"SQL access of integration '{row.Name}' is off: {row.SqlOffReason}")
    if row.SqlAccount:
        click.echo(f"Its database account {row.SqlAccount} is locked ({ended} sessions ended).")


@queries_group.command("on")
@click.argument("name")
@click.option("--reason", default="", help="Optional note for the security log.")
def on_command(name: str, reason: str) -> None:
    """Switch an integration's SQL reads back on (also after an automatic switch-off)."""
    with opened() as db:
        row, _ = switch_and_lock(db, command_line_actor(), name, on=True, reason=reason, sql=True)
    click.echo(f"SQL access of integration '{row.Name}' is on.")


@queries_group.command("top")
@click.option("--json", "json_out", is_flag=True, help="Print a JSON array.")
def top_command(json_out: bool) -> None:
    """Governed reads running now: id, integration, seconds, query (MariaDB, PostgreSQL)."""
    with opened() as db:
        rows = running(db)
    if json_out:
        as_json([r.as_dict() for r in rows])
        return
    for r in rows:
        click.echo(f"{r.id}\t{r.integration}\t{r.seconds:.1f} s\t{' '.join(r.sql.split())[:100]}")
    if not rows:
        click.echo("No governed read is running.")


@queries_group.command("kill")
@click.argument("query_id", metavar="ID", type=int)
def kill_command(query_id: int) -> None:
    """Stop one running governed read (an ID from `enamel queries top`); logged."""
    with opened() as db:
        stopped = stop(db, command_line_actor(), query_id)
    click.echo(f"Stopped query {query_id} of {stopped.integration}.")
