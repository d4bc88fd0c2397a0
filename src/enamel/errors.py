"""Domain errors: each carries its HTTP status and a stable code (DESIGN.md section 5).

One handler renders every one as `{"message": ..., "error": ..., "field": ...}`; `message` is a
sentence a person can act on, which is what Open Dental clients show.
"""

from __future__ import annotations

import math
from typing import ClassVar


class DomainError(Exception):
    status: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def body(self) -> dict[str, str | None]:
        return {"message": self.message, "error": self.code, "field": self.field}

    def headers(self) -> dict[str, str]:
        return {}


class InvalidInput(DomainError):
    """A value breaks a rule: the message names the field and why."""

    status = 400
    code = "invalid"


class NotFound(DomainError):
    status = 404
    code = "not_found"


class ReferenceNotFound(InvalidInput):
    """A referenced row (provider, operatory, patient...) does not exist or is hidden."""

    status = 400
    code = "reference_not_found"


class PermissionDenied(DomainError):
    status = 403
    code = "permission_denied"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class SlotTaken(Conflict):
    code = "slot_taken"


class InvalidTransition(Conflict):
    """The row's current status does not allow this change (e.g. moving a completed appointment)."""

    code = "invalid_transition"


class LinkOff(PermissionDenied):
    """A program link the office switched off: it cannot launch."""

    code = "link_off"


class LaunchFailed(Conflict):
    """A program link cannot launch on this machine now: its program is missing, its bridge
    folder cannot be written, or the patient's data cannot be sent safely. Nothing was sent
    and nothing was logged."""

    code = "launch_failed"


class PluginVeto(Conflict):
    """A plug-in refused the change (its `enamel_before_booking` hook gave a reason)."""

    code = "plugin_veto"


class Unauthorized(DomainError):
    """No credentials, or credentials that match no integration."""

    status = 401
    code = "unauthorized"

    def headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": "ODFHIR"}


class ScopeMissing(PermissionDenied):
    code = "scope_missing"


class IntegrationOff(PermissionDenied):
    code = "integration_off"


class ApiOff(DomainError):
    status = 503
    code = "api_off"


class RateLimited(DomainError):
    status = 429
    code = "rate_limited"

    def __init__(self, message: str, *, retry_after: float = 1.0, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.retry_after = retry_after

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(max(1, math.ceil(self.retry_after)))}


class TooLarge(DomainError):
    status = 413
    code = "too_large"


class Unavailable(DomainError):
    """The database cannot answer now (unreachable, or a lock wait timed out): try again."""

    status = 503
    code = "unavailable"
