"""Enamel's plug-in whitelist: which plug-ins an office approved, in which version and files.

A plug-in (a Python distribution declaring the entry point group `enamel.plugins`) is loaded
only when a row here names it with the version and the hash of the files installed now, and
its switch is on. The table is Enamel's own (Open Dental keeps no plug-in whitelist).
"""

from __future__ import annotations

from sqlalchemy.orm import Mapped

from enamel.models.base import Base, datetime, dt, flag, pk, text, timestamp, varchar


class PluginAllow(Base):
    """One approved plug-in: what was approved, by whom, its scopes and its switch."""

    __tablename__ = "pluginallow"

    PluginAllowNum: Mapped[int] = pk()
    Name: Mapped[str] = varchar(100, unique=True)
    """The entry point's name in the group `enamel.plugins`."""
    Distribution: Mapped[str] = varchar(100)
    Version: Mapped[str] = varchar(64)
    FilesHash: Mapped[str] = varchar(64)
    """SHA-256 over the installed files' paths and contents (`enamel.plugins.discovery`)."""
    Scopes: Mapped[str] = text()
    """Space-separated scopes (the integrations' vocabulary) its context acts with."""
    IsEnabled: Mapped[bool] = flag()
    OffReason: Mapped[str] = varchar()
    ApprovedBy: Mapped[str] = varchar()
    DateTApproved: Mapped[dt.datetime] = datetime()
    LoadProblem: Mapped[str] = varchar()
    """Why the last server that started with it could not load it ('' when it loaded)."""
    DateTLoaded: Mapped[dt.datetime] = datetime()
    """When a server last tried to load it (`0001-01-01`: never)."""
    DateTStamp: Mapped[dt.datetime] = timestamp()
