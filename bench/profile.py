"""Where an API request's time goes: `python -m bench.profile` (SQLite, in one process).

The HTTP benchmark (bench/http.py) says how far Enamel is from the bare app; this says why. It
calls both ASGI apps directly (no uvicorn, no sockets), then takes Enamel's layers away one at
a time and times the pieces of the read path on their own:

- whole apps: Enamel and bare, per request;
- Enamel with its repository answering a constant, then without the connection checkout, then
  without the gate, then without `ApiMiddleware`: what is left is FastAPI's own routing and
  dependency solving;
- the read path's pieces: connection checkout and BEGIN, SQLAlchemy execution against the
  driver with the same SQL, building a filtered statement (and its cache key) per request,
  column type processing, `Shape.rows`, the gate.

Figures are microseconds per request (best of a few runs). The machine is shared: compare the
lines of one run with each other, not with another run's.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import sqlite3
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any
from unittest import mock

import orjson
import uvloop
from sqlalchemy import Integer, String, select, type_coerce
from sqlalchemy.types import TypeEngine

from bench.bare import CONFIG_ENV
from bench.bare import create_app as create_bare_app
from bench.http import PAGE, Practice, add_bench_integration, bare_config, read_practice
from bench.practice import PATTERN, SLOT
from bench.targets import fresh_target
from enamel.api import access
from enamel.api.encode import Field
from enamel.api.paging import Page
from enamel.config import Settings
from enamel.db import Database
from enamel.db.types import Bool, IntEnumType
from enamel.demo.loader import load_demo
from enamel.models.enums import PatientStatus
from enamel.patients import repository
from enamel.patients.schemas import PATIENT_SELECT
from enamel.security.gate import Gate
from enamel.security.ratelimit import LocalLimiter
from enamel.security.scopes import Scope

App = Callable[[dict[str, Any], Any, Any], Awaitable[None]]
Call = tuple[dict[str, Any], bytes]


def say(message: str) -> None:
    print(message, flush=True)


def _scope(method: str, path: str, query: bytes, auth: str, body: bytes) -> dict[str, Any]:
    headers = [(b"host", b"127.0.0.1"), (b"authorization", auth.encode())]
    if body:
        headers += [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query,
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }


async def asgi_call(app: App, scope: dict[str, Any], body: bytes) -> tuple[int, bytes]:
    sent = False
    status = 0
    chunks: list[bytes] = []

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.Event().wait()  # the client never disconnects
        raise AssertionError("unreachable")

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        else:
            chunks.append(message.get("body", b""))

    await app({**scope, "state": {}}, receive, send)
    return status, b"".join(chunks)


class Calls:
    """The benchmark's three requests as ASGI calls, bookings on slots of their own."""

    def __init__(self, practice: Practice, auth: str) -> None:
        self.practice = practice
        self.auth = auth
        self.day = dt.date.today() + dt.timedelta(days=5 * 365)

    def patient(self, n: int) -> list[Call]:
        pats = self.practice.patients
        return [
            (_scope("GET", f"/api/v1/patients/{pats[i % len(pats)]}", b"", self.auth, b""), b"")
            for i in range(n)
        ]

    def patients(self, n: int) -> list[Call]:
        call = (_scope("GET", "/api/v1/patients", f"Limit={PAGE}".encode(), self.auth, b""), b"")
        return [call] * n

    def appointment(self, n: int) -> list[Call]:
        ops = sorted(self.practice.dentists)
        pats = self.practice.bookable
        out: list[Call] = []
        while len(out) < n:
            t = dt.datetime.combine(self.day, dt.time(8, 0))
            while t + SLOT <= dt.datetime.combine(self.day, dt.time(18, 0)) and len(out) < n:
                for op in ops[: n - len(out)]:
                    body = orjson.dumps(
                        {
                            "PatNum": pats[len(out) % len(pats)],
                            "Op": op,
                            "AptDateTime": f"{t:%Y-%m-%d %H:%M:%S}",
                            "Pattern": PATTERN,
                        }
                    )
                    out.append((_scope("POST", "/api/v1/appointments", b"", self.auth, body), body))
                t += SLOT
            self.day += dt.timedelta(days=1)
        return out


