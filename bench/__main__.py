"""`python -m bench [--only writes,demo,http,audit,queries] [--engines sqlite,postgresql,mysql]
[--writes N] [--demo-patients N] [--demo-engines sqlite] [--http-scale X] [--audit-rows N]
[--query-requests N] [--json PATH]`:
see the package's docstring."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import sqlite3
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import psycopg
import sqlalchemy
from sqlalchemy import func, select

from bench import audit, queries
from bench.http import CAP, CONNECTIONS, HTTP_ENGINES, SCENARIOS, HttpOptions, RunFailed
from bench.http import run_engine as run_http_engine
from bench.practice import Booking, SlotPlan, integration_actor, make_practice
from bench.report import GOAL, LABELS, DemoRun, Report, WriteResult
from bench.targets import (
    ENGINES,
    MARIADB_URL,
    POSTGRES_URL,
    QUERY_ENGINES,
    Target,
    Unreachable,
    check_bench_url,
    fresh_target,
    postgres_server_version,
)
from bench.writers import PostgresWriter, ServiceWriter, SqliteWriter, Writer
from enamel.appointments.service import get_appointment
from enamel.demo.loader import load_demo
from enamel.models import Appointment, SecurityLog
from enamel.models.enums import EnumPermType

OPERATORIES = 4
PATIENTS = 200
WARMUP = 100
"""Writes of each kind before the measured rounds (statement caches, prepared statements)."""


PARTS = ("writes", "demo", "http", "audit", "queries")
DEFAULT_PARTS = ("writes", "demo")


@dataclass(frozen=True)
class Options:
    parts: tuple[str, ...]
    engines: tuple[str, ...]
    http_engines: tuple[str, ...]
    writes: int
    rounds: int
    demo_patients: int
    demo_engines: tuple[str, ...]
    json: Path | None
    postgres_url: str
    http: HttpOptions
    audit_engines: tuple[str, ...] = ()
    audit_rows: int = audit.AUDIT_ROWS
    query_engines: tuple[str, ...] = ()
    query_requests: int = queries.QUERY_REQUESTS
    mariadb_url: str = MARIADB_URL


def _engines(value: str) -> tuple[str, ...]:
    names = tuple(n.strip() for n in value.split(",") if n.strip())
    unknown = [n for n in names if n not in QUERY_ENGINES]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown engine {', '.join(unknown)}; choose from {', '.join(QUERY_ENGINES)} "
            "(mysql, MariaDB: the queries benchmark only)"
        )
    return names


def _names(choices: tuple[str, ...]) -> Callable[[str], tuple[str, ...]]:
    def parse(value: str) -> tuple[str, ...]:
        names = tuple(n.strip() for n in value.split(",") if n.strip())
        unknown = [n for n in names if n not in choices]
        if unknown:
            raise argparse.ArgumentTypeError(
                f"unknown {', '.join(unknown)}; choose from {', '.join(choices)}"
            )
        return names

    return parse


def _positive_float(value: str) -> float:
    x = float(value)
    if not x > 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return x


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def parse_args(argv: Sequence[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Enamel's write path against hand-written SQL, the demo load time, the "
        "API over HTTP against bare Starlette, and what tamper evidence costs.",
    )
    parser.add_argument(
        "--only",
        type=_names(PARTS),
        default=DEFAULT_PARTS,
        help="what to measure, comma-separated: writes (service vs hand-written SQL), demo "
        "(the demo load), http (the API over HTTP vs bare Starlette), audit (enamel audit "
        "verify over --audit-rows sealed rows; audited vs plain service writes), queries "
        "(ShortQuery's check over the report corpus; a 1000-row ShortQuery over HTTP vs the "
        "bare driver) "
        "(default: writes,demo)",
    )
    parser.add_argument(
        "--engines",
        type=_engines,
        default=None,
        help="engines for the write, HTTP, audit and queries benchmarks, comma-separated "
        "(default: sqlite,postgresql for writes and audit, sqlite,postgresql,mysql for queries, "
        "sqlite for http; '' for none; mysql, MariaDB, for queries only)",
    )
    parser.add_argument(
        "--writes", type=_positive, default=2000, help="bookings per round (default: 2000)"
    )
    parser.add_argument(
        "--rounds", type=_positive, default=3, help="rounds of each kind (default: 3)"
    )
    parser.add_argument(
        "--demo-patients",
        type=int,
        default=1000,
        help="patients of the demo load (default: 1000; 0 skips the demo load)",
    )
    parser.add_argument(
        "--demo-engines",
        type=_engines,
        default=("sqlite",),
        help="engines for the demo load, comma-separated (default: sqlite)",
    )
    parser.add_argument(
        "--http-scale",
        type=_positive_float,
        default=1.0,
        help="multiply the HTTP requests per round (default 1: "
        + ", ".join(f"{s.name} {s.requests}" for s in SCENARIOS)
        + ")",
    )
    parser.add_argument(
        "--http-requests",
        type=_names(tuple(s.name for s in SCENARIOS)),
        default=(),
        help="which HTTP requests to measure, comma-separated: "
        + ", ".join(f"{s.name} ({s.title})" for s in SCENARIOS)
        + " (default: all)",
    )
    parser.add_argument(
        "--connections",
        type=_positive,
        default=CONNECTIONS,
        help=f"keep-alive connections of the HTTP load generator (default: {CONNECTIONS})",
    )
    parser.add_argument(
        "--http-cap",
        type=_positive_float,
        default=CAP,
        help=f"seconds an HTTP round may take at most (default: {CAP:.0f})",
    )
    parser.add_argument(
        "--http-patients",
        type=_positive,
        default=1000,
        help="patients of the demo practice the HTTP benchmark serves (default: 1000)",
    )
    parser.add_argument(
        "--audit-rows",
        type=_positive,
        default=audit.AUDIT_ROWS,
        help="sealed rows of the practice the audit benchmark verifies (default: "
        f"{audit.AUDIT_ROWS:,}; the goal is 1,000,000 in 10 s)",
    )
    parser.add_argument(
        "--query-requests",
        type=_positive,
        default=queries.QUERY_REQUESTS,
        help="1000-row ShortQuery requests a round of the queries benchmark (default: "
        f"{queries.QUERY_REQUESTS})",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("ENAMEL_BENCH_POSTGRES_URL", POSTGRES_URL),
        help="the PostgreSQL database to drop, create and use; its name must contain 'bench' "
        "(the audit benchmark uses <name>_verify, <name>_audited and <name>_plain, the queries "
        "benchmark <name>_queries) "
        f"(default: $ENAMEL_BENCH_POSTGRES_URL or {POSTGRES_URL})",
    )
    parser.add_argument(
        "--mariadb-url",
        default=os.environ.get("ENAMEL_BENCH_MARIADB_URL", MARIADB_URL),
        help="the MariaDB database the queries benchmark uses as <name>_queries (dropped and "
        "created); its name must contain 'bench' "
        f"(default: $ENAMEL_BENCH_MARIADB_URL or {MARIADB_URL})",
    )
    ns = parser.parse_args(argv)
    parts = ns.only
    engines = (ns.engines if ns.engines is not None else ENGINES) if "writes" in parts else ()
    http_engines = (
        (ns.engines if ns.engines is not None else HTTP_ENGINES) if "http" in parts else ()
    )
    demo_engines = ns.demo_engines if ns.demo_patients > 0 and "demo" in parts else ()
    audit_engines = (ns.engines if ns.engines is not None else ENGINES) if "audit" in parts else ()
    query_engines = (
        (ns.engines if ns.engines is not None else QUERY_ENGINES) if "queries" in parts else ()
    )
    elsewhere = [
        e for e in (*engines, *http_engines, *demo_engines, *audit_engines) if e == "mysql"
    ]
    if elsewhere:
        parser.error("mysql (MariaDB) is measured by the queries benchmark only")
    if "postgresql" in (*engines, *http_engines, *demo_engines, *audit_engines, *query_engines):
        try:
            check_bench_url(ns.postgres_url)
        except ValueError as e:
            parser.error(str(e))
    if "mysql" in query_engines:
        try:
            check_bench_url(ns.mariadb_url, "mysql")
        except ValueError as e:
            parser.error(str(e))
    return Options(
        parts=parts,
        engines=engines,
        http_engines=http_engines,
        writes=ns.writes,
        rounds=ns.rounds,
        demo_patients=ns.demo_patients,
        demo_engines=demo_engines,
        json=ns.json,
        postgres_url=ns.postgres_url,
        http=HttpOptions(
            rounds=ns.rounds,
            scale=ns.http_scale,
            connections=ns.connections,
            cap=ns.http_cap,
            demo_patients=ns.http_patients,
            only=ns.http_requests,
        ),
        audit_engines=audit_engines,
        audit_rows=ns.audit_rows,
        query_engines=query_engines,
        query_requests=ns.query_requests,
        mariadb_url=ns.mariadb_url,
    )


def say(message: str) -> None:
    print(message, flush=True)


def timed_rate(writer: Writer, bookings: list[Booking]) -> tuple[float, float]:
    """Writes per second, and the seconds taken."""
    gc.collect()
    started = time.perf_counter()
    for booking in bookings:
        writer.write(booking)
    seconds = time.perf_counter() - started
    return len(bookings) / seconds, seconds


def hand_writer(target: Target, plan: SlotPlan) -> Writer:
    actor = integration_actor()
    if target.sqlite_path is not None:
        return SqliteWriter(target.sqlite_path, plan.practice, actor)
    return PostgresWriter(target.conninfo, plan.practice, actor)


def check_rows(target: Target, expected: int, sample: Booking) -> None:
    """Every booking is there with its security-log row, and a hand-written row reads back
    through Enamel like the service's own."""
    with target.db.read() as session:
        appointments = session.scalar(select(func.count()).select_from(Appointment)) or 0
        logged = (
            session.scalar(
                select(func.count())
                .select_from(SecurityLog)
                .where(SecurityLog.PermType == EnumPermType.AppointmentCreate)
            )
            or 0
        )
        apt_num = session.scalar(
            select(Appointment.AptNum).where(
                Appointment.Op == sample.op, Appointment.AptDateTime == sample.start
            )
        )
        if apt_num is None:
            raise AssertionError(f"the hand-written booking {sample} cannot be found by Enamel")
        apt = get_appointment(session, apt_num)
        if (apt.PatNum, apt.Op, apt.AptDateTime) != (sample.pat_num, sample.op, sample.start):
            raise AssertionError(f"appointment {apt_num} reads back as {apt}")
    if appointments != expected or logged != expected:
        raise AssertionError(
            f"expected {expected} appointments and log rows, found {appointments} and {logged}"
        )


