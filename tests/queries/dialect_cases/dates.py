"""Dates: differences, arithmetic, parts, DATE_FORMAT and the other date functions."""

CASES: tuple[tuple[str, str], ...] = (
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
)
