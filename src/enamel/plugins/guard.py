"""The guard around plug-in code: what a plug-in may not do while its code runs.

While a hook (or a plug-in's import) runs, a context variable names the plug-in; the calls
its context makes into Enamel's services clear it for their duration. A Python audit hook
(`sys.addaudithook`) refuses, while the variable is set:

- opening a SQLite database (`sqlite3.connect`) and any connection to the database servers'
  ports (and Redis's) or over a Unix socket (`socket.connect`), so the bundled drivers cannot
  reach the practice database; plug-ins may still call other network services (webhooks);
- opening, removing, renaming or changing Enamel's files: the SQLite database and its
  journals, the seal key (and its rotation's files), the checkpoint folder (`open`,
  `os.remove`, `os.rename`, `shutil.rmtree`...);
- starting programs (`subprocess.Popen`, `os.system`, `os.exec*`, `os.posix_spawn`,
  `os.spawn*`, `os.fork`), signalling processes (`os.kill`), loading native code
  (`ctypes.dlopen`, `ctypes.dlsym`), walking the interpreter's objects or frames to find
  Enamel's engines (`gc.get_objects`, `gc.get_referrers`, `gc.get_referents`,
  `sys._current_frames`), and watching Enamel's code (`sys.settrace`, `sys.setprofile`,
  `sys.addaudithook`).

Enamel's own engines refuse to hand a connection to plug-in code (a pool `checkout` listener),
and psycopg's `Connection.connect`, whose libpq connects without a Python socket, refuses too.

This is defence in depth, not a sandbox: Python code in Enamel's process can escape it (for
example from a thread it starts, which does not inherit the variable, or by reading Enamel's
objects, the seal key among them, through attributes and closures, which raise no audit
event). What gets through is caught afterwards: a row written around the services has no
seal and no transaction marker, and `enamel audit verify` reports it.
"""

from __future__ import annotations

import contextvars
import os
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.pool import Pool

_RUNNING: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "enamel_plugin_running", default=None
)

REFUSED_EVENTS = {
    "sqlite3.connect": "open a SQLite database",
    "subprocess.Popen": "start a program",
    "os.system": "start a program",
    "os.exec": "start a program",
    "os.posix_spawn": "start a program",
    "os.spawn": "start a program",
    "os.fork": "fork the server",
    "os.forkpty": "fork the server",
    "ctypes.dlopen": "load native code",
    "ctypes.dlsym": "load native code",
    "gc.get_objects": "walk the interpreter's objects",
    "gc.get_referrers": "walk the interpreter's objects",
    "gc.get_referents": "walk the interpreter's objects",
    "sys._current_frames": "look at other threads",
    "sys.addaudithook": "add an audit hook",
    "sys.settrace": "trace the server's code",
    "sys.setprofile": "trace the server's code",
    "os.kill": "signal a process",
    "os.killpg": "signal a process",
    "signal.pthread_kill": "signal a thread",
}
PATH_EVENTS = frozenset(
    {
        "open",
        "os.remove",
        "os.rename",
        "os.truncate",
        "os.chmod",
        "os.chown",
        "os.link",
        "os.symlink",
        "os.rmdir",
        "os.utime",
        "shutil.copyfile",
        "shutil.move",
        "shutil.rmtree",
    }
)
"""Events whose path arguments are checked against Enamel's files."""
DATABASE_PORTS = {3306, 5432, 6379}
"""MariaDB's, PostgreSQL's and Redis's default ports; the configured ones are added."""


class PluginRefused(PermissionError):
    """Plug-in code tried something the guard refuses."""


_lock = threading.Lock()
_installed = False
_ports: set[int] = set(DATABASE_PORTS)
_paths: set[str] = set()
"""Absolute paths (and path prefixes) plug-in code may not open."""


def running() -> str | None:
    """The plug-in whose code runs in this context, or None."""
    return _RUNNING.get()


@contextmanager
def as_plugin(name: str) -> Iterator[None]:
    token = _RUNNING.set(name)
    try:
        yield
    finally:
        _RUNNING.reset(token)


@contextmanager
def trusted() -> Iterator[None]:
    """Enamel's own code called by a plug-in (its context's services): not guarded."""
    token = _RUNNING.set(None)
    try:
        yield
    finally:
        _RUNNING.reset(token)


def refuse(what: str) -> None:
    name = _RUNNING.get()
    if name is not None:
        raise PluginRefused(f"plug-in {name!r} may not {what}; use its context's services")


def protect(*, ports: set[int] = frozenset(), paths: list[str] = ()) -> None:  # type: ignore[assignment]
    """Add ports and files plug-in code may not reach; install the guard once per process."""
    with _lock:
        _ports.update(ports)
        # A trailing separator (a folder) is kept: "/a/b/" must not match "/a/bc".
        _paths.update(os.path.join(os.path.abspath(p), "") if p.endswith(os.sep) else
                      os.path.abspath(p) for p in paths if p)  # fmt: skip
        _install()


def _install() -> None:
    global _installed
    if _installed:
        return
    _installed = True
    sys.addaudithook(_audit)
    event.listen(Pool, "checkout", _checkout)
    _guard_psycopg()


def _audit(name: str, args: tuple[Any, ...]) -> None:
    plugin = _RUNNING.get()
    if plugin is None:
        return
    what = REFUSED_EVENTS.get(name)
    if what is not None:
        raise PluginRefused(f"plug-in {plugin!r} may not {what}")
    if name == "socket.connect":
        _check_connect(plugin, args)
    elif name in PATH_EVENTS:
        for arg in args[:2]:
            if isinstance(arg, str | bytes) and _protected(os.fsdecode(arg)):
                raise PluginRefused(f"plug-in {plugin!r} may not touch {os.fsdecode(arg)}")


def _protected(path: str) -> bool:
    path = os.path.abspath(path)
    return any(path.startswith(p) or path == p.rstrip(os.sep) for p in _paths)


def _check_connect(plugin: str, args: tuple[Any, ...]) -> None:
    sock, address = (*args, None, None)[:2]
    family = getattr(sock, "family", None)
    if family == getattr(socket, "AF_UNIX", object()) or isinstance(address, str | bytes):
        raise PluginRefused(f"plug-in {plugin!r} may not connect to a local socket")
    if isinstance(address, tuple) and len(address) >= 2 and address[1] in _ports:
        raise PluginRefused(
            f"plug-in {plugin!r} may not connect to port {address[1]} (a database's)"
        )


def _checkout(_dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    # Raised here, SQLAlchemy closes that connection and returns its slot to the pool.
    refuse("use Enamel's database connections")


def _guard_psycopg() -> None:
    """psycopg's connections come from libpq, which opens its sockets below Python's audit
    events: its `connect` (the class method, and the module's alias of it) asks first."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover - a dependency
        return
    original = psycopg.Connection.connect.__func__  # type: ignore[attr-defined]

    def connect(cls: Any, *args: Any, **kwargs: Any) -> Any:
        refuse("connect to a database")
        return original(cls, *args, **kwargs)

    psycopg.Connection.connect = classmethod(connect)  # type: ignore[method-assign,assignment]
    psycopg.connect = psycopg.Connection.connect
