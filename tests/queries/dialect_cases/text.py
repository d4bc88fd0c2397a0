"""Text: CONCAT and GROUP_CONCAT, string functions, LIKE, REGEXP and case."""

CASES: tuple[tuple[str, str], ...] = (
    # CONCAT and GROUP_CONCAT
    (
        "concat_null",
        "SELECT PatNum, CONCAT(LName, ', ', FName) AS a, CONCAT(LName, NULL) AS b FROM patient"
        " ORDER BY PatNum LIMIT 12",
    ),
    (
        "concat_ws",
        "SELECT PatNum, CONCAT_WS(' ', FName, NULL, LName) AS c FROM patient ORDER BY PatNum LIMIT"
        " 12",
    ),
    (
        "concat_int",
        "SELECT PatNum, CONCAT(PatNum, '-', Guarantor) AS a, CONCAT('#', 1.5, 2) AS b FROM patient"
        " ORDER BY PatNum LIMIT 12",
    ),
    (
        "concat_arithmetic",
        "SELECT ProcNum, CONCAT('n', ProcNum * 2 + 1) AS a, CONCAT(ProcNum - 1, '/', 7 % 4) AS b"
        " FROM procedurelog ORDER BY ProcNum LIMIT 5",
    ),
    (
        "concat_money",
        "SELECT ProcNum, CONCAT('$', ProcFee) AS v FROM procedurelog ORDER BY ProcNum LIMIT 12",
    ),
    (
        "concat_date",
        "SELECT PatNum, CONCAT(Birthdate, '') AS c, CONCAT('DOB ', Birthdate) AS d FROM patient"
        " ORDER BY PatNum LIMIT 12",
    ),
    (
        "concat_date_col",
        "SELECT AptNum, CONCAT('On ', AptDateTime) AS v FROM appointment ORDER BY AptNum LIMIT 12",
    ),
    (
        "group_concat_distinct_order",
        "SELECT PatNum, GROUP_CONCAT(DISTINCT ProcStatus ORDER BY ProcStatus DESC SEPARATOR '|')"
        " AS v FROM procedurelog GROUP BY PatNum ORDER BY PatNum LIMIT 8",
    ),
    # strings
    (
        "substring",
        "SELECT PatNum, SUBSTRING(LName, 1, 3) AS a, SUBSTR(LName, 2) AS b FROM patient ORDER BY"
        " PatNum LIMIT 12",
    ),
    (
        "substring_neg",
        "SELECT PatNum, SUBSTRING(LName, -3) AS d, SUBSTRING(LName, -3, 2) AS e FROM patient ORDER"
        " BY PatNum LIMIT 12",
    ),
    (
        "substring_from_for",
        "SELECT PatNum, SUBSTRING(LName FROM 2 FOR 2) AS v FROM patient ORDER BY PatNum LIMIT 12",
    ),
    (
        "substring_number",
        "SELECT ProcNum, SUBSTRING(ProcFee, 1, 2) AS v, SUBSTRING(ProcDate, 1, 4) AS y FROM"
        " procedurelog ORDER BY ProcNum LIMIT 12",
    ),
    ("mid", "SELECT PatNum, MID(LName, 2, 2) AS c FROM patient ORDER BY PatNum LIMIT 12"),
    (
        "substring_index",
        "SELECT SUBSTRING_INDEX('a,b,c', ',', 2) AS a, SUBSTRING_INDEX('a,b,c', ',', -1) AS b,"
        " SUBSTRING_INDEX('www.x.com', '.', 1) AS c",
    ),
    (
        "substring_index_col",
        "SELECT PatNum, SUBSTRING_INDEX(Email, '@', -1) AS v FROM patient ORDER BY PatNum LIMIT 12",
    ),
    (
        "left_right",
        "SELECT PatNum, LEFT(LName, 2) AS a, RIGHT(HmPhone, 4) AS b FROM patient ORDER BY PatNum"
        " LIMIT 12",
    ),
    ("length_utf8", "SELECT LENGTH('héllo') AS a"),
    (
        "char_length",
        "SELECT PatNum, CHAR_LENGTH(LName) AS b, LENGTH(LName) AS c FROM patient ORDER BY PatNum"
        " LIMIT 12",
    ),
    (
        "locate_instr",
        "SELECT LOCATE('b', 'abcb') AS a, LOCATE('b', 'abcb', 3) AS b, INSTR('abcb', 'c') AS c,"
        " LOCATE('z', 'abc') AS d, POSITION('c' IN 'abc') AS e",
    ),
    (
        "replace_trim",
        "SELECT REPLACE('a-b-c', '-', '') AS a, TRIM('  x  ') AS b, LTRIM('  x') AS c, RTRIM('x "
        " ') AS d, TRIM(BOTH '0' FROM '00120') AS e",
    ),
    (
        "upper_lower",
        "SELECT PatNum, UPPER(LName) AS a, LOWER(FName) AS b, UCASE('x') AS c, LCASE('Y') AS d"
        " FROM patient ORDER BY PatNum LIMIT 12",
    ),
    (
        "lpad_rpad",
        "SELECT LPAD('7', 3, '0') AS a, RPAD('ab', 5, '.') AS b, LPAD('abcdef', 3, '0') AS c",
    ),
    ("lpad_col", "SELECT PatNum, LPAD(PatNum, 6, '0') AS v FROM patient ORDER BY PatNum LIMIT 12"),
    (
        "repeat_reverse_space",
        "SELECT REPEAT('ab', 3) AS a, REVERSE('abc') AS b, CONCAT('x', SPACE(2), 'y') AS c",
    ),
    # regexp / like / case
    ("regexp", "SELECT COUNT(*) AS n FROM patient WHERE LName REGEXP '^[a-m]'"),
    (
        "rlike_select",
        "SELECT PatNum, LName RLIKE 'son$' AS v FROM patient ORDER BY PatNum LIMIT 12",
    ),
    (
        "not_regexp",
        "SELECT COUNT(*) AS n FROM procedurecode WHERE ProcCode NOT REGEXP '^D[0-9]{4}$'",
    ),
    ("like_ci", "SELECT COUNT(*) AS n FROM patient WHERE LName LIKE 'S%' OR LName LIKE 's%'"),
    ("like_ci_lower", "SELECT COUNT(*) AS n FROM patient WHERE LName LIKE '%SON%'"),
    ("like_number", "SELECT COUNT(*) AS n FROM procedurelog WHERE ProcFee LIKE '1%'"),
    ("like_date", "SELECT COUNT(*) AS n FROM procedurelog WHERE ProcDate LIKE '20%'"),
    ("not_like", "SELECT COUNT(*) AS n FROM patient WHERE LName NOT LIKE 'a%'"),
    (
        "eq_ci",
        "SELECT COUNT(*) AS n FROM patient WHERE LName = LOWER((SELECT LName FROM patient ORDER BY"
        " PatNum LIMIT 1))",
    ),
    (
        "in_ci",
        "SELECT COUNT(*) AS n FROM patient WHERE LName IN (UPPER((SELECT LName FROM patient ORDER"
        " BY PatNum LIMIT 1)))",
    ),
    ("trailing_space_eq", "SELECT 'a' = 'a ' AS v, 'A' = 'a' AS w"),
    (
        "order_ci",
        "SELECT v FROM (SELECT 'b' AS v UNION ALL SELECT 'A' UNION ALL SELECT 'a' UNION ALL SELECT"
        " 'B') t ORDER BY v, BINARY v",
    ),
    (
        "min_max_ci",
        "SELECT MIN(v) AS a, MAX(v) AS b FROM (SELECT 'b' AS v UNION ALL SELECT 'C' UNION ALL"
        " SELECT 'a') t",
    ),
    ("distinct_ci", "SELECT COUNT(DISTINCT v) AS n FROM (SELECT 'a' AS v UNION ALL SELECT 'A') t"),
)
