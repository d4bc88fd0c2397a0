"""MySQL's week numbers (WEEK in its eight modes, YEARWEEK, WEEKOFYEAR) on every engine, over
HTTP, with the answer MariaDB gives (`enamel.queries.dialects.weeks`)."""

from __future__ import annotations

import datetime as dt

from enamel.queries.dialects import weeks
from tests.apiclient import Api
from tests.queries.test_dialect import rows


def _mysql_weeks(day: dt.date) -> dict[str, int]:
    """MySQL's week numbers of `day` by `dialects.weeks`' rule (which MariaDB's run of the test
    below checks against MariaDB itself)."""
    answer = {f"w{m}": weeks.week(day, weeks.flags(m))[0] for m in range(8)}
    for m in range(8):
        week, year = weeks.week(day, weeks.flags(m, yearweek=True))
        answer[f"y{m}"] = year * 100 + week
    answer["iso"] = weeks.week(day, weeks.flags(3))[0]
    week, year = weeks.week(day, weeks.flags(0, yearweek=True))
    answer["yw"] = year * 100 + week
    return answer


def test_week_yearweek_and_weekofyear_in_every_mode_around_every_new_year(api: Api) -> None:
    """WEEK in its eight modes, YEARWEEK in eight, WEEKOFYEAR and YEARWEEK's default, for the
    fortnight around each New Year of 1999-2032 (where the modes differ): the same numbers on
    every engine, and on MariaDB the numbers of the rule the other engines follow."""
    columns = ", ".join(
        [f"WEEK(day, {m}) AS w{m}" for m in range(8)]
        + [f"YEARWEEK(day, {m}) AS y{m}" for m in range(8)]
        + ["WEEKOFYEAR(day) AS iso", "YEARWEEK(day) AS yw"]
    )
    answer = rows(
        api,
        "WITH RECURSIVE y(v) AS (SELECT 1999 UNION ALL SELECT v + 1 FROM y WHERE v < 2032),"
        " k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 13),"
        " d AS (SELECT DATE_ADD(MAKEDATE(v, 1), INTERVAL j - 7 DAY) AS day FROM y, k)"
        f" SELECT day, {columns} FROM d ORDER BY day",
    )
    assert len(answer) == 34 * 14
    for row in answer:
        day = dt.date.fromisoformat(row.pop("day")[:10])
        assert row == _mysql_weeks(day), day
    assert rows(api, "SELECT WEEK('2024-06-15', -7) AS a, WEEK('2024-06-15', 9) AS b") == [
        {"a": weeks.week(dt.date(2024, 6, 15), weeks.flags(1))[0], "b": 24}
    ]
    # MariaDB reads a NULL mode as 0: week 23 (a Saturday), 2024's 23rd week.
    assert rows(api, "SELECT WEEK('2024-06-15', NULL) AS w, YEARWEEK('2024-06-15', NULL) AS y") == [
        {"w": 23, "y": 202423}
    ]
