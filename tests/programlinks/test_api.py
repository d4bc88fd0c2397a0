"""/api/v1/programlinks, the Launch route and /api/v1/disclosures over HTTP, and the
disclosures report on the command line, on SQLite, MariaDB and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from enamel.models import SecurityLog
from enamel.models.enums import EnumPermType
from tests.apiclient import Api
from tests.cli.runner import enamel
from tests.factories import Practice, make_patient
from tests.programlinks.helpers import disclosure_entries, log_count, recorder, seen


def _link(api: Api, tmp_path: Path) -> tuple[int, Path, Path]:
    program, out = recorder(tmp_path)
    result = enamel(
        api.db,
        "links",
        "add",
        "Imaging",
        "--command",
        str(program),
        "--args",
        "--id=[PatNum] --name=[LName],[FName] --born=[Birthdate]",
        "--json",
    )
    assert result.exit_code == 0, result.output
    return int(json.loads(result.stdout)["program_num"]), program, out


def test_the_office_pages_list_links_and_launch_one_which_is_logged(
    api: Api, practice: Practice, tmp_path: Path
) -> None:
    num, program, out = _link(api, tmp_path)
    pat = make_patient(api.db, LName="--help", FName="Ann", PriProv=practice.dentist)
    pages = api.integration("programlinks:read", "programlinks:write", name="Office pages")
    listed = api.get("/programlinks", pages)
    assert listed.status_code == 200, listed.text
    [link] = listed.json()
    assert link["ProgramNum"] == num and link["ProgName"] == "Imaging"
    assert link["Enabled"] == "true" and link["Fields"] == ["PatNum", "LName", "FName", "Birthdate"]

    pages_user = {**pages, "X-Request-Id": "launch-1"}
    answer = api.post(f"/programlinks/{num}/Launch", pages_user, {"PatNum": pat})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["DryRun"] == "false" and body["Argv"] == [] and body["FileContent"] == ""
    assert body["SecurityLogNum"] > 0
    assert seen(out)[0]["argv"] == [
        str(program),
        f"--id={pat}",
        "--name=--help,Ann",
        "--born=",  # no birthdate: empty
    ]
    with api.db.read() as session:
        entry = session.get(SecurityLog, body["SecurityLogNum"])
        assert entry is not None
        assert entry.PermType is EnumPermType.Copy and entry.PatNum == pat
        assert entry.ActorName == "Office pages" and entry.RequestId == "launch-1"
        assert entry.FKey == num and entry.CompName == "testclient"


def test_a_dry_run_over_the_api_needs_patients_read_and_logs_nothing(
    api: Api, practice: Practice, tmp_path: Path
) -> None:
    num, program, out = _link(api, tmp_path)
    pat = make_patient(api.db, LName="Ames", FName="Al", PriProv=practice.dentist)
    launcher_only = api.integration("programlinks:write", name="Launcher")
    both = api.integration("programlinks:write", "patients:read", name="Checker")
    before = log_count(api.db)
    refused = api.post(
        f"/programlinks/{num}/Launch", launcher_only, {"PatNum": pat, "DryRun": True}
    )
    assert refused.status_code == 403 and refused.json()["error"] == "scope_missing"
    dry = api.post(f"/programlinks/{num}/Launch", both, {"PatNum": str(pat), "DryRun": "true"})
    assert dry.status_code == 200, dry.text
    assert dry.json()["Argv"] == [str(program), f"--id={pat}", "--name=Ames,Al", "--born="]
    assert dry.json()["SecurityLogNum"] == 0
    assert log_count(api.db) == before and not out.exists()


def test_launch_errors_over_the_api(api: Api, practice: Practice, tmp_path: Path) -> None:
    num, _, out = _link(api, tmp_path)
    pat = make_patient(api.db, PriProv=practice.dentist)
    headers = api.integration("programlinks:write", "programlinks:read", name="Office pages")
    reader = api.integration("programlinks:read", name="Reader")
    assert api.post(f"/programlinks/{num}/Launch", reader, {"PatNum": pat}).status_code == 403
    missing = api.post(f"/programlinks/{num + 99}/Launch", headers, {"PatNum": pat})
    assert missing.status_code == 404
    no_patient = api.post(f"/programlinks/{num}/Launch", headers, {"PatNum": pat + 99})
    assert no_patient.status_code == 404 and no_patient.json()["field"] == "PatNum"
    extra = api.post(f"/programlinks/{num}/Launch", headers, {"PatNum": pat, "Shell": "yes"})
    assert extra.status_code == 400
    assert enamel(api.db, "links", "off", "Imaging", "--reason", "upgrade").exit_code == 0
    off = api.post(f"/programlinks/{num}/Launch", headers, {"PatNum": pat})
    assert off.status_code == 403 and off.json()["error"] == "link_off"
    assert "upgrade" in off.json()["message"]
    assert api.get("/programlinks", headers).json()[0]["Enabled"] == "false"
    gone = enamel(api.db, "links", "add", "Gone", "--command", str(tmp_path / "nothing"), "--json")
    gone_num = json.loads(gone.stdout)["program_num"]
    failed = api.post(f"/programlinks/{gone_num}/Launch", headers, {"PatNum": pat})
    assert failed.status_code == 409 and failed.json()["error"] == "launch_failed"
    assert "does not exist" in failed.json()["message"]
    assert disclosure_entries(api.db) == [] and not out.exists()


def test_disclosures_report_every_launch_over_the_api_and_the_command_line(
    api: Api, practice: Practice, tmp_path: Path
) -> None:
    num, _, out = _link(api, tmp_path)
    pat = make_patient(api.db, LName="Nguyen", FName="Hoa", PriProv=practice.dentist)
    other = make_patient(api.db, LName="Other", FName="One", PriProv=practice.dentist)
    pages = api.integration("programlinks:write", name="Office pages")
    assert api.post(f"/programlinks/{num}/Launch", pages, {"PatNum": pat}).status_code == 200
    assert enamel(api.db, "links", "launch", "Imaging", "--patient", str(pat)).exit_code == 0
    assert enamel(api.db, "links", "launch", "Imaging", "--patient", str(other)).exit_code == 0
    seen(out, 3)

    auditor = api.integration("disclosures:read", name="Privacy officer")
    assert api.get("/disclosures", pages, PatNum=pat).status_code == 403
    report = api.get("/disclosures", auditor, PatNum=pat)
    assert report.status_code == 200, report.text
    rows = report.json()
    assert [r["Recipient"] for r in rows] == ["Imaging", "Imaging"]
    assert rows[0]["Fields"] == ["PatNum", "LName", "FName", "Birthdate"]
    assert rows[0]["RecipientKind"] == "program link" and rows[0]["ProgramNum"] == num
    assert rows[0]["By"] == "integration 'Office pages'"
    assert rows[1]["By"].startswith("Enamel (command line, ")
    assert rows[0]["Channels"] == "command line"
    assert len(rows[0]["LogDateTime"]) == 19
    assert api.get("/disclosures", auditor, PatNum=other).json()[0]["PatNum"] == other

    cli = enamel(api.db, "disclosures", str(pat), "--json")
    assert cli.exit_code == 0, cli.output
    items = json.loads(cli.stdout)
    assert [i["to"] for i in items] == ["Imaging", "Imaging"]
    assert items[0]["fields"] == ["PatNum", "LName", "FName", "Birthdate"]
    assert items[0]["by"] == "integration 'Office pages'"
    text = enamel(api.db, "disclosures", str(pat)).stdout
    assert "PatNum, LName, FName, Birthdate to program link 'Imaging'" in text
    assert "Nothing about patient" in enamel(api.db, "disclosures", "999999").stdout

    # Each launch is one sealed, chained entry: the check stays clean.
    verify = enamel(api.db, "audit", "verify")
    assert verify.exit_code == 0, verify.output
    with api.db.read() as session:
        copies = session.scalars(
            select(SecurityLog.SecurityLogNum).where(SecurityLog.PermType == EnumPermType.Copy)
        ).all()
    assert len(copies) == 3
