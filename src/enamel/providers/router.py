"""/api/v1/providers: parse, call one service or query, answer in Open Dental's shape."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from sqlalchemy import BigInteger, Integer, String

from enamel.api.access import database, reader, writer
from enamel.api.encode import JSON, created, found
from enamel.api.inputs import ExactJSONRoute, data_from, int_in, str_in
from enamel.api.paging import Page, changed_since, page
from enamel.errors import InvalidInput, NotFound
from enamel.models import Provider
from enamel.providers import repository, service
from enamel.providers.schemas import PROVIDER, ProviderChangesIn, ProviderIn
from enamel.security.actor import Actor
from enamel.security.scopes import Scope
from enamel.setup.repository import clinic_exists

router = APIRouter(tags=["providers"], route_class=ExactJSONRoute)
read = Depends(reader(Scope.PROVIDERS_READ))
write = writer(Scope.PROVIDERS_WRITE)

Num = Annotated[int, Path(ge=0, lt=2**63)]


@router.get("/providers", response_model=PROVIDER.many, dependencies=[read])
async def list_providers(
    request: Request,
    paging: Annotated[Page, Depends(page)],
    since: Annotated[dt.datetime | None, Depends(changed_since)],
    ClinicNum: Annotated[
        str | None,
        Query(description="Only the visible providers who may work in this clinic."),
    ] = None,
) -> JSON:
    """Every provider in ProvNum order; `DateTStamp` gives those changed since then."""
    clinic = None if ClinicNum is None else int_in(ClinicNum, "ClinicNum")
    with database(request).read_engine.connect() as conn:
        if clinic and not clinic_exists(conn, clinic):
            raise NotFound("Clinic not found", field="ClinicNum")
        return JSON(repository.page(conn, repository.Filters(clinic, since), paging))


@router.get(
    "/providers/{ProvNum}",
    name="get_provider",
    response_model=PROVIDER.model,
    dependencies=[read],
)
async def get_provider(request: Request, ProvNum: Num) -> JSON:
    with database(request).read_engine.connect() as conn:
        return JSON(found(repository.one(conn, ProvNum), "Provider", "ProvNum", ProvNum))


@router.post("/providers", status_code=201, response_model=PROVIDER.model)
def create_provider(
    request: Request, body: ProviderIn, actor: Annotated[Actor, Depends(write)]
) -> JSON:
    """Create a provider: Abbr is required, and LName for a provider who is a person."""
    data = _data(body)
    db = database(request)
    with db.write() as session:
        prov_num = service.create_provider(session, actor, data).ProvNum
    with db.read_engine.connect() as conn:
        row = found(repository.one(conn, prov_num), "Provider", "ProvNum", prov_num)
    return created(request, "get_provider", row, ProvNum=prov_num)


@router.put("/providers/{ProvNum}", response_model=PROVIDER.model)
def update_provider(
    request: Request, ProvNum: Num, body: ProviderChangesIn, actor: Annotated[Actor, Depends(write)]
) -> JSON:
    """Change the fields sent; Abbr cannot be cleared."""
    data = _data(body)
    db = database(request)
    with db.write() as session:
        service.update_provider(session, actor, ProvNum, data)
    with db.read_engine.connect() as conn:
        return JSON(found(repository.one(conn, ProvNum), "Provider", "ProvNum", ProvNum))


def _data(body: ProviderIn | ProviderChangesIn) -> service.ProviderData:
    data = data_from(body, service.ProviderData)
    if body.NationalProvId is not None:  # the spelling of Open Dental's PUT documentation
        alias = str_in(body.NationalProvId, "NationalProvId")
        if data.NationalProvID is not None and data.NationalProvID != alias:
            raise InvalidInput(
                "Send NationalProvID or NationalProvId, not both", field="NationalProvId"
            )
        data.NationalProvID = alias
    _fits(data)
    return data


def _fits(data: service.ProviderData) -> None:
    """400 naming the field for a value its column cannot hold (PostgreSQL and MariaDB would
    refuse it with an error that is no client's business)."""
    columns = Provider.__table__.columns
    for f in dataclasses.fields(data):
        value = getattr(data, f.name)
        kind = columns[f.name].type
        if isinstance(value, str) and isinstance(kind, String) and kind.length:
            if len(value.strip()) > kind.length:
                raise InvalidInput(
                    f"{f.name} is longer than {kind.length} characters", field=f.name
                )
        elif (
            isinstance(value, int)
            and isinstance(kind, Integer)
            and not isinstance(kind, BigInteger)
            and value >= 2**31
        ):
            raise InvalidInput(f"{f.name}: {value} is out of range", field=f.name)
