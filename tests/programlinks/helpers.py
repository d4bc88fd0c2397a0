"""A real tiny program to launch (it records its argv), and ways to read what it saw."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from enamel.db import Database
from enamel.models import SecurityLog
from enamel.models.enums import EnumPermType

RECORDER = """#!{python}
import json, os, sys
seen = {{"argv": sys.argv, "enamel_env": sorted(k for k in os.environ if k.startswith("ENAMEL_"))}}
with open({out!r}, "a") as f:
    f.write(json.dumps(seen) + "\\n")
"""


def recorder(folder: Path) -> tuple[Path, Path]:
    """An executable that appends its argv (and any ENAMEL_* variable it got) as a JSON line
    to the second path."""
    program, out = folder / "recorder.py", folder / "seen.jsonl"
    program.write_text(RECORDER.format(python=sys.executable, out=str(out)))
    program.chmod(0o755)
    return program, out


def seen(out: Path, count: int = 1, timeout: float = 10.0) -> list[dict[str, Any]]:
    """The first `count` launches the recorder saw, waiting for them to arrive."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if out.exists():
            lines = [json.loads(line) for line in out.read_text().splitlines() if line]
            if len(lines) >= count:
                return lines
        time.sleep(0.05)
    raise AssertionError(f"the program did not record {count} launches in {timeout} s")


def disclosure_entries(db: Database) -> list[SecurityLog]:
    with db.read() as session:
        return list(
            session.scalars(
                select(SecurityLog)
                .where(SecurityLog.PermType == EnumPermType.Copy)
                .order_by(SecurityLog.SecurityLogNum)
            )
        )


def log_count(db: Database) -> int:
    with db.read() as session:
        return len(session.scalars(select(SecurityLog.SecurityLogNum)).all())
