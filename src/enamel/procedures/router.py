"""/api/v1/procedurelogs and /api/v1/procedurecodes: parse, call one service or query, answer
in Open Dental's shape."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request

from enamel.api.access import database, reader, writer
from enamel.api.encode import JSON, created, found
from enamel.api.inputs import (
    ExactJSONRoute,
    data_from,
    label_in,
    optional_int,
    required_in,
    str_in,
)
from enamel.api.paging import Page, changed_since, page
from enamel.db import WriteSession
from enamel.errors import InvalidInput, NotFound
from enamel.models.enums import ProcStat
from enamel.procedures import repository, service
from enamel.procedures.schemas import (
    PROCEDURECODE,
    PROCEDURELOG,
    ProcedureLogIn,
    ProcedureLogUpdate,
)
from enamel.security.actor import Actor
from enamel.security.scopes import Scope

logs = APIRouter(tags=["procedurelogs"], route_class=ExactJSONRoute)
codes = APIRouter(tags=["procedurecodes"])
read = Depends(reader(Scope.PROCEDURELOGS_READ))
read_codes = Depends(reader(Scope.PROCEDURECODES_READ))
write = writer(Scope.PROCEDURELOGS_WRITE)

Num = Annotated[int, Path(ge=0, lt=2**63)]
Text = Annotated[str | None, Query()]

IGNORED_WHEN_EMPTY = ("ToothNum", "Surf", "ToothRange")
"""Open Dental's PUT ignores "" for these (it never clears them)."""


@logs.get("/procedurelogs", response_model=PROCEDURELOG.many, dependencies=[read])
async def list_procedurelogs(
    request: Request,
    paging: Annotated[Page, Depends(page)],
    since: Annotated[dt.datetime | None, Depends(changed_since)],
    PatNum: Text = None,
    AptNum: Text = None,
    ProcStatus: Annotated[
        str | None, Query(description='"TP", "C", "EC", "EO", "R", "D", "Cn" or "TPi".')
    ] = None,
    PlannedAptNum: Text = None,
    ClinicNum: Text = None,
    CodeNum: Text = None,
) -> JSON:
    """Procedures of every status (deleted ones are "D"), in ProcNum order; `DateTStamp` gives
    those changed at or after then, each row with `serverDateTime` for the next sync."""
    filters = repository.Filters(
        PatNum=optional_int(PatNum, "PatNum"),
        AptNum=optional_int(AptNum, "AptNum"),
        ProcStatus=None if ProcStatus is None else label_in(ProcStat, ProcStatus, "ProcStatus"),
        PlannedAptNum=optional_int(PlannedAptNum, "PlannedAptNum"),
        ClinicNum=optional_int(ClinicNum, "ClinicNum"),
        CodeNum=optional_int(CodeNum, "CodeNum"),
        DateTStamp=since,
    )
    with database(request).read_engine.connect() as conn:
        return JSON(repository.page(conn, filters, paging))


@logs.get(
    "/procedurelogs/{ProcNum}",
    name="get_procedurelog",
    response_model=PROCEDURELOG.model,
    dependencies=[read],
)
async def get_procedurelog(request: Request, ProcNum: Num) -> JSON:
    with database(request).read_engine.connect() as conn:
        return JSON(found(repository.one(conn, ProcNum), "Procedure", "ProcNum", ProcNum))


@logs.post("/procedurelogs", status_code=201, response_model=PROCEDURELOG.model)
def create_procedurelog(
    request: Request, body: ProcedureLogIn, actor: Annotated[Actor, Depends(write)]
) -> JSON:
    """Create a procedure: PatNum, ProcDate, ProcStatus (TP, C, EO, EC, R, Cn) and procCode
    or CodeNum are required. ProvNum defaults to the patient's primary provider, ClinicNum to
    the patient's clinic, ProcFee to 0.00."""
    required_in(body, "PatNum", "ProcDate", "ProcStatus")
    if body.CodeNum is None and body.procCode is None:
        raise InvalidInput("procCode or CodeNum is required", field="procCode")
    data = data_from(body, service.ProcedureData)
    db = database(request)
    with db.write() as session:
        _code_from_text(session, body.procCode, data)
        proc_num = service.create_procedure(session, actor, data).ProcNum
    with db.read_engine.connect() as conn:
        return created(
            request,
            "get_procedurelog",
            found(repository.one(conn, proc_num), "Procedure", "ProcNum", proc_num),
            ProcNum=proc_num,
        )


