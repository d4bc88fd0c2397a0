"""`python -m bench --only queries`: what a governed SQL read (`PUT /api/v1/queries/ShortQuery`)
costs, against its two goals.

- check: `enamel.queries.validate.check(sql, dialect)` (parse Open Dental's MySQL text, check
  the rules on sqlglot's tree, write it for the engine) over the real report queries of
  tests/queries/corpus, for each dialect (mysql, postgresql, sqlite); goal: p50 under 1 ms.
  Cold: the cache of `check` (`_rendered`, by text and dialect) cleared before each call,
  `COLD_PASSES` passes over the corpus; this is the cost of the first
  call with a text, and of every call after a report changes a literal (a date range) in it.
  Warm: the text already checked and written, sent as a new string object each call, as a
  request's body is (so its hash is computed and its text compared): what a report that reruns
  its query costs. One uncounted pass first, so that sqlglot's dialects and the schema's names
  (cached for the process's life, whatever the query) are set up, as in a running server.
- end to end, per engine (SQLite, PostgreSQL, MariaDB): a fresh database with a demo practice
  (`load_demo`, `DEMO_PATIENTS` patients, over 1,800 procedures) and an integration with scope
  `queries` and no rate limit. Two servers side by side, one uvicorn worker each, as in
  bench/http.py: Enamel (`python -m enamel.cli serve`, every layer on: authentication, the
  check, the security-log write of the query, the read-only query engine with its time limit,
  Open Dental's value formats) and the bare app (`bench.bare:create_query_app`: Starlette, the
  bare driver running the text Enamel's `check` writes for the engine, orjson). Each scenario
  is a report query answering 1,000 rows; rounds of `--query-requests` requests alternate
  (ABAB), the same requests each; the ratio is the median of the per-round ratios of Enamel's
  time over the bare app's (goal: at most 1.5). Any answer that is not 2xx fails the run, and
  both servers must answer the same rows first. Each round also reads each server process's
  CPU time (Linux /proc) a request: steadier than the rates on a shared machine, and on
  SQLite the whole cost of a read (a database server's own CPU time is not in it).
- the log write's share: in-process on the same database, the service (`service.read`, then
  `service.logged`: check, run, log) against `run.short_query` (check, run) and the log write
  alone (`record_at_once` and
  the `queryrun` row in their own `Database.write()`, as the service does), interleaved call
  by call; medians.

PostgreSQL uses `<--postgres-url's database>_queries`, MariaDB `<--mariadb-url's
database>_queries`, dropped and created on each run.
"""

from __future__ import annotations

import gc
import http.client
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import orjson

from bench.audit import database_url
from bench.bare import CONFIG_ENV
from bench.http import UVICORN_OPTIONS, RunFailed, Server, start_server
from bench.loadgen import LoadResult, Request, load
from bench.practice import integration_actor
from bench.report import DIALECT_LABELS, LABELS, QUERY_GOAL, CheckResult, QueryHttpResult
from bench.targets import Target, fresh_target
from enamel.audit.log import record_at_once
from enamel.db import Database, clock
from enamel.demo.loader import load_demo
from enamel.models.enums import EnumPermType
from enamel.queries import run, service, stats, validate
from enamel.queries.validate import QueryRefused, check
from enamel.security.actor import Actor, command_line_actor
from enamel.security.integrations import add_integration

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "queries" / "corpus"
DIALECTS = ("mysql", "postgresql", "sqlite")
COLD_PASSES = 20
"""Cold calls per query and dialect."""
WARM_CALLS = 200
"""Warm calls per query and dialect."""
DEMO_PATIENTS = 100
"""Patients of the demo practice: 100 give over 1,800 procedures, enough for 1,000 rows."""
ROWS = 1000
QUERY_REQUESTS = 100
"""Requests a round (--query-requests)."""
WARMUP = 10
IN_PROCESS_CALLS = 30
"""Calls of each kind in the in-process timing of the log write."""
INTEGRATION = "Bench queries"
PATH = "/api/v1/queries/ShortQuery"

Say = Callable[[str], None]


@dataclass(frozen=True)
class Scenario:
    name: str
    sql: str


