"""What plug-ins are handed: small immutable values, never rows, sessions or connections."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

TABLES = ("patient", "appointment", "procedurelog", "payment")
"""The tables whose committed changes plug-ins hear about."""

KINDS = ("insert", "update", "delete")


def frozen(values: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(values))


@dataclass(frozen=True)
class ChangeEvent:
    """One row changed by a committed transaction.

    `before` and `after` hold the columns that changed (Open Dental's names and values:
    `AptStatus` is an `ApptStatus`); an insert has no `before`, a delete no `after`. Several
    changes to one row in one transaction are one event, from the first `before` to the last
    `after`."""

    table: str
    """`patient`, `appointment`, `procedurelog` or `payment`."""
    key: int
    """The row's primary key (PatNum, AptNum, ProcNum, PayNum)."""
    kind: str
    """`insert`, `update` or `delete`."""
    actor_kind: str
    """Who made the change: `office_user`, `integration`, `plugin`, `native` or `system`."""
    actor_name: str
    user_num: int = 0
    request_id: str = ""
    pat_num: int = 0
    before: Mapping[str, Any] = field(default_factory=lambda: frozen({}))
    after: Mapping[str, Any] = field(default_factory=lambda: frozen({}))


@dataclass(frozen=True)
class Booking:
    """An appointment about to be booked, as the caller asked for it (before Enamel's checks
    and defaults: `ProvNum` 0 means the operatory's or the patient's provider)."""

    PatNum: int
    Op: int
    AptDateTime: dt.datetime
    Pattern: str
    AptStatus: str
    """The status's Open Dental name, e.g. `Scheduled`."""
    ProvNum: int
    ClinicNum: int
    Note: str
    actor_kind: str
    actor_name: str
    user_num: int = 0


@dataclass(frozen=True)
class MenuItem:
    """An entry a plug-in adds to the office pages' menu."""

    label: str
    url: str
    """Where it leads: a path on Enamel's own site (`/...`) or an https:// address."""


def menu_url_ok(url: str) -> bool:
    """A menu entry may lead to a path on Enamel's own site or to an https:// address:
    never `javascript:`, `data:` or another scheme, never a protocol-relative `//host` (or
    `/\\host`, which browsers read the same way), never a control character or a space."""
    if (
        not isinstance(url, str)
        or not url
        or len(url) > 2000
        or any(ord(c) <= 32 or ord(c) == 127 for c in url)
    ):
        return False
    if url.startswith("/"):
        return not url.startswith(("//", "/\\"))
    if not url.lower().startswith("https://"):
        return False
    host = url[len("https://") :].split("/", 1)[0]
    return bool(host) and "\\" not in url and "@" not in host
