"""/api/v1/patients: parse, call one service or query, answer in Open Dental's shape."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request

from enamel.api.access import database, reader, writer
from enamel.api.encode import JSON, created, found
from enamel.api.inputs import (
    ExactJSONRoute,
    bool_in,
    data_from,
    date_in,
    int_in,
    label_in,
    optional_int,
)
from enamel.api.lean import LeanRoute, documented, key_in, page_in
from enamel.api.paging import datetstamp_in
from enamel.models import DefCat
from enamel.models.enums import PatientGender, PatientPosition, PatientStatus
from enamel.patients import repository, service
from enamel.patients.schemas import (
    PATIENT,
    PATIENT_SELECT,
    PATIENT_SIMPLE,
    PatientChangesIn,
    PatientIn,
)
from enamel.security.actor import Actor
from enamel.security.scopes import Scope
from enamel.setup.service import definition_named

router = APIRouter(tags=["patients"], route_class=ExactJSONRoute)
hot = APIRouter(tags=["patients"], route_class=LeanRoute)
"""The hot reads: lean routes (api/lean.py), placed first by api/routes.py."""
read = Depends(reader(Scope.PATIENTS_READ))
write = writer(Scope.PATIENTS_WRITE)

Num = Annotated[int, Path(ge=0, lt=2**63)]
"""A key in the path: past the database's 64-bit range it is a 400, not a driver overflow."""


SIMPLE_FILTERS = {
    "LName": "Last name contains (any case).",
    "FName": "First name contains (any case).",
    "Birthdate": "yyyy-MM-dd.",
    "ClinicNum": "A ClinicNum.",
    "PatStatus": "Patient, NonPatient, Inactive, Archived, Deleted, Deceased or Prospective.",
    "DateTStamp": "Only patients changed at or after this time (yyyy-MM-dd HH:mm:ss): "
    "send the serverDateTime of the previous answer.",
    "PriProv": "A ProvNum.",
    "Gender": "Male, Female, Unknown or Other.",
    "Position": "Single, Married, Child, Widowed or Divorced.",
    "Guarantor": "A PatNum: the family's head.",
    "SuperFamily": "A PatNum: the super family's head.",
    "EmployerNum": "An EmployerNum.",
    "FeeSched": "A FeeSchedNum.",
}


@hot.get(
    "/patients/Simple",
    response_model=PATIENT_SIMPLE.many,
    dependencies=[read],
    openapi_extra=documented(query=SIMPLE_FILTERS, paged=True),
)
async def list_patients_simple(request: Request) -> JSON:
    """Patients with every field, for syncing: `DateTStamp` gives those changed since then."""
    q = request.query_params
    birthdate, status = q.get("Birthdate"), q.get("PatStatus")
    gender, position = q.get("Gender"), q.get("Position")
    filters = repository.SimpleFilters(
        LName=q.get("LName"),
        FName=q.get("FName"),
        Birthdate=None if birthdate is None else date_in(birthdate, "Birthdate"),
        ClinicNum=optional_int(q.get("ClinicNum"), "ClinicNum"),
        PatStatus=None if status is None else label_in(PatientStatus, status, "PatStatus"),
        DateTStamp=datetstamp_in(q.get("DateTStamp")),
        PriProv=optional_int(q.get("PriProv"), "PriProv"),
        Gender=None if gender is None else label_in(PatientGender, gender, "Gender"),
        Position=None if position is None else label_in(PatientPosition, position, "Position"),
        Guarantor=optional_int(q.get("Guarantor"), "Guarantor"),
        SuperFamily=optional_int(q.get("SuperFamily"), "SuperFamily"),
        EmployerNum=optional_int(q.get("EmployerNum"), "EmployerNum"),
        FeeSched=optional_int(q.get("FeeSched"), "FeeSched"),
    )
    paging = page_in(request)
    with database(request).read_engine.connect() as conn:
        return JSON(repository.simple_page(conn, filters, paging))


