"""`enamel audit ...`: check the practice data for writes that bypassed Enamel, and act on it."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import click

from enamel.audit.errors import SealKeyProblem
from enamel.audit.findings import acknowledge, as_dict, is_open, listed, save
from enamel.audit.verify import Finding, Report, planned, verify
from enamel.cli.common import as_json, opened
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
        try:
            report = _run(db, since)
        except SealKeyProblem as exc:
            raise CannotCheck(exc.message) from exc
        actor = command_line_actor()
        with db.write() as session:
            save(session, actor, report)
        with db.read() as session:
            still_open = is_open(report, session)
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
            f"Checked {report.rows} sealed rows and {report.links} log links{scope} "
            f"in {report.seconds:.1f} s: "
        )
        summary += f"{len(still_open)} open findings." if still_open else "no open findings."
        if acknowledged:
            summary += f" ({acknowledged} acknowledged findings not shown.)"
        click.echo(summary)
    if still_open:
        sys.exit(1)


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
    for column, values in finding.columns.items():
        lines.append(f"    {column}: {values.get('before')!r} -> {values.get('after')!r}")
    return "\n".join(lines)


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
