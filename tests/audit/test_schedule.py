"""The integrity check that `enamel serve` runs on a schedule (ENAMEL_AUDIT_INTERVAL)."""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select, update

from enamel.audit.schedule import STATE, TASK, Schedule
from enamel.cli import main
from enamel.db import Database
from enamel.models import AuditFinding, AuditState, SecurityLog
from tests.apiclient import api_for
from tests.audit.tamper import check, first, kinds, sql


def findings(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(AuditFinding)) or 0)


def make_due(db: Database) -> None:
    """Pretend the last scheduled check ran a day ago."""
    with db.write_engine.begin() as conn:
        conn.execute(
            update(AuditState)
            .where(AuditState.Name == STATE)
            .values(Value=(dt.datetime.now() - dt.timedelta(days=1)).isoformat())
        )


def test_the_server_checks_on_schedule_and_logs_what_it_found(office: Database) -> None:
    pat = first(office, "patient", "PatNum")
    sql(office, "UPDATE patient SET {q}LName{q} = 'Mallory' WHERE {q}PatNum{q} = {p}", pat)
    with api_for(office, audit_interval=0.2):
        deadline = time.monotonic() + 30
        while findings(office) == 0 and time.monotonic() < deadline:
            time.sleep(0.1)
    with office.read() as session:
        (finding,) = session.scalars(select(AuditFinding)).all()
        logged = session.scalars(
            select(SecurityLog.LogText).where(SecurityLog.ActorName == TASK)
        ).all()
    assert (finding.Kind, finding.TableName, finding.RowKey) == ("seal mismatch", "patient", pat)
    assert logged and "1 open findings" in logged[0]


def test_one_process_runs_each_due_check(office: Database) -> None:
    one, two = Schedule(office, 3600), Schedule(office, 3600)
    assert one.run_if_due() is None  # the first start only records the time
    assert two.run_if_due() is None  # not due yet
    make_due(office)
    saved = two.run_if_due()
    assert saved is not None and saved.open == 0, kinds(check(office)[1])
    assert one.run_if_due() is None  # `two` has claimed this interval's check


def test_a_check_that_cannot_run_is_logged_and_does_not_raise(
    office: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("ENAMEL_SEAL_KEY_FILE", str(tmp_path / "elsewhere.key"))
    fresh = Database(office.url)  # no auditor cached with the right key
    try:
        schedule = Schedule(fresh, 3600)
        schedule.run_if_due()
        make_due(fresh)
        with caplog.at_level(logging.ERROR, logger="enamel.audit"):
            assert schedule.run_if_due() is None
    finally:
        fresh.dispose()
    assert "cannot run" in caplog.text and "seal key" in caplog.text
    assert findings(office) == 0


def test_a_bad_interval_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENAMEL_AUDIT_INTERVAL", "hourly")
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 1
    assert "ENAMEL_AUDIT_INTERVAL must be a number of seconds" in result.output