def run_writes(target: Target, options: Options) -> WriteResult:
    label = LABELS[target.engine]
    practice = make_practice(target.db, operatories=OPERATORIES, patients=PATIENTS)
    plan = SlotPlan(practice, dt.date.today() + dt.timedelta(days=7))
    service: Writer = ServiceWriter(target.db, integration_actor())
    hand = hand_writer(target, plan)
    writers = {"service": service, "hand-written": hand}
    result = WriteResult(target.engine, options.writes)
    total = 0
    sample: Booking | None = None
    try:
        warmup = min(WARMUP, options.writes)
        for name, writer in writers.items():
            timed_rate(writer, plan.batch(warmup, f"warmup-{name}"))
            total += warmup
        for r in range(options.rounds):
            order = ("service", "hand-written") if r % 2 == 0 else ("hand-written", "service")
            for name in order:
                bookings = plan.batch(options.writes, f"{name}-{r + 1}")
                rate, seconds = timed_rate(writers[name], bookings)
                total += len(bookings)
                if name == "service":
                    result.service_rates.append(rate)
                else:
                    result.handwritten_rates.append(rate)
                    sample = bookings[-1]
                say(
                    f"  {label:<10} round {r + 1}/{options.rounds}  {name:<12} "
                    f"{len(bookings):>6} writes in {seconds:6.2f} s  {rate:8.0f} writes/s"
                )
    finally:
        for writer in writers.values():
            writer.close()
    if sample is not None:
        check_rows(target, total, sample)
    verdict = "meets" if result.ratio >= GOAL else "MISSES"
    say(
        f"  {label}: service {result.service:,.0f} writes/s, hand-written "
        f"{result.handwritten:,.0f} writes/s, ratio {result.ratio:.2f} ({verdict} the goal "
        f"of {GOAL})"
    )
    return result


