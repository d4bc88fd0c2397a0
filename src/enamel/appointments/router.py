"""/api/v1/appointments: parse, call one service or query, answer in Open Dental's shape."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request

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
    str_in,
)
from enamel.api.paging import Page, changed_since, page
from enamel.appointments import queries, service
from enamel.appointments.schemas import (
    APPOINTMENT,
    AppointmentChange,
    AppointmentIn,
    BreakIn,
    ConfirmIn,
    NoteIn,
)
from enamel.db import Database, ReadSession
from enamel.errors import InvalidInput
from enamel.models import DefCat
from enamel.models.enums import ApptStatus
from enamel.security.actor import Actor
from enamel.security.scopes import Scope
from enamel.setup.service import definition_in, definition_named, first_definition

router = APIRouter(tags=["appointments"], route_class=ExactJSONRoute)
read = Depends(reader(Scope.APPOINTMENTS_READ))
write = writer(Scope.APPOINTMENTS_WRITE)

Num = Annotated[int, Path(ge=0, lt=2**63)]
Text = Annotated[str | None, Query()]
Day = Annotated[str | None, Query(description="A day, yyyy-MM-dd.")]

BREAK_TYPES = ("Missed", "Cancelled")


@router.get("/appointments", response_model=APPOINTMENT.many, dependencies=[read])
async def list_appointments(
    request: Request,
    paging: Annotated[Page, Depends(page)],
    since: Annotated[dt.datetime | None, Depends(changed_since)],
    PatNum: Text = None,
    AptStatus: Text = None,
    Op: Text = None,
    date: Day = None,
    dateStart: Day = None,
    dateEnd: Day = None,
    ClinicNum: Annotated[
        str | None, Query(description="0 for appointments not attached to a clinic.")
    ] = None,
    AppointmentTypeNum: Text = None,
) -> JSON:
    """Appointments in AptNum order. `date` is one day, `dateStart`/`dateEnd` an inclusive
    range of days (of AptDateTime); `DateTStamp` gives those changed at or after then."""
    start = _day(dateStart, "dateStart")
    end = _day(dateEnd, "dateEnd")
    if start is not None and end is not None and end < start:
        raise InvalidInput("dateEnd is before dateStart", field="dateEnd")
    filters = queries.Filters(
        PatNum=optional_int(PatNum, "PatNum"),
        AptStatus=None if AptStatus is None else label_in(ApptStatus, AptStatus, "AptStatus"),
        Op=optional_int(Op, "Op"),
        ClinicNum=optional_int(ClinicNum, "ClinicNum"),
        AppointmentTypeNum=optional_int(AppointmentTypeNum, "AppointmentTypeNum"),
        day=_day(date, "date"),
        start=start,
        end=end,
        DateTStamp=since,
    )
    with database(request).read_engine.connect() as conn:
        return JSON(queries.page(conn, filters, paging))


@router.get(
    "/appointments/{AptNum}",
    name="get_appointment",
    response_model=APPOINTMENT.model,
    dependencies=[read],
)
async def get_appointment(request: Request, AptNum: Num) -> JSON:
    with database(request).read_engine.connect() as conn:
        return JSON(found(queries.one(conn, AptNum), "Appointment", "AptNum", AptNum))


@router.post("/appointments", status_code=201, response_model=APPOINTMENT.model)
def create_appointment(
    request: Request, body: AppointmentIn, actor: Annotated[Actor, Depends(write)]
) -> JSON:
    """Book an appointment; 409 when it overlaps another in the operatory (nothing written)."""
    data = data_from(body, service.AppointmentData)
    db = database(request)
    with db.write() as session:
        apt_num = service.create_appointment(session, actor, data).AptNum
    return created(request, "get_appointment", _answer(db, apt_num), AptNum=apt_num)


@router.put("/appointments/{AptNum}", response_model=APPOINTMENT.model)
def update_appointment(
    request: Request, AptNum: Num, body: AppointmentChange, actor: Annotated[Actor, Depends(write)]
) -> JSON:
    """Change the fields sent. Moving it (AptDateTime, Op) is refused with 409 if taken."""
    data = data_from(body, service.AppointmentData)
    db = database(request)
    with db.write() as session:
        service.update_appointment(session, actor, AptNum, data)
    return JSON(_answer(db, AptNum))


@router.put("/appointments/{AptNum}/Break", response_model=APPOINTMENT.model)
def break_appointment(
    request: Request, AptNum: Num, body: BreakIn, actor: Annotated[Actor, Depends(write)]
) -> JSON:
    """Break a scheduled appointment; "sendToUnscheduledList": "true" then puts it on the
    Unscheduled List. Answers the appointment (Open Dental answers an empty 200)."""
    to_list = bool_in(body.sendToUnscheduledList, "sendToUnscheduledList")
    if body.breakType is not None:
        if body.breakType not in BREAK_TYPES:
            raise InvalidInput('breakType must be "Missed" or "Cancelled"', field="breakType")
        raise InvalidInput(
            "breakType is not supported: Enamel does not chart the broken-appointment "
            "procedure (D9986/D9987); break without breakType and chart it with "
            "POST /procedurelogs",
            field="breakType",
        )
    db = database(request)
    with db.write() as session:
        service.break_appointment(session, actor, AptNum, to_unscheduled_list=to_list)
    return JSON(_answer(db, AptNum))


@router.put("/appointments/{AptNum}/Note", response_model=APPOINTMENT.model)
def append_note(
    request: Request, AptNum: Num, body: NoteIn, actor: Annotated[Actor, Depends(write)]
) -> JSON:
    """Append a line to the note (after a line break if there is one already)."""
    db = database(request)
    with db.write() as session:
        service.append_note(session, actor, AptNum, str_in(body.Note, "Note"))
    return JSON(_answer(db, AptNum))


@router.put("/appointments/{AptNum}/Confirm", response_model=APPOINTMENT.model)
def confirm_appointment(
    request: Request, AptNum: Num, body: ConfirmIn, actor: Annotated[Actor, Depends(write)]
) -> JSON:
    """Set the confirmation status: exactly one of `confirmVal` (the name of an Appt Confirmed
    definition; "None" is the first one) or `defNum`."""
    if (body.confirmVal is None) == (body.defNum is None):
        raise InvalidInput("send exactly one of confirmVal or defNum", field="confirmVal")
    db = database(request)
    with db.write() as session:
        if body.defNum is not None:
            def_num = int_in(body.defNum, "defNum")
            definition_in(session, DefCat.ApptConfirmed, def_num, "defNum")
        else:
            def_num = _confirmation_named(session, str_in(body.confirmVal, "confirmVal"))
        service.confirm(session, actor, AptNum, def_num)
    return JSON(_answer(db, AptNum))


def _confirmation_named(session: ReadSession, name: str) -> int:
    """Open Dental's confirmVal "None" means the default status, the first definition."""
    if name.strip() == "None":
        first = first_definition(session, DefCat.ApptConfirmed)
        if first is not None:
            return first.DefNum
    return definition_named(session, DefCat.ApptConfirmed, name, "confirmVal").DefNum


def _answer(db: Database, apt_num: int) -> dict[str, Any]:
    """The appointment as GET shows it, read after the commit."""
    with db.read_engine.connect() as conn:
        return found(queries.one(conn, apt_num), "Appointment", "AptNum", apt_num)


def _day(value: str | None, name: str) -> dt.date | None:
    return None if value is None else date_in(value, name)
