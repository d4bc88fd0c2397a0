"""`enamel users add`: office users for the office pages."""

from __future__ import annotations

import sys

import click

from enamel.cli.common import fail, opened
from enamel.security.actor import command_line_actor
from enamel.security.users import GROUPS, Role, add_user


@click.group("users")
def users_group() -> None:
    """Office users who sign in to the office pages (/office)."""


@users_group.command("add")
@click.argument("name")
@click.option("--admin", is_flag=True, help="An administrator (may switch integrations...).")
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input (one line)."
)
def add(name: str, admin: bool, password_stdin: bool) -> None:
    """Create an office user; prompts for the password unless --password-stdin."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise fail("no password on standard input")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    with opened() as db, db.write() as session:
        row = add_user(session, command_line_actor(), name, password, admin=admin)
    role = Role.ADMINISTRATOR if admin else Role.STAFF
    click.echo(
        f"Office user {row.UserName} added as {role.value} (group {GROUPS[role][0]}); "
        "sign in at /office"
    )
