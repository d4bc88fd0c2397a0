"""Rate limits per integration: a token bucket of `rate` tokens a second, `rate` deep.

With `ENAMEL_REDIS_URL` set, the buckets live in Redis and every server process shares them;
otherwise each process keeps its own (so N processes allow up to N times the rate). When Redis
stops answering, the limiter falls back to the per-process buckets and tries Redis again a few
seconds later, rather than refusing every request or letting them all through.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Protocol

log = logging.getLogger(__name__)


class Limiter(Protocol):
    def take(self, key: int, rate: int) -> float:
        """0 when a request may go now; otherwise the seconds until it may."""


class LocalLimiter:
    def __init__(self) -> None:
        self._buckets: dict[int, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: int, rate: int) -> float:
        if rate <= 0:
            return 0.0
        now = time.monotonic()
        with self._lock:
            tokens, then = self._buckets.get(key, (float(rate), now))
            tokens = min(float(rate), tokens + (now - then) * rate)
            if tokens >= 1:
                self._buckets[key] = (tokens - 1, now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1 - tokens) / rate


# Atomic in Redis: refill by elapsed time (Redis's own clock, the same for every process),
# take one token if there is one, else answer how long until there is.
_TAKE = """
local rate = tonumber(ARGV[1])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local b = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(b[1]) or rate
local ts = tonumber(b[2]) or now
tokens = math.min(rate, tokens + (now - ts) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = (1 - tokens) / rate end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], 2000)
return tostring(wait)
"""

RETRY_REDIS_AFTER = 5.0


class RedisLimiter:
    def __init__(self, url: str, prefix: str = "enamel:ratelimit:") -> None:
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=0.25, socket_connect_timeout=0.25)
        self._script = self._redis.register_script(_TAKE)
        self._prefix = prefix
        self._local = LocalLimiter()
        self._down_until = 0.0

    def take(self, key: int, rate: int) -> float:
        if rate <= 0:
            return 0.0
        if time.monotonic() < self._down_until:
            return self._local.take(key, rate)
        try:
            return float(self._script(keys=[f"{self._prefix}{key}"], args=[rate]))
        except Exception as exc:  # any Redis failure: keep limiting, per process
            log.warning("Redis rate limiter unavailable (%s); limiting per process", exc)
            self._down_until = time.monotonic() + RETRY_REDIS_AFTER
            return self._local.take(key, rate)


def make_limiter(redis_url: str | None, namespace: str = "") -> Limiter:
    """`namespace` keeps apart the buckets of different databases sharing one Redis (several
    offices' servers): their integrations' numbers overlap."""
    if not redis_url:
        return LocalLimiter()
    return RedisLimiter(redis_url, prefix=f"enamel:ratelimit:{namespace}:")
