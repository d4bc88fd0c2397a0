"""`python -m bench.sidebyside REV [--query N] [--rounds N] [--requests N]`: a governed SQLite
read over HTTP, this checkout's Enamel against the Enamel of git revision REV and the bare app,
in one run.

The queries benchmark (bench/queries.py) compares Enamel with the bare app; on a shared
two-core machine its ratio moves by a third within an hour, so a change to the read cannot be
judged by two runs of it. Here both Enamels and the bare app serve one SQLite database (a
100-patient demo) side by side, and rounds of `--requests` reads over 4 connections go to each
in turn (the order turning each round): each Enamel's rate against the bare app's in the same
round, medians over the rounds, and each server's CPU time a read. REV is checked out into a
temporary git worktree and run with its own `src` first on PYTHONPATH (the installed packages
are this checkout's).

    python -m bench.sidebyside HEAD~3 --query 0   # SELECT * FROM procedurelog ... LIMIT 1000
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path
from tempfile import TemporaryDirectory

from bench.bare import CONFIG_ENV
from bench.http import UVICORN_OPTIONS, Server, start_server
from bench.loadgen import Request, load
from bench.queries import (
    DEMO_PATIENTS,
    PATH,
    SCENARIOS,
    _body,
    add_query_integration,
    check_same_rows,
    process_cpu,
)
from bench.targets import fresh_target
from enamel.demo.loader import load_demo
from enamel.queries.validate import check

ROOT = Path(__file__).resolve().parent.parent
CONNECTIONS = 4


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sidebyside", description=__doc__)
    parser.add_argument("rev", help="the git revision to compare this checkout with")
    parser.add_argument("--query", type=int, default=0, help="0: SELECT *, 1: the 4-table join")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--requests", type=int, default=200, help="reads a round and server")
    args = parser.parse_args(argv)
    scenario = SCENARIOS[args.query]
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(TemporaryDirectory(prefix="enamel-sidebyside-")))
        tree = tmp / "rev"
        git = shutil.which("git") or "git"
        subprocess.run(  # noqa: S603 (the revision is the caller's own argument)
            [git, "-C", str(ROOT), "worktree", "add", "--detach", str(tree), args.rev],
            check=True,
            capture_output=True,
        )
        stack.callback(
            subprocess.run,
            [git, "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
            check=False,
            capture_output=True,
        )
        target = stack.enter_context(fresh_target("sqlite", ""))
        print(f"{scenario.name}: {scenario.sql}", flush=True)
        load_demo(target.db, patients=DEMO_PATIENTS)
        auth = add_query_integration(target)
        target.db.dispose()
        servers = _start(target.db.url.render_as_string(hide_password=False), tree, tmp, stack)
        config = {
            "engine": "sqlite",
            "sqlite_path": str(target.sqlite_path),
            "conninfo": None,
            "queries": {s.sql: check(s.sql, "sqlite") for s in SCENARIOS},
        }
        (tmp / "bare.json").write_text(json.dumps(config), encoding="utf-8")
        servers["bare"] = start_server(
            "bare",
            [sys.executable, "-m", "uvicorn", "bench.bare:create_query_app", "--factory",
             *UVICORN_OPTIONS],
            {CONFIG_ENV: str(tmp / "bare.json")},
            tmp,
        )  # fmt: skip
        stack.callback(servers["bare"].stop)
        for name in ("this", "rev"):
            check_same_rows({"enamel": servers[name], "bare": servers["bare"]}, scenario, auth)
        _compare(servers, [Request("PUT", PATH, _body(scenario.sql), (("Authorization", auth),))],
                 args.rounds, args.requests, args.rev)  # fmt: skip
    return 0


def _start(url: str, tree: Path, tmp: Path, stack: ExitStack) -> dict[str, Server]:
    servers = {}
    for name, env in (("this", {}), ("rev", {"PYTHONPATH": str(tree / "src")})):
        server = start_server(
            name,
            [sys.executable, "-m", "enamel.cli", "serve", *UVICORN_OPTIONS],
            {"ENAMEL_DATABASE_URL": url, **env},
            tmp,
        )
        stack.callback(server.stop)
        servers[name] = server
    return servers


def _compare(
    servers: dict[str, Server], requests: list[Request], rounds: int, n: int, rev: str
) -> None:
    names = list(servers)
    for name in names:
        load(servers[name].port, requests * 20, connections=CONNECTIONS, cap=60)
    rates: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            pid = servers[name].process.pid
            before = process_cpu(pid)
            outcome = load(servers[name].port, requests * n, connections=CONNECTIONS, cap=60)
            after = process_cpu(pid)
            rates[name].append(outcome.rate)
            if before is not None and after is not None and outcome.requests:
                cpu[name].append((after - before) / outcome.requests * 1000)
        print(f"  round {r + 1}/{rounds}: " + ", ".join(
            f"{name} {rates[name][-1]:.1f} req/s" for name in names), flush=True)  # fmt: skip
    labels = {"this": "this checkout", "rev": rev, "bare": "bare app"}
    for name in names:
        ratios = [b / e for e, b in zip(rates[name], rates["bare"], strict=True)]
        used = f"{statistics.median(cpu[name]):.2f} ms" if cpu[name] else "unknown"
        print(
            f"{labels[name]:<16} {statistics.median(rates[name]):7.1f} req/s, time / bare time "
            f"{statistics.median(ratios):.2f} (rounds: {', '.join(f'{x:.2f}' for x in ratios)}),"
            f" server CPU a read {used}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
