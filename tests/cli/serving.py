"""Running `enamel serve` as a real process on a free port, for tests."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from typing import Any

ENAMEL = [sys.executable, "-m", "enamel.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    base: str
    process: subprocess.Popen[str]
    output: str = ""

    def call(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, Message, Any]:
        """(status, headers (case-insensitive), JSON body or text) of a GET on a new connection."""
        request = urllib.request.Request(self.base + path, headers=headers or {})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=5) as r:  # noqa: S310 - loopback
                raw, status, got = r.read(), r.status, r.headers
        except urllib.error.HTTPError as e:
            raw, status, got = e.read(), e.code, e.headers
        try:
            return status, got, json.loads(raw)
        except ValueError:
            return status, got, raw.decode()


@contextmanager
def serving(url: str, *args: str, workers: int = 1) -> Iterator[Server]:
    port = free_port()
    env = {**os.environ, "ENAMEL_DATABASE_URL": url}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    process = subprocess.Popen(  # noqa: S603 - our own command
        [*ENAMEL, "serve", *args, "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    server = Server(f"http://127.0.0.1:{port}", process)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if server.call("/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("the server never answered /healthz")
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        server.output, _ = process.communicate(timeout=30)
