"""Reference checks shared by the services: a referenced row must exist and not be hidden."""

from __future__ import annotations

from typing import Any, TypeVar

from enamel.db.session import ReadSession
from enamel.errors import NotFound, ReferenceNotFound

T = TypeVar("T")

_ROWS = "enamel.rows"


def fetch(db: ReadSession, model: type[T], key: int) -> T | None:
    """`Session.get`, remembered for the rest of the session.

    The session's identity map holds rows weakly, so a provider or operatory checked by one
    service call is loaded again by the next; holding them here makes a transaction that
    writes many rows (a family of the demo, a batch) check its references once.
    """
    if key <= 0:
        return None
    rows: dict[tuple[type[Any], int], Any] = db.info.setdefault(_ROWS, {})
    row = rows.get((model, key))
    if row is None:
        row = db.get(model, key)
        if row is not None:
            rows[(model, key)] = row
    return row


def get_or_404(db: ReadSession, model: type[T], key: int, what: str) -> T:
    """The row named in the URL; 404 when it does not exist."""
    row = fetch(db, model, key)
    if row is None:
        raise NotFound(f"{what} {key} does not exist")
    return row


def referenced(db: ReadSession, model: type[T], key: int, field: str, what: str) -> T:
    """A row referenced by a field of the input: 400 naming the field when it does not exist
    or is hidden (hidden rows stay readable but take no new references)."""
    row: Any = fetch(db, model, key)
    if row is None:
        raise ReferenceNotFound(f"{field}: {what} {key} does not exist", field=field)
    if getattr(row, "IsHidden", False):
        raise ReferenceNotFound(f"{field}: {what} {key} is hidden", field=field)
    return row  # type: ignore[no-any-return]
