"""PUT /api/v1/queries/ShortQuery: a governed SQL read (Open Dental's route and body)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from enamel.api.access import database, writer
from enamel.api.encode import JSON
from enamel.api.inputs import ExactJSONRoute
from enamel.queries import run, service
from enamel.security.actor import Actor
from enamel.security.scopes import Scope

router = APIRouter(tags=["queries"], route_class=ExactJSONRoute)


class ShortQueryIn(BaseModel):
    SqlCommand: str = Field(
        description="One read query in Open Dental's (MySQL) dialect, optionally after "
        "`SET @Name='value';` lines; it runs unchanged on every engine."
    )


@router.put("/queries/ShortQuery", response_model=list[dict[str, object]])
async def short_query(
    request: Request,
    body: ShortQueryIn,
    actor: Annotated[Actor, Depends(writer(Scope.QUERIES))],
    Offset: Annotated[int, Query(ge=0, le=2**31, description="Rows to skip.")] = 0,
) -> JSON:
    """The query's rows as a JSON array of objects keyed by column name, at most 1000 a call
    (`Offset` pages on); dates as `yyyy-MM-ddTHH:mm:ss`, as Open Dental sends them."""
    db, settings = database(request), request.app.state.settings
    done = await run.in_turn(
        db,
        lambda queued: service.read(
            db,
            actor,
            body.SqlCommand,
            offset=Offset,
            time_limit=settings.query_time_limit,
            cost_budget=settings.query_cost_budget,
            queued=queued,
        ),
    )
    # The log write in the thread pool: on SQLite the next read runs in its turn meanwhile.
    page = await run_in_threadpool(service.logged, db, actor, done)
    return JSON(page.json)
