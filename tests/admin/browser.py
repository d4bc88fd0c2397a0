"""A real browser for the office pages: Playwright driving Debian's Chromium (never a browser
Playwright downloads), against a live `enamel serve`.

Without /usr/bin/chromium (or ENAMEL_TEST_CHROMIUM) the browser tests are skipped with the
reason, except in CI (CI=true), where they fail: `.ci/run` installs the `chromium` package.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from enamel.db import Database
from enamel.db.migrate import upgrade
from tests.admin.office import PASSWORD, make_user
from tests.conftest import IN_CI

CHROMIUM = os.environ.get("ENAMEL_TEST_CHROMIUM", "/usr/bin/chromium")

if TYPE_CHECKING:  # Playwright itself is imported when a browser test runs
    from playwright.sync_api import Browser, Page


def chromium_or_skip() -> str:
    if not Path(CHROMIUM).exists():
        reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if IN_CI:
            pytest.fail(f"{reason} (CI=true: the browser tests are required)")
        pytest.skip(reason)
    return CHROMIUM


@contextmanager
def launched() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    path = chromium_or_skip()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def prepared(url: str) -> Database:
    """A migrated database with the users `boss` (administrator) and `clerk` (staff)."""
    db = Database(url)
    upgrade(db)
    make_user(db, "boss", admin=True)
    make_user(db, "clerk", admin=False)
    return db


def sign_in(page: Page, base: str, name: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/office/signin")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/office/integrations")


def api_call(
    base: str, path: str, keys: dict[str, str], body: Any = None, method: str = "GET"
) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(  # noqa: S310 - loopback
        f"{base}/api/v1{path}", data=data, method=method, headers=keys
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as r:  # noqa: S310 - loopback
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def eventually(status: int, call: Any, seconds: float = 5.0) -> tuple[int, Any]:
    """Call until the status comes (switches reach a server process within a second)."""
    deadline = time.monotonic() + seconds
    while True:
        got = call()
        if got[0] == status or time.monotonic() > deadline:
            return got  # type: ignore[no-any-return]
        time.sleep(0.1)