SCENARIOS = (
    Scenario("procedures", f"SELECT * FROM procedurelog ORDER BY ProcNum LIMIT {ROWS}"),
    Scenario(
        "daily procedures",
        # The Daily Procedures report's shape (corpus 12): procedures with their patient, code
        # and provider, 1,000 of them.
        "SELECT procedurelog.ProcNum, procedurelog.ProcDate, "
        "CONCAT(patient.LName, ', ', patient.FName) AS Patient, procedurecode.ProcCode, "
        "procedurecode.Descript, provider.Abbr, procedurelog.ToothNum, procedurelog.ProcFee "
        "FROM procedurelog "
        "INNER JOIN patient ON patient.PatNum = procedurelog.PatNum "
        "INNER JOIN procedurecode ON procedurecode.CodeNum = procedurelog.CodeNum "
        "INNER JOIN provider ON provider.ProvNum = procedurelog.ProvNum "
        f"ORDER BY procedurelog.ProcNum LIMIT {ROWS}",
    ),
)


# --- check: validation and transpilation ------------------------------------------------------


def corpus() -> list[tuple[str, str]]:
    """(file stem, query text) of each report query of the corpus."""
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.sql"))]


def _clear() -> None:
    validate._rendered.cache_clear()


def time_checks(dialect: str, queries: list[tuple[str, str]], say: Say) -> CheckResult:
    """Cold and warm calls of `check` over `queries` for `dialect`."""
    kept: list[tuple[str, str]] = []
    for name, sql in queries:  # uncounted: sqlglot's dialects and the schema's names set up
        try:
            check(sql, dialect)
        except QueryRefused as exc:
            say(f"  {DIALECT_LABELS[dialect]}: {name} is refused ({exc}); left out")
            continue
        kept.append((name, sql))
    result = CheckResult(dialect, len(kept))
    per_query: dict[str, list[float]] = {name: [] for name, _ in kept}
    clock = time.perf_counter_ns
    gc.collect()
    for _ in range(COLD_PASSES):
        for name, sql in kept:
            _clear()
            started = clock()
            check(sql, dialect)
            ms = (clock() - started) / 1e6
            result.cold_ms.append(ms)
            per_query[name].append(ms)
    medians = {name: statistics.median(times) for name, times in per_query.items()}
    result.slowest = sorted(medians.items(), key=lambda item: -item[1])[:3]
    gc.collect()
    for _, sql in kept:
        check(sql, dialect)
        texts = [sql.encode().decode() for _ in range(WARM_CALLS)]  # new strings, unhashed
        for text in texts:
            started = clock()
            check(text, dialect)
            result.warm_us.append((clock() - started) / 1e3)
    verdict = "meets" if result.cold_p50 < 1.0 else "MISSES"
    say(
        f"  {DIALECT_LABELS[dialect]:<16} {result.queries} queries: cold p50 "
        f"{result.cold_p50:6.2f} ms, p95 {result.cold_p95:6.2f} ms ({verdict} 1 ms); warm p50 "
        f"{result.warm_p50:5.1f} µs, p95 {result.warm_p95:5.1f} µs; slowest cold: "
        + ", ".join(f"{n} {ms:.1f} ms" for n, ms in result.slowest)
    )
    return result


def run_checks(say: Say) -> list[CheckResult]:
    queries = corpus()
    if not queries:
        raise RunFailed(f"no report query in {CORPUS}")
    try:
        return [time_checks(dialect, queries, say) for dialect in DIALECTS]
    finally:
        _clear()


# --- end to end: Enamel against the bare driver ---------------------------------------------


def add_query_integration(target: Target) -> str:
    """The integration, as `enamel integrations add "Bench queries" --scope queries
    --rate-limit 0` adds it; the Authorization header it sends."""
    with target.db.write() as session:
        new = add_integration(session, command_line_actor(), INTEGRATION, ("queries",), 0)
    return f"ODFHIR {new.developer_key}/{new.customer_key}"


def _log(db: Database, actor: Actor, text: str, sql: str) -> None:
    """The service's log write: the security-log entry and the `queryrun` row, one edge."""
    with db.write() as session:
        record_at_once(session, actor, EnumPermType.UserQuery, text)
        stats.record(session, actor.name, clock.now(), 5, ROWS, "ok", sql)


