"""The API over HTTP: Enamel against a bare Starlette app, both served by uvicorn on loopback.

Per engine: a fresh database with the demo practice (`load_demo`, 1,000 patients by default)
and an integration added as `enamel integrations add` does (`--rate-limit 0`, scopes
patients:read and appointments:write). Two server processes run side by side, each one uvicorn
worker with the same options:

- Enamel: `python -m enamel.cli serve` (what `enamel serve` runs), every layer on;
- bare: `bench.bare` (Starlette, the bare driver, orjson), running the SQL text Enamel's
  repository sends, captured from Enamel's own engine.

The load generator (bench/loadgen.py) sends a fixed number of requests per round over a few
keep-alive connections, with a time cap. Enamel and bare rounds alternate (ABAB), the same
requests in the same order; each round's ratio is Enamel's rate over the bare rate of the same
round pair, and the median ratio is reported. Any answer that is not 2xx fails the run.
"""

from __future__ import annotations

import datetime as dt
import gc
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any
from unittest import mock

import orjson
from sqlalchemy import Engine, event, func, select

from bench.bare import CONFIG_ENV
from bench.loadgen import LoadResult, Request, load
from bench.practice import PATTERN, SLOT
from bench.report import LABELS, HttpResult
from bench.targets import Target, fresh_target
from enamel.api.paging import Page
from enamel.db import statements
from enamel.demo.loader import load_demo
from enamel.models import Appointment, DefCat, Definition, Operatory, Patient
from enamel.models.enums import ApptStatus, PatientStatus
from enamel.patients import repository
from enamel.security.actor import command_line_actor
from enamel.security.integrations import add_integration

ROOT = Path(__file__).resolve().parent.parent

HTTP_ENGINES = ("sqlite",)
"""Engines of the HTTP benchmark unless --engines names others."""
CONNECTIONS = 4
CAP = 30.0
"""Seconds a round may take at most; a capped round is reported as such."""
READY_TIMEOUT = 60.0
INTEGRATION = "Bench HTTP"
SCOPES = ("patients:read", "appointments:write")
PAGE = 100


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    goal: float
    requests: int
    """Requests a round (the default; --http-requests scales them)."""
    warmup: int


SCENARIOS = (
    Scenario("patient", "GET /api/v1/patients/{PatNum}", 0.7, 3000, 300),
    Scenario("patients", f"GET /api/v1/patients?Limit={PAGE}", 0.7, 800, 100),
    Scenario("appointment", "POST /api/v1/appointments", 0.5, 1000, 100),
)


class RunFailed(RuntimeError):
    """Answers that were not 2xx, or two servers that disagree: the figures would lie."""


def say(message: str) -> None:
    print(message, flush=True)


# --- the database --------------------------------------------------------------------------


@dataclass(frozen=True)
class Practice:
    """What the requests refer to."""

    patients: tuple[int, ...]
    """Every patient, for GET one."""
    bookable: tuple[int, ...]
    """Patients who may be booked (status Patient)."""
    dentists: dict[int, int]
    """OperatoryNum -> the provider the bare insert writes (the operatory's dentist)."""
    unconfirmed: int


def read_practice(target: Target) -> Practice:
    with target.db.read() as s:
        patients = tuple(s.scalars(select(Patient.PatNum).order_by(Patient.PatNum)))
        bookable = tuple(
            s.scalars(
                select(Patient.PatNum)
                .where(Patient.PatStatus == PatientStatus.Patient)
                .order_by(Patient.PatNum)
            )
        )
        ops = s.execute(
            select(Operatory.OperatoryNum, Operatory.ProvDentist, Operatory.IsHidden).order_by(
                Operatory.OperatoryNum
            )
        ).all()
        unconfirmed = s.scalar(
            select(Definition.DefNum)
            .where(Definition.Category == DefCat.ApptConfirmed)
            .order_by(Definition.ItemOrder, Definition.DefNum)
            .limit(1)
        )
    dentists = {num: dentist for num, dentist, hidden in ops if not hidden and dentist}
    if not patients or not bookable or not dentists or unconfirmed is None:
        raise RunFailed("the demo practice lacks patients, operatories with a dentist or statuses")
    return Practice(patients, bookable, dentists, unconfirmed)


def add_bench_integration(target: Target) -> str:
    """The integration, as `enamel integrations add "Bench HTTP" --scope patients:read --scope
    appointments:write --rate-limit 0` adds it; the Authorization header it sends."""
    with target.db.write() as session:
        new = add_integration(session, command_line_actor(), INTEGRATION, SCOPES, 0)
    return f"ODFHIR {new.developer_key}/{new.customer_key}"


# --- the bare app's SQL, captured from Enamel's engine ---------------------------------------

