"""Searching the whole security log for the office pages: filters, pages, CSV.

Unlike the API's `/securitylogs` (each integration sees its own entries), the office sees every
entry. Newest first; filters by patient, integration, office user, permission and time.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Select, select

from enamel.db import Database, ReadSession
from enamel.models import Integration, SecurityLog, Userod
from enamel.models.enums import EnumPermType
from enamel.security.actor import ActorKind

S = SecurityLog
CSV_COLUMNS = (
    "SecurityLogNum", "LogDateTime", "PermType", "ActorKind", "ActorName", "UserNum",
    "PatNum", "FKey", "CompName", "RequestId", "LogText",
)  # fmt: skip


@dataclass(frozen=True)
class Filters:
    pat_num: int | None = None
    integration: str = ""
    user_num: int | None = None
    permission: EnumPermType | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None

    def statement(self) -> Select[SecurityLog]:
        stmt = select(S)
        if self.pat_num is not None:
            stmt = stmt.where(S.PatNum == self.pat_num)
        if self.integration:
            stmt = stmt.where(
                S.ActorKind == ActorKind.INTEGRATION.value, S.ActorName == self.integration
            )
        if self.user_num is not None:
            stmt = stmt.where(S.UserNum == self.user_num)
        if self.permission is not None:
            stmt = stmt.where(S.PermType == self.permission)
        if self.since is not None:
            stmt = stmt.where(S.LogDateTime >= self.since)
        if self.until is not None:
            stmt = stmt.where(S.LogDateTime <= self.until)
        return stmt.order_by(S.SecurityLogNum.desc())


def search(db: ReadSession, filters: Filters, offset: int, limit: int) -> list[SecurityLog]:
    """One page of matching entries, newest first (one more than `limit` tells a next page)."""
    return list(db.scalars(filters.statement().offset(offset).limit(limit)))


def choices(db: ReadSession) -> tuple[list[str], list[tuple[int, str]]]:
    """Integration names and office users (number, name), for the filter's lists."""
    names = list(db.scalars(select(Integration.Name).order_by(Integration.Name)))
    users = [
        (int(num), str(name))
        for num, name in db.execute(
            select(Userod.UserNum, Userod.UserName).order_by(Userod.UserName)
        )
    ]
    return names, users


def csv_lines(db: Database, filters: Filters, batch: int = 1000) -> Iterator[str]:
    """Every matching entry as CSV, a header line first, read in batches."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    yield _take(out)
    last: int | None = None
    while True:
        stmt = filters.statement()
        if last is not None:
            stmt = stmt.where(S.SecurityLogNum < last)
        with db.read() as session:
            rows = list(session.scalars(stmt.limit(batch)))
        for row in rows:
            writer.writerow(
                [
                    row.SecurityLogNum, f"{row.LogDateTime:%Y-%m-%d %H:%M:%S}",
                    row.PermType.name, row.ActorKind, _cell(row.ActorName), row.UserNum,
                    row.PatNum, row.FKey, _cell(row.CompName), row.RequestId, _cell(row.LogText),
                ]
            )  # fmt: skip
        yield _take(out)
        if len(rows) < batch:
            return
        last = rows[-1].SecurityLogNum


def _cell(value: str) -> str:
    """A spreadsheet must not run text as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _take(out: io.StringIO) -> str:
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text