def per_request(app: App, make: Callable[[int], list[Call]], n: int, runs: int = 3) -> float:
    """Microseconds per request, best of `runs` runs of `n` requests (after a warm-up)."""

    async def go() -> float:
        best = float("inf")
        for calls in [make(max(20, n // 10))] + [make(n) for _ in range(runs)]:
            started = time.perf_counter()
            for scope, body in calls:
                status, answer = await asgi_call(app, scope, body)
                if status >= 300:
                    raise RuntimeError(f"{status} {answer[:300]!r}")
            best = min(best, (time.perf_counter() - started) / len(calls))
        return best * 1e6

    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(go())


def timed(fn: Callable[[int], object], n: int, runs: int = 5) -> float:
    """Microseconds per call, best of `runs`."""
    for i in range(max(10, n // 10)):
        fn(i)
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        for i in range(n):
            fn(i)
        best = min(best, (time.perf_counter() - started) / n)
    return best * 1e6


class _NoConnection:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *_exc: object) -> None:
        return None


class _NoEngine:
    def connect(self) -> _NoConnection:
        return _NoConnection()


@contextmanager
def without(app: Any, layer: str, answers: dict[str, Any]) -> Iterator[None]:
    """Enamel with one layer taken away (restored afterwards)."""
    if layer == "repository":
        with (
            mock.patch.object(repository, "one", lambda _c, _n: answers["one"]),
            mock.patch.object(repository, "select_page", lambda _c, _f, _p: answers["page"]),
        ):
            yield
    elif layer == "connection":
        db = app.state.db
        fake = mock.Mock(read_engine=_NoEngine())
        app.state.db = fake
        try:
            yield
        finally:
            app.state.db = db
    elif layer == "gate":
        with mock.patch.object(access, "admit", lambda _r, _s: None):
            yield
    elif layer == "middleware":
        kept = app.user_middleware
        app.user_middleware = [m for m in kept if m.cls.__name__ != "ApiMiddleware"]
        app.middleware_stack = None
        try:
            yield
        finally:
            app.user_middleware = kept
            app.middleware_stack = None
    else:
        raise ValueError(layer)


def row(label: str, *values: float | str) -> None:
    cells = "".join(f"{v:>12,.0f}" if isinstance(v, float) else f"{v:>12}" for v in values)
    say(f"  {label:<68}{cells}")


def whole_apps(enamel: Any, bare: Any, calls: Calls, n: int) -> None:
    say("Whole apps over ASGI, µs per request (no uvicorn, no sockets):")
    row("", "Enamel", "bare", "ratio")
    for name in ("patient", "patients", "appointment"):
        make = getattr(calls, name)
        count = n if name != "patients" else max(50, n // 4)
        e = per_request(enamel, make, count)
        b = per_request(bare, make, count)
        row(name, e, b, f"{b / e:.2f}")


def layers(enamel: Any, calls: Calls, n: int, answers: dict[str, Any]) -> None:
    say("\nEnamel with its layers taken away one by one, µs per request:")
    row("", "patient", "patients")

    def both() -> tuple[float, float]:
        return (
            per_request(enamel, calls.patient, n),
            per_request(enamel, calls.patients, max(50, n // 4)),
        )

    row("whole", *both())
    with ExitStack() as stack:
        for layer, label in (
            ("repository", "- repository (SQL, rows, encoding): a constant answer"),
            ("connection", "- read_engine.connect() (pool checkout, BEGIN, ROLLBACK)"),
            ("gate", "- the gate (keys, switches, rate limit, scope)"),
            ("middleware", "- ApiMiddleware (request id, activity, metrics): FastAPI alone"),
        ):
            stack.enter_context(without(enamel, layer, answers))
            row(label, *both())


def pieces(
    target_db: Database, config: dict[str, Any], practice: Practice, auth: str, n: int
) -> None:
    say("\nThe read path's pieces on their own, µs per call:")
    engine = target_db.read_engine
    raw = sqlite3.connect(config["sqlite_path"], isolation_level=None, check_same_thread=False)
    one, listing = config["one"], config["list"]
    pats = practice.patients
    conn = engine.connect()
    try:
        page_params = list(listing["params"])
        page_params[listing["slots"]["offset"]] = 0
        page_params[listing["slots"]["limit"]] = PAGE

        def one_params(i: int) -> list[Any]:
            p = list(one["params"])
            p[one["slots"]["pat_num"]] = pats[i % len(pats)]
            return p

        filters = repository.SelectFilters()
        built = _page_statement()
        coerced = (
            select(
                *(
                    type_coerce(f.expr, f.expr.type if f.out is None else raw_type(f))
                    for f in PATIENT_SELECT.fields
                )
            )
            .select_from(PATIENT_SELECT.from_)
            .where(*_SHOWN)
            .order_by(repository.P.PatNum)
            .offset(0)
            .limit(PAGE)
        )
        rows = conn.execute(built).all()
        encoded = PATIENT_SELECT.rows(rows)
        gate = Gate(target_db, LocalLimiter())
        m = max(50, n // 4)
        for label, fn, count in (
            (
                "GET one: engine.connect() + BEGIN + ROLLBACK",
                lambda _i: _begin_only(engine),
                n,
            ),
            (
                "GET one: SQLAlchemy execute(_ONE).first() (open connection)",
                lambda i: conn.execute(repository._ONE, {"pat_num": pats[i % len(pats)]}).first(),
                n,
            ),
            (
                "GET one: the same SQL with sqlite3",
                lambda i: raw.execute(one["sql"], one_params(i)).fetchone(),
                n,
            ),
            (
                "GET one: the gate (identify + check)",
                lambda _i: gate.check(gate.identify(auth), Scope.PATIENTS_READ),
                n,
            ),
            (
                "GET list: select_page() as the route calls it (builds the statement)",
                lambda _i: repository.select_page(conn, filters, Page(0, PAGE)),
                m,
            ),
            (
                "GET list: a prebuilt statement: execute + all()",
                lambda _i: conn.execute(built).all(),
                m,
            ),
            (
                "GET list: building the statement + its cache key, per request",
                lambda _i: _page_statement()._generate_cache_key(),
                m,
            ),
            (
                "GET list: prebuilt, converted columns read raw (no type processing)",
                lambda _i: conn.execute(coerced).all(),
                m,
            ),
            (
                "GET list: the same SQL with sqlite3: fetchall()",
                lambda _i: raw.execute(listing["sql"], page_params).fetchall(),
                m,
            ),
            ("GET list: PATIENT_SELECT.rows(100 rows)", lambda _i: PATIENT_SELECT.rows(rows), m),
            (
                "GET list: orjson.dumps(100 rows)",
                lambda _i: orjson.dumps(encoded),
                m,
            ),
        ):
            row(label, timed(fn, count))
    finally:
        conn.close()
        raw.close()


def raw_type(f: Field) -> TypeEngine[Any]:
    """What a converted column would be read as without SQLAlchemy's type processing: enums
    and booleans as integers, dates as the driver gives them (text on SQLite)."""
    return Integer() if isinstance(f.expr.type, IntEnumType | Bool) else String()


_SHOWN = (
    repository.P.PatStatus != PatientStatus.Deleted,
    repository.P.PatStatus != PatientStatus.Archived,
)


def _page_statement() -> Any:
    """The statement a request without filters would build if it were built per request
    (select_page() reuses one built statement instead)."""
    return (
        PATIENT_SELECT.select().where(*_SHOWN).order_by(repository.P.PatNum).offset(0).limit(PAGE)
    )


def _begin_only(engine: Any) -> None:
    with engine.connect() as c:
        c.begin()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    parser.add_argument("--patients", type=int, default=300, help="demo patients (default 300)")
    parser.add_argument("--requests", type=int, default=400, help="requests a run (default 400)")
    ns = parser.parse_args(argv)
    from enamel.app import create_app

    with fresh_target("sqlite", "") as target, TemporaryDirectory() as tmp:
        say(f"Loading a demo practice of {ns.patients} patients into SQLite...")
        load_demo(target.db, patients=ns.patients)
        auth = add_bench_integration(target)
        practice = read_practice(target)
        config = bare_config(target, practice)
        path = Path(tmp) / "bare.json"
        path.write_text(json.dumps(config), encoding="utf-8")
        os.environ[CONFIG_ENV] = str(path)
        enamel = create_app(Settings(database_url=str(target.db.url)), database=target.db)
        bare = create_bare_app()
        calls = Calls(practice, auth)
        with target.db.read_engine.connect() as conn:
            answers = {
                "one": repository.one(conn, practice.patients[0]),
                "page": repository.select_page(conn, repository.SelectFilters(), Page(0, PAGE)),
            }
        whole_apps(enamel, bare, calls, ns.requests)
        layers(enamel, calls, ns.requests, answers)
        pieces(target.db, config, practice, auth, ns.requests * 2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
