"""Launching program links from the command line, on SQLite, MariaDB and PostgreSQL: a real
program is started and records the argv it got."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

import pytest
from click.testing import Result
from sqlalchemy import update

from enamel.audit import writer
from enamel.db import Database
from enamel.models import Program
from enamel.models.enums import EnumPermType, PatientGender
from enamel.programlinks import launcher
from tests.cli.runner import enamel
from tests.factories import Practice, log_entries, make_patient
from tests.programlinks.helpers import disclosure_entries, log_count, recorder, seen

HOSTILE = ["--help", '"; rm -rf ~', "$(touch /tmp/enamel-pwned)", "two\nlines", "`id`", "a b"]


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.output
    return result


def test_hostile_names_arrive_as_exactly_one_argument_each(
    db: Database, practice: Practice, tmp_path: Path
) -> None:
    program, out = recorder(tmp_path)
    ok(
        enamel(
            db,
            "links",
            "add",
            "Imaging",
            "--command",
            str(program),
            "--args",
            '-p [PatNum] --last=[LName] "--full=[LName], [FName]" -- [LName] [FName]',
        )
    )
    launched = []
    for n, name in enumerate(HOSTILE):
        pat = make_patient(db, LName=name, FName=HOSTILE[-1 - n], PriProv=practice.dentist)
        ok(enamel(db, "links", "launch", "Imaging", "--patient", str(pat)))
        launched.append((pat, name, HOSTILE[-1 - n]))
    records = seen(out, len(HOSTILE))
    for (pat, last, first), record in zip(launched, records, strict=True):
        assert record["argv"][1:] == [
            "-p",
            str(pat),
            f"--last={last}",
            f"--full={last}, {first}",
            "--",
            last,
            first,
        ]
        assert record["enamel_env"] == []  # the database URL and key file stay with Enamel
    assert not Path("/tmp/enamel-pwned").exists()  # noqa: S108 - what a shell would make
    entries = disclosure_entries(db)
    assert [e.PatNum for e in entries] == [p for p, _, _ in launched]
    assert all(e.FKey == entries[0].FKey for e in entries)
    assert "PatNum, LName, FName" in entries[0].LogText
    assert ok(enamel(db, "audit", "verify")).exit_code == 0


def test_a_template_with_an_unknown_or_refused_field_is_refused_when_saved(db: Database) -> None:
    before = log_count(db)
    cases = {
        "[LNmae]": "unknown field [LNmae]",
        "[lname]": "did you mean [LName]?",
        "[SSN]": "[SSN] is refused",
        "-x [PatNum:yyyy]": "only [Birthdate] takes a format",
        "[Birthdate:yyyy-QQ]": "date format",
        "-p [PatNum": "unmatched bracket",
        "'unclosed [PatNum]": "No closing quotation",
        "[LName]": "begins with [LName]",
    }
    for template, message in cases.items():
        result = enamel(db, "links", "add", "X", "--command", "/bin/true", "--args", template)
        assert result.exit_code == 1, template
        assert message in result.stderr, (template, result.stderr)
    relative = enamel(db, "links", "add", "X", "--command", "bin/viewer")
    assert relative.exit_code == 1 and "relative path" in relative.stderr
    path_field = enamel(db, "links", "add", "X", "--command", "/opt/[PatNum]/run")
    assert path_field.exit_code == 1 and "take no fields" in path_field.stderr
    file_field = enamel(
        db,
        "links",
        "add",
        "X",
        "--command",
        "/bin/true",
        "--file-path",
        "/tmp/[LName].txt",  # noqa: S108 - refused before any use
        "--file-template",
        "PN=[PatNum]",
    )
    assert file_field.exit_code == 1 and "take no fields" in file_field.stderr
    host_field = enamel(db, "links", "add", "X", "--url", "https://[LName].example.com/")
    assert host_field.exit_code == 1 and "scheme or host" in host_field.stderr
    assert json.loads(ok(enamel(db, "links", "list", "--json")).stdout) == []
    assert log_count(db) == before


def test_dry_run_prints_argv_and_file_and_starts_and_logs_nothing(
    db: Database, practice: Practice, tmp_path: Path
) -> None:
    program, out = recorder(tmp_path)
    info = tmp_path / "info.txt"
    ok(
        enamel(
            db,
            "links",
            "add",
            "Dexis",
            "--kind",
            "infofile",
            "--command",
            str(program),
            "--file-path",
            str(info),
        )
    )
    pat = make_patient(
        db,
        LName="Nguyen",
        FName="Hoa",
        Birthdate=dt.date(1980, 3, 4),
        Gender=PatientGender.Female,
        PriProv=practice.dentist,
    )
    before = log_count(db)
    result = ok(
        enamel(db, "links", "launch", "Dexis", "--patient", str(pat), "--dry-run", "--json")
    )
    assert json.loads(result.stdout) == {
        "argv": [str(program), f"@{info}"],
        "file": {
            "path": str(info),
            "content": f"Nguyen, Hoa  03/04/1980  ({pat})\r\nPN={pat}\r\nLN=Nguyen\r\n"
            "FN=Hoa\r\nBD=03/04/1980\r\nSX=F\r\n",
        },
    }
    assert not info.exists() and not out.exists()
    assert log_count(db) == before

    ok(enamel(db, "links", "launch", "Dexis", "--patient", str(pat)))
    assert seen(out)[0]["argv"] == [str(program), f"@{info}"]
    assert info.read_bytes().startswith(b"Nguyen, Hoa  03/04/1980")
    assert (info.stat().st_mode & 0o777) == 0o600
    [entry] = disclosure_entries(db)
    assert entry.PatNum == pat
    assert "PatNum, LName, FName, Birthdate, Sex" in entry.LogText
    assert "by bridge file" in entry.LogText


def test_bridge_file_values_with_line_breaks_or_unwritable_characters_are_refused(
    db: Database, practice: Practice, tmp_path: Path
) -> None:
    program, out = recorder(tmp_path)
    info = tmp_path / "info.txt"
    ok(
        enamel(
            db,
            "links",
            "add",
            "Dexis",
            "--kind",
            "infofile",
            "--command",
            str(program),
            "--file-path",
            str(info),
        )
    )
    forged = make_patient(db, LName="Smith\r\nPN=1", FName="Ann", PriProv=practice.dentist)
    control = make_patient(db, LName="Smith\x1b[2J", FName="Ann", PriProv=practice.dentist)
    foreign = make_patient(db, LName="Smith", FName="李", PriProv=practice.dentist)
    section = make_patient(db, LName="[Patient]", FName="Ann", PriProv=practice.dentist)
    accented = make_patient(db, LName="Müller", FName="Zoë", PriProv=practice.dentist)
    before = log_count(db)
    for pat, field, why in (
        (forged, "LName", "a line break"),
        (control, "LName", "a control character"),
        (foreign, "FName", "'李', which cp1252 cannot write"),
        (section, "LName", "'[' at the start of a line"),  # the title line begins with it
    ):
        for extra in ((), ("--dry-run",)):
            result = enamel(db, "links", "launch", "Dexis", "--patient", str(pat), *extra)
            assert result.exit_code == 1, result.output
            assert f"the patient's {field} holds {why}" in result.stderr
    assert not info.exists() and not out.exists()
    assert log_count(db) == before
    ok(enamel(db, "links", "launch", "Dexis", "--patient", str(accented)))
    seen(out)
    assert "LN=Müller\r\nFN=Zoë".encode("cp1252") in info.read_bytes()


def test_url_links_encode_every_field(db: Database, practice: Practice, tmp_path: Path) -> None:
    program, out = recorder(tmp_path)
    ok(
        enamel(
            db,
            "links",
            "add",
            "Portal",
            "--url",
            "https://img.example.com/open?id=[PatNum]&name=[LName]",
            "--command",
            str(program),
        )
    )
    pat = make_patient(db, LName="O'Neil & Co/../#x?y=1", FName="Al", PriProv=practice.dentist)
    ok(enamel(db, "links", "launch", "Portal", "--patient", str(pat)))
    assert seen(out)[0]["argv"][1:] == [
        f"https://img.example.com/open?id={pat}&name=O%27Neil%20%26%20Co%2F..%2F%23x%3Fy%3D1"
    ]


def test_a_missing_program_or_unwritable_folder_fails_clearly_and_logs_nothing(
    db: Database, practice: Practice, tmp_path: Path
) -> None:
    pat = make_patient(db, PriProv=practice.dentist)
    missing = tmp_path / "no-such-program"
    ok(enamel(db, "links", "add", "Gone", "--command", str(missing)))
    ok(enamel(db, "links", "add", "NotOnPath", "--command", "enamel-no-such-program"))
    program, out = recorder(tmp_path)
    ok(
        enamel(
            db,
            "links",
            "add",
            "NoFolder",
            "--kind",
            "infofile",
            "--command",
            str(program),
            "--file-path",
            str(tmp_path / "missing" / "info.txt"),
        )
    )
    before = log_count(db)
    for name, message in (
        ("Gone", f"the program {missing} does not exist"),
        ("NotOnPath", "no program 'enamel-no-such-program' on the PATH"),
        ("NoFolder", "the bridge folder"),
    ):
        result = enamel(db, "links", "launch", name, "--patient", str(pat))
        assert result.exit_code == 1, result.output
        assert message in result.stderr, result.stderr
    if sys.platform == "linux":  # a folder nobody can write to, not even root
        ok(
            enamel(
                db,
                "links",
                "add",
                "ReadOnly",
                "--kind",
                "infofile",
                "--command",
                str(program),
                "--file-path",
                "/proc/enamel-info.txt",
            )
        )
        before = log_count(db)
        result = enamel(db, "links", "launch", "ReadOnly", "--patient", str(pat))
        assert result.exit_code == 1, result.output
        assert "cannot write the bridge file /proc/enamel-info.txt" in result.stderr
    assert not out.exists()
    assert log_count(db) == before
    assert disclosure_entries(db) == []


def test_a_link_that_is_off_cannot_launch_and_switches_are_logged(
    db: Database, practice: Practice, tmp_path: Path
) -> None:
    program, out = recorder(tmp_path)
    pat = make_patient(db, PriProv=practice.dentist)
    ok(enamel(db, "links", "add", "Imaging", "--command", str(program)))
    ok(enamel(db, "links", "off", "Imaging", "--reason", "vendor investigating a leak"))
    listed = json.loads(ok(enamel(db, "links", "list", "--json")).stdout)
    assert listed[0]["enabled"] is False
    assert listed[0]["off_reason"] == "vendor investigating a leak"
    for extra in ((), ("--dry-run",)):
        refused = enamel(db, "links", "launch", "Imaging", "--patient", str(pat), *extra)
        assert refused.exit_code == 1
        assert "switched off by the office: vendor investigating a leak" in refused.stderr
    assert disclosure_entries(db) == [] and not out.exists()
    ok(enamel(db, "links", "on", "Imaging"))
    ok(enamel(db, "links", "launch", "Imaging", "--patient", str(pat)))
    assert seen(out)[0]["argv"] == [str(program), str(pat)]
    with db.read() as session:
        texts = [e.LogText for e in log_entries(session, PermType=EnumPermType.SecurityAdmin)]
    assert any(
        "Program link 'Imaging' switched off: vendor investigating a leak" in t for t in texts
    )
    assert any("Program link 'Imaging' switched on" in t for t in texts)


def test_a_launch_whose_log_entry_cannot_commit_is_undone(
    db: Database, practice: Practice, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The program is started before the commit; if the commit fails, it is stopped and its
    bridge file removed, and no entry remains."""
    script = tmp_path / "sleeper.py"
    marker = tmp_path / "alive"
    script.write_text(
        f"#!{sys.executable}\nimport time\nopen({str(marker)!r}, 'w').close()\ntime.sleep(60)\n"
    )
    script.chmod(0o755)
    info = tmp_path / "info.txt"
    ok(
        enamel(
            db,
            "links",
            "add",
            "Slow",
            "--kind",
            "infofile",
            "--command",
            str(script),
            "--file-path",
            str(info),
        )
    )
    pat = make_patient(db, PriProv=practice.dentist)
    before = log_count(db)
    started: list[int] = []

    real_start = launcher.start

    def start_and_remember(link: str, planned: launcher.Plan) -> launcher.Started:
        done = real_start(link, planned)
        started.append(done.process.pid)
        return done

    def failing_finish(self: writer.Auditor, session: object) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(launcher, "start", start_and_remember)
    monkeypatch.setattr(writer.Auditor, "finish", failing_finish)
    result = enamel(db, "links", "launch", "Slow", "--patient", str(pat))
    monkeypatch.undo()
    assert result.exit_code != 0
    assert len(started) == 1
    assert not info.exists()
    assert log_count(db) == before
    with pytest.raises(ProcessLookupError):
        for _ in range(100):  # killed: gone once reaped
            os.kill(started[0], 0)
            time.sleep(0.05)


