"""Appointments: the only code that writes `appointment` rows.

Rules (the same for every caller):
- the patient, operatory, providers, clinic and confirmation status must exist and be visible;
- the length comes from `Pattern`; an appointment ends on the day it starts;
- an appointment that holds time (Scheduled, Complete) may not overlap another such
  appointment in the same operatory: 409, also when many requests race for one slot (the
  operatory is locked for the rest of the transaction before the check);
- status changes follow Open Dental: a completed appointment cannot be moved, and editing it
  needs AppointmentCompleteEdit; only a scheduled appointment can be broken (it becomes Broken
  and frees its slot); moving a broken appointment schedules it again; completing a future
  appointment is refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from enamel import audit
from enamel.appointments import pattern, repository
from enamel.appointments.repository import OCCUPYING, Slot
from enamel.db import ReadSession, WriteSession, clock, require_write
from enamel.db.changes import apply_changes
from enamel.db.lookup import get_or_404
from enamel.errors import InvalidInput, InvalidTransition, NotFound, SlotTaken
from enamel.models import Appointment, DefCat, Patient
from enamel.models.enums import ApptPriority, ApptStatus, EnumPermType, enum_input
from enamel.patients.service import existing_patient, name_of
from enamel.plugins import gate as plugin_gate
from enamel.plugins.events import Booking
from enamel.providers.service import active_provider
from enamel.security import Actor
from enamel.setup.service import active_clinic, active_operatory, definition_in, first_definition

LAST_YEAR = 9998
"""The last year an appointment may be booked in: its end and the next midnight must exist."""

DEFAULT_PATTERN = "/XX/"
"""Twenty minutes, used when a caller gives no pattern."""

CREATABLE = frozenset(
    {
        ApptStatus.Scheduled,
        ApptStatus.Complete,
        ApptStatus.UnschedList,
        ApptStatus.Planned,
        ApptStatus.PtNote,
        ApptStatus.PtNoteCompleted,
    }
)
"""The statuses Open Dental's API accepts on POST /appointments."""

TRANSITIONS: dict[ApptStatus, frozenset[ApptStatus]] = {
    ApptStatus.Scheduled: frozenset(
        {ApptStatus.Complete, ApptStatus.Broken, ApptStatus.UnschedList}
    ),
    ApptStatus.ASAP: frozenset(
        {ApptStatus.Scheduled, ApptStatus.Complete, ApptStatus.Broken, ApptStatus.UnschedList}
    ),
    ApptStatus.Broken: frozenset({ApptStatus.Scheduled, ApptStatus.UnschedList}),
    ApptStatus.UnschedList: frozenset({ApptStatus.Scheduled}),
    ApptStatus.Complete: frozenset(),
    ApptStatus.Planned: frozenset(),
    ApptStatus.PtNote: frozenset({ApptStatus.PtNoteCompleted}),
    ApptStatus.PtNoteCompleted: frozenset({ApptStatus.PtNote}),
}
"""Which status an appointment may go to from each status (a same-status write is no change)."""

ON_SCHEDULE = frozenset(
    {
        ApptStatus.Scheduled,
        ApptStatus.Complete,
        ApptStatus.Broken,
        ApptStatus.ASAP,
        ApptStatus.PtNote,
        ApptStatus.PtNoteCompleted,
    }
)
"""Statuses that need an operatory and a date-time."""


@dataclass
class AppointmentData:
    """Fields a caller may set; None leaves a field as it is (or at its default on create)."""

    PatNum: int | None = None
    AptStatus: ApptStatus | None = None
    Pattern: str | None = None
    Confirmed: int | None = None
    Op: int | None = None
    Note: str | None = None
    ProvNum: int | None = None
    ProvHyg: int | None = None
    AptDateTime: dt.datetime | None = None
    IsNewPatient: bool | None = None
    IsHygiene: bool | None = None
    ClinicNum: int | None = None
    Priority: ApptPriority | None = None
    ProcDescript: str | None = None
    TimeLocked: bool | None = None


def get_appointment(db: ReadSession, apt_num: int) -> Appointment:
    return get_or_404(db, Appointment, apt_num, "Appointment")


def slot_of(apt: Appointment) -> Slot:
    return Slot(apt.Op, apt.AptDateTime, apt.AptDateTime + pattern.length(apt.Pattern))


