"""The HTTP benchmark's load generator: it counts every answer and its status, reads bodies
split across packets, and stops at its time cap."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
from bench.loadgen import Request, load


def _serve(listener: socket.socket, stop: threading.Event) -> None:
    """A keep-alive HTTP/1.1 server: 200 with a JSON body, 409 for /taken, slow for /slow;
    each answer is sent in two pieces."""
    while not stop.is_set():
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        threading.Thread(target=_client, args=(conn,), daemon=True).start()


def _client(conn: socket.socket) -> None:
    buffer = b""
    with conn:
        while True:
            while b"\r\n\r\n" not in buffer:
                data = conn.recv(65536)
                if not data:
                    return
                buffer += data
            head, _, buffer = buffer.partition(b"\r\n\r\n")
            lines = head.decode().split("\r\n")
            length = 0
            for line in lines[1:]:
                name, _, value = line.partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            while len(buffer) < length:
                buffer += conn.recv(65536)
            buffer = buffer[length:]
            path = lines[0].split(" ")[1]
            if path == "/slow":
                time.sleep(0.05)
            status = b"409 Conflict" if path == "/taken" else b"200 OK"
            body = b'{"path": "' + path.encode() + b'", "padding": "' + b"x" * 3000 + b'"}'
            answer = (
                b"HTTP/1.1 " + status + b"\r\nContent-Type: application/json\r\n"
                b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
            )
            conn.sendall(answer[:40])
            conn.sendall(answer[40:])


@pytest.fixture
def port() -> Iterator[int]:
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()
    thread = threading.Thread(target=_serve, args=(listener, stop), daemon=True)
    thread.start()
    yield int(listener.getsockname()[1])
    stop.set()
    listener.close()


def test_every_request_is_answered_and_counted_by_status(port: int) -> None:
    requests = [Request("GET", f"/p/{i}") for i in range(30)]
    requests += [Request("POST", "/taken", b'{"a": 1}')] * 5
    result = load(port, requests, connections=3, cap=30)
    assert result.requests == result.planned == 35
    assert result.statuses == {200: 30, 409: 5}
    assert result.failures == 5
    assert result.errors and result.errors[0].startswith("409 ")
    assert not result.capped
    assert result.rate > 0


def test_the_time_cap_stops_a_round_early(port: int) -> None:
    result = load(port, [Request("GET", "/slow")] * 200, connections=2, cap=0.3)
    assert result.capped
    assert 0 < result.requests < 200
    assert result.failures == 0
