"""The rules of a governed read, on sqlglot's tree: hostile queries are refused naming the
rule; Open Dental's report idioms are accepted and written for each engine."""

from __future__ import annotations

import pytest

from enamel.queries.validate import QueryRefused, check

HOSTILE = {
    # writes, in every form
    "DELETE FROM patient": "read only",
    "UPDATE patient SET LName = 'x'": "read only",
    "INSERT INTO patient (LName) VALUES ('x')": "read only",
    "REPLACE INTO patient (PatNum) VALUES (1)": "read only",
    "DROP TABLE patient": "read only",
    "TRUNCATE TABLE securitylog": "read only",
    "CREATE TABLE t AS SELECT * FROM patient": "read only",
    "CREATE TEMPORARY TABLE t (a INT)": "read only",
    "ALTER TABLE patient ADD COLUMN x INT": "read only",
    "GRANT ALL ON *.* TO 'x'@'%'": "read only",
    "CALL some_procedure()": "read only",
    "LOAD DATA INFILE '/etc/passwd' INTO TABLE patient": "syntax",
    "SELECT * FROM patient FOR UPDATE": "read only",
    "SELECT * FROM patient FOR SHARE": "read only",
    "SELECT * FROM patient LOCK IN SHARE MODE": "read only",
    "WITH gone AS (DELETE FROM patient RETURNING PatNum) SELECT * FROM gone": "read only",
    "SELECT * INTO OUTFILE '/tmp/x' FROM patient": "syntax",
    "SELECT LName INTO @x FROM patient": "read only",
    # more than one statement, and comment tricks
    "SELECT 1; DELETE FROM patient": "one statement",
    "SELECT 1; SELECT 2": "one statement",
    "SELECT 1 -- x\n; DROP TABLE patient": "one statement",
    "SET @a = 1; SET @b = (SELECT Password FROM userod); SELECT @a": "one statement",
    "SET @a = (SELECT 1); SELECT @a": "one statement",
    "SET sql_mode = ''; SELECT 1": "one statement",
    "SET GLOBAL max_connections = 1; SELECT 1": "one statement",
    "SELECT @@version": "one statement",
    "SELECT @undefined": "one statement",
    "": "one statement",
    "   ": "one statement",
    "-- only a comment": "one statement",
    # dangerous functions
    "SELECT SLEEP(10)": "function",
    "SELECT sleep(1) FROM patient": "function",
    "SELECT BENCHMARK(100000000, MD5('a'))": "function",
    "SELECT GET_LOCK('x', 10)": "function",
    "SELECT LOAD_FILE('/etc/passwd')": "function",
    "SELECT pg_sleep(5)": "function",
    "SELECT pg_read_file('/etc/passwd')": "function",
    "SELECT pg_terminate_backend(1)": "function",
    "SELECT set_config('statement_timeout', '0', false)": "function",
    "SELECT current_setting('data_directory')": "function",
    "SELECT nextval('patient_PatNum_seq')": "function",
    "SELECT EXTRACTVALUE(1, CONCAT(0x7e, (SELECT UserName FROM userod LIMIT 1)))": "function",
    "SELECT UPDATEXML(1, 'x', 'y')": "function",
    "SELECT randomblob(1000000000)": "function",
    "SELECT load_extension('x')": "function",
    "SELECT LName FROM patient WHERE PatNum = (SELECT SLEEP(5))": "function",
    # catalogues and Enamel's own tables
    "SELECT * FROM information_schema.tables": "table",
    "SELECT * FROM INFORMATION_SCHEMA.COLUMNS": "table",
    "SELECT * FROM mysql.user": "table",
    "SELECT * FROM performance_schema.threads": "table",
    "SELECT * FROM pg_catalog.pg_user": "table",
    "SELECT * FROM pg_shadow": "table",
    "SELECT * FROM sqlite_master": "table",
    "SELECT * FROM other_db.patient": "table",
    "SELECT * FROM integration": "table",
    "SELECT * FROM auditstate": "table",
    "SELECT * FROM securityloghash": "table",
    "SELECT * FROM auditchange": "table",
    "SELECT * FROM patient JOIN integration ON 1 = 1": "table",
    "SELECT (SELECT COUNT(*) FROM apistate) FROM patient": "table",
    # secrets
    "SELECT Password FROM userod": "secret column",
    "SELECT password FROM userod": "secret column",
    "SELECT `Password` FROM userod": "secret column",
    "SELECT u.Password FROM userod u": "secret column",
    "SELECT SecurityHash FROM patient": "secret column",
    "SELECT LName FROM patient WHERE SecurityHash LIKE 'a%'": "secret column",
    "SELECT COUNT(*) FROM userod WHERE Password = ''": "secret column",
}


