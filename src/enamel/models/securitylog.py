"""`securitylog` (Open Dental's audit trail: who did what, to which patient and row) and
`securityloghash`.

Beside Open Dental's columns, Enamel records the full actor of each entry: its kind
(office user, integration, plug-in, native integration, system), the integration or plug-in
name, and the request id, so that an office can always tell which program and which user made
a change. Entries are written only by `enamel.audit.record`, in the transaction of the change.
"""

from __future__ import annotations

from sqlalchemy import Index
from sqlalchemy.orm import Mapped

from enamel.models.base import Base, datetime, dt, enum_col, pk, ref, text, varchar
from enamel.models.enums import EnumPermType, LogSources


class SecurityLog(Base):
    __tablename__ = "securitylog"
    __table_args__ = (
        Index("ix_securitylog_PatNum", "PatNum"),
        Index("ix_securitylog_LogDateTime", "LogDateTime"),
        Index("ix_securitylog_PermType", "PermType"),
        Index("ix_securitylog_FKey", "FKey"),
    )

    SecurityLogNum: Mapped[int] = pk()
    PermType: Mapped[EnumPermType] = enum_col(EnumPermType, EnumPermType.Setup)
    UserNum: Mapped[int] = ref()
    LogDateTime: Mapped[dt.datetime] = datetime()
    LogText: Mapped[str] = text()
    PatNum: Mapped[int] = ref()
    CompName: Mapped[str] = varchar()
    FKey: Mapped[int] = ref()
    LogSource: Mapped[LogSources] = enum_col(LogSources, LogSources.None_)
    DefNum: Mapped[int] = ref()
    DefNumError: Mapped[int] = ref()
    DateTPrevious: Mapped[dt.datetime] = datetime()
    # Enamel's attribution, beyond Open Dental's columns:
    ActorKind: Mapped[str] = varchar(20)
    ActorName: Mapped[str] = varchar()
    RequestId: Mapped[str] = varchar(64)
    TransactionId: Mapped[str] = varchar(64, index=True)
    """The marker of the transaction that wrote this entry; the change-capture triggers record
    the same marker, which ties each captured change to its entry."""


class SecurityLogHash(Base):
    __tablename__ = "securityloghash"

    SecurityLogHashNum: Mapped[int] = pk()
    SecurityLogNum: Mapped[int] = ref(index=True)
    LogHash: Mapped[str] = varchar()
