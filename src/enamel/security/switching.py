"""Switching an integration as one step for the office pages: the switch (a logged service
call, in its own transaction) and then its database account's lock (DDL, outside it), as
`enamel integrations off/on` does."""

from __future__ import annotations

from enamel.db import Database
from enamel.models import Integration
from enamel.queries import accounts
from enamel.security.actor import Actor
from enamel.security.integrations import switch_integration


def switch(db: Database, actor: Actor, name: str, *, on: bool, reason: str = "") -> Integration:
    with db.write() as session:
        row = switch_integration(session, actor, name, on=on, reason=reason)
    accounts.sync_lock(db, row.Name)
    return row
