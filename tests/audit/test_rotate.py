"""`enamel audit rotate-key`: check, re-seal and re-chain under a new key, swap the key files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import select

from enamel.db import Database
from enamel.models import SecurityLog
from enamel.patients.service import PatientData, update_patient
from enamel.security import system_actor
from tests.audit.tamper import check, first, sql
from tests.cli.runner import enamel


@pytest.fixture(autouse=True)
def own_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test rotates a key of its own (set before the practice is loaded and sealed)."""
    monkeypatch.setenv("ENAMEL_SEAL_KEY_FILE", str(tmp_path / "key" / "seal.key"))


def key_file() -> Path:
    return Path(os.environ["ENAMEL_SEAL_KEY_FILE"])


def test_rotation_reseals_everything_and_the_new_key_verifies(office: Database) -> None:
    old_key = key_file().read_text()
    result = enamel(office, "audit", "rotate-key")
    assert result.exit_code == 0, result.output
    assert "Seal key rotated" in result.output
    assert key_file().read_text() != old_key
    (retired,) = key_file().parent.glob(f"{key_file().name}.*.retired")
    assert retired.read_text() == old_key
    assert retired.stat().st_mode & 0o077 == 0

    code, report = check(office)
    assert code == 0, report["findings"]
    with office.read() as session:
        texts = session.scalars(select(SecurityLog.LogText).order_by(SecurityLog.SecurityLogNum))
        assert "rows re-sealed" in list(texts)[-2]  # then the check's own entry

    office.forget_auditor()  # this test's Database opened the old key
    pat = first(office, "patient", "PatNum")
    with office.write() as session:
        update_patient(session, system_actor("tests"), pat, PatientData(LName="After"))
    pay = first(office, "payment", "PayNum")
    sql(office, "UPDATE payment SET {q}PayNote{q} = 'forged' WHERE {q}PayNum{q} = {p}", pay)
    _, report = check(office)
    assert [(f["kind"], f["table"]) for f in report["findings"]] == [("seal mismatch", "payment")]


def test_rotation_is_refused_while_findings_are_open(office: Database) -> None:
    old_key = key_file().read_text()
    pat = first(office, "patient", "PatNum")
    sql(office, "UPDATE patient SET {q}LName{q} = 'Mallory' WHERE {q}PatNum{q} = {p}", pat)
    result = enamel(office, "audit", "rotate-key")
    assert result.exit_code == 1
    assert "1 open findings" in result.output
    assert key_file().read_text() == old_key
    assert check(office)[0] == 1  # still found, not re-sealed


def test_an_interrupted_swap_is_finished_at_the_next_start(office: Database) -> None:
    assert enamel(office, "audit", "rotate-key").exit_code == 0
    (retired,) = key_file().parent.glob(f"{key_file().name}.*.retired")
    # As if Enamel had stopped after the commit, before the files were swapped.
    os.replace(key_file(), key_file().with_name(key_file().name + ".new"))
    os.replace(retired, key_file())
    code, report = check(office)
    assert code == 0, report["findings"]
    assert not key_file().with_name(key_file().name + ".new").exists()


def test_the_old_key_is_a_clear_error(office: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    assert enamel(office, "audit", "rotate-key").exit_code == 0
    (retired,) = key_file().parent.glob(f"{key_file().name}.*.retired")
    monkeypatch.setenv("ENAMEL_SEAL_KEY_FILE", str(retired))
    result = enamel(office, "audit", "verify")
    assert result.exit_code == 2
    assert "is not the key this database was sealed with" in result.output