def run_demo(engine: str, options: Options) -> DemoRun:
    with fresh_target(engine, options.postgres_url) as target:
        started = time.perf_counter()
        demo = load_demo(target.db, patients=options.demo_patients)
        seconds = time.perf_counter() - started
    run = DemoRun(
        engine=engine,
        seconds=round(seconds, 2),
        patients=demo.patients,
        appointments=demo.appointments,
        procedures=demo.procedures,
        payments=demo.payments,
        adjustments=demo.adjustments,
    )
    say(
        f"  {LABELS[engine]}: demo of {run.patients:,} patients loaded in {run.seconds:.1f} s "
        f"({run.appointments:,} appointments, {run.procedures:,} procedures, "
        f"{run.payments:,} payments, {run.adjustments:,} adjustments)"
    )
    return run


def run_audit(report: Report, options: Options) -> None:
    """`enamel audit verify` over a bulk-loaded practice, then audited against plain service
    writes, per engine (bench/audit.py)."""
    for engine in options.audit_engines:
        label = LABELS[engine]
        say(f"{label}: enamel audit verify over {options.audit_rows:,} sealed rows")
        try:
            report.verify.append(
                audit.run_verify(
                    engine, options.postgres_url, options.audit_rows, audit.DEMO_PATIENTS, say
                )
            )
            say(f"{label}: service writes, audited against plain")
            report.audit_writes.append(
                audit.run_writes(engine, options.postgres_url, options.writes, options.rounds, say)
            )
        except Unreachable as e:
            report.skipped[f"audit on {label}"] = f"server unreachable: {e}"
            say(f"  skipped the audit benchmark on {label}: the server cannot be reached ({e})")


