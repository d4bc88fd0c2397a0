"""The fast half of the check: read every sealed row and every chain link with the driver's
cursor, in key order and in batches, and recompute seals and links.

The statements are built with SQLAlchemy and compiled once for the engine, then run on the raw
DBAPI cursor, which skips SQLAlchemy's per-row result processing (the seals are computed from
the drivers' own values, see `seals.RawEncoder`). Batches are keyset pages
(`WHERE key > last ORDER BY key LIMIT n`), so memory stays flat and no server-side cursor is
held open, on every engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, bindparam, exists, literal_column, select

from enamel.audit import chain
from enamel.audit.seals import SEAL_COLUMN, layout, matches
from enamel.models import SecurityLog, SecurityLogHash

BATCH = 20_000
Progress = Callable[[int], None]
"""Called with the number of rows just checked."""


@dataclass(frozen=True)
class Problem:
    kind: str
    table: str
    key: int
    detail: str
    evidence: str = ""
    """What makes this problem this one (the stored seal or link), for its fingerprint."""


class Raw:
    """A compiled statement run on the DBAPI cursor of `conn`."""

    def __init__(self, conn: Connection, stmt: Select[Any], *, literal: bool = False) -> None:
        compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": literal})
        self.compiled = compiled
        self.sql = compiled.string
        self.order = compiled.positiontup if compiled.positional else None
        self.sqlite = conn.dialect.name == "sqlite"
        self.cursor = conn.connection.cursor()

    def rows(self, **values: Any) -> list[Sequence[Any]]:
        if self.sqlite:  # sqlite3's datetime adapter is deprecated: compare as text
            values = {k: str(v) if isinstance(v, dt.datetime) else v for k, v in values.items()}
        filled = self.compiled.construct_params(values)
        params: Any = filled if self.order is None else tuple(filled[n] for n in self.order)
        if params:
            self.cursor.execute(self.sql, params)
        else:
            self.cursor.execute(self.sql)
        return list(self.cursor.fetchall())

    def pages(self, key_index: int, start: int = 0, **values: Any) -> Iterator[list[Any]]:
        """Page through a statement that ends in `key > :last ORDER BY key LIMIT BATCH`."""
        last = start
        while True:
            rows = self.rows(last=last, **values)
            if rows:
                yield rows
            if len(rows) < BATCH:
                return
            last = rows[-1][key_index]

    def close(self) -> None:
        self.cursor.close()


def _seal_problem(table: str, key: int, stored: str, message: bytes) -> Problem:
    if not stored:
        return Problem("missing seal", table, key, "the row has no seal")
    return Problem(
        "seal mismatch",
        table,
        key,
        "the row's columns do not match its seal",
        evidence=f"{stored}:{message.hex()[:64]}",
    )


def seals(
    conn: Connection,
    secret: bytes,
    table: str,
    *,
    since: dt.datetime | None = None,
    progress: Progress | None = None,
) -> Iterator[Problem]:
    """Rows of `table` whose seal is missing or does not match their columns."""
    shape = layout(table)
    t = shape.table
    stmt = select(*shape.columns, t.c[SEAL_COLUMN]).where(shape.key > bindparam("last"))
    if since is not None:
        stmt = stmt.where(t.c.DateTStamp >= bindparam("since"))
    raw = Raw(conn, stmt.order_by(shape.key).limit(BATCH))
    encode = shape.raw_encoder(conn.dialect.name)
    key_index = shape.names.index(shape.key.name)
    extra: dict[str, Any] = {} if since is None else {"since": since}
    try:
        for rows in raw.pages(key_index, **extra):
            for row in rows:
                message = encode(row[:-1])
                if not row[-1] or not matches(secret, message, row[-1]):
                    yield _seal_problem(table, int(row[key_index]), row[-1], message)
            if progress:
                progress(len(rows))
    finally:
        raw.close()


def seals_of(conn: Connection, secret: bytes, table: str, keys: Sequence[int]) -> Iterator[Problem]:
    """The same check for the given keys only (rows named by captured changes)."""
    shape = layout(table)
    encode = shape.raw_encoder(conn.dialect.name)
    key_index = shape.names.index(shape.key.name)
    ordered = sorted({int(k) for k in keys})
    for i in range(0, len(ordered), 500):
        chunk = ordered[i : i + 500]
        stmt = select(*shape.columns, shape.table.c[SEAL_COLUMN]).where(shape.key.in_(chunk))
        raw = Raw(conn, stmt, literal=True)  # the keys are integers
        try:
            rows = raw.rows()
        finally:
            raw.close()
        for row in rows:
            message = encode(row[:-1])
            if not row[-1] or not matches(secret, message, row[-1]):
                yield _seal_problem(table, int(row[key_index]), row[-1], message)


@dataclass
class ChainEnd:
    links: int = 0
    last_log_num: int = 0
    last_hash: str = chain.GENESIS


def links(
    conn: Connection,
    secret: bytes,
    *,
    after_link: int = 0,
    previous: str = chain.GENESIS,
    end: ChainEnd,
    watch: dict[int, str] | None = None,
    progress: Progress | None = None,
) -> Iterator[Problem]:
    """Walk the chain from the link after `after_link` (whose stored hash is `previous`).

    Each link is recomputed from the stored previous link, so one break is reported once and
    does not make every later link look broken. `watch` maps chain positions (1-based) to
    fill in with the link found there, for the head and checkpoint comparisons."""
    watch = watch if watch is not None else {}
    shape = layout("securitylog")
    H, L = SecurityLogHash, SecurityLog
    stmt = (
        select(H.SecurityLogHashNum, H.SecurityLogNum, H.LogHash, L.SecurityLogNum, *shape.columns)
        .outerjoin(L, L.SecurityLogNum == H.SecurityLogNum)
        .where(H.SecurityLogHashNum > bindparam("last"))
        .order_by(H.SecurityLogHashNum)
        .limit(BATCH)
    )
    raw = Raw(conn, stmt)
    encode = shape.raw_encoder(conn.dialect.name)
    try:
        for rows in raw.pages(0, after_link):
            for row in rows:
                log_num, stored = int(row[1]), str(row[2])
                if row[3] is None:
                    yield Problem(
                        "chain break",
                        "securitylog",
                        log_num,
                        f"security-log entry {log_num} was deleted (its link in the chain remains)",
                        evidence=stored,
                    )
                elif chain.link(secret, previous, encode(row[4:])) != stored:
                    yield Problem(
                        "chain break",
                        "securitylog",
                        log_num,
                        f"the chain breaks at security-log entry {log_num}: the entry was "
                        "edited, its link was replaced, or entries just before it were removed",
                        evidence=stored,
                    )
                previous = stored
                end.links += 1
                if end.links in watch:
                    watch[end.links] = stored
                end.last_log_num = log_num
                end.last_hash = stored
            if progress:
                progress(len(rows))
    finally:
        raw.close()


def unchained(conn: Connection) -> Iterator[Problem]:
    """Security-log entries with no link: written by something other than Enamel."""
    H, L = SecurityLogHash, SecurityLog
    linked = exists().where(H.SecurityLogNum == L.SecurityLogNum)
    stmt = select(L.SecurityLogNum).where(~linked).order_by(literal_column("1"))
    for (num,) in conn.execute(stmt):
        yield Problem(
            "unchained log entry",
            "securitylog",
            int(num),
            f"security-log entry {num} is not in the chain: it was inserted outside Enamel",
        )
