"""What the plug-in tests share: plug-in sources, booking over HTTP, the CLI."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from click.testing import Result

from enamel.db import Database
from enamel.models import PluginAllow
from tests.apiclient import Api
from tests.cli.runner import enamel
from tests.factories import days_from_today

RW = ("appointments:read", "appointments:write")

RECORDER = """
    from enamel.plugins import hookimpl

    SEEN = []

    @hookimpl
    def enamel_appointment_changed(event, context):
        SEEN.append(event)
        if event.kind == "insert":
            context.appointments.append_note(event.key, "seen by the recorder")

    @hookimpl
    def enamel_patient_changed(event):
        SEEN.append(event)
"""

RAISING = """
    from enamel.plugins import hookimpl

    CALLS = []

    @hookimpl
    def enamel_appointment_changed(event):
        CALLS.append(event.key)
        raise RuntimeError("the plug-in's own bug")
"""

HANGING = """
    import threading
    from enamel.plugins import hookimpl

    RELEASE = threading.Event()
    CALLS = []
    LATE = []

    @hookimpl
    def enamel_appointment_changed(event, context):
        CALLS.append(event.key)
        RELEASE.wait(10)
        try:
            context.appointments.append_note(event.key, "too late")
        except Exception as exc:
            LATE.append(f"{type(exc).__name__}: {exc}")
"""

VETO = """
    from enamel.plugins import hookimpl

    @hookimpl
    def enamel_before_booking(booking):
        if booking.AptDateTime.weekday() == 4:
            return "the office is closed on Fridays"
        return None
"""

FAILING_VETO = """
    from enamel.plugins import hookimpl

    CALLS = []

    @hookimpl
    def enamel_before_booking(booking):
        CALLS.append(booking.PatNum)
        raise ValueError("cannot decide")
"""


def cli(db: Database, *args: str, check: bool = True) -> Result:
    result = enamel(db, *args)
    if check and result.exit_code != 0:
        raise AssertionError(f"enamel {' '.join(args)} failed:\n{result.output}")
    return result


def allow(db: Database, name: str, *scopes: str) -> None:
    cli(db, "plugins", "allow", name, *[a for s in scopes for a in ("--scope", s)])


def listed(db: Database) -> dict[str, dict[str, Any]]:
    return {p["name"]: p for p in json.loads(cli(db, "plugins", "list", "--json").stdout)}


def book(api: Api, headers: dict[str, str], pat_num: int, op: int, start: dt.datetime) -> Any:
    return api.post(
        "/appointments",
        headers,
        {"PatNum": pat_num, "Op": op, "AptDateTime": start.strftime("%Y-%m-%d %H:%M:%S")},
    )


def next_weekday(weekday: int, hour: int = 9) -> dt.datetime:
    """A day at least two days ahead that is `weekday` (0 Monday ... 4 Friday)."""
    day = days_from_today(2, hour)
    while day.weekday() != weekday:
        day += dt.timedelta(days=1)
    return day


def allow_row(db: Database, name: str) -> PluginAllow | None:
    from enamel.plugins.whitelist import get_allow

    with db.read() as session:
        return get_allow(session, name)
