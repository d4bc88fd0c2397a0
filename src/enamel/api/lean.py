"""Lean GET routes: the hot reads, served without FastAPI's per-request parameter parsing and
dependency solving (about 100 µs a request, more than the query itself).

A lean endpoint takes only the request and reads its own parameters with the helpers below,
which answer the same 400s as the rest of the API. Its parameters are documented with
`documented(...)` (the OpenAPI document stays complete), and its scope is declared as on every
route (`dependencies=[Depends(reader(scope))]`): `LeanRoute` checks it before the endpoint
runs, instead of FastAPI.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from fastapi import Request, Response

from enamel.api.access import admit
from enamel.api.inputs import ExactJSONRoute
from enamel.api.paging import DEFAULT_LIMIT, MAX_LIMIT, Page
from enamel.errors import InvalidInput

KEY_MAX = 2**63 - 1


class LeanRoute(ExactJSONRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        calls = [d.call for d in self.dependant.dependencies if d.call is not None]
        scopes = [c.scope for c in calls if hasattr(c, "scope")]
        if len(scopes) != 1:
            raise TypeError(f"{self.path}: a lean route declares exactly one scope")
        scope = scopes[0]
        endpoint: Callable[[Request], Awaitable[Response]] = self.endpoint

        async def handler(request: Request) -> Response:
            await admit(request, scope)
            return await endpoint(request)

        return handler


def key_in(request: Request, name: str) -> int:
    """A row key from the path: 0 to 2^63-1, else 400 naming it."""
    raw = request.path_params.get(name, "")
    if not (isinstance(raw, str) and raw.isascii() and raw.isdigit()) or int(raw) > KEY_MAX:
        raise InvalidInput(f"{name}: {raw!r} is not a valid key (0 to {KEY_MAX})", field=name)
    return int(raw)


def page_in(request: Request) -> Page:
    query = request.query_params
    offset = _whole(query.get("Offset"), "Offset", 0, 0, 2**31)
    limit = _whole(query.get("Limit"), "Limit", DEFAULT_LIMIT, 1, 2**31)
    return Page(offset, min(limit, MAX_LIMIT))


def _whole(raw: str | None, name: str, default: int, low: int, high: int) -> int:
    if raw is None:
        return default
    text = raw.strip()
    digits = text[1:] if text.startswith("-") else text
    if not (digits.isascii() and digits.isdigit()) or not low <= int(text) <= high:
        raise InvalidInput(f"{name} must be a whole number from {low} to {high}", field=name)
    return int(text)


def documented(
    *, path: tuple[str, ...] = (), query: dict[str, str] | None = None, paged: bool = False
) -> dict[str, Any]:
    """`openapi_extra` naming a lean route's parameters (they are all read as text)."""
    params: list[dict[str, Any]] = [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": {"type": "integer", "minimum": 0, "maximum": KEY_MAX},
        }
        for name in path
    ]
    if paged:
        params += [
            {
                "name": "Offset",
                "in": "query",
                "required": False,
                "description": "Rows to skip.",
                "schema": {"type": "integer", "minimum": 0, "maximum": 2**31, "default": 0},
            },
            {
                "name": "Limit",
                "in": "query",
                "required": False,
                "description": f"Rows per page (default {DEFAULT_LIMIT}; above {MAX_LIMIT} "
                f"is answered with {MAX_LIMIT}).",
                "schema": {"type": "integer", "minimum": 1, "default": DEFAULT_LIMIT},
            },
        ]
    params += [
        {
            "name": name,
            "in": "query",
            "required": False,
            "description": description,
            "schema": {"type": "string"},
        }
        for name, description in (query or {}).items()
    ]
    return {"parameters": params}
