"""The security-log page: every entry, filtered, paged, and exported as CSV."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response, StreamingResponse

from enamel.admin.web import Page, PageError, render, secure, signed_in
from enamel.models.enums import EnumPermType
from enamel.securitylogs.search import Filters, choices, csv_lines, search

router = APIRouter()
PAGE_SIZE = 50


def _filters(
    patient: str = "",
    integration: str = "",
    user: str = "",
    permission: str = "",
    since: str = "",
    until: str = "",
) -> Filters:
    """The filter form's fields (all optional); a malformed one is a 400 page naming it."""
    return Filters(
        pat_num=_number(patient, "Patient"),
        integration=integration.strip(),
        user_num=_number(user, "User"),
        permission=_permission(permission),
        since=_when(since, "From"),
        until=_when(until, "Until"),
    )


def _number(value: str, label: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    if not value.isdigit():
        raise PageError(400, "Not a number", f"{label} must be a number (e.g. a PatNum).")
    return int(value)


def _permission(value: str) -> EnumPermType | None:
    if not value:
        return None
    try:
        return EnumPermType[value]
    except KeyError:
        raise PageError(400, "Unknown permission", f"No permission is named {value!r}.") from None


def _when(value: str, label: str) -> dt.datetime | None:
    if not value.strip():
        return None
    try:
        return dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise PageError(
            400, "Not a date", f"{label} must be a date and time (yyyy-mm-dd hh:mm)."
        ) from None


@router.get("/securitylog")
def securitylog_page(
    request: Request,
    page: Annotated[Page, Depends(signed_in)],
    filters: Annotated[Filters, Depends(_filters)],
    offset: int = 0,
) -> Response:
    offset = max(0, offset)
    with page.db.read() as session:
        rows = search(session, filters, offset, PAGE_SIZE + 1)
        integrations, users = choices(session)
    query = {k: v for k, v in request.query_params.items() if k != "offset" and v}
    context = {
        "title": "Security log",
        "rows": rows[:PAGE_SIZE],
        "more": len(rows) > PAGE_SIZE,
        "offset": offset,
        "page_size": PAGE_SIZE,
        "query": query,
        "qs": urlencode(query),
        "integrations": integrations,
        "users": users,
        "permissions": [p.name for p in sorted(EnumPermType, key=lambda p: p.name)],
    }
    return render(request, "securitylog.html", context, page=page)


@router.get("/securitylog.csv")
def securitylog_csv(
    page: Annotated[Page, Depends(signed_in)], filters: Annotated[Filters, Depends(_filters)]
) -> Response:
    response = StreamingResponse(csv_lines(page.db, filters), media_type="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="securitylog.csv"'
    return secure(response)
