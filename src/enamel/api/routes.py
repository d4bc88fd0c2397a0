"""The API under /api/v1: every domain's router, and the routes that need no credentials."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute

from enamel.api import PREFIX
from enamel.appointments.router import router as appointments
from enamel.auditfindings.router import router as auditfindings
from enamel.patients.router import hot as patients_hot
from enamel.patients.router import router as patients
from enamel.payments.router import router as payments
from enamel.procedures.router import router as procedures
from enamel.programlinks.router import router as programlinks
from enamel.providers.router import router as providers
from enamel.queries.router import router as queries
from enamel.securitylogs.router import router as securitylogs
from enamel.setup.router import router as setup


def install(app: FastAPI) -> None:
    """Every API route on `app`. The hot reads (lean routes) and ShortQuery (a 1000-row read
    whose time is measured against the bare driver) go first and at the top level: matching a
    request walks the routes in order, and each level of included routers costs FastAPI time
    on every request."""
    before = len(app.router.routes)
    for hot in (patients_hot, queries):
        for route in hot.routes:
            if not isinstance(route, APIRoute):
                raise TypeError(f"{route!r}: hot routes are API routes")
            app.router.add_api_route(
                PREFIX + route.path,
                route.endpoint,
                methods=sorted(route.methods or ()),
                name=route.name,
                response_model=route.response_model,
                dependencies=route.dependencies,
                tags=route.tags,
                description=route.description,
                openapi_extra=route.openapi_extra,
                route_class_override=type(route),
            )
    hot_routes = app.router.routes[before:]
    del app.router.routes[before:]
    app.router.routes[:0] = hot_routes  # ahead of the documentation's routes too
    app.include_router(api_router())


def api_router() -> APIRouter:
    """The API's routes but the hot ones."""
    api = APIRouter(prefix=PREFIX)
    for domain in (
        patients,
        appointments,
        procedures,
        payments,
        providers,
        setup,
        securitylogs,
        auditfindings,
        programlinks,
    ):
        api.include_router(domain)
    return api
