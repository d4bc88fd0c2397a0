"""The bare baseline of the HTTP benchmark: Starlette and the bare driver, nothing else.

Served by uvicorn exactly as Enamel is (`python -m uvicorn bench.bare:create_app --factory`),
it answers the benchmark's three requests with the least work that still does the job:

- `GET /api/v1/patients?Limit=&Offset=` and `GET /api/v1/patients/{PatNum}` run the SQL text
  Enamel's repository sends to the driver (captured by the benchmark from Enamel's own engine,
  parameters included) on one autocommit connection, and answer the rows as JSON objects keyed
  by the column labels (orjson; no labels for enums, no date formats, no credentials);
- `POST /api/v1/appointments` parses the JSON body and runs one INSERT into `appointment`,
  answering 201 with the new AptNum.

`create_query_app` is the baseline of the queries benchmark (bench/queries.py): `PUT
/api/v1/queries/ShortQuery` runs the text Enamel's check writes for the engine and answers its
rows as JSON objects (orjson), nothing else.

Its settings come from the JSON file named by `$BENCH_BARE_CONFIG` (written by bench/http.py).
It imports nothing from Enamel.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from decimal import Decimal
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

CONFIG_ENV = "BENCH_BARE_CONFIG"


def _default(value: Any) -> Any:
    """What orjson does not take: decimals as numbers, MariaDB's TIME (a timedelta) as text."""
    if isinstance(value, Decimal):
        return orjson.Fragment(str(value).encode())
    if isinstance(value, dt.timedelta):
        return str(value)
    raise TypeError(type(value).__name__)


def _json(content: Any, status: int = 200) -> Response:
    return Response(
        orjson.dumps(content, default=_default), status_code=status, media_type="application/json"
    )


Params = list[Any] | dict[str, Any]


def _bind(template: Params, slots: dict[str, int | str], values: dict[str, Any]) -> Params:
    """The captured parameters with the request's values in their slots."""
    if isinstance(template, list):
        out_list = list(template)
        for name, slot in slots.items():
            out_list[int(slot)] = values[name]
        return out_list
    out_dict = dict(template)
    for name, slot in slots.items():
        out_dict[str(slot)] = values[name]
    return out_dict


