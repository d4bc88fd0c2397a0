"""Open Dental's appointment `Pattern`: one character per 5 minutes, `X` for provider time and
`/` for assistant time. An appointment's length is its pattern's length times 5 minutes."""

from __future__ import annotations

import datetime as dt

from enamel.errors import InvalidInput

MINUTES_PER_SLOT = 5
ALLOWED = frozenset("X/")


def normalise(pattern: str) -> str:
    """The pattern in Open Dental's form (upper-case `X`), or 400 naming what is wrong."""
    value = pattern.strip().upper()
    if not value:
        raise InvalidInput("Pattern is required: one X or / per 5 minutes", field="Pattern")
    bad = sorted(set(value) - ALLOWED)
    if bad:
        raise InvalidInput(
            f"Pattern may hold only X and / (one per 5 minutes), not {''.join(bad)!r}",
            field="Pattern",
        )
    if len(value) > 255:
        raise InvalidInput("Pattern is longer than 255 characters", field="Pattern")
    return value


def length(pattern: str) -> dt.timedelta:
    return dt.timedelta(minutes=MINUTES_PER_SLOT * len(pattern))


def from_minutes(minutes: int) -> str:
    """A plain provider-time pattern of the given length (rounded up to 5 minutes)."""
    slots = max(1, -(-minutes // MINUTES_PER_SLOT))
    return "X" * slots
