"""Where the services ask plug-ins: a write edge with plug-ins attached names its host here.

The appointments service calls `before_booking` before it reads or writes anything, so a
plug-in's veto hook never runs while the transaction holds a lock. Without a host (the CLI,
the demo loader, `ENAMEL_PLUGINS=off`) it does nothing.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy.orm import Session

from enamel.plugins.events import Booking

HOST = "enamel.plugin_host"


class BookingJudge(Protocol):
    def before_booking(self, booking: Booking, request_id: str) -> None:
        """Raise `PluginVeto` when a plug-in refuses the booking."""


def host_of(session: Session) -> BookingJudge | None:
    host = session.info.get(HOST)
    return host


def before_booking(session: Session, booking: Booking, request_id: str) -> None:
    host = host_of(session)
    if host is not None:
        host.before_booking(booking, request_id)
