"""The office pages in Chromium against a live `enamel serve` (SQLite; the running-query test
on PostgreSQL, the engine whose process list the page reads): what an office manager does,
click by click, and what the browser must not be able to do."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from enamel.db import Database
from enamel.programlinks.service import LinkData, add_link
from enamel.queries import run
from enamel.security.actor import system_actor
from enamel.security.integrations import add_integration
from tests.admin.browser import api_call, eventually, launched, prepared, sign_in
from tests.audit.tamper import sql
from tests.cli.serving import Server, serving
from tests.conftest import server_database
from tests.factories import make_patient
from tests.programlinks.helpers import disclosure_entries, recorder, seen
from tests.queries.test_monitor import RUNAWAY

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launched() as browser:
        yield browser


@pytest.fixture(scope="module")
def office(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, Database]]:
    """A live server on a SQLite practice with users boss and clerk."""
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'office.db'}"
    db = prepared(url)
    with serving(url) as server:
        yield server, db
    db.dispose()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def integration(db: Database, name: str, *scopes: str) -> dict[str, str]:
    with db.write() as session:
        new = add_integration(session, system_actor("tests"), name, scopes, 0)
    return {
        "Authorization": f"ODFHIR {new.developer_key}/{new.customer_key}",
        "Content-Type": "application/json",
    }


def test_an_administrator_switches_an_integration_off_in_two_clicks(
    office: tuple[Server, Database], page: Page
) -> None:
    server, db = office
    keys = integration(db, "Reminder Pro", "patients:read")
    assert eventually(200, lambda: api_call(server.base, "/patients", keys))[0] == 200
    sign_in(page, server.base, "boss")
    row = page.locator('tr[data-integration="Reminder Pro"]')
    row.get_by_text("Switch off…").click()  # 1
    row.get_by_role("button", name="Confirm: switch Reminder Pro off").click()  # 2
    page.get_by_role("status").filter(has_text="is switched off").wait_for()
    assert "OFF" in row.inner_text()
    status, body = eventually(403, lambda: api_call(server.base, "/patients", keys))
    assert status == 403 and body["error"] == "integration_off"
    assert "switched off from the office pages" in body["message"]
    row.get_by_role("button", name="Switch Reminder Pro on").click()
    page.get_by_role("status").filter(has_text="is switched on").wait_for()
    assert eventually(200, lambda: api_call(server.base, "/patients", keys))[0] == 200


def test_an_administrator_finds_a_changed_row_and_acknowledges_it(
    office: tuple[Server, Database], page: Page
) -> None:
    server, db = office
    keys = integration(db, "Front desk", "patients:write")
    jane = {"LName": "Smith", "FName": "Jane"}
    # A refused call (the server learns new keys within a second) writes nothing: safe to repeat.
    status, patient = eventually(
        201, lambda: api_call(server.base, "/patients", keys, jane, "POST")
    )
    assert status == 201
    sql(db, "UPDATE patient SET LName = 'Mallory' WHERE PatNum = {p}", patient["PatNum"])
    sign_in(page, server.base, "boss")
    page.get_by_role("link", name="Integrity").click()
    page.get_by_role("button", name="Run a check now").click()
    page.get_by_role("status").filter(has_text="The check is done").wait_for()
    finding = page.locator("article.finding").filter(has_text=f"patient {patient['PatNum']}")
    assert "Mallory" in finding.inner_text() and "Smith" in finding.inner_text()
    finding.get_by_text("Acknowledge…").click()
    finding.get_by_label("Reason").fill("front desk corrected the name by hand")
    finding.get_by_role("button", name=re.compile(r"^Acknowledge finding \d+$")).click()
    page.get_by_role("status").filter(has_text="acknowledged").wait_for()
    assert (
        page.locator("article.finding").filter(has_text=f"patient {patient['PatNum']}").count() == 0
    )
    page.get_by_role("link", name="all", exact=True).click()
    assert "front desk corrected the name by hand" in page.content()


def test_no_page_works_without_a_session(office: tuple[Server, Database], page: Page) -> None:
    server, _ = office
    for path in (
        "integrations",
        "securitylog",
        "integrity",
        "queries",
        "links",
        "disclosures",
        "plugins",
    ):
        page.goto(f"{server.base}/office/{path}")
        assert "/office/signin" in page.url, path
        assert page.get_by_role("heading", name="Sign in").is_visible()
    refused = page.request.post(
        f"{server.base}/office/api/off", form={"reason": "no session"}, max_redirects=0
    )
    assert refused.status == 401


def test_a_form_without_the_sessions_token_is_refused(
    office: tuple[Server, Database], page: Page
) -> None:
    server, db = office
    keys = integration(db, "Imaging Bridge", "patients:read")
    sign_in(page, server.base, "boss")
    row = page.locator('tr[data-integration="Imaging Bridge"]')
    row.get_by_text("Switch off…").click()
    row.locator('input[name="csrf_token"]').first.evaluate("el => { el.value = 'forged'; }")
    row.get_by_role("button", name="Confirm: switch Imaging Bridge off").click()
    page.get_by_role("heading", name="Form expired").wait_for()
    time.sleep(1.0)  # longer than a server's switch delay
    assert api_call(server.base, "/patients", keys)[0] == 200


def test_staff_cannot_do_administrator_actions(office: tuple[Server, Database], page: Page) -> None:
    server, db = office
    keys = integration(db, "Recall Texts", "patients:read")
    sign_in(page, server.base, "clerk")
    assert "clerk (staff)" in page.content()
    row = page.locator('tr[data-integration="Recall Texts"]')
    assert row.get_by_text("Switch off…").count() == 0
    token = page.locator('input[name="csrf_token"]').first.get_attribute("value") or ""
    refused = page.request.post(
        f"{server.base}/office/integrations/off",
        form={"name": "Recall Texts", "reason": "staff try", "csrf_token": token},
        max_redirects=0,
    )
    assert refused.status == 403 and "Administrators only" in refused.text()
    time.sleep(1.0)
    assert api_call(server.base, "/patients", keys)[0] == 200


def test_staff_find_a_patient_dry_run_a_link_then_launch_it(
    office: tuple[Server, Database], page: Page, tmp_path: Path
) -> None:
    server, db = office
    program, out = recorder(tmp_path)
    with db.write() as session:
        link = LinkData(command=str(program), args='-p [PatNum] "--name=[LName], [FName]"')
        add_link(session, system_actor("tests"), "Ceph", link)
    pat = make_patient(db, LName="Okafor", FName="Chidi")
    sign_in(page, server.base, "clerk")
    page.get_by_role("link", name="Program links").click()
    page.get_by_label("Patient (name or PatNum)").fill("okaf")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=f"Program links for patient {pat}").click()
    page.get_by_text("Okafor, Chidi").first.wait_for()
    page.get_by_role("button", name=f"Dry run Ceph for patient {pat}").click()
    page.get_by_role("status").filter(has_text="nothing was started").wait_for()
    argv = page.locator("ol.argv li").all_inner_texts()
    assert argv == [str(program), "-p", str(pat), "--name=Okafor, Chidi"]
    time.sleep(0.5)
    assert not out.exists() and disclosure_entries(db) == []
    page.get_by_role("button", name="Launch Ceph now").click()
    page.get_by_role("status").filter(has_text="the disclosure is security-log entry").wait_for()
    assert seen(out)[0]["argv"][1:] == ["-p", str(pat), "--name=Okafor, Chidi"]
    [entry] = disclosure_entries(db)
    assert (entry.ActorName, entry.PatNum) == ("clerk", pat)
    page.get_by_role("link", name="What left the practice about this patient").click()
    row = page.locator(f'tr[data-entry="{entry.SecurityLogNum}"]')
    assert "program link 'Ceph'" in row.inner_text() and "clerk" in row.inner_text()
    # Staff launch, but only an administrator switches a link.
    page.get_by_role("link", name="Program links").click()
    assert page.get_by_text("Switch off…").count() == 0


def test_with_no_plugin_installed_there_is_nothing_to_approve(
    office: tuple[Server, Database], page: Page
) -> None:
    server, _ = office
    sign_in(page, server.base, "boss")
    page.get_by_role("link", name="Plug-ins").click()
    page.get_by_text("No plug-ins are installed").wait_for()
    assert page.get_by_text("Approve…").count() == 0


def test_an_administrator_stops_a_running_query(
    browser: Browser, page: Page, tmp_path: Path
) -> None:
    url = server_database("postgresql", "_browser")
    db = prepared(url)
    outcome: dict[str, Any] = {}

    def report() -> None:
        try:
            run.short_query(db, RUNAWAY, time_limit=60, cost_budget=0, integration="Nightly report")
        except run.QueryLimit as exc:
            outcome["error"] = exc

    try:
        with serving(url) as server:
            sign_in(page, server.base, "boss")
            thread = threading.Thread(target=report)
            thread.start()
            try:
                page.get_by_role("link", name="Queries").click()
                stop = page.get_by_role("button", name=re.compile(r"^Stop query \d+ of Nightly"))
                stop.wait_for(timeout=20_000)
                stop.click()
                page.get_by_role("status").filter(has_text="is stopped").wait_for()
            finally:
                thread.join(timeout=30)
    finally:
        db.dispose()
    assert outcome["error"].outcome == "killed"
