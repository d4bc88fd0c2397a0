"""`enamel plugins ...`: the installed plug-ins, the whitelist, and their switches."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import click

from enamel.cli.common import as_json, fail, opened
from enamel.plugins.discovery import find_installed
from enamel.plugins.whitelist import allow_plugin, states, switch_plugin
from enamel.security.actor import command_line_actor
from enamel.security.scopes import Scope

SCOPES = [s.value for s in Scope]


@click.group("plugins")
def plugins_group() -> None:
    """Plug-ins: what is installed, what is approved (name, version, files hash), switches."""


@plugins_group.command("list")
@click.option("--json", "json_out", is_flag=True, help="Print a JSON array.")
def list_plugins(json_out: bool) -> None:
    """Installed and approved plug-ins: whitelisted or not, on or off, and why one is not
    loaded."""
    with opened() as db, db.read() as session:
        found = states(session)
    items: list[dict[str, Any]] = []
    for p in found:
        item = asdict(p)
        del item["approved_by"]
        item["last_load"] = p.last_load.isoformat(sep=" ") if p.last_load else None
        items.append(item)
    if json_out:
        as_json(items)
        return
    if not items:
        click.echo("No plug-ins are installed (entry point group enamel.plugins).")
        return
    for i in items:
        what = f"{i['distribution']} {i['version']}".strip() or "not installed"
        state = "loads" if i["loaded"] else f"NOT LOADED: {i['reason']}"
        scopes = " ".join(i["scopes"]) or "none"
        click.echo(
            f"{i['name']} ({what}): {'whitelisted' if i['whitelisted'] else 'not whitelisted'}, "
            f"{i['state']}, scopes {scopes}; {state}"
        )


@plugins_group.command("allow")
@click.argument("name")
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    type=click.Choice(SCOPES),
    help="A scope its context acts with (repeat for more); default: those approved before.",
)
def allow(name: str, scopes: tuple[str, ...]) -> None:
    """Approve the plug-in as installed now (name, version, files hash) and switch it on."""
    installed = {i.name: i for i in find_installed()}
    item = installed.get(name.strip())
    if item is None:
        raise fail(f"no installed plug-in is named {name!r} (`enamel plugins list` shows them)")
    with opened() as db, db.write() as session:
        row = allow_plugin(session, command_line_actor(), item, list(scopes) if scopes else None)
    click.echo(
        f"Plug-in '{row.Name}' approved: {row.Distribution} {row.Version}, files "
        f"{row.FilesHash}; scopes {row.Scopes or 'none'}. Servers load it within a second."
    )


@plugins_group.command("off")
@click.argument("name")
@click.option("--reason", required=True, help="Why: written to the security log.")
def off(name: str, reason: str) -> None:
    """Switch a plug-in off: every server stops calling it within a second."""
    with opened() as db, db.write() as session:
        row = switch_plugin(session, command_line_actor(), name, on=False, reason=reason)
    click.echo(f"Plug-in '{row.Name}' is off: {row.OffReason}")


@plugins_group.command("on")
@click.argument("name")
@click.option("--reason", default="", help="Optional note for the security log.")
def on(name: str, reason: str) -> None:
    """Switch a plug-in back on (it loads only while its files match its approval)."""
    with opened() as db, db.write() as session:
        row = switch_plugin(session, command_line_actor(), name, on=True, reason=reason)
    click.echo(f"Plug-in '{row.Name}' is on.")