_SENTINELS = {"offset": 7_770_001, "limit": 7_770_002, "pat_num": 7_770_003}


def _through_sqlalchemy(conn: Any, stmt: Any, params: dict[str, Any]) -> Any:
    return conn.execute(stmt, params).all()


@contextmanager
def captured(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    """The SQL text and parameters the driver receives while the block runs. Enamel's hot
    reads go to the driver's cursor directly (enamel.db.statements.fetch), past SQLAlchemy's
    events; while capturing they take SQLAlchemy's path, which sends the same compiled SQL."""
    seen: list[tuple[str, Any]] = []
    patches = (
        mock.patch.object(statements, "fetch", _through_sqlalchemy),
        mock.patch.object(repository, "fetch", _through_sqlalchemy),
    )

    def grab(
        _conn: Any, _cursor: Any, statement: str, parameters: Any, _ctx: Any, _many: bool
    ) -> None:
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", grab)
    try:
        with patches[0], patches[1]:
            yield seen
    finally:
        event.remove(engine, "before_cursor_execute", grab)


def _statement(seen: list[tuple[str, Any]], names: Sequence[str]) -> dict[str, Any]:
    """The one SELECT among `seen`, with where each request value goes (a position or a name)."""
    selects = [(sql, p) for sql, p in seen if sql.lstrip().upper().startswith("SELECT")]
    if len(selects) != 1:
        raise RunFailed(f"expected one SELECT, captured {len(selects)}")
    sql, params = selects[0]
    slots: dict[str, int | str] = {}
    if isinstance(params, dict):
        items: list[tuple[int | str, Any]] = list(params.items())
        template: Any = dict(params)
    else:
        items = list(enumerate(params))
        template = list(params)
    for name in names:
        where = [key for key, value in items if value == _SENTINELS[name]]
        if len(where) != 1:
            raise RunFailed(f"cannot find the {name} parameter in {params!r}")
        slots[name] = where[0]
    return {"sql": sql, "params": template, "slots": slots}


def repository_sql(target: Target) -> tuple[dict[str, Any], dict[str, Any]]:
    """GET /patients's and GET /patients/{PatNum}'s SQL as Enamel's read engine sends it."""
    engine = target.db.read_engine
    with captured(engine) as seen, engine.connect() as conn:
        repository.select_page(
            conn,
            repository.SelectFilters(),
            Page(_SENTINELS["offset"], _SENTINELS["limit"]),
        )
    listing = _statement(seen, ("offset", "limit"))
    with captured(engine) as seen, engine.connect() as conn:
        repository.one(conn, _SENTINELS["pat_num"])
    one = _statement(seen, ("pat_num",))
    return listing, one


INSERT_COLUMNS = (
    "PatNum",
    "AptStatus",
    "Pattern",
    "Confirmed",
    "Op",
    "ProvNum",
    "ProvHyg",
    "ClinicNum",
    "AptDateTime",
    "SecUserNumEntry",
    "SecDateTEntry",
    "DateTStamp",
)


def insert_sql(engine: str) -> str:
    columns = ", ".join(f'"{c}"' for c in INSERT_COLUMNS)
    if engine == "sqlite":
        values = ", ".join("?" for _ in INSERT_COLUMNS)
        return f"INSERT INTO appointment ({columns}) VALUES ({values})"
    values = ", ".join(f"%({c})s" for c in INSERT_COLUMNS)
    return f'INSERT INTO appointment ({columns}) VALUES ({values}) RETURNING "AptNum"'


def bare_config(target: Target, practice: Practice) -> dict[str, Any]:
    listing, one = repository_sql(target)
    return {
        "engine": target.engine,
        "sqlite_path": str(target.sqlite_path) if target.sqlite_path else None,
        "conninfo": target.conninfo,
        "list": listing,
        "one": one,
        "insert": {
            "sql": insert_sql(target.engine),
            "columns": list(INSERT_COLUMNS),
            "scheduled": int(ApptStatus.Scheduled),
            "confirmed": practice.unconfirmed,
            "dentists": {str(op): dentist for op, dentist in practice.dentists.items()},
        },
    }


# --- the servers ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers=headers or {})
        answer = conn.getresponse()
        return answer.status, answer.read()
    finally:
        conn.close()


def _post(port: int, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(
            "POST", path, body=body, headers={**headers, "Content-Type": "application/json"}
        )
        answer = conn.getresponse()
        return answer.status, answer.read()
    finally:
        conn.close()


def start_server(name: str, argv: list[str], env: dict[str, str], workdir: Path) -> Server:
    """Start a server and wait until /healthz answers 200."""
    port = free_port()
    log = workdir / f"{name}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603  # our own interpreter and modules
            [*argv, "--port", str(port)],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Server(name, port, process, log)
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RunFailed(f"{name} server exited with {process.returncode}: {_tail(log)}")
        try:
            status, _ = _get(port, "/healthz")
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.stop()
    raise RunFailed(f"{name} server did not become ready in {READY_TIMEOUT:.0f} s: {_tail(log)}")


def _tail(log: Path) -> str:
    lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return " | ".join(lines[-5:])


UVICORN_OPTIONS = ["--host", "127.0.0.1", "--workers", "1"]
"""What `enamel serve` passes to uvicorn.run besides the port (log level info, its default,
so access logs are written by both)."""


def start_servers(
    target: Target, config: dict[str, Any], workdir: Path, stack: ExitStack
) -> tuple[Server, Server]:
    config_path = workdir / "bare.json"
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
            "bench.bare:create_app",
            "--factory",
            "--log-level",
            "info",
            *UVICORN_OPTIONS,
        ],
        {CONFIG_ENV: str(config_path)},
        workdir,
    )
    stack.callback(bare.stop)
    return enamel, bare


