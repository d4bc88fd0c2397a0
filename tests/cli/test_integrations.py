"""`enamel integrations` and `enamel api` as an office runs them, against real server processes."""

from __future__ import annotations

import json
import time
from pathlib import Path

from click.testing import CliRunner, Result

from enamel.cli import main
from tests.cli.serving import Server, serving


def run(*args: str, url: str, check: bool = True) -> Result:
    """The command in this process (fast); the servers it switches run in their own."""
    result = CliRunner().invoke(main, list(args), env={"ENAMEL_DATABASE_URL": url})
    if check and result.exit_code != 0:
        raise AssertionError(f"enamel {' '.join(args)} failed:\n{result.output}")
    return result


def _office(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    run("db", "upgrade", url=url)
    return url


def _add(url: str, name: str, *scopes: str, rate: int = 0) -> dict[str, str]:
    args = [a for s in scopes for a in ("--scope", s)]
    out = json.loads(
        run("integrations", "add", name, *args, "--rate-limit", str(rate), "--json", url=url).stdout
    )
    assert set(out) >= {"name", "developer_key", "customer_key", "scopes"}
    return {"Authorization": f"ODFHIR {out['developer_key']}/{out['customer_key']}"}


def test_add_prints_the_keys_once_and_list_shows_state_and_scopes(tmp_path: Path) -> None:
    url = _office(tmp_path)
    added = run("integrations", "add", "Reminder Pro", "--scope", "patients:read", url=url)
    assert "DeveloperKey:" in added.stdout and "CustomerKey:" in added.stdout
    assert "cannot show them again" in added.stdout
    listed = json.loads(run("integrations", "list", "--json", url=url).stdout)
    assert listed[0]["name"] == "Reminder Pro"
    assert listed[0]["enabled"] is True
    assert listed[0]["scopes"] == ["patients:read"]
    assert listed[0]["rate_limit"] == 10  # the default
    assert listed[0]["last_seen"] is None
    key = added.stdout.split("DeveloperKey:")[1].split()[0]
    assert key not in run("integrations", "list", url=url).stdout


def test_bad_commands_fail_clearly(tmp_path: Path) -> None:
    url = _office(tmp_path)
    bad_scope = run("integrations", "add", "X", "--scope", "patients:delete", url=url, check=False)
    assert bad_scope.exit_code == 2 and "patients:delete" in bad_scope.stderr
    _add(url, "X", "patients:read")
    again = run("integrations", "add", "X", "--scope", "patients:read", url=url, check=False)
    assert again.exit_code == 1 and "already exists" in again.stderr
    no_reason = run("integrations", "off", "X", url=url, check=False)
    assert no_reason.exit_code == 2 and "--reason" in no_reason.stderr
    unknown = run("integrations", "off", "Y", "--reason", "r", url=url, check=False)
    assert unknown.exit_code == 1 and "no integration is named 'Y'" in unknown.stderr
    blank = run("integrations", "off", "X", "--reason", " ", url=url, check=False)
    assert blank.exit_code == 1 and "why" in blank.stderr


def _statuses(server: Server, headers: dict[str, str], n: int = 16) -> set[int]:
    """Statuses of n requests, each on a new connection, so both workers answer some."""
    return {server.call("/api/v1/patients?Limit=1", headers)[0] for _ in range(n)}


def test_switches_reach_every_worker_within_a_second(tmp_path: Path) -> None:
    url = _office(tmp_path)
    reminders = _add(url, "Reminder Pro", "patients:read")
    dashboard = _add(url, "Dashboard", "*:read")
    with serving(url, workers=2) as server:
        assert _statuses(server, reminders) == {200}

        run("integrations", "off", "Reminder Pro", "--reason", "slowing the office", url=url)
        time.sleep(1.0)
        assert _statuses(server, reminders) == {403}
        status, _, body = server.call("/api/v1/patients", reminders)
        assert status == 403
        assert "slowing the office" in body["message"]
        assert _statuses(server, dashboard) == {200}

        run("integrations", "on", "Reminder Pro", url=url)
        time.sleep(1.0)
        assert _statuses(server, reminders) == {200}

        run("api", "off", "--reason", "suspected leak", url=url)
        time.sleep(1.0)
        assert _statuses(server, dashboard) == {503}
        assert "suspected leak" in server.call("/api/v1/patients", dashboard)[2]["message"]
        assert server.call("/healthz")[0] == 200

        run("api", "on", url=url)
        time.sleep(1.0)
        assert _statuses(server, dashboard) == {200}

        # Activity is written in batches; metrics add up over both workers.
        time.sleep(2.5)
        listed = json.loads(run("integrations", "list", "--json", url=url).stdout)
        dash = next(i for i in listed if i["name"] == "Dashboard")
        assert dash["requests_last_hour"] >= 16 * 2  # refused for API off: not attributed
        assert dash["last_seen"] is not None
        metrics = server.call("/metrics")[2]
    total = sum(
        float(line.rsplit(" ", 1)[1])
        for line in metrics.splitlines()
        if line.startswith("enamel_api_requests_total{") and 'integration="Dashboard"' in line
    )
    assert total >= 16 * 2


def test_rate_limit_over_http_answers_429_with_retry_after(tmp_path: Path) -> None:
    url = _office(tmp_path)
    limited = _add(url, "Chatty", "patients:read", rate=1)
    with serving(url) as server:
        first = server.call("/api/v1/patients?Limit=1", limited)
        second = server.call("/api/v1/patients?Limit=1", limited)
    assert first[0] == 200
    assert second[0] == 429
    assert int(second[1]["Retry-After"]) >= 1
