"""The disclosures page: what left the practice about one patient (an accounting of
disclosures), read back from the security log by `programlinks.disclosures.report`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from enamel.admin.web import Page, patient_number, render, signed_in
from enamel.patients.service import find_patients, get_patient
from enamel.programlinks.disclosures import report

router = APIRouter()


@router.get("/disclosures")
def disclosures_page(
    request: Request, page: Annotated[Page, Depends(signed_in)], PatNum: str = "", q: str = ""
) -> Response:
    """With `PatNum`: the patient's disclosures, oldest first; without: the patient search."""
    chosen = patient_number(PatNum)
    with page.db.read() as session:
        patient = get_patient(session, chosen) if chosen else None
        rows = report(session, chosen) if chosen else []
        found = find_patients(session, q) if q.strip() else []
    context = {
        "title": "Disclosures",
        "patient": patient,
        "rows": rows,
        "q": q,
        "found": found,
        "searched": bool(q.strip()),
        "target": "disclosures",
    }
    return render(request, "disclosures.html", context, page=page)
