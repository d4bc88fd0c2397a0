"""The README's screenshots of the office pages: `python -m tests.admin.screenshots`.

A small demo practice on SQLite, a few integrations with some activity, a governed query, a
row changed behind Enamel's back and a few program links, then Chromium (Playwright,
/usr/bin/chromium) photographs each page into docs/screenshots/.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from enamel.db import Database
from enamel.demo.loader import load_demo
from enamel.models import Patient
from enamel.programlinks.service import LinkData, add_link, switch_link
from enamel.security.actor import system_actor
from tests.admin.browser import api_call, eventually, launched, prepared, sign_in
from tests.audit.tamper import sql
from tests.cli.serving import serving

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def links(db: Database) -> Patient:
    """The README's example links (programs that need not exist: the shots dry-run them), one
    switched off; answer a patient to launch them for."""
    actor = system_actor("screenshots")
    with db.write() as session:
        add_link(
            session,
            actor,
            "Imaging",
            LinkData(
                kind="infofile",
                command="/opt/imaging/bin/viewer",
                file_path="/srv/bridge/infofile.txt",
                description="Imaging (patient info file)",
            ),
        )
        ceph = '-p [PatNum] "--name=[LName], [FName]" --dob=[Birthdate:yyyyMMdd]'
        add_link(session, actor, "Ceph", LinkData(command="/opt/ceph/ceph", args=ceph))
        portal = "https://images.example.com/viewer?patient=[PatNum]"
        add_link(session, actor, "Portal", LinkData(kind="url", url=portal))
        add_link(session, actor, "Old scanner", LinkData(command="/opt/scan/scan", args="[PatNum]"))
        switch_link(session, actor, "Old scanner", on=False, reason="replaced by Imaging")
    with db.read() as session:
        patient = session.get(Patient, 5)
        assert patient is not None
        session.expunge(patient)
        return patient


def main() -> None:
    os.environ.setdefault(
        "ENAMEL_SEAL_KEY_FILE", str(Path(tempfile.mkdtemp(prefix="enamel-key-")) / "seal.key")
    )
    folder = Path(tempfile.mkdtemp(prefix="enamel-shots-"))
    url = f"sqlite:///{folder / 'office.db'}"
    db = prepared(url)
    load_demo(db, patients=40, seed=7)
    from tests.admin.test_browser import integration

    reminders = integration(db, "Reminder Pro", "patients:read", "appointments:read")
    reports = integration(db, "Nightly Reports", "queries")
    integration(db, "Imaging Bridge", "patients:read")
    patient = links(db)
    OUT.mkdir(parents=True, exist_ok=True)
    with serving(url) as server:
        eventually(200, lambda: api_call(server.base, "/patients", reminders))
        for _ in range(25):
            api_call(server.base, "/patients", reminders)
            api_call(server.base, "/appointments", reminders)
        query = {"SqlCommand": "SELECT PatNum, LName FROM patient WHERE PatStatus = 0"}
        for _ in range(3):
            api_call(server.base, "/queries/ShortQuery", reports, query, "PUT")
        sql(db, "UPDATE patient SET LName = 'Mallory' WHERE PatNum = {p}", 3)
        with launched() as browser:
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            page.goto(f"{server.base}/office/signin")
            page.screenshot(path=OUT / "signin.png")
            sign_in(page, server.base, "boss")
            page.wait_for_timeout(2500)  # the activity counters reach the database
            page.reload()
            page.locator('tr[data-integration="Imaging Bridge"]').get_by_text("Switch off…").click()
            page.screenshot(path=OUT / "integrations.png", full_page=True)
            page.get_by_role("link", name="Integrity").click()
            page.get_by_role("button", name="Run a check now").click()
            page.get_by_role("status").wait_for()
            page.screenshot(path=OUT / "integrity.png", full_page=True)
            page.get_by_role("link", name="Security log").click()
            page.screenshot(path=OUT / "securitylog.png")
            page.get_by_role("link", name="Queries").click()
            page.screenshot(path=OUT / "queries.png", full_page=True)
            page.get_by_role("link", name="Program links").click()
            page.get_by_label("Patient (name or PatNum)").fill(patient.LName)
            page.get_by_role("button", name="Search").click()
            page.get_by_role("link", name=f"Program links for patient {patient.PatNum}").click()
            page.screenshot(path=OUT / "links.png", full_page=True)
            dry = f"Dry run Imaging for patient {patient.PatNum}"
            page.get_by_role("button", name=dry).click()
            page.screenshot(path=OUT / "links-dryrun.png", full_page=True)
            tablet = browser.new_page(viewport={"width": 820, "height": 1180})
            sign_in(tablet, server.base, "clerk")
            tablet.screenshot(path=OUT / "integrations-tablet-staff.png")
    db.dispose()
    print(f"screenshots in {OUT}")


if __name__ == "__main__":
    main()
