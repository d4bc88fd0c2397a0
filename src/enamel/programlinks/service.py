"""Program links: register, switch, list, launch. The rules, the same for every caller.

Adding a link is logged as Setup, switching it as SecurityAdmin (like an integration's
switch), each in the change's transaction. A launch is one write: the disclosure's
security-log entry is written and flushed, then the bridge file is written and the program
started, then the edge commits. If the program cannot start, the transaction rolls back:
nothing is logged because nothing left. If the commit fails after the start, the program is
stopped and the file removed at once. A dry run starts nothing and logs nothing.

The `program` row is sealed like the practice tables: a link whose row no longer matches its
seal (its program or templates changed by SQL outside Enamel) is refused before anything runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from enamel import audit
from enamel.audit import seals
from enamel.db import Database, ReadSession, WriteSession, require_write
from enamel.db.lookup import fetch
from enamel.errors import Conflict, InvalidInput, LaunchFailed, LinkOff, NotFound
from enamel.models import Patient, Program, ProgramProperty, Provider
from enamel.models.enums import EnumPermType, PatientStatus
from enamel.programlinks import disclosures, launcher
from enamel.programlinks.builtins import BUILTINS
from enamel.programlinks.launcher import Plan, Started
from enamel.programlinks.spec import (
    DEFAULT_ENCODING,
    ENCODING,
    LinkSpec,
    compile_link,
)
from enamel.programlinks.templates import Values
from enamel.security import switches
from enamel.security.actor import Actor


@dataclass(frozen=True)
class LinkData:
    """A new link, as `enamel links add` takes it; None means "the kind's default"."""

    kind: str = "command"
    command: str = ""
    args: str | None = None
    file_path: str = ""
    file_template: str | None = None
    file_encoding: str | None = None
    url: str = ""
    description: str = ""
    note: str = ""


def _name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 100 or any(ord(c) < 32 for c in name) or "'" in name:
        raise InvalidInput(
            "the link name must be 1 to 100 printable characters, without quotes", field="name"
        )
    return name


def add_link(db: WriteSession, actor: Actor, name: str, data: LinkData) -> Program:
    """Register a link, switched on; its templates are checked first (400 naming the field)."""
    require_write(db)
    actor.require(EnumPermType.Setup)
    name = _name(name)
    builtin = BUILTINS.get(data.kind)
    if builtin is None:
        raise InvalidInput(f"the kind must be one of {', '.join(BUILTINS)}", field="kind")
    if builtin.needs_file and not data.file_path:
        raise InvalidInput(f"a {builtin.name} link needs --file-path", field="file-path")
    file_template = data.file_template if data.file_template is not None else ""
    if data.file_path and data.file_template is None:
        file_template = builtin.file_template
    encoding = data.file_encoding or builtin.encoding or DEFAULT_ENCODING
    args = data.args if data.args is not None else builtin.arguments
    spec = compile_link(
        kind=builtin.link_kind,
        program=data.command,
        arguments=args,
        file_path=data.file_path,
        file_template=file_template,
        encoding=encoding,
        url=data.url,
    )
    if db.scalar(select(Program.ProgramNum).where(Program.ProgName == name)):
        raise Conflict(f"a program link named {name!r} already exists", field="name")
    row = Program(
        ProgName=name,
        ProgDesc=data.description.strip() or name,
        Enabled=True,
        Path=spec.program,
        CommandLine="" if spec.url else args.strip(),
        Note=data.note,
        FilePath=spec.file_path,
        FileTemplate=file_template if spec.file_path else "",
        LinkKind=spec.kind,
        UrlTemplate=data.url.strip(),
    )
    db.add(row)
    db.flush()
    if spec.file_path:
        db.add(
            ProgramProperty(
                ProgramNum=row.ProgramNum, PropertyDesc=ENCODING, PropertyValue=encoding
            )
        )
    sends = ", ".join(spec.fields) or "no patient fields"
    audit.record(
        db,
        actor,
        EnumPermType.Setup,
        f"Program link '{name}' added: starts {spec.program}, sends {sends} by {spec.channels}",
        fkey=row.ProgramNum,
    )
    return row


def get_link(db: ReadSession, link: str | int) -> Program:
    """A link by its name or its ProgramNum; 404 otherwise."""
    if isinstance(link, int):
        row = fetch(db, Program, link)
        if row is None:
            raise NotFound(f"program link {link} does not exist", field="ProgramNum")
        return row
    row = db.scalar(select(Program).where(Program.ProgName == link.strip()))
    if row is None:
        raise NotFound(f"no program link is named {link!r}", field="name")
    return row


def switch_link(
    db: WriteSession, actor: Actor, name: str, *, on: bool, reason: str = ""
) -> Program:
    require_write(db)
    actor.require(EnumPermType.SecurityAdmin)
    row = get_link(db, name)
    row.OffReason, what = switches.switched(f"Program link '{row.ProgName}'", on=on, why=reason)
    row.Enabled = on
    db.flush()
    audit.record(db, actor, EnumPermType.SecurityAdmin, what, fkey=row.ProgramNum)
    return row


def list_links(db: ReadSession) -> list[Program]:
    return list(db.scalars(select(Program).order_by(Program.ProgName)))


def spec_of(db: ReadSession, row: Program) -> LinkSpec:
    """The link's configuration, checked again: the row may have been changed outside Enamel."""
    encoding = db.scalar(
        select(ProgramProperty.PropertyValue).where(
            ProgramProperty.ProgramNum == row.ProgramNum, ProgramProperty.PropertyDesc == ENCODING
        )
    )
    try:
        return compile_link(
            kind=row.LinkKind or "command",
            program=row.Path,
            arguments=row.CommandLine,
            file_path=row.FilePath,
            file_template=row.FileTemplate,
            encoding=encoding or DEFAULT_ENCODING,
            url=row.UrlTemplate,
        )
    except InvalidInput as exc:
        raise LaunchFailed(
            f"link '{row.ProgName}' is misconfigured: {exc.message}", field=exc.field
        ) from None


