"""The `enamel` command: one module per command group."""

from __future__ import annotations

import click

from enamel import __version__
from enamel.cli.audit import audit_group
from enamel.cli.db import db_group
from enamel.cli.demo import demo_group
from enamel.cli.integrations import api_group, integrations_group
from enamel.cli.links import disclosures_command, links_group
from enamel.cli.plugins import plugins_group
from enamel.cli.queries import queries_group
from enamel.cli.serve import serve
from enamel.cli.users import users_group


@click.group()
@click.version_option(__version__, prog_name="enamel")
def main() -> None:
    """Enamel: a dental practice's data, and one safe door for every integration."""


main.add_command(db_group)
main.add_command(demo_group)
main.add_command(serve)
main.add_command(integrations_group)
main.add_command(api_group)
main.add_command(audit_group)
main.add_command(queries_group)
main.add_command(links_group)
main.add_command(disclosures_command)
main.add_command(plugins_group)
main.add_command(users_group)
