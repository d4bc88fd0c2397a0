"""Findings kept in the database: what each check found, and the office's acknowledgements.

Each finding is stored once (by its fingerprint) and its `LastSeen` moves on with every check
that finds it again. Acknowledging one (with a reason, in the security log) takes it off the
open list without deleting it: `--all` and the API's `Status=all` still show it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from enamel.audit.log import record
from enamel.audit.verify import Finding, Report
from enamel.db import ReadSession, WriteSession, clock
from enamel.errors import InvalidInput, NotFound
from enamel.models import AuditFinding
from enamel.models.enums import EnumPermType
from enamel.security.actor import Actor

F = AuditFinding
MIN = clock.MIN_DATETIME


@dataclass(frozen=True)
class Saved:
    new: int
    open: int
    acknowledged: int


def save(db: WriteSession, actor: Actor, report: Report) -> Saved:
    """Store a check's findings and log the check, in one transaction."""
    actor.require(EnumPermType.SecurityAdmin)
    now = clock.now()
    known = {
        row.Fingerprint: row
        for row in db.scalars(
            select(F).where(F.Fingerprint.in_([f.fingerprint for f in report.findings]))
        )
    }
    new = acknowledged = 0
    for finding in report.findings:
        row = known.get(finding.fingerprint)
        if row is None:
            db.add(_row(finding, now))
            new += 1
        else:
            row.LastSeen = now
            acknowledged += row.AckDateTime != MIN
    still_open = len(report.findings) - acknowledged
    scope = f" since {report.since}" if report.since else ""
    record(
        db,
        actor,
        EnumPermType.SecurityAdmin,
        f"Integrity check{scope}: {report.rows} sealed rows and {report.links} log links "
        f"checked, {still_open} open findings ({new} new)",
    )
    return Saved(new=new, open=still_open, acknowledged=acknowledged)


def _row(finding: Finding, now: Any) -> AuditFinding:
    return AuditFinding(
        Fingerprint=finding.fingerprint,
        Kind=finding.kind,
        TableName=finding.table,
        RowKey=finding.key,
        Detail=json.dumps(
            {"message": finding.detail, "columns": finding.columns, "change": finding.change},
            default=str,
        ),
        DbAccount=finding.account[:255],
        ClientHost=finding.host[:255],
        ChangedAt=finding.when or MIN,
        FirstSeen=now,
        LastSeen=now,
    )


def is_open(report: Report, db: ReadSession) -> list[Finding]:
    """The report's findings that no one has acknowledged."""
    prints = [f.fingerprint for f in report.findings]
    closed: set[str] = set()
    for i in range(0, len(prints), 1000):
        closed.update(
            db.scalars(
                select(F.Fingerprint).where(
                    F.Fingerprint.in_(prints[i : i + 1000]), F.AckDateTime != MIN
                )
            )
        )
    return [f for f in report.findings if f.fingerprint not in closed]


def listed(
    db: ReadSession, *, status: str = "open", offset: int = 0, limit: int = 100
) -> list[AuditFinding]:
    """Findings, newest first: `open`, `acknowledged` or `all`."""
    stmt = select(F).order_by(F.AuditFindingNum.desc()).offset(offset).limit(limit)
    if status == "open":
        stmt = stmt.where(F.AckDateTime == MIN)
    elif status == "acknowledged":
        stmt = stmt.where(F.AckDateTime != MIN)
    return list(db.scalars(stmt))


def acknowledge(db: WriteSession, actor: Actor, number: int, reason: str) -> AuditFinding:
    """Close a finding with the office's reason; the security log keeps who and why."""
    actor.require(EnumPermType.SecurityAdmin)
    reason = reason.strip()
    if not reason:
        raise InvalidInput(
            "say why the finding is acknowledged (a reason is required)", field="Reason"
        )
    row = db.get(F, number)
    if row is None:
        raise NotFound(f"there is no finding {number}")
    if row.AckDateTime != MIN:
        raise InvalidInput(
            f"finding {number} was already acknowledged on {row.AckDateTime}",
            field="AuditFindingNum",
        )
    row.AckDateTime = clock.now()
    row.AckUserName = actor.user_name or actor.name
    row.AckReason = reason
    record(
        db,
        actor,
        EnumPermType.SecurityAdmin,
        f"Integrity finding {number} acknowledged ({row.Kind}, {row.TableName} "
        f"{row.RowKey}): {reason}",
        fkey=number,
    )
    return row


def as_dict(row: AuditFinding) -> dict[str, Any]:
    detail = json.loads(row.Detail or "{}")
    return {
        "AuditFindingNum": row.AuditFindingNum,
        "Kind": row.Kind,
        "TableName": row.TableName,
        "RowKey": row.RowKey,
        "Message": detail.get("message", ""),
        "Columns": detail.get("columns", {}),
        "DbAccount": row.DbAccount,
        "ClientHost": row.ClientHost,
        "ChangedAt": row.ChangedAt,
        "FirstSeen": row.FirstSeen,
        "LastSeen": row.LastSeen,
        "Acknowledged": row.AckDateTime != MIN,
        "AckUserName": row.AckUserName,
        "AckDateTime": row.AckDateTime,
        "AckReason": row.AckReason,
    }
