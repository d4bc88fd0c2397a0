"""/api/v1/operatories: read-only, as Open Dental's API serves them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request

from enamel.api.access import database, reader
from enamel.api.encode import JSON
from enamel.api.inputs import int_in
from enamel.api.paging import Page, page
from enamel.errors import NotFound
from enamel.security.scopes import Scope
from enamel.setup import repository
from enamel.setup.schemas import OPERATORY

router = APIRouter(tags=["operatories"])
read = Depends(reader(Scope.OPERATORIES_READ))

Num = Annotated[int, Path(ge=0, lt=2**63)]


@router.get("/operatories", response_model=OPERATORY.many, dependencies=[read])
async def list_operatories(
    request: Request,
    paging: Annotated[Page, Depends(page)],
    ClinicNum: Annotated[
        str | None, Query(description="Only this clinic's operatories (0: those of no clinic).")
    ] = None,
) -> JSON:
    """Every operatory, hidden ones included, in OperatoryNum order."""
    clinic = None if ClinicNum is None else int_in(ClinicNum, "ClinicNum")
    with database(request).read_engine.connect() as conn:
        if clinic and not repository.clinic_exists(conn, clinic):
            raise NotFound("Clinic not found", field="ClinicNum")
        return JSON(repository.page(conn, clinic, paging))


@router.get(
    "/operatories/{OperatoryNum}",
    name="get_operatory",
    response_model=OPERATORY.model,
    dependencies=[read],
)
async def get_operatory(request: Request, OperatoryNum: Num) -> JSON:
    with database(request).read_engine.connect() as conn:
        row = repository.one(conn, OperatoryNum)
    if row is None:
        raise NotFound(f"Operatory {OperatoryNum} not found", field="OperatoryNum")
    return JSON(row)
