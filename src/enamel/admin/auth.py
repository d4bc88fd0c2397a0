"""Signing in and out of the office pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from enamel.admin.web import (
    BASE,
    COOKIE,
    SIGNIN_COOKIE,
    Page,
    database,
    posted,
    redirect,
    render,
    safe_next,
)
from enamel.admin.web import client_address as client
from enamel.security import sessions
from enamel.security.users import sign_in

router = APIRouter()


def _cookie(response: Response, request: Request, name: str, value: str) -> None:
    response.set_cookie(
        name,
        value,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path=BASE,
    )


def _form(request: Request, next_: str, message: str = "", status: int = 200) -> Response:
    """The sign-in form, with a fresh token for its CSRF check (double-submit: the cookie and
    the form field must agree; there is no session yet to hold it)."""
    token = sessions.new_token()
    context = {"signin_token": token, "next": safe_next(next_), "message": message}
    response = render(request, "signin.html", context, status=status)
    _cookie(response, request, SIGNIN_COOKIE, token)
    return response


@router.get("/signin")
def signin_page(request: Request, next: str = "") -> Response:
    return _form(request, next)


@router.post("/signin")
def signin(
    request: Request,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",
) -> Response:
    expected = request.cookies.get(SIGNIN_COOKIE, "")
    if not expected or not sessions.same_token(expected, csrf_token):
        return _form(request, next, "The sign-in form had expired: please try again.", 403)
    db = database(request)
    with db.write() as session:
        outcome = sign_in(session, username, password, client(request))
        started = sessions.start(session, outcome.user, client(request)) if outcome.user else None
    if started is None:
        return _form(request, next, outcome.refusal, 401)
    response = redirect(safe_next(next))
    _cookie(response, request, COOKIE, started.token)
    response.delete_cookie(SIGNIN_COOKIE, path=BASE)
    return response


@router.post("/signout")
def signout(request: Request, page: Annotated[Page, Depends(posted)]) -> Response:
    with page.db.write() as session:
        sessions.end(session, page.session, client(request))
    response = redirect(f"{BASE}/signin")
    response.delete_cookie(COOKIE, path=BASE)
    return response
