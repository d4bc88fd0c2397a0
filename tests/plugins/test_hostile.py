"""A hostile plug-in: it imports the database drivers and tries to write around the services.

While its hook runs, the guard refuses every way in that it tries; what a plug-in gets past
the guard (here: from a thread of its own) is written without a seal and without Enamel's
transaction marker, and `enamel audit verify` reports it.
"""

from __future__ import annotations

from typing import Any

import pytest

from enamel.db import Database
from enamel.models import Patient
from tests.apiclient import api_for
from tests.audit.tamper import check, kinds
from tests.factories import Practice, count, days_from_today, log_entries, make_patient
from tests.plugins.helpers import RW, allow, book
from tests.plugins.site import Site

HOSTILE = """
    import gc
    import os
    import socket
    import sqlite3
    import subprocess
    import sys

    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from enamel.plugins import hookimpl

    ATTEMPTS = {}
    INSERT = "INSERT INTO patient (LName, FName) VALUES ('Hostile', 'Plugin')"


    def attempt(name, fn):
        try:
            fn()
            ATTEMPTS[name] = "done"
        except BaseException as exc:
            ATTEMPTS[name] = f"{type(exc).__name__}: {exc}"


    def driver():
        url = make_url(os.environ["ENAMEL_DATABASE_URL"])
        if url.get_backend_name() == "sqlite":
            conn = sqlite3.connect(url.database)
            conn.execute(INSERT)
            conn.commit()
        elif url.get_backend_name() == "mysql":
            import pymysql

            conn = pymysql.connect(
                host=url.host, port=url.port or 3306, user=url.username,
                password=url.password or "", database=url.database,
            )
            conn.cursor().execute(INSERT)
            conn.commit()
        else:
            import psycopg

            with psycopg.connect(
                host=url.host, port=url.port or 5432, user=url.username, dbname=url.database
            ) as conn:
                conn.execute(INSERT.replace("LName", '"LName"').replace("FName", '"FName"'))


    def raw_socket():
        url = make_url(os.environ["ENAMEL_DATABASE_URL"])
        socket.create_connection((url.host or "127.0.0.1", url.port or 3306), timeout=1)


    def database_of(context):
        return context.appointments._call._db  # its private parts: no session was handed out


    @hookimpl
    def enamel_appointment_changed(event, context):
        db = database_of(context)
        statement = text(INSERT if db.dialect != "postgresql" else
                         INSERT.replace("LName", '"LName"').replace("FName", '"FName"'))
        attempt("driver", driver)
        attempt("engine", lambda: db.write_engine.connect().execute(statement))
        attempt("raw connection", lambda: db.write_engine.raw_connection())
        attempt("gc", gc.get_objects)
        attempt("program", lambda: subprocess.run(["true"], check=False))
        attempt("seal key", lambda: open(os.environ["ENAMEL_SEAL_KEY_FILE"], "rb").read())
        attempt("touch key", lambda: os.utime(os.environ["ENAMEL_SEAL_KEY_FILE"]))
        attempt("signal", lambda: os.kill(os.getpid(), 0))
        attempt("trace", lambda: sys.settrace(None))
        if db.dialect == "sqlite":
            attempt("database file", lambda: open(db.url.database, "r+b").close())
        else:
            attempt("socket", raw_socket)
"""

ESCAPING = """
    import gc
    import threading

    from sqlalchemy import text

    from enamel.db import Database
    from enamel.plugins import hookimpl

    WRITTEN = []


    def write_outside():
        # The server's database: the one its plug-in host is attached to.
        db = next(o for o in gc.get_objects() if isinstance(o, Database) and o.hooks)
        quote = '"' if db.dialect == "postgresql" else ""
        with db.write_engine.begin() as conn:
            conn.execute(text(
                f"INSERT INTO patient ({quote}LName{quote}, {quote}FName{quote}) "
                "VALUES ('Escaped', 'Plugin')"
            ))
        WRITTEN.append(True)


    @hookimpl
    def enamel_appointment_changed(event):
        worker = threading.Thread(target=write_outside)
        worker.start()
        worker.join()
"""


def test_the_guard_refuses_every_way_around_the_services(
    db: Database, practice: Practice, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A server's environment names its database: a hostile plug-in can read it.
    monkeypatch.setenv("ENAMEL_DATABASE_URL", db.url.render_as_string(hide_password=False))
    site.install("hostile", HOSTILE)
    allow(db, "hostile")
    pat = make_patient(db)
    with api_for(db) as api:
        headers = api.integration(*RW)
        answer = book(api, headers, pat, practice.op, days_from_today(3))
    assert answer.status_code == 201
    attempts: dict[str, str] = site.loaded("hostile").ATTEMPTS
    expected = {"driver", "engine", "raw connection", "gc", "program", "seal key", "touch key"}
    expected |= {"signal", "trace"}
    expected.add("database file" if db.dialect == "sqlite" else "socket")
    assert set(attempts) == expected
    for name, outcome in attempts.items():
        assert "plug-in 'hostile' may not" in outcome, (name, outcome)
    assert count(db, Patient) == 1  # only the patient written through Enamel
    code, report = check(db)
    assert code == 0, report["findings"]


def test_a_write_that_gets_past_the_guard_is_reported_by_audit_verify(
    db: Database, practice: Practice, site: Site
) -> None:
    site.install("escaping", ESCAPING)
    allow(db, "escaping")
    pat = make_patient(db)
    with api_for(db) as api:
        headers = api.integration(*RW)
        assert book(api, headers, pat, practice.op, days_from_today(3)).status_code == 201
    assert site.loaded("escaping").WRITTEN == [True]
    with db.read() as session:
        (escaped,) = session.query(Patient).filter(Patient.LName == "Escaped").all()
        assert log_entries(session, PatNum=escaped.PatNum) == []
    code, report = check(db)
    assert code == 1
    found = kinds(report)
    assert ("missing seal", "patient", escaped.PatNum) in found, found
    finding: Any = next(f for f in report["findings"] if f["key"] == escaped.PatNum)
    assert "without Enamel's transaction marker" in finding["detail"]


NO_SCOPE = """
    from enamel.plugins import hookimpl

    ERRORS = []

    @hookimpl
    def enamel_appointment_changed(event, context):
        try:
            context.appointments.append_note(event.key, "not allowed")
        except Exception as exc:
            ERRORS.append(f"{type(exc).__name__}: {exc}")
        try:
            context.patients.get(event.pat_num)
        except Exception as exc:
            ERRORS.append(f"{type(exc).__name__}: {exc}")
"""


def test_a_plugin_acts_only_with_the_scopes_it_was_approved_with(
    db: Database, practice: Practice, site: Site
) -> None:
    site.install("noscope", NO_SCOPE)
    allow(db, "noscope", "appointments:read")
    pat = make_patient(db)
    with api_for(db) as api:
        headers = api.integration(*RW)
        assert book(api, headers, pat, practice.op, days_from_today(3)).json()["Note"] == ""
    errors: list[str] = site.loaded("noscope").ERRORS
    assert errors == [
        "PermissionDenied: plug-in 'noscope' lacks the AppointmentEdit permission",
        "ScopeMissing: plug-in 'noscope' was not approved with the patients:read scope",
    ]
