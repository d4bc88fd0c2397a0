"""MySQL's week numbers (WEEK, WEEKOFYEAR, YEARWEEK) in all eight of WEEK's modes, for SQLite (a
Python function) and PostgreSQL (SQL written from the same rule).

MySQL's mode is three flags (`sql/sql_time.cc`, `calc_week`): the week starts on Monday or on
Sunday; the year's week 1 is the first week with 4 or more days in the year, or the week that
holds the year's first Monday (Sunday); a date before week 1 is in week 0, or in the last week
of the year before (and the last days of December may then be in the next year's week 1).
WEEK's mode 0 (its default) counts Sunday weeks with week 1 holding the first Sunday; mode 3 is
ISO 8601; YEARWEEK counts every date into a week of some year (the third flag always on).

The rule here, checked against MariaDB over every day of 1999-2032 in each mode
(tests/queries/test_weeks.py): week 1 of a year starts on the first day of the week that
holds January 1st + 3 days (4 or more days in the year) or + 6 days (the year's first Monday or
Sunday); a date's week is its whole weeks from there, plus 1.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import sqlglot
from sqlglot import exp

from enamel.queries.refusals import QueryRefused

_MONDAY_FIRST, _WEEK_YEAR, _FIRST_WEEKDAY = 1, 2, 4


def flags(mode: int, *, yearweek: bool = False) -> int:
    """MySQL's `week_mode`: WEEK's mode (any integer: its three low bits) as the three flags;
    YEARWEEK always counts a date into some year's week."""
    bits = mode & 7
    if not bits & _MONDAY_FIRST:
        bits ^= _FIRST_WEEKDAY
    return bits | _WEEK_YEAR if yearweek else bits


def week(day: dt.date, bits: int) -> tuple[int, int]:
    """(week, year) of `day` under the flags `bits` (`flags`)."""
    start = _week_one(day.year, bits)
    if day < start:
        if not bits & _WEEK_YEAR:
            return 0, day.year
        return (day - _week_one(day.year - 1, bits)).days // 7 + 1, day.year - 1
    if bits & _WEEK_YEAR and day >= _week_one(day.year + 1, bits):
        return 1, day.year + 1
    return (day - start).days // 7 + 1, day.year


def _week_one(year: int, bits: int) -> dt.date:
    """The first day of the year's week 1."""
    probe = dt.date(year, 1, 1) + dt.timedelta(days=6 if bits & _FIRST_WEEKDAY else 3)
    back = probe.weekday() if bits & _MONDAY_FIRST else probe.isoweekday() % 7
    return probe - dt.timedelta(days=back)


# --- PostgreSQL ----------------------------------------------------------------------------

_DAY = "enamel_day"
"""The placeholder of the date in `_template`'s expressions."""

_WEEK_ONE = {
    # The first day of week 1 of the year of `{year}` (a time stamp at the year's start): the
    # Monday (PostgreSQL's week) on or before {year} + {probe} days, or the Sunday, a day
    # before the Monday on or before a day later.
    _MONDAY_FIRST: "CAST(DATE_TRUNC('week', {year} + INTERVAL '{probe} days') AS DATE)",
    0: "(CAST(DATE_TRUNC('week', {year} + INTERVAL '{later} days') AS DATE) - 1)",
}


@lru_cache(maxsize=32)
def _template(bits: int, part: str) -> exp.Expr:
    """PostgreSQL's expression of `week` for the flags `bits`, the date as the column
    `_DAY`: `part` "week" its week, "yearweek" YEARWEEK's year * 100 + week."""
    year = f"DATE_TRUNC('year', {_DAY})"
    form = _WEEK_ONE[bits & _MONDAY_FIRST]
    probe = 6 if bits & _FIRST_WEEKDAY else 3

    def week_one(shift: str) -> str:
        return form.format(year=f"({year}{shift})", probe=probe, later=probe + 1)

    this, last, following = (
        week_one(""),
        week_one(" - INTERVAL '1 year'"),
        week_one(" + INTERVAL '1 year'"),
    )
    number = f"CAST(EXTRACT(YEAR FROM {_DAY}) AS INT)"
    if not bits & _WEEK_YEAR:
        text = f"CASE WHEN {_DAY} < {this} THEN 0 ELSE ({_DAY} - {this}) / 7 + 1 END"
    elif part == "week":
        text = (
            f"CASE WHEN {_DAY} < {this} THEN ({_DAY} - {last}) / 7 + 1 "
            f"WHEN {_DAY} >= {following} THEN 1 ELSE ({_DAY} - {this}) / 7 + 1 END"
        )
    else:
        text = (
            f"CASE WHEN {_DAY} < {this} THEN ({number} - 1) * 100 + ({_DAY} - {last}) / 7 + 1 "
            f"WHEN {_DAY} >= {following} THEN ({number} + 1) * 100 + 1 "
            f"ELSE {number} * 100 + ({_DAY} - {this}) / 7 + 1 END"
        )
    return sqlglot.parse_one(text, read="postgres")


def on_postgresql(day: exp.Expr, mode: exp.Expr | None, *, yearweek: bool = False) -> exp.Expr:
    """WEEK(day, mode) (or YEARWEEK) written for PostgreSQL; `day` a date or time stamp. The
    mode must be a number written in the query, as reports write it."""
    bits = flags(_literal_mode(mode), yearweek=yearweek)
    value = exp.Cast(this=day, to=exp.DataType.build("DATE"))
    tree = _template(bits, "yearweek" if yearweek else "week").copy()
    for column in list(tree.find_all(exp.Column)):
        if column.name == _DAY:
            column.replace(value.copy())
    return exp.Paren(this=tree)


def _literal_mode(mode: exp.Expr | None) -> int:
    if mode is None or isinstance(mode, exp.Null):  # MySQL reads a NULL mode as 0
        return 0
    value = mode.this if isinstance(mode, exp.Neg) else mode
    if not isinstance(value, exp.Literal) or value.is_string or not value.this.isdigit():
        raise QueryRefused("function", "WEEK's and YEARWEEK's mode must be a whole number")
    return -int(value.this) if isinstance(mode, exp.Neg) else int(value.this)