def _check(db: ReadSession, apt: Appointment, patient: Patient) -> None:
    """Every rule that depends only on the row's final values."""
    apt.Pattern = pattern.normalise(apt.Pattern)
    if apt.AptStatus in ON_SCHEDULE:
        if not apt.Op:
            raise InvalidInput(f"Op is required for a {apt.AptStatus.name} appointment", field="Op")
        if apt.AptDateTime <= clock.MIN_DATETIME:
            raise InvalidInput(
                f"AptDateTime is required for a {apt.AptStatus.name} appointment",
                field="AptDateTime",
            )
        if apt.AptDateTime.year > LAST_YEAR:
            raise InvalidInput(
                f"AptDateTime must be before the year {LAST_YEAR + 1}", field="AptDateTime"
            )
        slot = slot_of(apt)
        midnight = dt.datetime.combine(slot.start.date() + dt.timedelta(days=1), dt.time(0))
        if slot.end > midnight:
            raise InvalidInput(
                "the appointment would run past midnight: shorten Pattern or start earlier",
                field="Pattern",
            )
    if apt.Op:
        operatory = active_operatory(db, apt.Op)
        apt.ClinicNum = apt.ClinicNum or operatory.ClinicNum
        apt.ProvNum = apt.ProvNum or operatory.ProvDentist or patient.PriProv
        if operatory.IsHygiene:
            apt.ProvHyg = apt.ProvHyg or operatory.ProvHygienist
    else:
        apt.ProvNum = apt.ProvNum or patient.PriProv
    active_provider(db, apt.ProvNum, "ProvNum")
    if apt.ProvHyg:
        active_provider(db, apt.ProvHyg, "ProvHyg")
    active_clinic(db, apt.ClinicNum)
    if apt.Confirmed:
        definition_in(db, DefCat.ApptConfirmed, apt.Confirmed, "Confirmed")


def _book(db: WriteSession, apt: Appointment) -> None:
    """Take the appointment's slot or raise 409: lock the operatory, then look for overlaps."""
    if apt.AptStatus not in OCCUPYING:
        return
    slot = slot_of(apt)
    repository.lock_operatory(db, slot.op)
    taken_by = repository.overlapping(db, slot, exclude_apt=apt.AptNum or 0)
    if taken_by is not None:
        raise SlotTaken(
            f"{slot} overlaps appointment {taken_by}; choose another time or operatory",
            field="AptDateTime",
        )


def _when(apt: Appointment) -> str:
    if apt.AptDateTime <= clock.MIN_DATETIME:
        return "unscheduled"
    return f"op {apt.Op} at {apt.AptDateTime:%Y-%m-%d %H:%M} ({len(apt.Pattern) * 5} min)"


def create_appointment(db: WriteSession, actor: Actor, data: AppointmentData) -> Appointment:
    require_write(db)
    actor.require(EnumPermType.AppointmentCreate)
    status = data.AptStatus if data.AptStatus is not None else ApptStatus.Scheduled
    status = enum_input(ApptStatus, status, "AptStatus")
    if data.Priority is not None:
        enum_input(ApptPriority, data.Priority, "Priority")
    if status not in CREATABLE:
        allowed = ", ".join(s.name for s in sorted(CREATABLE))
        raise InvalidInput(
            f"a new appointment's AptStatus must be one of: {allowed}", field="AptStatus"
        )
    # Plug-ins may refuse the booking (409 plugin_veto): asked before the first statement, so
    # their hooks never run while this transaction holds a lock (SQLite's write lock).
    plugin_gate.before_booking(db, _booking(actor, data, status), actor.request_id)
    patient = existing_patient(db, data.PatNum or 0)
    apt = Appointment(SecUserNumEntry=actor.user_num, Pattern=DEFAULT_PATTERN)
    apply_changes(apt, data)
    apt.AptStatus = status
    _check(db, apt, patient)
    if status is ApptStatus.Complete and apt.AptDateTime.date() > clock.today():
        raise InvalidInput(
            "a completed appointment cannot be dated after today", field="AptDateTime"
        )
    if not apt.Confirmed:
        unconfirmed = first_definition(db, DefCat.ApptConfirmed)
        apt.Confirmed = unconfirmed.DefNum if unconfirmed else 0
    _book(db, apt)
    db.add(apt)
    db.flush()
    audit.record(
        db,
        actor,
        EnumPermType.AppointmentCreate,
        f"Appointment {apt.AptNum} ({status.name}) created for {name_of(patient)}, {_when(apt)}",
        pat_num=patient.PatNum,
        fkey=apt.AptNum,
    )
    return apt


def _booking(actor: Actor, data: AppointmentData, status: ApptStatus) -> Booking:
    return Booking(
        PatNum=data.PatNum or 0,
        Op=data.Op or 0,
        AptDateTime=data.AptDateTime or clock.MIN_DATETIME,
        Pattern=data.Pattern or DEFAULT_PATTERN,
        AptStatus=status.name,
        ProvNum=data.ProvNum or 0,
        ClinicNum=data.ClinicNum or 0,
        Note=data.Note or "",
        actor_kind=actor.kind.value,
        actor_name=actor.name,
        user_num=actor.user_num,
    )


