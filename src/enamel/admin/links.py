"""The program-links page: the links and their switches, and launching one for a patient.

Who may do what (README, "Office pages"):

- every signed-in user sees the links, searches patients, and may **dry-run** and **launch** a
  link for a patient: a launch is what Open Dental's staff do from the chart every day, and it
  is a disclosure, so the service checks the `Copy` permission (both of Enamel's groups grant
  it; a group brought over from Open Dental without it is refused) and logs it under the
  signed-in user's name;
- only an **administrator** switches a link off (with a reason) or on: which program may
  receive patient data is the office's security decision (SecurityAdmin).

A dry run is a POST too (the form carries the CSRF token like every other), but it starts
nothing, writes nothing and logs nothing: the page shows the argv and the bridge file.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from enamel.admin.web import (
    BASE,
    Page,
    PageError,
    admin_posted,
    patient_number,
    posted,
    redirect,
    render,
    signed_in,
)
from enamel.models.enums import EnumPermType
from enamel.patients.service import find_patients, get_patient
from enamel.programlinks import service
from enamel.programlinks.launcher import HOST

router = APIRouter()
HERE = f"{BASE}/links"
NOTICES = {
    "off": "Program link {name} is switched off: it cannot launch from now on.",
    "on": "Program link {name} is switched on.",
}


def may_launch(page: Page) -> bool:
    return EnumPermType.Copy in page.user.permissions


@router.get("/links")
def links_page(
    request: Request,
    page: Annotated[Page, Depends(signed_in)],
    q: str = "",
    PatNum: str = "",
    done: str = "",
    name: str = "",
    entry: str = "",
) -> Response:
    chosen = patient_number(PatNum)
    with page.db.read() as session:
        links = service.described(session)
        found = find_patients(session, q) if q.strip() else []
        patient = get_patient(session, chosen) if chosen else None
    notice = NOTICES.get(done, "").format(name=f"'{name}'")
    if done == "launched" and chosen:
        notice = (
            f"Program link '{name}' was started on {HOST} for patient {chosen}; the disclosure "
            f"is security-log entry {entry}."
        )
    context = {
        "title": "Program links",
        "links": links,
        "q": q,
        "found": found,
        "searched": bool(q.strip()),
        "patient": patient,
        "notice": notice,
        "may_launch": may_launch(page),
        "host": HOST,
        "target": "links",
    }
    return render(request, "links.html", context, page=page)


@router.post("/links/launch")
def launch(
    request: Request,
    page: Annotated[Page, Depends(posted)],
    link: Annotated[int, Form(ge=1, lt=2**63)],
    PatNum: Annotated[int, Form(ge=1, lt=2**63)],
    action: Annotated[str, Form()] = "dry-run",
) -> Response:
    """`action` "dry-run" shows what would be sent; "launch" starts the program and logs the
    disclosure as the signed-in user. Either way the service checks the permission."""
    if action not in ("dry-run", "launch"):
        raise PageError(400, "Not done", "Choose either a dry run or a launch.")
    done = service.launch(page.db, page.actor(), link, PatNum, dry_run=action == "dry-run")
    if not done.dry_run:
        name = quote(done.program.ProgName, safe="")
        return redirect(
            f"{HERE}?PatNum={PatNum}&done=launched&name={name}&entry={done.security_log_num}"
        )
    with page.db.read() as session:
        patient = get_patient(session, PatNum)
    context = {
        "title": "Dry run",
        "done": done,
        "patient": patient,
        "may_launch": may_launch(page),
        "host": HOST,
    }
    return render(request, "link_dryrun.html", context, page=page)


@router.post("/links/off")
def switch_off(
    page: Annotated[Page, Depends(admin_posted)],
    name: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
) -> Response:
    with page.db.write() as session:
        row = service.switch_link(session, page.actor(), name, on=False, reason=reason)
    return redirect(f"{HERE}?done=off&name={quote(row.ProgName, safe='')}")


@router.post("/links/on")
def switch_on(
    page: Annotated[Page, Depends(admin_posted)], name: Annotated[str, Form()] = ""
) -> Response:
    with page.db.write() as session:
        row = service.switch_link(session, page.actor(), name, on=True)
    return redirect(f"{HERE}?done=on&name={quote(row.ProgName, safe='')}")
