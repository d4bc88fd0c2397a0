"""A bounded HTTP/1.1 load generator for loopback: a fixed list of requests sent over a fixed
number of keep-alive connections, each connection sending its next request when the previous
answer is complete, with a time cap.

It is a bare asyncio protocol on uvloop (no HTTP client library), so that on a two-core machine
the client costs far less than the servers it measures. It understands only what uvicorn sends:
a status line, headers and a `Content-Length` body.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

import uvloop

HEAD_END = b"\r\n\r\n"


class ProtocolError(RuntimeError):
    """An answer the generator cannot read (no Content-Length, a closed connection)."""


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()

    def encode(self, host: str) -> bytes:
        lines = [f"{self.method} {self.path} HTTP/1.1", f"Host: {host}"]
        lines += [f"{k}: {v}" for k, v in self.headers]
        if self.body or self.method in ("POST", "PUT"):
            lines.append("Content-Type: application/json")
            lines.append(f"Content-Length: {len(self.body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + self.body


@dataclass
class LoadResult:
    requests: int
    """Requests answered."""
    planned: int
    seconds: float
    statuses: Counter[int] = field(default_factory=Counter)
    capped: bool = False
    """The time cap ended the round before every planned request was sent."""
    sample: bytes = b""
    """The body of the last answer: checked by the caller, never timed."""
    errors: list[str] = field(default_factory=list)
    """Bodies of the first few answers that were not 2xx, for the report."""

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    @property
    def failures(self) -> int:
        return sum(n for status, n in self.statuses.items() if not 200 <= status < 300)


class _Run:
    """What the connections share: the requests still to send and the tallies."""

    def __init__(self, payloads: Sequence[bytes], deadline: float) -> None:
        self.payloads = payloads
        self.next = 0
        self.deadline = deadline
        self.capped = False
        self.answered = 0
        self.statuses: Counter[int] = Counter()
        self.sample = b""
        self.errors: list[str] = []

    def take(self) -> bytes | None:
        if self.next >= len(self.payloads):
            return None
        if time.perf_counter() > self.deadline:
            self.capped = True
            return None
        payload = self.payloads[self.next]
        self.next += 1
        return payload


class _Connection(asyncio.Protocol):
    def __init__(self, run: _Run, done: asyncio.Future[None]) -> None:
        self.run = run
        self.done = done
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None
        self.status = 0
        self.body_at = -1
        self.length = -1

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass
        self._send_next()

    def _send_next(self) -> None:
        payload = self.run.take()
        assert self.transport is not None
        if payload is None:
            self.transport.close()
            if not self.done.done():
                self.done.set_result(None)
            return
        self.transport.write(payload)

    def data_received(self, data: bytes) -> None:
        buf = self.buffer
        buf += data
        while True:
            if self.body_at < 0:
                end = buf.find(HEAD_END)
                if end < 0:
                    return
                head = bytes(buf[:end]).decode("latin-1").split("\r\n")
                self.status = int(head[0].split(" ", 2)[1])
                self.length = -1
                for line in head[1:]:
                    name, _, value = line.partition(":")
                    if name.strip().lower() == "content-length":
                        self.length = int(value.strip())
                if self.length < 0:
                    self._fail(ProtocolError(f"an answer without Content-Length: {head[0]}"))
                    return
                self.body_at = end + len(HEAD_END)
            if len(buf) < self.body_at + self.length:
                return
            body = bytes(buf[self.body_at : self.body_at + self.length])
            del buf[: self.body_at + self.length]
            self.body_at = -1
            self._answered(body)
            if self.transport is None or self.transport.is_closing():
                return

    def _answered(self, body: bytes) -> None:
        run = self.run
        run.answered += 1
        run.statuses[self.status] += 1
        run.sample = body
        if not 200 <= self.status < 300 and len(run.errors) < 5:
            run.errors.append(f"{self.status} {body[:300].decode('utf-8', 'replace')}")
        self._send_next()

    def _fail(self, error: Exception) -> None:
        if self.transport is not None:
            self.transport.close()
        if not self.done.done():
            self.done.set_exception(error)

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.done.done():
            self.done.set_exception(
                ProtocolError(f"the server closed the connection: {exc or 'closed'}")
            )


async def _drive(
    host: str, port: int, payloads: Sequence[bytes], connections: int, cap: float
) -> LoadResult:
    loop = asyncio.get_running_loop()
    started = time.perf_counter()
    run = _Run(payloads, started + cap)
    futures: list[asyncio.Future[None]] = []
    for _ in range(min(connections, len(payloads))):
        done: asyncio.Future[None] = loop.create_future()
        futures.append(done)
        await loop.create_connection(lambda d=done: _Connection(run, d), host, port)  # type: ignore[misc]
    await asyncio.gather(*futures)
    seconds = time.perf_counter() - started
    return LoadResult(
        requests=run.answered,
        planned=len(payloads),
        seconds=seconds,
        statuses=run.statuses,
        capped=run.capped,
        sample=run.sample,
        errors=run.errors,
    )


def load(
    port: int,
    requests: Sequence[Request],
    *,
    connections: int,
    cap: float,
    host: str = "127.0.0.1",
) -> LoadResult:
    """Send `requests` in order over `connections` keep-alive connections; stop sending when
    `cap` seconds have passed. The clock runs from the first connection to the last answer."""
    authority = f"{host}:{port}"
    payloads = [r.encode(authority) for r in requests]
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(_drive(host, port, payloads, connections, cap))
