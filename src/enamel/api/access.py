"""Who is calling: the dependencies every API route declares (`reader`, `writer`).

`reader(scope)` admits the request through the gate (switches, keys, rate limit, scope) without
touching the database (but to read the switches again every `SWITCH_DELAY`, in the thread
pool). `writer(scope)` does the same and builds the `Actor` the services log: the integration,
the office user it acts for (header `X-Enamel-User`, a user name or UserNum, optional), the
client address and the request id.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import Request
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from enamel.db import Database
from enamel.errors import InvalidInput
from enamel.models import Userod
from enamel.security.actor import Actor, ActorKind
from enamel.security.gate import Credential, Gate
from enamel.security.scopes import Scope

USER_HEADER = "X-Enamel-User"


async def admit(request: Request, scope: Scope) -> Credential:
    gate: Gate = request.app.state.gate
    # Reading the keys and switches again is a query: in the thread pool, not on the event
    # loop, which keeps serving the requests that need no query meanwhile.
    snap = gate.fresh() or await run_in_threadpool(gate.snapshot)
    cred = gate.identify(request.headers.get("authorization"), snap)
    request.state.integration = cred  # counted in the activity even when refused below
    gate.check(cred, scope)
    return cred


def reader(scope: Scope) -> Callable[[Request], Awaitable[Credential]]:
    async def read_access(request: Request) -> Credential:
        return await admit(request, scope)

    read_access.scope = scope  # type: ignore[attr-defined]
    return read_access


def writer(scope: Scope) -> Callable[[Request], Awaitable[Actor]]:
    async def write_access(request: Request) -> Actor:
        cred = await admit(request, scope)
        given = request.headers.get(USER_HEADER, "").strip()
        user_num, user_name = (
            await run_in_threadpool(_office_user, request.app.state.db, given) if given else (0, "")
        )
        return Actor(
            kind=ActorKind.INTEGRATION,
            name=cred.name,
            permissions=cred.permissions,
            user_num=user_num,
            user_name=user_name,
            client_address=request.client.host if request.client else "",
            request_id=request.state.request_id,
        )

    write_access.scope = scope  # type: ignore[attr-defined]
    return write_access


def _office_user(db: Database, given: str) -> tuple[int, str]:
    where = Userod.UserNum == int(given) if given.isdigit() else Userod.UserName == given
    with db.read() as session:
        row = session.execute(
            select(Userod.UserNum, Userod.UserName, Userod.IsHidden).where(where)
        ).first()
    if row is None or row.IsHidden:
        raise InvalidInput(f"{USER_HEADER}: no active office user {given!r}", field=USER_HEADER)
    return row.UserNum, row.UserName


def database(request: Request) -> Database:
    """The database the application serves."""
    return request.app.state.db  # type: ignore[no-any-return]