@logs.put("/procedurelogs/{ProcNum}", response_model=PROCEDURELOG.model)
def update_procedurelog(
    request: Request,
    ProcNum: Num,
    body: ProcedureLogUpdate,
    actor: Annotated[Actor, Depends(write)],
) -> JSON:
    """Change the fields sent. "" for ToothNum, Surf or ToothRange is ignored, as in Open
    Dental; on a completed (C) procedure the code, teeth, surface and discount are fixed."""
    data = data_from(body, service.ProcedureData)
    for name in IGNORED_WHEN_EMPTY:
        value = getattr(data, name)
        if value is not None and not value.strip():
            setattr(data, name, None)
    db = database(request)
    with db.write() as session:
        service.get_procedure(session, ProcNum)  # 404 before any complaint about the body
        code_field = _code_from_text(session, body.procCode, data)
        service.update_procedure(session, actor, ProcNum, data, code_field=code_field)
    with db.read_engine.connect() as conn:
        return JSON(found(repository.one(conn, ProcNum), "Procedure", "ProcNum", ProcNum))


@logs.delete("/procedurelogs/{ProcNum}", response_model=PROCEDURELOG.model)
def delete_procedurelog(
    request: Request, ProcNum: Num, actor: Annotated[Actor, Depends(write)]
) -> JSON:
    """Delete a procedure that was not done: its status becomes D and the deleted procedure is
    the answer (deleting it again answers the same). Done procedures (C, EC, EO) are never
    deleted: 409."""
    db = database(request)
    with db.write() as session:
        service.delete_procedure(session, actor, ProcNum)
    with db.read_engine.connect() as conn:
        return JSON(found(repository.one(conn, ProcNum), "Procedure", "ProcNum", ProcNum))


@codes.get(
    "/procedurecodes",
    response_model=PROCEDURECODE.many,
    dependencies=[read_codes],
)
async def list_procedurecodes(
    request: Request,
    paging: Annotated[Page, Depends(page)],
    since: Annotated[dt.datetime | None, Depends(changed_since)],
) -> JSON:
    """Every procedure code, in CodeNum order; `DateTStamp` gives those changed since then."""
    with database(request).read_engine.connect() as conn:
        return JSON(repository.code_page(conn, since, paging))


@codes.get(
    "/procedurecodes/{CodeNum}",
    name="get_procedurecode",
    response_model=PROCEDURECODE.model,
    dependencies=[read_codes],
)
async def get_procedurecode(request: Request, CodeNum: Num) -> JSON:
    with database(request).read_engine.connect() as conn:
        row = repository.code(conn, CodeNum)
    if row is None:
        raise NotFound(f"Procedure code {CodeNum} not found", field="CodeNum")
    return JSON(row)


router = APIRouter()
router.include_router(logs)
router.include_router(codes)


def _code_from_text(
    session: WriteSession, proc_code: str | None, data: service.ProcedureData
) -> str:
    """Put the CodeNum of `procCode` into `data`; answer the field that named the code."""
    if proc_code is None:
        return "CodeNum"
    code = service.code_by_text(session, str_in(proc_code, "procCode").strip(), "procCode")
    if data.CodeNum is not None and data.CodeNum != code.CodeNum:
        raise InvalidInput(
            "procCode and CodeNum name different codes; send one of them", field="procCode"
        )
    data.CodeNum = code.CodeNum
    return "procCode"
