"""Driving the office pages over HTTP in tests: users, signing in, forms with their CSRF token."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx2 as httpx
from fastapi.testclient import TestClient

from enamel.db import Database
from enamel.security.actor import system_actor
from enamel.security.users import add_user
from tests.apiclient import Api, api_for

PASSWORD = "correct horse battery"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def make_user(db: Database, name: str, *, admin: bool, password: str = PASSWORD) -> int:
    with db.write() as session:
        return add_user(session, system_actor("tests"), name, password, admin=admin).UserNum


def token_in(html: str) -> str:
    found = TOKEN.search(html)
    assert found, html[:2000]
    return found.group(1)


@dataclass
class Office:
    """One browser: a client with its own cookies."""

    client: TestClient
    api: Api
    csrf: str = ""

    def sign_in(self, name: str, password: str = PASSWORD) -> httpx.Response:
        form = self.client.get("/office/signin")
        response = self.client.post(
            "/office/signin",
            data={"username": name, "password": password, "csrf_token": token_in(form.text)},
            follow_redirects=False,
        )
        if response.status_code == 303:
            self.csrf = token_in(self.client.get("/office/integrations").text)
        return response

    def get(self, path: str, **params: Any) -> httpx.Response:
        return self.client.get(path, params=params, follow_redirects=False)

    def post(self, path: str, data: dict[str, Any] | None = None) -> httpx.Response:
        """A form post with the session's CSRF token."""
        form = {"csrf_token": self.csrf, **(data or {})}
        return self.client.post(path, data=form, follow_redirects=False)


@contextmanager
def office_for(db: Database) -> Iterator[Office]:
    with api_for(db) as api:
        yield Office(api.client, api)


@contextmanager
def second_browser(office: Office) -> Iterator[Office]:
    """Another client on the same app, with no cookies of its own."""
    with TestClient(office.client.app) as client:
        yield Office(client, office.api)