def time_in_process(db: Database, sql: str) -> tuple[float, float, float]:
    """Medians in ms of `service.short_query`, `run.short_query` and the log write alone,
    interleaved call by call (the order turns each call)."""
    actor = integration_actor()
    shown = sql if len(sql) <= service.LOGGED_CHARS else sql[: service.LOGGED_CHARS] + "…"
    calls: dict[str, Callable[[], object]] = {
        "service": lambda: service.logged(db, actor, service.read(db, actor, sql)),
        "run": lambda: run.short_query(db, sql),
        "log": lambda: _log(db, actor, f"Query ok (Offset 0, {ROWS} rows, 5 ms): {shown}", sql),
    }
    samples: dict[str, list[float]] = {name: [] for name in calls}
    for call in calls.values():
        call()
    gc.collect()
    names = list(calls)
    for i in range(IN_PROCESS_CALLS):
        for name in names[i % 3 :] + names[: i % 3]:
            started = time.perf_counter()
            calls[name]()
            samples[name].append((time.perf_counter() - started) * 1000)
    return (
        statistics.median(samples["service"]),
        statistics.median(samples["run"]),
        statistics.median(samples["log"]),
    )


def start_servers(
    target: Target, config: dict[str, Any], workdir: Path, stack: ExitStack
) -> dict[str, Server]:
    config_path = workdir / "bare-queries.json"
    config_path.write_text(json.dumps(config), encoding="utf-8")
    url = target.db.url.render_as_string(hide_password=False)
    enamel = start_server(
        "enamel",
        [sys.executable, "-m", "enamel.cli", "serve", *UVICORN_OPTIONS],
        {"ENAMEL_DATABASE_URL": url},
        workdir,
    )
    stack.callback(enamel.stop)
    bare = start_server(
        "bare",
        [
            sys.executable,
            "-m",
            "uvicorn",
            "bench.bare:create_query_app",
            "--factory",
            "--log-level",
            "info",
            *UVICORN_OPTIONS,
        ],
        {CONFIG_ENV: str(config_path)},
        workdir,
    )
    stack.callback(bare.stop)
    return {"enamel": enamel, "bare": bare}


def _body(sql: str) -> bytes:
    return orjson.dumps({"SqlCommand": sql})


def _put(port: int, body: bytes, auth: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(
            "PUT",
            PATH,
            body=body,
            headers={"Authorization": auth, "Content-Type": "application/json"},
        )
        answer = conn.getresponse()
        return answer.status, answer.read()
    finally:
        conn.close()


def check_same_rows(servers: dict[str, Server], scenario: Scenario, auth: str) -> None:
    """Both servers answer `ROWS` rows with the same columns, the same first column (the
    procedure's key) in the same order: the same query ran."""
    answers: dict[str, list[dict[str, Any]]] = {}
    for name, server in servers.items():
        status, body = _put(server.port, _body(scenario.sql), auth)
        if status != 200:
            raise RunFailed(f"{name} answered {status} to {scenario.name}: {body[:300]!r}")
        answers[name] = orjson.loads(body)
    e, b = answers["enamel"], answers["bare"]
    if len(e) != ROWS or len(b) != ROWS:
        raise RunFailed(f"{scenario.name}: Enamel answered {len(e)} rows, bare {len(b)}")
    if list(e[0]) != list(b[0]):
        raise RunFailed(f"{scenario.name}: different columns: {set(e[0]) ^ set(b[0])}")
    key = next(iter(e[0]))
    if [r[key] for r in e] != [r[key] for r in b]:
        raise RunFailed(f"{scenario.name}: Enamel and the bare app answer different rows")


def _check_failures(name: str, scenario: Scenario, result: LoadResult) -> None:
    if result.failures:
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(result.statuses.items()))
        raise RunFailed(
            f"{name} answered {result.failures} of {result.requests} {scenario.name} "
            f"requests with a non-2xx status ({statuses}); first: " + " / ".join(result.errors)
        )


