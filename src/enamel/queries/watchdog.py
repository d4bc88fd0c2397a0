"""SQLite's statement time limit: a thread of its own interrupts a governed read at its deadline.

MariaDB and PostgreSQL stop a statement themselves (`max_statement_time`, `statement_timeout`);
SQLite has no such setting. A progress handler would call into Python every few thousand of
SQLite's instructions, taking the interpreter lock each time from a thread that otherwise runs
without it (the driver lets go of it while SQLite works): with the server's event loop busy on
the other thread, each call waits for its turn, and a 1000-row read answered a fifth fewer
requests a second. Here nothing calls into Python while a read runs: the watchdog sleeps until
the earliest deadline it watches and then calls `sqlite3.Connection.interrupt()`, which SQLite
allows from another thread; the statement then fails with "interrupted", as it did with the
progress handler. The thread is woken only when a read's deadline is earlier than the one it
sleeps until, so reads with the same time limit, one after the other, wake it about once per
time limit.
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class Watchdog:
    """Interrupts the SQLite connections whose deadline has passed while they are watched."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._watched: dict[int, tuple[float, sqlite3.Connection]] = {}
        self._tokens = itertools.count()
        self._wakes: float | None = None
        """When the thread wakes next (`time.monotonic()`); None while it waits for work."""
        self._thread: threading.Thread | None = None

    @contextmanager
    def limit(self, connection: sqlite3.Connection, seconds: float) -> Iterator[None]:
        """Statements on `connection` within the block are interrupted once `seconds` have
        passed; not after the block (the connection's next user is never interrupted)."""
        deadline = time.monotonic() + seconds
        with self._changed:
            token = next(self._tokens)
            self._watched[token] = (deadline, connection)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="enamel-sqlite-watchdog", daemon=True
                )
                self._thread.start()
            elif self._wakes is None or deadline < self._wakes:
                self._changed.notify()
        try:
            yield
        finally:
            with self._changed:
                self._watched.pop(token, None)

    def _run(self) -> None:
        with self._changed:
            while True:
                now = time.monotonic()
                for token, (deadline, connection) in list(self._watched.items()):
                    if deadline <= now:
                        del self._watched[token]
                        connection.interrupt()
                self._wakes = min((d for d, _ in self._watched.values()), default=None)
                self._changed.wait(None if self._wakes is None else self._wakes - now)


WATCHDOG = Watchdog()
"""The process's watchdog for governed reads of SQLite databases."""