SELECT_FILTERS = {
    "LName": "Last name starts with (any case).",
    "FName": "First name starts with (any case).",
    "Phone": "Any phone number contains.",
    "Address": "Address starts with.",
    "City": "City starts with.",
    "State": "State starts with.",
    "SSN": "SSN starts with.",
    "ChartNumber": "Chart number starts with.",
    "Email": "Email starts with.",
    "Birthdate": "yyyy-MM-dd.",
    "clinicNums": "Comma-separated ClinicNums.",
    "hideInactive": '"true" leaves out inactive patients.',
    "guarOnly": '"true": only the heads of families.',
    "showArchived": '"true" includes archived patients.',
}


@hot.get(
    "/patients",
    response_model=PATIENT_SELECT.many,
    dependencies=[read],
    openapi_extra=documented(query=SELECT_FILTERS, paged=True),
)
async def list_patients(request: Request) -> JSON:
    """Open Dental's Patient Select: partial, case-insensitive matches; deleted patients never."""
    q = request.query_params
    birthdate = q.get("Birthdate")
    filters = repository.SelectFilters(
        LName=q.get("LName"),
        FName=q.get("FName"),
        Phone=q.get("Phone"),
        Address=q.get("Address"),
        City=q.get("City"),
        State=q.get("State"),
        SSN=q.get("SSN"),
        ChartNumber=q.get("ChartNumber"),
        Email=q.get("Email"),
        Birthdate=None if birthdate is None else date_in(birthdate, "Birthdate"),
        clinicNums=tuple(
            int_in(n, "clinicNums") for n in q.get("clinicNums", "").split(",") if n.strip()
        ),
        hideInactive=_flag(q.get("hideInactive"), "hideInactive"),
        guarOnly=_flag(q.get("guarOnly"), "guarOnly"),
        showArchived=_flag(q.get("showArchived"), "showArchived"),
    )
    paging = page_in(request)
    with database(request).read_engine.connect() as conn:
        return JSON(repository.select_page(conn, filters, paging))


@hot.get(
    "/patients/{PatNum}",
    name="get_patient",
    response_model=PATIENT.model,
    dependencies=[read],
    openapi_extra=documented(path=("PatNum",)),
)
async def get_patient(request: Request) -> JSON:
    pat_num = key_in(request, "PatNum")
    with database(request).read_engine.connect() as conn:
        return JSON(found(repository.one(conn, pat_num), "Patient", "PatNum", pat_num))


@router.post("/patients", status_code=201, response_model=PATIENT.model)
def create_patient(
    request: Request, body: PatientIn, actor: Annotated[Actor, Depends(write)]
) -> JSON:
    """Create a patient: LName and FName are required; the rest take Open Dental's defaults."""
    data = data_from(body, service.PatientData, skip=("BillingType",))
    db = database(request)
    with db.write() as session:
        if body.BillingType:
            data.BillingType = definition_named(
                session, DefCat.BillingTypes, body.BillingType, "BillingType"
            ).DefNum
        pat_num = service.create_patient(session, actor, data).PatNum
    with db.read_engine.connect() as conn:
        return created(
            request,
            "get_patient",
            found(repository.one(conn, pat_num), "Patient", "PatNum", pat_num),
            PatNum=pat_num,
        )


@router.put("/patients/{PatNum}", response_model=PATIENT.model)
def update_patient(
    request: Request, PatNum: Num, body: PatientChangesIn, actor: Annotated[Actor, Depends(write)]
) -> JSON:
    """Change the fields sent; "" clears a text field (LName and FName stay required)."""
    data = data_from(body, service.PatientData, skip=("BillingType",))
    db = database(request)
    with db.write() as session:
        if body.BillingType is not None:
            data.BillingType = (
                definition_named(
                    session, DefCat.BillingTypes, body.BillingType, "BillingType"
                ).DefNum
                if body.BillingType
                else 0
            )
        service.update_patient(session, actor, PatNum, data)
    with db.read_engine.connect() as conn:
        return JSON(found(repository.one(conn, PatNum), "Patient", "PatNum", PatNum))


def _flag(value: str | None, name: str) -> bool:
    return False if value is None else bool_in(value, name)
