"""Prometheus metrics at `/metrics`: requests and latency per integration and route.

Labels hold the integration's name, the method, the route *template*
(`/api/v1/patients/{PatNum}`) and the status: never a path with ids in it, never patient data. With
several server processes (`enamel serve --workers N`), `PROMETHEUS_MULTIPROC_DIR` makes every
process's counts visible from any one of them.
"""

from __future__ import annotations

import os
from typing import Any

from fastapi import Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

REQUESTS = Counter(
    "enamel_api_requests",
    "API requests answered, by integration, method, route and status.",
    ["integration", "method", "route", "status"],
)
LATENCY = Histogram(
    "enamel_api_request_duration_seconds",
    "Time to answer an API request, by integration and route.",
    ["integration", "route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


_children: dict[tuple[str, str, str, int], tuple[Any, Any]] = {}
"""The labelled series, found once: `labels()` costs more than counting."""


def observe(integration: str, method: str, route: str, status: int, seconds: float) -> None:
    key = (integration, method, route, status)
    series = _children.get(key)
    if series is None:
        series = _children[key] = (
            REQUESTS.labels(integration, method, route, str(status)),
            LATENCY.labels(integration, route),
        )
    series[0].inc()
    series[1].observe(seconds)


def exposition() -> Response:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        body = generate_latest(registry)
    else:
        body = generate_latest()
    return Response(body, media_type=CONTENT_TYPE_LATEST)
