"""Contracts of the code base that no single behaviour test would catch (DESIGN.md 2 and 5)."""

from __future__ import annotations

import re
from pathlib import Path

import enamel.errors as errors

SRC = Path(__file__).resolve().parent.parent / "src" / "enamel"
EDGE = SRC / "db"
"""The only package that begins, commits or rolls back transactions (sessions, migrations,
connection set-up)."""


def test_only_the_edge_commits_rolls_back_or_begins() -> None:
    pattern = re.compile(r"\.(commit|rollback|begin)\(")
    offenders = [
        f"{path.relative_to(SRC)}:{n}: {line.strip()}"
        for path in SRC.rglob("*.py")
        if EDGE not in path.parents and "migrations" not in path.parts
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_write_services_require_an_edge_session() -> None:
    for path in SRC.glob("*/service.py"):
        source = path.read_text()
        for match in re.finditer(r"def (create|update|delete|break|complete)_\w+\(", source):
            body = source[match.end() : source.find("\ndef ", match.end())]
            assert "require_write(db)" in body or "return update_" in body, (
                f"{path.relative_to(SRC)}: {match.group(0)} does not call require_write"
            )


def test_domain_errors_carry_a_known_status_and_a_unique_code() -> None:
    classes = [
        cls
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.DomainError)
    ]
    assert len(classes) > 5
    codes = [cls.code for cls in classes]
    assert len(codes) == len(set(codes))
    for cls in classes:
        assert cls.status in {400, 401, 403, 404, 409, 429, 503}, cls
        body = cls("something is wrong", field="X").body()
        assert body == {"message": "something is wrong", "error": cls.code, "field": "X"}


def test_no_float_money_in_the_services() -> None:
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if re.search(r"\bfloat\(|: float\b", path.read_text())
        and path.parent.name not in ("demo", "cli")
        and path.name not in ("money.py", "types.py")
    ]
    assert offenders == []
