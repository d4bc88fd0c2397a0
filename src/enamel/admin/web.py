"""What every office page shares: templates, the signed-in user, CSRF, roles, error pages.

- `signed_in`: the session named by the cookie, or a redirect to the sign-in page (GET) /
  401 (anything else). No page and no form works without a session.
- `posted`: `signed_in` plus the form's CSRF token (field `csrf_token`, or header
  `X-CSRF-Token`), compared in constant time with the session's; 403 otherwise.
- `admin_posted`: `posted` plus the administrator role; 403 page otherwise.

The pages act through the services as the signed-in user (`Page.actor`, kind office_user with
the user's UserNum), so every change is in the security log under their name.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from enamel.db import Database
from enamel.errors import DomainError
from enamel.security import sessions
from enamel.security.actor import Actor
from enamel.security.users import OfficeUser

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.globals["max"] = max

COOKIE = "enamel_office"
SIGNIN_COOKIE = "enamel_signin"
BASE = "/office"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


class PageError(Exception):
    """Rendered as an HTML page with its status (the pages' DomainError)."""

    def __init__(self, status: int, title: str, message: str) -> None:
        super().__init__(message)
        self.status, self.title, self.message = status, title, message


class SignInNeeded(Exception):
    pass


@dataclass(frozen=True)
class Page:
    """The signed-in user on one request."""

    request: Request
    session: sessions.Current

    @property
    def user(self) -> OfficeUser:
        return self.session.user

    @property
    def db(self) -> Database:
        return self.request.app.state.db  # type: ignore[no-any-return]

    def actor(self) -> Actor:
        return self.user.actor(client_address(self.request), request_id(self.request))


def client_address(request: Request) -> str:
    return request.client.host if request.client else ""


def request_id(request: Request) -> str:
    rid = getattr(request.state, "request_id", None)
    if rid is None:
        rid = request.state.request_id = uuid.uuid4().hex
    return str(rid)


def database(request: Request) -> Database:
    return request.app.state.db  # type: ignore[no-any-return]


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    page: Page | None = None,
    status: int = 200,
) -> HTMLResponse:
    values: dict[str, Any] = {"page": page, "user": page.user if page else None, "base": BASE}
    values["menu"] = plugin_menu(request) if page else []
    values["csrf"] = page.session.csrf if page else ""
    values.update(context or {})
    response = templates.TemplateResponse(request, template, values, status_code=status)
    secure(response)
    return response


MENU_LABEL = 60


def plugin_menu(request: Request) -> list[tuple[str, str, bool]]:
    """The loaded plug-ins' menu entries (label, URL, leads off the site) for a whole page;
    none for htmx's refreshes. The host keeps only paths on this site and https:// addresses;
    the template escapes the labels."""
    host = getattr(request.app.state, "plugins", None)
    if host is None or request.headers.get("hx-request"):
        return []
    entries = []
    for _plugin, item in host.menu_items():
        label = " ".join(item.label.split())
        label = label if len(label) <= MENU_LABEL else label[: MENU_LABEL - 1] + "…"
        entries.append((label, item.url, not item.url.startswith("/")))
    return entries


def secure(response: Response) -> Response:
    """Headers every office answer carries: no caching, no framing, a strict CSP."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def redirect(to: str) -> RedirectResponse:
    response = RedirectResponse(to, status_code=303)
    secure(response)
    return response


def signed_in(request: Request) -> Page:
    """The current session (its `last seen` kept fresh), or sign in first."""
    token = request.cookies.get(COOKIE, "")
    db = database(request)
    with db.read() as session:
        current = sessions.current(session, token)
    if current is None:
        raise SignInNeeded()
    if not request.headers.get("hx-request"):
        # The self-refreshing tables do not keep a session alive: a page left open on an
        # unattended screen is signed out after the idle time like any other.
        sessions.touch(db, current)
    return Page(request, current)


async def posted(request: Request) -> Page:
    """A form post from a signed-in user with the session's CSRF token."""
    page = signed_in(request)
    given = request.headers.get("x-csrf-token")
    if given is None:
        form = await request.form()
        value = form.get("csrf_token")
        given = value if isinstance(value, str) else None
    if not sessions.same_token(page.session.csrf, given):
        raise PageError(
            403,
            "Form expired",
            "This form was not sent from a current office page (its security token is "
            "missing or old). Go back, reload the page and try again.",
        )
    return page


async def admin_posted(request: Request) -> Page:
    page = await posted(request)
    require_admin(page)
    return page


def require_admin(page: Page) -> None:
    if not page.user.is_admin:
        raise PageError(
            403,
            "Administrators only",
            f"{page.user.name} is signed in as staff: only an administrator may do this.",
        )


def error_page(request: Request, exc: PageError) -> Response:
    page = None
    token = request.cookies.get(COOKIE, "")
    if token:
        with database(request).read() as session:
            current = sessions.current(session, token)
        page = Page(request, current) if current else None
    context = {"title": exc.title, "message": exc.message}
    return render(request, "error.html", context, page=page, status=exc.status)


def domain_error_page(request: Request, exc: DomainError) -> Response:
    """A service's refusal, shown as a page (the API renders the same errors as JSON)."""
    titles = {400: "Not done", 403: "Not allowed", 404: "Not found", 409: "Not done"}
    title = titles.get(exc.status, "Not done")
    return error_page(request, PageError(exc.status, title, exc.message))


def sign_in_needed(request: Request, _exc: SignInNeeded) -> Response:
    if request.method in ("GET", "HEAD"):
        target = request.url.path
        if request.url.query:
            target += "?" + request.url.query
        response: Response = redirect(f"{BASE}/signin?next={_quote(target)}")
        if request.headers.get("hx-request"):
            response = secure(Response(status_code=204))
            response.headers["HX-Redirect"] = f"{BASE}/signin"
        return response
    exc = PageError(401, "Signed out", "Your session has ended: sign in again.")
    return error_page(request, exc)


def _quote(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="/")


def safe_next(value: str | None) -> str:
    """Where to go after signing in: an office page, never another site."""
    if value and value.startswith(BASE + "/") and not value.startswith("//") and "\\" not in value:
        return value
    return f"{BASE}/integrations"


def patient_number(value: str) -> int:
    """A PatNum from a page's address (0 when none is given); a 400 page when malformed."""
    value = value.strip()
    if not value:
        return 0
    if not value.isdigit() or len(value) > 18:
        raise PageError(400, "Not a number", "PatNum must be a patient's number.")
    return int(value)
