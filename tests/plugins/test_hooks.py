"""Whitelisted plug-ins on the appointment path, over HTTP, on SQLite, MariaDB and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import logging
import time
from typing import Any

import pytest

from enamel.db import Database
from enamel.models import Appointment, SecurityLog
from tests.apiclient import api_for
from tests.audit.tamper import check
from tests.factories import Practice, count, days_from_today, log_entries, make_patient
from tests.plugins.helpers import (
    FAILING_VETO,
    HANGING,
    RAISING,
    RECORDER,
    RW,
    VETO,
    allow,
    allow_row,
    book,
    cli,
    listed,
    next_weekday,
)
from tests.plugins.site import Site


def test_an_approved_plugin_hears_the_booking_and_writes_as_itself(
    db: Database, practice: Practice, site: Site
) -> None:
    site.install("recorder", RECORDER)
    allow(db, "recorder", *RW)
    pat = make_patient(db)
    with api_for(db) as api:
        headers = api.integration(*RW, "patients:write")
        answer = book(api, headers, pat, practice.op, days_from_today(3))
        assert answer.status_code == 201, answer.text
        apt = answer.json()["AptNum"]
        assert answer.json()["Note"] == "seen by the recorder"  # the hook ran before the answer
        api.put(f"/patients/{pat}", headers, {"Preferred": "Annie"})
    seen: list[Any] = site.loaded("recorder").SEEN
    assert [(e.table, e.key, e.kind) for e in seen] == [
        ("appointment", apt, "insert"),
        ("patient", pat, "update"),
    ]  # its own note is not played back to it
    booking, edit = seen
    assert (booking.actor_kind, booking.actor_name) == ("integration", "Reminder Pro")
    assert booking.after["PatNum"] == pat and booking.request_id
    assert dict(edit.before) == {"Preferred": ""} and dict(edit.after) == {"Preferred": "Annie"}
    with pytest.raises(TypeError):
        edit.after["Preferred"] = "x"
    with db.read() as session:
        (entry,) = log_entries(session, ActorKind="plugin")
    assert entry.ActorName == "recorder" and entry.FKey == apt
    assert "By plug-in 'recorder'" in entry.LogText
    assert entry.RequestId == booking.request_id  # the request that set it off
    code, report = check(db)
    assert code == 0, report["findings"]


def test_a_plugin_not_on_the_whitelist_never_runs(
    db: Database, practice: Practice, site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    site.install("recorder", RECORDER)
    pat = make_patient(db)
    with caplog.at_level(logging.WARNING, "enamel.plugins"), api_for(db) as api:
        headers = api.integration(*RW)
        assert book(api, headers, pat, practice.op, days_from_today(3)).status_code == 201
    assert site.loaded("recorder") is None  # never even imported
    assert "plug-in 'recorder' is not loaded: not approved" in caplog.text
    shown = listed(db)["recorder"]
    assert shown["whitelisted"] is False and shown["loaded"] is False
    assert shown["reason"] == "not approved: run `enamel plugins allow recorder`"


def test_changed_files_stop_a_plugin_until_it_is_approved_again(
    db: Database, practice: Practice, site: Site
) -> None:
    site.install("recorder", RECORDER)
    allow(db, "recorder", *RW)
    with site.module_file("recorder").open("a") as f:
        f.write("\nSEEN.append('injected')\n")
    pat = make_patient(db)
    shown = listed(db)["recorder"]
    assert shown["whitelisted"] is False and shown["loaded"] is False
    assert shown["reason"].startswith("its files changed since it was approved")
    with api_for(db) as api:
        headers = api.integration(*RW)
        assert book(api, headers, pat, practice.op, days_from_today(3)).json()["Note"] == ""
        assert site.loaded("recorder") is None
        allow(db, "recorder")  # approving again keeps its scopes; the server loads it now
        answer = book(api, headers, pat, practice.op, days_from_today(4))
        assert answer.json()["Note"] == "seen by the recorder"
    assert listed(db)["recorder"]["whitelisted"] is True
    assert site.loaded("recorder").SEEN[0] == "injected"


def test_a_new_version_needs_its_own_approval(db: Database, site: Site) -> None:
    site.install("recorder", RECORDER)
    allow(db, "recorder", *RW)
    site.install("recorder", RECORDER, version="1.1")
    shown = listed(db)["recorder"]
    assert shown["approved_version"] == "1.0" and shown["version"] == "1.1"
    assert "1.1 is installed but enamel-plugin-recorder 1.0 was approved" in shown["reason"]


def test_a_raising_hook_is_logged_and_the_request_goes_on(
    db: Database, practice: Practice, site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    site.install("raising", RAISING)
    allow(db, "raising")
    pat = make_patient(db)
    with caplog.at_level(logging.WARNING, "enamel.plugins"), api_for(db) as api:
        headers = api.integration(*RW)
        answer = book(api, headers, pat, practice.op, days_from_today(3))
    assert answer.status_code == 201
    assert [answer.json()["AptNum"]] == site.loaded("raising").CALLS
    assert "plug-in 'raising' failed in enamel_appointment_changed" in caplog.text
    assert "RuntimeError: the plug-in's own bug" in caplog.text
    assert count(db, Appointment) == 1


def test_a_hanging_hook_is_cut_off_after_its_time_limit(
    db: Database, practice: Practice, site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    site.install("hanging", HANGING)
    allow(db, "hanging", *RW)
    pat = make_patient(db)
    with caplog.at_level(logging.WARNING, "enamel.plugins"), api_for(db, plugin_timeout=0.3) as api:
        headers = api.integration(*RW)
        started = time.monotonic()
        answer = book(api, headers, pat, practice.op, days_from_today(3))
        took = time.monotonic() - started
    assert answer.status_code == 201 and took < 2
    assert "no answer within 0.3 s" in caplog.text
    module: Any = site.loaded("hanging")
    module.RELEASE.set()  # it wakes up: its context is closed, it can no longer write
    deadline = time.monotonic() + 5
    while not module.LATE and time.monotonic() < deadline:
        time.sleep(0.02)
    assert module.LATE == [
        "ContextClosed: plug-in 'hanging' used its context after its hook call ended"
    ]
    with db.read() as session:
        assert session.get(Appointment, answer.json()["AptNum"]).Note == ""  # type: ignore[union-attr]
        assert log_entries(session, ActorKind="plugin") == []


def test_a_veto_refuses_the_booking_naming_the_plugin_and_writes_nothing(
    db: Database, practice: Practice, site: Site
) -> None:
    site.install("fridays", VETO)
    allow(db, "fridays")
    pat = make_patient(db)
    with api_for(db) as api:
        headers = api.integration(*RW)
        with db.read() as session:
            entries = len(log_entries(session))
        refused = book(api, headers, pat, practice.op, next_weekday(4))
        assert book(api, headers, pat, practice.op, next_weekday(2)).status_code == 201
    assert refused.status_code == 409
    assert refused.json() == {
        "message": "Plug-in 'fridays' refused the booking: the office is closed on Fridays",
        "error": "plugin_veto",
        "field": None,
    }
    assert count(db, Appointment) == 1
    with db.read() as session:
        assert len(log_entries(session)) == entries + 1  # the Wednesday booking only


def test_a_failing_veto_hook_is_no_veto(db: Database, practice: Practice, site: Site) -> None:
    site.install("undecided", FAILING_VETO)
    allow(db, "undecided")
    pat = make_patient(db)
    with api_for(db) as api:
        headers = api.integration(*RW)
        answer = book(api, headers, pat, practice.op, next_weekday(4))
    assert answer.status_code == 201
    assert [pat] == site.loaded("undecided").CALLS


def test_a_plugin_that_keeps_failing_is_switched_off_with_the_reason_logged(
    db: Database, practice: Practice, site: Site
) -> None:
    site.install("raising", RAISING)
    allow(db, "raising")
    pat = make_patient(db)
    with api_for(db) as api:
        headers = api.integration(*RW)
        for day in range(3, 10):
            assert book(api, headers, pat, practice.op, days_from_today(day)).status_code == 201
    calls: list[int] = site.loaded("raising").CALLS
    assert len(calls) == 5  # switched off at the fifth failure: the next two bookings skip it
    row = allow_row(db, "raising")
    assert row is not None and not row.IsEnabled
    assert row.OffReason.startswith("5 failures within 10 minutes, the last in ")
    with db.read() as session:
        (entry,) = [
            e
            for e in log_entries(session, ActorKind="system")
            if "Plug-in 'raising' switched off" in e.LogText
        ]
    assert "By Enamel (plug-in guard)" in entry.LogText and "RuntimeError" in entry.LogText
    shown = listed(db)["raising"]
    assert shown["state"] == "off" and shown["reason"].startswith("switched off: 5 failures")


def test_switching_a_plugin_off_and_on_reaches_a_running_server(
    db: Database, practice: Practice, site: Site
) -> None:
    site.install("fridays", VETO)
    allow(db, "fridays")
    pat = make_patient(db)
    friday = next_weekday(4)
    with api_for(db) as api:
        headers = api.integration(*RW)
        cli(db, "plugins", "off", "fridays", "--reason", "the office opens on Fridays now")
        assert book(api, headers, pat, practice.op, friday).status_code == 201
        cli(db, "plugins", "on", "fridays")
        again = book(api, headers, pat, practice.op, friday + dt.timedelta(days=7))
        assert again.status_code == 409
    with db.read() as session:
        texts = [e.LogText for e in session.query(SecurityLog).order_by(SecurityLog.SecurityLogNum)]
    assert any(
        "Plug-in 'fridays' switched off: the office opens on Fridays now" in t for t in texts
    )
    assert any("Plug-in 'fridays' switched on" in t for t in texts)


def test_enamel_plugins_off_loads_nothing(db: Database, practice: Practice, site: Site) -> None:
    site.install("fridays", VETO)
    allow(db, "fridays")
    pat = make_patient(db)
    with api_for(db, plugins=False) as api:
        headers = api.integration(*RW)
        assert book(api, headers, pat, practice.op, next_weekday(4)).status_code == 201
    assert site.loaded("fridays") is None


LEDGER = """
    from enamel.plugins import hookimpl

    SEEN = []

    @hookimpl
    def enamel_procedure_changed(event):
        SEEN.append((event.table, event.key, event.kind, event.pat_num))

    @hookimpl
    def enamel_payment_changed(event):
        SEEN.append((event.table, event.key, event.kind, event.pat_num))
