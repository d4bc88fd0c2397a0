"""The web application: `create_app()` builds it; `enamel serve` runs it with uvicorn."""

from __future__ import annotations

import gc
import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import iter_route_contexts
from sqlalchemy import text
from sqlalchemy.exc import DataError, IntegrityError, OperationalError, SQLAlchemyError
from starlette.exceptions import HTTPException
from starlette.routing import Match

from enamel import __version__, admin
from enamel.admin.web import BASE as OFFICE
from enamel.admin.web import domain_error_page
from enamel.api import docs, metrics, routes
from enamel.api.middleware import ApiMiddleware
from enamel.audit.schedule import Schedule
from enamel.config import Settings
from enamel.db import Database
from enamel.db.engine import normalise_url
from enamel.db.migrate import head_revision
from enamel.errors import Conflict, DomainError, InvalidInput, Unavailable
from enamel.plugins.host import PluginHost
from enamel.security.activity import Activity
from enamel.security.gate import Gate
from enamel.security.ratelimit import make_limiter

GC_THRESHOLD = 10_000
"""New objects between two runs of Python's youngest-generation collector while the server runs
(Python's default: 700). A read of a thousand rows makes some 10,000 objects, which the default
would walk a dozen times over while they are still in use: measured 4-16% more 1000-row
ShortQuery requests a second on SQLite. Left alone when the process set its own threshold."""


def _fewer_collections() -> None:
    first, *older = gc.get_threshold()
    if first == 700:  # Python's default
        gc.set_threshold(GC_THRESHOLD, *older)