def run_queries(report: Report, options: Options) -> None:
    """ShortQuery's check over the report corpus, then a 1000-row ShortQuery through Enamel
    against the bare driver, per engine (bench/queries.py)."""
    say("ShortQuery: check(sql, dialect) over the report corpus, cold and warm")
    report.checks += queries.run_checks(say)
    query_options = queries.QueryOptions(
        rounds=options.rounds,
        requests=options.query_requests,
        connections=options.http.connections,
        cap=options.http.cap,
    )
    for engine in options.query_engines:
        label = LABELS[engine]
        say(f"{label}: a 1000-row ShortQuery over HTTP, Enamel against the bare driver")
        try:
            server = options.mariadb_url if engine == "mysql" else options.postgres_url
            run = queries.run_engine(engine, server, query_options, say)
        except Unreachable as e:
            report.skipped[f"queries on {label}"] = f"server unreachable: {e}"
            say(f"  skipped queries on {label}: the server cannot be reached ({e})")
            continue
        report.queries += run.results
        report.environment.update(run.facts)


def environment(report: Report, options: Options) -> None:
    report.environment = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": str(os.cpu_count()),
        "sqlalchemy": sqlalchemy.__version__,
        "sqlite": sqlite3.sqlite_version,
        "psycopg": psycopg.__version__,
        "writes_per_round": str(options.writes),
        "rounds": str(options.rounds),
        "warmup_writes": str(min(WARMUP, options.writes)),
        "operatories": str(OPERATORIES),
        "patients": str(PATIENTS),
        "parts": ",".join(options.parts),
    }
    if options.audit_engines:
        report.environment.update(
            {
                "audit_rows": str(options.audit_rows),
                "audit_demo_patients": str(audit.DEMO_PATIENTS),
                "audit_writes_per_round": str(options.writes),
            }
        )
    if "queries" in options.parts:
        report.environment.update(
            {
                "sqlglot": version("sqlglot"),
                "query_corpus": str(len(queries.corpus())),
                "query_cold_passes": str(queries.COLD_PASSES),
                "query_warm_calls": str(queries.WARM_CALLS),
                "query_demo_patients": str(queries.DEMO_PATIENTS),
                "query_requests_per_round": str(options.query_requests),
                "query_connections": str(options.http.connections),
            }
        )
    if options.http_engines or options.query_engines:
        report.environment.update(
            {
                "fastapi": version("fastapi"),
                "starlette": version("starlette"),
                "uvicorn": version("uvicorn"),
                "http_connections": str(options.http.connections),
                "http_scale": str(options.http.scale),
                "http_demo_patients": str(options.http.demo_patients),
            }
        )


def main(argv: Sequence[str] | None = None) -> int:
    with audit.scratch_seal_key():  # every part seals with a throwaway key, never the user's own
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    options = parse_args(argv)
    report = Report()
    environment(report, options)
    for engine in options.engines:
        say(f"{LABELS[engine]}: write benchmark")
        try:
            with fresh_target(engine, options.postgres_url) as target:
                if target.conninfo:
                    report.environment["postgresql"] = postgres_server_version(target.conninfo)
                report.writes.append(run_writes(target, options))
        except Unreachable as e:
            report.skipped[LABELS[engine]] = f"server unreachable: {e}"
            say(f"  skipped {LABELS[engine]}: the server cannot be reached ({e})")
    for engine in options.demo_engines:
        say(f"{LABELS[engine]}: demo load, {options.demo_patients:,} patients")
        try:
            report.demos.append(run_demo(engine, options))
        except Unreachable as e:
            report.skipped[f"demo load on {LABELS[engine]}"] = f"server unreachable: {e}"
            say(f"  skipped the demo load on {LABELS[engine]}: the server cannot be reached ({e})")
    for engine in options.http_engines:
        say(f"{LABELS[engine]}: the API over HTTP, Enamel against bare Starlette")
        try:
            run = run_http_engine(engine, options.postgres_url, options.http)
        except Unreachable as e:
            report.skipped[f"HTTP on {LABELS[engine]}"] = f"server unreachable: {e}"
            say(f"  skipped HTTP on {LABELS[engine]}: the server cannot be reached ({e})")
            continue
        except RunFailed as e:
            say(f"  FAILED: {e}")
            return 1
        report.http += run.results
        report.skipped.update(run.skipped)
    if options.audit_engines:
        with audit.scratch_seal_key():
            run_audit(report, options)
    if "queries" in options.parts:
        try:
            run_queries(report, options)
        except RunFailed as e:
            say(f"  FAILED: {e}")
            return 1
    say("")
    say(report.markdown())
    if options.json is not None:
        report.write_json(options.json)
        say(f"\nResults written to {options.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
