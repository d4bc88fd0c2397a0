"""Office users and sessions: argon2 passwords, sign-in and out, cookies, CSRF, lock-out, and the
security log of each."""

from __future__ import annotations

import re

from sqlalchemy import select

from enamel.db import Database
from enamel.models import OfficeSession, SecurityLog, Userod
from enamel.security.users import LOCK_AFTER
from tests.admin.office import PASSWORD, Office, second_browser, token_in
from tests.cli.runner import enamel, url


def refusal(page: str) -> str:
    """The sign-in page's alert."""
    found = re.search(r'<p class="error" role="alert">(.*?)</p>', page, re.S)
    assert found, page
    return found.group(1)


def log_texts(db: Database) -> list[str]:
    with db.read() as session:
        stmt = select(SecurityLog.LogText).order_by(SecurityLog.SecurityLogNum)
        return list(session.scalars(stmt))


def test_enamel_users_add_stores_an_argon2_hash_and_the_role(db: Database) -> None:
    from click.testing import CliRunner

    from enamel.cli import main

    runner = CliRunner()
    env = {"ENAMEL_DATABASE_URL": url(db)}
    made = runner.invoke(main, ["users", "add", "Dr Admin", "--admin", "--password-stdin"],
                         input="a long enough secret\n", env=env)  # fmt: skip
    assert made.exit_code == 0, made.output
    assert "administrator" in made.output
    prompted = runner.invoke(main, ["users", "add", "frontdesk"], env=env,
                             input="another long secret\nanother long secret\n")  # fmt: skip
    assert prompted.exit_code == 0, prompted.output
    assert "staff" in prompted.output
    again = enamel(db, "users", "add", "frontdesk", "--password-stdin")
    assert again.exit_code == 1
    short = runner.invoke(main, ["users", "add", "x", "--password-stdin"], input="short\n", env=env)
    assert short.exit_code == 1 and "password" in short.output
    with db.read() as session:
        rows = {u.UserName: u for u in session.scalars(select(Userod))}
    assert set(rows) == {"Dr Admin", "frontdesk"}
    assert rows["Dr Admin"].Password.startswith("$argon2id$")
    assert "a long enough secret" not in rows["Dr Admin"].Password
    assert rows["Dr Admin"].UserGroupNum != rows["frontdesk"].UserGroupNum
    assert any("Office user Dr Admin added as administrator" in t for t in log_texts(db))


def test_signing_in_sets_a_strict_httponly_session_cookie(office: Office) -> None:
    response = office.sign_in("boss")
    assert response.status_code == 303
    assert response.headers["location"] == "/office/integrations"
    cookie = next(
        c for c in response.headers.get_list("set-cookie") if c.startswith("enamel_office=")
    )
    lowered = cookie.lower()
    assert "httponly" in lowered and "samesite=strict" in lowered and "path=/office" in lowered
    assert "secure" not in lowered  # plain http here; https sets Secure
    page = office.get("/office/integrations")
    assert page.status_code == 200 and "boss (administrator)" in page.text
    assert page.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    token = cookie.split(";")[0].split("=", 1)[1]
    with office.api.db.read() as session:
        stored = session.scalars(select(OfficeSession.TokenHash)).all()
    assert len(stored) == 1 and token not in stored  # only its hash is kept
    texts = log_texts(office.api.db)
    assert any(t.startswith("Office user signed in") and "office user boss" in t for t in texts)
    with office.api.db.read() as session:
        entry = session.scalars(
            select(SecurityLog).where(SecurityLog.LogText.like("Office user signed in%"))
        ).one()
    assert entry.ActorKind == "office_user" and entry.UserNum > 0


def test_a_wrong_password_is_refused_and_logged(office: Office) -> None:
    response = office.sign_in("boss", "not the password")
    assert response.status_code == 401
    assert "not right" in response.text
    unknown = office.sign_in("nobody", PASSWORD)
    assert unknown.status_code == 401 and "not right" in unknown.text
    assert office.get("/office/integrations").status_code == 303
    texts = log_texts(office.api.db)
    assert any("Office sign-in failed" in t and "wrong password (1 in a row)" in t for t in texts)
    assert any("unknown or hidden user name" in t for t in texts)


def test_repeated_failures_lock_the_user_out_even_with_the_right_password(
    office: Office,
) -> None:
    for _ in range(LOCK_AFTER):
        assert office.sign_in("clerk", "guess guess guess").status_code == 401
    locked = office.sign_in("clerk", PASSWORD)
    assert locked.status_code == 401
    assert "too many attempts failed" in locked.text
    # The page says the same to a locked-out user, a wrong password and an unknown name:
    # five tries do not tell which user names exist.
    wrong = office.sign_in("boss", "not the password")
    unknown = office.sign_in("nobody", "guess guess guess")
    assert refusal(locked.text) == refusal(wrong.text) == refusal(unknown.text)
    assert office.sign_in("boss").status_code == 303  # others are not locked
    texts = log_texts(office.api.db)
    assert any("locked out for 15 minutes" in t for t in texts)
    assert any("Office sign-in refused" in t and "locked out until" in t for t in texts)