DESCRIPTION = """Open Dental's REST API, served by Enamel: the same routes, fields and labels, so
a client written for Open Dental works by changing its base URL. Authenticate with
`Authorization: ODFHIR {DeveloperKey}/{CustomerKey}` (keys from `enamel integrations add`).
Errors are `{"message", "error", "field"}`; validation errors are 400."""


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    db = database or Database(settings.database_url)
    if settings.query_database_url:
        db.replica_url = normalise_url(settings.query_database_url)
    activity = Activity(db)
    schedule = Schedule(db, settings.audit_interval)
    plugins = PluginHost(db, settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        _fewer_collections()
        activity.start()
        schedule.start()
        plugins.start()
        try:
            yield
        finally:
            plugins.stop()
            schedule.stop()
            activity.stop()
            if database is None:
                db.dispose()

    app = FastAPI(
        title="Enamel",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        # Enamel serves its own Prometheus metrics (/metrics); FastAPI's OpenTelemetry hooks
        # would cost every request a look at the environment.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.settings = settings
    app.state.db = db
    app.state.activity = activity
    app.state.plugins = plugins
    namespace = hashlib.sha256(db.url.render_as_string(hide_password=True).encode()).hexdigest()
    limiter = make_limiter(settings.redis_url, namespace[:16])
    app.state.gate = Gate(db, limiter, settings.switch_delay)
    app.add_middleware(ApiMiddleware, activity=activity)
    routes.install(app)
    docs.install(app)
    admin.install(app)
    _handlers(app)

    @app.get("/metrics", tags=["health"], response_class=Response)
    def prometheus_metrics() -> Response:
        """Prometheus metrics: requests and latency per integration and route."""
        return metrics.exposition()

    @app.get("/healthz", tags=["health"])
    def healthz(request: Request) -> JSONResponse:
        """Database reachable and at the schema version this Enamel expects."""
        return _health(request.app.state.db)

    return app


def _office(request: Request) -> bool:
    return request.url.path.startswith(OFFICE + "/") or request.url.path == OFFICE


def _error(status: int, message: str, code: str, field: str | None = None) -> JSONResponse:
    return JSONResponse({"message": message, "error": code, "field": field}, status_code=status)


def _allowed_methods(request: Request) -> list[str]:
    """The methods of every route at the request's path (Allow names them all, not only those
    of the first route that matched). A literal route (/patients/Simple) is its own resource,
    whatever a route with a parameter in that place (/patients/{PatNum}) would take."""
    return _literal_methods(request) or _methods(request, literal=False)


def _literal_methods(request: Request) -> list[str]:
    return _methods(request, literal=True)


def _methods(request: Request, *, literal: bool) -> list[str]:
    methods: set[str] = set()
    for route in iter_route_contexts(request.app.routes):
        if literal and route.param_convertors:
            continue
        if route.matches(request.scope)[0] != Match.NONE:
            methods |= route.methods or set()
    return sorted(methods)


def _method_not_allowed(allowed: list[str]) -> JSONResponse:
    return JSONResponse(
        {
            "message": "Method not allowed on this route",
            "error": "method_not_allowed",
            "field": None,
        },
        status_code=405,
        headers={"Allow": ", ".join(allowed)},
    )


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def domain_error(request: Request, exc: DomainError) -> Response:
        if _office(request):
            return domain_error_page(request, exc)
        return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers())

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        first: dict[str, Any] = exc.errors()[0] if exc.errors() else {}
        if _office(request):
            field = str((first.get("loc") or ("", ""))[-1])
            return domain_error_page(request, InvalidInput(f"{field}: {first.get('msg')}"))
        if (first.get("loc") or ("",))[0] == "path":
            # PUT /patients/Simple names the Simple list, which takes no PUT; it is not a
            # PUT /patients/{PatNum} with a bad PatNum.
            allowed = _literal_methods(request)
            if allowed and request.method not in allowed:
                return _method_not_allowed(allowed)
        # The field a client sent, not the validator's inner path (union members, list items).
        loc = [str(p) for p in first.get("loc", ())]
        where = loc[1] if len(loc) > 1 and loc[0] in ("body", "query", "path", "header") else ""
        kind = first.get("type")
        if kind == "json_invalid":
            detail = first.get("ctx", {}).get("error", "")
            return _error(
                400, f"The request body is not valid JSON: {detail}".strip(": "), "invalid"
            )
        if first.get("loc") == ("body",):
            return _error(
                400,
                "The request body must be a JSON object, sent with Content-Type: application/json",
                "invalid",
            )
        message = f"{where}: {first.get('msg', 'invalid')}" if where else "invalid request"
        return _error(400, message, "invalid", where or None)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        if exc.status_code == 405:
            return _method_not_allowed(_allowed_methods(request))
        codes = {404: "not_found", 405: "method_not_allowed"}
        message = {404: "No such route", 405: "Method not allowed on this route"}.get(
            exc.status_code, str(exc.detail)
        )
        return JSONResponse(
            {"message": message, "error": codes.get(exc.status_code, "http_error"), "field": None},
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(IntegrityError)
    async def integrity_error(_request: Request, exc: IntegrityError) -> JSONResponse:
        err = Conflict("The change conflicts with data written at the same time; try again")
        return JSONResponse(err.body(), status_code=err.status)

    @app.exception_handler(DataError)
    async def data_error(_request: Request, exc: DataError) -> JSONResponse:
        # The services check that values fit their columns; this is the net under that check.
        return _error(400, "A value does not fit its column (too long or out of range)", "invalid")

    @app.exception_handler(OperationalError)
    async def operational_error(_request: Request, exc: OperationalError) -> JSONResponse:
        err = Unavailable("The database cannot answer now; try again shortly")
        return JSONResponse(err.body(), status_code=err.status, headers={"Retry-After": "1"})


def _health(db: Database) -> JSONResponse:
    head = head_revision()
    try:
        with db.read_engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        version = db.schema_version()
    except SQLAlchemyError as exc:
        return JSONResponse(
            {
                "status": "error",
                "database": db.dialect,
                "message": f"database unreachable: {type(exc).__name__}",
            },
            status_code=503,
        )
    ok = version == head
    return JSONResponse(
        {
            "status": "ok" if ok else "error",
            "database": db.dialect,
            "schema_version": version or "none",
            "expected_schema_version": head,
            "version": __version__,
            **({} if ok else {"message": "run `enamel db upgrade`"}),
        },
        status_code=200 if ok else 503,
    )
