"""Errors of the tamper-evidence machinery."""

from __future__ import annotations

from enamel.errors import DomainError


class SealKeyProblem(DomainError):
    """The seal key is missing, unreadable, too open, or not the key this database was sealed
    with. Writing would stamp seals no check could trust, so Enamel refuses to write (and
    verify refuses to report thousands of false findings) until the office fixes it."""

    status = 503
    code = "seal_key"
