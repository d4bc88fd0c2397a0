"""Domain errors: each carries its HTTP status and a stable code (DESIGN.md section 5).

One handler renders every one as `{"message": ..., "error": ..., "field": ...}`; `message` is a
sentence a person can act on, which is what Open Dental clients show.
"""

from __future__ import annotations

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
