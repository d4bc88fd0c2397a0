"""`enamel links ...` (program links) and `enamel disclosures PATNUM`."""

from __future__ import annotations

from typing import Any

import click

from enamel.cli.common import as_json, opened
from enamel.programlinks import disclosures, service
from enamel.programlinks.builtins import BUILTINS
from enamel.security.actor import command_line_actor


@click.group("links")
def links_group() -> None:
    """Program links (bridges): start another program with a patient's data, logged."""


@links_group.command("add")
@click.argument("name")
@click.option(
    "--kind",
    type=click.Choice(list(BUILTINS)),
    default="command",
    show_default=True,
    help="; ".join(f"{b.name}: {b.description}" for b in BUILTINS.values()),
)
@click.option("--command", "command", default="", help="The program to start (its path).")
@click.option("--args", default=None, help="Argument template, e.g. '-p [PatNum] \"[LName]\"'.")
@click.option("--file-path", default="", help="Bridge file written before the start.")
@click.option("--file-template", default=None, help="The bridge file's template.")
@click.option("--file-encoding", default=None, help="The bridge file's encoding (utf-8).")
@click.option("--url", default="", help="URL template (a URL link), fields %-encoded.")
@click.option("--description", default="", help="What the office sees (default: NAME).")
@click.option("--note", default="", help="A note about the link.")
@click.option("--json", "json_out", is_flag=True, help="Print one JSON object.")
def add(
    name: str,
    kind: str,
    command: str,
    args: str | None,
    file_path: str,
    file_template: str | None,
    file_encoding: str | None,
    url: str,
    description: str,
    note: str,
    json_out: bool,
) -> None:
    """Register a program link; its templates are checked now (fields: see the README)."""
    data = service.LinkData(
        kind="url" if url and kind == "command" else kind,
        command=command,
        args=args,
        file_path=file_path,
        file_template=file_template,
        file_encoding=file_encoding,
        url=url,
        description=description,
        note=note,
    )
    with opened() as db:
        with db.write() as session:
            row = service.add_link(session, command_line_actor(), name, data)
        with db.read() as session:
            item = _item(session, service.get_link(session, row.ProgramNum))
    if json_out:
        as_json(item)
        return
    click.echo(f"Program link '{item['name']}' added (ProgramNum {item['program_num']}).")
    click.echo(f"It sends: {', '.join(item['fields']) or 'no patient fields'}.")


def _item(session: Any, row: Any) -> dict[str, Any]:
    return {
        "program_num": row.ProgramNum,
        "name": row.ProgName,
        "description": row.ProgDesc,
        "kind": row.LinkKind,
        "enabled": row.Enabled,
        "off_reason": row.OffReason,
        "command": row.Path,
        "args": row.CommandLine,
        "file_path": row.FilePath,
        "file_template": row.FileTemplate,
        "url": row.UrlTemplate,
        "fields": service.fields_of(session, row),
    }


@links_group.command("list")
@click.option("--json", "json_out", is_flag=True, help="Print a JSON array.")
def list_links(json_out: bool) -> None:
    """Program links, their state and the fields each sends."""
    with opened() as db, db.read() as session:
        items = [_item(session, row) for row in service.list_links(session)]
    if json_out:
        as_json(items)
        return
    if not items:
        click.echo("No program links yet: add one with `enamel links add NAME --command PATH`.")
    for i in items:
        state = "on" if i["enabled"] else f"OFF ({i['off_reason']})"
        target = i["url"] or " ".join(filter(None, (i["command"], i["args"])))
        sends = ", ".join(i["fields"]) or "no patient fields"
        bridge = f"; bridge file {i['file_path']}" if i["file_path"] else ""
        click.echo(f"{i['name']}: {state}; {target}{bridge}; sends {sends}")


@links_group.command("off")
@click.argument("name")
@click.option("--reason", required=True, help="Why: written to the security log and shown.")
def off(name: str, reason: str) -> None:
    """Switch a program link off: it cannot launch until switched on."""
    with opened() as db, db.write() as session:
        row = service.switch_link(session, command_line_actor(), name, on=False, reason=reason)
    click.echo(f"Program link '{row.ProgName}' is off: {row.OffReason}")


@links_group.command("on")
@click.argument("name")
@click.option("--reason", default="", help="Optional note for the security log.")
def on(name: str, reason: str) -> None:
    """Switch a program link back on."""
    with opened() as db, db.write() as session:
        row = service.switch_link(session, command_line_actor(), name, on=True, reason=reason)
    click.echo(f"Program link '{row.ProgName}' is on.")


@links_group.command("launch")
@click.argument("name")
@click.option("--patient", "pat_num", required=True, type=click.IntRange(1, 2**63 - 1))
@click.option("--dry-run", is_flag=True, help="Show the argv and the file; start nothing.")
@click.option("--json", "json_out", is_flag=True, help="Print one JSON object.")
def launch(name: str, pat_num: int, dry_run: bool, json_out: bool) -> None:
    """Start the link's program for a patient (no shell) and log the disclosure."""
    with opened() as db:
        done = service.launch(db, command_line_actor(), name, pat_num, dry_run=dry_run)
    planned = done.plan
    if json_out:
        out: dict[str, Any] = planned.as_json()
        if not dry_run:
            out |= {"pid": done.pid, "fields": planned.fields, "logged": done.security_log_num}
        as_json(out)
        return
    if dry_run:
        click.echo(f"Would start: {planned.argv!r}")
        if planned.file:
            click.echo(f"after writing {planned.file.path}:")
            click.echo(planned.file.content)
        click.echo("Dry run: nothing started, nothing logged.")
        return
    sends = ", ".join(planned.fields) or "no patient fields"
    click.echo(
        f"Started {planned.argv[0]} (process {done.pid}) for patient {pat_num}; "
        f"disclosure of {sends} logged (security log {done.security_log_num})."
    )


@click.command("disclosures")
@click.argument("pat_num", metavar="PATNUM", type=click.IntRange(1, 2**63 - 1))
@click.option("--json", "json_out", is_flag=True, help="Print a JSON array.")
def disclosures_command(pat_num: int, json_out: bool) -> None:
    """What left the practice about one patient: when, to which program, which fields, by
    whom (from the security log)."""
    with opened() as db, db.read() as session:
        found = disclosures.report(session, pat_num)
    items: list[dict[str, Any]] = [
        {
            "when": d.LogDateTime.isoformat(sep=" "),
            "to": d.Recipient,
            "kind": d.RecipientKind,
            "program_num": d.ProgramNum,
            "fields": d.Fields,
            "how": d.Channels,
            "by": d.By,
            "user_num": d.UserNum,
            "workstation": d.CompName,
            "host": d.Host,
            "security_log_num": d.SecurityLogNum,
        }
        for d in found
    ]
    if json_out:
        as_json(items)
        return
    if not items:
        click.echo(f"Nothing about patient {pat_num} has left the practice through Enamel's links.")
    for i in items:
        click.echo(
            f"{i['when']}: {', '.join(i['fields']) or 'no fields'} to {i['kind']} '{i['to']}' "
            f"by {i['how']}, by {i['by']} (from {i['workstation'] or 'unknown'})"
        )
