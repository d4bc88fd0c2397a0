"""MySQL's functions SQLite lacks, as Python functions on every SQLite query connection (a
`connect` listener of the query engine): with MySQL's meaning (NULL in, NULL out; Sunday is day
1; the server's local time), under the names `dialects.sqlite` writes."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

from enamel.queries.dialects import weeks
from enamel.queries.dialects.common import MONTHS_IN, SECONDS_IN


def add_mysql_functions(dbapi_connection: Any, _record: Any) -> None:
    """MySQL's date functions that sqlglot leaves as they are for SQLite, with MySQL's meaning
    (NULL in, NULL out; Sunday is day 1; the server's local time)."""
    add = dbapi_connection.create_function
    add("YEAR", 1, lambda v: _part(v, "year"), deterministic=True)
    add("MONTH", 1, lambda v: _part(v, "month"), deterministic=True)
    add("DAY", 1, lambda v: _part(v, "day"), deterministic=True)
    add("DAY_OF_WEEK", 1, lambda v: _weekday(v), deterministic=True)
    add("NOW", 0, lambda: dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S"))
    add("CURDATE", 0, lambda: dt.date.today().isoformat())
    add("DAYNAME", 1, _dayname, deterministic=True)
    add("FORMAT", 2, _format, deterministic=True)
    add("DATE_ADD_MYSQL", 3, _date_add, deterministic=True)
    add("DATE_FORMAT_PY", 2, _date_format, deterministic=True)
    add("TIMESTAMPDIFF_MYSQL", 3, _timestamp_diff, deterministic=True)
    add("REGEXP", 2, _regexp, deterministic=True)
    # Date parts and string functions MySQL has and SQLite lacks, under the names sqlglot
    # writes for SQLite (LEFT and RIGHT are keywords there: `validate` calls LEFT_MYSQL...).
    for name, part in _PARTS.items():
        add(name, 1, lambda v, part=part: _date_part(v, part), deterministic=True)
    add("LAST_DAY", 1, _last_day, deterministic=True)
    add("MAKEDATE", 2, _makedate, deterministic=True)
    add("WEEK", 1, _week, deterministic=True)
    add("WEEK", 2, _week, deterministic=True)
    add("WEEK_OF_YEAR", 1, lambda v: _week(v, 3), deterministic=True)
    add("YEARWEEK", 1, _yearweek, deterministic=True)
    add("YEARWEEK", 2, _yearweek, deterministic=True)
    add("MID", 3, _substring, deterministic=True)
    add("LEFT_MYSQL", 2, _left, deterministic=True)
    add("RIGHT_MYSQL", 2, _right, deterministic=True)
    add("LPAD", 3, lambda v, n, fill: _pad(v, n, fill, left=True), deterministic=True)
    add("RPAD", 3, lambda v, n, fill: _pad(v, n, fill, left=False), deterministic=True)
    add("CONCAT_WS", -1, _concat_ws, deterministic=True)
    add("SUBSTRING_INDEX", 3, _substring_index, deterministic=True)
    add("FIND_IN_SET", 2, _find_in_set, deterministic=True)
    add("FIELD", -1, _field, deterministic=True)
    add("ELT", -1, _elt, deterministic=True)
    add("HEX", 1, _hex, deterministic=True)
    add("REVERSE", 1, lambda v: None if v is None else str(_text(v))[::-1], deterministic=True)
    add("TIME_TO_SEC", 1, _time_to_sec, deterministic=True)
    add("UNIX_TIMESTAMP", 0, lambda: int(dt.datetime.now().timestamp()))
    add("UNIX_TIMESTAMP", 1, _unix_timestamp, deterministic=True)
    add("ROUND_MYSQL", 2, lambda v, d: _decimal_places(v, d, ROUND_HALF_UP), deterministic=True)
    add("TRUNCATE_MYSQL", 2, lambda v, d: _decimal_places(v, d, ROUND_DOWN), deterministic=True)
    add("SEC_TO_TIME", 1, _sec_to_time, deterministic=True)
    add("TIME_FORMAT_PY", 2, _time_format, deterministic=True)
    add("STR_TO_DATE_PY", 2, _str_to_date, deterministic=True)
    add(
        "REPEAT",
        2,
        lambda v, n: None if v is None or n is None else str(_text(v)) * max(int(n), 0),
        deterministic=True,
    )
    dbapi_connection.create_aggregate("GROUP_CONCAT_MYSQL", -1, _GroupConcat)


class _GroupConcat:
    """MySQL's GROUP_CONCAT (`validate` calls it with the value, the separator, 1 for DISTINCT,
    then each ORDER BY key and 1 when it sorts descending): SQLite's own takes no ORDER BY
    before 3.44, nor a separator with DISTINCT. NULL values are left out; none left is NULL."""

    def __init__(self) -> None:
        self.rows: list[tuple[Any, list[Any]]] = []
        self.separator = ","
        self.distinct = False
        self.order: list[bool] = []

    def step(self, value: Any, separator: Any, distinct: Any, *keys: Any) -> None:
        self.separator, self.distinct = str(separator), bool(distinct)
        self.order = [bool(d) for d in keys[1::2]]
        if value is not None:
            self.rows.append((value, list(keys[0::2])))

    def finalize(self) -> str | None:
        rows = self.rows
        for i in reversed(range(len(self.order))):  # stable sorts, last key first
            rows.sort(key=functools.partial(_key_of, i), reverse=self.order[i])
        texts = [str(_text(value)) for value, _keys in rows]
        if self.distinct:
            texts = list(dict.fromkeys(texts))
        return self.separator.join(texts) if texts else None


def _key_of(i: int, row: tuple[Any, list[Any]]) -> tuple[int, Any]:
    return _sort_key(row[1][i])


def _sort_key(value: Any) -> tuple[int, Any]:
    """NULL first, then numbers, then text (as MySQL orders a column of one type)."""
    if value is None:
        return (0, 0)
    if isinstance(value, int | float):
        return (1, value)
    return (2, str(value).lower())


_PARTS: dict[str, Callable[[dt.datetime], int]] = {
    "WEEKDAY": lambda m: m.weekday(),  # Monday 0
    "DAY_OF_YEAR": lambda m: m.timetuple().tm_yday,
    "DAY_OF_MONTH": lambda m: m.day,
    "QUARTER": lambda m: (m.month - 1) // 3 + 1,
    "HOUR": lambda m: m.hour,
    "MINUTE": lambda m: m.minute,
    "SECOND": lambda m: m.second,
}


def _date_part(value: Any, part: Callable[[dt.datetime], int]) -> int | None:
    moment = _moment(value)
    if moment is None and value is not None:  # a time of day (HOUR('10:30:00'))
        try:
            moment = dt.datetime.combine(dt.date.min, dt.time.fromisoformat(str(value)[:15]))
        except ValueError:
            return None
    return None if moment is None else part(moment)


def _last_day(value: Any) -> str | None:
    moment = _moment(value)
    if moment is None:
        return None
    last = calendar.monthrange(moment.year, moment.month)[1]
    return dt.date(moment.year, moment.month, last).isoformat()


def _makedate(year: Any, day: Any) -> str | None:
    if year is None or day is None or int(day) <= 0:
        return None
    try:
        return (dt.date(int(year), 1, 1) + dt.timedelta(days=int(day) - 1)).isoformat()
    except (ValueError, OverflowError):
        return None


def _week(value: Any, mode: Any = 0) -> int | None:
    """MySQL's WEEK in any of its modes (`weeks`; mode 0, its default, counts weeks from the
    year's first Sunday)."""
    moment = _moment(value)
    if moment is None:
        return None
    return weeks.week(moment.date(), weeks.flags(_mode(mode)))[0]


def _yearweek(value: Any, mode: Any = 0) -> int | None:
    """MySQL's YEARWEEK: the year and the week of the date (`weeks`), as year * 100 + week."""
    moment = _moment(value)
    if moment is None:
        return None
    week, year = weeks.week(moment.date(), weeks.flags(_mode(mode), yearweek=True))
    return year * 100 + week


def _mode(mode: Any) -> int:
    """WEEK's mode as MySQL reads it: NULL, and text that does not start with a number, are 0."""
    if isinstance(mode, int | float):
        return int(mode)
    found = re.match(r"\s*[-+]?\d+", str(mode or ""))
    return int(found.group()) if found else 0


_STORED_DATE_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")


def _text(value: Any) -> str | None:
    """A value as MySQL's string functions see it; a date-time as SQLAlchemy stores it in
    SQLite, without the fraction of a second MySQL's DATETIME does not have."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    if len(text) == 26 and _STORED_DATE_TIME.fullmatch(text):
        return text[:19]
    return text


def _substring(value: Any, start: Any, length: Any = None) -> str | None:
    """MySQL's SUBSTRING: from 1, or from the end when negative; 0 gives ''."""
    text = _text(value)
    if text is None or start is None:
        return None
    begin = int(start)
    if begin == 0 or -begin > len(text):
        return ""
    part = text[begin - 1 :] if begin > 0 else text[begin:]
    if length is None:
        return part
    return part[: max(int(length), 0)]


def _left(value: Any, count: Any) -> str | None:
    text = _text(value)
    return None if text is None or count is None else text[: max(int(count), 0)]


def _right(value: Any, count: Any) -> str | None:
    text = _text(value)
    if text is None or count is None:
        return None
    return text[-int(count) :] if int(count) > 0 else ""


def _pad(value: Any, size: Any, fill: Any, *, left: bool) -> str | None:
    """LPAD/RPAD: cut to `size`, or filled with `fill` to it (NULL when there is no fill)."""
    text, filler = _text(value), _text(fill)
    if text is None or size is None or filler is None or int(size) < 0:
        return None
    width = int(size)
    if len(text) >= width:
        return text[:width]
    if not filler:
        return None
    padding = (filler * width)[: width - len(text)]
    return padding + text if left else text + padding


def _concat_ws(separator: Any, *values: Any) -> str | None:
    """CONCAT_WS: the values that are not NULL, joined by the separator."""
    if separator is None:
        return None
    return str(_text(separator)).join(t for t in map(_text, values) if t is not None)


def _sec_to_time(value: Any) -> str | None:
    """Seconds as a time of day's text, hours past 24 allowed: 3600 -> 01:00:00."""
    if value is None:
        return None
    seconds = int(Decimal(str(value)))  # whole seconds, toward zero
    sign, seconds = ("-" if seconds < 0 else ""), abs(seconds)
    return f"{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _time_format(value: Any, pattern: Any) -> str | None:
    """TIME_FORMAT, with the format `validate` wrote for Python's strftime."""
    if value is None or pattern is None:
        return None
    text = _text(value) or ""
    try:
        clock = dt.time.fromisoformat(text[-8:] if len(text) > 8 else text)
    except ValueError:
        return None
    return dt.datetime.combine(dt.date(2000, 1, 1), clock).strftime(str(pattern))


def _str_to_date(value: Any, pattern: Any) -> str | None:
    """STR_TO_DATE, with the format sqlglot wrote for Python: a date, or a date-time when the
    format reads a time; NULL when the text does not match."""
    if value is None or pattern is None:
        return None
    form = str(pattern).replace("%-", "%")
    try:
        moment = dt.datetime.strptime(str(value).strip(), form)
    except ValueError:
        return None
    if any(token in form for token in ("%H", "%I", "%M", "%S", "%p", "%f")):
        return moment.strftime("%Y-%m-%d %H:%M:%S")
    return moment.date().isoformat()


def _find_in_set(value: Any, listed: Any) -> int | None:
    """The position (from 1) of the value in the comma-separated list; 0 when absent."""
    text, items = _text(value), _text(listed)
    if text is None or items is None:
        return None
    parts = items.split(",") if items else []
    return parts.index(text) + 1 if text in parts else 0


def _substring_index(value: Any, delimiter: Any, count: Any) -> str | None:
    """The text before the `count`th delimiter (from the end when negative)."""
    text, mark = _text(value), _text(delimiter)
    if text is None or mark is None or count is None:
        return None
    n = int(count)
    if n == 0 or not mark:
        return ""
    parts = text.split(mark)
    return mark.join(parts[:n] if n > 0 else parts[n:])


def _regexp(pattern: Any, value: Any) -> int | None:
    """`value REGEXP pattern`: found anywhere in the value, ignoring case (MySQL's default
    collation), as 1 or 0."""
    if pattern is None or value is None:
        return None
    try:
        return int(_pattern(str(pattern)).search(str(value)) is not None)
    except re.error as exc:
        raise ValueError(f"REGEXP: {exc}") from None


@functools.lru_cache(maxsize=64)
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


def _moment(value: Any) -> dt.datetime | None:
    """A date or date-time as SQLite holds it (ISO text), or None."""
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(str(value).strip()[:26])
    except ValueError:
        return None


def _timestamp_diff(unit: str, start: Any, end: Any) -> int | None:
    """MySQL's TIMESTAMPDIFF(unit, start, end): whole units, truncated toward zero; a month is
    whole when the later moment's day and time of day reach the earlier one's."""
    first, last = _moment(start), _moment(end)
    if first is None or last is None:
        return None
    if unit in MONTHS_IN:
        sign = 1 if last >= first else -1
        early, late = (first, last) if sign > 0 else (last, first)
        months = (late.year - early.year) * 12 + late.month - early.month
        if (late.day, late.time()) < (early.day, early.time()):
            months -= 1
        return sign * (months // MONTHS_IN[unit])
    if unit == "MICROSECOND":
        return (last - first) // dt.timedelta(microseconds=1)
    return int((last - first).total_seconds() / SECONDS_IN[unit])


def _date_format(value: Any, pattern: Any) -> str | None:
    """DATE_FORMAT, with the format sqlglot wrote for Python's strftime."""
    if value is None or pattern is None:
        return None
    text = str(value)
    try:
        moment = dt.datetime.fromisoformat(text[:19] if len(text) > 10 else text[:10])
    except ValueError:
        return None
    # MySQL's %D is the day with its English suffix (5th); Python's is the date.
    pattern = str(pattern).replace("%D", _ordinal(moment.day).replace("%", "%%"))
    pattern = pattern.replace("%Y", f"{moment.year:04d}")  # year 1 as 0001, as MySQL writes it
    return moment.strftime(pattern)


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _dayname(value: Any) -> str | None:
    day = _date(value)
    return None if day is None else day.strftime("%A")


def _format(value: Any, decimals: Any) -> str | None:
    """FORMAT(x, d): rounded half away from zero (as MySQL rounds), with thousands commas."""
    if value is None or decimals is None:
        return None
    places = max(int(decimals), 0)
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return f"{rounded:,.{places}f}"


def _decimal_places(value: Any, places: Any, rounding: str) -> float | int | None:
    """ROUND(x, d) with d negative too (to tens, hundreds...) and TRUNCATE(x, d): MySQL's
    rounding of decimals, half away from zero."""
    if value is None or places is None:
        return None
    exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-int(places)), rounding)
    return int(exact) if int(places) <= 0 else float(exact)


def _field(value: Any, *choices: Any) -> int:
    """FIELD(x, a, b...): the position (from 1) of x among the choices; 0 when absent."""
    if value is None:
        return 0
    for position, choice in enumerate(choices, 1):
        if choice is not None and str(_text(choice)).lower() == str(_text(value)).lower():
            return position
    return 0


def _elt(position: Any, *choices: Any) -> Any:
    """ELT(n, a, b...): the nth choice; NULL when there is none."""
    if position is None or not 1 <= int(position) <= len(choices):
        return None
    return choices[int(position) - 1]


def _hex(value: Any) -> str | None:
    """HEX: a number in base 16, text as the hex of its UTF-8 bytes; upper case."""
    if value is None:
        return None
    if isinstance(value, int | float):
        return format(int(value), "X")
    return str(value).encode().hex().upper()


def _time_to_sec(value: Any) -> int | None:
    text = _text(value)
    if text is None:
        return None
    try:
        clock = dt.time.fromisoformat(text[-8:] if len(text) > 8 else text)
    except ValueError:
        return None
    return clock.hour * 3600 + clock.minute * 60 + clock.second


def _unix_timestamp(value: Any) -> int | None:
    """Seconds since 1970 of a local date-time (the server's time zone, as MySQL's)."""
    moment = _moment(value)
    return None if moment is None else int(moment.timestamp())


_STEPS = {
    "SECOND": dt.timedelta(seconds=1),
    "MINUTE": dt.timedelta(minutes=1),
    "HOUR": dt.timedelta(hours=1),
    "DAY": dt.timedelta(days=1),
    "WEEK": dt.timedelta(weeks=1),
}


def _date_add(value: Any, amount: Any, unit: str) -> str | None:
    """MySQL's `value + INTERVAL amount unit`, on SQLite's date text."""
    if value is None or amount is None:
        return None
    text = str(value)
    try:
        moment = dt.datetime.fromisoformat(text[:19]) if len(text) > 10 else None
        day = dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
    unit = unit.upper()
    if unit in ("MONTH", "QUARTER", "YEAR"):
        months = int(amount) * {"MONTH": 1, "QUARTER": 3, "YEAR": 12}[unit]
        total = day.year * 12 + day.month - 1 + months
        year, month = divmod(total, 12)
        last = calendar.monthrange(year, month + 1)[1]
        day = dt.date(year, month + 1, min(day.day, last))
        if moment is None:
            return day.isoformat()
        return dt.datetime.combine(day, moment.time()).strftime("%Y-%m-%d %H:%M:%S")
    step = _STEPS.get(unit)
    if step is None:
        return None
    if moment is None and unit in ("DAY", "WEEK"):
        return (day + step * int(amount)).isoformat()
    start = moment or dt.datetime.combine(day, dt.time())
    return (start + step * int(amount)).strftime("%Y-%m-%d %H:%M:%S")


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _part(value: Any, name: str) -> int | None:
    day = _date(value)
    return None if day is None else int(getattr(day, name))


def _weekday(value: Any) -> int | None:
    day = _date(value)
    return None if day is None else day.isoweekday() % 7 + 1
