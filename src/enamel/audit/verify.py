"""`enamel audit verify`: every check, one report.

It recomputes every row seal and every link of the security-log chain, compares the chain and
the capture triggers with the last checkpoint kept outside the database, checks that the
triggers are in place, and lists the captured changes Enamel cannot account for. Each finding
names the table, the row's key, the kind, what differs, and, where the capture saw the change,
the database account, host and time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from enamel.audit import capture, changes, checkpoints, lock, scan
from enamel.audit.chain import GENESIS, HEAD
from enamel.audit.changes import ACTIONS, Change
from enamel.audit.seals import SEALED_TABLES
from enamel.audit.writer import RECREATED, database_id
from enamel.db import Database
from enamel.models import AuditChainHead, AuditState, SecurityLog, SecurityLogHash


@dataclass
class Finding:
    kind: str
    table: str
    key: int
    detail: str
    account: str = ""
    host: str = ""
    when: dt.datetime | None = None
    columns: dict[str, dict[str, Any]] = field(default_factory=dict)
    change: int = 0
    """The captured change (auditchange.ChangeNum) behind the finding, 0 when none."""
    evidence: str = ""

    @property
    def fingerprint(self) -> str:
        """Stable across checks for the same problem, so acknowledging it sticks."""
        text = f"{self.kind}|{self.table}|{self.key}|{self.change}|{self.evidence}"
        return hashlib.sha256(text.encode()).hexdigest()

    def explain(self, change: Change) -> None:
        self.account, self.host, self.when = change.account, change.host, change.at
        self.change = change.num
        self.columns = change.columns or _image(change)
        what = ACTIONS.get(change.action, change.action)
        self.detail += f"; {what} by {change.account or 'an unknown account'}"
        if change.application:
            self.detail += f" ({change.application})"
        self.detail += f" at {change.at}: {change.why}"


def _image(change: Change) -> dict[str, dict[str, Any]]:
    """For inserts and deletes: the whole row, as after or before."""
    if change.action == "I":
        return {k: {"before": None, "after": v} for k, v in change.new.items()}
    if change.action == "D":
        return {k: {"before": v, "after": None} for k, v in change.old.items()}
    return {}


@dataclass
class Report:
    findings: list[Finding]
    rows: int
    links: int
    seconds: float
    since: dt.datetime | None
    checkpoint: str

    @property
    def clean(self) -> bool:
        return not self.findings


Progress = Callable[[int], None]


def planned(db: Database, since: dt.datetime | None = None) -> int:
    """How many rows and links a check will read (for a progress bar)."""
    with db.read_engine.connect() as conn:
        total = 0
        for name in (*SEALED_TABLES, "securityloghash"):
            table = SecurityLog.metadata.tables[name]
            stmt = select(func.count()).select_from(table)
            if since is not None and "DateTStamp" in table.c:
                stmt = stmt.where(table.c.DateTStamp >= since)
            total += int(conn.execute(stmt).scalar() or 0)
        return total


def verify(
    db: Database, *, since: dt.datetime | None = None, progress: Progress | None = None
) -> Report:
    started = time.perf_counter()
    key = db.auditor().key
    secret = key.secret
    findings: list[Finding] = []
    counted = _Counter(progress)
    with db.read_engine.connect() as conn:
        ident = database_id(conn)
        previous_checkpoint, invalid = checkpoints.latest(key, ident)
        head = conn.execute(
            select(AuditChainHead.LinkCount, AuditChainHead.LastHash).where(
                AuditChainHead.ChainHeadNum == HEAD
            )
        ).first()
        # 1. Row seals.
        for table in SEALED_TABLES:
            for problem in scan.seals(conn, secret, table, since=since, progress=counted):
                findings.append(_finding(problem))
        if since is not None:
            seen = {(f.table, f.key) for f in findings}
            for table, keys in changes.changed_rows(conn, since).items():
                if table in SEALED_TABLES:
                    for problem in scan.seals_of(conn, secret, table, list(keys)):
                        if (problem.table, problem.key) not in seen:
                            findings.append(_finding(problem))
        rows = counted.total
        # 2. The chain, from the start or from the last link before `since`.
        after, previous, offset, last_log = _chain_start(conn, since)
        # What the chain is before the walk: with --since, the links before the start.
        end = scan.ChainEnd(links=offset, last_log_num=last_log, last_hash=previous)
        watch = {
            int(head[0]) if head else 0: "",
            previous_checkpoint.count if previous_checkpoint else 0: "",
        }
        for problem in scan.links(
            conn,
            secret,
            after_link=after,
            previous=previous,
            end=end,
            watch=watch,
            progress=progress,
        ):
            findings.append(_finding(problem))
        findings.extend(_finding(p) for p in scan.unchained(conn))
        if head is not None and since is None:
            count, last_hash = int(head[0]), str(head[1])
            if end.links < count or (count and watch.get(count) != last_hash):
                findings.append(
                    Finding(
                        "chain head mismatch",
                        "securityloghash",
                        0,
                        f"the chain head says {count} links ending in {last_hash[:12]}…, "
                        f"the chain has {end.links}",
                        evidence=f"{count}:{last_hash}",
                    )
                )
        # 3. The last checkpoint outside the database.
        fingerprints = capture.fingerprints(conn)
        findings.extend(
            Finding("checkpoint invalid", "", 0, text, evidence=text) for text in invalid
        )
        if previous_checkpoint is not None:
            if 0 < previous_checkpoint.count <= offset:  # before the walk's start (--since)
                watch[previous_checkpoint.count] = _link_at(conn, previous_checkpoint.count)
            findings.extend(_against(previous_checkpoint, end, watch, fingerprints))
        # 4. The capture triggers themselves.
        for trouble in capture.problems(conn):
            findings.append(
                Finding(
                    trouble.kind,
                    trouble.table,
                    0,
                    f"{trouble.trigger}: {trouble.detail}",
                    evidence=f"{trouble.trigger}:{fingerprints.get(trouble.trigger, '')}",
                )
            )
        recreated = conn.execute(
            select(AuditState.Value).where(AuditState.Name == RECREATED)
        ).scalar()
        if recreated:
            when, _, links = str(recreated).rpartition(" ")
            findings.append(
                Finding(
                    "audit state recreated",
                    "auditstate",
                    0,
                    f"the record of the seal key and of this database's checkpoints was missing "
                    f"and was written again on {when}, over a chain of {links} entries: rows of "
                    "auditstate were deleted; the checkpoints outside the database start over",
                    evidence=str(recreated),
                )
            )
        intended = lock.intended_account(conn)
        if intended is not None and conn.dialect.name != "sqlite":
            for trouble in lock.lock_problems(conn, intended):
                findings.append(
                    Finding(
                        trouble.kind,
                        trouble.table,
                        0,
                        f"{trouble.trigger} (audit lock for {intended}): {trouble.detail}",
                        evidence=trouble.trigger,
                    )
                )
        # 5. Captured changes nobody accounts for, joined to the rows they explain.
        by_row = {(f.table, f.key): f for f in findings if f.table and f.key}
        for change in changes.unattributed(conn, since):
            finding = by_row.get((change.table, change.key))
            if finding is not None and finding.change == 0:
                finding.explain(change)
                continue
            extra = Finding(
                "unattributed change",
                change.table,
                change.key,
                f"{change.table} row {change.key}",
            )
            extra.explain(change)
            findings.append(extra)
        for refusal in changes.refusals(conn, since):
            findings.append(
                Finding(
                    "refused write",
                    refusal.TableName,
                    refusal.RowKey,
                    f"the audit lock refused a {ACTIONS.get(refusal.Action, refusal.Action)} "
                    f"write by {refusal.DbAccount}",
                    account=refusal.DbAccount,
                    host=refusal.ClientHost,
                    when=refusal.RefusedAt,
                    evidence=str(refusal.RefusalNum),
                )
            )
    for finding in findings:
        if finding.kind in ("seal mismatch", "missing seal") and finding.change == 0:
            finding.detail += (
                "; no change was captured for it: the capture triggers were bypassed "
                "(dropped, disabled, TRUNCATE) or the row came back from a backup"
            )
    file = checkpoints.write(
        key,
        ident,
        checkpoints.Checkpoint(
            at=checkpoints.now(),
            count=end.links,
            last_log_num=end.last_log_num,
            last_hash=end.last_hash,
            triggers=fingerprints,
        ),
    )
    return Report(findings, rows, end.links, time.perf_counter() - started, since, str(file))


class _Counter:
    """Counts the rows checked and passes each batch on to the progress bar."""

    def __init__(self, progress: Progress | None) -> None:
        self.total = 0
        self.progress = progress

    def __call__(self, rows: int) -> None:
        self.total += rows
        if self.progress:
            self.progress(rows)


def _against(
    checkpoint: checkpoints.Checkpoint,
    end: scan.ChainEnd,
    watch: dict[int, str],
    fingerprints: dict[str, str],
) -> list[Finding]:
    found: list[Finding] = []
    at = watch.get(checkpoint.count)
    if checkpoint.count and (end.links < checkpoint.count or at != checkpoint.last_hash):
        found.append(
            Finding(
                "chain tail cut",
                "securitylog",
                checkpoint.last_log_num,
                f"the checkpoint of {checkpoint.at} saw {checkpoint.count} chained entries "
                f"ending at entry {checkpoint.last_log_num}; the chain now has {end.links} "
                f"ending at entry {end.last_log_num}: entries were removed from the end of "
                "the log (or the database was restored from an older backup)",
                evidence=f"{checkpoint.at}:{checkpoint.count}",
            )
        )
    for name, before in checkpoint.triggers.items():
        now = fingerprints.get(name)
        if now is not None and now != before:
            found.append(
                Finding(
                    "trigger replaced",
                    name.split("enamel_capture_")[-1].rsplit("_", 1)[0],
                    0,
                    f"{name} was dropped and re-created since the checkpoint of "
                    f"{checkpoint.at}: writes in between may not have been captured",
                    evidence=f"{name}:{now}",
                )
            )
    return found


def _chain_start(conn: Connection, since: dt.datetime | None) -> tuple[int, str, int, int]:
    """(link number to start after, its stored hash, links before the start, their last
    security-log entry)."""
    if since is None:
        return 0, GENESIS, 0, 0
    H, L = SecurityLogHash, SecurityLog
    first = conn.execute(
        select(func.min(H.SecurityLogHashNum))
        .join(L, L.SecurityLogNum == H.SecurityLogNum)
        .where(L.LogDateTime >= since)
    ).scalar()
    if first is None:
        last = conn.execute(select(func.max(H.SecurityLogHashNum))).scalar() or 0
        first = int(last) + 1
    before = conn.execute(
        select(H.SecurityLogHashNum, H.LogHash, H.SecurityLogNum)
        .where(H.SecurityLogHashNum < first)
        .order_by(H.SecurityLogHashNum.desc())
        .limit(1)
    ).first()
    if before is None:
        return 0, GENESIS, 0, 0
    offset = conn.execute(select(func.count()).where(H.SecurityLogHashNum <= before[0])).scalar()
    return int(before[0]), str(before[1]), int(offset or 0), int(before[2])


def _link_at(conn: Connection, position: int) -> str:
    """The stored link at a 1-based position of the chain ('' when the chain is shorter)."""
    H = SecurityLogHash
    value = conn.execute(
        select(H.LogHash).order_by(H.SecurityLogHashNum).offset(position - 1).limit(1)
    ).scalar()
    return "" if value is None else str(value)


def _finding(problem: scan.Problem) -> Finding:
    return Finding(
        problem.kind, problem.table, problem.key, problem.detail, evidence=problem.evidence
    )