def test_a_link_changed_outside_enamel_is_refused_and_reported(
    db: Database, practice: Practice, tmp_path: Path
) -> None:
    """The `program` row is sealed: pointing a link at another program by SQL is caught."""
    program, out = recorder(tmp_path)
    added = ok(enamel(db, "links", "add", "Imaging", "--command", str(program), "--json"))
    num = json.loads(added.stdout)["program_num"]
    pat = make_patient(db, PriProv=practice.dentist)
    ok(enamel(db, "links", "off", "Imaging", "--reason", "checking"))
    ok(enamel(db, "links", "on", "Imaging"))  # Enamel's own changes re-seal the row
    ok(enamel(db, "links", "launch", "Imaging", "--patient", str(pat)))
    seen(out)
    with db.write_engine.begin() as conn:
        conn.execute(update(Program).where(Program.ProgramNum == num).values(Path="/bin/sh"))
    before = log_count(db)
    for extra in ((), ("--dry-run",)):
        refused = enamel(db, "links", "launch", "Imaging", "--patient", str(pat), *extra)
        assert refused.exit_code == 1, refused.output
        assert "was changed outside Enamel" in refused.stderr
    assert log_count(db) == before
    verify = enamel(db, "audit", "verify", "--json")
    assert verify.exit_code == 1
    findings = json.loads(verify.stdout)["findings"]
    assert any(f["kind"] == "seal mismatch" and f["table"] == "program" for f in findings)
