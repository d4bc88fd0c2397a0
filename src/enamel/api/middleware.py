"""Around every API request: a request id, a body-size limit, activity and metrics.

A pure ASGI middleware (no per-request task or body copy), so it costs microseconds.
"""

from __future__ import annotations

import re
import time
import uuid
from typing import Any

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from enamel.api import PREFIX, metrics
from enamel.errors import TooLarge
from enamel.security.activity import Activity

MAX_BODY = 1024 * 1024
"""Bytes per request body. Open Dental allows far more (16.8M characters), but no request for
one patient, appointment or payment comes near a megabyte; a larger one is refused with 413."""

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


class ApiMiddleware:
    def __init__(self, app: ASGIApp, activity: Activity, prefix: str = "/api/") -> None:
        self.app = app
        self.activity = activity
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        headers = dict(scope["headers"])
        given = headers.get(b"x-request-id", b"").decode("latin-1")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-request-id", request_id.encode()),
                ]
            await send(message)

        try:
            length = headers.get(b"content-length", b"0")
            if not length.isdigit() or int(length) > MAX_BODY:
                await _too_large(send_with_id)
                return
            await self.app(scope, _limited(receive), send_with_id)
        finally:
            seconds = time.perf_counter() - start
            cred = state.get("integration")
            route = scope.get("route")
            template = getattr(route, "path", "unmatched")
            if not template.startswith(PREFIX) and template != "unmatched":
                template = PREFIX + template  # a route of an included router: its own part
            if cred is not None:
                self.activity.count(cred.num, int(seconds * 1000), status >= 400)
            metrics.observe(
                cred.name if cred is not None else "-", scope["method"], template, status, seconds
            )


def _limited(receive: Receive) -> Receive:
    """Refuse a body that grows past the limit without announcing its length."""
    seen = 0

    async def guarded() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > MAX_BODY:
                raise TooLarge(f"The request body is larger than {MAX_BODY} bytes")
        return message

    return guarded


async def _too_large(send: Any) -> None:
    error = TooLarge(f"The request body is larger than {MAX_BODY} bytes (or its length is unclear)")
    body = orjson.dumps(error.body())
    await send(
        {
            "type": "http.response.start",
            "status": error.status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
