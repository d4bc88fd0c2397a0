"""The `enamel` command as users run it: a real process, a real database, a real port."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.cli.serving import ENAMEL, serving


def run(*args: str, url: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ENAMEL_DATABASE_URL": url}
    result = subprocess.run(  # noqa: S603 - our own command
        [*ENAMEL, *args], env=env, capture_output=True, text=True, timeout=300
    )
    if check and result.returncode != 0:
        raise AssertionError(f"enamel {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def test_db_upgrade_creates_then_reports_up_to_date(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    first = run("db", "upgrade", url=url)
    assert "upgraded from empty to schema version" in first.stdout
    again = run("db", "upgrade", url=url)
    assert "up to date" in again.stdout


def test_db_upgrade_names_an_unreachable_database(tmp_path: Path) -> None:
    result = run(
        "db",
        "upgrade",
        url="postgresql+psycopg://nobody:secret@127.0.0.1:1/x?connect_timeout=1",
        check=False,
    )
    assert result.returncode == 1
    assert "cannot reach the database" in result.stderr
    assert "secret" not in result.stderr


def test_demo_load_fills_once_and_refuses_a_database_with_patients(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    refused = run("demo", "load", "--patients", "5", url=url, check=False)
    assert refused.returncode == 1
    assert "enamel db upgrade" in refused.stderr
    run("db", "upgrade", url=url)
    loaded = run("demo", "load", "--patients", "12", url=url)
    assert "12 patients" in loaded.stdout
    assert "Loading the demo practice" in loaded.stderr  # the progress bar
    again = run("demo", "load", "--patients", "12", url=url, check=False)
    assert again.returncode == 1
    assert "already has patients" in again.stderr


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_demo_answers_healthz(tmp_path: Path, workers: int) -> None:
    url = f"sqlite:///{tmp_path / 'served.db'}"
    run("db", "upgrade", url=url)
    run("demo", "load", "--patients", "3", url=url)  # serve --demo then keeps what is there
    with serving(url, "--demo", workers=workers) as server:
        status, _, body = server.call("/healthz")
    assert status == 200
    assert body["status"] == "ok"
    assert body["database"] == "sqlite"
    assert "Enamel serving on" in server.output