# --- requests ------------------------------------------------------------------------------


class SlotPlan:
    """Free slots far past the demo's schedule, each handed out once, operatory by operatory."""

    def __init__(self, practice: Practice, first_day: dt.date) -> None:
        self.practice = practice
        self.day = first_day
        self.taken = 0

    def bodies(self, n: int) -> list[bytes]:
        ops = sorted(self.practice.dentists)
        patients = self.practice.bookable
        out: list[bytes] = []
        while len(out) < n:
            t = dt.datetime.combine(self.day, dt.time(8, 0))
            end = dt.datetime.combine(self.day, dt.time(18, 0))
            while t + SLOT <= end and len(out) < n:
                for op in ops:
                    if len(out) == n:
                        break
                    self.taken += 1
                    out.append(
                        orjson.dumps(
                            {
                                "PatNum": patients[self.taken % len(patients)],
                                "Op": op,
                                "AptDateTime": f"{t:%Y-%m-%d %H:%M:%S}",
                                "Pattern": PATTERN,
                            }
                        )
                    )
                t += SLOT
            self.day += dt.timedelta(days=1)
        return out


def requests_for(
    scenario: Scenario, n: int, practice: Practice, plan: SlotPlan, auth: str
) -> list[Request]:
    headers = (("Authorization", auth),)
    if scenario.name == "patient":
        pats = practice.patients
        return [
            Request("GET", f"/api/v1/patients/{pats[i % len(pats)]}", b"", headers)
            for i in range(n)
        ]
    if scenario.name == "patients":
        return [Request("GET", f"/api/v1/patients?Limit={PAGE}", b"", headers)] * n
    return [Request("POST", "/api/v1/appointments", body, headers) for body in plan.bodies(n)]


# --- checks --------------------------------------------------------------------------------


def check_same_answers(enamel: Server, bare: Server, practice: Practice, auth: str) -> None:
    """Both servers answer the same patients with the same fields: the same query ran."""
    headers = {"Authorization": auth}
    for path in (f"/api/v1/patients?Limit={PAGE}", f"/api/v1/patients/{practice.patients[-1]}"):
        answers = {}
        for server in (enamel, bare):
            status, body = _get(server.port, path, headers)
            if status != 200:
                raise RunFailed(f"{server.name} answered {status} to GET {path}: {body[:300]!r}")
            answers[server.name] = orjson.loads(body)
        e, b = answers["enamel"], answers["bare"]
        e_rows, b_rows = (e, b) if isinstance(e, list) else ([e], [b])
        if [r["PatNum"] for r in e_rows] != [r["PatNum"] for r in b_rows] or not e_rows:
            raise RunFailed(f"GET {path}: Enamel and the bare app answer different patients")
        if set(e_rows[0]) != set(b_rows[0]):
            raise RunFailed(f"GET {path}: different fields: {set(e_rows[0]) ^ set(b_rows[0])}")


def post_route_missing(enamel: Server, auth: str) -> str | None:
    """Why POST /api/v1/appointments cannot be measured on Enamel, or None when it can. An
    empty body writes nothing: the route refuses it with 400."""
    status, body = _post(enamel.port, "/api/v1/appointments", b"{}", {"Authorization": auth})
    if status in (404, 405):
        return f"Enamel has no POST /api/v1/appointments yet ({status})"
    if status != 400:
        return f"Enamel answered {status} to an empty booking: {body[:200]!r}"
    return None


