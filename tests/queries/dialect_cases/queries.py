"""Whole-query idioms: report shapes, ordering and grouping, subqueries and set operations,
SET @variables and quoting; and a last mixed lot of conversions and date functions."""

CASES: tuple[tuple[str, str], ...] = (
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
        "if_text_literal",
        "SELECT IF('1x', 'y', 'n') AS a, IF('0.5', 'y', 'n') AS b, IF('A', 'y', 'n') AS c, IF("
        "' 2', 'y', 'n') AS d, IF('.5', 'y', 'n') AS e, IF('-0', 'y', 'n') AS f",
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
        "to_days_values",
        "SELECT TO_DAYS('2024-01-01') AS a, TO_DAYS('0001-01-01') AS b, TO_DAYS('2024-03-01"
        " 10:00:00') AS c",
    ),
    (
        "to_days_age",
        "SELECT PatNum, FLOOR((TO_DAYS('2026-01-01') - TO_DAYS(Birthdate)) / 365.25) AS age FROM"
        " patient ORDER BY PatNum LIMIT 12",
    ),
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
