"""The plug-ins page, on SQLite, MariaDB and PostgreSQL: installed plug-ins (a site folder of
the test's own, `tests/plugins/site.py`), approving and switching them as the signed-in user,
and the menu entries of loaded plug-ins."""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from enamel.db import Database
from enamel.models import PluginAllow, SecurityLog
from tests.admin.office import Office, make_user
from tests.apiclient import api_for
from tests.plugins.site import Site

MENU = """
    from enamel.plugins import MenuItem, hookimpl

    @hookimpl
    def enamel_menu_items(context):
        return [
            MenuItem("Recalls <b>board</b>", "/office/recalls"),
            MenuItem("Vendor portal", "https://vendor.example.com/portal"),
            MenuItem("Script", "javascript:alert(1)"),
            MenuItem("Elsewhere", "//evil.example.com/"),
            MenuItem("Backslash", "/\\\\evil.example.com/"),
            MenuItem("Plain http", "http://vendor.example.com/"),
            MenuItem("Data", "data:text/html,<script>alert(1)</script>"),
        ]
"""


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    root = tmp_path / "site-packages"
    root.mkdir()
    sys.path.insert(0, str(root))
    importlib.invalidate_caches()
    installed = Site(root)
    try:
        yield installed
    finally:
        sys.path.remove(str(root))
        installed.remove()
        importlib.invalidate_caches()


def row_of(text: str, name: str) -> str:
    found = re.search(rf'<tr data-plugin="{re.escape(name)}">(.*?)</tr>', text, re.S)
    assert found, text
    return found.group(1)


def allow_row(office: Office, name: str) -> PluginAllow | None:
    with office.api.db.read() as session:
        return session.scalar(select(PluginAllow).where(PluginAllow.Name == name))


def test_with_no_plugin_installed_there_is_nothing_to_approve(boss: Office) -> None:
    page = boss.get("/office/plugins")
    assert page.status_code == 200
    assert "No plug-ins are installed" in page.text and "Approve" not in page.text
    refused = boss.post("/office/plugins/allow", {"name": "ghost"})
    assert refused.status_code == 404 and "no installed plug-in is named" in refused.text
    assert allow_row(boss, "ghost") is None


def test_an_administrator_approves_a_plugin_and_this_server_loads_it(
    boss: Office, site: Site
) -> None:
    site.install("menu", MENU)
    before = boss.get("/office/plugins")
    cells = row_of(before.text, "menu")
    assert "enamel-plugin-menu 1.0" in cells and "not approved" in cells
    assert "Approve menu" in cells
    assert site.loaded("menu") is None  # listing a plug-in never imports it
    done = boss.post("/office/plugins/allow", {"name": "menu", "scope": ["patients:read"]})
    assert done.status_code == 303, done.text
    page = boss.client.get(done.headers["location"])
    assert "Plug-in &#39;menu&#39; is approved" in page.text
    cells = row_of(page.text, "menu")
    assert '<span class="on">loaded</span>' in cells and "patients:read" in cells
    assert "office user boss" in cells  # approved by
    row = allow_row(boss, "menu")
    assert row is not None and row.Scopes == "patients:read" and row.IsEnabled
    with boss.api.db.read() as session:
        entry = session.scalars(
            select(SecurityLog).order_by(SecurityLog.SecurityLogNum.desc()).limit(1)
        ).one()
    assert (entry.ActorKind, entry.ActorName) == ("office_user", "boss")
    assert "Plug-in 'menu' (enamel-plugin-menu 1.0" in entry.LogText


def test_the_menu_shows_loaded_plugins_entries_escaped_and_only_safe_addresses(
    boss: Office, site: Site
) -> None:
    site.install("menu", MENU)
    assert boss.post("/office/plugins/allow", {"name": "menu"}).status_code == 303
    page = boss.get("/office/links").text
    nav = page[page.index("<nav") : page.index("</nav>")]
    assert '<a href="/office/recalls">Recalls &lt;b&gt;board&lt;/b&gt;</a>' in nav
    assert (
        '<a href="https://vendor.example.com/portal" rel="noopener noreferrer external">'
        "Vendor portal</a>" in nav
    )
    for refused in ("Script", "Elsewhere", "Backslash", "Plain http", "Data", "javascript"):
        assert refused not in nav, refused
    assert boss.post("/office/plugins/off", {"name": "menu", "reason": "x"}).status_code == 303
    assert "Recalls" not in boss.get("/office/links").text


def test_an_administrator_switches_a_plugin_off_and_on(boss: Office, site: Site) -> None:
    site.install("menu", MENU)
    boss.post("/office/plugins/allow", {"name": "menu"})
    off = boss.post("/office/plugins/off", {"name": "menu", "reason": "vendor asked"})
    assert off.status_code == 303
    cells = row_of(boss.client.get(off.headers["location"]).text, "menu")
    assert '<span class="off">OFF</span>: vendor asked' in cells
    assert "not loaded: switched off: vendor asked" in cells
    assert boss.post("/office/plugins/off", {"name": "menu", "reason": ""}).status_code == 400
    on = boss.post("/office/plugins/on", {"name": "menu"})
    assert on.status_code == 303
    cells = row_of(boss.client.get(on.headers["location"]).text, "menu")
    assert '<span class="on">loaded</span>' in cells
    assert boss.post("/office/plugins/on", {"name": "nobody"}).status_code == 404


def test_staff_see_the_plugins_but_cannot_approve_or_switch_them(
    boss: Office, clerk: Office, site: Site
) -> None:
    site.install("menu", MENU)
    site.install("other", MENU)
    boss.post("/office/plugins/allow", {"name": "other"})
    page = clerk.get("/office/plugins")
    assert page.status_code == 200 and "menu" in page.text
    assert "Approve menu" not in page.text and "Switch other off" not in page.text
    for path, data in (
        ("/office/plugins/allow", {"name": "menu", "scope": ["patients:write"]}),
        ("/office/plugins/off", {"name": "other", "reason": "staff try"}),
        ("/office/plugins/on", {"name": "other"}),
    ):
        refused = clerk.post(path, data)
        assert refused.status_code == 403, path
        assert "Administrators only" in refused.text
    assert allow_row(clerk, "menu") is None
    other = allow_row(clerk, "other")
    assert other is not None and other.IsEnabled and other.Scopes == ""


def test_approving_without_the_sessions_token_is_refused(boss: Office, site: Site) -> None:
    site.install("menu", MENU)
    form = {"name": "menu", "csrf_token": "forged"}
    refused = boss.client.post("/office/plugins/allow", data=form, follow_redirects=False)
    assert refused.status_code == 403 and "Form expired" in refused.text
    assert allow_row(boss, "menu") is None


def test_with_plugins_off_no_plugin_is_loaded_or_asked_for_menu_entries(
    db: Database, site: Site
) -> None:
    site.install("menu", MENU)
    make_user(db, "boss", admin=True)
    with api_for(db, plugins=False) as api:
        boss = Office(api.client, api)
        assert boss.sign_in("boss").status_code == 303
        assert boss.post("/office/plugins/allow", {"name": "menu"}).status_code == 303
        page = boss.get("/office/plugins").text
        assert "plug-ins are off in this server (ENAMEL_PLUGINS=off)" in row_of(page, "menu")
        assert "Recalls" not in page
    assert site.loaded("menu") is None  # never imported
