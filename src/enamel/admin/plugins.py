"""The plug-ins page: what is installed and approved, loaded or not and why; approving one and
its switch (administrators only, through `plugins.whitelist` as the signed-in user)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from enamel.admin.web import BASE, Page, admin_posted, redirect, render, signed_in
from enamel.plugins.whitelist import allow_plugin, installed_named, states, switch_plugin
from enamel.security.scopes import Scope

router = APIRouter()
HERE = f"{BASE}/plugins"
SCOPES = [s.value for s in Scope]
NOTICES = {
    "allow": "Plug-in {name} is approved as installed now and switched on; servers load it "
    "within a second.",
    "off": "Plug-in {name} is switched off: servers stop calling it within a second.",
    "on": "Plug-in {name} is switched on.",
}


def _host(request: Request) -> Any:
    """This server process's plug-in host, or None when plug-ins are off here."""
    host = getattr(request.app.state, "plugins", None)
    return host if host is not None and host.settings.plugins else None


@router.get("/plugins")
def plugins_page(
    request: Request, page: Annotated[Page, Depends(signed_in)], done: str = "", name: str = ""
) -> Response:
    host = _host(request)
    if host is not None:
        host.sync()  # follow an approval or a switch made a moment ago
    with page.db.read() as session:
        found = states(session)
    here = {}
    for p in found:
        if host is None:
            here[p.name] = "plug-ins are off in this server (ENAMEL_PLUGINS=off)"
        elif p.name in host.loaded:
            here[p.name] = ""
        else:
            here[p.name] = host.not_loaded.get(p.name) or p.reason or "not loaded"
    context = {
        "title": "Plug-ins",
        "plugins": found,
        "here": here,
        "scopes": SCOPES,
        "notice": NOTICES.get(done, "").format(name=f"'{name}'"),
    }
    return render(request, "plugins.html", context, page=page)


@router.post("/plugins/allow")
def allow(
    page: Annotated[Page, Depends(admin_posted)],
    name: Annotated[str, Form()] = "",
    scope: Annotated[list[str] | None, Form()] = None,
) -> Response:
    """Approve the plug-in as installed now, with exactly the scopes ticked."""
    item = installed_named(name)
    with page.db.write() as session:
        row = allow_plugin(session, page.actor(), item, scope or [])
    return redirect(f"{HERE}?done=allow&name={quote(row.Name, safe='')}")


@router.post("/plugins/off")
def switch_off(
    page: Annotated[Page, Depends(admin_posted)],
    name: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
) -> Response:
    with page.db.write() as session:
        row = switch_plugin(session, page.actor(), name, on=False, reason=reason)
    return redirect(f"{HERE}?done=off&name={quote(row.Name, safe='')}")


@router.post("/plugins/on")
def switch_on(
    page: Annotated[Page, Depends(admin_posted)], name: Annotated[str, Form()] = ""
) -> Response:
    with page.db.write() as session:
        row = switch_plugin(session, page.actor(), name, on=True)
    return redirect(f"{HERE}?done=on&name={quote(row.Name, safe='')}")
