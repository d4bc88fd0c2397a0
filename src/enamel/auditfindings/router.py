"""/api/v1/auditfindings: what `enamel audit verify` found, and its acknowledgement.

Reading needs the scope `auditfindings:read`. Acknowledging (`auditfindings:write`) needs an
office user in `X-Enamel-User` as well: an office acknowledges a finding, not a program on its
own, so an integration cannot clear the traces of its own direct writes unattended. An
acknowledged finding leaves the open list and stays readable with `Status=acknowledged|all`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request

from enamel.api.access import USER_HEADER, database, reader, writer
from enamel.api.encode import JSON
from enamel.api.inputs import ExactJSONRoute
from enamel.api.paging import Page, page
from enamel.audit import findings
from enamel.auditfindings.schemas import (
    STATUSES,
    AcknowledgeIn,
    AuditFindingOut,
    finding_out,
)
from enamel.errors import InvalidInput, NotFound
from enamel.models import AuditFinding
from enamel.security.actor import Actor
from enamel.security.scopes import Scope

router = APIRouter(tags=["auditfindings"], route_class=ExactJSONRoute)

Num = Annotated[int, Path(ge=0, lt=2**63)]


@router.get("/auditfindings", response_model=list[AuditFindingOut])
async def list_findings(
    request: Request,
    _cred: Annotated[Any, Depends(reader(Scope.AUDITFINDINGS_READ))],
    paging: Annotated[Page, Depends(page)],
    Status: Annotated[str, Query(description="open (default), acknowledged or all.")] = "open",
) -> JSON:
    """The integrity check's findings, newest first."""
    if Status not in STATUSES:
        raise InvalidInput(f"Status must be one of {', '.join(STATUSES)}", field="Status")
    with database(request).read() as session:
        rows = findings.listed(session, status=Status, offset=paging.offset, limit=paging.limit)
        return JSON([finding_out(r) for r in rows])


@router.get("/auditfindings/{AuditFindingNum}", response_model=AuditFindingOut)
async def get_finding(
    request: Request,
    AuditFindingNum: Num,
    _cred: Annotated[Any, Depends(reader(Scope.AUDITFINDINGS_READ))],
) -> JSON:
    with database(request).read() as session:
        return JSON(finding_out(_one(session.get(AuditFinding, AuditFindingNum), AuditFindingNum)))


@router.put("/auditfindings/{AuditFindingNum}/Acknowledge", response_model=AuditFindingOut)
def acknowledge_finding(
    request: Request,
    AuditFindingNum: Num,
    body: AcknowledgeIn,
    actor: Annotated[Actor, Depends(writer(Scope.AUDITFINDINGS_WRITE))],
) -> JSON:
    """Acknowledge a finding with the office's reason; the security log records who and why."""
    if not actor.user_name:
        raise InvalidInput(
            f"an office user acknowledges a finding: send {USER_HEADER}", field=USER_HEADER
        )
    db = database(request)
    with db.write() as session:
        findings.acknowledge(session, actor, AuditFindingNum, body.Reason)
    with db.read() as session:
        return JSON(finding_out(_one(session.get(AuditFinding, AuditFindingNum), AuditFindingNum)))


def _one(row: AuditFinding | None, num: int) -> AuditFinding:
    if row is None:
        raise NotFound(f"AuditFinding {num} not found", field="AuditFindingNum")
    return row
