"""API keys: random, long, shown once, stored only as hashes, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets

KEY_BYTES = 32
"""256 random bits per key: far beyond guessing, so an unsalted SHA-256 is a safe store."""


def new_key() -> str:
    """A fresh key: 43 URL-safe characters (no '/', which separates the two keys)."""
    return secrets.token_urlsafe(KEY_BYTES)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def same_hash(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
