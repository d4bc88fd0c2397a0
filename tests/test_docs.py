"""The README is a contract: its two commands are the ones CI and users run."""

from __future__ import annotations

from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent


def last_line(path: Path) -> str:
    return [line for line in path.read_text().splitlines() if line.strip()][-1].strip()


def test_ci_runs_exactly_the_readmes_test_command() -> None:
    command = last_line(ROOT / ".ci" / "run")
    assert command in (ROOT / "README.md").read_text()


def test_readme_documents_every_command_and_setting() -> None:
    readme = (ROOT / "README.md").read_text()
    for needed in (
        "enamel db upgrade",
        "enamel demo load",
        "enamel serve",
        "--workers",
        "ENAMEL_DATABASE_URL",
        "ENAMEL_TEST_MARIADB_URL",
        "ENAMEL_TEST_POSTGRES_URL",
        "python -m bench",
        "/healthz",
        "ENAMEL_SEAL_KEY_FILE",
        "ENAMEL_CHECKPOINT_DIR",
        "ENAMEL_AUDIT_INTERVAL",
        "`seal_key`",
        "ENAMEL_PLUGINS",
        "ENAMEL_PLUGIN_TIMEOUT",
        "enamel users add",
        "/office",
        "ENAMEL_TEST_CHROMIUM",
    ):
        assert needed in readme, needed


def _commands(group: click.Group, prefix: str) -> list[str]:
    out = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            out += _commands(command, f"{prefix} {name}")
        else:
            out.append(f"{prefix} {name}")
    return out


def test_readme_documents_every_enamel_subcommand() -> None:
    from enamel.cli import main

    readme = (ROOT / "README.md").read_text()
    for command in _commands(main, "enamel"):
        words = command.split()
        # "enamel integrations on" is documented as "... / `on NAME`" beside its "off".
        assert command in readme or f"`{words[-1]} " in readme, command


def test_readme_documents_every_scope_error_code_and_setting() -> None:
    import enamel.errors as errors
    from enamel.security.scopes import Scope

    readme = (ROOT / "README.md").read_text()
    for scope in Scope:
        assert f"`{scope.value}`" in readme, scope
    codes = {
        cls.code
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.DomainError)
    } - {"bad_request"}
    for code in codes:
        assert f"`{code}`" in readme, code
    for setting in ("ENAMEL_REDIS_URL", "ENAMEL_TEST_REDIS_URL", "X-Enamel-User", "X-Request-Id"):
        assert setting in readme, setting
