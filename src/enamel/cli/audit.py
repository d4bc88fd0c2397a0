"""`enamel audit ...`: check the practice data for writes that bypassed Enamel, and act on it."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import Any

import click
from sqlalchemy import Connection

from enamel.audit import lock
from enamel.audit.errors import SealKeyProblem
from enamel.audit.findings import acknowledge, as_dict, is_open, listed, save
from enamel.audit.log import record
from enamel.audit.rotate import rotate
from enamel.audit.verify import Finding, Report, planned, verify
from enamel.cli.common import as_json, fail, opened
from enamel.db import Database
from enamel.models.enums import EnumPermType
from enamel.queries import accounts
from enamel.security.actor import command_line_actor

SINCE_FORMATS = ["%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"]


class CannotCheck(click.ClickException):
    """The check could not run (no key, wrong key, unreachable database): exit status 2,
    so that scripts can tell it from "findings" (1)."""

    exit_code = 2


@click.group("audit")
def audit_group() -> None:
    """Tamper evidence: row seals, the security-log chain, captured changes."""


@audit_group.command("verify")
@click.option("--json", "json_out", is_flag=True, help="Print one JSON object.")
@click.option(
    "--since",
    type=click.DateTime(SINCE_FORMATS),
    default=None,
    help="Only rows, log entries and captured changes from this date or time on.",
)
def verify_command(json_out: bool, since: dt.datetime | None) -> None:
    """Check seals, the security-log chain and the change capture.

    Exit status 0 when nothing is found, 1 when there are open findings, 2 when the check
    could not run."""
    with opened() as db:
        report, still_open = _check(db, since)
    acknowledged = len(report.findings) - len(still_open)
    if json_out:
        as_json(
            {
                "clean": not still_open,
                "findings": [_json(f) for f in still_open],
                "acknowledged": acknowledged,
                "rows": report.rows,
                "links": report.links,
                "seconds": round(report.seconds, 3),
                "since": report.since,
                "checkpoint": report.checkpoint,
            }
        )
    else:
        for finding in still_open:
            click.echo(_text(finding))
        scope = f" since {since}" if since else ""
        summary = (
            f"Checked {report.rows:,} sealed rows and {report.links:,} log links{scope} "
            f"in {report.seconds:.1f} s: "
        )
        summary += f"{len(still_open)} open findings." if still_open else "no open findings."
        if acknowledged:
            summary += f" ({acknowledged} acknowledged findings not shown.)"
        click.echo(summary)
    if still_open:
        sys.exit(1)


def _check(db: Database, since: dt.datetime | None) -> tuple[Report, list[Finding]]:
    """Run the check, keep its findings and log it; the report and its open findings."""
    try:
        report = _run(db, since)
    except SealKeyProblem as exc:
        raise CannotCheck(exc.message) from exc
    with db.write() as session:
        save(session, command_line_actor(), report)
    with db.read() as session:
        return report, is_open(report, session)


def _run(db: Any, since: dt.datetime | None) -> Report:
    if not sys.stderr.isatty():
        return verify(db, since=since)
    total = planned(db, since)
    with click.progressbar(length=total, label="Checking", file=sys.stderr) as bar:
        return verify(db, since=since, progress=bar.update)


def _json(finding: Finding) -> dict[str, Any]:
    return {
        "kind": finding.kind,
        "table": finding.table,
        "key": finding.key,
        "detail": finding.detail,
        "columns": finding.columns,
        "account": finding.account,
        "host": finding.host,
        "when": finding.when,
        "change": finding.change,
        "fingerprint": finding.fingerprint,
    }


def _text(finding: Finding) -> str:
    where = f"{finding.table} {finding.key}" if finding.key else finding.table
    lines = [f"{finding.kind}: {where}: {finding.detail}"]
    changes = finding.columns.values()
    if changes and all(v.get("after") is None for v in changes):  # deleted: the row it was
        lines.append("    was: " + _row(finding.columns, "before"))
    elif changes and all(v.get("before") is None for v in changes):  # inserted: the new row
        lines.append("    now: " + _row(finding.columns, "after"))
    else:
        for column, values in finding.columns.items():
            lines.append(f"    {column}: {values.get('before')!r} -> {values.get('after')!r}")
    return "\n".join(lines)


def _row(columns: dict[str, dict[str, Any]], side: str) -> str:
    """A whole row on one line, without its empty values and the seal."""
    shown = [
        f"{name}={values.get(side)!r}"
        for name, values in columns.items()
        if values.get(side) not in ("", 0, None)
        and name != "SecurityHash"
        and not str(values.get(side)).startswith("0001-01-01")
    ]
    return ", ".join(shown)


@audit_group.command("findings")
@click.option("--all", "show_all", is_flag=True, help="Acknowledged findings too.")
@click.option("--json", "json_out", is_flag=True, help="Print a JSON array.")
def findings_command(show_all: bool, json_out: bool) -> None:
    """Findings of the checks so far, newest first (open ones unless --all)."""
    with opened() as db, db.read() as session:
        rows = [
            as_dict(r) for r in listed(session, status="all" if show_all else "open", limit=10_000)
        ]
    if json_out:
        as_json(rows)
        return
    for row in rows:
        state = (
            f"acknowledged by {row['AckUserName']}: {row['AckReason']}"
            if row["Acknowledged"]
            else "open"
        )
        click.echo(
            f"#{row['AuditFindingNum']} {row['Kind']}: {row['TableName']} {row['RowKey']}: "
            f"{row['Message']} [{state}]"
        )
    if not rows:
        click.echo("No findings." if show_all else "No open findings.")


@audit_group.command("acknowledge")
@click.argument("number", type=int)
@click.option("--reason", required=True, help="Why this finding is known and accepted.")
def acknowledge_command(number: int, reason: str) -> None:
    """Acknowledge a finding: it leaves the open list and stays on record, with the reason."""
    with opened() as db, db.write() as session:
        row = acknowledge(session, command_line_actor(), number, reason)
    click.echo(f"Finding {row.AuditFindingNum} acknowledged.")


@audit_group.group("lock")
def lock_group() -> None:
    """Have the database refuse writes to practice tables from any account but Enamel's own
    (MariaDB and PostgreSQL)."""


@lock_group.command("on")
@click.option(
    "--account",
    default=None,
    help="The database account allowed to write (default: the one in ENAMEL_DATABASE_URL).",
)
def lock_on_command(account: str | None) -> None:
    """Refuse, and record, writes from every other database account."""
    with opened() as db:
        allowed = account or db.url.username or ""
        _switch_lock(db, lambda conn: lock.lock_on(conn, allowed), f"on for account {allowed}")
    click.echo(
        f"Audit lock on: only the database account {allowed!r} may write the practice tables; "
        "refused attempts show in `enamel audit verify`."
    )


@lock_group.command("off")
def lock_off_command() -> None:
    """Let every account with the database privileges write again."""
    with opened() as db:
        _switch_lock(db, lock.lock_off, "off")
    click.echo("Audit lock off.")


@lock_group.command("status")
def lock_status_command() -> None:
    """Whether the lock is on, and for which account."""
    with opened() as db, db.write_engine.connect() as conn:
        account = lock.locked_account(conn)
        problems = lock.lock_problems(conn, account) if account else []
    if account is None:
        click.echo("Audit lock off.")
        return
    click.echo(f"Audit lock on for account {account!r}.")
    for problem in problems:
        click.echo(f"  {problem.kind}: {problem.trigger} on {problem.table}")


def _switch_lock(db: Database, change: Callable[[Connection], None], what: str) -> None:
    try:
        with db.unaudited() as conn:
            change(conn)
    except lock.LockError as exc:
        raise fail(str(exc)) from exc
    with db.write() as session:
        actor = command_line_actor()
        actor.require(EnumPermType.SecurityAdmin)
        record(session, actor, EnumPermType.SecurityAdmin, f"Audit lock {what}")


@audit_group.command("rotate-key")
def rotate_key_command() -> None:
    """Check, then re-seal every row and re-chain the log under a new seal key.

    Refused while findings are open (re-sealing would hide them). Stop `enamel serve` first."""
    with opened() as db:
        _, still_open = _check(db, None)
        actor = command_line_actor()
        if still_open:
            raise fail(
                f"{len(still_open)} open findings: re-sealing would hide them; resolve or "
                "acknowledge them first (`enamel audit findings`)"
            )
        total = planned(db, None)
        if sys.stderr.isatty():
            with click.progressbar(length=total, label="Re-sealing", file=sys.stderr) as bar:
                done = rotate(db, actor, progress=bar.update)
        else:
            done = rotate(db, actor)
        after = verify(db)
        if db.dialect != "sqlite":  # the query account's password derives from the key
            try:
                with db.unaudited() as conn:
                    accounts.install(conn, db.url)
            except accounts.AccountNotCreated as exc:
                click.echo(f"Note: {exc}", err=True)
    click.echo(
        f"Seal key rotated: key id {done.old_id} -> {done.new_id}; {done.rows:,} rows re-sealed "
        f"and {done.links:,} log entries re-chained. The old key is kept as {done.retired} "
        "(to check old backups; delete it if it leaked)."
    )
    if after.findings:
        raise fail(f"the check after rotating found {len(after.findings)} findings")
