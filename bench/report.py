"""Results: the Markdown table for the README and the JSON file."""

from __future__ import annotations

import dataclasses
import json
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL", "mysql": "MariaDB"}
GOAL = 0.5
"""Service writes per second over hand-written writes per second, at least."""
VERIFY_GOAL = 100_000.0
"""Rows per second the check reads and recomputes, at least: 1,000,000 sealed rows in 10 s."""
AUDIT_WRITE_GOAL = 2.0
"""The time of an audited write over the time of the same write without auditing, at most."""
CHECK_GOAL_MS = 1.0
"""Milliseconds `enamel.queries.validate.check` may take at the median for a report query."""
QUERY_GOAL = 1.5
"""The time of a 1000-row ShortQuery through Enamel over the same query through the bare
driver and orjson, at most."""
DIALECT_LABELS = {"mysql": "MySQL / MariaDB", "postgresql": "PostgreSQL", "sqlite": "SQLite"}


@dataclass
class WriteResult:
    engine: str
    writes_per_round: int
    service_rates: list[float] = field(default_factory=list)
    handwritten_rates: list[float] = field(default_factory=list)

    @property
    def service(self) -> float:
        return statistics.median(self.service_rates)

    @property
    def handwritten(self) -> float:
        return statistics.median(self.handwritten_rates)

    @property
    def ratio(self) -> float:
        return self.service / self.handwritten

    def as_dict(self) -> dict[str, Any]:
        return {
            **dataclasses.asdict(self),
            "service_writes_per_second": round(self.service, 1),
            "handwritten_writes_per_second": round(self.handwritten, 1),
            "ratio": round(self.ratio, 3),
            "goal": GOAL,
            "meets_goal": self.ratio >= GOAL,
        }


@dataclass
class HttpResult:
    """One request of the HTTP benchmark on one engine: Enamel against the bare app."""

    engine: str
    scenario: str
    title: str
    goal: float
    requests_per_round: int
    connections: int
    enamel_rates: list[float] = field(default_factory=list)
    bare_rates: list[float] = field(default_factory=list)
    capped: bool = False

    @property
    def enamel(self) -> float:
        return statistics.median(self.enamel_rates)

    @property
    def bare(self) -> float:
        return statistics.median(self.bare_rates)

    @property
    def ratios(self) -> list[float]:
        """Per round: Enamel's rate over the bare rate measured next to it."""
        return [e / b for e, b in zip(self.enamel_rates, self.bare_rates, strict=True)]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    def as_dict(self) -> dict[str, Any]:
        return {
            **dataclasses.asdict(self),
            "ratios": [round(r, 3) for r in self.ratios],
            "enamel_requests_per_second": round(self.enamel, 1),
            "bare_requests_per_second": round(self.bare, 1),
            "ratio": round(self.ratio, 3),
            "meets_goal": self.ratio >= self.goal,
        }


@dataclass
class VerifyResult:
    """`enamel audit verify` over a bulk-loaded practice on one engine."""

    engine: str
    rows: int
    """Sealed rows checked."""
    links: int
    """Chain links checked (the demo's security log)."""
    seconds: float
    build_seconds: float
    findings: int

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds

    @property
    def meets_goal(self) -> bool:
        return self.rows_per_second >= VERIFY_GOAL

    def as_dict(self) -> dict[str, Any]:
        return {
            **dataclasses.asdict(self),
            "rows_per_second": round(self.rows_per_second, 1),
            "goal_rows_per_second": VERIFY_GOAL,
            "meets_goal": self.meets_goal,
        }


@dataclass
class AuditWriteResult:
    """The service's booking with and without auditing on one engine."""

    engine: str
    writes_per_round: int
    audited_rates: list[float] = field(default_factory=list)
    plain_rates: list[float] = field(default_factory=list)

    @property
    def audited(self) -> float:
        return statistics.median(self.audited_rates)

    @property
    def plain(self) -> float:
        return statistics.median(self.plain_rates)

    @property
    def ratios(self) -> list[float]:
        """Per round: audited time over plain time for the same number of writes."""
        return [p / a for a, p in zip(self.audited_rates, self.plain_rates, strict=True)]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    def as_dict(self) -> dict[str, Any]:
        return {
            **dataclasses.asdict(self),
            "ratios": [round(r, 3) for r in self.ratios],
            "audited_writes_per_second": round(self.audited, 1),
            "plain_writes_per_second": round(self.plain, 1),
            "ratio": round(self.ratio, 3),
            "goal": AUDIT_WRITE_GOAL,
            "meets_goal": self.ratio <= AUDIT_WRITE_GOAL,
        }


