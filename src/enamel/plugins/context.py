"""The context a plug-in's hook receives: Enamel's services, acting as the plug-in.

A plug-in never gets a session, an engine or a connection string. Each call it makes through
its context runs in a transaction of its own (`Database.write()`, the edge) through the same
service functions the API calls, as an `Actor` of kind plug-in with the permissions of the
scopes its approval granted: the security log names the plug-in, and the rows are sealed.
Reads need the resource's read scope and answer immutable mappings of the row's columns.
A context serves only during the hook call it was made for.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from enamel.db import Database, WriteSession
from enamel.db.session import ReadSession
from enamel.errors import ScopeMissing
from enamel.models.base import Base
from enamel.plugins import guard
from enamel.plugins.events import frozen
from enamel.security.actor import Actor
from enamel.security.scopes import Scope, allows

T = TypeVar("T")
HIDDEN_COLUMNS = frozenset({"SecurityHash", "Password"})


class ContextClosed(RuntimeError):
    """The hook this context was made for has returned or timed out."""


def snapshot(row: Base) -> Mapping[str, Any]:
    columns = type(row).__table__.columns
    return frozen({c.key: getattr(row, c.key) for c in columns if c.key not in HIDDEN_COLUMNS})


class _Call:
    """One hook call's access to Enamel: the plug-in's actor, its scopes, the database."""

    def __init__(self, db: Database, actor: Actor, scopes: frozenset[Scope]) -> None:
        self._db = db
        self.actor = actor
        self.scopes = scopes
        self.closed = False

    def _open(self) -> None:
        if self.closed:
            raise ContextClosed(
                f"plug-in {self.actor.name!r} used its context after its hook call ended"
            )

    def read(self, scope: Scope, fetch: Callable[[ReadSession], Base]) -> Mapping[str, Any]:
        with guard.trusted():
            self._open()
            if not allows(self.scopes, scope):
                raise ScopeMissing(
                    f"plug-in {self.actor.name!r} was not approved with the {scope.value} scope"
                )
            with self._db.read() as session:
                return snapshot(fetch(session))

    def write(self, change: Callable[[WriteSession, Actor], Base]) -> Mapping[str, Any]:
        with guard.trusted():
            self._open()
            with self._db.write() as session:
                return snapshot(change(session, self.actor))


class Appointments:
    """`appointments` services: reads need `appointments:read`, writes `appointments:write`."""

    def __init__(self, call: _Call) -> None:
        self._call = call

    def get(self, apt_num: int) -> Mapping[str, Any]:
        from enamel.appointments.service import get_appointment

        return self._call.read(Scope.APPOINTMENTS_READ, lambda s: get_appointment(s, apt_num))

    def create(self, **fields: Any) -> Mapping[str, Any]:
        """Book an appointment (fields as `POST /appointments` takes them, as Python values:
        `AptDateTime` a datetime, `AptStatus` an `ApptStatus`)."""
        from enamel.appointments import service

        data = service.AppointmentData(**fields)
        return self._call.write(lambda s, a: service.create_appointment(s, a, data))

    def update(self, apt_num: int, **fields: Any) -> Mapping[str, Any]:
        from enamel.appointments import service

        data = service.AppointmentData(**fields)
        return self._call.write(lambda s, a: service.update_appointment(s, a, apt_num, data))

    def append_note(self, apt_num: int, line: str) -> Mapping[str, Any]:
        from enamel.appointments import service

        return self._call.write(lambda s, a: service.append_note(s, a, apt_num, line))

    def break_appointment(self, apt_num: int, *, to_unscheduled_list: bool = False) -> Any:
        from enamel.appointments import service

        return self._call.write(
            lambda s, a: service.break_appointment(
                s, a, apt_num, to_unscheduled_list=to_unscheduled_list
            )
        )


class Patients:
    """`patients` services: reads need `patients:read`, writes `patients:write`."""

    def __init__(self, call: _Call) -> None:
        self._call = call

    def get(self, pat_num: int) -> Mapping[str, Any]:
        from enamel.patients.service import get_patient

        return self._call.read(Scope.PATIENTS_READ, lambda s: get_patient(s, pat_num))

    def update(self, pat_num: int, **fields: Any) -> Mapping[str, Any]:
        from enamel.patients import service

        data = service.PatientData(**fields)
        return self._call.write(lambda s, a: service.update_patient(s, a, pat_num, data))


class Procedures:
    def __init__(self, call: _Call) -> None:
        self._call = call

    def get(self, proc_num: int) -> Mapping[str, Any]:
        from enamel.procedures.service import get_procedure

        return self._call.read(Scope.PROCEDURELOGS_READ, lambda s: get_procedure(s, proc_num))


class Payments:
    def __init__(self, call: _Call) -> None:
        self._call = call

    def get(self, pay_num: int) -> Mapping[str, Any]:
        from enamel.payments.service import get_payment

        return self._call.read(Scope.PAYMENTS_READ, lambda s: get_payment(s, pay_num))


class PluginContext:
    """What a hook gets besides its event: `name`, `log` (a logger of its own), `now()`, and
    the services `appointments`, `patients`, `procedures`, `payments`."""

    def __init__(self, call: _Call) -> None:
        self.name = call.actor.name
        self.log = logging.getLogger(f"enamel.plugins.{self.name}")
        self.appointments = Appointments(call)
        self.patients = Patients(call)
        self.procedures = Procedures(call)
        self.payments = Payments(call)

    @staticmethod
    def now() -> dt.datetime:
        from enamel.db import clock

        return clock.now()


def make_context(
    db: Database, actor: Actor, scopes: frozenset[Scope]
) -> tuple[PluginContext, Callable[[], None]]:
    """A context for one hook call, and the function that closes it when the call ends."""
    call = _Call(db, actor, scopes)

    def close() -> None:
        call.closed = True

    return PluginContext(call), close
