"""Enamel's integration registry: which programs may use the API, with what, and what they did.

These tables are Enamel's own (Open Dental keeps its API keys at its headquarters). Keys are
stored only as SHA-256 hashes: a key is 256 random bits, so a hash cannot be reversed by
guessing, and a database dump does not let anyone call the API.
"""

from __future__ import annotations

from sqlalchemy import Index, UniqueConstraint
from sqlalchemy.orm import Mapped

from enamel.models.base import (
    Base,
    datetime,
    dt,
    entry_datetime,
    flag,
    num,
    pk,
    ref,
    text,
    timestamp,
    varchar,
)


class Integration(Base):
    """One program allowed to use the API: its keys, scopes, rate limit and switch."""

    __tablename__ = "integration"

    IntegrationNum: Mapped[int] = pk()
    Name: Mapped[str] = varchar(100, unique=True)
    DeveloperKeyHash: Mapped[str] = varchar(64)
    CustomerKeyHash: Mapped[str] = varchar(64, unique=True)
    Scopes: Mapped[str] = text()
    """Space-separated scopes, e.g. "patients:read appointments:write"."""
    RateLimit: Mapped[int] = num()
    """Requests per second; 0 means no limit."""
    IsEnabled: Mapped[bool] = flag()
    OffReason: Mapped[str] = varchar()
    SqlEnabled: Mapped[bool] = flag(on=True)
    """Its governed SQL reads (scope `queries`): switched off by hand or by too many runaway
    queries, apart from the rest of its access."""
    SqlOffReason: Mapped[str] = varchar()
    SqlAccount: Mapped[str] = varchar(80)
    """The database account made for it to connect directly (`enamel integrations
    sql-account`), locked while it or its SQL access is off; '' when none."""
    DateTEntry: Mapped[dt.datetime] = entry_datetime()
    DateTStamp: Mapped[dt.datetime] = timestamp()


class ApiState(Base):
    """The whole third-party API's switch: one row (`ApiStateNum` = 1)."""

    __tablename__ = "apistate"

    ApiStateNum: Mapped[int] = pk()
    IsEnabled: Mapped[bool] = flag()
    OffReason: Mapped[str] = varchar()
    DateTStamp: Mapped[dt.datetime] = timestamp()


class IntegrationActivity(Base):
    """Requests per integration, minute and server process.

    Each process adds its own counts to its own rows, so processes never contend for a row;
    readers sum over processes.
    """

    __tablename__ = "integrationactivity"
    __table_args__ = (
        UniqueConstraint("IntegrationNum", "Minute", "Process"),
        Index("ix_integrationactivity_Minute", "Minute"),
    )

    IntegrationActivityNum: Mapped[int] = pk()
    IntegrationNum: Mapped[int] = ref()
    Minute: Mapped[dt.datetime] = datetime()
    Process: Mapped[str] = varchar(100)
    Requests: Mapped[int] = num()
    Errors: Mapped[int] = num()
    LatencyMsTotal: Mapped[int] = num()
    LatencyMsMax: Mapped[int] = num()
    LastSeen: Mapped[dt.datetime] = datetime()


class QueryRun(Base):
    """One governed SQL read: who ran it, how long it took, what came of it."""

    __tablename__ = "queryrun"
    __table_args__ = (Index("ix_queryrun_Integration_StartedAt", "Integration", "StartedAt"),)

    QueryRunNum: Mapped[int] = pk()
    Integration: Mapped[str] = varchar(100)
    """The integration's name (names are unique and never change)."""
    StartedAt: Mapped[dt.datetime] = datetime()
    Millis: Mapped[int] = num()
    RowCount: Mapped[int] = num()
    Outcome: Mapped[str] = varchar(16)
    """ok, timeout, over budget, refused, error."""
    SqlText: Mapped[str] = text()
