"""The web application: /healthz says whether the database is reachable and migrated."""

from __future__ import annotations

import gc
from pathlib import Path

from fastapi.testclient import TestClient

from enamel.app import GC_THRESHOLD, create_app
from enamel.db import Database
from enamel.db.migrate import head_revision


def test_healthz_reports_the_schema_version(db: Database) -> None:
    with TestClient(create_app(database=db)) as client:
        response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == db.dialect
    assert body["schema_version"] == head_revision()


def test_healthz_is_503_on_a_database_without_schema(tmp_path: Path) -> None:
    empty = Database(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        with TestClient(create_app(database=empty)) as client:
            response = client.get("/healthz")
    finally:
        empty.dispose()
    assert response.status_code == 503
    body = response.json()
    assert body["schema_version"] == "none"
    assert "enamel db upgrade" in body["message"]


def test_healthz_is_503_when_the_database_is_unreachable() -> None:
    gone = Database("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1")
    try:
        with TestClient(create_app(database=gone)) as client:
            response = client.get("/healthz")
    finally:
        gone.dispose()
    assert response.status_code == 503
    assert "unreachable" in response.json()["message"]


def test_a_running_server_collects_young_objects_less_often(db: Database) -> None:
    """Python's default threshold (700) is raised while the app runs; a threshold the process
    set itself is left alone."""
    saved = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        with TestClient(create_app(database=db)):
            assert gc.get_threshold() == (GC_THRESHOLD, 10, 10)
        gc.set_threshold(2500, 10, 10)
        with TestClient(create_app(database=db)):
            assert gc.get_threshold() == (2500, 10, 10)
    finally:
        gc.set_threshold(*saved)
