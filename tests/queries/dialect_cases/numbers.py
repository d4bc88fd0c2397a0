"""Numbers, casts, flags as conditions, NULL and conditionals."""

CASES: tuple[tuple[str, str], ...] = (
    # numbers
    (
        "round",
        "SELECT ROUND(2.5) AS a, ROUND(-2.5) AS b, ROUND(1.005, 2) AS c, ROUND(3.14159, 3) AS e",
    ),
    ("round_neg", "SELECT ROUND(123.456, -1) AS d"),
    (
        "round_sum",
        "SELECT ProvNum, ROUND(SUM(ProcFee) * 0.333, 2) AS v FROM procedurelog GROUP BY ProvNum"
        " ORDER BY ProvNum",
    ),
    (
        "round_col",
        "SELECT ProcNum, ROUND(ProcFee * 0.8, 2) AS v, ROUND(ProcFee / 3, 1) AS w FROM"
        " procedurelog ORDER BY ProcNum LIMIT 12",
    ),
    ("truncate", "SELECT TRUNCATE(3.789, 1) AS a, TRUNCATE(-3.789, 0) AS b"),
    (
        "floor_ceil_abs",
        "SELECT FLOOR(-1.5) AS a, CEIL(1.2) AS b, CEILING(-1.2) AS c, ABS(-3) AS d, SIGN(-2) AS e",
    ),
    (
        "mod_div",
        "SELECT MOD(10, 3) AS a, 10 % 3 AS b, 10 DIV 3 AS c, -7 DIV 2 AS d, MOD(-7, 2) AS e",
    ),
    ("int_division", "SELECT 7 / 2 AS a, 1 / 3 AS b, 6 / 3 AS c, 5 / 0 AS d"),
    ("int_division_col", "SELECT PatNum, PatNum / 2 AS v FROM patient ORDER BY PatNum LIMIT 12"),
    ("format", "SELECT FORMAT(1234567.891, 2) AS a, FORMAT(0.5, 0) AS b, FORMAT(1234.5, 0) AS c"),
    (
        "format_col",
        "SELECT ProcNum, FORMAT(ProcFee, 2) AS v FROM procedurelog ORDER BY ProcNum LIMIT 12",
    ),
    (
        "cast_char_int",
        "SELECT PatNum, CAST(PatNum AS CHAR) AS a FROM patient ORDER BY PatNum LIMIT 12",
    ),
    (
        "cast_char_money",
        "SELECT ProcNum, CAST(ProcFee AS CHAR) AS b FROM procedurelog ORDER BY ProcNum LIMIT 12",
    ),
    (
        "cast_char_date",
        "SELECT PatNum, CAST(Birthdate AS CHAR) AS c FROM patient ORDER BY PatNum LIMIT 12",
    ),
    (
        "cast_char_datetime",
        "SELECT AptNum, CAST(AptDateTime AS CHAR) AS c FROM appointment ORDER BY AptNum LIMIT 12",
    ),
    (
        "cast_char_n",
        "SELECT PatNum, CAST(LName AS CHAR(3)) AS c FROM patient ORDER BY PatNum LIMIT 12",
    ),
    (
        "convert_char",
        "SELECT PatNum, CONVERT(PatNum, CHAR) AS c FROM patient ORDER BY PatNum LIMIT 12",
    ),
    (
        "cast_signed_text",
        "SELECT CAST('42' AS SIGNED) AS b, CAST(ToothNum AS SIGNED) AS t FROM procedurelog WHERE"
        " ToothNum <> '' ORDER BY ProcNum LIMIT 5",
    ),
    ("cast_signed_junk", "SELECT CAST('12abc' AS SIGNED) AS a"),
    (
        "cast_signed_leading",
        "SELECT CAST('12.7' AS SIGNED) AS a, CAST('  -5x' AS SIGNED) AS b, CAST('abc' AS SIGNED)"
        " AS c, CAST('' AS SIGNED) AS d, CAST(NULL AS SIGNED) AS e, CAST('+7' AS UNSIGNED) AS f",
    ),
    (
        "cast_tooth_order",
        "SELECT ProcNum, ToothNum, CAST(ToothNum AS UNSIGNED) AS t FROM procedurelog ORDER BY"
        " CAST(ToothNum AS UNSIGNED), ProcNum LIMIT 40",
    ),
    ("cast_signed_round", "SELECT CAST(3.7 AS SIGNED) AS c, CAST(-3.5 AS SIGNED) AS d"),
    (
        "cast_signed_money",
        "SELECT ProcNum, CAST(ProcFee * 1.015 AS SIGNED) AS v FROM procedurelog ORDER BY ProcNum"
        " LIMIT 12",
    ),
    ("cast_unsigned", "SELECT CAST(5 AS UNSIGNED) AS a, CONVERT('7', UNSIGNED) AS b"),
    (
        "cast_decimal",
        "SELECT CAST('12.345' AS DECIMAL(10,2)) AS a, CAST(1 AS DECIMAL(10,2)) AS b, CAST(2.5 AS"
        " DECIMAL) AS c",
    ),
    (
        "cast_date",
        "SELECT CAST('2024-03-05 10:11:12' AS DATE) AS a, CAST('2024-03-05' AS DATETIME) AS b",
    ),
    (
        "convert_col_date",
        "SELECT AptNum, CONVERT(AptDateTime, DATE) AS v FROM appointment ORDER BY AptNum LIMIT 12",
    ),
    (
        "sum_money",
        "SELECT SUM(ProcFee) AS s, AVG(ProcFee) AS a, MAX(ProcFee) AS m, COUNT(ProcFee) AS c FROM"
        " procedurelog",
    ),
    (
        "avg_round",
        "SELECT ProvNum, ROUND(AVG(ProcFee), 2) AS a, AVG(UnitQty) AS q FROM procedurelog GROUP BY"
        " ProvNum ORDER BY ProvNum",
    ),
    ("sum_int", "SELECT SUM(UnitQty) AS s FROM procedurelog"),
    ("sum_bool_expr", "SELECT SUM(ProcStatus = 2) AS c FROM procedurelog"),
    (
        "greatest_least",
        "SELECT GREATEST(1, 5, 3) AS a, LEAST('b', 'a') AS b, GREATEST(2, NULL) AS c",
    ),
    # booleans
    ("bool_true", "SELECT COUNT(*) AS n FROM appointment WHERE IsNewPatient = TRUE"),
    ("bool_false", "SELECT COUNT(*) AS n FROM appointment WHERE IsHygiene = FALSE"),
    ("bool_bare", "SELECT COUNT(*) AS n FROM appointment WHERE IsHygiene"),
    ("bool_not", "SELECT COUNT(*) AS n FROM appointment WHERE NOT IsHygiene"),
    ("bool_bang", "SELECT COUNT(*) AS n FROM appointment WHERE !IsHygiene"),
    (
        "bool_select",
        "SELECT AptNum, IsHygiene = 1 AS a, NOT IsHygiene AS b, AptStatus = 2 AND IsHygiene AS c"
        " FROM appointment ORDER BY AptNum LIMIT 12",
    ),
    ("null_safe_eq", "SELECT NULL <=> NULL AS a, 1 <=> NULL AS b, 1 <=> 1 AS c"),
    ("null_safe_col", "SELECT COUNT(*) AS n FROM patient WHERE NULLIF(MiddleI, '') <=> NULL"),
    # null handling / conditionals
    (
        "ifnull_coalesce_nullif",
        "SELECT PatNum, IFNULL(NULLIF(MiddleI, ''), '-') AS m, COALESCE(NULLIF(Preferred, ''),"
        " FName) AS p FROM patient ORDER BY PatNum LIMIT 12",
    ),
    (
        "if_flag",
        "SELECT AptNum, IF(IsNewPatient, 'new', 'old') AS v, IF(AptStatus = 2, 'done', 'other') AS"
        " s FROM appointment ORDER BY AptNum LIMIT 12",
    ),
    (
        "if_numeric_expr",
        "SELECT PatNum, IF(EstBalance, 'owes', 'clear') AS v, IF(Guarantor = PatNum, 1, 0) AS g"
        " FROM patient ORDER BY PatNum LIMIT 12",
    ),
    (
        "case_simple",
        "SELECT ProcNum, CASE ProcStatus WHEN 1 THEN 'TP' WHEN 2 THEN 'C' ELSE 'other' END AS v"
        " FROM procedurelog ORDER BY ProcNum LIMIT 12",
    ),
    (
        "case_searched",
        "SELECT ProcNum, CASE WHEN ProcFee > 100 THEN 'high' WHEN ProcFee > 0 THEN 'low' ELSE"
        " 'zero' END AS v FROM procedurelog ORDER BY ProcNum LIMIT 12",
    ),
    (
        "case_mixed_types",
        "SELECT ProcNum, CASE WHEN ProcFee > 100 THEN ProcFee ELSE 'n/a' END AS v FROM"
        " procedurelog ORDER BY ProcNum LIMIT 12",
    ),
)
