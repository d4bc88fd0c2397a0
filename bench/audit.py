"""`python -m bench --only audit`: what tamper evidence (issue 5) costs.

- verify: `enamel.audit.verify.verify` over a practice of `--audit-rows` sealed rows (default
  1,000,000; goal: under 10 s for a million, i.e. at least 100,000 rows/s). The practice is a
  small demo written through Enamel (`load_demo`, which seals and chains every write, the
  capture triggers on), scaled up by bulk-inserting copies of its sealed rows, in the demo's own
  mix of patients, appointments, procedures, payments and splits, under new keys, with the
  driver (`executemany` on SQLite, COPY on PostgreSQL), each with its seal (`seals.seal` over
  the canonical encoding as Enamel computes it when it writes a row, from the template row's
  `Layout.python_fields`, so the check, which recomputes it from what the database holds,
  checks the two against each other on every row). The capture triggers
  are dropped for the bulk load and installed again afterwards (`capture.uninstall`/`install`),
  so `auditchange` holds only the demo's attributed changes; no check has run before, so there
  is no checkpoint that the re-created triggers would contradict. The check must report no
  finding and every row: a check that found garbage would measure nothing.
- writes: the write benchmark's booking through the service (`ServiceWriter`), on two fresh
  databases in the same run: one audited (the default `Database`: seals, chain links, the
  transaction marker, capture triggers) and one plain (`Database(url, audit=False)`, the capture
  triggers uninstalled). Rounds alternate; the ratio is the median of the per-round ratios of
  audited time over plain time for the same number of writes (goal: at most 2). Afterwards the
  audited database must verify clean and the plain one must hold no seal and no captured change.

The seal key is a fresh one in a temporary folder (`ENAMEL_SEAL_KEY_FILE`), so no key of the
user's is read or written; the checkpoints the checks write go beside it.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from bench.practice import SlotPlan, integration_actor, make_practice
from bench.report import AUDIT_WRITE_GOAL, LABELS, AuditWriteResult, VerifyResult
from bench.targets import Target, fresh_target
from bench.writers import ServiceWriter
from enamel.audit import capture
from enamel.audit.seals import SEAL_COLUMN, SEALED_MODELS, SEALED_TABLES, layout, seal
from enamel.audit.verify import verify
from enamel.db import Database
from enamel.demo.loader import load_demo
from enamel.models import Appointment, AuditChange

AUDIT_ROWS = 1_000_000
DEMO_PATIENTS = 100
"""The demo practice the bulk rows are copied from."""
CHUNK = 20_000
"""Rows sealed at a time; on SQLite, rows per `executemany` and commit."""
OPERATORIES = 4
PATIENTS = 200
WARMUP = 100

Say = Callable[[str], None]


@contextmanager
def scratch_seal_key() -> Iterator[Path]:
    """A new seal key in a temporary folder for the duration (`ENAMEL_SEAL_KEY_FILE`)."""
    before = os.environ.get("ENAMEL_SEAL_KEY_FILE")
    with TemporaryDirectory(prefix="enamel-bench-key-") as tmp:
        path = Path(tmp) / "seal.key"
        os.environ["ENAMEL_SEAL_KEY_FILE"] = str(path)
        try:
            yield path
        finally:
            if before is None:
                os.environ.pop("ENAMEL_SEAL_KEY_FILE", None)
            else:
                os.environ["ENAMEL_SEAL_KEY_FILE"] = before


def database_url(postgres_url: str, suffix: str) -> str:
    """The benchmark's PostgreSQL URL with `_<suffix>` added to the database name (one database
    per target, beside the write benchmark's own)."""
    u = make_url(postgres_url)
    return u.set(database=f"{u.database}_{suffix}").render_as_string(hide_password=False)


# -- verify -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    demo_rows: int
    bulk_rows: int
    seconds: float


@dataclass(frozen=True)
class Template:
    """A demo row to copy: its values as the driver returns them (what the copies insert),
    and the canonical text of each, computed as Enamel does when it seals a row it wrote
    (`Layout.python_fields`), not as the check does (`Layout.raw_encoder`): a copy's seal comes
    from the write path's encoding, the check recomputes it from the read path's, and a check
    without findings shows that the two agree on every row."""

    values: tuple[Any, ...]
    texts: tuple[str, ...]


def _templates(db: Database, table: str) -> list[Template]:
    shape = layout(table)
    model = next(m for m in SEALED_MODELS if m.__tablename__ == table)
    with db.read() as session:
        texts = [
            tuple(text(getattr(obj, name)) for name, text in shape.python_fields)
            for obj in session.scalars(select(model).order_by(shape.key))
        ]
    with db.read_engine.connect() as conn:
        compiled = select(*shape.columns).order_by(shape.key).compile(dialect=conn.dialect)
        cursor = conn.connection.cursor()
        try:
            cursor.execute(compiled.string)
            rows = [tuple(row) for row in cursor.fetchall()]
        finally:
            cursor.close()
    return [Template(row, text) for row, text in zip(rows, texts, strict=True)]


