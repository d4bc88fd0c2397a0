"""Tamper evidence: captured changes, the security-log chain head, findings and audit state.

- `auditchange`: one row per INSERT, UPDATE or DELETE on a practice table, written by database
  triggers (not by Enamel), with the writing account, host, connection and Enamel's transaction
  marker, and the row before and after as JSON.
- `auditrefusal`: writes the database refused while `enamel audit lock` is on. On MariaDB it
  is an Aria table, which a refused statement's rollback does not undo.
- `auditsession`: SQLite's transaction marker (SQLite has no session variables): Enamel inserts
  its marker at the start of each write transaction and deletes it before the commit, so the
  triggers of that transaction, and only of that one, see it.
- `auditchainhead`: the head of the security-log hash chain (one row); writers lock it to append.
- `auditstate`: name/value pairs (the seal key's id, the database id, the last scheduled check).
- `auditfinding`: what `enamel audit verify` found, kept so an office can acknowledge it.
"""

from __future__ import annotations

from sqlalchemy import Index
from sqlalchemy.orm import Mapped

from enamel.db.types import LongText
from enamel.models.base import Base, datetime, dt, pk, ref, text, varchar


class AuditChange(Base):
    __tablename__ = "auditchange"
    __table_args__ = (
        Index("ix_auditchange_TableName_RowKey", "TableName", "RowKey"),
        Index("ix_auditchange_ChangedAt", "ChangedAt"),
        Index("ix_auditchange_TransactionId", "TransactionId"),
    )

    ChangeNum: Mapped[int] = pk()
    TableName: Mapped[str] = varchar(64)
    RowKey: Mapped[int] = ref()
    Action: Mapped[str] = varchar(1)
    """`I` insert, `U` update, `D` delete, `T` truncate (PostgreSQL)."""
    ChangedAt: Mapped[dt.datetime] = datetime()
    DbAccount: Mapped[str] = varchar()
    ClientHost: Mapped[str] = varchar()
    Application: Mapped[str] = varchar()
    ConnectionId: Mapped[int] = ref()
    TransactionId: Mapped[str] = varchar(64)
    """Enamel's marker for the writing transaction; '' when the writer was not Enamel."""
    OldRow: Mapped[str] = text(type_=LongText)
    NewRow: Mapped[str] = text(type_=LongText)


class AuditRefusal(Base):
    __tablename__ = "auditrefusal"
    __table_args__ = ({"mysql_engine": "Aria"},)

    RefusalNum: Mapped[int] = pk()
    TableName: Mapped[str] = varchar(64)
    RowKey: Mapped[int] = ref()
    Action: Mapped[str] = varchar(1)
    RefusedAt: Mapped[dt.datetime] = datetime()
    DbAccount: Mapped[str] = varchar()
    ClientHost: Mapped[str] = varchar()
    ConnectionId: Mapped[int] = ref()


class AuditSession(Base):
    __tablename__ = "auditsession"

    TransactionId: Mapped[str] = varchar(64, primary_key=True)


class AuditChainHead(Base):
    __tablename__ = "auditchainhead"

    ChainHeadNum: Mapped[int] = pk()
    LinkCount: Mapped[int] = ref()
    LastLogNum: Mapped[int] = ref()
    LastHash: Mapped[str] = varchar(64)


class AuditState(Base):
    __tablename__ = "auditstate"

    Name: Mapped[str] = varchar(64, primary_key=True)
    Value: Mapped[str] = text()


class AuditFinding(Base):
    __tablename__ = "auditfinding"
    __table_args__ = (Index("ix_auditfinding_AckDateTime", "AckDateTime"),)

    AuditFindingNum: Mapped[int] = pk()
    Fingerprint: Mapped[str] = varchar(64, unique=True)
    Kind: Mapped[str] = varchar(40)
    TableName: Mapped[str] = varchar(64)
    RowKey: Mapped[int] = ref()
    Detail: Mapped[str] = text()
    """JSON: the columns that differ (before/after where captured) and what the check saw."""
    DbAccount: Mapped[str] = varchar()
    ClientHost: Mapped[str] = varchar()
    ChangedAt: Mapped[dt.datetime] = datetime()
    FirstSeen: Mapped[dt.datetime] = datetime()
    LastSeen: Mapped[dt.datetime] = datetime()
    AckUserName: Mapped[str] = varchar()
    AckDateTime: Mapped[dt.datetime] = datetime()
    AckReason: Mapped[str] = text()
