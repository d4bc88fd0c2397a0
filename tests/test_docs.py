"""The README is a contract: its two commands are the ones CI and users run."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def last_line(path: Path) -> str:
    return [line for line in path.read_text().splitlines() if line.strip()][-1].strip()


def test_ci_runs_exactly_the_readmes_test_command() -> None:
    command = last_line(ROOT / ".ci" / "run")
    assert command in (ROOT / "README.md").read_text()


def test_readme_documents_every_command_and_setting() -> None:
    readme = (ROOT / "README.md").read_text()
    for needed in (
        "enamel db upgrade",
        "enamel demo load",
        "enamel serve",
        "--workers",
        "ENAMEL_DATABASE_URL",
        "ENAMEL_TEST_MARIADB_URL",
        "ENAMEL_TEST_POSTGRES_URL",
        "python -m bench",
        "/healthz",
    ):
        assert needed in readme, needed
