"""PUT /api/v1/queries/ShortQuery over HTTP, on SQLite, MariaDB and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select, text

from enamel.demo.loader import load_demo
from enamel.models import Patient, QueryRun, SecurityLog
from enamel.models.enums import EnumPermType
from enamel.queries import run
from tests.apiclient import Api, api_for
from tests.audit.tamper import check, kinds
from tests.audit.tamper import sql as raw_sql
from tests.factories import Practice, make_appointment, make_patient
from tests.procedures.helpers import make_procedure

REPORT = (
    "SET @FromDate='1980-01-01', @ToDate='1989-12-31';\n"
    "SELECT LName, FName, Birthdate FROM patient\n"
    "WHERE Birthdate BETWEEN @FromDate AND @ToDate ORDER BY LName"
)


def ask(api: Api, headers: dict[str, str], sql: str, **params: int) -> Any:
    return api.client.put(
        "/api/v1/queries/ShortQuery", headers=headers, json={"SqlCommand": sql}, params=params
    )


def patients(api: Api) -> int:
    with api.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Patient)) or 0)


def test_a_report_query_answers_rows_keyed_by_column(api: Api, practice: Practice) -> None:
    make_patient(api.db, LName="Ames", FName="Al", Birthdate=dt.date(1985, 3, 4))
    make_patient(api.db, LName="Baker", FName="Bo", Birthdate=dt.date(1970, 1, 1))
    make_patient(api.db, LName="Cole", FName="Cy", Birthdate=dt.date(1989, 12, 31))
    headers = api.integration("queries", name="Reports")
    response = ask(api, headers, REPORT)
    assert response.status_code == 200, response.text
    assert response.json() == [
        {"LName": "Ames", "FName": "Al", "Birthdate": "1985-03-04T00:00:00"},
        {"LName": "Cole", "FName": "Cy", "Birthdate": "1989-12-31T00:00:00"},
    ]
    with api.db.read() as session:
        logged = session.scalars(
            select(SecurityLog.LogText).where(SecurityLog.PermType == EnumPermType.UserQuery)
        ).all()
    assert len(logged) == 1 and "SELECT LName, FName, Birthdate" in logged[0]


def test_values_come_as_open_dental_sends_them(api: Api, practice: Practice) -> None:
    """Dates and date-times as `yyyy-MM-ddTHH:mm:ss` whether a column holds one kind of value
    or NULLs too (a LEFT JOIN, a CASE), empty dates as 0001-01-01, money as a number."""
    ames = make_patient(api.db, LName="Ames", FName="Al", Birthdate=dt.date(1985, 3, 4))
    make_patient(api.db, LName="Baker", FName="Bo")
    make_appointment(api.db, ames, practice.op, dt.datetime(2030, 5, 6, 9, 30))
    headers = api.integration("queries")
    rows = ask(
        api,
        headers,
        "SELECT patient.LName, patient.Birthdate, appointment.AptDateTime, "
        "CASE WHEN patient.LName = 'Ames' THEN patient.Birthdate END AS OnlyAmes, "
        "patient.EstBalance FROM patient "
        "LEFT JOIN appointment ON appointment.PatNum = patient.PatNum ORDER BY patient.LName",
    )
    assert rows.status_code == 200, rows.text
    assert rows.json() == [
        {
            "LName": "Ames",
            "Birthdate": "1985-03-04T00:00:00",
            "AptDateTime": "2030-05-06T09:30:00",
            "OnlyAmes": "1985-03-04T00:00:00",
            "EstBalance": 0,
        },
        {
            "LName": "Baker",
            "Birthdate": "0001-01-01T00:00:00",
            "AptDateTime": None,
            "OnlyAmes": None,
            "EstBalance": 0,
        },
    ]
    times = ask(api, headers, "SELECT AptDateTime, DateTStamp FROM appointment").json()
    assert times[0]["AptDateTime"] == "2030-05-06T09:30:00"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", times[0]["DateTStamp"])


def test_times_and_decimals_come_as_open_dental_sends_them(api: Api, practice: Practice) -> None:
    """A time of day as `HH:mm:ss` (SQLite stores `HH:MM:SS.ffffff`), a decimal as a JSON
    number with its digits, a date-time stored with fractions of a second to the second, and a
    column mixing dates, other text and NULL converted value by value; alike on every
    engine."""
    pat = make_patient(api.db, LName="Ames", Birthdate=dt.date(1985, 3, 4))
    make_patient(api.db, LName="Baker")
    make_procedure(api.db, practice, pat, ProcFee=Decimal("1234.56"))
    make_procedure(api.db, practice, pat, ProcFee=Decimal("0.10"))
    headers = api.integration("queries")
    answer = ask(
        api,
        headers,
        "SELECT ProcTime, ProcFee, DateTStamp FROM procedurelog ORDER BY ProcNum",
    )
    assert answer.status_code == 200, answer.text
    rows = answer.json()
    assert [(r["ProcTime"], r["ProcFee"]) for r in rows] == [
        ("00:00:00", 1234.56),
        ("00:00:00", 0.1),
    ]
    assert b'"ProcFee":1234.56' in answer.content
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", r["DateTStamp"]) for r in rows)
    mixed = ask(
        api,
        headers,
        "SELECT LName, CASE WHEN LName = 'Ames' THEN DateTStamp WHEN LName = 'Baker' "
        "THEN NULL END AS Stamp, CASE WHEN LName = 'Ames' THEN ChartNumber END AS Chart "
        "FROM patient ORDER BY LName",
    ).json()
    assert [r["LName"] for r in mixed] == ["Ames", "Baker"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", mixed[0]["Stamp"])
    assert mixed[1]["Stamp"] is None and mixed[0]["Chart"] == "" and mixed[1]["Chart"] is None


def test_sqlite_columns_of_mixed_values_convert_only_their_dates(api: Api) -> None:
    """SQLite keeps any value in any column: a column mixing numbers, date text, other text and
    NULL converts its dates alone, value by value; text holding a date among other text stays
    as it is."""
    if api.db.dialect != "sqlite":
        pytest.skip("SQLite only: the servers' columns have one type")
    headers = api.integration("queries")
    answer = ask(
        api,
        headers,
        "SELECT 1 AS k, 5 AS v, 'x' AS w UNION ALL SELECT 2, '2024-01-02', '2024-01-02 03:04:05' "
        "UNION ALL SELECT 3, NULL, 'on 2024-01-02' UNION ALL SELECT 4, 'text', '2024-01-0' "
        "ORDER BY k",
    )
    assert answer.status_code == 200, answer.text
    assert [(r["v"], r["w"]) for r in answer.json()] == [
        (5, "x"),
        ("2024-01-02T00:00:00", "2024-01-02T03:04:05"),
        (None, "on 2024-01-02"),
        ("text", "2024-01-0"),
    ]


def test_now_answers_the_local_time_without_an_offset_on_every_engine(api: Api) -> None:
    """MySQL's `NOW()` is a local date-time; PostgreSQL's (a timestamptz) answers the same,
    in the server's local time with no offset, as SQLite's does."""
    headers = api.integration("queries")
    before = dt.datetime.now().replace(microsecond=0)
    answer = ask(api, headers, "SELECT NOW() AS n, DATE_ADD(NOW(), INTERVAL 1 DAY) AS t")
    after = dt.datetime.now()
    assert answer.status_code == 200, answer.text
    row = answer.json()[0]
    for value in row.values():
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", value), value
    now, tomorrow = dt.datetime.fromisoformat(row["n"]), dt.datetime.fromisoformat(row["t"])
    assert before <= now <= after
    assert tomorrow - now == dt.timedelta(days=1)


def test_mariadb_zero_dates_come_as_open_dental_reads_them(api: Api) -> None:
    """Open Dental reads MariaDB with `Convert Zero Datetime=true`: a date with a zero month or
    day, possible in an office's database, answers as DateTime.MinValue (0001-01-01), whether
    its column holds only dates or NULLs too."""
    if api.db.dialect != "mysql":
        pytest.skip("MariaDB only: PostgreSQL and SQLite have no zero dates")
    headers = api.integration("queries")
    zero = "0001-01-01T00:00:00"
    dates = ask(
        api,
        headers,
        "SELECT 1 AS k, CAST('0000-00-00' AS DATE) AS D, "
        "CAST('0000-00-00 00:00:00' AS DATETIME) AS T "
        "UNION ALL SELECT 2, CAST('2024-00-05' AS DATE), CAST('2024-03-04 05:06:07' AS DATETIME) "
        "UNION ALL SELECT 3, CAST('2024-03-04' AS DATE), CAST('2024-03-00 05:06:07' AS DATETIME) "
        "ORDER BY k",
    )
    assert dates.status_code == 200, dates.text
    assert [(r["D"], r["T"]) for r in dates.json()] == [
        (zero, zero),
        (zero, "2024-03-04T05:06:07"),
        ("2024-03-04T00:00:00", zero),
    ]
    with_null = ask(
        api,
        headers,
        "SELECT 1 AS k, CAST('0000-00-00' AS DATE) AS D "
        "UNION ALL SELECT 2, NULL UNION ALL SELECT 3, CAST('2024-03-04' AS DATE) ORDER BY k",
    ).json()
    assert [r["D"] for r in with_null] == [zero, None, "2024-03-04T00:00:00"]


def test_postgresql_dates_are_read_as_iso_whatever_the_servers_datestyle(api: Api) -> None:
    """The query engine reads dates as the server's text: a server whose DateStyle writes
    `06/12/2026` must not change what the API answers."""
    if api.db.dialect != "postgresql":
        pytest.skip("DateStyle is PostgreSQL's")
    make_patient(api.db, LName="Ames", Birthdate=dt.date(1985, 3, 4))
    headers = api.integration("queries")
    name = api.db.url.database
    with api.db.unaudited() as conn:
        conn.exec_driver_sql(f"ALTER DATABASE \"{name}\" SET DateStyle = 'SQL, DMY'")
    try:
        api.db.query_engine.dispose()  # new connections take the database's setting
        answer = ask(api, headers, "SELECT Birthdate, DateTStamp FROM patient")
        assert answer.status_code == 200, answer.text
        (row,) = answer.json()
        assert row["Birthdate"] == "1985-03-04T00:00:00"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", row["DateTStamp"])
    finally:
        with api.db.unaudited() as conn:
            conn.exec_driver_sql(f'ALTER DATABASE "{name}" RESET DateStyle')
        api.db.query_engine.dispose()


def test_the_log_entries_of_reads_are_chained(api: Api, practice: Practice) -> None:
    """A read's entry and its `queryrun` row are written without the ORM, in the read's own
    audited edge: `enamel audit verify` finds them chained, and an entry edited by hand
    breaks the chain."""
    make_patient(api.db)
    headers = api.integration("queries")
    assert ask(api, headers, "SELECT LName FROM patient").status_code == 200
    assert ask(api, headers, "SELECT Password FROM userod").status_code == 400
    code, report = check(api.db)
    assert code == 0 and report["findings"] == [], report["findings"]
    entries = raw_sql(
        api.db,
        "SELECT {q}SecurityLogNum{q} FROM securitylog WHERE {q}PermType{q} = {p} ORDER BY 1",
        int(EnumPermType.UserQuery),
    )
    assert len(entries) == 2
    with api.db.read() as session:
        runs = session.scalars(select(QueryRun.Outcome).order_by(QueryRun.QueryRunNum)).all()
    assert runs == ["ok", "refused"]
    edited = int(entries[0][0])
    raw_sql(
        api.db,
        "UPDATE securitylog SET {q}LogText{q} = 'nothing' WHERE {q}SecurityLogNum{q} = {p}",
        edited,
    )
    _, report = check(api.db)
    assert ("chain break", "securitylog", edited) in kinds(report)


def test_offset_pages_by_a_thousand_rows(api: Api, practice: Practice) -> None:
    headers = api.integration("queries")
    sql = (
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 49) "
        "SELECT a.i * 50 + b.i + 1 AS i FROM n AS a CROSS JOIN n AS b ORDER BY 1"
    )
    first = ask(api, headers, sql).json()
    assert len(first) == 1000 and first[0] == {"i": 1}
    third = ask(api, headers, sql, Offset=2000).json()
    assert [r["i"] for r in third] == list(range(2001, 2501))
    assert ask(api, headers, sql, Offset=3000).json() == []


def test_writes_in_any_form_are_refused_and_change_nothing(api: Api, practice: Practice) -> None:
    make_patient(api.db)
    headers = api.integration("queries")
    for sql in (
        "DELETE FROM patient",
        "SELECT 1; DELETE FROM patient",
        "WITH x AS (DELETE FROM patient RETURNING PatNum) SELECT * FROM x",
        "SELECT * FROM patient FOR UPDATE",
        "SELECT SLEEP(5)",
        "SELECT Password FROM userod",
        "SELECT * FROM integration",
    ):
        response = ask(api, headers, sql)
        assert response.status_code == 400, (sql, response.text)
        assert response.json()["error"] == "query_refused"
        assert response.json()["field"] == "SqlCommand"
    assert patients(api) == 1
    with api.db.read() as session:  # every attempt is in the security log, refused or not
        logged = session.scalars(
            select(SecurityLog.LogText).where(SecurityLog.PermType == EnumPermType.UserQuery)
        ).all()
    assert len(logged) == 7 and all(line.startswith("Query refused") for line in logged)


def test_the_query_engine_is_read_only_even_without_the_rules(api: Api) -> None:
    raw = api.db.query_engine.raw_connection()
    try:
        cursor = raw.cursor()
        refused = False
        try:
            cursor.execute("DELETE FROM patient")
        except Exception:
            refused = True
        assert refused
    finally:
        raw.close()


HEAVY = (  # 10^12 rows: MariaDB stops recursion at 1000 levels, so a cross join
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
    "SELECT COUNT(*) FROM n AS a, n AS b, n AS c, n AS d"
)


def test_a_runaway_query_is_stopped_by_the_time_limit(api: Api) -> None:
    with api_for(api.db, query_time_limit=0.5) as limited:
        headers = limited.integration("queries")
        started = dt.datetime.now()
        response = ask(limited, headers, HEAVY)
        took = (dt.datetime.now() - started).total_seconds()
        assert response.status_code == 400, response.text
        assert response.json()["error"] == "query_limit"
        assert "time limit of 0.5 s" in response.json()["message"]
        assert took < 10
        # The server goes on serving.
        assert ask(limited, headers, "SELECT 1 AS one").json() == [{"one": 1}]


def test_sqlites_time_limit_stops_only_the_read_that_outlives_it(api: Api) -> None:
    """SQLite's time limit is a thread that interrupts a read at its deadline
    (`queries.watchdog`): quick reads one after another for three times the limit are never
    interrupted (a read's deadline passing after it ended leaves the next read alone); a
    runaway with a shorter limit than the reads before it is stopped at its own limit, not at
    theirs."""
    if api.db.dialect != "sqlite":
        pytest.skip("SQLite only: MariaDB and PostgreSQL stop a statement themselves")
    quick = "SELECT COUNT(*) AS n FROM patient"
    with api_for(api.db, query_time_limit=0.3) as limited:
        headers = limited.integration("queries")
        until = time.monotonic() + 0.9
        reads = 0
        while time.monotonic() < until:
            response = ask(limited, headers, quick)
            assert response.status_code == 200, response.text
            reads += 1
        assert reads > 3
    with api_for(api.db, query_time_limit=30) as patient_app:
        slow_headers = patient_app.integration("queries", name="Patient reports")
        assert ask(patient_app, slow_headers, quick).status_code == 200  # a deadline 30 s away
        with api_for(api.db, query_time_limit=0.3) as limited:
            headers = limited.integration("queries", name="Hasty reports")
            started = time.monotonic()
            response = ask(limited, headers, HEAVY)
            took = time.monotonic() - started
    assert response.status_code == 400, response.text
    assert "time limit of 0.3 s" in response.json()["message"]
    assert took < 5


def test_reads_side_by_side_all_answer(api: Api, practice: Practice) -> None:
    """Four clients at once, five reads each: every read answers its own rows (on SQLite they
    take turns fetching; on the servers they run side by side)."""
    for n in range(5):
        make_patient(api.db, LName=f"Side{n}", FName="By")
    headers = api.integration("queries")
    answers: list[int] = []

    def client(k: int) -> None:
        for _ in range(5):
            response = ask(api, headers, f"SELECT {k} AS k, COUNT(*) AS n FROM patient")
            assert response.status_code == 200, response.text
            assert response.json() == [{"k": k, "n": 5}]
            answers.append(k)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(answers) == sorted(list(range(4)) * 5)


def test_a_sqlite_read_waits_for_the_one_before_at_most_its_time_limit(api: Api) -> None:
    if api.db.dialect != "sqlite":
        pytest.skip("SQLite only: MariaDB and PostgreSQL run governed reads side by side")
    with api_for(api.db, query_time_limit=0.5) as limited:
        headers = limited.integration("queries")
        assert run._SQLITE_READS.acquire()  # a read before this one that keeps on running
        try:
            waited = ask(limited, headers, "SELECT 1 AS one")
        finally:
            run._SQLITE_READS.release()
        assert waited.status_code == 503, waited.text
        assert waited.json()["error"] == "unavailable"
        assert "other governed reads are running" in waited.json()["message"]
        assert ask(limited, headers, "SELECT 1 AS one").json() == [{"one": 1}]


def test_a_sqlite_read_queued_behind_runaways_answers_503_when_its_turn_comes_late(
    api: Api,
) -> None:
    """The server runs SQLite's reads in turn, in one thread: a read queued behind two runaway
    reports (each stopped at the time limit) has waited longer than its own limit when its turn
    comes, and answers 503 instead of running late; the server then serves again."""
    if api.db.dialect != "sqlite":
        pytest.skip("SQLite only: MariaDB and PostgreSQL run governed reads side by side")
    with api_for(api.db, query_time_limit=0.5) as limited:
        headers = limited.integration("queries")
        answers: dict[str, Any] = {}

        def send(name: str, sql: str) -> None:
            answers[name] = ask(limited, headers, sql)

        first = threading.Thread(target=send, args=("first", HEAVY))
        first.start()
        deadline = time.monotonic() + 10
        while not run._SQLITE_READS.locked() and time.monotonic() < deadline:
            time.sleep(0.005)  # the first runaway is running
        second = threading.Thread(target=send, args=("second", HEAVY))
        second.start()
        time.sleep(0.2)
        send("last", "SELECT 1 AS one")  # queued at least 0.8 s before its turn
        for thread in (first, second):
            thread.join()
        for name in ("first", "second"):
            assert answers[name].status_code == 400, answers[name].text
            assert answers[name].json()["error"] == "query_limit"
        assert answers["last"].status_code == 503, answers["last"].text
        assert "other governed reads are running" in answers["last"].json()["message"]
        assert ask(limited, headers, "SELECT 1 AS one").json() == [{"one": 1}]


def test_a_query_error_is_a_clear_400(api: Api) -> None:
    headers = api.integration("queries")
    response = ask(api, headers, "SELECT NoSuchColumn FROM patient")
    assert response.status_code == 400
    assert response.json()["message"].startswith("the database refused the query")
    response = ask(api, headers, "SELEC LName FROM patient")
    assert response.status_code == 400 and response.json()["error"] == "query_refused"


def test_queries_need_the_scope(api: Api) -> None:
    refused = ask(api, api.integration("patients:read"), "SELECT 1")
    assert refused.status_code == 403
    assert "queries" in refused.json()["message"]


def test_the_mysql_text_runs_unchanged_on_every_engine(api: Api, practice: Practice) -> None:
    make_patient(api.db, LName="Ames", FName="Al", Birthdate=dt.date(1985, 3, 4))
    headers = api.integration("queries")
    sql = (
        "SELECT CONCAT(LName, ', ', FName) AS Name, IFNULL(Email, '') AS Email, "
        "YEAR(Birthdate) AS Born, DATE_FORMAT(Birthdate, '%Y-%m') AS Month "
        "FROM patient WHERE LName LIKE 'am%'"
    )
    response = ask(api, headers, sql)
    assert response.status_code == 200, response.text
    assert response.json() == [{"Name": "Ames, Al", "Email": "", "Born": 1985, "Month": "1985-03"}]
    with api.db.read_engine.connect() as conn:
        assert conn.execute(text("SELECT 1")).scalar() == 1


def test_a_query_over_the_cost_budget_is_refused_before_it_runs(api: Api) -> None:
    if api.db.dialect == "sqlite":
        pytest.skip("SQLite has no planner estimate: its time limit alone guards it")
    load_demo(api.db, patients=20)
    with api.db.unaudited() as conn:  # the statistics autovacuum would have gathered
        conn.exec_driver_sql(
            "ANALYZE"
            if api.db.dialect == "postgresql"
            else "ANALYZE TABLE appointment, procedurelog, patient"
        )
    heavy = "SELECT COUNT(*) FROM appointment a, procedurelog p, patient t"
    with api_for(api.db, query_cost_budget=1000) as limited:
        headers = limited.integration("queries")
        response = ask(limited, headers, heavy)
        assert response.status_code == 400, response.text
        assert response.json()["error"] == "query_limit"
        message = response.json()["message"]
        assert "estimated cost" in message and "budget of 1,000" in message
        light = ask(limited, headers, "SELECT LName FROM patient WHERE PatNum = 1")
        assert light.status_code == 200, light.text
