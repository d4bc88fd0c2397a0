"""The integrations page: state and activity of each, switches, new integrations, scopes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from enamel.admin.chart import chart
from enamel.admin.web import BASE, Page, admin_posted, redirect, render, signed_in
from enamel.security.integrations import (
    DEFAULT_RATE_LIMIT,
    add_integration,
    set_scopes,
    switch_and_lock,
    switch_api,
)
from enamel.security.overview import overview
from enamel.security.scopes import Scope

router = APIRouter()
SCOPES = [s.value for s in Scope]
HERE = f"{BASE}/integrations"
NOTICES = {
    "off": "Integration {name} is switched off: its requests are refused from now on.",
    "on": "Integration {name} is switched on.",
    "scopes": "The scopes of integration {name} are changed.",
    "api-off": "The whole API is switched off.",
    "api-on": "The API is switched on.",
}


def _context(page: Page) -> dict[str, object]:
    view = overview(page.db)
    return {"view": view, "charts": {r.num: chart(r.day) for r in view.rows}, "scopes": SCOPES}


@router.get("/integrations")
def integrations_page(
    request: Request, page: Annotated[Page, Depends(signed_in)], done: str = "", name: str = ""
) -> Response:
    notice = NOTICES.get(done, "").format(name=f"'{name}'")
    context = {**_context(page), "notice": notice, "title": "Integrations"}
    return render(request, "integrations.html", context, page=page)


@router.get("/integrations/table")
def integrations_table(request: Request, page: Annotated[Page, Depends(signed_in)]) -> Response:
    """The table alone, for htmx to refresh it in place."""
    return render(request, "integrations_table.html", _context(page), page=page)


@router.post("/integrations/off")
def switch_off(
    page: Annotated[Page, Depends(admin_posted)],
    name: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
) -> Response:
    row, _ = switch_and_lock(page.db, page.actor(), name, on=False, reason=reason)
    return redirect(f"{HERE}?done=off&name={_q(row.Name)}")


@router.post("/integrations/on")
def switch_on(
    page: Annotated[Page, Depends(admin_posted)], name: Annotated[str, Form()] = ""
) -> Response:
    row, _ = switch_and_lock(page.db, page.actor(), name, on=True)
    return redirect(f"{HERE}?done=on&name={_q(row.Name)}")


@router.post("/integrations/scopes")
def change_scopes(
    page: Annotated[Page, Depends(admin_posted)],
    name: Annotated[str, Form()] = "",
    scope: Annotated[list[str] | None, Form()] = None,
) -> Response:
    with page.db.write() as session:
        row = set_scopes(session, page.actor(), name, scope or [])
    return redirect(f"{HERE}?done=scopes&name={_q(row.Name)}")


@router.post("/integrations")
def create(
    request: Request,
    page: Annotated[Page, Depends(admin_posted)],
    name: Annotated[str, Form()] = "",
    scope: Annotated[list[str] | None, Form()] = None,
    rate_limit: Annotated[int, Form()] = DEFAULT_RATE_LIMIT,
) -> Response:
    with page.db.write() as session:
        new = add_integration(session, page.actor(), name, scope or [], rate_limit)
    context = {"new": new, "title": "New integration"}
    return render(request, "integration_keys.html", context, page=page, status=201)


@router.post("/api/off")
def api_off(
    page: Annotated[Page, Depends(admin_posted)], reason: Annotated[str, Form()] = ""
) -> Response:
    with page.db.write() as session:
        switch_api(session, page.actor(), on=False, reason=reason)
    return redirect(f"{HERE}?done=api-off")


@router.post("/api/on")
def api_on(page: Annotated[Page, Depends(admin_posted)]) -> Response:
    with page.db.write() as session:
        switch_api(session, page.actor(), on=True)
    return redirect(f"{HERE}?done=api-on")


def _q(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="")
