"""Contracts of the code base that no single behaviour test would catch (DESIGN.md 2 and 5)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import enamel.errors as errors

SRC = Path(__file__).resolve().parent.parent / "src" / "enamel"
EDGE = SRC / "db"
"""The only package that begins, commits or rolls back transactions (sessions, migrations,
connection set-up)."""


def test_only_the_edge_commits_rolls_back_or_begins() -> None:
    pattern = re.compile(r"\.(commit|rollback|begin)\(")
    offenders = [
        f"{path.relative_to(SRC)}:{n}: {line.strip()}"
        for path in SRC.rglob("*.py")
        if EDGE not in path.parents and "migrations" not in path.parts
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_write_services_require_an_edge_session() -> None:
    for path in SRC.glob("*/service.py"):
        source = path.read_text()
        for match in re.finditer(r"def (create|update|delete|break|complete)_\w+\(", source):
            body = source[match.end() : source.find("\ndef ", match.end())]
            assert "require_write(db)" in body or "return update_" in body, (
                f"{path.relative_to(SRC)}: {match.group(0)} does not call require_write"
            )


def test_domain_errors_carry_a_known_status_and_a_unique_code() -> None:
    classes = [
        cls
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.DomainError)
    ]
    assert len(classes) > 5
    codes = [cls.code for cls in classes]
    assert len(codes) == len(set(codes))
    for cls in classes:
        assert cls.status in {400, 401, 403, 404, 409, 413, 429, 503}, cls
        body = cls("something is wrong", field="X").body()
        assert body == {"message": "something is wrong", "error": cls.code, "field": "X"}


FLOATS_THAT_ARE_NOT_MONEY = {
    "money.py": "refuses floats",
    "db/types.py": "refuses floats",
    "errors.py": "seconds to wait",
    "config.py": "seconds",
    "api/metrics.py": "seconds",
    "api/encode.py": "the JSON number type in the API documentation",
    "security/activity.py": "milliseconds",
    "security/gate.py": "seconds",
    "audit/verify.py": "seconds the check took",
    "audit/schedule.py": "seconds between checks",
    "queries/run.py": "seconds a query may run",
    "queries/service.py": "seconds a query may run",
    "queries/stats.py": "seconds the queries took",
    "queries/monitor.py": "seconds a query has run",
    "queries/watchdog.py": "seconds to a read's deadline",
    "queries/dialects/functions.py": "SQLite's own number type, which its functions answer",
    "security/ratelimit.py": "tokens and seconds",
    "plugins/runner.py": "seconds a hook may run",
    "security/overview.py": "requests per minute",
}


def test_no_float_money_in_the_services() -> None:
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if re.search(r"\bfloat\(|: float\b", path.read_text())
        and path.parent.name not in ("demo", "cli")
        and str(path.relative_to(SRC)) not in FLOATS_THAT_ARE_NOT_MONEY
    ]
    assert offenders == []


PUBLIC_ROUTES = {
    "/healthz",
    "/metrics",
    "/openapi.json",
    "/docs",
    "/docs/oauth2-redirect",
    "/redoc",
}
"""Routes that need no API key: health, metrics (no patient data) and the API's documentation."""

OFFICE = "/office"
OFFICE_OPEN = {"/office", "/office/", "/office/signin", "/office/static"}
"""Office routes that need no session: the sign-in form, the redirect to it, and the static
files (style sheet and scripts, no data). Every other office route needs a signed-in user."""


def _office(path: str) -> bool:
    return path == OFFICE or path.startswith(OFFICE + "/")


def _office_page(route: Any) -> bool:
    """A route of the office pages (included routers list their routes by relative path)."""
    return str(getattr(route.endpoint, "__module__", "")).startswith("enamel.admin")


def test_every_route_needs_a_scope_or_is_public() -> None:
    from fastapi.routing import APIRoute

    from enamel.api import PREFIX
    from enamel.app import create_app
    from enamel.config import Settings

    def walk(routes: list[Any]) -> list[APIRoute]:
        found = []
        for route in routes:
            if isinstance(route, APIRoute):
                found.append(route)
            elif hasattr(route, "original_router"):  # an included router
                found += walk(route.original_router.routes)
        return found

    app = create_app(Settings(database_url="sqlite://"))
    api_routes = [
        r for r in walk(app.routes) if r.path not in PUBLIC_ROUTES and not _office_page(r)
    ]
    assert len(api_routes) >= 4
    missing = [
        f"{sorted(r.methods or ())} {r.path}"
        for r in api_routes
        if not any(getattr(d.call, "scope", None) for d in r.dependant.dependencies)
    ]
    assert missing == []
    outside = (
        {
            getattr(r, "path", None)
            for r in app.routes
            if not getattr(r, "path", PREFIX).startswith(PREFIX)
        }
        - PUBLIC_ROUTES
        - OFFICE_OPEN
    )
    assert outside == set(), "every route outside /api/v1 must be listed as public"


def test_every_api_route_reads_json_numbers_exactly() -> None:
    from fastapi.routing import APIRoute

    from enamel.api.inputs import ExactJSONRoute
    from enamel.app import create_app
    from enamel.config import Settings

    def walk(routes: list[Any]) -> list[APIRoute]:
        found = []
        for route in routes:
            if isinstance(route, APIRoute):
                found.append(route)
            elif hasattr(route, "original_router"):
                found += walk(route.original_router.routes)
        return found

    loose = [
        f"{sorted(r.methods or ())} {r.path}"
        for r in walk(create_app(Settings(database_url="sqlite://")).routes)
        if (r.methods or set()) & {"POST", "PUT"}
        and not isinstance(r, ExactJSONRoute)
        and not _office_page(r)  # the office pages post HTML forms, not JSON
    ]
    assert loose == []


def test_every_office_page_needs_a_session_and_every_form_its_csrf_token() -> None:
    from fastapi.routing import APIRoute, iter_route_contexts

    from enamel.admin.web import admin_posted, posted, signed_in
    from enamel.app import create_app
    from enamel.config import Settings

    app = create_app(Settings(database_url="sqlite://"))
    office = [
        (r.path, r.original_route)
        for r in iter_route_contexts(app.routes)
        if r.path and _office(r.path) and r.path not in OFFICE_OPEN
    ]
    assert len(office) >= 15
    for path, route in office:
        assert isinstance(route, APIRoute), path
        calls = {d.call for d in route.dependant.dependencies}
        if (route.methods or set()) & {"POST", "PUT", "PATCH", "DELETE"}:
            assert calls & {posted, admin_posted}, f"{path}: no CSRF check"
        else:
            assert calls & {signed_in, posted, admin_posted}, f"{path}: no session"
