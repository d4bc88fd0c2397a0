"""How a governed read's values go out: the same JSON on every engine, whichever way it is
written (on SQLite the database writes most pages itself, `values.sqlite_json`; a UNION, a
BLOB or an infinity goes the Python way)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from enamel.queries.schema import visible_columns
from tests.apiclient import Api
from tests.audit.tamper import sql as raw_sql
from tests.factories import Practice, make_appointment, make_patient

COUNT_TO_2500 = (
    "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 49) "
    "SELECT a.i * 50 + b.i + 1 AS i, CONCAT('row ', a.i * 50 + b.i + 1) AS label "
    "FROM n AS a CROSS JOIN n AS b ORDER BY 1 DESC"
)


@pytest.fixture
def ask(api: Api) -> Callable[..., Any]:
    headers = api.integration("queries")

    def answer(sql: str, **params: int) -> Any:
        response = api.client.put(
            "/api/v1/queries/ShortQuery", headers=headers, json={"SqlCommand": sql}, params=params
        )
        assert response.status_code == 200, response.text
        return response.json()

    return answer


def test_rows_keep_the_querys_order_page_by_page(ask: Callable[..., Any]) -> None:
    first, second, last = (ask(COUNT_TO_2500, Offset=n) for n in (0, 1000, 2000))
    assert [r["i"] for r in first] == list(range(2500, 1500, -1))
    assert [r["i"] for r in second] == list(range(1500, 500, -1))
    assert last == [{"i": i, "label": f"row {i}"} for i in range(500, 0, -1)]
    assert ask(COUNT_TO_2500, Offset=2500) == []


def test_repeated_names_quoted_names_and_wide_rows(
    api: Api, practice: Practice, ask: Callable[..., Any]
) -> None:
    pat = make_patient(api.db, LName="O'Hara")
    make_appointment(api.db, pat, practice.op, dt.datetime(2026, 3, 2, 9, 30))
    assert ask("SELECT PatNum, PatNum, LName AS `it's`, 0.1 + 0.2 AS v FROM patient") == [
        {"PatNum": pat, "PatNum1": pat, "it's": "O'Hara", "v": 0.3}
    ]
    # 91 columns: more than one SQLite function call can take.
    (wide,) = ask("SELECT * FROM patient p JOIN appointment a ON a.PatNum = p.PatNum")
    assert len(wide) == len(visible_columns("patient")) + len(visible_columns("appointment")) > 63
    assert (wide["LName"], wide["PatNum"], wide["PatNum1"]) == ("O'Hara", pat, pat)
    assert wide["AptDateTime"] == "2026-03-02T09:30:00"
    assert list(wide)[:2] == ["PatNum", "LName"] and list(wide)[-1] == "DateTStamp1"


def test_values_written_straight_into_sqlite_come_as_before(
    api: Api, practice: Practice, ask: Callable[..., Any]
) -> None:
    """SQLite keeps any value in any column: a zero date, a date-time without its fraction of
    a second, a number in a date column, and a BLOB in a text column (a table without
    capture triggers: theirs refuse BLOBs) still come as Open Dental would send them, and an
    infinity as null (JSON has none)."""
    if api.db.dialect != "sqlite":
        pytest.skip("SQLite only: the servers' columns hold their own type")
    pats = [make_patient(api.db, LName=name) for name in ("Ames", "Baker", "Cole", "Dunn")]
    for pat, birth, stamp, name in zip(
        pats,
        ["0000-00-00", "2024-00-05", 20240105, "1990-04-01"],
        ["2024-01-02 03:04:05", "2024-01-02 03:04:05.1", "0000-00-00 00:00:00.000000", "x"],
        ["Ames", "Baker", "Cole", "Dunn"],
        strict=True,
    ):
        raw_sql(
            api.db,
            'UPDATE patient SET "Birthdate" = ?, "DateTStamp" = ?, "LName" = ? WHERE "PatNum" = ?',
            birth,
            stamp,
            name,
            pat,
        )
    answer = ask("SELECT LName, Birthdate, DateTStamp FROM patient ORDER BY PatNum")
    zero = "0001-01-01T00:00:00"
    assert answer == [
        {"LName": "Ames", "Birthdate": zero, "DateTStamp": "2024-01-02T03:04:05"},
        {"LName": "Baker", "Birthdate": zero, "DateTStamp": "2024-01-02T03:04:05"},
        {"LName": "Cole", "Birthdate": 20240105, "DateTStamp": zero},
        {"LName": "Dunn", "Birthdate": "1990-04-01T00:00:00", "DateTStamp": "x"},
    ]
    # Each zero month or day alone on its page; a name that looks like one beside real dates.
    raw_sql(
        api.db,
        'UPDATE patient SET "Birthdate" = ?, "DateTStamp" = ?, "LName" = ? WHERE "PatNum" = ?',
        "2024-05-00",
        "2024-05-00 10:00:00.000000",
        "Eads-00-T",
        pats[3],
    )
    for column in ("Birthdate", "DateTStamp"):
        assert ask(f"SELECT {column} FROM patient WHERE PatNum = {pats[3]}") == [{column: zero}]
    for pat in pats:  # a regular date-time and a name holding -00-: as the Python path writes
        raw_sql(api.db, 'UPDATE patient SET "DateTStamp" = ? WHERE "PatNum" = ?',
                "2024-01-02 03:04:05.000000", pat)  # fmt: skip
    assert ask(f"SELECT LName, DateTStamp FROM patient WHERE PatNum = {pats[3]}") == [
        {"LName": "Eads-00-T", "DateTStamp": "2024-01-02T03:04:05"}
    ]
    raw_sql(
        api.db, 'UPDATE provider SET "Abbr" = ? WHERE "ProvNum" = ?', b"\x00\xff", practice.dentist
    )
    assert ask(f"SELECT Abbr FROM provider WHERE ProvNum = {practice.dentist}") == [
        {"Abbr": "AP8="}
    ]
    assert ask("SELECT 1e308 * 10 AS x, 'Inf' AS y") == [{"x": None, "y": "Inf"}]
