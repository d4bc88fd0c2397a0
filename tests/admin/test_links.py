"""The program-links and disclosures pages, on SQLite, MariaDB and PostgreSQL: a real program
is started by a launch and records the argv it got; a dry run starts and logs nothing."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from enamel.db import Database
from enamel.models import Program
from enamel.models.enums import PatientGender
from enamel.programlinks.service import LinkData, add_link
from enamel.security.actor import system_actor
from tests.admin.office import Office
from tests.factories import Practice, make_patient
from tests.programlinks.helpers import disclosure_entries, log_count, recorder, seen


def dexis(db: Database, tmp_path: Path) -> tuple[int, Path, Path, Path]:
    """An infofile link to the recorder: (ProgramNum, program, its record, the bridge file)."""
    program, out = recorder(tmp_path)
    info = tmp_path / "info.txt"
    data = LinkData(kind="infofile", command=str(program), file_path=str(info))
    with db.write() as session:
        num = add_link(session, system_actor("tests"), "Dexis", data).ProgramNum
    return num, program, out, info


def nguyen(db: Database, practice: Practice) -> int:
    return make_patient(
        db,
        LName="Nguyen",
        FName="Hoa",
        Birthdate=dt.date(1980, 3, 4),
        Gender=PatientGender.Female,
        PriProv=practice.dentist,
    )


def row_of(text: str, attribute: str, value: str) -> str:
    found = re.search(rf'<tr {attribute}="{re.escape(value)}">(.*?)</tr>', text, re.S)
    assert found, text
    return found.group(1)


def test_the_page_lists_each_link_its_state_program_and_fields(
    boss: Office, tmp_path: Path
) -> None:
    dexis(boss.api.db, tmp_path)
    with boss.api.db.write() as session:
        add_link(
            session,
            system_actor("tests"),
            "Portal",
            LinkData(kind="url", url="https://images.example.com/viewer?patient=[PatNum]"),
        )
    page = boss.get("/office/links")
    assert page.status_code == 200
    cells = row_of(page.text, "data-link", "Dexis")
    assert '<span class="on">on</span>' in cells and "infofile" not in cells
    assert "by bridge file" in cells and str(tmp_path / "recorder.py") in cells
    assert "PatNum, LName, FName, Birthdate, Sex" in cells
    assert "Switch Dexis off" in cells  # an administrator's switch
    portal = row_of(page.text, "data-link", "Portal")
    assert "url" in portal and "by URL" in portal and "PatNum" in portal
    assert "Dry run" not in page.text  # no patient chosen yet


def test_the_patient_search_finds_by_name_or_patnum_and_escapes_names(
    boss: Office, practice: Practice
) -> None:
    db = boss.api.db
    hoa = nguyen(db, practice)
    mallory = make_patient(db, LName="<script>alert(1)</script>", FName="Eve")
    other = make_patient(db, LName="Smith", FName="Anna")
    by_name = boss.get("/office/links", q="nguy")
    assert by_name.status_code == 200
    assert f'data-patient="{hoa}"' in by_name.text and f'data-patient="{other}"' not in by_name.text
    assert f"/office/disclosures?PatNum={hoa}" in by_name.text
    comma = boss.get("/office/links", q="Nguyen, H")
    assert f'data-patient="{hoa}"' in comma.text
    by_num = boss.get("/office/disclosures", q=str(other))
    assert f'data-patient="{other}"' in by_num.text and f'data-patient="{hoa}"' not in by_num.text
    hostile = boss.get("/office/links", q="<script")
    assert f'data-patient="{mallory}"' in hostile.text
    assert "<script>alert(1)</script>" not in hostile.text
    assert html.escape("<script>alert(1)</script>") in hostile.text
    wildcard = boss.get("/office/links", q="%")
    assert "No patient matches" in wildcard.text  # LIKE's own characters are escaped
    assert boss.get("/office/links", PatNum="12x").status_code == 400
    assert boss.get("/office/links", PatNum="999999").status_code == 404


def test_a_dry_run_shows_the_argv_and_the_file_and_starts_and_logs_nothing(
    clerk: Office, practice: Practice, tmp_path: Path
) -> None:
    db = clerk.api.db
    num, program, out, info = dexis(db, tmp_path)
    pat = nguyen(db, practice)
    chosen = clerk.get("/office/links", PatNum=str(pat))
    assert "Dry run Dexis for patient" in chosen.text and "Nguyen, Hoa" in chosen.text
    before = log_count(db)
    shown = clerk.post("/office/links/launch", {"link": num, "PatNum": pat, "action": "dry-run"})
    assert shown.status_code == 200, shown.text
    assert "nothing was started, written or logged" in shown.text
    assert f"<li><code>{program}</code></li>" in shown.text
    assert f"<li><code>@{info}</code></li>" in shown.text
    assert f"PN={pat}\r\nLN=Nguyen\r\nFN=Hoa\r\nBD=03/04/1980\r\nSX=F" in shown.text
    assert shown.headers["cache-control"] == "no-store"  # the patient's data
    assert not out.exists() and not info.exists()
    assert log_count(db) == before


def test_staff_launch_a_link_which_is_logged_as_their_disclosure(
    clerk: Office, practice: Practice, tmp_path: Path
) -> None:
    db = clerk.api.db
    num, program, out, info = dexis(db, tmp_path)
    pat = nguyen(db, practice)
    done = clerk.post("/office/links/launch", {"link": num, "PatNum": pat, "action": "launch"})
    assert done.status_code == 303, done.text
    assert seen(out)[0]["argv"] == [str(program), f"@{info}"]
    [entry] = disclosure_entries(db)
    assert (entry.ActorKind, entry.ActorName, entry.PatNum) == ("office_user", "clerk", pat)
    assert entry.UserNum > 0 and entry.CompName == "testclient"
    assert entry.LogText.endswith("By office user clerk.")
    page = clerk.client.get(done.headers["location"])
    assert f"the disclosure is security-log entry {entry.SecurityLogNum}" in page.text
    report = clerk.get("/office/disclosures", PatNum=str(pat))
    assert report.status_code == 200
    cells = row_of(report.text, "data-entry", str(entry.SecurityLogNum))
    assert "program link 'Dexis'" in cells
    assert "PatNum, LName, FName, Birthdate, Sex" in cells and "bridge file" in cells
    assert "office user clerk" in cells and "testclient" in cells


def test_a_launch_that_cannot_start_is_an_error_page_and_logs_nothing(
    boss: Office, practice: Practice, tmp_path: Path
) -> None:
    db = boss.api.db
    num, program, _out, _ = dexis(db, tmp_path)
    program.unlink()
    pat = nguyen(db, practice)
    before = log_count(db)
    failed = boss.post("/office/links/launch", {"link": num, "PatNum": pat, "action": "launch"})
    assert failed.status_code == 409 and "<html" in failed.text
    assert "does not exist" in failed.text
    assert log_count(db) == before
    bad = boss.post("/office/links/launch", {"link": num, "PatNum": pat, "action": "rm"})
    assert bad.status_code == 400
    missing = boss.post("/office/links/launch", {"link": num, "PatNum": 999999})
    assert missing.status_code == 404
    assert log_count(db) == before


def test_an_administrator_switches_a_link_off_and_it_cannot_launch(
    boss: Office, practice: Practice, tmp_path: Path
) -> None:
    db = boss.api.db
    num, _, out, _ = dexis(db, tmp_path)
    pat = nguyen(db, practice)
    off = boss.post("/office/links/off", {"name": "Dexis", "reason": "vendor leak"})
    assert off.status_code == 303
    page = boss.client.get(off.headers["location"])
    assert "Program link &#39;Dexis&#39; is switched off" in page.text
    assert "vendor leak" in row_of(page.text, "data-link", "Dexis")
    refused = boss.post("/office/links/launch", {"link": num, "PatNum": pat, "action": "dry-run"})
    assert refused.status_code == 403 and "vendor leak" in refused.text
    with db.read() as session:
        entry = session.scalar(select(Program.OffReason).where(Program.ProgramNum == num))
    assert entry == "vendor leak"
    assert boss.post("/office/links/off", {"name": "Dexis", "reason": " "}).status_code == 400
    assert boss.post("/office/links/on", {"name": "Dexis"}).status_code == 303
    again = boss.post("/office/links/launch", {"link": num, "PatNum": pat, "action": "launch"})
    assert again.status_code == 303
    assert len(seen(out)) == 1


def test_staff_cannot_switch_links_and_nothing_changes(
    clerk: Office, practice: Practice, tmp_path: Path
) -> None:
    db = clerk.api.db
    dexis(db, tmp_path)
    page = clerk.get("/office/links")
    assert "Switch Dexis off" not in page.text and "Only an administrator" in page.text
    before = log_count(db)
    for path, data in (
        ("/office/links/off", {"name": "Dexis", "reason": "staff try"}),
        ("/office/links/on", {"name": "Dexis"}),
    ):
        refused = clerk.post(path, data)
        assert refused.status_code == 403, path
        assert "Administrators only" in refused.text
    with db.read() as session:
        assert session.scalar(select(Program.Enabled)) is True
    assert log_count(db) == before


@pytest.mark.parametrize("token", ["", "forged"])
def test_a_launch_without_the_sessions_token_is_refused(
    clerk: Office, practice: Practice, tmp_path: Path, token: str
) -> None:
    db = clerk.api.db
    num, _, out, _ = dexis(db, tmp_path)
    pat = nguyen(db, practice)
    before = log_count(db)
    form = {"csrf_token": token, "link": num, "PatNum": pat, "action": "launch"}
    refused = clerk.client.post("/office/links/launch", data=form, follow_redirects=False)
    assert refused.status_code == 403 and "Form expired" in refused.text
    assert not out.exists() and log_count(db) == before


def test_the_pages_need_a_session(office: Office, tmp_path: Path) -> None:
    num, _, out, _ = dexis(office.api.db, tmp_path)
    for path in ("/office/links", "/office/disclosures?PatNum=1", "/office/plugins"):
        response = office.get(path)
        assert response.status_code == 303 and "/office/signin" in response.headers["location"]
    refused = office.client.post(
        "/office/links/launch", data={"link": num, "PatNum": 1, "action": "launch"}
    )
    assert refused.status_code == 401 and not out.exists()


def test_disclosures_without_a_patient_show_the_search(boss: Office, practice: Practice) -> None:
    pat = nguyen(boss.api.db, practice)
    page = boss.get("/office/disclosures")
    assert page.status_code == 200 and "Find a patient" in page.text
    empty = boss.get("/office/disclosures", PatNum=str(pat))
    assert "Nothing about this patient has left the practice" in empty.text
