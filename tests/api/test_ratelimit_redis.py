"""Rate limits shared by every server process through Redis (ENAMEL_REDIS_URL)."""

from __future__ import annotations

import os

import pytest
import redis

from enamel.db import Database
from tests.apiclient import api_for
from tests.conftest import unavailable

REDIS_URL = os.environ.get("ENAMEL_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_url() -> str:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as exc:
        unavailable(f"Redis not reachable at {REDIS_URL}: {exc}")
    return REDIS_URL


def test_two_processes_share_one_bucket_through_redis(db: Database, redis_url: str) -> None:
    with api_for(db, redis_url=redis_url) as one, api_for(db, redis_url=redis_url) as two:
        headers = one.integration("patients:read", rate_limit=2)
        statuses = [
            (one if i % 2 == 0 else two).get("/patients", headers).status_code for i in range(4)
        ]
    assert statuses[:2] == [200, 200]
    assert statuses[2:].count(429) >= 1  # without Redis each process would allow 2 of its own


def test_without_redis_each_process_limits_on_its_own(db: Database) -> None:
    with api_for(db) as one, api_for(db) as two:
        headers = one.integration("patients:read", rate_limit=1)
        assert one.get("/patients", headers).status_code == 200
        assert two.get("/patients", headers).status_code == 200
        assert one.get("/patients", headers).status_code == 429


def test_a_redis_outage_falls_back_to_per_process_limits(db: Database) -> None:
    with api_for(db, redis_url="redis://127.0.0.1:1/0") as api:
        headers = api.integration("patients:read", rate_limit=1)
        assert api.get("/patients", headers).status_code == 200
        assert api.get("/patients", headers).status_code == 429
