"""`enamel plugins list/allow/off/on` as an office runs them, and what a server reports back."""

from __future__ import annotations

from typing import Any

from enamel.db import Database
from enamel.plugins.events import MenuItem
from tests.apiclient import api_for
from tests.factories import log_entries
from tests.plugins.helpers import VETO, allow, cli, listed
from tests.plugins.site import Site

BROKEN_IMPORT = """
    import not_a_module_anywhere
"""

WRONG_HOOK = """
    from enamel.plugins import hookimpl

    @hookimpl
    def enamel_appointment_deleted(event):
        pass
"""

WRAPPER = """
    from enamel.plugins import hookimpl

    @hookimpl(wrapper=True)
    def enamel_appointment_changed(event):
        return (yield)
"""

MENU = """
    from enamel.plugins import MenuItem, hookimpl

    @hookimpl
    def enamel_menu_items(context):
        return [MenuItem("Recalls board", "/plugins/recalls"), MenuItem("Bad", "javascript:x")]
"""


def test_list_shows_installed_plugins_and_allow_approves_what_is_installed_now(
    db: Database, site: Site
) -> None:
    assert "No plug-ins are installed" in cli(db, "plugins", "list").stdout
    site.install("fridays", VETO)
    before = listed(db)["fridays"]
    assert before["installed"] is True and before["state"] == "not approved"
    assert before["distribution"] == "enamel-plugin-fridays" and before["version"] == "1.0"
    assert len(before["files_hash"]) == 64
    out = cli(db, "plugins", "allow", "fridays", "--scope", "appointments:read").stdout
    assert f"files {before['files_hash']}" in out
    after = listed(db)["fridays"]
    assert after["whitelisted"] is True and after["loaded"] is True and after["reason"] == ""
    assert after["state"] == "on" and after["scopes"] == ["appointments:read"]
    with db.read() as session:
        (entry,) = log_entries(session, PermType=24)
    assert entry.ActorName.startswith("command line, ")
    assert f"Plug-in 'fridays' (enamel-plugin-fridays 1.0, files {before['files_hash']})" in (
        entry.LogText
    )
    text = cli(db, "plugins", "list").stdout
    assert "fridays (enamel-plugin-fridays 1.0): whitelisted, on" in text


def test_bad_commands_fail_clearly(db: Database, site: Site) -> None:
    site.install("fridays", VETO)
    unknown = cli(db, "plugins", "allow", "nope", check=False)
    assert unknown.exit_code == 1 and "no installed plug-in is named 'nope'" in unknown.stderr
    not_approved = cli(db, "plugins", "off", "fridays", "--reason", "r", check=False)
    assert not_approved.exit_code == 1 and "no approved plug-in" in not_approved.stderr
    allow(db, "fridays")
    no_reason = cli(db, "plugins", "off", "fridays", check=False)
    assert no_reason.exit_code == 2 and "--reason" in no_reason.stderr
    bad_scope = cli(db, "plugins", "allow", "fridays", "--scope", "x:y", check=False)
    assert bad_scope.exit_code == 2
    cli(db, "plugins", "off", "fridays", "--reason", "closed for the holidays")
    shown = listed(db)["fridays"]
    assert shown["state"] == "off" and shown["reason"] == "switched off: closed for the holidays"
    cli(db, "plugins", "on", "fridays")
    assert listed(db)["fridays"]["loaded"] is True


def test_a_server_reports_plugins_it_could_not_load_and_keeps_serving(
    db: Database, site: Site
) -> None:
    site.install("broken", BROKEN_IMPORT)
    site.install("wrong", WRONG_HOOK)
    site.install("wrapper", WRAPPER)
    allow(db, "broken")
    allow(db, "wrong")
    allow(db, "wrapper")
    with api_for(db) as api:
        assert api.client.get("/healthz").status_code == 200
        host: Any = api.client.app.state.plugins  # type: ignore[attr-defined]
        assert set(host.loaded) == set()
    shown = listed(db)
    assert shown["broken"]["loaded"] is False
    assert shown["broken"]["reason"] == (
        "could not be imported: ModuleNotFoundError: No module named 'not_a_module_anywhere'"
    )
    assert shown["wrong"]["reason"].startswith("does not fit Enamel's hooks: ")
    assert "enamel_appointment_deleted" in shown["wrong"]["reason"]
    assert shown["wrapper"]["reason"] == (
        "does not fit Enamel's hooks: enamel_appointment_changed is a hook wrapper; "
        "Enamel's hooks take plain functions"
    )
    assert shown["broken"]["last_load"] is not None


def test_menu_items_come_from_loaded_plugins(db: Database, site: Site) -> None:
    site.install("menu", MENU)
    allow(db, "menu")
    with api_for(db) as api:
        host: Any = api.client.app.state.plugins  # type: ignore[attr-defined]
        assert host.menu_items() == [("menu", MenuItem("Recalls board", "/plugins/recalls"))]
