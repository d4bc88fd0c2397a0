"""The schema: Open Dental's tables and columns, one migration history for three engines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from enamel.db import Database
from enamel.db.migrate import head_revision
from enamel.models import Base, Patient, PaySplit
from tests.factories import Practice, make_patient

OPEN_DENTAL_TABLES = {
    "patient",
    "provider",
    "operatory",
    "clinic",
    "definition",
    "procedurecode",
    "procedurelog",
    "appointment",
    "payment",
    "paysplit",
    "adjustment",
    "claimproc",
    "userod",
    "securitylog",
    "securityloghash",
}


def test_open_dental_tables_exist_with_their_keys(db: Database) -> None:
    inspector = inspect(db.write_engine)
    assert set(inspector.get_table_names()) >= OPEN_DENTAL_TABLES
    columns = {c["name"]: c for c in inspector.get_columns("patient")}
    for name in (
        "PatNum",
        "LName",
        "FName",
        "Birthdate",
        "Guarantor",
        "PriProv",
        "DateTStamp",
        "SecUserNumEntry",
        "SecDateEntry",
        "EstBalance",
        "PatStatus",
    ):
        assert name in columns, name
    assert inspector.get_pk_constraint("appointment")["constrained_columns"] == ["AptNum"]
    if db.dialect != "sqlite":
        assert "BIGINT" in str(columns["PatNum"]["type"]).upper()
        assert "BIGINT" in str(columns["Guarantor"]["type"]).upper()
    split_amt = {c["name"]: c for c in inspector.get_columns("paysplit")}["SplitAmt"]["type"]
    assert (split_amt.precision, split_amt.scale) == (20, 2)  # type: ignore[attr-defined]


def test_every_practice_table_keeps_datetstamp(db: Database) -> None:
    inspector = inspect(db.write_engine)
    for table in OPEN_DENTAL_TABLES - {"securitylog", "securityloghash"}:
        names = {c["name"] for c in inspector.get_columns(table)}
        assert "DateTStamp" in names, table


def test_migrations_match_the_models(db: Database) -> None:
    with db.write_engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_database_is_at_the_head_revision(db: Database) -> None:
    assert db.schema_version() == head_revision()


def test_money_round_trips_exactly(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    amounts = [Decimal("0.10"), Decimal("0.20"), Decimal("123456789012.34"), Decimal("-5.05")]
    with db.write() as session:
        session.add_all(PaySplit(PatNum=pat, SplitAmt=a) for a in amounts)
    with db.read() as session:
        stored = sorted(s.SplitAmt for s in session.query(PaySplit))
    assert stored == sorted(amounts)
    assert sum(stored[1:3]) == Decimal("0.30")


def test_float_money_is_refused(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    with pytest.raises(Exception, match="never a float"), db.write() as session:
        session.add(PaySplit(PatNum=pat, SplitAmt=0.1))
        session.flush()


def _od(db: Database, sql: str) -> str:
    """Open Dental's SQL as written for MySQL; PostgreSQL needs its mixed-case names quoted."""
    if db.dialect != "postgresql":
        return sql
    for name in ("PatNum", "LName", "FName", "PatStatus", "AptNum", "Birthdate"):
        sql = sql.replace(name, f'"{name}"')
    return sql


def test_open_dental_sql_reads_enamel_rows(db: Database, practice: Practice) -> None:
    make_patient(db, LName="Zed", FName="Al")
    make_patient(db, LName="Young", FName="Bea", Birthdate=dt.date(1980, 5, 2))
    sql = _od(
        db,
        "SELECT LName, FName, Birthdate FROM patient WHERE PatStatus = 0 "
        "AND Birthdate > '1880-01-01' ORDER BY LName",
    )
    with db.read_engine.connect() as conn:
        rows = conn.execute(text(sql)).all()
    assert [(r[0], r[1]) for r in rows] == [("Young", "Bea")]


def test_a_row_written_by_plain_sql_gets_open_dentals_empty_values(db: Database) -> None:
    """Third parties insert with only some columns; the rest take Open Dental's empty values."""
    with db.write_engine.begin() as conn:
        conn.execute(text(_od(db, "INSERT INTO patient (LName, FName) VALUES ('Raw', 'Row')")))
    with db.read() as session:
        patient = session.query(Patient).one()
    assert patient.Birthdate == dt.date(1, 1, 1)
    assert patient.Guarantor == 0 and patient.Email == "" and patient.EstBalance == Decimal("0")
    assert patient.DateTStamp > dt.datetime(2000, 1, 1)


def test_read_sessions_cannot_write(db: Database) -> None:
    insert = text(_od(db, "INSERT INTO patient (LName, FName) VALUES ('X', 'Y')"))
    with (
        pytest.raises(Exception, match=r"(?i)read.only|readonly"),
        db.read_engine.begin() as conn,
    ):
        conn.execute(insert)
