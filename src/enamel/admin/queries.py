"""The queries page: governed reads running now (stop one), and each integration's figures."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from enamel.admin.web import BASE, Page, admin_posted, redirect, render, signed_in
from enamel.db import clock
from enamel.queries.monitor import NoProcessList, Running, running, stop
from enamel.queries.stats import summaries

router = APIRouter()
HERE = f"{BASE}/queries"


def _running(page: Page) -> tuple[list[Running], str]:
    try:
        return running(page.db), ""
    except NoProcessList as exc:
        return [], exc.message


@router.get("/queries")
def queries_page(
    request: Request,
    page: Annotated[Page, Depends(signed_in)],
    hours: int = 24,
    stopped: str = "",
) -> Response:
    hours = min(max(hours, 1), 24 * 366)
    now_running, why_not = _running(page)
    context = {
        "title": "Queries",
        "running": now_running,
        "why_not": why_not,
        "stats": summaries(page.db, clock.now() - dt.timedelta(hours=hours)),
        "hours": hours,
        "notice": f"Query {stopped} is stopped." if stopped.isdigit() else "",
    }
    return render(request, "queries.html", context, page=page)


@router.get("/queries/running")
def running_table(request: Request, page: Annotated[Page, Depends(signed_in)]) -> Response:
    """The running reads alone, for htmx to refresh them in place."""
    now_running, why_not = _running(page)
    context = {"running": now_running, "why_not": why_not}
    return render(request, "queries_running.html", context, page=page)


@router.post("/queries/{query_id}/stop")
def stop_query(query_id: int, page: Annotated[Page, Depends(admin_posted)]) -> Response:
    stop(page.db, page.actor(), query_id)
    return redirect(f"{HERE}?stopped={query_id}")