@pytest.mark.parametrize(("sql", "rule"), HOSTILE.items())
def test_hostile_queries_are_refused_naming_the_rule(sql: str, rule: str) -> None:
    with pytest.raises(QueryRefused) as refused:
        check(sql, "mysql")
    assert refused.value.rule == rule, refused.value.message
    assert refused.value.message.startswith(rule)


def test_a_set_preamble_is_replaced_by_its_literals() -> None:
    sql = (
        "SET @FromDate='2024-01-01', @ToDate='2024-01-31';\n"
        "SELECT PatNum, AptDateTime FROM appointment "
        "WHERE AptDateTime BETWEEN @FromDate AND @ToDate"
    )
    for dialect in ("mysql", "postgresql", "sqlite"):
        text = check(sql, dialect)
        # SQLite compares a date-time column with its stored text: the dates in that form.
        stored = " 00:00:00.000000" if dialect == "sqlite" else ""
        assert f"'2024-01-01{stored}'" in text and f"'2024-01-31{stored}'" in text
        assert "@" not in text


def test_identifiers_are_written_in_the_schemas_case_and_quoted() -> None:
    text = check("select patnum, LNAME from PATIENT where patstatus = 0", "postgresql")
    assert text == 'SELECT "PatNum", "LName" FROM "patient" WHERE "PatStatus" = 0'


def test_star_is_expanded_without_the_secret_columns() -> None:
    for sql in ("SELECT * FROM userod", "SELECT u.* FROM userod u", "SELECT * FROM patient"):
        text = check(sql, "mysql")
        assert "*" not in text
        assert "Password`" not in text and "SecurityHash" not in text
        assert "UserName" in text or "LName" in text


def test_comments_are_not_passed_on() -> None:
    # MariaDB runs the inside of /*! ... */ comments: what runs is the checked tree, uncommented.
    text = check("SELECT LName /*! , (SELECT Password FROM userod) */ FROM patient", "mysql")
    assert text == "SELECT `LName` FROM `patient`"


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT COUNT(*) FROM patient",
        "SELECT p.LName, COUNT(a.AptNum) FROM patient p LEFT JOIN appointment a "
        "ON a.PatNum = p.PatNum GROUP BY p.PatNum, p.LName",
        "WITH seen AS (SELECT DISTINCT PatNum FROM appointment) SELECT COUNT(*) FROM seen",
        "SELECT PatNum FROM patient UNION SELECT PatNum FROM appointment",
        "SELECT LName AS Password FROM patient",
        "SELECT CONCAT(LName, ', ', FName) AS Name, IFNULL(Email, '') FROM patient",
        "SELECT DATE_FORMAT(AptDateTime, '%Y-%m') AS Month, COUNT(*) FROM appointment "
        "GROUP BY DATE_FORMAT(AptDateTime, '%Y-%m')",
    ],
)
def test_report_idioms_are_accepted_for_every_engine(sql: str) -> None:
    for dialect in ("mysql", "postgresql", "sqlite"):
        assert check(sql, dialect).startswith(("SELECT", "WITH"))
