"""The example plug-in (examples/enamel-plugin-brokennote), installed by pip, on each engine."""

from __future__ import annotations

from pathlib import Path

from enamel.db import Database
from tests.apiclient import api_for
from tests.audit.tamper import check
from tests.factories import Practice, days_from_today, log_entries, make_patient
from tests.plugins.helpers import RW, allow, book, listed


def test_brokennote_notes_a_broken_appointment_as_itself(
    db: Database, practice: Practice, example: Path
) -> None:
    shown = listed(db)["brokennote"]
    assert (shown["distribution"], shown["version"]) == ("enamel-plugin-brokennote", "1.0.0")
    allow(db, "brokennote", "appointments:write")
    assert listed(db)["brokennote"]["loaded"] is True
    pat = make_patient(db)
    with api_for(db) as api:
        headers = api.integration(*RW)
        apt = book(api, headers, pat, practice.op, days_from_today(3)).json()["AptNum"]
        kept = book(api, headers, pat, practice.op2, days_from_today(3)).json()["AptNum"]
        api.put(f"/appointments/{apt}/Note", headers, {"Note": "Bring X-rays"})
        broken = api.put(f"/appointments/{apt}/Break", headers, {"sendToUnscheduledList": "true"})
        other = api.get(f"/appointments/{kept}", headers).json()
    assert broken.status_code == 200
    first, second = broken.json()["Note"].split("\r\n")
    assert first == "Bring X-rays"
    assert second.endswith(" broken appointment: call the patient to reschedule.")
    assert other["Note"] == ""
    with db.read() as session:
        (entry,) = log_entries(session, ActorKind="plugin")
    assert entry.ActorName == "brokennote" and entry.FKey == apt
    code, report = check(db)
    assert code == 0, report["findings"]
