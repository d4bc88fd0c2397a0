"""Tampering by hand: a demo practice, the CLI, and raw driver connections that bypass Enamel."""

from __future__ import annotations

import json
import traceback
from typing import Any

from enamel.db import Database
from tests.cli.runner import enamel


def check(db: Database, *extra: str) -> tuple[int, dict[str, Any]]:
    result = enamel(db, "audit", "verify", "--json", *extra)
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, "".join(traceback.format_exception(result.exception))
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def sql(db: Database, statement: str, *params: Any) -> list[Any]:
    """Run one statement on a raw driver connection; `{q}` is the identifier quote."""
    q = "`" if db.dialect == "mysql" else '"'
    mark = "?" if db.dialect == "sqlite" else "%s"
    raw = db.write_engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(statement.replace("{q}", q).replace("{p}", mark), params)
        rows = list(cursor.fetchall()) if cursor.description else []
        raw.commit()
        return rows
    finally:
        raw.close()


def first(db: Database, table: str, key: str) -> int:
    return int(sql(db, f"SELECT MIN({{q}}{key}{{q}}) FROM {table}")[0][0])


def kinds(report: dict[str, Any]) -> list[tuple[str, str, int]]:
    return [(f["kind"], f["table"], f["key"]) for f in report["findings"]]


def only(report: dict[str, Any], kind: str, table: str, key: int) -> dict[str, Any]:
    matching: list[dict[str, Any]] = [
        f for f in report["findings"] if (f["kind"], f["table"], f["key"]) == (kind, table, key)
    ]
    assert matching, kinds(report)
    return matching[0]
