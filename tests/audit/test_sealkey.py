"""The seal key: created once with mode 0600, and a missing or wrong key stops writes and checks
with one clear error instead of unsealed rows or false findings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import func, select

from enamel.db import Database
from enamel.models import Patient
from tests.apiclient import api_for
from tests.cli.runner import enamel

JANE = {"LName": "Smith", "FName": "Jane"}


@pytest.fixture
def key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "keys" / "seal.key"
    monkeypatch.setenv("ENAMEL_SEAL_KEY_FILE", str(path))
    return path


def patients(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Patient)) or 0)


def test_the_first_write_creates_the_key_readable_by_its_owner_only(
    db: Database, key: Path
) -> None:
    with api_for(db) as api:
        assert api.post("/patients", api.integration("patients:write"), JANE).status_code == 201
    assert key.stat().st_mode & 0o777 == 0o600
    assert len(bytes.fromhex(key.read_text().strip())) == 32


def test_a_missing_key_refuses_writes_and_checks_clearly(db: Database, key: Path) -> None:
    with api_for(db) as api:
        headers = api.integration("patients:write")
        assert api.post("/patients", headers, JANE).status_code == 201
        key.rename(key.with_name("elsewhere.key"))
        db.forget_auditor()
        refused = api.post("/patients", headers, {"LName": "Jones", "FName": "Tom"})
        assert refused.status_code == 503
        assert refused.json()["error"] == "seal_key"
        assert "does not exist" in refused.json()["message"]
    assert patients(db) == 1
    result = enamel(db, "audit", "verify")
    assert result.exit_code == 2
    assert "does not exist" in result.output and "sealed with key id" in result.output


def test_a_key_others_can_read_is_refused(db: Database, key: Path) -> None:
    with api_for(db) as api:
        assert api.post("/patients", api.integration("patients:write"), JANE).status_code == 201
    os.chmod(key, 0o644)
    result = enamel(db, "audit", "verify")
    assert result.exit_code == 2
    assert "chmod 600" in result.output