def _shares(counts: dict[str, int], total: int) -> dict[str, int]:
    """`total` split between the tables in proportion to `counts`."""
    whole = sum(counts.values())
    shares = {t: total * n // whole for t, n in counts.items()}
    largest = max(counts, key=lambda t: counts[t])
    shares[largest] += total - sum(shares.values())
    return shares


def _copies(
    table: str, templates: list[Template], first_key: int, count: int, secret: bytes
) -> Iterator[list[tuple[Any, ...]]]:
    """`count` copies of the templates (round robin) under keys from `first_key`, each with its
    seal last (`seals.seal`), in chunks of `CHUNK`."""
    shape = layout(table)
    k = shape.names.index(shape.key.name)
    n = len(templates)
    for start in range(0, count, CHUNK):
        chunk = []
        for i in range(start, min(start + CHUNK, count)):
            t = templates[i % n]
            key = first_key + i
            texts = (*t.texts[:k], str(key), *t.texts[k + 1 :])
            # The canonical encoding (see enamel.audit.seals): the table, then each column.
            message = "\x00".join((table, *texts)).encode("utf-8", "surrogatepass")
            chunk.append((*t.values[:k], key, *t.values[k + 1 :], seal(secret, message)))
        yield chunk


def _insert_sql(db: Database, table: str) -> str:
    """SQLite's INSERT of a row and its seal."""
    shape = layout(table)
    quote = db.write_engine.dialect.identifier_preparer.quote
    names = [*shape.names, SEAL_COLUMN]
    columns = ", ".join(quote(n) for n in names)
    marks = ", ".join(["?"] * len(names))
    return f"INSERT INTO {quote(table)} ({columns}) VALUES ({marks})"


def _copy_sql(db: Database, table: str) -> str:
    """PostgreSQL's COPY of rows and their seals."""
    shape = layout(table)
    quote = db.write_engine.dialect.identifier_preparer.quote
    columns = ", ".join(quote(n) for n in (*shape.names, SEAL_COLUMN))
    return f"COPY {quote(table)} ({columns}) FROM STDIN"


def build(target: Target, rows: int, demo_patients: int, say: Say) -> Built:
    """A demo practice through Enamel, then copies of its sealed rows up to `rows` in all."""
    label = LABELS[target.engine]
    db = target.db
    started = time.perf_counter()
    demo = load_demo(db, patients=demo_patients)
    say(
        f"  {label}: demo of {demo.patients:,} patients loaded through Enamel in "
        f"{time.perf_counter() - started:.1f} s"
    )
    secret = db.auditor().key.secret
    templates = {t: _templates(db, t) for t in SEALED_TABLES}
    counts = {t: len(r) for t, r in templates.items()}
    demo_rows = sum(counts.values())
    bulk = max(0, rows - demo_rows)
    shares = _shares(counts, bulk)
    with db.write_engine.begin() as conn:
        capture.uninstall(conn)
    progress = _Progress(say, label, bulk)
    raw = db.write_engine.raw_connection()
    try:
        driver: Any = raw.driver_connection
        for table in SEALED_TABLES:
            if not templates[table]:  # no demo rows to copy (program links)
                continue
            shape = layout(table)
            k = shape.names.index(shape.key.name)
            first_key = max(int(t.values[k]) for t in templates[table]) + 1
            chunks = _copies(table, templates[table], first_key, shares[table], secret)
            if target.engine == "postgresql":
                with driver.cursor() as cur, cur.copy(_copy_sql(db, table)) as copy:
                    for chunk in chunks:
                        for row in chunk:
                            copy.write_row(row)
                        progress(len(chunk))
                driver.commit()
            else:
                insert = _insert_sql(db, table)
                for chunk in chunks:
                    driver.execute("BEGIN")
                    driver.executemany(insert, chunk)
                    driver.execute("COMMIT")
                    progress(len(chunk))
    finally:
        raw.close()
    with db.write_engine.begin() as conn:
        capture.install(conn)
    if target.engine == "postgresql":
        _vacuum(target.conninfo)
    seconds = time.perf_counter() - started
    say(
        f"  {label}: {demo_rows + bulk:,} sealed rows ({demo_rows:,} written by the demo, "
        f"{bulk:,} bulk-loaded) in {seconds:.1f} s"
    )
    return Built(demo_rows, bulk, seconds)


class _Progress:
    """Prints the bulk load's progress every fifth of the way."""

    def __init__(self, say: Say, label: str, total: int) -> None:
        self.say, self.label, self.total = say, label, total
        self.done = 0
        self.shown = 0
        self.started = time.perf_counter()

    def __call__(self, rows: int) -> None:
        self.done += rows
        if self.done - self.shown < self.total / 5 and self.done < self.total:
            return
        self.shown = self.done
        seconds = time.perf_counter() - self.started
        self.say(
            f"  {self.label}: bulk load {self.done:>9,} / {self.total:,} rows "
            f"({100 * self.done / self.total:3.0f}%) {seconds:6.1f} s"
        )


def _vacuum(conninfo: str) -> None:
    """Vacuum and analyse the bulk-loaded tables, as autovacuum would in a database in use (the
    check would otherwise be the first to read the new rows, and set their hint bits)."""
    with psycopg.connect(conninfo, autocommit=True) as conn:
        for table in SEALED_TABLES:
            conn.execute(sql.SQL("VACUUM ANALYZE {}").format(sql.Identifier(table)))


def run_verify(
    engine: str, postgres_url: str, rows: int, demo_patients: int, say: Say
) -> VerifyResult:
    label = LABELS[engine]
    with fresh_target(engine, database_url(postgres_url, "verify")) as target:
        built = build(target, rows, demo_patients, say)
        gc.collect()
        started = time.perf_counter()
        report = verify(target.db)
        seconds = time.perf_counter() - started
    result = VerifyResult(
        engine=engine,
        rows=report.rows,
        links=report.links,
        seconds=round(seconds, 2),
        build_seconds=round(built.seconds, 1),
        findings=len(report.findings),
    )
    expected = built.demo_rows + built.bulk_rows
    if report.findings or report.rows != expected:
        kinds = sorted({f.kind for f in report.findings})
        raise AssertionError(
            f"{label}: the check of the bulk-loaded practice read {report.rows:,} rows "
            f"(expected {expected:,}) and reported {len(report.findings):,} findings "
            f"({', '.join(kinds) or 'none'}): the benchmark's rows are not sealed as Enamel "
            "seals them"
        )
    verdict = "meets" if result.meets_goal else "MISSES"
    say(
        f"  {label}: verified {result.rows:,} sealed rows and {result.links:,} chain links in "
        f"{result.seconds:.2f} s, {result.rows_per_second:,.0f} rows/s, no finding ({verdict} "
        "the goal of 1,000,000 rows in 10 s)"
    )
    return result


# -- writes -------------------------------------------------------------------------------------


def _check_targets(label: str, audited: Database, plain: Database) -> None:
    """The audited writes were sealed, chained and captured (the check finds nothing amiss);
    the plain ones were not (no seal, no captured change)."""
    report = verify(audited)
    if report.findings or not report.links:
        kinds = sorted({f.kind for f in report.findings})
        raise AssertionError(
            f"{label}: the audited benchmark database does not verify clean ({report.links} "
            f"links, findings: {', '.join(kinds) or 'none'})"
        )
    with plain.read_engine.connect() as conn:
        sealed = conn.scalar(
            select(func.count()).select_from(Appointment).where(Appointment.SecurityHash != "")
        )
        captured = conn.scalar(select(func.count()).select_from(AuditChange))
    if sealed or captured:
        raise AssertionError(
            f"{label}: the plain benchmark database has {sealed} sealed appointments and "
            f"{captured} captured changes: it was audited"
        )


def _timed(writer: ServiceWriter, bookings: Sequence[Any]) -> tuple[float, float]:
    gc.collect()
    started = time.perf_counter()
    for booking in bookings:
        writer.write(booking)
    seconds = time.perf_counter() - started
    return len(bookings) / seconds, seconds


def run_writes(
    engine: str, postgres_url: str, writes: int, rounds: int, say: Say
) -> AuditWriteResult:
    label = LABELS[engine]
    result = AuditWriteResult(engine, writes)
    with (
        fresh_target(engine, database_url(postgres_url, "audited")) as audited,
        fresh_target(engine, database_url(postgres_url, "plain")) as bare,
    ):
        plain = Database(bare.db.url, audit=False)
        try:
            with plain.write_engine.begin() as conn:
                capture.uninstall(conn)
            dbs = {"audited": audited.db, "plain": plain}
            first_day = dt.date.today() + dt.timedelta(days=7)
            plans = {
                name: SlotPlan(
                    make_practice(db, operatories=OPERATORIES, patients=PATIENTS), first_day
                )
                for name, db in dbs.items()
            }
            writers = {name: ServiceWriter(db, integration_actor()) for name, db in dbs.items()}
            for name, writer in writers.items():
                _timed(writer, plans[name].batch(min(WARMUP, writes), f"warmup-{name}"))
            for r in range(rounds):
                order = ("audited", "plain") if r % 2 == 0 else ("plain", "audited")
                for name in order:
                    rate, seconds = _timed(writers[name], plans[name].batch(writes, f"{name}-{r}"))
                    (result.audited_rates if name == "audited" else result.plain_rates).append(rate)
                    say(
                        f"  {label:<10} round {r + 1}/{rounds}  {name:<7} {writes:>6} writes in "
                        f"{seconds:6.2f} s  {rate:8.0f} writes/s"
                    )
            _check_targets(label, audited.db, plain)
        finally:
            plain.dispose()
    verdict = "meets" if result.ratio <= AUDIT_WRITE_GOAL else "MISSES"
    say(
        f"  {label}: audited {result.audited:,.0f} writes/s, plain {result.plain:,.0f} "
        f"writes/s, audited time / plain time {result.ratio:.2f} ({verdict} the goal of at most "
        f"{AUDIT_WRITE_GOAL})"
    )
    return result
