"""The fast half of the check: read every sealed row and every chain link with the driver's
cursor, in key order and in batches, and recompute seals and links.

The statements are built with SQLAlchemy and compiled once for the engine, then run on the raw
DBAPI cursor, which skips SQLAlchemy's per-row result processing (the seals are computed from
the drivers' own values, see `seals.RawEncoder`). Batches are keyset pages
(`WHERE key > last ORDER BY key LIMIT n`), so memory stays flat and no server-side cursor is
held open, on every engine.

The seals of a page are computed together (`seals.Sealer`) and compared in one pass; only a page
with a problem is gone through row by row. On PostgreSQL the seal check fetches numbers, dates
and times as the server's text, which is the canonical text already (`_PgText`), so psycopg
does not build a `date` that the encoder turns straight back into the same text.
"""

from __future__ import annotations

import datetime as dt
import hmac
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter, sub
from typing import Any

from sqlalchemy import Connection, Select, bindparam, exists, literal_column, select

from enamel.audit import chain
from enamel.audit.seals import SEAL_COLUMN, RawBatchEncoder, Sealer, layout, same
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
    """A compiled statement run on the DBAPI cursor of `conn`.

    `as_text`: on PostgreSQL, fetch numbers, dates and times as text that `str()` of the typed
    value would give (see `_PgText`); for statements whose values are only ever encoded."""

    def __init__(
        self, conn: Connection, stmt: Select[Any], *, literal: bool = False, as_text: bool = False
    ) -> None:
        compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": literal})
        self.compiled = compiled
        self.sql = compiled.string
        self.order = compiled.positiontup if compiled.positional else None
        self.sqlite = conn.dialect.name == "sqlite"
        self.cursor = conn.connection.cursor()
        self.text = _PgText(self.cursor) if as_text and conn.dialect.name == "postgresql" else None

    def rows(self, **values: Any) -> list[Sequence[Any]]:
        if self.sqlite:  # sqlite3's datetime adapter is deprecated: compare as text
            values = {k: str(v) if isinstance(v, dt.datetime) else v for k, v in values.items()}
        filled = self.compiled.construct_params(values)
        params: Any = filled if self.order is None else tuple(filled[n] for n in self.order)
        if params:
            self.cursor.execute(self.sql, params)
        else:
            self.cursor.execute(self.sql)
        rows = list(self.cursor.fetchall())
        return self.text.typed(rows) if self.text else rows

    def pages(
        self, key_index: int, start: int = 0, *, ahead: bool = False, **values: Any
    ) -> Iterator[list[Any]]:
        """Page through a statement that ends in `key > :last ORDER BY key LIMIT BATCH`.

        `ahead`: fetch the next page on a worker thread while the caller works on this one, so
        a database server's time and the transfer overlap the caller's work (for a caller that
        does not use the connection in between; no gain with sqlite3, which holds the GIL)."""
        if ahead:
            yield from self._pages_ahead(key_index, start, values)
            return
        last = start
        while True:
            rows = self.rows(last=last, **values)
            if rows:
                yield rows
            if len(rows) < BATCH:
                return
            last = int(rows[-1][key_index])

    def _pages_ahead(
        self, key_index: int, start: int, values: dict[str, Any]
    ) -> Iterator[list[Any]]:
        with ThreadPoolExecutor(1, thread_name_prefix="enamel-scan") as worker:
            pending: Future[list[Any]] | None = worker.submit(self.rows, last=start, **values)
            try:
                while pending is not None:
                    rows = pending.result()
                    pending = None
                    if len(rows) == BATCH:
                        last = int(rows[-1][key_index])
                        pending = worker.submit(self.rows, last=last, **values)
                    if rows:
                        yield rows
            finally:
                if pending is not None:  # the caller stopped early: let the fetch finish
                    pending.cancel()
                    wait([pending])

    def close(self) -> None:
        self.cursor.close()


def _pg_canonical(kind: str) -> Callable[[Iterable[Any]], bool]:
    """Whether all of a column's values, as PostgreSQL's text (ISO DateStyle), are what `str()`
    of psycopg's value gives: a date `yyyy-mm-dd` (not BC, not infinity, not year 10000+), a
    timestamp `yyyy-mm-dd hh:mm:ss` (no fraction, which psycopg's value shows with six digits),
    a time `hh:mm:ss` before 24:00:00 (which Python has no time for), a numeric with exactly two
    decimals (`Decimal` keeps them; no NaN or Infinity). Raises TypeError on a NULL."""
    if kind == "date":
        return lambda values: set(map(len, values)) == {10}
    if kind == "timestamp":
        return lambda values: set(map(len, values)) == {19}
    if kind == "time":

        def times(values: Iterable[Any]) -> bool:
            column = list(values)
            return set(map(len, column)) == {8} and max(column) < "24"

        return times
    if kind == "numeric":

        def numerics(values: Iterable[Any]) -> bool:
            column = list(values)
            return set(map(sub, map(len, column), map(str.rfind, column, repeat(".")))) == {3}

        return numerics
    raise ValueError(kind)


