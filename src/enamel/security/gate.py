"""The API's door: credentials, switches, rate limits and scopes, checked on every request.

Keys and switches are read from the database into a snapshot that each server process keeps
for at most `SWITCH_DELAY` seconds, so the hot path costs no query, and a switch flipped by
`enamel integrations off` or `enamel api off` (in any process) takes effect on every process
within that delay. The server reads a stale snapshot again in its thread pool
(`api.access.admit`), never on the event loop: a busy database would stall every request.

The order of the checks is: API switch (503), credentials (401), integration switch (403),
rate limit (429), scope (403).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from sqlalchemy import select

from enamel.db import Database
from enamel.errors import ApiOff, IntegrationOff, RateLimited, ScopeMissing, Unauthorized
from enamel.models import ApiState, Integration
from enamel.models.enums import EnumPermType
from enamel.security.integrations import API_STATE_NUM
from enamel.security.keys import key_hash, same_hash
from enamel.security.ratelimit import Limiter
from enamel.security.scopes import Scope, allows, parse_scopes, permissions_for

SWITCH_DELAY = 0.5
"""Seconds a process may act on a switch or key it read earlier."""

SCHEME = "ODFHIR"


@dataclass(frozen=True)
class Credential:
    """An integration as the door sees it."""

    num: int
    name: str
    developer_key_hash: str
    scopes: frozenset[Scope]
    permissions: frozenset[EnumPermType]
    rate_limit: int
    enabled: bool
    off_reason: str
    sql_enabled: bool = True
    sql_off_reason: str = ""


@dataclass(frozen=True)
class Snapshot:
    by_customer_key: dict[str, Credential]
    api_on: bool
    api_reason: str
    taken: float


class Gate:
    def __init__(self, database: Database, limiter: Limiter, delay: float = SWITCH_DELAY) -> None:
        self._database = database
        self._limiter = limiter
        self._delay = delay
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None

    def fresh(self) -> Snapshot | None:
        """The snapshot, while it is younger than the delay; None when it must be read again
        (`snapshot`, a query)."""
        snap = self._snapshot
        if snap is not None and time.monotonic() - snap.taken < self._delay:
            return snap
        return None

    def snapshot(self) -> Snapshot:
        snap = self._snapshot
        if snap is not None and time.monotonic() - snap.taken < self._delay:
            return snap
        with self._lock:
            snap = self._snapshot
            if snap is None or time.monotonic() - snap.taken >= self._delay:
                snap = self._snapshot = self._load()
        return snap

    def _load(self) -> Snapshot:
        taken = time.monotonic()
        with self._database.read_engine.connect() as conn:
            rows = conn.execute(
                select(
                    Integration.IntegrationNum,
                    Integration.Name,
                    Integration.DeveloperKeyHash,
                    Integration.CustomerKeyHash,
                    Integration.Scopes,
                    Integration.RateLimit,
                    Integration.IsEnabled,
                    Integration.OffReason,
                    Integration.SqlEnabled,
                    Integration.SqlOffReason,
                )
            ).all()
            api = conn.execute(
                select(ApiState.IsEnabled, ApiState.OffReason).where(
                    ApiState.ApiStateNum == API_STATE_NUM
                )
            ).first()
        by_key = {}
        for num, name, dev, cust, scopes, rate, enabled, reason, sql_on, sql_reason in rows:
            granted = parse_scopes(scopes)
            by_key[cust] = Credential(
                num,
                name,
                dev,
                granted,
                permissions_for(granted),
                rate,
                bool(enabled),
                reason,
                bool(sql_on),
                sql_reason,
            )
        api_on = True if api is None else bool(api[0])
        return Snapshot(by_key, api_on, "" if api is None else api[1], taken)

    def identify(self, authorization: str | None, snap: Snapshot | None = None) -> Credential:
        """The integration the keys belong to (401), unless the whole API is off (503); by
        `snap` when given (a fresh one), else by `snapshot()`."""
        snap = snap or self.snapshot()
        if not snap.api_on:
            raise ApiOff(f"The API is switched off by the office: {snap.api_reason}")
        return self._identify(snap, authorization)

    def check(self, cred: Credential, needed: Scope) -> None:
        """Refuse it when switched off (403), over its rate (429) or lacking the scope (403)."""
        if not cred.enabled:
            raise IntegrationOff(
                f"Integration '{cred.name}' is switched off by the office: {cred.off_reason}"
            )
        wait = self._limiter.take(cred.num, cred.rate_limit)
        if wait > 0:
            raise RateLimited(
                f"Integration '{cred.name}' is over its rate limit of "
                f"{cred.rate_limit} requests per second; retry after {wait:.1f} s",
                retry_after=wait,
            )
        if not allows(cred.scopes, needed):
            raise ScopeMissing(
                f"Integration '{cred.name}' lacks the scope {needed.value}", field="scope"
            )
        if needed is Scope.QUERIES and not cred.sql_enabled:
            raise IntegrationOff(
                f"SQL access of integration '{cred.name}' is switched off: {cred.sql_off_reason}"
            )

    @staticmethod
    def _identify(snap: Snapshot, authorization: str | None) -> Credential:
        if not authorization:
            raise Unauthorized(
                "Missing Authorization header: send 'Authorization: ODFHIR "
                "{DeveloperKey}/{CustomerKey}'"
            )
        scheme, _, keys = authorization.strip().partition(" ")
        developer, slash, customer = keys.strip().partition("/")
        if scheme.upper() != SCHEME or not slash or not developer or not customer:
            raise Unauthorized(
                "Malformed Authorization header: expected 'ODFHIR {DeveloperKey}/{CustomerKey}'"
            )
        cred = snap.by_customer_key.get(key_hash(customer))
        if cred is None or not same_hash(key_hash(developer), cred.developer_key_hash):
            raise Unauthorized("Unknown DeveloperKey or CustomerKey")
        return cred
