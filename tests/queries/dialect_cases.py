"""Small MySQL expressions common in Open Dental report queries, as data: (name, sql).

Each is sent unchanged to ShortQuery on every engine and its rows compared with the rows MariaDB
(Open Dental's own engine) answers: tests/queries/test_dialect_cases.py, on the demo practice.
Dates, date parts and DATE_FORMAT, conditionals, CONCAT and GROUP_CONCAT, strings, numbers and
casts, flags as conditions, LIKE/REGEXP and case, ordering and grouping, subqueries, SET @vars.

Left out as no fair comparison: SELECT * (Enamel never answers the SecurityHash column, and the
rows' time stamps are each load's), GROUP_CONCAT without ORDER BY (MySQL does not define its
order) and NOW() compared with the practice's times (the answer can change within a second, between
one engine's run and the next)."""

DIALECT_CASES: tuple[tuple[str, str], ...] = (
    # dates: the difference between two
    (
        "datediff_col",
        "SELECT PatNum, DATEDIFF(CURDATE(), Birthdate) > 0 AS v, DATEDIFF('2024-03-01', Birthdate)"
        " AS d FROM patient ORDER BY PatNum LIMIT 12",
    ),
    (
        "datediff_const",
        "SELECT DATEDIFF('2024-03-01', '2024-02-01') AS a, DATEDIFF('2024-03-01 23:59:59',"
        " '2024-02-28 00:00:01') AS b",
    ),
    (
        "datediff_dt_col",
        "SELECT AptNum, DATEDIFF(AptDateTime, '2020-01-01') AS v FROM appointment ORDER BY AptNum"
        " LIMIT 12",
    ),
    (
        "tsdiff_second",
        "SELECT TIMESTAMPDIFF(SECOND, '2024-01-01 10:00:00', '2024-01-02 11:30:15') AS v",
    ),
    (
        "tsdiff_minute",
        "SELECT TIMESTAMPDIFF(MINUTE, '2024-01-01 10:00:00', '2024-01-02 11:30:15') AS v",
    ),
    (
        "tsdiff_hour",
        "SELECT TIMESTAMPDIFF(HOUR, '2024-01-01 10:00:00', '2024-01-02 11:30:15') AS v",
    ),
    ("tsdiff_day", "SELECT TIMESTAMPDIFF(DAY, '2024-01-01 10:00:00', '2024-01-03 09:30:15') AS v"),
    ("tsdiff_week", "SELECT TIMESTAMPDIFF(WEEK, '2024-01-01', '2024-02-15') AS v"),
    (
        "tsdiff_month",
        "SELECT TIMESTAMPDIFF(MONTH, '2024-01-31', '2024-02-29') AS a, TIMESTAMPDIFF(MONTH,"
        " '2023-11-15', '2024-02-14') AS b",
    ),
    ("tsdiff_quarter", "SELECT TIMESTAMPDIFF(QUARTER, '2023-01-15', '2024-02-14') AS v"),
    (
        "tsdiff_year_age",
        "SELECT PatNum, Birthdate, TIMESTAMPDIFF(YEAR, Birthdate, '2025-06-15') AS age FROM"
        " patient ORDER BY PatNum LIMIT 12",
    ),
    # dates: arithmetic
    (
        "date_add_day",
        "SELECT PatNum, DATE_ADD(Birthdate, INTERVAL 10 DAY) AS v FROM patient ORDER BY PatNum"
        " LIMIT 12",
    ),
    (
        "date_sub_month",
        "SELECT DATE_SUB('2024-03-31', INTERVAL 1 MONTH) AS a, DATE_SUB('2024-03-31 10:20:30',"
        " INTERVAL 1 MONTH) AS b",
    ),
    (
        "plus_interval_year",
        "SELECT ProcNum, ProcDate + INTERVAL 1 YEAR AS v FROM procedurelog ORDER BY ProcNum LIMIT"
        " 12",
    ),
    (
        "minus_interval_col",
        "SELECT AptNum, AptDateTime - INTERVAL 90 MINUTE AS v FROM appointment ORDER BY AptNum"
        " LIMIT 12",
    ),
    (
        "curdate_minus_in_where",
        "SELECT COUNT(*) AS n FROM procedurelog WHERE ProcDate >= CURDATE() - INTERVAL 1 YEAR AND"
        " ProcDate < CURDATE()",
    ),
    (
        "date_of_datetime",
        "SELECT AptNum, DATE(AptDateTime) AS v FROM appointment ORDER BY AptNum LIMIT 12",
    ),
    (
        "date_eq_string",
        "SELECT COUNT(*) AS n FROM appointment WHERE DATE(AptDateTime) = (SELECT"
        " DATE(MIN(AptDateTime)) FROM appointment WHERE AptDateTime > '1900-01-01')",
    ),
    (
        "datetime_between_dates",
        "SELECT COUNT(*) AS n FROM appointment WHERE AptDateTime BETWEEN '2000-01-01' AND"
        " '2100-12-31'",
    ),
    (
        "datetime_vs_string_date_le",
        "SELECT COUNT(*) AS n FROM appointment WHERE AptDateTime <= CONCAT(YEAR(CURDATE()),"
        " '-01-01')",
    ),
    (
        "datetime_vs_date_format",
        "SELECT COUNT(*) AS n FROM appointment WHERE AptDateTime >= DATE_FORMAT(CURDATE(),"
        " '%Y-01-01')",
    ),
    (
        "date_col_vs_date_format",
        "SELECT COUNT(*) AS n FROM procedurelog WHERE ProcDate >= DATE_FORMAT(CURDATE() - INTERVAL"
        " 1 YEAR, '%Y-%m-01')",
    ),
    (
        "mindate_filter",
        "SELECT COUNT(*) AS n FROM appointment WHERE DateTimeArrived > '0001-01-01'",
    ),
    (
        "mindate_year",
        "SELECT AptNum, YEAR(DateTimeArrived) AS y, DateTimeArrived FROM appointment ORDER BY"
        " AptNum LIMIT 5",
    ),
    # date parts
    (
        "year_month_day",
        "SELECT PatNum, YEAR(Birthdate) AS y, MONTH(Birthdate) AS m, DAY(Birthdate) AS d FROM"
        " patient ORDER BY PatNum LIMIT 12",
    ),
    (
        "dayofweek",
        "SELECT AptNum, DAYOFWEEK(AptDateTime) AS v FROM appointment ORDER BY AptNum LIMIT 12",
    ),
    (
        "weekday",
        "SELECT AptNum, WEEKDAY(AptDateTime) AS v FROM appointment ORDER BY AptNum LIMIT 12",
    ),
    ("dayofyear", "SELECT PatNum, DAYOFYEAR(Birthdate) AS v FROM patient ORDER BY PatNum LIMIT 12"),
    (
        "week",
        "SELECT WEEK('2024-01-01') AS a, WEEK('2024-12-31') AS b, WEEK('2023-01-01') AS c,"
        " WEEK('2024-06-15', 1) AS d",
    ),
    ("quarter", "SELECT PatNum, QUARTER(Birthdate) AS v FROM patient ORDER BY PatNum LIMIT 12"),
    (
        "dayname_monthname",
        "SELECT AptNum, DAYNAME(AptDateTime) AS d, MONTHNAME(AptDateTime) AS m FROM appointment"
        " ORDER BY AptNum LIMIT 12",
    ),
    (
        "hour_minute",
        "SELECT AptNum, HOUR(AptDateTime) AS h, MINUTE(AptDateTime) AS m FROM appointment ORDER BY"
        " AptNum LIMIT 12",
    ),
    ("last_day", "SELECT LAST_DAY('2024-02-10') AS a, LAST_DAY('2023-12-31 10:00:00') AS b"),
    ("makedate", "SELECT MAKEDATE(2024, 60) AS v"),
    (
        "str_to_date",
        "SELECT STR_TO_DATE('03/15/2024', '%m/%d/%Y') AS a, STR_TO_DATE('2024-03-15 14:05',"
        " '%Y-%m-%d %H:%i') AS b",
    ),
    (
        "extract_year",
        "SELECT PatNum, EXTRACT(YEAR FROM Birthdate) AS v FROM patient ORDER BY PatNum LIMIT 12",
    ),
    # report idioms: ages, production, joins, GROUP_CONCAT, money, nesting
    (
        "od_age_formula",
        "SELECT PatNum, (YEAR(CURDATE()) - YEAR(Birthdate)) - (RIGHT(CURDATE(), 5) <"
        " RIGHT(Birthdate, 5)) AS age FROM patient ORDER BY PatNum LIMIT 12",
    ),
    (
        "od_age_dayofyear",
        "SELECT PatNum, YEAR(CURDATE()) - YEAR(Birthdate) - IF(DATE_FORMAT(CURDATE(), '%m%d') <"
        " DATE_FORMAT(Birthdate, '%m%d'), 1, 0) AS age FROM patient ORDER BY PatNum LIMIT 12",
    ),
    (
        "group_year_month",
        "SELECT YEAR(ProcDate) AS y, MONTH(ProcDate) AS m, DATE_FORMAT(ProcDate, '%M %Y') AS"
        " label, COUNT(*) AS n FROM procedurelog GROUP BY YEAR(ProcDate), MONTH(ProcDate) ORDER BY"
        " y, m LIMIT 6",
    ),
    (
        "production_report",
        "SET @FromDate = '2020-01-01', @ToDate = '2100-01-01'; SELECT provider.Abbr,"
        " SUM(procedurelog.ProcFee * (procedurelog.UnitQty + procedurelog.BaseUnits)) AS"
        " Production, COUNT(DISTINCT procedurelog.PatNum) AS Patients FROM procedurelog INNER JOIN"
        " provider ON provider.ProvNum = procedurelog.ProvNum WHERE procedurelog.ProcStatus = 2"
        " AND procedurelog.ProcDate BETWEEN @FromDate AND @ToDate GROUP BY provider.ProvNum ORDER"
        " BY provider.Abbr",
    ),
    (
        "paysplit_ifnull",
        "SELECT PatNum, IFNULL((SELECT SUM(SplitAmt) FROM paysplit ps WHERE ps.PatNum ="
        " patient.PatNum), 0) AS paid FROM patient ORDER BY PatNum LIMIT 12",
    ),
    (
        "sum_div_count",
        "SELECT ProvNum, SUM(ProcFee) / COUNT(*) AS avgfee FROM procedurelog GROUP BY ProvNum"
        " ORDER BY ProvNum",
    ),
    (
        "gender_if",
        "SELECT PatNum, IF(Gender = 0, 'M', IF(Gender = 1, 'F', 'U')) AS g, CASE Gender WHEN 0"
        " THEN 'M' WHEN 1 THEN 'F' ELSE 'U' END AS h FROM patient ORDER BY PatNum LIMIT 12",
    ),
    ("not_in", "SELECT COUNT(*) AS n FROM appointment WHERE AptStatus NOT IN (3, 5)"),
    ("not_between", "SELECT COUNT(*) AS n FROM procedurelog WHERE ProcFee NOT BETWEEN 50 AND 100"),
    (
        "not_exists",
        "SELECT COUNT(*) AS n FROM patient p WHERE NOT EXISTS (SELECT 1 FROM payment pay WHERE"
        " pay.PatNum = p.PatNum)",
    ),
    (
        "like_escape",
        "SELECT COUNT(*) AS n FROM procedurecode WHERE ProcCode LIKE 'D0%' AND ProcCode NOT LIKE"
        " 'D01%'",
    ),
    ("in_strings_ci", "SELECT COUNT(*) AS n FROM provider WHERE Abbr IN ('doc1', 'hyg1')"),
    ("regexp_ci", "SELECT COUNT(*) AS n FROM patient WHERE LName REGEXP '^b'"),
    (
        "gc_order",
        "SELECT PatNum, GROUP_CONCAT(ToothNum ORDER BY ProcNum DESC) AS v FROM procedurelog WHERE"
        " ToothNum <> '' GROUP BY PatNum ORDER BY PatNum LIMIT 5",
    ),
    (
        "money_cents_sum",
        "SELECT SUM(v) AS s, SUM(v) = 0.3 AS eq FROM (SELECT 0.1 AS v UNION ALL SELECT 0.2) t",
    ),
    ("money_col_cents", "SELECT SUM(ProcFee * 0.1) AS s FROM procedurelog"),
    (
        "datetime_eq_const",
        "SELECT COUNT(*) AS n FROM appointment WHERE AptDateTime = '2000-01-01 00:00:00' OR"
        " AptDateTime IN (SELECT MIN(AptDateTime) FROM appointment)",
    ),
    (
        "date_eq_const",
        "SELECT COUNT(*) AS n FROM procedurelog WHERE ProcDate = (SELECT MIN(ProcDate) FROM"
        " procedurelog)",
    ),
    ("curdate_value", "SELECT CURDATE() = DATE(NOW()) AS a"),
    ("count_star_type", "SELECT COUNT(*) AS n, COUNT(*) * 1.0 AS f, MAX(PatNum) AS m FROM patient"),
    (
        "left_date",
        "SELECT ProcNum, LEFT(ProcDate, 7) AS ym FROM procedurelog ORDER BY ProcNum LIMIT 12",
    ),
    ("left_number", "SELECT PatNum, LEFT(PatNum, 1) AS v FROM patient ORDER BY PatNum LIMIT 12"),
    (
        "group_by_unqualified_ambiguous",
        "SELECT patient.PatNum, COUNT(*) AS n FROM patient INNER JOIN procedurelog ON"
        " procedurelog.PatNum = patient.PatNum GROUP BY PatNum ORDER BY patient.PatNum LIMIT 3",
    ),
    (
        "sum_if_bool",
        "SELECT SUM(IF(AptStatus = 2, 1, 0)) AS a, COUNT(IF(AptStatus = 2, 1, NULL)) AS b FROM"
        " appointment",
    ),
    (
        "nested_date_add",
        "SELECT DATE_ADD(DATE_ADD('2024-01-31', INTERVAL 1 MONTH), INTERVAL 1 DAY) AS v,"
        " DATE_ADD(ProcDate + INTERVAL 1 MONTH, INTERVAL 0 DAY) AS w FROM procedurelog WHERE"
        " ProcDate > '2000-01-01' ORDER BY ProcNum LIMIT 3",
    ),
    (
        "df_of_interval",
        "SELECT DATE_FORMAT(CURDATE() - INTERVAL 1 MONTH, '%Y-%m') = DATE_FORMAT(DATE_SUB(NOW(),"
        " INTERVAL 1 MONTH), '%Y-%m') AS v",
    ),
    (
        "like_with_if_inside",
        "SELECT COUNT(*) AS n FROM procedurecode WHERE ProcCode LIKE IF(1, 'D0%', 'x')",
    ),
    # DATE_FORMAT
    (
        "df_mdy",
        "SELECT AptNum, DATE_FORMAT(AptDateTime, '%m/%d/%Y') AS v FROM appointment ORDER BY AptNum"
        " LIMIT 12",
    ),
    (
        "df_ym",
        "SELECT ProcNum, DATE_FORMAT(ProcDate, '%Y-%m') AS v FROM procedurelog ORDER BY ProcNum"
        " LIMIT 12",
    ),
    (
        "df_month_year",
        "SELECT ProcNum, DATE_FORMAT(ProcDate, '%M %Y') AS v FROM procedurelog ORDER BY ProcNum"
        " LIMIT 12",
    ),
    (
        "df_weekday",
        "SELECT AptNum, DATE_FORMAT(AptDateTime, '%W') AS v, DATE_FORMAT(AptDateTime, '%a') AS a,"
        " DATE_FORMAT(AptDateTime, '%b') AS b FROM appointment ORDER BY AptNum LIMIT 12",
    ),
    (
        "df_time",
        "SELECT AptNum, DATE_FORMAT(AptDateTime, '%H:%i') AS v, DATE_FORMAT(AptDateTime, '%h:%i"
        " %p') AS w FROM appointment ORDER BY AptNum LIMIT 12",
    ),
    ("df_e_c_y", "SELECT DATE_FORMAT('2024-03-05 07:08:09', '%e/%c/%y') AS v"),
    ("df_k_s_j", "SELECT DATE_FORMAT('2024-03-05 07:08:09', '%k:%s %j') AS v"),
    ("df_D", "SELECT DATE_FORMAT('2024-03-05 07:08:09', '%D') AS v"),
    ("df_l_r_T", "SELECT DATE_FORMAT('2024-03-05 17:08:09', '%l %r %T') AS w"),
    (
        "df_p",
        "SELECT AptNum, DATE_FORMAT(AptDateTime, '%p') AS v FROM appointment ORDER BY AptNum LIMIT"
        " 12",
    ),
    (
        "df_ymd",
        "SELECT ProcNum, DATE_FORMAT(ProcDate, '%Y-%m-%d') AS v FROM procedurelog ORDER BY ProcNum"
        " LIMIT 12",
    ),
    (
        "df_mdy_hip",
        "SELECT AptNum, DATE_FORMAT(AptDateTime, '%m/%d/%Y %h:%i %p') AS v FROM appointment ORDER"
        " BY AptNum LIMIT 12",
    ),
    (
        "df_mindate",
        "SELECT AptNum, DATE_FORMAT(DateTimeArrived, '%m/%d/%Y') AS v FROM appointment ORDER BY"
        " AptNum LIMIT 3",
    ),
    (
        "time_format",
        "SELECT AptNum, TIME_FORMAT(AptDateTime, '%h:%i %p') AS v FROM appointment ORDER BY AptNum"
        " LIMIT 12",
    ),
    (
        "df_group_by_month",
        "SELECT DATE_FORMAT(ProcDate, '%Y-%m') AS ym, COUNT(*) AS n, SUM(ProcFee) AS fees FROM"
        " procedurelog WHERE ProcStatus = 2 GROUP BY DATE_FORMAT(ProcDate, '%Y-%m') ORDER BY ym"
        " LIMIT 12",
    ),
    (
        "df_group_by_alias",
        "SELECT DATE_FORMAT(ProcDate, '%Y-%m') AS ym, COUNT(*) AS n FROM procedurelog GROUP BY ym"
        " ORDER BY ym DESC LIMIT 6",
    ),
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
    # ordering / grouping
    (
        "order_nulls",
        "SELECT v FROM (SELECT 2 AS v UNION ALL SELECT NULL UNION ALL SELECT 1) t ORDER BY v",
    ),
    (
        "order_nulls_desc",
        "SELECT v FROM (SELECT 2 AS v UNION ALL SELECT NULL UNION ALL SELECT 1) t ORDER BY v DESC",
    ),
    (
        "order_left_join_null",
        "SELECT p.PatNum, a.AptNum FROM patient p LEFT JOIN appointment a ON a.PatNum = p.PatNum"
        " AND a.AptStatus = 99 ORDER BY a.AptNum, p.PatNum LIMIT 5",
    ),
    (
        "group_nonagg",
        "SELECT patient.PatNum, LName, FName, COUNT(*) AS n FROM patient INNER JOIN procedurelog"
        " ON procedurelog.PatNum = patient.PatNum GROUP BY patient.PatNum ORDER BY patient.PatNum"
        " LIMIT 8",
    ),
    (
        "group_ambiguous",
        "SELECT PatNum, COUNT(*) AS n FROM patient p INNER JOIN procedurelog pl USING (PatNum)"
        " GROUP BY PatNum ORDER BY PatNum LIMIT 5",
    ),
    ("having_no_group", "SELECT COUNT(*) AS n FROM procedurelog HAVING COUNT(*) > 0"),
    (
        "having_alias",
        "SELECT PatNum, SUM(ProcFee) AS total FROM procedurelog GROUP BY PatNum HAVING total > 500"
        " ORDER BY total DESC, PatNum LIMIT 8",
    ),
    (
        "having_alias_nogroup",
        "SELECT PatNum, ProcFee AS fee FROM procedurelog HAVING fee > 1000 ORDER BY PatNum LIMIT 5",
    ),
    (
        "order_by_alias_expr",
        "SELECT PatNum, CONCAT(LName, FName) AS nm FROM patient ORDER BY nm LIMIT 5",
    ),
    ("order_by_position", "SELECT LName, PatNum FROM patient ORDER BY 2 DESC LIMIT 5"),
    (
        "group_by_position",
        "SELECT ProcStatus, COUNT(*) AS n FROM procedurelog GROUP BY 1 ORDER BY 1",
    ),
    ("limit_offset_comma", "SELECT PatNum FROM patient ORDER BY PatNum LIMIT 5, 3"),
    ("limit_offset_kw", "SELECT PatNum FROM patient ORDER BY PatNum LIMIT 3 OFFSET 5"),
    # set ops / subqueries
    (
        "union",
        "SELECT LName AS v FROM patient WHERE PatNum < 4 UNION SELECT LName FROM patient WHERE"
        " PatNum < 6 ORDER BY v",
    ),
    (
        "union_all_types",
        "SELECT 'x' AS k, COUNT(*) AS v FROM patient UNION ALL SELECT 'y', SUM(ProcFee) FROM"
        " procedurelog",
    ),
    (
        "subq_select",
        "SELECT PatNum, (SELECT COUNT(*) FROM procedurelog pl WHERE pl.PatNum = patient.PatNum) AS"
        " n FROM patient ORDER BY PatNum LIMIT 12",
    ),
    (
        "subq_where_in",
        "SELECT COUNT(*) AS n FROM patient WHERE PatNum IN (SELECT PatNum FROM appointment WHERE"
        " AptStatus = 2)",
    ),
    (
        "exists",
        "SELECT COUNT(*) AS n FROM patient p WHERE EXISTS (SELECT 1 FROM payment pay WHERE"
        " pay.PatNum = p.PatNum)",
    ),
    (
        "derived",
        "SELECT t.PatNum, t.total FROM (SELECT PatNum, SUM(ProcFee) AS total FROM procedurelog"
        " GROUP BY PatNum) t ORDER BY t.total DESC, t.PatNum LIMIT 5",
    ),
    (
        "derived_no_alias_cols",
        "SELECT COUNT(*) AS n, MAX(c) AS m FROM (SELECT PatNum, COUNT(*) AS c FROM appointment"
        " GROUP BY PatNum) AS x",
    ),
    (
        "count_distinct",
        "SELECT COUNT(DISTINCT PatNum) AS a, COUNT(DISTINCT PatNum, ProvNum) AS b FROM"
        " procedurelog",
    ),
    (
        "sum_case",
        "SELECT ProvNum, SUM(CASE WHEN ProcStatus = 2 THEN ProcFee ELSE 0 END) AS prod,"
        " SUM(IF(ProcStatus = 1, 1, 0)) AS tp FROM procedurelog GROUP BY ProvNum ORDER BY ProvNum",
    ),
    (
        "join_using_group",
        "SELECT pr.Abbr, COUNT(*) AS n FROM procedurelog pl INNER JOIN provider pr ON pr.ProvNum ="
        " pl.ProvNum GROUP BY pr.ProvNum ORDER BY pr.Abbr",
    ),
    # variables, quoting
    (
        "set_var_date",
        "SET @FromDate = '2020-01-01', @ToDate = '2100-01-01'; SELECT COUNT(*) AS n FROM"
        " procedurelog WHERE ProcDate BETWEEN @FromDate AND @ToDate",
    ),
    (
        "set_var_expr",
        "SET @Start = CURDATE() - INTERVAL 1 YEAR; SELECT COUNT(*) AS n FROM procedurelog WHERE"
        " ProcDate >= @Start AND ProcDate <= CURDATE()",
    ),
    (
        "set_var_counter",
        "SET @n = 0; SELECT @n := @n + 1 AS RowNum, PatNum FROM patient ORDER BY PatNum LIMIT 3",
    ),
    (
        "backticks",
        "SELECT `PatNum`, `LName` AS `Last Name` FROM `patient` ORDER BY `PatNum` LIMIT 3",
    ),
    ("dq_string", 'SELECT "abc" AS v, COUNT(*) AS n FROM patient WHERE LName <> ""'),
    (
        "dq_string_concat",
        'SELECT PatNum, CONCAT(LName, ", ", FName) AS v FROM patient ORDER BY PatNum LIMIT 12',
    ),
    ("escaped_quote", "SELECT 'O''Brien' AS a, 'O\\'Brien' AS b"),
    # more conversions, conditions, date functions and literals
    ("string_to_number", "SELECT '3' + 4 AS a, '2.5' * 2 AS b, 'abc' + 0 AS c"),
    ("number_vs_string_cmp", "SELECT COUNT(*) AS n FROM patient WHERE PatNum = '3'"),
    ("bool_flag_sum", "SELECT SUM(IsHygiene) AS a FROM appointment"),
    ("if_null", "SELECT IF(NULL, 'y', 'n') AS a, IF(0.5, 'y', 'n') AS d"),
    (
        "if_string_cond",
        "SELECT PatNum, IF(MiddleI, 'y', 'n') AS v FROM patient ORDER BY PatNum LIMIT 12",
    ),
    (
        "if_col_string",
        "SELECT PatNum, IF(LName = 'Moore', 1, 0) AS v FROM patient ORDER BY PatNum LIMIT 12",
    ),
    (
        "isnull_fn",
        "SELECT PatNum, ISNULL(NULLIF(MiddleI, '')) AS v FROM patient ORDER BY PatNum LIMIT 12",
    ),
    (
        "between_dates_strings",
        "SELECT COUNT(*) AS n FROM procedurelog WHERE ProcDate BETWEEN '2020-01-01' AND CURDATE()",
    ),
    (
        "timestampdiff_where",
        "SELECT COUNT(*) AS n FROM patient WHERE TIMESTAMPDIFF(YEAR, Birthdate, CURDATE()) >= 18"
        " AND Birthdate > '1880-01-01'",
    ),
    (
        "year_curdate",
        "SELECT COUNT(*) AS n FROM procedurelog WHERE YEAR(ProcDate) = YEAR(CURDATE())",
    ),
    ("date_add_neg_literal", "SELECT DATE_ADD('2024-01-31', INTERVAL -1 MONTH) AS a"),
    ("adddate", "SELECT ADDDATE('2024-01-01', 5) AS b"),
    ("subdate", "SELECT SUBDATE('2024-01-01', INTERVAL 1 DAY) AS c"),
    (
        "date_add_col_amount",
        "SELECT ProcNum, DATE_ADD(ProcDate, INTERVAL UnitQty DAY) AS v FROM procedurelog ORDER BY"
        " ProcNum LIMIT 12",
    ),
    (
        "set_var_plus_interval",
        "SET @ToDate = '2026-01-31'; SELECT COUNT(*) AS n FROM appointment WHERE AptDateTime <"
        " @ToDate + INTERVAL 1 DAY",
    ),
    (
        "set_var_date_add",
        "SET @FromDate = '2024-01-01'; SELECT COUNT(*) AS n FROM procedurelog WHERE ProcDate >="
        " DATE_SUB(@FromDate, INTERVAL 1 YEAR)",
    ),
    (
        "datetime_eq_literal",
        "SELECT COUNT(*) AS n FROM appointment WHERE AptDateTime = (SELECT"
        " DATE_FORMAT(MIN(AptDateTime), '%Y-%m-%d %H:%i:%s') FROM appointment WHERE AptStatus = 2)",
    ),
    (
        "datetime_le_same_moment",
        "SELECT COUNT(*) AS n FROM appointment WHERE AptDateTime <= (SELECT CAST(MIN(AptDateTime)"
        " AS CHAR) FROM appointment WHERE AptStatus = 2)",
    ),
    ("datetime_like", "SELECT COUNT(*) AS n FROM appointment WHERE AptDateTime LIKE '2025-%'"),
    ("to_days", "SELECT TO_DAYS('2024-01-01') - TO_DAYS('2023-01-01') AS v"),
    (
        "unix_ts",
        "SELECT UNIX_TIMESTAMP('2024-01-01 00:00:00') - UNIX_TIMESTAMP('2023-12-31 00:00:00') AS v",
    ),
    ("sec_to_time", "SELECT SEC_TO_TIME(3725) AS a, TIME_TO_SEC('01:02:05') AS b"),
    ("time_col", "SELECT ProcNum, ProcTime FROM procedurelog ORDER BY ProcNum LIMIT 12"),
    (
        "time_of_datetime",
        "SELECT AptNum, TIME(AptDateTime) AS v FROM appointment ORDER BY AptNum LIMIT 12",
    ),
    ("date_literal_kw", "SELECT DATE '2024-01-05' + INTERVAL 1 DAY AS v"),
    ("str_date_add", "SELECT '2024-01-31' + INTERVAL 1 MONTH AS v"),
    ("distinct_rows", "SELECT DISTINCT ProcStatus FROM procedurelog ORDER BY ProcStatus"),
    ("field_fn", "SELECT FIELD('b', 'a', 'b', 'c') AS v"),
    ("elt_fn", "SELECT ELT(2, 'a', 'b', 'c') AS v"),
    ("hex", "SELECT HEX(255) AS a"),
)