"""


def test_procedure_and_payment_changes_reach_their_hooks(
    db: Database, practice: Practice, site: Site
) -> None:
    site.install("ledger", LEDGER)
    allow(db, "ledger")
    pat = make_patient(db)
    with api_for(db) as api:
        headers = api.integration("procedurelogs:write", "payments:write")
        proc = api.post(
            "/procedurelogs",
            headers,
            {"PatNum": pat, "ProcDate": "2026-01-05", "ProcStatus": "TP", "procCode": "D0120"},
        )
        assert proc.status_code == 201, proc.text
        pay = api.post("/payments", headers, {"PatNum": pat, "PayAmt": "50"})
        assert pay.status_code == 201, pay.text
    seen = site.loaded("ledger").SEEN
    assert seen == [
        ("procedurelog", proc.json()["ProcNum"], "insert", pat),
        ("payment", pay.json()["PayNum"], "insert", pat),
    ]


ECHO = """
    from enamel.plugins import hookimpl

    @hookimpl
    def enamel_appointment_changed(event, context):
        if event.kind == "update":
            context.appointments.append_note(event.key, f"{context.name} saw {event.actor_name}")
"""


def test_plugins_answering_each_other_stop_three_calls_deep(
    db: Database, practice: Practice, site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    site.install("ping", ECHO)
    site.install("pong", ECHO)
    allow(db, "ping", *RW)
    allow(db, "pong", *RW)
    pat = make_patient(db)
    with caplog.at_level(logging.WARNING, "enamel.plugins"), api_for(db) as api:
        headers = api.integration(*RW)
        apt = book(api, headers, pat, practice.op, days_from_today(3)).json()["AptNum"]
        answer = api.put(f"/appointments/{apt}/Break", headers, {"sendToUnscheduledList": "false"})
    assert answer.status_code == 200
    notes = sorted(answer.json()["Note"].split("\r\n"))
    # Each hears the break (1), the other's answer (2), the answer to its own answer (3).
    from_ping = ["ping saw Reminder Pro", "pong saw ping", "ping saw pong"]
    from_pong = ["pong saw Reminder Pro", "ping saw pong", "pong saw ping"]
    assert notes == sorted(from_ping + from_pong)
    assert "plug-in changes 3 calls deep are not passed on" in caplog.text


RECURSIVE_VETO = """
    import datetime as dt

    from enamel.plugins import hookimpl

    @hookimpl
    def enamel_before_booking(booking, context):
        # Books another appointment a day later, which asks this hook again...
        context.appointments.create(
            PatNum=booking.PatNum, Op=booking.Op, AptDateTime=booking.AptDateTime + dt.timedelta(1)
        )
"""


def test_a_veto_hook_that_books_does_not_recurse_forever(
    db: Database, practice: Practice, site: Site
) -> None:
    site.install("again", RECURSIVE_VETO)
    allow(db, "again", *RW)
    pat = make_patient(db)
    with api_for(db) as api:
        headers = api.integration(*RW)
        answer = book(api, headers, pat, practice.op, days_from_today(3))
    assert answer.status_code == 201
    # The request's booking, and the plug-in's three, the last asked of no hook.
    assert count(db, Appointment) == 4
