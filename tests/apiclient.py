"""Driving the API over HTTP in tests: an app on the test database, and integrations with keys."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from fastapi.testclient import TestClient

from enamel.app import create_app
from enamel.config import Settings
from enamel.db import Database
from enamel.security.actor import system_actor
from enamel.security.integrations import add_integration, switch_api, switch_integration

BASE = "/api/v1"


@dataclass
class Api:
    client: TestClient
    db: Database

    def integration(
        self, *scopes: str, name: str = "Reminder Pro", rate_limit: int = 0
    ) -> dict[str, str]:
        """Register an integration; answer the headers it sends (JSON, ODFHIR keys)."""
        with self.db.write() as session:
            new = add_integration(session, system_actor("tests"), name, scopes, rate_limit)
        return {
            "Authorization": f"ODFHIR {new.developer_key}/{new.customer_key}",
            "Content-Type": "application/json",
        }

    def switch(self, name: str, *, on: bool, reason: str = "tests") -> None:
        with self.db.write() as session:
            switch_integration(session, system_actor("tests"), name, on=on, reason=reason)

    def switch_api(self, *, on: bool, reason: str = "tests") -> None:
        with self.db.write() as session:
            switch_api(session, system_actor("tests"), on=on, reason=reason)

    def get(self, path: str, headers: dict[str, str], **params: Any) -> Any:
        return self.client.get(BASE + path, headers=headers, params=params)

    def post(self, path: str, headers: dict[str, str], body: Any) -> Any:
        return self.client.post(BASE + path, headers=headers, json=body)

    def put(self, path: str, headers: dict[str, str], body: Any) -> Any:
        return self.client.put(BASE + path, headers=headers, json=body)


@contextmanager
def api_for(db: Database, **settings: Any) -> Iterator[Api]:
    """The app on `db`; switches and keys are read on every request (no caching delay)."""
    config = Settings(database_url=db.url.render_as_string(hide_password=False), switch_delay=0)
    for key, value in settings.items():
        config = type(config)(**{**config.__dict__, key: value})
    with TestClient(create_app(config, database=db)) as client:
        yield Api(client, db)
