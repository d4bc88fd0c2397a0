"""Program links, launches and disclosures as the API shows them (Enamel's own resources,
in Open Dental's style: PascalCase fields, booleans as "true"/"false", no nulls)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from enamel.api.encode import datetime_out
from enamel.models import Program
from enamel.programlinks.disclosures import Disclosure
from enamel.programlinks.service import Launched

TrueFalse = Literal["true", "false"]


class ProgramLinkOut(BaseModel):
    ProgramNum: int
    ProgName: str
    ProgDesc: str
    Enabled: TrueFalse
    OffReason: str
    LinkKind: str = Field(description="command or url")
    Path: str = Field(description="The program started (a URL link: the opener).")
    CommandLine: str = Field(description="The argument template.")
    FilePath: str = Field(description="The bridge file written before the start, or empty.")
    FileTemplate: str
    UrlTemplate: str
    Note: str
    Fields: list[str] = Field(description="The patient and provider fields a launch sends.")


def link_out(row: Program, fields: list[str]) -> dict[str, Any]:
    return {
        "ProgramNum": row.ProgramNum,
        "ProgName": row.ProgName,
        "ProgDesc": row.ProgDesc,
        "Enabled": "true" if row.Enabled else "false",
        "OffReason": row.OffReason,
        "LinkKind": row.LinkKind,
        "Path": row.Path,
        "CommandLine": row.CommandLine,
        "FilePath": row.FilePath,
        "FileTemplate": row.FileTemplate,
        "UrlTemplate": row.UrlTemplate,
        "Note": row.Note,
        "Fields": fields,
    }


class LaunchIn(BaseModel):
    """POST /programlinks/{ProgramNum}/Launch."""

    model_config = ConfigDict(extra="forbid")

    PatNum: StrictInt | str = Field(description="The patient whose data the program gets.")
    DryRun: TrueFalse | StrictBool | None = Field(
        default=None,
        description='"true": answer the argv and the bridge file without starting anything or '
        "logging (needs patients:read as well).",
    )


class LaunchOut(BaseModel):
    ProgramNum: int
    ProgName: str
    PatNum: int
    DryRun: TrueFalse
    Fields: list[str]
    Argv: list[str] = Field(description="The program and its arguments: a dry run only.")
    FilePath: str = Field(description="The bridge file's path: a dry run only.")
    FileContent: str = Field(description="The bridge file's content: a dry run only.")
    SecurityLogNum: int = Field(description="The disclosure's security-log entry (0: dry run).")


def launch_out(done: Launched) -> dict[str, Any]:
    bridge = done.plan.file if done.dry_run else None
    return {
        "ProgramNum": done.program.ProgramNum,
        "ProgName": done.program.ProgName,
        "PatNum": done.pat_num,
        "DryRun": "true" if done.dry_run else "false",
        "Fields": done.plan.fields,
        "Argv": done.plan.argv if done.dry_run else [],
        "FilePath": bridge.path if bridge else "",
        "FileContent": bridge.content if bridge else "",
        "SecurityLogNum": done.security_log_num,
    }


class DisclosureOut(BaseModel):
    SecurityLogNum: int
    LogDateTime: str = Field(description="When (yyyy-MM-dd HH:mm:ss).")
    PatNum: int
    RecipientKind: str = Field(description='"program link" (empty for other Copy entries).')
    Recipient: str = Field(description="The program link's name.")
    ProgramNum: int
    Fields: list[str]
    Channels: str = Field(description="command line, bridge file, URL")
    Host: str = Field(description="The machine the program was started on.")
    By: str = Field(description="Who launched it: the office user, integration or account.")
    UserNum: int
    CompName: str = Field(description="Where the launch was asked from.")
    LogText: str


def disclosure_out(d: Disclosure) -> dict[str, Any]:
    out = asdict(d)
    out["LogDateTime"] = datetime_out(d.LogDateTime)
    return out
