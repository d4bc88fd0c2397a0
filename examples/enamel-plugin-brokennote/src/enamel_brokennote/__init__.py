"""brokennote: when a scheduled appointment is broken, add a note to it to call the patient.

Needs the scope `appointments:write` (`enamel plugins allow brokennote --scope
appointments:write`). The note is written through Enamel's appointment service, as the
plug-in: the security log names it, and the row is sealed.
"""

from __future__ import annotations

from enamel.models.enums import ApptStatus
from enamel.plugins import ChangeEvent, PluginContext, hookimpl

BOOKED = frozenset({ApptStatus.Scheduled, ApptStatus.ASAP})
BROKEN = frozenset({ApptStatus.Broken, ApptStatus.UnschedList})
NOTE = "{when:%Y-%m-%d %H:%M} broken appointment: call the patient to reschedule."


def is_broken(event: ChangeEvent) -> bool:
    """A booked appointment that became Broken (or went to the Unscheduled List)."""
    return (
        event.table == "appointment"
        and event.kind == "update"
        and event.before.get("AptStatus") in BOOKED
        and event.after.get("AptStatus") in BROKEN
    )


@hookimpl
def enamel_appointment_changed(event: ChangeEvent, context: PluginContext) -> None:
    if is_broken(event):
        context.appointments.append_note(event.key, NOTE.format(when=context.now()))
