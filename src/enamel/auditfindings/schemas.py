"""Findings as the API shows them: Enamel's own resource (Open Dental has no such table)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from enamel.api.encode import datetime_out
from enamel.audit.findings import as_dict
from enamel.models import AuditFinding

STATUSES = ("open", "acknowledged", "all")


class ColumnChange(BaseModel):
    before: Any = None
    after: Any = None


class AuditFindingOut(BaseModel):
    AuditFindingNum: int
    Kind: str = Field(
        description="seal mismatch, missing seal, chain break, unattributed "
        "change, trigger missing, refused write..."
    )
    TableName: str
    RowKey: int = Field(description="The row's primary key; 0 for findings about a table.")
    Message: str
    Columns: dict[str, ColumnChange] = Field(
        description="The columns that differ, before and after, where a change was captured."
    )
    DbAccount: str = Field(description="The database account that wrote, where captured.")
    ClientHost: str
    ChangedAt: str = Field(description="When the change was made (yyyy-MM-dd HH:mm:ss).")
    FirstSeen: str
    LastSeen: str
    Acknowledged: Literal["true", "false"]
    AckUserName: str
    AckDateTime: str
    AckReason: str


class AcknowledgeIn(BaseModel):
    Reason: str = Field(description="Why the finding is known and accepted (required).")


def finding_out(row: AuditFinding) -> dict[str, Any]:
    out = as_dict(row)
    for name in ("ChangedAt", "FirstSeen", "LastSeen", "AckDateTime"):
        out[name] = datetime_out(out[name])
    out["Acknowledged"] = "true" if out["Acknowledged"] else "false"
    return out
