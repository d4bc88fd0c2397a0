"""The web application: `create_app()` builds it; `enamel serve` runs it with uvicorn."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from enamel import __version__
from enamel.config import Settings
from enamel.db import Database
from enamel.db.migrate import head_revision
from enamel.errors import DomainError


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = database is None
        app.state.db = database or Database(settings.database_url)
        try:
            yield
        finally:
            if owned:
                app.state.db.dispose()

    app = FastAPI(title="Enamel", version=__version__, lifespan=lifespan)
    app.state.settings = settings

    @app.exception_handler(DomainError)
    async def domain_error(_request: Request, exc: DomainError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first: dict[str, Any] = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("body", "query"))
        message = f"{where}: {first.get('msg', 'invalid')}" if where else "invalid request"
        return JSONResponse(
            {"message": message, "error": "invalid", "field": where or None}, status_code=400
        )

    @app.get("/healthz", tags=["health"])
    def healthz(request: Request) -> JSONResponse:
        """Database reachable and at the schema version this Enamel expects."""
        db: Database = request.app.state.db
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

    return app
