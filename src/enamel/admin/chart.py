"""A day of one integration's activity as a small inline SVG (drawn on the server)."""

from __future__ import annotations

from dataclasses import dataclass

from enamel.security.overview import Day

WIDTH, HEIGHT, BAR = 144, 36, 6


@dataclass(frozen=True)
class Chart:
    bars: list[tuple[int, int, int]]
    """(x, y, height) of each hour's requests bar."""
    line: str
    """The query time per hour, as SVG polyline points."""
    total_requests: int
    total_query_ms: int
    width: int = WIDTH
    height: int = HEIGHT
    bar: int = BAR - 2


def chart(day: Day) -> Chart:
    top_requests = max(day.requests) or 1
    top_ms = max(day.query_ms) or 1
    bars = []
    for i, n in enumerate(day.requests):
        h = round(n * (HEIGHT - 2) / top_requests)
        bars.append((i * BAR, HEIGHT - h, h))
    points = " ".join(
        f"{i * BAR + BAR // 2},{HEIGHT - 1 - round(ms * (HEIGHT - 2) / top_ms)}"
        for i, ms in enumerate(day.query_ms)
    )
    return Chart(bars, points, sum(day.requests), sum(day.query_ms))