def update_appointment(
    db: WriteSession, actor: Actor, apt_num: int, data: AppointmentData
) -> Appointment:
    """Change fields, move (new time or operatory) and change status, with Open Dental's
    permission for each: AppointmentMove for a move, AppointmentEdit otherwise, and
    AppointmentCompleteEdit on top for a completed appointment."""
    require_write(db)
    apt = get_appointment(db, apt_num)
    if data.PatNum is not None and data.PatNum != apt.PatNum:
        raise InvalidInput("PatNum of an appointment cannot change", field="PatNum")
    if data.AptStatus is not None:
        enum_input(ApptStatus, data.AptStatus, "AptStatus")
    if data.Priority is not None:
        enum_input(ApptPriority, data.Priority, "Priority")
    patient = existing_patient(db, apt.PatNum)
    before_status, before_when, previous = apt.AptStatus, _when(apt), apt.DateTStamp
    before_slot = (apt.Op, apt.AptDateTime)

    changed = apply_changes(apt, data)
    if not changed:
        return apt
    moved = (apt.Op, apt.AptDateTime) != before_slot
    if moved and before_status is ApptStatus.Broken and data.AptStatus is None:
        apt.AptStatus = ApptStatus.Scheduled  # as in Open Dental: moving reschedules it
    new_status = apt.AptStatus
    if before_status is ApptStatus.Complete:
        if moved:
            raise InvalidTransition(
                f"appointment {apt_num} is complete and cannot be moved", field="AptDateTime"
            )
        actor.require(EnumPermType.AppointmentCompleteEdit)
    if new_status != before_status:
        _check_transition(apt, before_status, new_status)
    permission = EnumPermType.AppointmentMove if moved else EnumPermType.AppointmentEdit
    actor.require(permission)
    _check(db, apt, patient)
    if moved or (new_status in OCCUPYING and before_status not in OCCUPYING):
        _book(db, apt)
    db.flush()
    what = [f for f in changed if f not in ("Op", "AptDateTime")]
    text = f"Appointment {apt_num} for {name_of(patient)}"
    if moved:
        text += f" moved from {before_when} to {_when(apt)}"
    if new_status != before_status:
        text += f"; status {before_status.name} -> {new_status.name}"
    if what:
        text += f"; edited {', '.join(what)}"
    audit.record(db, actor, permission, text, pat_num=apt.PatNum, fkey=apt_num, previous=previous)
    return apt


def _check_transition(apt: Appointment, before: ApptStatus, after: ApptStatus) -> None:
    if after not in TRANSITIONS[before]:
        raise InvalidTransition(
            f"appointment {apt.AptNum} cannot go from {before.name} to {after.name}",
            field="AptStatus",
        )
    if after is ApptStatus.Complete and apt.AptDateTime.date() > clock.today():
        raise InvalidTransition(
            f"appointment {apt.AptNum} is on {apt.AptDateTime:%Y-%m-%d} and cannot be "
            "completed before that day",
            field="AptStatus",
        )


def break_appointment(
    db: WriteSession, actor: Actor, apt_num: int, *, to_unscheduled_list: bool = False
) -> Appointment:
    """Mark a scheduled appointment Broken (missed or cancelled); it frees its slot. As in
    Open Dental, only a scheduled appointment can be broken. `to_unscheduled_list` then sends
    it to the Unscheduled List (status UnschedList), as Open Dental's "Break" with "Send to
    Unscheduled List" does; otherwise it stays on the appointment book as Broken."""
    require_write(db)
    apt = get_appointment(db, apt_num)
    if apt.AptStatus not in (ApptStatus.Scheduled, ApptStatus.ASAP):
        raise InvalidTransition(
            f"appointment {apt_num} is {apt.AptStatus.name}; only a scheduled appointment "
            "can be broken",
            field="AptStatus",
        )
    apt = update_appointment(db, actor, apt_num, AppointmentData(AptStatus=ApptStatus.Broken))
    if to_unscheduled_list:
        apt = update_appointment(
            db, actor, apt_num, AppointmentData(AptStatus=ApptStatus.UnschedList)
        )
    return apt


def set_note(db: WriteSession, actor: Actor, apt_num: int, note: str) -> Appointment:
    return update_appointment(db, actor, apt_num, AppointmentData(Note=note))


NOTE_LINE_BREAK = "\r\n"
"""Between an appointment's note and a line appended to it (Open Dental: "a CR is included
before the new note is appended"; its notes hold Windows line ends)."""


def append_note(db: WriteSession, actor: Actor, apt_num: int, line: str) -> Appointment:
    """Add a line to the end of the note. The row is locked first, so two appends at the
    same moment both survive."""
    require_write(db)
    if not line.strip():
        raise InvalidInput("Note is required: the text to append", field="Note")
    apt = db.get(Appointment, apt_num, with_for_update=True)
    if apt is None:
        raise NotFound(f"Appointment {apt_num} does not exist")
    note = f"{apt.Note}{NOTE_LINE_BREAK}{line.strip()}" if apt.Note else line
    return update_appointment(db, actor, apt_num, AppointmentData(Note=note))


def confirm(db: WriteSession, actor: Actor, apt_num: int, def_num: int) -> Appointment:
    """Set the confirmation status (a definition of category ApptConfirmed)."""
    return update_appointment(db, actor, apt_num, AppointmentData(Confirmed=def_num))
