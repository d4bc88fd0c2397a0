"""`program` and `programproperty`: program links (bridges), as Open Dental keeps them.

Open Dental's columns are kept with their names and meanings (src: OpenDentBusiness/TableTypes/
Program.cs, ProgramProperty.cs): `Path` is the program to start, `CommandLine` its argument
template, `FilePath` and `FileTemplate` the bridge file written before the start. Columns Open
Dental uses for its own plug-ins and its headquarters (`PluginDllName`, `ButtonImage`,
`IsDisabledByHq`, `CustErr`) are kept empty, so SQL written for Open Dental still runs.

Enamel adds: `LinkKind` (command, url), `UrlTemplate` (a web page opened with the patient's
fields), `OffReason` (why the office switched the link off), `DateTEntry`, `DateTStamp` and
`SecurityHash`, the row seal Enamel stamps on the practice tables.
Per-link settings live in `programproperty` under a `PropertyDesc` (e.g. "File encoding").
"""

from __future__ import annotations

from sqlalchemy import Index
from sqlalchemy.orm import Mapped

from enamel.models.base import (
    Base,
    dt,
    entry_datetime,
    flag,
    pk,
    ref,
    text,
    timestamp,
    varchar,
)


class Program(Base):
    __tablename__ = "program"

    ProgramNum: Mapped[int] = pk()
    ProgName: Mapped[str] = varchar(100, unique=True)
    """The link's unique name (`enamel links add NAME`); Open Dental's built-in bridge name."""
    ProgDesc: Mapped[str] = varchar()
    Enabled: Mapped[bool] = flag()
    Path: Mapped[str] = text()
    """The program to start (an executable's path, or a name found on PATH)."""
    CommandLine: Mapped[str] = text()
    """The argument template: split like a shell line into arguments, then filled."""
    Note: Mapped[str] = text()
    PluginDllName: Mapped[str] = varchar()
    ButtonImage: Mapped[str] = text()
    FileTemplate: Mapped[str] = text()
    FilePath: Mapped[str] = varchar()
    IsDisabledByHq: Mapped[bool] = flag()
    CustErr: Mapped[str] = varchar()
    # Enamel's own:
    LinkKind: Mapped[str] = varchar(20)
    """`command` (start Path with CommandLine, after writing the bridge file if any) or `url`
    (open UrlTemplate with Path, the platform's opener unless set)."""
    UrlTemplate: Mapped[str] = text()
    OffReason: Mapped[str] = varchar()
    DateTEntry: Mapped[dt.datetime] = entry_datetime()
    DateTStamp: Mapped[dt.datetime] = timestamp()
    SecurityHash: Mapped[str] = varchar()
    """The row's seal (see `enamel.audit.seals`): a link pointed at another program by SQL
    outside Enamel no longer matches it, and is refused at launch."""


class ProgramProperty(Base):
    __tablename__ = "programproperty"
    __table_args__ = (Index("ix_programproperty_ProgramNum", "ProgramNum"),)

    ProgramPropertyNum: Mapped[int] = pk()
    ProgramNum: Mapped[int] = ref()
    PropertyDesc: Mapped[str] = varchar()
    """The property's name, used as its key (e.g. "File encoding")."""
    PropertyValue: Mapped[str] = text()
    ComputerName: Mapped[str] = varchar()
    ClinicNum: Mapped[int] = ref()
    IsMasked: Mapped[bool] = flag()
    IsHighSecurity: Mapped[bool] = flag()