def percentile(samples: list[float], q: float) -> float:
    """The `q`-th percentile (0 < q < 100) of `samples`, interpolated between the two nearest
    ranks (`statistics.quantiles`' inclusive method); the sample itself when there is one."""
    if not samples:
        raise ValueError("no samples")
    if not 0 < q < 100:
        raise ValueError("q must be between 0 and 100")
    ordered = sorted(samples)
    if len(ordered) == 1:
        return ordered[0]
    at = (len(ordered) - 1) * q / 100
    low = int(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


@dataclass
class CheckResult:
    """`check(sql, dialect)` over the report queries of the corpus, for one dialect."""

    dialect: str
    queries: int
    cold_ms: list[float] = field(default_factory=list)
    """Each cold call: the caches cleared before it."""
    warm_us: list[float] = field(default_factory=list)
    """Each warm call: the query's text cached, sent as a new string (as a request's is)."""
    slowest: list[tuple[str, float]] = field(default_factory=list)
    """The queries with the highest cold median, with that median in ms."""

    @property
    def cold_p50(self) -> float:
        return percentile(self.cold_ms, 50)

    @property
    def cold_p95(self) -> float:
        return percentile(self.cold_ms, 95)

    @property
    def warm_p50(self) -> float:
        return percentile(self.warm_us, 50)

    @property
    def warm_p95(self) -> float:
        return percentile(self.warm_us, 95)

    def as_dict(self) -> dict[str, Any]:
        return {
            "dialect": self.dialect,
            "queries": self.queries,
            "cold_calls": len(self.cold_ms),
            "cold_p50_ms": round(self.cold_p50, 3),
            "cold_p95_ms": round(self.cold_p95, 3),
            "warm_calls": len(self.warm_us),
            "warm_p50_us": round(self.warm_p50, 2),
            "warm_p95_us": round(self.warm_p95, 2),
            "goal_p50_ms": CHECK_GOAL_MS,
            "cold_meets_goal": self.cold_p50 < CHECK_GOAL_MS,
            "warm_meets_goal": self.warm_p50 / 1000 < CHECK_GOAL_MS,
            "slowest_cold_p50_ms": {name: round(ms, 3) for name, ms in self.slowest},
        }


@dataclass
class QueryHttpResult:
    """One ShortQuery of `rows` rows on one engine: Enamel over HTTP against the bare app, and
    in-process what the security-log write of each query costs."""

    engine: str
    scenario: str
    sql: str
    rows: int
    requests_per_round: int
    connections: int
    enamel_rates: list[float] = field(default_factory=list)
    bare_rates: list[float] = field(default_factory=list)
    capped: bool = False
    service_ms: float = 0.0
    """In-process median of `enamel.queries.service` read + logged (check, run, log)."""
    run_ms: float = 0.0
    """In-process median of `enamel.queries.run.short_query` (check, run; no log)."""
    log_ms: float = 0.0
    """In-process median of the security-log write alone, as the service does it."""
    enamel_cpu_ms: list[float] = field(default_factory=list)
    """Per round: the Enamel server process's CPU time a request (ms; empty without /proc)."""
    bare_cpu_ms: list[float] = field(default_factory=list)
    """Per round: the bare app's process's CPU time a request (ms)."""

    @property
    def enamel(self) -> float:
        return statistics.median(self.enamel_rates)

    @property
    def bare(self) -> float:
        return statistics.median(self.bare_rates)

    @property
    def ratios(self) -> list[float]:
        """Per round: Enamel's time for the requests over the bare app's (bare rate / Enamel
        rate), for the round pair."""
        return [b / e for e, b in zip(self.enamel_rates, self.bare_rates, strict=True)]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def cpu_ratio(self) -> float | None:
        """Median of the per-round ratios of the servers' CPU time a request (Enamel's over the
        bare app's): steadier than the rates on a shared machine, and on SQLite, whose work
        runs in the server process, the whole cost of a read; on MariaDB and PostgreSQL the
        database server's share is not in it. None when it was not measured."""
        pairs = zip(self.enamel_cpu_ms, self.bare_cpu_ms, strict=True)
        ratios = [e / b for e, b in pairs if b > 0]
        return statistics.median(ratios) if ratios else None

    @property
    def log_share(self) -> float:
        """The log write's time over the service's (both in-process medians)."""
        return self.log_ms / self.service_ms if self.service_ms else 0.0

    @property
    def unlogged_share(self) -> float:
        """The same share by difference: the service's time less the run's, over the service's
        (the log write and a cached check; noisier, two medians apart)."""
        return (self.service_ms - self.run_ms) / self.service_ms if self.service_ms else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            **dataclasses.asdict(self),
            "ratios": [round(r, 3) for r in self.ratios],
            "enamel_requests_per_second": round(self.enamel, 1),
            "bare_requests_per_second": round(self.bare, 1),
            "ratio": round(self.ratio, 3),
            "goal": QUERY_GOAL,
            "meets_goal": self.ratio <= QUERY_GOAL,
            "cpu_ratio": None if self.cpu_ratio is None else round(self.cpu_ratio, 3),
            "log_share": round(self.log_share, 3),
            "service_minus_run_share": round(self.unlogged_share, 3),
        }