class Driver:
    """One read connection and one write connection, used from the event loop only (so one at
    a time), autocommit."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.engine: str = config["engine"]
        self.read: Any
        self.write: Any
        if self.engine == "sqlite":
            path = config["sqlite_path"]
            self.read = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.write = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            for conn in (self.read, self.write):
                conn.execute("PRAGMA busy_timeout = 30000")
            self.write.execute("PRAGMA journal_mode = WAL")
            self.write.execute("PRAGMA synchronous = NORMAL")
        elif self.engine == "postgresql":
            import psycopg

            self.read = psycopg.connect(config["conninfo"], autocommit=True)
            self.write = psycopg.connect(config["conninfo"], autocommit=True)
        elif self.engine == "mysql":  # the queries benchmark only: its reads use a cursor
            import pymysql
            from sqlalchemy.engine import make_url

            u = make_url(config["conninfo"])
            self.read, self.write = (
                pymysql.connect(
                    host=u.host,
                    port=u.port or 3306,
                    user=u.username,
                    password=u.password or "",
                    database=u.database,
                    autocommit=True,
                )
                for _ in range(2)
            )
        else:
            raise ValueError(f"unknown engine {self.engine!r}")

    def rows(self, sql: str, params: Params) -> list[dict[str, Any]]:
        cur = self.read.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def insert(self, sql: str, params: Params) -> int:
        cur = self.write.execute(sql, params)
        if self.engine == "sqlite":
            return int(cur.lastrowid or 0)
        row = cur.fetchone()
        return int(row[0]) if row else 0

    def close(self) -> None:
        self.read.close()
        self.write.close()


def _int(value: str | None, default: int) -> int:
    return default if value is None else int(value)


def make_routes(config: dict[str, Any], driver: Driver) -> list[Route]:
    listing, one, insert = config["list"], config["one"], config["insert"]
    sqlite = driver.engine == "sqlite"

    def stamp(value: dt.datetime) -> Any:
        # The text SQLAlchemy's SQLite DATETIME stores; psycopg takes the datetime itself.
        return value.isoformat(sep=" ", timespec="microseconds") if sqlite else value

    async def list_patients(request: Request) -> Response:
        q = request.query_params
        values = {"offset": _int(q.get("Offset"), 0), "limit": _int(q.get("Limit"), 100)}
        params = _bind(listing["params"], listing["slots"], values)
        return _json(driver.rows(listing["sql"], params))

    async def get_patient(request: Request) -> Response:
        values = {"pat_num": int(request.path_params["PatNum"])}
        rows = driver.rows(one["sql"], _bind(one["params"], one["slots"], values))
        if not rows:
            return _json({"message": "not found"}, 404)
        return _json(rows[0])

    async def create_appointment(request: Request) -> Response:
        body = orjson.loads(await request.body())
        op = int(body["Op"])
        now = stamp(dt.datetime.now().replace(microsecond=0))
        start = stamp(dt.datetime.fromisoformat(body["AptDateTime"]))
        values = {
            "PatNum": int(body["PatNum"]),
            "AptStatus": insert["scheduled"],
            "Pattern": body.get("Pattern", "/XX/"),
            "Confirmed": insert["confirmed"],
            "Op": op,
            "ProvNum": insert["dentists"][str(op)],
            "ProvHyg": 0,
            "ClinicNum": 0,
            "AptDateTime": start,
            "SecUserNumEntry": 0,
            "SecDateTEntry": now,
            "DateTStamp": now,
        }
        params: Params = (
            [values[c] for c in insert["columns"]]
            if sqlite
            else {c: values[c] for c in insert["columns"]}
        )
        apt_num = driver.insert(insert["sql"], params)
        return _json({"AptNum": apt_num}, 201)

    async def healthz(_request: Request) -> Response:
        return _json({"status": "ok"})

    handlers: list[tuple[str, Callable[[Request], Any], list[str]]] = [
        ("/api/v1/patients", list_patients, ["GET"]),
        ("/api/v1/patients/{PatNum:int}", get_patient, ["GET"]),
        ("/api/v1/appointments", create_appointment, ["POST"]),
        ("/healthz", healthz, ["GET"]),
    ]
    return [Route(path, fn, methods=methods) for path, fn, methods in handlers]


def create_app() -> Starlette:
    with open(os.environ[CONFIG_ENV], encoding="utf-8") as f:
        config = json.load(f)
    driver = Driver(config)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            driver.close()

    return Starlette(routes=make_routes(config, driver), lifespan=lifespan)


# --- the queries benchmark's baseline (bench/queries.py) -----------------------------------


class QueryDriver(Driver):
    """The driver of the ShortQuery baseline: the statement sent as it is, no parameters."""

    def query(self, sql: str) -> list[dict[str, Any]]:
        cur = self.read.cursor()
        cur.execute(sql)
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
        cur.close()
        return rows


def make_query_routes(config: dict[str, Any], driver: QueryDriver) -> list[Route]:
    """`PUT /api/v1/queries/ShortQuery`: the body's `SqlCommand` looked up among the queries
    the benchmark sends (config "queries": Open Dental's text -> the text Enamel's `check`
    writes for this engine), run with the driver, its rows answered as JSON objects keyed by
    the column labels (orjson; the driver's own values, no date formats). No rule is checked
    and nothing is logged: that is what Enamel adds."""
    rendered: dict[str, str] = config["queries"]

    async def short_query(request: Request) -> Response:
        body = orjson.loads(await request.body())
        sql = rendered.get(body.get("SqlCommand"))
        if sql is None:
            return _json({"message": "not a query of the benchmark"}, 400)
        return _json(driver.query(sql))

    async def healthz(_request: Request) -> Response:
        return _json({"status": "ok"})

    return [
        Route("/api/v1/queries/ShortQuery", short_query, methods=["PUT"]),
        Route("/healthz", healthz, methods=["GET"]),
    ]


def create_query_app() -> Starlette:
    """The ShortQuery baseline (`python -m uvicorn bench.bare:create_query_app --factory`)."""
    with open(os.environ[CONFIG_ENV], encoding="utf-8") as f:
        config = json.load(f)
    driver = QueryDriver(config)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            driver.close()

    return Starlette(routes=make_query_routes(config, driver), lifespan=lifespan)
