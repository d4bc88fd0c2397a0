"""The hooks a plug-in may implement (pluggy specifications, project name `enamel`).

A plug-in implements any of them as functions decorated with `enamel.plugins.hookimpl`, with
the argument names given here (pluggy checks them when the plug-in is loaded). Each call runs
in a worker thread with a time limit (`ENAMEL_PLUGIN_TIMEOUT`); an exception or a time-out is
logged and counts as a failure of the plug-in, never as a failure of the request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from enamel.plugins.context import PluginContext
    from enamel.plugins.events import Booking, ChangeEvent, MenuItem

PROJECT = "enamel"
ENTRY_POINT_GROUP = "enamel.plugins"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


class EnamelHooks:
    """The hook specifications."""

    @hookspec
    def enamel_patient_changed(self, event: ChangeEvent, context: PluginContext) -> None:
        """A patient row changed; called after the change committed."""

    @hookspec
    def enamel_appointment_changed(self, event: ChangeEvent, context: PluginContext) -> None:
        """An appointment row changed; called after the change committed."""

    @hookspec
    def enamel_procedure_changed(self, event: ChangeEvent, context: PluginContext) -> None:
        """A procedurelog row changed; called after the change committed."""

    @hookspec
    def enamel_payment_changed(self, event: ChangeEvent, context: PluginContext) -> None:
        """A payment row changed; called after the change committed."""

    @hookspec
    def enamel_before_booking(self, booking: Booking, context: PluginContext) -> str | None:
        """An appointment is about to be booked. Return a reason (a sentence for the person
        booking) to refuse it, or None to let it go on. Called before anything is written,
        holding no database lock; an exception or a time-out here counts as no veto."""

    @hookspec
    def enamel_menu_items(self, context: PluginContext) -> list[MenuItem]:
        """Entries for the office pages' menu."""
        return []


CHANGE_HOOKS = {
    "patient": "enamel_patient_changed",
    "appointment": "enamel_appointment_changed",
    "procedurelog": "enamel_procedure_changed",
    "payment": "enamel_payment_changed",
}