@dataclass
class DemoRun:
    engine: str
    seconds: float
    patients: int
    appointments: int
    procedures: int
    payments: int
    adjustments: int


@dataclass
class Report:
    writes: list[WriteResult] = field(default_factory=list)
    demos: list[DemoRun] = field(default_factory=list)
    http: list[HttpResult] = field(default_factory=list)
    verify: list[VerifyResult] = field(default_factory=list)
    audit_writes: list[AuditWriteResult] = field(default_factory=list)
    checks: list[CheckResult] = field(default_factory=list)
    queries: list[QueryHttpResult] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    """Engine (or "demo postgresql") -> why it was not measured."""
    environment: dict[str, str] = field(default_factory=dict)

    def markdown(self) -> str:
        lines: list[str] = []
        if self.writes:
            per_round = self.writes[0].writes_per_round
            rounds = len(self.writes[0].service_rates)
            lines += [
                f"Booking an appointment, one transaction per write ({per_round:,} writes a "
                f"round, median of {rounds} round{'s' if rounds != 1 else ''}):",
                "",
                "| Engine | Service writes/s | Hand-written SQL writes/s "
                f"| Ratio (goal ≥ {GOAL}) |",
                "|---|---:|---:|---:|",
            ]
            for w in self.writes:
                lines.append(
                    f"| {LABELS.get(w.engine, w.engine)} | {w.service:,.0f} "
                    f"| {w.handwritten:,.0f} | {w.ratio:.2f} |"
                )
        if self.demos:
            if lines:
                lines.append("")
            lines += [
                "Demo load (`load_demo`, through the services, one transaction per family):",
                "",
                "| Engine | Seconds | Patients | Appointments | Procedures | Payments "
                "| Adjustments |",
                "|---|---:|---:|---:|---:|---:|---:|",
            ]
            for d in self.demos:
                lines.append(
                    f"| {LABELS.get(d.engine, d.engine)} | {d.seconds:.1f} | {d.patients:,} "
                    f"| {d.appointments:,} | {d.procedures:,} | {d.payments:,} "
                    f"| {d.adjustments:,} |"
                )
        if self.http:
            if lines:
                lines.append("")
            first = self.http[0]
            rounds = len(first.enamel_rates)
            lines += [
                "The API over HTTP on loopback (one uvicorn worker each, "
                f"{first.connections} keep-alive connections, median of {rounds} "
                f"round{'s' if rounds != 1 else ''}; ratio = median of the per-round ratios):",
                "",
                "| Engine | Request | Requests a round | Enamel req/s | Bare Starlette req/s "
                "| Ratio | Goal |",
                "|---|---|---:|---:|---:|---:|---:|",
            ]
            for h in self.http:
                lines.append(
                    f"| {LABELS.get(h.engine, h.engine)} | `{h.title}` | {h.requests_per_round:,} "
                    f"| {h.enamel:,.0f} | {h.bare:,.0f} | {h.ratio:.2f} | ≥ {h.goal} |"
                )
            capped = [h.title for h in self.http if h.capped]
            if capped:
                lines += ["", f"Rounds stopped by the time cap: {', '.join(capped)}."]
        if self.verify:
            if lines:
                lines.append("")
            lines += [
                "`enamel audit verify` over a practice of bulk-loaded sealed rows (every seal and "
                "chain link recomputed; no finding):",
                "",
                "| Engine | Sealed rows | Chain links | Seconds | Rows/s | Goal |",
                "|---|---:|---:|---:|---:|---|",
            ]
            for v in self.verify:
                lines.append(
                    f"| {LABELS.get(v.engine, v.engine)} | {v.rows:,} | {v.links:,} "
                    f"| {v.seconds:.2f} | {v.rows_per_second:,.0f} "
                    f"| ≥ {VERIFY_GOAL:,.0f} rows/s (1,000,000 in 10 s) |"
                )
        if self.audit_writes:
            if lines:
                lines.append("")
            first_audit = self.audit_writes[0]
            rounds = len(first_audit.audited_rates)
            lines += [
                "What auditing costs a write: booking an appointment through the service, audited "
                "(seals, chain link, marker, capture triggers) against plain (`Database(url, "
                f"audit=False)`, no triggers) ({first_audit.writes_per_round:,} writes a round, "
                f"median of {rounds} round{'s' if rounds != 1 else ''}; ratio = median of the "
                "per-round ratios):",
                "",
                "| Engine | Audited writes/s | Plain writes/s | Audited time / plain time | Goal |",
                "|---|---:|---:|---:|---:|",
            ]
            for a in self.audit_writes:
                lines.append(
                    f"| {LABELS.get(a.engine, a.engine)} | {a.audited:,.0f} | {a.plain:,.0f} "
                    f"| {a.ratio:.2f} | ≤ {AUDIT_WRITE_GOAL} |"
                )
        if self.checks:
            if lines:
                lines.append("")
            lines += self._checks_markdown()
        if self.queries:
            if lines:
                lines.append("")
            lines += self._queries_markdown()
        for what, reason in self.skipped.items():
            lines.append("")
            lines.append(f"Not measured: {what} ({reason}).")
        return "\n".join(lines)

    def _checks_markdown(self) -> list[str]:
        first = self.checks[0]
        lines = [
            f"`enamel.queries.validate.check(sql, dialect)` over the {first.queries} Open Dental "
            "report queries of tests/queries/corpus: cold, the caches cleared before each call "
            f"({len(first.cold_ms):,} calls a dialect); warm, the query's text already checked "
            f"and written, sent as a new string as a request's body is ({len(first.warm_us):,} "
            "calls a dialect):",
            "",
            "| Dialect | Cold p50 | Cold p95 | Warm p50 | Warm p95 | Goal: p50 < "
            f"{CHECK_GOAL_MS:g} ms |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for c in self.checks:
            cold = "meets" if c.cold_p50 < CHECK_GOAL_MS else "MISSES"
            warm = "meets" if c.warm_p50 / 1000 < CHECK_GOAL_MS else "MISSES"
            lines.append(
                f"| {DIALECT_LABELS.get(c.dialect, c.dialect)} | {c.cold_p50:.2f} ms "
                f"| {c.cold_p95:.2f} ms | {c.warm_p50:.1f} µs | {c.warm_p95:.1f} µs "
                f"| cold {cold}, warm {warm} |"
            )
        return lines

    def _queries_markdown(self) -> list[str]:
        first = self.queries[0]
        rounds = len(first.enamel_rates)
        lines = [
            f"A {first.rows:,}-row `PUT /api/v1/queries/ShortQuery` over HTTP on loopback "
            "(one uvicorn worker each, "
            f"{first.connections} keep-alive connections, median of {rounds} "
            f"round{'s' if rounds != 1 else ''}; ratio = median of the per-round ratios of "
            "Enamel's time over the bare app's: the bare driver and orjson on the same SQL). "
            "In-process medians on the same database: the service (`read` + `logged`: check, "
            "run, security-log write), `run.short_query` (check, run) and the log write alone; "
            "its share of the service's time. Server CPU: each server process's CPU time a "
            "request (medians; the ratio is the median of the per-round ratios; a database "
            "server's own CPU time is not in it):",
            "",
            "| Engine | Query | Enamel req/s | Bare req/s | Enamel time / bare time | Goal "
            "| Server CPU, Enamel / bare | CPU ratio | service | run | Log write | Log share |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for q in self.queries:
            cpu, cpu_ratio = "-", "-"
            if q.cpu_ratio is not None:
                cpu = (
                    f"{statistics.median(q.enamel_cpu_ms):.1f} / "
                    f"{statistics.median(q.bare_cpu_ms):.1f} ms"
                )
                cpu_ratio = f"{q.cpu_ratio:.2f}"
            lines.append(
                f"| {LABELS.get(q.engine, q.engine)} | {q.scenario} | {q.enamel:,.1f} "
                f"| {q.bare:,.1f} | {q.ratio:.2f} | ≤ {QUERY_GOAL} | {cpu} | {cpu_ratio} "
                f"| {q.service_ms:.1f} ms | {q.run_ms:.1f} ms | {q.log_ms:.1f} ms "
                f"| {100 * q.log_share:.0f}% |"
            )
        lines.append("")
        lines += [f"- {q.scenario}: `{q.sql}`" for q in _first_of_each(self.queries)]
        capped = [
            f"{q.scenario} on {LABELS.get(q.engine, q.engine)}" for q in self.queries if q.capped
        ]
        if capped:
            lines += ["", f"Rounds stopped by the time cap: {', '.join(capped)}."]
        return lines

    def write_json(self, path: Path) -> None:
        data = {
            "environment": self.environment,
            "writes": [w.as_dict() for w in self.writes],
            "demo": [dataclasses.asdict(d) for d in self.demos],
            "http": [h.as_dict() for h in self.http],
            "audit_verify": [v.as_dict() for v in self.verify],
            "audit_writes": [a.as_dict() for a in self.audit_writes],
            "query_checks": [c.as_dict() for c in self.checks],
            "queries": [q.as_dict() for q in self.queries],
            "skipped": self.skipped,
            "markdown": self.markdown(),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def _first_of_each(results: list[QueryHttpResult]) -> list[QueryHttpResult]:
    seen: dict[str, QueryHttpResult] = {}
    for r in results:
        seen.setdefault(r.scenario, r)
    return list(seen.values())
