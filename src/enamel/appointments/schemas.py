"""Appointments as Open Dental's API shows them (opendental.com/site/apiappointments.html)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, StrictBool, StrictInt
from sqlalchemy.orm import aliased

from enamel.api.encode import Field, Shape, field
from enamel.api.inputs import body_model
from enamel.appointments.service import AppointmentData
from enamel.models import Appointment, Definition, Provider

Confirmed = aliased(Definition, name="confirmed")
UnschedStatus = aliased(Definition, name="unschedstatus")

FROM = (
    Appointment.__table__.outerjoin(Confirmed, Confirmed.DefNum == Appointment.Confirmed)
    .outerjoin(Provider, Provider.ProvNum == Appointment.ProvNum)
    .outerjoin(UnschedStatus, UnschedStatus.DefNum == Appointment.UnschedStatus)
)

A = Appointment


def color_out(argb: int) -> str:
    """Open Dental stores a colour as a .NET ARGB int (0 = none) and sends it as "R,G,B"."""
    return f"{(argb >> 16) & 255},{(argb >> 8) & 255},{argb & 255}"


def _color(name: str) -> Field:
    expr = A.ColorOverride.expression
    return Field(name, expr.label(name), color_out, str)


APPOINTMENT = Shape(
    "Appointment",
    [
        field("AptNum", A.AptNum),
        field("PatNum", A.PatNum),
        field("AptStatus", A.AptStatus),
        field("Pattern", A.Pattern),
        field("Confirmed", A.Confirmed),
        field("confirmed", Confirmed.ItemName),
        field("TimeLocked", A.TimeLocked),
        field("Op", A.Op),
        field("Note", A.Note),
        field("ProvNum", A.ProvNum),
        field("provAbbr", Provider.Abbr),
        field("ProvHyg", A.ProvHyg),
        field("AptDateTime", A.AptDateTime),
        field("NextAptNum", A.NextAptNum),
        field("UnschedStatus", A.UnschedStatus),
        field("unschedStatus", UnschedStatus.ItemName),
        field("IsNewPatient", A.IsNewPatient),
        field("ProcDescript", A.ProcDescript),
        field("ClinicNum", A.ClinicNum),
        field("IsHygiene", A.IsHygiene),
        field("DateTStamp", A.DateTStamp),
        field("DateTimeArrived", A.DateTimeArrived),
        field("DateTimeSeated", A.DateTimeSeated),
        field("DateTimeDismissed", A.DateTimeDismissed),
        field("InsPlan1", A.InsPlan1),
        field("InsPlan2", A.InsPlan2),
        field("DateTimeAskedToArrive", A.DateTimeAskedToArrive),
        _color("colorOverride"),
        field("AppointmentTypeNum", A.AppointmentTypeNum),
        field("SecUserNumEntry", A.SecUserNumEntry),
        field("SecDateTEntry", A.SecDateTEntry),
        field("Priority", A.Priority),
        field("PatternSecondary", A.PatternSecondary),
        field("ItemOrderPlanned", A.ItemOrderPlanned),
    ],
    FROM,
    server_time_first=True,
)
"""GET /appointments/{AptNum} and each row of GET /appointments: Open Dental sends
"serverDateTime" first in both."""

_NOT_SENT = ("ProcDescript", "TimeLocked")
"""AppointmentData fields Open Dental's API does not take: ProcDescript follows the attached
procedures and TimeLocked is set in the office."""


class AppointmentIn(
    body_model(  # type: ignore[misc]  # a base built from AppointmentData
        "AppointmentIn",
        AppointmentData,
        exclude=_NOT_SENT,
        required=("PatNum", "Op", "AptDateTime"),
        doc="A new appointment: PatNum, Op and AptDateTime (yyyy-MM-dd HH:mm:ss) are "
        'required; AptStatus defaults to "Scheduled", Pattern to "/XX/" (20 minutes), '
        "Confirmed to the first Appt Confirmed definition, ProvNum to the operatory's "
        "dentist or the patient's primary provider, ClinicNum to the operatory's clinic.",
    )
):
    pass


class AppointmentChange(
    body_model(  # type: ignore[misc]  # a base built from AppointmentData
        "AppointmentChange",
        AppointmentData,
        exclude=("PatNum", *_NOT_SENT),
        doc="The fields to change; all optional. Note overwrites the note (PUT .../Note "
        "appends). A move (AptDateTime or Op) is refused with 409 if the new time is taken.",
    )
):
    pass


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BreakIn(_Strict):
    """PUT /appointments/{AptNum}/Break."""

    sendToUnscheduledList: Literal["true", "false"] | StrictBool
    breakType: str | None = None


class NoteIn(_Strict):
    """PUT /appointments/{AptNum}/Note: the text to append."""

    Note: str


class ConfirmIn(_Strict):
    """PUT /appointments/{AptNum}/Confirm: exactly one of confirmVal (a name in Definitions >
    Appt Confirmed, "None" for the first) or defNum."""

    confirmVal: str | None = None
    defNum: StrictInt | str | None = None
