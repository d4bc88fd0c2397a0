"""Disclosures: what left the practice about a patient, kept in the security log.

Each launch of a program link is one security-log entry (`PermType` Copy, Open Dental's
"tracks copying of patient information"), written in the launch's own transaction, with the
patient (`PatNum`), the link (`FKey` = `ProgramNum`), who launched it (the actor: office user,
integration and the user it acts for, or the command line's account and host), from where
(`CompName`) and a text naming the fields sent, the link and how they went:

    Disclosed PatNum, LName, FName, Birthdate of patient 12 to program link 'Imaging'
    (ProgramNum 3, by command line and bridge file), started on front-desk. By office user ann.

The entry is sealed into the log's hash chain like every other, so the accounting report read
back from it (`report`) cannot be edited unseen.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select

from enamel import audit
from enamel.db import ReadSession, WriteSession
from enamel.models import Program, SecurityLog
from enamel.models.enums import EnumPermType
from enamel.programlinks.launcher import HOST, Plan
from enamel.security.actor import Actor

PERMISSION = EnumPermType.Copy
PROGRAM_LINK = "program link"

_TEXT = re.compile(
    r"^Disclosed (?P<fields>[A-Za-z, ]*) of patient \d+ to program link '(?P<name>.*)' "
    r"\(ProgramNum (?P<num>\d+), by (?P<how>[A-Za-z ]+)\), started on (?P<host>.*?)\. "
    r"By (?P<by>.*)\.$",
    re.DOTALL,
)


def record(
    db: WriteSession, actor: Actor, program: Program, pat_num: int, planned: Plan
) -> SecurityLog:
    """The disclosure's log entry, in the launch's transaction."""
    fields = ", ".join(planned.fields) or "no fields"
    return audit.record(
        db,
        actor,
        PERMISSION,
        f"Disclosed {fields} of patient {pat_num} to {PROGRAM_LINK} '{program.ProgName}' "
        f"(ProgramNum {program.ProgramNum}, by {planned.channels}), started on {HOST}",
        pat_num=pat_num,
        fkey=program.ProgramNum,
    )


@dataclass(frozen=True)
class Disclosure:
    SecurityLogNum: int
    LogDateTime: dt.datetime
    PatNum: int
    RecipientKind: str
    Recipient: str
    ProgramNum: int
    Fields: list[str]
    Channels: str
    Host: str
    By: str
    UserNum: int
    CompName: str
    LogText: str


def report(db: ReadSession, pat_num: int) -> list[Disclosure]:
    """Every disclosure about the patient, oldest first."""
    rows = db.scalars(
        select(SecurityLog)
        .where(SecurityLog.PatNum == pat_num, SecurityLog.PermType == PERMISSION)
        .order_by(SecurityLog.SecurityLogNum)
    ).all()
    return [_disclosure(row) for row in rows]


def _disclosure(row: SecurityLog) -> Disclosure:
    match = _TEXT.match(row.LogText)
    by = row.LogText.rsplit(". By ", 1)[-1].rstrip(".") if ". By " in row.LogText else ""
    if match is None:  # a Copy entry of another kind: shown with its text
        return Disclosure(
            row.SecurityLogNum,
            row.LogDateTime,
            row.PatNum,
            "",
            row.ActorName,
            0,
            [],
            "",
            "",
            by,
            row.UserNum,
            row.CompName,
            row.LogText,
        )
    fields = match["fields"]
    return Disclosure(
        row.SecurityLogNum,
        row.LogDateTime,
        row.PatNum,
        PROGRAM_LINK,
        match["name"],
        int(match["num"]),
        [] if fields == "no fields" else fields.split(", "),
        match["how"],
        match["host"],
        match["by"],
        row.UserNum,
        row.CompName,
        row.LogText,
    )
