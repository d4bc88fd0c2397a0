"""Fixtures for the office pages: an administrator and a staff member, each signed in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from enamel.db import Database
from tests.admin.office import Office, make_user, office_for, second_browser


@pytest.fixture
def office(db: Database) -> Iterator[Office]:
    """The office pages on each engine's test database, with users `boss` (administrator) and
    `clerk` (staff), nobody signed in yet."""
    make_user(db, "boss", admin=True)
    make_user(db, "clerk", admin=False)
    with office_for(db) as office:
        yield office


@pytest.fixture
def boss(office: Office) -> Office:
    assert office.sign_in("boss").status_code == 303
    return office


@pytest.fixture
def clerk(office: Office) -> Iterator[Office]:
    with second_browser(office) as other:
        assert other.sign_in("clerk").status_code == 303
        yield other