def process_cpu(pid: int) -> float | None:
    """Seconds of CPU time (user and system, all threads) the process has used, from Linux's
    /proc; None where there is no /proc. It counts in ticks (`SC_CLK_TCK`, usually 100 a
    second), so a round must last about a second for its figure to be good to a few percent."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class QueryOptions:
    rounds: int
    requests: int
    connections: int
    cap: float


def run_scenario(
    engine: str,
    scenario: Scenario,
    servers: dict[str, Server],
    auth: str,
    options: QueryOptions,
    say: Say,
) -> QueryHttpResult:
    label = LABELS.get(engine, engine)
    requests = [Request("PUT", PATH, _body(scenario.sql), (("Authorization", auth),))]
    result = QueryHttpResult(
        engine=engine,
        scenario=scenario.name,
        sql=scenario.sql,
        rows=ROWS,
        requests_per_round=options.requests,
        connections=options.connections,
    )

    def timed(name: str, n: int) -> tuple[LoadResult, float | None]:
        """The round's outcome, and the server process's CPU time a request (ms; None where
        it cannot be read)."""
        gc.collect()
        pid = servers[name].process.pid
        before = process_cpu(pid)
        outcome = load(
            servers[name].port, requests * n, connections=options.connections, cap=options.cap
        )
        after = process_cpu(pid)
        _check_failures(name, scenario, outcome)
        if before is None or after is None or not outcome.requests:
            return outcome, None
        return outcome, (after - before) / outcome.requests * 1000

    for name in servers:
        timed(name, WARMUP)
    for r in range(options.rounds):
        order = ("enamel", "bare") if r % 2 == 0 else ("bare", "enamel")
        rates: dict[str, float] = {}
        cpu_ms: dict[str, float | None] = {}
        for name in order:
            outcome, cpu_ms[name] = timed(name, options.requests)
            rates[name] = outcome.rate
            result.capped |= outcome.capped
            capped = " (time cap)" if outcome.capped else ""
            say(
                f"  {label:<10} {scenario.name:<16} round {r + 1}/{options.rounds}  {name:<6} "
                f"{outcome.requests:>5} requests in {outcome.seconds:6.2f} s "
                f"{outcome.rate:7.1f} req/s{capped}"
            )
        result.enamel_rates.append(rates["enamel"])
        result.bare_rates.append(rates["bare"])
        enamel_cpu, bare_cpu = cpu_ms["enamel"], cpu_ms["bare"]
        if enamel_cpu is not None and bare_cpu is not None:
            result.enamel_cpu_ms.append(enamel_cpu)
            result.bare_cpu_ms.append(bare_cpu)
    return result


@dataclass
class EngineRun:
    results: list[QueryHttpResult] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)


def run_engine(engine: str, server_url: str, options: QueryOptions, say: Say) -> EngineRun:
    out = EngineRun()
    label = LABELS.get(engine, engine)
    with (
        fresh_target(engine, database_url(server_url, "queries")) as target,
        TemporaryDirectory(prefix="enamel-bench-queries-") as tmp,
        ExitStack() as stack,
    ):
        started = time.perf_counter()
        demo = load_demo(target.db, patients=DEMO_PATIENTS)
        say(
            f"  {label}: demo practice of {demo.patients:,} patients ({demo.procedures:,} "
            f"procedures) loaded in {time.perf_counter() - started:.1f} s"
        )
        out.facts[f"queries_{engine}_procedures"] = str(demo.procedures)
        if demo.procedures < ROWS:
            raise RunFailed(f"the demo practice has {demo.procedures} procedures, not {ROWS}")
        auth = add_query_integration(target)
        dialect = target.db.dialect
        in_process = {}
        for scenario in SCENARIOS:
            service_ms, run_ms, log_ms = time_in_process(target.db, scenario.sql)
            in_process[scenario.name] = (service_ms, run_ms, log_ms)
            say(
                f"  {label:<10} {scenario.name:<16} in-process: service read + log "
                f"{service_ms:.2f} ms, run.short_query {run_ms:.2f} ms, log write {log_ms:.2f} ms"
            )
        target.db.dispose()  # the servers have the database to themselves
        config = {
            "engine": engine,
            "sqlite_path": str(target.sqlite_path) if target.sqlite_path else None,
            "conninfo": target.conninfo,
            "queries": {s.sql: check(s.sql, dialect) for s in SCENARIOS},
        }
        servers = start_servers(target, config, Path(tmp), stack)
        for scenario in SCENARIOS:
            check_same_rows(servers, scenario, auth)
        for scenario in SCENARIOS:
            result = run_scenario(engine, scenario, servers, auth, options, say)
            result.service_ms, result.run_ms, result.log_ms = in_process[scenario.name]
            verdict = "meets" if result.ratio <= QUERY_GOAL else "MISSES"
            cpu = (
                ""
                if result.cpu_ratio is None
                else f", server CPU time a request Enamel / bare {result.cpu_ratio:.2f}"
            )
            say(
                f"  {label}: {scenario.name}: Enamel {result.enamel:,.1f} req/s, bare "
                f"{result.bare:,.1f} req/s, Enamel time / bare time {result.ratio:.2f} "
                f"({verdict} the goal of at most {QUERY_GOAL}){cpu}; the log write is "
                f"{100 * result.log_share:.0f}% of the service (read + log) in-process"
            )
            out.results.append(result)
    return out
