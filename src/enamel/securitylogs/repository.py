"""Reading the security log for the API: only the entries of the integration that asks."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select

from enamel.api.paging import Page
from enamel.models import SecurityLog
from enamel.models.enums import EnumPermType
from enamel.security.actor import ActorKind
from enamel.securitylogs.schemas import SECURITY_LOG

S = SecurityLog

_PAGE = SECURITY_LOG.select().where(S.ActorKind == ActorKind.INTEGRATION.value)


def page_of(
    conn: Connection, integration: str, perm: EnumPermType | None, paging: Page
) -> list[dict[str, Any]]:
    """The entries written for `integration` (never the office's, never another program's),
    oldest first, so that paging with Offset stays stable while new entries arrive."""
    stmt: Select[Any] = _PAGE.where(S.ActorName == integration)
    if perm is not None:
        stmt = stmt.where(S.PermType == perm)
    stmt = stmt.order_by(S.SecurityLogNum).offset(paging.offset).limit(paging.limit)
    return SECURITY_LOG.rows(conn.execute(stmt))
