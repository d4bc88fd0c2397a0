"""The edge commits before the answer leaves: a failed commit is never a 201 (MODELS.md 2)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from enamel.models import Patient, SecurityLog
from tests.apiclient import Api
from tests.factories import count


def test_a_failed_commit_answers_503_and_leaves_nothing(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    headers = api.integration("patients:write")

    def fail(self: Session, *args: Any) -> None:
        raise OperationalError("COMMIT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(Session, "commit", fail)
    response = api.post("/patients", headers, {"LName": "Smith", "FName": "Jane"})
    monkeypatch.undo()
    assert response.status_code == 503
    assert response.json()["error"] == "unavailable"
    assert response.headers["Retry-After"] == "1"
    assert count(api.db, Patient) == 0
    assert count(api.db, SecurityLog, SecurityLog.PermType != 24) == 0
