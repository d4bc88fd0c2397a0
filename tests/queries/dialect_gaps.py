"""GAPS of tests/queries/test_dialect_cases.py as the current source leaves it: every case run on
the three engines (MariaDB and PostgreSQL from ENAMEL_TEST_MARIADB_URL and
ENAMEL_TEST_POSTGRES_URL) and GAPS printed as Python to paste, or written in place with --write
(then run ruff format). A reason already in GAPS is kept while its case is still a gap, unless
--fresh.

    python -m tests.queries.dialect_gaps [--write] [--fresh]
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from pathlib import Path

SERVERS = {
    "ENAMEL_TEST_MARIADB_URL": "mysql+pymysql://root@127.0.0.1:3306/enamel_test_dev",
    "ENAMEL_TEST_POSTGRES_URL": "postgresql+psycopg://postgres@127.0.0.1:5432/enamel_test_dev",
}
ENGINES = {"mysql": "mariadb", "postgresql": "postgresql", "sqlite": "sqlite"}
"""dialect (GAPS's keys) -> engine (the tests' name)"""
TEST = Path(__file__).with_name("test_dialect_cases.py")
BLOCK = re.compile(r"^GAPS: dict\[str, dict\[str, str\]\] = \{\n.*?^\}\n", re.M | re.S)


def short(reason: str, room: int) -> str:
    """The reason's first line, without the gateway's preamble and the driver's class name."""
    line = reason.strip().splitlines()[0] if reason.strip() else "no answer"
    line = re.sub(r"^the database refused the query:?\s*", "", line)
    line = re.sub(r"^\([\w.]+\)\s*", "", line)
    line = re.sub(r'^\(\d+, "(.*?)"?\)?$', r"\1", line)  # MariaDB's (code, "message")
    line = re.sub(
        r"You have an error in your SQL syntax; .* to use near", "syntax error near", line
    )
    # the reader's and the database's names: the test database's
    line = re.sub(r" to user '[^']*'@'[^']*'", "", line)
    line = re.sub(r"routine '\w+\.", "routine '", line)
    return line if len(line) <= room else line[: room - 3].rstrip() + "..."


def _literal(text: str) -> str:
    """Python's literal of `text` as ruff format writes it (single quotes if that saves escapes)."""
    if '"' in text and "'" not in text and "\\" not in text and text.isprintable():
        return f"'{text}'"
    return json.dumps(text, ensure_ascii=False)


def source(gaps: dict[str, dict[str, str]]) -> str:
    lines = ["GAPS: dict[str, dict[str, str]] = {"]
    for dialect, cases in gaps.items():
        lines.append(f'    "{dialect}": {{')
        for name, reason in cases.items():
            room = 100 - len(f'        "{name}": "",')
            while len(literal := _literal(short(reason, room))) - 2 > room:
                room -= 1
            lines.append(f'        "{name}": {literal},')
        lines.append("    },")
    return "\n".join([*lines, "}"]) + "\n"


def main() -> None:
    for name, default in SERVERS.items():
        os.environ.setdefault(name, default)
    # imported after: tests.conftest reads the servers' URLs on import
    from tests.queries.dialect_cases import DIALECT_CASES
    from tests.queries.test_dialect_cases import GAPS, answers, gap

    with tempfile.TemporaryDirectory() as directory:
        found = {dialect: answers(engine, Path(directory)) for dialect, engine in ENGINES.items()}
    kept = {} if "--fresh" in sys.argv[1:] else GAPS
    gaps: dict[str, dict[str, str]] = {}
    for dialect, answered in found.items():
        gaps[dialect] = {}
        for name, _ in DIALECT_CASES:
            if answered[name][0] not in (200, 400):
                sys.exit(f"{dialect} {name}: a server error: {answered[name][1]}")
            reference = None if dialect == "mysql" else found["mysql"][name]
            why = gap(answered[name], reference)
            if why is not None:
                gaps[dialect][name] = kept.get(dialect, {}).get(name, why)
    text = source(gaps)
    if "--write" in sys.argv[1:]:
        TEST.write_text(BLOCK.sub(lambda _: text, TEST.read_text(), count=1))
        print(f"GAPS written in {TEST}: " + ", ".join(f"{d} {len(g)}" for d, g in gaps.items()))
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
