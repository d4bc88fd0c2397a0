"""MySQL's meaning on every engine: the Open Dental idioms PostgreSQL and SQLite would refuse or
answer differently, sent over HTTP as a vendor sends them, with the answer MariaDB gives."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import count
from typing import Any

from tests.apiclient import Api
from tests.audit.tamper import sql as raw_sql
from tests.factories import Practice, make_appointment, make_patient
from tests.procedures.helpers import make_procedure

_NAMES = count()


def ask(api: Api, sql: str) -> Any:
    """The ShortQuery response to `sql`, sent by an integration of its own."""
    headers = api.integration("queries", name=f"Reports {next(_NAMES)}")
    return api.client.put("/api/v1/queries/ShortQuery", headers=headers, json={"SqlCommand": sql})


def rows(api: Api, sql: str) -> Any:
    response = ask(api, sql)
    assert response.status_code == 200, response.text
    return response.json()


def test_timestampdiff_counts_whole_units_as_mysql_does(api: Api) -> None:
    answer = rows(
        api,
        "SELECT TIMESTAMPDIFF(YEAR, '2000-02-29', '2026-02-28') AS y,"
        " TIMESTAMPDIFF(YEAR, '2026-02-28', '2000-02-29') AS y_back,"
        " TIMESTAMPDIFF(MONTH, '2024-01-31', '2024-02-29') AS m_short,"
        " TIMESTAMPDIFF(MONTH, '2024-01-15 10:00:00', '2024-03-15 10:00:00') AS m,"
        " TIMESTAMPDIFF(MONTH, '2024-01-15 10:00:00', '2024-03-15 09:59:59') AS m_early,"
        " TIMESTAMPDIFF(MONTH, '2024-03-15', '2024-01-01') AS m_back,"
        " TIMESTAMPDIFF(QUARTER, '2024-01-01', '2024-12-31') AS q,"
        " TIMESTAMPDIFF(WEEK, '2024-01-01', '2024-01-14') AS w,"
        " TIMESTAMPDIFF(DAY, '2024-01-01 12:00:00', '2024-01-03 11:59:59') AS d,"
        " TIMESTAMPDIFF(DAY, '2024-01-03', '2024-01-01 12:00:00') AS d_back,"
        " TIMESTAMPDIFF(HOUR, '2024-01-01 00:00:00', '2024-01-01 05:59:59') AS h,"
        " TIMESTAMPDIFF(MINUTE, '2024-01-01 00:00:00', '2024-01-01 01:00:59') AS mi,"
        " TIMESTAMPDIFF(SECOND, '2024-01-02', '2024-01-01') AS s,"
        " TIMESTAMPDIFF(DAY, NULL, '2024-01-01') AS nothing",
    )
    assert answer == [
        {
            "y": 25,
            "y_back": -25,
            "m_short": 0,
            "m": 2,
            "m_early": 1,
            "m_back": -2,
            "q": 3,
            "w": 1,
            "d": 1,
            "d_back": -1,
            "h": 5,
            "mi": 60,
            "s": -86400,
            "nothing": None,
        }
    ]


def test_a_patients_age_by_timestampdiff(api: Api) -> None:
    # Open Dental's reports compute ages so: a birthday tomorrow is not a year yet.
    make_patient(api.db, LName="Ames", Birthdate=dt.date(1985, 12, 7))
    make_patient(api.db, LName="Baker", Birthdate=dt.date(1985, 12, 6))
    make_patient(api.db, LName="Cole", Birthdate=dt.date(2024, 2, 29))
    answer = rows(
        api,
        "SELECT LName, TIMESTAMPDIFF(YEAR, Birthdate, '2026-12-06') AS Age FROM patient "
        "WHERE TIMESTAMPDIFF(YEAR, Birthdate, '2026-12-06') < 41 OR LName = 'Baker' "
        "ORDER BY LName",
    )
    assert answer == [
        {"LName": "Ames", "Age": 40},
        {"LName": "Baker", "Age": 41},
        {"LName": "Cole", "Age": 2},
    ]


def test_case_of_a_value_compares_it_with_each_when(api: Api) -> None:
    # `CASE x WHEN 1 THEN ...` (Open Dental's status labels): the WHEN holds a value, not a flag.
    make_patient(api.db, LName="Ames", Gender=1)
    make_patient(api.db, LName="Baker", Gender=0)
    make_patient(api.db, LName="Cole", Gender=2)
    answer = rows(
        api,
        "SELECT LName, CASE Gender WHEN 0 THEN 'Male' WHEN 1 THEN 'Female' ELSE 'Unknown' END "
        "AS Sex, CASE WHEN Gender THEN 'not male' ELSE 'male' END AS Flag "
        "FROM patient ORDER BY LName",
    )
    assert answer == [
        {"LName": "Ames", "Sex": "Female", "Flag": "not male"},
        {"LName": "Baker", "Sex": "Male", "Flag": "male"},
        {"LName": "Cole", "Sex": "Unknown", "Flag": "not male"},
    ]


def test_date_format_text_is_a_date_where_it_meets_one(api: Api, practice: Practice) -> None:
    # The month of a date, as reports write it: from the first of the month to the next first.
    pat = make_patient(api.db, LName="Ames")
    for month, day, hour in ((2, 28, 16), (3, 1, 8), (3, 31, 16), (4, 1, 8)):
        make_appointment(api.db, pat, practice.op, dt.datetime(2026, month, day, hour))
    answer = rows(
        api,
        "SELECT AptDateTime FROM appointment "
        "WHERE AptDateTime >= DATE_FORMAT('2026-03-17', '%Y-%m-01') "
        "AND AptDateTime < DATE_FORMAT('2026-03-17', '%Y-%m-01') + INTERVAL 1 MONTH "
        "AND DATE_FORMAT('2026-03-17', '%Y-%m-01') <= AptDateTime "
        "ORDER BY AptDateTime",
    )
    assert answer == [
        {"AptDateTime": "2026-03-01T08:00:00"},
        {"AptDateTime": "2026-03-31T16:00:00"},
    ]


def test_an_unqualified_group_key_is_the_select_lists_column(api: Api, practice: Practice) -> None:
    # Both tables have PatNum; MySQL groups by the one the select list names. A column of the
    # select list named like an alias is still the column (Gender inside the CASE).
    ames = make_patient(api.db, LName="Ames", Gender=1)
    baker = make_patient(api.db, LName="Baker", Gender=0)
    for pat, days in ((ames, (2, 3, 4)), (baker, (5,))):
        for day in days:
            make_appointment(api.db, pat, practice.op, dt.datetime(2026, 3, day, 9))
    answer = rows(
        api,
        "SELECT a.PatNum, COUNT(*) AS Visits, "
        "CASE WHEN Gender = 0 THEN 'Male' ELSE 'Female' END AS Gender "
        "FROM appointment a JOIN patient p ON a.PatNum = p.PatNum "
        "GROUP BY PatNum ORDER BY PatNum",
    )
    assert answer == [
        {"PatNum": ames, "Visits": 3, "Gender": "Female"},
        {"PatNum": baker, "Visits": 1, "Gender": "Male"},
    ]


def test_not_like_and_regexp_keep_their_meaning(api: Api) -> None:
    for name in ("Ames", "Baker", "Cole"):
        make_patient(api.db, LName=name)
    answer = rows(
        api,
        "SELECT LName, LName NOT LIKE 'a%' AS NotA, LName REGEXP '^[ab]' AS AorB, "
        "LName NOT REGEXP 'E$' AS NotE FROM patient ORDER BY LName",
    )
    assert answer == [
        {"LName": "Ames", "NotA": 0, "AorB": 1, "NotE": 1},
        {"LName": "Baker", "NotA": 1, "AorB": 1, "NotE": 1},
        {"LName": "Cole", "NotA": 1, "AorB": 0, "NotE": 0},
    ]
    assert rows(api, "SELECT COUNT(*) AS n FROM patient WHERE LName NOT LIKE 'a%'") == [{"n": 2}]


def test_flags_and_conditions_are_numbers(api: Api) -> None:
    make_patient(api.db, LName="Ames", Gender=1)
    make_patient(api.db, LName="Baker", Gender=0)
    answer = rows(
        api,
        "SELECT SUM(Gender = 1) AS Women, SUM(Gender) AS Flags, 1 + (2 > 1) AS Two, "
        "COUNT(*) AS n FROM patient WHERE Gender OR NOT Gender AND !(Gender = 1) "
        "AND (Gender = TRUE OR Gender = FALSE)",
    )
    assert answer == [{"Women": 1, "Flags": 1, "Two": 2, "n": 2}]


def test_text_casts_and_string_functions(api: Api) -> None:
    make_patient(api.db, LName="Brooks", Birthdate=dt.date(1980, 12, 23))
    answer = rows(
        api,
        "SELECT CAST(10 + 5 AS CHAR) AS Fifteen, "
        "LEFT(Birthdate, 7) AS Month, RIGHT(Birthdate, 2) AS Day, MID(LName, 2, 3) AS Mid, "
        "LPAD(42, 6, '0') AS Padded, RPAD('ab', 1, 'x') AS Cut, "
        "CONCAT_WS('-', LName, NULL, 3) AS Joined, SUBSTRING_INDEX('a,b,c', ',', 1) AS First, "
        "SUBSTRING_INDEX('a,b,c', ',', -1) AS Last FROM patient",
    )
    assert answer == [
        {
            "Fifteen": "15",
            "Month": "1980-12",
            "Day": "23",
            "Mid": "roo",
            "Padded": "000042",
            "Cut": "a",
            "Joined": "Brooks-3",
            "First": "a",
            "Last": "c",
        }
    ]


def test_date_parts_mysql_has(api: Api) -> None:
    answer = rows(
        api,
        "SELECT WEEKDAY('2024-01-01') AS wd, DAYOFYEAR('2024-03-01') AS doy, "
        "DAYOFMONTH('2024-03-09 10:00:00') AS dom, QUARTER('2024-08-01') AS q, "
        "HOUR('2024-01-01 13:45:10') AS h, MINUTE('2024-01-01 13:45:10') AS mi, "
        "SECOND('2024-01-01 13:45:10') AS s, LAST_DAY('2024-02-10') AS last, "
        "MAKEDATE(2024, 60) AS made, WEEK('2024-01-01') AS w0, WEEK('2024-12-31') AS w52, "
        "WEEK('2023-01-01') AS w1, WEEK('2024-06-15', 3) AS iso, "
        "DATE_FORMAT(DATE_ADD(DATE_ADD('2024-01-31', INTERVAL 1 MONTH), INTERVAL 1 DAY), "
        "'%d/%m/%Y') AS nested",
    )
    assert answer == [
        {
            "wd": 0,
            "doy": 61,
            "dom": 9,
            "q": 3,
            "h": 13,
            "mi": 45,
            "s": 10,
            "last": "2024-02-29T00:00:00",
            "made": "2024-02-29T00:00:00",
            "w0": 0,
            "w52": 52,
            "w1": 1,
            "iso": 24,
            "nested": "01/03/2024",
        }
    ]
    assert rows(api, "SELECT WEEK('2024-01-01', 5) AS w") == [{"w": 1}]
    by_column = ask(api, "SELECT WEEK('2024-01-01', PatNum) AS w FROM patient")
    if api.db.dialect == "postgresql":  # the rule is written per mode: a number in the query
        assert by_column.status_code == 400 and "WEEK" in by_column.json()["message"]
    else:
        assert by_column.status_code == 200, by_column.text


def test_a_date_time_column_compared_with_a_dates_text(api: Api, practice: Practice) -> None:
    # SQLite keeps `2026-03-01 08:00:00.000000`: compared as text, equality and the zero date
    # would not hold as in MySQL.
    pat = make_patient(api.db, LName="Ames")
    make_appointment(api.db, pat, practice.op, dt.datetime(2026, 3, 1, 8))
    make_appointment(api.db, pat, practice.op, dt.datetime(2026, 3, 2, 0))
    answer = rows(
        api,
        "SELECT AptDateTime, AptDateTime = '2026-03-01 08:00:00' AS AtEight, "
        "AptDateTime = '2026-03-02' AS AtMidnight, DateTimeArrived > '0001-01-01' AS Arrived "
        "FROM appointment WHERE AptDateTime BETWEEN '2026-03-01 08:00' AND '2026-03-02' "
        "ORDER BY AptDateTime",
    )
    assert answer == [
        {"AptDateTime": "2026-03-01T08:00:00", "AtEight": 1, "AtMidnight": 0, "Arrived": 0},
        {"AptDateTime": "2026-03-02T00:00:00", "AtEight": 0, "AtMidnight": 1, "Arrived": 0},
    ]


def test_a_date_time_column_compared_with_text_made_when_the_query_runs(
    api: Api, practice: Practice
) -> None:
    # The text of a subquery or a CONCAT is only known when the query runs: PostgreSQL refused
    # timestamp = text, SQLite compared it with its stored form as text.
    pat = make_patient(api.db, LName="Ames")
    for day, hour in ((1, 8), (1, 9), (2, 10)):
        make_appointment(api.db, pat, practice.op, dt.datetime(2026, 3, day, hour))
    first = "(SELECT DATE_FORMAT(MIN(AptDateTime), '%Y-%m-%d %H:%i:%s') FROM appointment)"
    answer = rows(
        api,
        f"SELECT SUM(AptDateTime = {first}) AS AtFirst,"
        " SUM(AptDateTime <= (SELECT CAST(MIN(AptDateTime) AS CHAR) FROM appointment)) AS UpTo,"
        " SUM(AptDateTime >= CONCAT('2026-03-0', 2)) AS FromSecond FROM appointment",
    )
    assert [{k: int(v) for k, v in answer[0].items()}] == [
        {"AtFirst": 1, "UpTo": 1, "FromSecond": 1}
    ]


def test_group_concat_substring_and_positions(api: Api, practice: Practice) -> None:
    ames = make_patient(api.db, LName="Ames")
    baker = make_patient(api.db, LName="Baker")
    for pat, day, op in ((ames, 2, practice.op), (ames, 3, practice.op2), (ames, 4, practice.op)):
        make_appointment(api.db, pat, op, dt.datetime(2026, 3, day, 9))
    make_appointment(api.db, baker, practice.op, dt.datetime(2026, 3, 5, 9))
    answer = rows(
        api,
        "SELECT p.LName, COUNT(*) AS n, "
        "GROUP_CONCAT(DAY(a.AptDateTime) ORDER BY a.AptDateTime DESC SEPARATOR '|') AS Days, "
        "GROUP_CONCAT(DISTINCT a.Op = " + str(practice.op) + " SEPARATOR ';') AS OnOp, "
        "SUBSTRING(p.LName, -3) AS Tail, SUBSTRING(p.LName, -3, 2) AS Mid, "
        "CAST('12' AS UNSIGNED) AS Twelve "
        "FROM appointment a JOIN patient p ON p.PatNum = a.PatNum GROUP BY 1 ORDER BY 1",
    )
    assert [{**r, "OnOp": sorted(r["OnOp"].split(";"))} for r in answer] == [
        {"LName": "Ames", "n": 3, "Days": "4|3|2", "OnOp": ["0", "1"], "Tail": "mes",
         "Mid": "me", "Twelve": 12},
        {"LName": "Baker", "n": 1, "Days": "5", "OnOp": ["1"], "Tail": "ker", "Mid": "ke",
         "Twelve": 12},
    ]  # fmt: skip


def test_a_row_counter_and_a_running_total_in_user_variables(api: Api) -> None:
    # Open Dental's reports number their rows so (its New Patients report among them), and
    # filter the numbered rows with HAVING on an alias, without GROUP BY.
    for name, born in (("Ames", 1990), ("Baker", 1970), ("Cole", 1980), ("Dunn", 2000)):
        make_patient(api.db, LName=name, Birthdate=dt.date(born, 1, 1))
    answer = rows(
        api,
        "SET @pos = 0, @years = 1000;\n"
        "SELECT @pos := @pos + 1 AS Row, LName, YEAR(Birthdate) AS Born, "
        "@years := @years + YEAR(Birthdate) - 1900 AS Total FROM patient "
        "HAVING Born < 1995 ORDER BY Born DESC",
    )
    assert answer == [
        {"Row": 1, "LName": "Ames", "Born": 1990, "Total": 1090},
        {"Row": 2, "LName": "Cole", "Born": 1980, "Total": 1170},
        {"Row": 3, "LName": "Baker", "Born": 1970, "Total": 1240},
    ]


def test_other_user_variable_assignments_are_refused_by_name(api: Api) -> None:
    for sql in (
        "SET @prev = 0; SELECT @prev := PatNum AS p FROM patient",
        "SELECT @n := @n + 1 AS r FROM patient",
        "SET @n = 0; SELECT @n := @n + 1 AS r, @n AS again FROM patient",
        "SET @n = 0; SELECT PatNum FROM patient WHERE (@n := @n + 1) < 3",
    ):
        response = ask(api, sql)
        assert response.status_code == 400, sql
        assert "row counter" in response.json()["message"], sql


def test_text_is_compared_in_any_case(api: Api) -> None:
    # MySQL's default collation: `LName = 'smith'` finds Smith.
    for name in ("Smith", "SMITHERS", "Jones"):
        make_patient(api.db, LName=name)
    answer = rows(
        api,
        "SELECT LName, LName = 'smith' AS Same, 'JONES' <> LName AS Other FROM patient "
        "WHERE LName IN ('smith', 'jones') OR LName NOT IN ('Smithers', 'smith', 'jones') "
        "ORDER BY PatNum",
    )
    assert answer == [
        {"LName": "Smith", "Same": 1, "Other": 1},
        {"LName": "Jones", "Same": 0, "Other": 0},
    ]


def test_text_made_when_the_query_runs_is_compared_in_any_case(api: Api) -> None:
    for last, first in (("Smith", "SMITH"), ("Jones", "Ann"), ("Lee", "lee")):
        make_patient(api.db, LName=last, FName=first)
    answer = rows(
        api,
        "SELECT LName FROM patient WHERE LName = (SELECT UPPER(LName) FROM patient ORDER BY"
        " PatNum LIMIT 1) OR LName IN (LOWER(CONCAT('JO', 'NES'))) OR LName = FName ORDER BY"
        " PatNum",
    )
    assert answer == [{"LName": "Smith"}, {"LName": "Jones"}, {"LName": "Lee"}]


def test_trailing_spaces_do_not_count_in_comparisons(api: Api) -> None:
    # MySQL's PAD SPACE collations: a name typed with a trailing space still matches.
    # Enamel trims the names it is given: the space is written straight into the database.
    smith = make_patient(api.db, LName="Smith")
    for name in ("Smithers", "Jones"):
        make_patient(api.db, LName=name)
    raw_sql(
        api.db, "UPDATE patient SET {q}LName{q} = {p} WHERE {q}PatNum{q} = {p}", "Smith ", smith
    )
    answer = rows(
        api,
        "SELECT LName, LName = 'smith' AS Same, 'a' = 'A  ' AS Literals FROM patient WHERE LName"
        " IN ('SMITH', 'jones  ') OR LName = CONCAT('Smithers', ' ') ORDER BY PatNum",
    )
    assert answer == [
        {"LName": "Smith ", "Same": 1, "Literals": 1},
        {"LName": "Smithers", "Same": 0, "Literals": 1},
        {"LName": "Jones", "Same": 0, "Literals": 1},
    ]


def test_text_is_grouped_and_counted_in_any_case(api: Api) -> None:
    # MySQL's collation: Smith, smith and `Smith ` are one name to GROUP BY and COUNT(DISTINCT).
    pats = [make_patient(api.db, LName=name) for name in ("Smith", "smith", "Smith", "Jones")]
    update = "UPDATE patient SET {q}LName{q} = {p} WHERE {q}PatNum{q} = {p}"
    raw_sql(api.db, update, "Smith ", pats[2])
    assert rows(api, "SELECT COUNT(*) AS n FROM patient GROUP BY LName ORDER BY n") == [
        {"n": 1},
        {"n": 3},
    ]
    groups = rows(api, "SELECT LName AS Name, COUNT(*) AS n FROM patient GROUP BY 1 ORDER BY n")
    assert [(g["Name"].strip().lower(), g["n"]) for g in groups] == [("jones", 1), ("smith", 3)]
    assert rows(api, "SELECT COUNT(DISTINCT LName) AS d FROM patient") == [{"d": 2}]


def test_min_and_max_of_text_in_any_case(api: Api) -> None:
    # MySQL's collation orders abel < bell < Cole; a capital-first order has Cole < abel < bell.
    for group, name in ((1, "bell"), (1, "Cole"), (1, "abel"), (2, "Dunn"), (2, "de Vries")):
        make_patient(api.db, LName=name, FName=f"Group{group}")
    assert rows(api, "SELECT MIN(LName) AS a, MAX(LName) AS z FROM patient") == [
        {"a": "abel", "z": "Dunn"}
    ]
    assert rows(
        api,
        "SELECT FName, MIN(LName) AS a, MAX(UPPER(LName)) AS z, MAX(p.LName) AS m FROM"
        " (SELECT LName, FName FROM patient) p GROUP BY FName ORDER BY FName",
    ) == [
        {"FName": "Group1", "a": "abel", "z": "COLE", "m": "Cole"},
        {"FName": "Group2", "a": "de Vries", "z": "DUNN", "m": "Dunn"},
    ]
    assert rows(api, "SELECT MIN(LName) AS a FROM patient WHERE PatNum < 0") == [{"a": None}]


def test_date_format_writes_am_pm_and_ordinal_days(api: Api) -> None:
    answer = rows(
        api,
        "SELECT DATE_FORMAT('2024-03-05 14:08:09', '%h:%i %p') AS a, "
        "DATE_FORMAT('2024-03-01 07:08:09', '%W, %M %D %Y %r') AS b, "
        "DATE_FORMAT('2024-03-22', '%D') AS c, DATE_FORMAT('2024-03-13', '%D') AS d",
    )
    assert answer == [
        {"a": "02:08 PM", "b": "Friday, March 1st 2024 07:08:09 AM", "c": "22nd", "d": "13th"}
    ]


def test_more_date_and_time_functions(api: Api, practice: Practice) -> None:
    pat = make_patient(api.db, LName="Ames", Birthdate=dt.date(2024, 1, 31))
    make_appointment(api.db, pat, practice.op, dt.datetime(2026, 3, 5, 14, 5, 9))
    answer = rows(
        api,
        "SELECT ADDDATE(p.Birthdate, 1) AS Next, SUBDATE(p.Birthdate, INTERVAL 1 MONTH) AS Back, "
        "SEC_TO_TIME(3725) AS Clock, SEC_TO_TIME(90000) AS Long, "
        "TIME_FORMAT(a.AptDateTime, '%h:%i %p') AS Twelve, TIME(a.AptDateTime) AS Time, "
        "STR_TO_DATE('03/05/2024', '%m/%d/%Y') AS Read, "
        "EXTRACT(YEAR FROM a.AptDateTime) AS Year, EXTRACT(MONTH FROM '2024-07-05') AS Month, "
        "CONCAT('On ', a.AptDateTime) AS Said, REPEAT('ab', 2) AS Twice "
        "FROM appointment a JOIN patient p ON p.PatNum = a.PatNum "
        "WHERE a.AptDateTime >= CONCAT(YEAR(a.AptDateTime), '-01-01')",
    )
    assert answer == [
        {
            "Next": "2024-02-01T00:00:00",
            "Back": "2023-12-31T00:00:00",
            "Clock": "01:02:05",
            "Long": "25:00:00",
            "Twelve": "02:05 PM",
            "Time": "14:05:09",
            "Read": "2024-03-05T00:00:00",
            "Year": 2026,
            "Month": 7,
            "Said": "On 2026-03-05 14:05:09",
            "Twice": "abab",
        }
    ]


def test_numbers_and_small_functions_as_mysql_answers_them(api: Api) -> None:
    answer = rows(
        api,
        "SELECT ROUND(123.45, -1) AS Tens, TRUNCATE(3.789, 1) AS Cut, FORMAT(0.5, 0) AS Half, "
        "CAST(12.345 AS DECIMAL(10, 2)) AS Money, CAST(2.5 AS DECIMAL) AS Whole, "
        "CAST(3.7 AS SIGNED) AS Signed, LENGTH('né') AS Bytes, CHAR_LENGTH('né') AS Chars, "
        "GREATEST(2, NULL) AS Nothing, LEAST(3, 1, 2) AS Least, FIELD('b', 'a', 'b') AS Field, "
        "ELT(2, 'a', 'b') AS Elt, HEX(255) AS Hex, HEX('ab') AS HexText, REVERSE('abc') AS Back, "
        "TIME_TO_SEC('01:02:03') AS Seconds, "
        "UNIX_TIMESTAMP('2024-01-01 00:00:00') - UNIX_TIMESTAMP('2023-12-31 00:00:00') AS Day",
    )
    assert [{k: float(v) if k in ("Cut", "Money") else v for k, v in answer[0].items()}] == [
        {"Tens": 120, "Cut": 3.7, "Half": "1", "Money": 12.35, "Whole": 3, "Signed": 4,
         "Bytes": 3, "Chars": 2, "Nothing": None, "Least": 1, "Field": 2, "Elt": "b",
         "Hex": "FF", "HexText": "6162", "Back": "cba", "Seconds": 3723, "Day": 86400}
    ]  # fmt: skip


def test_text_shaped_like_a_date_stays_text(api: Api) -> None:
    # MySQL answers these as text; SQLite, which has no types, must not make dates of them.
    make_patient(api.db, LName="Ames", Birthdate=dt.date(1985, 3, 4))
    answer = rows(
        api,
        "SET @From = '2024-01-31';\n"
        "SELECT Birthdate, DATE_FORMAT(Birthdate, '%Y-%m-%d') AS Day, "
        "CAST(Birthdate AS CHAR) AS Text, CONCAT(Birthdate, '') AS Joined, "
        "CAST('Adams' AS CHAR(3)) AS Three, @From + INTERVAL 1 MONTH AS Next, "
        "DATE_SUB(@From, INTERVAL 1 HOUR) AS Before FROM patient",
    )
    assert answer == [
        {
            "Birthdate": "1985-03-04T00:00:00",
            "Day": "1985-03-04",
            "Text": "1985-03-04",
            "Joined": "1985-03-04",
            "Three": "Ada",
            "Next": "2024-02-29",
            "Before": "2024-01-30 23:00:00",
        }
    ]


def test_mixed_types_as_mysql_mixes_them(api: Api, practice: Practice) -> None:
    pat = make_patient(api.db, LName="Ames")
    make_procedure(api.db, practice, pat, ProcFee=Decimal("110.00"))
    answer = rows(
        api,
        "SELECT CONCAT('$', ProcFee) AS Fee, CAST(ProcFee AS CHAR) AS Text, "
        "CASE WHEN ProcFee > 100 THEN ProcFee ELSE 'n/a' END AS Mixed, "
        "'2.5' * 2 AS Five, '3' + 4 AS Seven, SUBSTRING_INDEX('a,b,c', ',', 2) AS Two, "
        "SUBSTRING_INDEX('a,b,c', ',', -2) AS LastTwo, COUNT(DISTINCT PatNum, ProcFee) AS Pairs "
        "FROM procedurelog GROUP BY ProcFee",
    )
    assert [{**r, "Five": float(r["Five"]), "Seven": float(r["Seven"])} for r in answer] == [
        {"Fee": "$110.00", "Text": "110.00", "Mixed": "110.00", "Five": 5.0, "Seven": 7.0,
         "Two": "a,b", "LastTwo": "b,c", "Pairs": 1}
    ]  # fmt: skip


def test_odd_shapes_of_the_rewritten_idioms_are_clear_400s(api: Api) -> None:
    for sql in (
        "SET @n = 0; SELECT @n := @n + 1 AS r, LName FROM patient ORDER BY 5",
        "SELECT TIMESTAMPDIFF(FORTNIGHT, Birthdate, DateFirstVisit) AS t FROM patient",
        *(  # PostgreSQL slices the parts by a count known in the text
            ["SELECT SUBSTRING_INDEX(LName, ',', PatNum) AS s FROM patient"]
            if api.db.dialect == "postgresql"
            else []
        ),
    ):
        response = ask(api, sql)
        assert response.status_code == 400, (sql, response.text)
        assert response.json()["message"], sql


def test_text_is_sorted_in_any_case(api: Api) -> None:
    # MySQL's collation: "de Vries" among the D's, not after every capital.
    for name in ("Zimmer", "de Vries", "Adams", "Dunn"):
        make_patient(api.db, LName=name)
    answer = rows(api, "SELECT LName FROM patient ORDER BY LName")
    assert [r["LName"] for r in answer] == ["Adams", "de Vries", "Dunn", "Zimmer"]
    answer = rows(api, "SELECT DISTINCT LName FROM patient ORDER BY LName DESC")
    if api.db.dialect != "postgresql":  # SELECT DISTINCT sorts by what it selects there
        assert [r["LName"] for r in answer] == ["Zimmer", "Dunn", "de Vries", "Adams"]


def test_to_days_and_text_read_as_numbers(api: Api) -> None:
    """TO_DAYS counts MySQL's days (PostgreSQL has no year 0, SQLite's has a day more), and
    text where a number is needed is its leading number or 0 (PostgreSQL refuses to cast it):
    teeth sort as `CAST(ToothNum AS UNSIGNED)`, letters first."""
    assert rows(
        api,
        "SELECT TO_DAYS('2024-01-01') AS a, TO_DAYS('0001-01-01') AS b,"
        " TO_DAYS('2024-03-01 10:00:00') - TO_DAYS('2024-02-01') AS c,"
        " CAST('12abc' AS SIGNED) AS d, CAST(' -5x' AS SIGNED) AS e, CAST('A' AS UNSIGNED) AS f,"
        " CAST(NULL AS SIGNED) AS g, IF('0.5', 'y', 'n') AS h, IF('A', 'y', 'n') AS i",
    ) == [{"a": 739251, "b": 366, "c": 29, "d": 12, "e": -5, "f": 0, "g": None, "h": "y", "i": "n"}]
    for name in ("Ames", "Baker", "Cole"):
        make_patient(api.db, LName=name)
    names = rows(
        api,
        "SELECT CAST(LName AS UNSIGNED) AS n, IF(LName, 'number', 'letter') AS kind,"
        " CAST(CONCAT(' 7', LName) AS SIGNED) AS seven FROM patient ORDER BY PatNum LIMIT 3",
    )
    assert names == [{"n": 0, "kind": "letter", "seven": 7}] * 3


def test_amounts_add_up_exactly_as_mysqls_decimals_do(api: Api, practice: Practice) -> None:
    """0.10 + 0.20 is 0.30 exactly in MySQL; on SQLite the amounts are floating-point numbers
    (0.30000000000000004), so a balance report's `HAVING SUM(fees) - SUM(discounts) <> 0`
    would keep a patient whose balance is zero."""
    even, owing = make_patient(api.db, LName="Even"), make_patient(api.db, LName="Owing")
    for fee, discount in (("0.10", "0.00"), ("0.20", "0.00"), ("0.00", "0.30")):
        make_procedure(api.db, practice, even, ProcFee=Decimal(fee), Discount=Decimal(discount))
    make_procedure(api.db, practice, owing, ProcFee=Decimal("0.70"), Discount=Decimal("0.20"))
    answer = rows(
        api,
        "SELECT p.LName, SUM(pl.ProcFee) AS Fees, SUM(pl.ProcFee) = 0.3 AS Exact,"
        " SUM(pl.ProcFee) - SUM(pl.Discount) AS Balance FROM procedurelog pl"
        " INNER JOIN patient p ON p.PatNum = pl.PatNum GROUP BY p.PatNum, p.LName"
        " HAVING SUM(pl.ProcFee) - SUM(pl.Discount) <> 0 ORDER BY p.LName",
    )
    assert answer == [{"LName": "Owing", "Fees": 0.7, "Exact": 0, "Balance": 0.5}]
    assert rows(
        api, f"SELECT SUM(ProcFee) = 0.3 AS Exact FROM procedurelog WHERE PatNum = {even}"
    ) == [{"Exact": 1}]
