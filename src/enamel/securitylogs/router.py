"""/api/v1/securitylogs: read-only; each integration reads the entries of its own writes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from enamel.api.access import reader
from enamel.api.encode import JSON
from enamel.api.inputs import label_in
from enamel.api.paging import Page, page
from enamel.db import Database
from enamel.models.enums import EnumPermType
from enamel.security.gate import Credential
from enamel.security.scopes import Scope
from enamel.securitylogs import repository
from enamel.securitylogs.schemas import SECURITY_LOG

router = APIRouter(tags=["securitylogs"])


@router.get("/securitylogs", response_model=SECURITY_LOG.many)
async def list_security_logs(
    request: Request,
    cred: Annotated[Credential, Depends(reader(Scope.SECURITYLOGS_READ))],
    paging: Annotated[Page, Depends(page)],
    PermType: Annotated[
        str | None, Query(description="Only entries of this permission type, e.g. PatientEdit.")
    ] = None,
) -> JSON:
    """The security-log entries of the calling integration's own writes, oldest first.

    As Open Dental ("all securitylogs for the API developer making the request"), an
    integration never sees the office's entries nor another integration's.
    """
    perm = None if PermType is None else label_in(EnumPermType, PermType, "PermType")
    db: Database = request.app.state.db
    with db.read_engine.connect() as conn:
        return JSON(repository.page_of(conn, cred.name, perm, paging))