class _PgText:
    """PostgreSQL's text for integers, numerics, dates and times, where it is what the encoder
    would make of psycopg's value (`str()` of it) anyway, which spares building the value and
    printing it again. A page's column with any other text (NULL, BC, infinity, fractions of a
    second...) is loaded as psycopg loads it, value by value, so the encoding, and any error,
    is exactly the same as with the typed values. Only on a UTF8 connection (psycopg's text is
    `str` there) and, for dates and times, in ISO DateStyle (what the checks expect)."""

    INTEGERS = ("int2", "int4", "int8")
    CHECKED = ("numeric", "date", "timestamp", "time")

    def __init__(self, cursor: Any) -> None:
        from psycopg import pq
        from psycopg.types.string import TextLoader

        self.cursor = cursor
        self.checks: dict[int, tuple[Callable[[Iterable[Any]], bool], Any]] = {}
        info = cursor.connection.info
        if info.parameter_status("client_encoding") != "UTF8":
            return
        self.encoding = info.encoding
        iso = (info.parameter_status("DateStyle") or "").startswith("ISO")
        adapters = cursor.adapters  # the cursor's own copy: the connection keeps its loaders
        for kind in (*self.INTEGERS, *self.CHECKED):
            if kind in ("date", "timestamp", "time") and not iso:
                continue
            oid = adapters.types[kind].oid
            if kind in self.CHECKED:
                loader = adapters.get_loader(oid, pq.Format.TEXT)
                self.checks[oid] = (_pg_canonical(kind), loader(oid, cursor))
            adapters.register_loader(oid, TextLoader)

    def typed(self, rows: list[Any]) -> list[Any]:
        """The rows, with the values whose text is not canonical loaded as psycopg would."""
        if not rows:
            return rows
        for i, column_type in enumerate(self.cursor.description):
            check, loader = self.checks.get(column_type.type_code, (None, None))
            if check is None:
                continue
            try:
                canonical = check(map(itemgetter(i), rows))
            except TypeError:  # NULL
                canonical = False
            if not canonical:
                rows = [self._load(row, i, check, loader) for row in rows]
        return rows

    def _load(self, row: Sequence[Any], i: int, check: Any, loader: Any) -> Sequence[Any]:
        value = row[i]
        if value is None or check([value]):
            return row
        try:
            typed = loader.load(value.encode(self.encoding))
        except Exception:
            return row  # encoded as the server's text: it cannot match a seal Enamel made
        return (*row[:i], typed, *row[i + 1 :])


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


def _check(
    table: str,
    rows: list[Any],
    key_index: int,
    encode: RawBatchEncoder,
    sealer: Sealer,
) -> Iterator[Problem]:
    """Rows (each ending in its stored seal) whose seal is missing or does not match."""
    messages = encode([row[:-1] for row in rows])
    computed = sealer.many(messages)
    try:
        clean = all(map(hmac.compare_digest, computed, [row[-1] for row in rows]))
    except TypeError:  # a seal that is not ASCII text: row by row
        clean = False
    if clean:
        return
    for row, message, value in zip(rows, messages, computed, strict=True):
        stored = row[-1]
        if not stored or not same(value, stored):
            yield _seal_problem(table, int(row[key_index]), stored, message)


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
    raw = Raw(conn, stmt.order_by(shape.key).limit(BATCH), as_text=True)
    encode = shape.raw_batch_encoder(conn.dialect.name)
    sealer = Sealer(secret)
    key_index = shape.names.index(shape.key.name)
    extra: dict[str, Any] = {} if since is None else {"since": since}
    ahead = conn.dialect.name != "sqlite"
    try:
        for rows in raw.pages(key_index, ahead=ahead, **extra):
            yield from _check(table, rows, key_index, encode, sealer)
            if progress:
                progress(len(rows))
    finally:
        raw.close()


def seals_of(conn: Connection, secret: bytes, table: str, keys: Sequence[int]) -> Iterator[Problem]:
    """The same check for the given keys only (rows named by captured changes)."""
    shape = layout(table)
    encode = shape.raw_batch_encoder(conn.dialect.name)
    sealer = Sealer(secret)
    key_index = shape.names.index(shape.key.name)
    ordered = sorted({int(k) for k in keys})
    for i in range(0, len(ordered), 500):
        chunk = ordered[i : i + 500]
        stmt = select(*shape.columns, shape.table.c[SEAL_COLUMN]).where(shape.key.in_(chunk))
        raw = Raw(conn, stmt, literal=True, as_text=True)  # the keys are integers
        try:
            rows = raw.rows()
        finally:
            raw.close()
        yield from _check(table, rows, key_index, encode, sealer)


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
    raw = Raw(conn, stmt, as_text=True)
    encode = shape.raw_encoder(conn.dialect.name)
    try:
        for rows in raw.pages(0, after_link, ahead=conn.dialect.name != "sqlite"):
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
