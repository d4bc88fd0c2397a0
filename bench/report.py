"""Results: the Markdown table for the README and the JSON file."""

from __future__ import annotations

import dataclasses
import json
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
GOAL = 0.5
"""Service writes per second over hand-written writes per second, at least."""
VERIFY_GOAL = 100_000.0
"""Rows per second the check reads and recomputes, at least: 1,000,000 sealed rows in 10 s."""
AUDIT_WRITE_GOAL = 2.0
"""The time of an audited write over the time of the same write without auditing, at most."""


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
        for what, reason in self.skipped.items():
            lines.append("")
            lines.append(f"Not measured: {what} ({reason}).")
        return "\n".join(lines)

    def write_json(self, path: Path) -> None:
        data = {
            "environment": self.environment,
            "writes": [w.as_dict() for w in self.writes],
            "demo": [dataclasses.asdict(d) for d in self.demos],
            "http": [h.as_dict() for h in self.http],
            "audit_verify": [v.as_dict() for v in self.verify],
            "audit_writes": [a.as_dict() for a in self.audit_writes],
            "skipped": self.skipped,
            "markdown": self.markdown(),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