@dataclass(frozen=True)
class LinkInfo:
    """A link as the office pages list it: what it sends and how, or why it cannot launch."""

    program: Program
    fields: list[str]
    channels: str
    problem: str


def described(db: ReadSession) -> list[LinkInfo]:
    out = []
    for row in list_links(db):
        try:
            spec = spec_of(db, row)
        except LaunchFailed as exc:
            out.append(LinkInfo(row, [], "", exc.message))
            continue
        out.append(LinkInfo(row, spec.fields, spec.channels, ""))
    return out


def fields_of(db: ReadSession, row: Program) -> list[str]:
    try:
        return spec_of(db, row).fields
    except LaunchFailed:
        return []


@dataclass(frozen=True)
class Launched:
    program: Program
    pat_num: int
    plan: Plan
    dry_run: bool
    security_log_num: int = 0
    pid: int = 0


def launch(
    database: Database, actor: Actor, link: str | int, pat_num: int, *, dry_run: bool = False
) -> Launched:
    """Start the link's program for the patient and log the disclosure, as one write."""
    actor.require(EnumPermType.Copy)
    secret = database.auditor().key.secret if database.audit else None
    if dry_run:
        with database.read() as session:
            row, planned = _prepare(session, link, pat_num, lock=False, secret=secret)
        return Launched(row, pat_num, planned, dry_run=True)
    started: Started | None = None
    try:
        with database.write() as session:
            row, planned = _prepare(session, link, pat_num, lock=True, secret=secret)
            entry = disclosures.record(session, actor, row, pat_num, planned)
            session.flush()  # the entry is in the database before anything leaves
            started = launcher.start(row.ProgName, planned)
    except BaseException:
        if started is not None:
            started.undo()
        raise
    return Launched(row, pat_num, planned, False, entry.SecurityLogNum, started.process.pid)


def _prepare(
    db: ReadSession, link: str | int, pat_num: int, *, lock: bool, secret: bytes | None
) -> tuple[Program, Plan]:
    row = get_link(db, link)
    if lock:  # against a switch-off committed meanwhile (MariaDB, PostgreSQL)
        db.refresh(row, with_for_update=True)
    if secret is not None and not seals.same(
        seals.seal(secret, seals.layout(Program.__tablename__).python_message(row)),
        row.SecurityHash,
    ):
        raise LaunchFailed(
            f"link '{row.ProgName}' was changed outside Enamel (its row no longer matches its "
            "seal): not launched; `enamel audit verify` shows the change",
            field="name",
        )
    if not row.Enabled:
        raise LinkOff(
            f"program link '{row.ProgName}' is switched off by the office: {row.OffReason}",
            field="name",
        )
    spec = spec_of(db, row)
    patient = fetch(db, Patient, pat_num)
    if patient is None:
        raise NotFound(f"patient {pat_num} does not exist", field="PatNum")
    if patient.PatStatus is PatientStatus.Deleted:
        raise InvalidInput(f"patient {pat_num} is deleted", field="PatNum")
    provider = fetch(db, Provider, patient.PriProv)
    return row, launcher.plan(row.ProgName, spec, Values(patient, provider, spec.file_path))