def check_failures(server: Server, scenario: Scenario, result: LoadResult) -> None:
    if result.failures:
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(result.statuses.items()))
        raise RunFailed(
            f"{server.name} answered {result.failures} of {result.requests} "
            f"{scenario.title} requests with a non-2xx status ({statuses}); first: "
            + " / ".join(result.errors)
        )


# --- rounds --------------------------------------------------------------------------------


@dataclass(frozen=True)
class HttpOptions:
    rounds: int
    scale: float
    connections: int
    cap: float
    demo_patients: int
    only: tuple[str, ...] = ()
    """Scenario names to run; empty: all."""


def timed(server: Server, requests: list[Request], options: HttpOptions) -> LoadResult:
    gc.collect()
    return load(server.port, requests, connections=options.connections, cap=options.cap)


def run_scenario(
    scenario: Scenario,
    servers: dict[str, Server],
    make: Callable[[int], list[Request]],
    options: HttpOptions,
    engine: str,
) -> HttpResult:
    label = LABELS.get(engine, engine)
    n = max(1, round(scenario.requests * options.scale))
    warmup = max(1, round(scenario.warmup * options.scale))
    result = HttpResult(
        engine=engine,
        scenario=scenario.name,
        title=scenario.title,
        goal=scenario.goal,
        requests_per_round=n,
        connections=options.connections,
    )
    for server in servers.values():
        check_failures(server, scenario, timed(server, make(warmup), options))
    for r in range(options.rounds):
        order = ("enamel", "bare") if r % 2 == 0 else ("bare", "enamel")
        rates: dict[str, float] = {}
        for name in order:
            server = servers[name]
            outcome = timed(server, make(n), options)
            check_failures(server, scenario, outcome)
            rates[name] = outcome.rate
            capped = " (time cap)" if outcome.capped else ""
            result.capped |= outcome.capped
            say(
                f"  {label:<10} {scenario.name:<11} round {r + 1}/{options.rounds}  {name:<6} "
                f"{outcome.requests:>6} requests in {outcome.seconds:6.2f} s "
                f"{outcome.rate:8.0f} req/s{capped}"
            )
        result.enamel_rates.append(rates["enamel"])
        result.bare_rates.append(rates["bare"])
    verdict = "meets" if result.ratio >= scenario.goal else "MISSES"
    say(
        f"  {label}: {scenario.title}: Enamel {result.enamel:,.0f} req/s, bare "
        f"{result.bare:,.0f} req/s, ratio {result.ratio:.2f} ({verdict} the goal of "
        f"{scenario.goal})"
    )
    return result


def count_future_appointments(target: Target, since: dt.date) -> int:
    start = dt.datetime.combine(since, dt.time(0))
    with target.db.read() as s:
        return (
            s.scalar(
                select(func.count())
                .select_from(Appointment)
                .where(Appointment.AptDateTime >= start)
            )
            or 0
        )


@dataclass
class EngineRun:
    results: list[HttpResult] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    facts: dict[str, str] = field(default_factory=dict)


def run_engine(engine: str, postgres_url: str, options: HttpOptions) -> EngineRun:
    out = EngineRun()
    label = LABELS.get(engine, engine)
    with (
        fresh_target(engine, postgres_url) as target,
        TemporaryDirectory(prefix="enamel-bench-http-") as tmp,
        ExitStack() as stack,
    ):
        workdir = Path(tmp)
        started = time.perf_counter()
        demo = load_demo(target.db, patients=options.demo_patients)
        say(
            f"  {label}: demo practice of {demo.patients:,} patients loaded in "
            f"{time.perf_counter() - started:.1f} s"
        )
        auth = add_bench_integration(target)
        practice = read_practice(target)
        config = bare_config(target, practice)
        enamel, bare = start_servers(target, config, workdir, stack)
        servers = {"enamel": enamel, "bare": bare}
        check_same_answers(enamel, bare, practice, auth)
        first_day = dt.date.today() + dt.timedelta(days=3 * 365)
        plan = SlotPlan(practice, first_day)
        out.facts[f"{engine}_patients"] = str(demo.patients)
        for scenario in SCENARIOS:
            if options.only and scenario.name not in options.only:
                continue
            if scenario.name == "appointment":
                missing = post_route_missing(enamel, auth)
                if missing:
                    out.skipped[f"{scenario.title} on {label}"] = missing
                    say(f"  skipped {scenario.title} on {label}: {missing}")
                    continue

            def make(n: int, s: Scenario = scenario) -> list[Request]:
                return requests_for(s, n, practice, plan, auth)

            out.results.append(run_scenario(scenario, servers, make, options, engine))
            if scenario.name == "appointment":
                booked = count_future_appointments(target, first_day)
                if booked != plan.taken:
                    raise RunFailed(f"{plan.taken} bookings sent, {booked} appointments stored")
    return out
