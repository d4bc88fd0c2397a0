"""/api/v1/programlinks and /api/v1/disclosures: list links, launch one, the accounting report.

A launch starts the program on the machine that runs Enamel (`enamel serve`), as the office
pages ask for it. A dry run answers what would be sent (argv, bridge file) without starting or
logging anything; since that shows the patient's data to the caller, it needs `patients:read`
as well as `programlinks:write`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request

from enamel.api.access import database, reader, writer
from enamel.api.encode import JSON
from enamel.api.inputs import ExactJSONRoute, bool_in, int_in
from enamel.errors import ScopeMissing
from enamel.programlinks import disclosures, service
from enamel.programlinks.schemas import (
    DisclosureOut,
    LaunchIn,
    LaunchOut,
    ProgramLinkOut,
    disclosure_out,
    launch_out,
    link_out,
)
from enamel.security.actor import Actor
from enamel.security.gate import Credential
from enamel.security.scopes import Scope, allows

router = APIRouter(tags=["programlinks"], route_class=ExactJSONRoute)

Num = Annotated[int, Path(ge=0, lt=2**63)]


@router.get("/programlinks", response_model=list[ProgramLinkOut])
async def list_links(
    request: Request, _cred: Annotated[Any, Depends(reader(Scope.PROGRAMLINKS_READ))]
) -> JSON:
    """The office's program links, by name, with the fields each sends."""
    with database(request).read() as session:
        rows = service.list_links(session)
        return JSON([link_out(r, service.fields_of(session, r)) for r in rows])


@router.post("/programlinks/{ProgramNum}/Launch", response_model=LaunchOut)
def launch_link(
    request: Request,
    ProgramNum: Num,
    body: LaunchIn,
    actor: Annotated[Actor, Depends(writer(Scope.PROGRAMLINKS_WRITE))],
) -> JSON:
    """Start the link's program for the patient (no shell) and log the disclosure; 403
    `link_off` when the office switched it off, 409 `launch_failed` when it cannot start here
    (nothing sent, nothing logged)."""
    pat_num = int_in(body.PatNum, "PatNum")
    dry_run = body.DryRun is not None and bool_in(body.DryRun, "DryRun")
    cred: Credential = request.state.integration
    if dry_run and not allows(cred.scopes, Scope.PATIENTS_READ):
        raise ScopeMissing(
            f"Integration '{cred.name}' lacks the scope patients:read, which a dry run needs: "
            "it answers the patient's data",
            field="scope",
        )
    done = service.launch(database(request), actor, ProgramNum, pat_num, dry_run=dry_run)
    return JSON(launch_out(done))


@router.get("/disclosures", response_model=list[DisclosureOut])
async def list_disclosures(
    request: Request,
    _cred: Annotated[Any, Depends(reader(Scope.DISCLOSURES_READ))],
    PatNum: Annotated[int, Query(ge=1, lt=2**63, description="The patient.")],
) -> JSON:
    """What left the practice about the patient (program-link launches), oldest first."""
    with database(request).read() as session:
        return JSON([disclosure_out(d) for d in disclosures.report(session, PatNum)])
