"""`enamel audit lock on|off`: the database refuses other accounts' writes, and records them.

A second database account (`enamel_other`, with every table privilege but no rights over
triggers) plays the third party; Enamel keeps writing with its own account.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from enamel.db import Database
from enamel.patients.service import PatientData, update_patient
from enamel.security import system_actor
from tests.audit.tamper import check, first, only, sql
from tests.cli.runner import enamel

OTHER = "enamel_other"


@pytest.fixture
def other(office: Database) -> Iterator[Engine]:
    """An engine connected as another database account with write privileges."""
    if office.dialect == "sqlite":
        pytest.skip("SQLite has no database accounts (the lock refuses to start there)")
    name = office.url.database
    with office.write_engine.begin() as conn:
        if office.dialect == "mysql":
            conn.execute(text(f"CREATE USER IF NOT EXISTS '{OTHER}'@'%' IDENTIFIED BY 'other'"))
            conn.execute(
                text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON `{name}`.* TO '{OTHER}'@'%'")
            )
        else:
            exists = conn.execute(text(f"SELECT 1 FROM pg_roles WHERE rolname = '{OTHER}'"))
            if exists.first() is None:
                conn.execute(text(f"CREATE ROLE {OTHER} LOGIN PASSWORD 'other'"))
            rights = "SELECT, INSERT, UPDATE, DELETE"
            conn.execute(text(f"GRANT {rights} ON ALL TABLES IN SCHEMA public TO {OTHER}"))
            conn.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {OTHER}"))
    engine = create_engine(office.url.set(username=OTHER, password="other"))
    yield engine
    engine.dispose()
    enamel(office, "audit", "lock", "off")


def as_other(engine: Engine, statement: str, *params: Any) -> int:
    """Run one statement as the other account; the number of rows it changed."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(
            statement.replace("{q}", "`" if engine.dialect.name == "mysql" else '"'), params
        )
        raw.commit()
        return int(cursor.rowcount)
    finally:
        raw.close()


def last_name(db: Database, pat: int) -> str:
    return str(sql(db, "SELECT {q}LName{q} FROM patient WHERE {q}PatNum{q} = {p}", pat)[0][0])


def test_the_lock_refuses_other_accounts_records_them_and_lets_enamel_write(
    office: Database, other: Engine
) -> None:
    pat = first(office, "patient", "PatNum")
    before = last_name(office, pat)
    result = enamel(office, "audit", "lock", "on")
    assert result.exit_code == 0, result.output
    status = enamel(office, "audit", "lock", "status")
    assert f"on for account '{office.url.username}'" in status.output

    update = "UPDATE patient SET {q}LName{q} = 'Mallory' WHERE {q}PatNum{q} = %s"
    if office.dialect == "mysql":
        with pytest.raises(other.dialect.loaded_dbapi.Error, match="refused"):
            as_other(other, update, pat)
    else:
        assert as_other(other, update, pat) == 0  # skipped by the trigger, with a WARNING
    assert last_name(office, pat) == before

    with office.write() as session:
        update_patient(session, system_actor("tests"), pat, PatientData(LName="Renamed"))
    assert last_name(office, pat) == "Renamed"

    code, report = check(office)
    assert code == 1
    refused = only(report, "refused write", "patient", pat)
    assert refused["account"].startswith(OTHER)
    assert [f["kind"] for f in report["findings"]] == ["refused write"]


def test_a_dropped_lock_trigger_is_a_finding_and_lock_on_restores_it(
    office: Database, other: Engine
) -> None:
    assert enamel(office, "audit", "lock", "on").exit_code == 0
    if office.dialect == "mysql":
        sql(office, "DROP TRIGGER enamel_lock_payment_upd")
    else:
        sql(office, "DROP TRIGGER enamel_lock_payment ON payment")
    _, report = check(office)
    missing = [f for f in report["findings"] if f["kind"] == "trigger missing"]
    assert [f["table"] for f in missing] == ["payment"]

    assert enamel(office, "audit", "lock", "on").exit_code == 0
    code, report = check(office)
    assert code == 0, report["findings"]


def test_with_the_lock_off_the_other_account_writes_and_is_named(
    office: Database, other: Engine
) -> None:
    assert enamel(office, "audit", "lock", "on").exit_code == 0
    assert enamel(office, "audit", "lock", "off").exit_code == 0
    assert "off" in enamel(office, "audit", "lock", "status").output
    pat = first(office, "patient", "PatNum")
    changed = as_other(
        other, "UPDATE patient SET {q}LName{q} = 'Mallory' WHERE {q}PatNum{q} = %s", pat
    )
    assert changed == 1
    _, report = check(office)
    finding = only(report, "seal mismatch", "patient", pat)
    assert finding["account"].startswith(OTHER)


def test_the_lock_on_sqlite_is_a_clear_error(db: Database) -> None:
    if db.dialect != "sqlite":
        pytest.skip("SQLite only")
    result = enamel(db, "audit", "lock", "on")
    assert result.exit_code == 1
    assert "SQLite has none" in result.output or "sqlite has none" in result.output
