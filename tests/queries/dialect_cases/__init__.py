"""Small MySQL expressions common in Open Dental report queries, as data: (name, sql).

Each is sent unchanged to ShortQuery on every engine and its rows compared with the rows MariaDB
(Open Dental's own engine) answers: tests/queries/test_dialect_cases.py, on the demo practice.
Dates, date parts and DATE_FORMAT, conditionals, CONCAT and GROUP_CONCAT, strings, numbers and
casts, flags as conditions, LIKE/REGEXP and case, ordering and grouping, subqueries, SET @vars.

Left out as no fair comparison: SELECT * (Enamel never answers the SecurityHash column, and the
rows' time stamps are each load's), GROUP_CONCAT without ORDER BY (MySQL does not define its
order) and NOW() compared with the practice's times (the answer can change within a second, between
one engine's run and the next)."""

from tests.queries.dialect_cases import dates, numbers, queries, text

DIALECT_CASES: tuple[tuple[str, str], ...] = (
    dates.CASES + text.CASES + numbers.CASES + queries.CASES
)
