"""Sessions and the edge that owns the transaction (DESIGN.md section 2).

Services receive a session and never commit, roll back or begin: the edge (one HTTP request,
one CLI command, one hook call) opens the session with `Database.write()`, and commits when
the service returns or rolls back when it raises, so a change and its security-log row exist
together or not at all. `require_write` lets a service check that it runs inside such an edge.

`ReadSession` and `WriteSession` are distinct types for mypy: write services take a
`WriteSession`, which only `Database.write()` hands out.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NewType, Protocol

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from enamel.db.engine import make_engine, normalise_url

if TYPE_CHECKING:
    from enamel.audit.writer import Auditor

ReadSession = NewType("ReadSession", Session)
WriteSession = NewType("WriteSession", ReadSession)

_EDGE = "enamel.edge"


class EdgeHooks(Protocol):
    """Told about each write edge: when its session opens, and after it committed (never
    after a rollback). The plug-in host is one (`enamel.plugins.host`)."""

    def opened(self, session: Session) -> None: ...

    def committed(self, session: Session) -> None: ...


class EdgeMissing(RuntimeError):
    """A service was called with a session that no edge opened: a programming error."""


def require_write(db: Session) -> None:
    if db.info.get(_EDGE) != "write":
        raise EdgeMissing("write services need a session from Database.write()")


class Database:
    """The engines for one database URL."""

    def __init__(self, url: str | URL, *, audit: bool = True) -> None:
        """`audit=False` writes without seals, chain links or the capture marker: only the
        benchmarks use it, to measure what auditing costs."""
        self.url = normalise_url(url)
        self.audit = audit
        self.write_engine: Engine = make_engine(self.url, writable=True)
        self.read_engine: Engine = make_engine(self.url, writable=False)
        self._auditor: Auditor | None = None
        self._query_engine: Engine | None = None
        self._query_url: URL | None = None
        self.replica_url: URL | None = None
        """A read replica for governed SQL reads (ENAMEL_QUERY_DATABASE_URL), or None."""
        self.hooks: EdgeHooks | None = None
        """Told about every write edge (the plug-in host, while a server runs), or None."""

    @property
    def query_engine(self) -> Engine:
        """A read-only engine of its own for governed SQL reads (`enamel.queries`), so that long
        reports never hold the API's read connections."""
        if self._query_engine is None:
            self._query_engine = make_engine(self._query_url or self.url, writable=False)
        return self._query_engine

    def use_query_url(self, url: URL) -> None:
        """Connect governed reads with another account or to a replica (`enamel.queries`)."""
        if url == (self._query_url or self.url) and self._query_engine is not None:
            return
        self._query_url = url
        if self._query_engine is not None:
            self._query_engine.dispose()
            self._query_engine = None

    @property
    def dialect(self) -> str:
        return self.write_engine.dialect.name

    def auditor(self) -> Auditor:
        """Seals and chains this database's writes; opened, and its key checked, on first use."""
        if self._auditor is None:
            from enamel.audit.writer import open_auditor  # enamel.audit builds on enamel.db

            with self.write_engine.begin() as conn:
                self._auditor = open_auditor(conn)
        return self._auditor

    @contextmanager
    def unaudited(self) -> Iterator[Connection]:
        """A transaction on the write engine outside the audited edge, committed when the block
        ends: schema and trigger changes (the capture triggers, the audit lock) and Enamel's
        own bookkeeping rows. Never for practice data: those writes go through `write()`."""
        with self.write_engine.begin() as conn:
            yield conn

    def forget_auditor(self) -> None:
        """Open the auditor again on next use: after the database was emptied (tests do,
        between tests), its key and database id are recorded anew."""
        self._auditor = None

    @contextmanager
    def write(self) -> Iterator[WriteSession]:
        """The edge: commits when the block ends normally, rolls back when it raises.

        Before the commit, the auditor seals the rows the transaction wrote and chains its
        security-log entries, in the same transaction (`enamel.audit.writer`). After the
        commit, `hooks` (the plug-ins' after-change hooks) hear what it changed."""
        from enamel.audit.writer import AuditedSession

        auditor = self.auditor() if self.audit else None
        hooks = self.hooks
        session_class = AuditedSession if auditor else Session
        with session_class(self.write_engine, expire_on_commit=False, autoflush=True) as session:
            session.info[_EDGE] = "write"
            if auditor:
                auditor.start(session)
            if hooks is not None:
                hooks.opened(session)
            try:
                yield WriteSession(ReadSession(session))
                if auditor:
                    auditor.finish(session)
                session.commit()
            except BaseException:
                session.rollback()
                raise
            if hooks is not None:
                hooks.committed(session)

    @contextmanager
    def read(self) -> Iterator[ReadSession]:
        with Session(self.read_engine, expire_on_commit=False, autoflush=False) as session:
            session.info[_EDGE] = "read"
            # Closing ends the transaction and leaves the rows read usable (not expired).
            yield ReadSession(session)

    def schema_version(self) -> str | None:
        """The Alembic revision the database is at, or None when it has no schema yet."""
        with self.read_engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
            return None if row is None else str(row[0])

    def dispose(self) -> None:
        self.write_engine.dispose()
        self.read_engine.dispose()
        if self._query_engine is not None:
            self._query_engine.dispose()
