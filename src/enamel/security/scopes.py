"""Scopes: what an integration may do, `RESOURCE:read` or `RESOURCE:write` (DESIGN.md section 7).

A write scope does not imply the read scope: least privilege, each is granted on its own.
`*:read` reads everything readable; `queries` is the SQL read gateway.

Inside the services, permissions are Open Dental's `EnumPermType`. Open Dental's own API uses
them for logging but does not restrict by them; Enamel grants an integration exactly the
permissions its write scopes need, so the services' own checks hold for integrations too.
"""

from __future__ import annotations

import enum

from enamel.errors import InvalidInput
from enamel.models.enums import EnumPermType as P


class Scope(enum.StrEnum):
    ALL_READ = "*:read"
    APPOINTMENTS_READ = "appointments:read"
    APPOINTMENTS_WRITE = "appointments:write"
    AUDITFINDINGS_READ = "auditfindings:read"
    AUDITFINDINGS_WRITE = "auditfindings:write"
    DISCLOSURES_READ = "disclosures:read"
    OPERATORIES_READ = "operatories:read"
    PATIENTS_READ = "patients:read"
    PATIENTS_WRITE = "patients:write"
    PAYMENTS_READ = "payments:read"
    PAYMENTS_WRITE = "payments:write"
    PROCEDURECODES_READ = "procedurecodes:read"
    PROCEDURELOGS_READ = "procedurelogs:read"
    PROCEDURELOGS_WRITE = "procedurelogs:write"
    PROGRAMLINKS_READ = "programlinks:read"
    PROGRAMLINKS_WRITE = "programlinks:write"
    PROVIDERS_READ = "providers:read"
    PROVIDERS_WRITE = "providers:write"
    QUERIES = "queries"
    SECURITYLOGS_READ = "securitylogs:read"


WRITE_PERMISSIONS: dict[Scope, frozenset[P]] = {
    Scope.PATIENTS_WRITE: frozenset({P.PatientCreate, P.PatientEdit}),
    Scope.APPOINTMENTS_WRITE: frozenset(
        {
            P.AppointmentCreate,
            P.AppointmentMove,
            P.AppointmentEdit,
            P.AppointmentCompleteEdit,
            P.ApptConfirmStatusEdit,
        }
    ),
    Scope.PROCEDURELOGS_WRITE: frozenset(
        {
            P.ProcEdit,
            P.TreatPlanEdit,
            P.ProcComplCreate,
            P.ProcComplEdit,
            P.ProcCompleteEdit,
            P.ProcCompleteStatusEdit,
            P.ProcDelete,
            P.ProcFeeEdit,
        }
    ),
    Scope.PAYMENTS_WRITE: frozenset(
        {P.PaymentCreate, P.PaymentEdit, P.AdjustmentCreate, P.AdjustmentEdit}
    ),
    Scope.PROVIDERS_WRITE: frozenset({P.ProviderAdd, P.ProviderEdit}),
    # A governed SQL read is logged, as Open Dental logs the queries its API runs.
    Scope.QUERIES: frozenset({P.UserQuery}),
    # Acknowledging an integrity finding; the route also requires an office user.
    Scope.AUDITFINDINGS_WRITE: frozenset({P.SecurityAdmin}),
    # Launching a program link for a patient: logged as a disclosure (Open Dental's Copy).
    Scope.PROGRAMLINKS_WRITE: frozenset({P.Copy}),
}


def parse_scopes(values: list[str] | tuple[str, ...] | str) -> frozenset[Scope]:
    """Scopes from user input (a list, or a space-separated string); unknown ones are refused."""
    items = values.split() if isinstance(values, str) else list(values)
    out = set()
    for item in items:
        try:
            out.add(Scope(item.strip()))
        except ValueError:
            allowed = ", ".join(s.value for s in Scope)
            raise InvalidInput(
                f"unknown scope {item!r}; scopes are: {allowed}", field="scope"
            ) from None
    return frozenset(out)


def allows(scopes: frozenset[Scope], needed: Scope) -> bool:
    if needed in scopes:
        return True
    return needed.value.endswith(":read") and Scope.ALL_READ in scopes


def permissions_for(scopes: frozenset[Scope]) -> frozenset[P]:
    out: set[P] = set()
    for scope in scopes:
        out |= WRITE_PERMISSIONS.get(scope, frozenset())
    return frozenset(out)


def render(scopes: frozenset[Scope]) -> str:
    return " ".join(sorted(s.value for s in scopes))