def test_no_page_or_form_works_without_a_session(office: Office) -> None:
    for path in ("/office/integrations", "/office/securitylog", "/office/integrity",
                 "/office/queries", "/office/securitylog.csv", "/office/queries/running",
                 "/office/integrations/table"):  # fmt: skip
        response = office.get(path)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/office/signin?next=")
    office.api.integration("patients:read", name="Reminder Pro")
    refused = office.client.post(
        "/office/integrations/off", data={"name": "Reminder Pro", "reason": "x"}
    )
    assert refused.status_code == 401
    refused = office.client.post("/office/api/off", data={"reason": "x"})
    assert refused.status_code == 401
    with office.api.db.read() as session:
        assert not any("switched off" in t for t in session.scalars(select(SecurityLog.LogText)))


def test_every_post_needs_the_sessions_csrf_token(office: Office) -> None:
    office.sign_in("boss")
    headers = office.api.integration("patients:read", name="Reminder Pro")
    for token in ("", "forged", token_in(office.get("/office/signin").text)):
        response = office.client.post(
            "/office/integrations/off",
            data={"name": "Reminder Pro", "reason": "x", "csrf_token": token},
        )
        assert response.status_code == 403, token
        assert "security token" in response.text
    assert office.api.get("/patients", headers).status_code == 200  # still on
    with second_browser(office) as other:
        other.sign_in("clerk")
        stolen = office.client.post(
            "/office/integrations/off",
            data={"name": "Reminder Pro", "reason": "x", "csrf_token": other.csrf},
        )
        assert stolen.status_code == 403  # another session's token is no good either


def test_the_sign_in_form_has_its_own_csrf_check(office: Office) -> None:
    response = office.client.post(
        "/office/signin",
        data={"username": "boss", "password": PASSWORD, "csrf_token": "made up"},
        follow_redirects=False,
    )
    assert response.status_code == 403
    assert "enamel_office=" not in response.headers.get("set-cookie", "")


def test_signing_out_ends_the_session_on_the_server(office: Office) -> None:
    office.sign_in("boss")
    cookie = office.client.cookies.get("enamel_office")
    response = office.post("/office/signout")
    assert response.status_code == 303
    assert office.get("/office/integrations").status_code == 303
    office.client.cookies.set("enamel_office", cookie or "", path="/office")  # replayed
    assert office.get("/office/integrations").status_code == 303
    assert any("Office user signed out" in t for t in log_texts(office.api.db))


def test_next_never_leaves_the_office_pages(office: Office) -> None:
    form = office.client.get("/office/signin", params={"next": "https://evil.example/"})
    assert 'value="/office/integrations"' in form.text
    response = office.client.post(
        "/office/signin",
        data={
            "username": "boss",
            "password": PASSWORD,
            "csrf_token": token_in(form.text),
            "next": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/office/integrations"


def test_an_idle_session_ends_and_self_refreshing_tables_do_not_keep_it_alive(
    office: Office,
) -> None:
    import datetime as dt

    from sqlalchemy import update

    from enamel.db import clock
    from enamel.security.sessions import IDLE

    office.sign_in("boss")
    db = office.api.db
    earlier = (clock.now() - dt.timedelta(minutes=5)).replace(microsecond=0)
    with db.unaudited() as conn:
        conn.execute(update(OfficeSession).values(DateTLastSeen=earlier))
    poll = office.client.get("/office/integrations/table", headers={"HX-Request": "true"})
    assert poll.status_code == 200
    with db.read() as session:
        assert session.scalar(select(OfficeSession.DateTLastSeen)) == earlier
    assert office.get("/office/integrations").status_code == 200  # a page view does
    with db.read() as session:
        touched = session.scalar(select(OfficeSession.DateTLastSeen))
    assert touched is not None and touched > earlier
    with db.unaudited() as conn:
        conn.execute(update(OfficeSession).values(DateTLastSeen=clock.now() - IDLE * 2))
    assert office.get("/office/integrations").status_code == 303
    gone = office.client.get("/office/integrations/table", headers={"HX-Request": "true"})
    assert gone.headers.get("HX-Redirect") == "/office/signin"


def test_over_https_the_cookies_are_secure(office: Office) -> None:
    from fastapi.testclient import TestClient

    with TestClient(office.client.app, base_url="https://testserver") as client:
        form = client.get("/office/signin")
        assert "secure" in form.headers["set-cookie"].lower()
        response = client.post(
            "/office/signin",
            data={"username": "boss", "password": PASSWORD, "csrf_token": token_in(form.text)},
            follow_redirects=False,
        )
        assert response.status_code == 303
        cookie = next(
            c for c in response.headers.get_list("set-cookie") if c.startswith("enamel_office=")
        )
        assert "; secure" in cookie.lower()
