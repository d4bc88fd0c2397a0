"""Running one piece of plug-in code: in a worker thread, guarded, with a time limit.

The worker is a daemon thread: a hook that never returns cannot keep the server from
stopping. Its context is closed when the call ends or times out, so a hook that wakes up later
can no longer act through it.
"""

from __future__ import annotations

import contextvars
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from enamel.plugins import guard

DEPTH: contextvars.ContextVar[int] = contextvars.ContextVar("enamel_plugin_depth", default=0)
"""How many hook calls this one runs inside (a plug-in's change heard by another plug-in)."""


@dataclass(frozen=True)
class Outcome:
    value: Any = None
    error: BaseException | None = None
    timed_out: bool = False
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None and not self.timed_out


def run(plugin: str, fn: Callable[[], Any], timeout: float) -> Outcome:
    """Call `fn` as plug-in code: in its own thread, guarded, for at most `timeout` seconds."""
    box: dict[str, Any] = {}
    done = threading.Event()
    context = contextvars.copy_context()
    depth = DEPTH.get() + 1

    def work() -> None:
        DEPTH.set(depth)
        try:
            with guard.as_plugin(plugin):
                box["value"] = fn()
        except BaseException as exc:  # a plug-in's failure, whatever it is
            box["error"] = exc
        finally:
            done.set()

    started = time.monotonic()
    worker = threading.Thread(
        target=context.run, args=(work,), name=f"enamel-plugin-{plugin}", daemon=True
    )
    worker.start()
    finished = done.wait(timeout)
    seconds = time.monotonic() - started
    if not finished:
        return Outcome(timed_out=True, seconds=seconds)
    return Outcome(value=box.get("value"), error=box.get("error"), seconds=seconds)


class Strikes:
    """Failures per plug-in within a window: `add` answers how many are in the window now."""

    def __init__(self, window: float) -> None:
        self.window = window
        self._times: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def add(self, plugin: str) -> int:
        now = time.monotonic()
        with self._lock:
            times = self._times.setdefault(plugin, deque())
            times.append(now)
            while times and times[0] < now - self.window:
                times.popleft()
            return len(times)

    def clear(self, plugin: str) -> None:
        with self._lock:
            self._times.pop(plugin, None)
