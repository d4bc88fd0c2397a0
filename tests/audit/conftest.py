"""The tampering tests' practice."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from enamel.db import Database
from enamel.demo.loader import load_demo


@pytest.fixture
def office(db: Database) -> Iterator[Database]:
    """A small demo practice, written through Enamel."""
    load_demo(db, patients=4)
    yield db
