"""Paging and "changed since", as Open Dental's list routes take them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from fastapi import Query

from enamel.api.inputs import datetime_in
from enamel.errors import InvalidInput

DEFAULT_LIMIT = 100
"""Clients page until a page is shorter than 100 rows, so the default is exactly 100."""
MAX_LIMIT = 1000


@dataclass(frozen=True)
class Page:
    offset: int
    limit: int


async def page(
    Offset: Annotated[int, Query(ge=0, le=2**31, description="Rows to skip.")] = 0,
    Limit: Annotated[
        int,
        Query(
            ge=1,
            description=f"Rows per page (default {DEFAULT_LIMIT}; above {MAX_LIMIT} "
            f"is answered with {MAX_LIMIT}).",
        ),
    ] = DEFAULT_LIMIT,
) -> Page:
    return Page(Offset, min(Limit, MAX_LIMIT))


async def changed_since(
    DateTStamp: Annotated[
        str | None,
        Query(
            description="Only rows changed at or after this time (yyyy-MM-dd HH:mm:ss); "
            "use the serverDateTime of the previous answer."
        ),
    ] = None,
) -> dt.datetime | None:
    return datetstamp_in(DateTStamp)


def datetstamp_in(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        return datetime_in(value, "DateTStamp")
    except InvalidInput:
        raise InvalidInput(
            "DateTStamp format must be yyyy-MM-dd HH:mm:ss", field="DateTStamp"
        ) from None
