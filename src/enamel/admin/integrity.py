"""The integrity page: the audit check's findings, a check on demand, acknowledgements."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import Response

from enamel.admin.web import BASE, Page, admin_posted, redirect, render, signed_in
from enamel.audit.findings import acknowledge, as_dict, listed
from enamel.audit.schedule import check_now

router = APIRouter()
HERE = f"{BASE}/integrity"
STATUSES = ("open", "acknowledged", "all")


@router.get("/integrity")
def integrity_page(
    request: Request,
    page: Annotated[Page, Depends(signed_in)],
    status: str = "open",
    done: str = "",
    new: int = 0,
    open_: Annotated[int, Query(alias="open")] = 0,
) -> Response:
    status = status if status in STATUSES else "open"
    with page.db.read() as session:
        findings = [_view(as_dict(row)) for row in listed(session, status=status, limit=200)]
    notice = ""
    if done == "check":
        notice = f"The check is done: {open_} open finding{'' if open_ == 1 else 's'} ({new} new)."
    elif done == "ack":
        notice = "The finding is acknowledged."
    context = {"title": "Integrity", "findings": findings, "status": status, "notice": notice}
    return render(request, "integrity.html", context, page=page)


def _view(finding: dict[str, Any]) -> dict[str, Any]:
    """Before/after values as short text for the table."""
    columns = {
        name: {k: _short(v) for k, v in values.items()}
        for name, values in (finding["Columns"] or {}).items()
    }
    return {**finding, "Columns": columns}


def _short(value: Any) -> str:
    text = "" if value is None else value if isinstance(value, str) else json.dumps(value)
    return text if len(text) <= 80 else text[:77] + "..."


@router.post("/integrity/check")
def run_check(page: Annotated[Page, Depends(admin_posted)]) -> Response:
    saved = check_now(page.db, page.actor())
    return redirect(f"{HERE}?done=check&new={saved.new}&open={saved.open}")


@router.post("/integrity/{number}/acknowledge")
def acknowledge_finding(
    number: int,
    page: Annotated[Page, Depends(admin_posted)],
    reason: Annotated[str, Form()] = "",
) -> Response:
    with page.db.write() as session:
        acknowledge(session, page.actor(), number, reason)
    return redirect(f"{HERE}?done=ack")
