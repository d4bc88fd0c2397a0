"""`enamel integrations ...` and `enamel api on|off`: register programs, switch them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click
from sqlalchemy import select

from enamel.cli.common import as_json, fail, opened
from enamel.db import clock
from enamel.models import Integration
from enamel.queries import accounts
from enamel.security.activity import summaries
from enamel.security.actor import command_line_actor
from enamel.security.integrations import (
    DEFAULT_RATE_LIMIT,
    MAX_RATE_LIMIT,
    add_integration,
    api_state,
    get_integration,
    record_sql_account,
    switch_and_lock,
    switch_api,
)
from enamel.security.scopes import Scope

SCOPES = [s.value for s in Scope]


@click.group("integrations")
def integrations_group() -> None:
    """Programs allowed to use the API: keys, scopes, switches, activity."""


@integrations_group.command("add")
@click.argument("name")
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    required=True,
    type=click.Choice(SCOPES),
    help="A scope to grant (repeat for more).",
)
@click.option(
    "--rate-limit",
    default=DEFAULT_RATE_LIMIT,
    show_default=True,
    type=click.IntRange(0, MAX_RATE_LIMIT),
    help="Requests per second; 0 = no limit.",
)
@click.option("--json", "json_out", is_flag=True, help="Print one JSON object.")
def add(name: str, scopes: tuple[str, ...], rate_limit: int, json_out: bool) -> None:
    """Register an integration and print its keys (shown this once, stored only as hashes)."""
    with opened() as db, db.write() as session:
        new = add_integration(session, command_line_actor(), name, scopes, rate_limit)
    row = new.integration
    if json_out:
        as_json(
            {
                "name": row.Name,
                "developer_key": new.developer_key,
                "customer_key": new.customer_key,
                "scopes": row.Scopes.split(),
                "rate_limit": row.RateLimit,
            }
        )
        return
    click.echo(f"Integration '{row.Name}' added with scopes: {row.Scopes}")
    click.echo(f"Rate limit: {row.RateLimit or 'none'} requests per second")
    click.echo(f"DeveloperKey: {new.developer_key}")
    click.echo(f"CustomerKey:  {new.customer_key}")
    click.echo(
        "Give the program both keys now: Enamel keeps only their hashes and cannot show them again."
    )
    click.echo(f"It sends: Authorization: ODFHIR {new.developer_key}/{new.customer_key}")


@integrations_group.command("list")
@click.option("--json", "json_out", is_flag=True, help="Print a JSON array.")
def list_integrations(json_out: bool) -> None:
    """Integrations, their state, scopes and activity over the last hour."""
    since = clock.now() - dt.timedelta(hours=1)
    with opened() as db, db.read() as session:
        rows = session.scalars(select(Integration).order_by(Integration.Name)).all()
        activity = summaries(session, since)
        api = api_state(session)
    items: list[dict[str, Any]] = []
    for row in rows:
        a = activity.get(row.IntegrationNum)
        items.append(
            {
                "name": row.Name,
                "enabled": row.IsEnabled,
                "off_reason": row.OffReason,
                "scopes": row.Scopes.split(),
                "rate_limit": row.RateLimit,
                "requests_last_hour": a.requests if a else 0,
                "errors_last_hour": a.errors if a else 0,
                "average_ms_last_hour": round(a.average_ms, 1) if a else 0.0,
                "last_seen": a.last_seen.isoformat(sep=" ") if a and a.last_seen else None,
                "created": row.DateTEntry.isoformat(sep=" "),
            }
        )
    if json_out:
        as_json(items)
        return
    if not api.IsEnabled:
        click.echo(f"The API is switched OFF: {api.OffReason}")
    if not items:
        click.echo("No integrations yet: add one with `enamel integrations add NAME --scope ...`.")
        return
    for i in items:
        state = "on" if i["enabled"] else f"OFF ({i['off_reason']})"
        limit = f"{i['rate_limit']}/s" if i["rate_limit"] else "no limit"
        click.echo(
            f"{i['name']}: {state}; scopes {' '.join(i['scopes'])}; rate limit {limit}; "
            f"last hour {i['requests_last_hour']} requests, {i['errors_last_hour']} errors, "
            f"{i['average_ms_last_hour']} ms average; last seen {i['last_seen'] or 'never'}"
        )


@integrations_group.command("off")
@click.argument("name")
@click.option("--reason", required=True, help="Why: written to the security log and shown to it.")
def off(name: str, reason: str) -> None:
    """Switch an integration off: every process refuses its requests within a second."""
    with opened() as db:
        row, ended = switch_and_lock(db, command_line_actor(), name, on=False, reason=reason)
    click.echo(f"Integration '{row.Name}' is off: {row.OffReason}")
    if row.SqlAccount:
        click.echo(f"Its database account {row.SqlAccount} is locked ({ended} sessions ended).")


@integrations_group.command("on")
@click.argument("name")
@click.option("--reason", default="", help="Optional note for the security log.")
def on(name: str, reason: str) -> None:
    """Switch an integration back on."""
    with opened() as db:
        row, _ = switch_and_lock(db, command_line_actor(), name, on=True, reason=reason)
    click.echo(f"Integration '{row.Name}' is on.")


@integrations_group.command("sql-account")
@click.argument("name")
@click.option("--json", "json_out", is_flag=True, help="Print one JSON object.")
def sql_account(name: str, json_out: bool) -> None:
    """Make (or remake, with a new password) a read-only database account for an integration
    that must connect to the database directly; the password is shown once."""
    with opened() as db:
        with db.read() as session:
            get_integration(session, name)  # 404 before any account is made
        try:
            with db.unaudited() as conn:
                account, password = accounts.create_integration_account(conn, db.url, name)
        except accounts.AccountNotCreated as exc:
            raise fail(str(exc)) from exc
        with db.write() as session:
            record_sql_account(session, command_line_actor(), name, account)
        accounts.sync_lock(db, name)
        host, port, database = db.url.host, db.url.port, db.url.database
    if json_out:
        as_json(
            {
                "integration": name,
                "account": account,
                "password": password,
                "host": host,
                "port": port,
                "database": database,
            }
        )
        return
    click.echo(f"Database account for integration '{name}' (shown once; store it now):")
    click.echo(f"  account:  {account}")
    click.echo(f"  password: {password}")
    click.echo(f"  database: {database} on {host}:{port}")
    click.echo(
        "It may SELECT the practice tables (not password hashes or seals), 5 connections, "
        f"{accounts.STATEMENT_SECONDS} s a statement; it is locked while the integration or "
        "its SQL access is off."
    )


@click.group("api")
def api_group() -> None:
    """The whole third-party API, on or off."""


@api_group.command("off")
@click.option(
    "--reason", required=True, help="Why: written to the security log and shown to callers."
)
def api_off(reason: str) -> None:
    """Switch the API off for every integration (503) within a second, on every process."""
    with opened() as db, db.write() as session:
        row = switch_api(session, command_line_actor(), on=False, reason=reason)
    click.echo(f"The API is off: {row.OffReason}")


@api_group.command("on")
@click.option("--reason", default="", help="Optional note for the security log.")
def api_on(reason: str) -> None:
    """Switch the API back on."""
    with opened() as db, db.write() as session:
        switch_api(session, command_line_actor(), on=True, reason=reason)
    click.echo("The API is on.")
