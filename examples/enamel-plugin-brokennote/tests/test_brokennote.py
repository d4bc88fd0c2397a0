"""brokennote's hook against a stand-in context: how a plug-in author tests a plug-in."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType
from typing import Any

import enamel_brokennote as plugin
from enamel.models.enums import ApptStatus
from enamel.plugins import ChangeEvent

NOW = dt.datetime(2026, 12, 6, 14, 30)


class Appointments:
    def __init__(self) -> None:
        self.notes: list[tuple[int, str]] = []

    def append_note(self, apt_num: int, line: str) -> None:
        self.notes.append((apt_num, line))


class Context:
    def __init__(self) -> None:
        self.appointments = Appointments()

    @staticmethod
    def now() -> dt.datetime:
        return NOW


def event(before: Any, after: Any, kind: str = "update", table: str = "appointment") -> Any:
    return ChangeEvent(
        table=table,
        key=31,
        kind=kind,
        actor_kind="integration",
        actor_name="Reminder Pro",
        before=MappingProxyType({"AptStatus": before} if before is not None else {}),
        after=MappingProxyType({"AptStatus": after} if after is not None else {}),
    )


def test_a_broken_appointment_gets_a_note_to_call_the_patient() -> None:
    context = Context()
    hook = plugin.enamel_appointment_changed
    hook(event=event(ApptStatus.Scheduled, ApptStatus.Broken), context=context)  # type: ignore[arg-type]
    assert context.appointments.notes == [
        (31, "2026-12-06 14:30 broken appointment: call the patient to reschedule.")
    ]


def test_sent_to_the_unscheduled_list_counts_as_broken() -> None:
    assert plugin.is_broken(event(ApptStatus.Scheduled, ApptStatus.UnschedList))


def test_other_changes_leave_the_appointment_alone() -> None:
    context = Context()
    for other in (
        event(ApptStatus.Scheduled, ApptStatus.Complete),
        event(ApptStatus.Broken, ApptStatus.Scheduled),
        event(None, ApptStatus.Broken, kind="insert"),
        event(None, None),
        event(ApptStatus.Scheduled, ApptStatus.Broken, table="patient"),
    ):
        plugin.enamel_appointment_changed(event=other, context=context)  # type: ignore[arg-type]
    assert context.appointments.notes == []
