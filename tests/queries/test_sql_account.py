"""`enamel integrations sql-account`: a read-only database account for an integration that
must connect directly, locked (and its sessions ended) while the integration is off."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from enamel.db import Database
from tests.cli.runner import enamel


def connects(db: Database, account: dict[str, Any]) -> bool:
    url = db.url.set(username=account["account"], password=account["password"])
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT COUNT(*) FROM patient")).scalar()
        return True
    except DBAPIError:
        return False
    finally:
        engine.dispose()


def test_an_integration_account_reads_and_is_locked_with_the_integration(db: Database) -> None:
    assert enamel(db, "integrations", "add", "Imaging", "--scope", "patients:read").exit_code == 0
    if db.dialect == "sqlite":
        result = enamel(db, "integrations", "sql-account", "Imaging")
        assert result.exit_code == 1 and "SQLite has no accounts" in result.output
        return
    result = enamel(db, "integrations", "sql-account", "Imaging", "--json")
    assert result.exit_code == 0, result.output
    account = json.loads(result.stdout)
    assert account["account"].startswith("enamel_ro_imaging_")
    assert connects(db, account)

    q = "`" if db.dialect == "mysql" else '"'
    url = db.url.set(username=account["account"], password=account["password"])
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            conn.execute(text(f"SELECT {q}UserName{q} FROM userod")).fetchall()
        for forbidden in (
            f"SELECT {q}Password{q} FROM userod",
            "SELECT * FROM integration",
            f"DELETE FROM patient WHERE {q}PatNum{q} = 0",
        ):
            with pytest.raises(DBAPIError), engine.connect() as conn:
                conn.execute(text(forbidden)).fetchall()
        open_session = engine.connect()
        open_session.execute(text("SELECT 1"))
        off = enamel(db, "integrations", "off", "Imaging", "--reason", "leaked credentials")
        assert off.exit_code == 0, off.output
        assert "is locked (1 sessions ended)" in off.output
        with pytest.raises(DBAPIError):
            open_session.execute(text("SELECT 1"))
        open_session.invalidate()
        assert not connects(db, account)
        assert enamel(db, "integrations", "on", "Imaging").exit_code == 0
        assert connects(db, account)
        assert enamel(db, "queries", "off", "Imaging", "--reason", "slow").exit_code == 0
        assert not connects(db, account)
        assert enamel(db, "queries", "on", "Imaging").exit_code == 0
        assert connects(db, account)
    finally:
        engine.dispose()
        with db.unaudited() as conn:  # accounts outlive the test database
            if db.dialect == "mysql":
                conn.exec_driver_sql(f"DROP USER IF EXISTS '{account['account']}'@'%%'")


def test_an_unknown_integration_gets_no_account(db: Database) -> None:
    result = enamel(db, "integrations", "sql-account", "Nobody")
    assert result.exit_code == 1 and "Nobody" in result.output
