"""The office's web pages under /office: server-rendered (Jinja2), htmx for the live parts.

One router module per page group; routers parse the form, call one service as the signed-in
office user, and render. No SQL here: reads and writes live in the domain packages.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from enamel.admin import (
    auth,
    disclosures,
    integrations,
    integrity,
    links,
    plugins,
    queries,
    securitylog,
)
from enamel.admin.web import (
    BASE,
    HERE,
    PageError,
    SignInNeeded,
    error_page,
    redirect,
    sign_in_needed,
)


def install(app: FastAPI) -> None:
    office = APIRouter(prefix=BASE, include_in_schema=False)

    @office.get("")
    @office.get("/")
    def home() -> object:
        return redirect(f"{BASE}/integrations")

    for module in (
        auth,
        integrations,
        securitylog,
        integrity,
        queries,
        links,
        disclosures,
        plugins,
    ):
        office.include_router(module.router)
    app.include_router(office)
    app.mount(f"{BASE}/static", StaticFiles(directory=HERE / "static"), name="office-static")
    app.add_exception_handler(PageError, error_page)  # type: ignore[arg-type]
    app.add_exception_handler(SignInNeeded, sign_in_needed)  # type: ignore[arg-type]
