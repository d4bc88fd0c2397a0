"""The data model: Open Dental's tables and column names, one file per aggregate."""

from enamel.models.adjustment import Adjustment
from enamel.models.appointment import Appointment
from enamel.models.audit import (
    AuditChainHead,
    AuditChange,
    AuditFinding,
    AuditRefusal,
    AuditSession,
    AuditState,
)
from enamel.models.base import Base
from enamel.models.claimproc import ClaimProc
from enamel.models.clinic import Clinic
from enamel.models.definition import DefCat, Definition
from enamel.models.integration import ApiState, Integration, IntegrationActivity, QueryRun
from enamel.models.office import OfficeSession
from enamel.models.operatory import Operatory
from enamel.models.patient import Patient
from enamel.models.payment import Payment, PaySplit
from enamel.models.plugin import PluginAllow
from enamel.models.procedure import ProcedureCode, ProcedureLog
from enamel.models.program import Program, ProgramProperty
from enamel.models.provider import Provider
from enamel.models.securitylog import SecurityLog, SecurityLogHash
from enamel.models.userod import GroupPermission, UserGroup, Userod

__all__ = [
    "Adjustment",
    "ApiState",
    "Appointment",
    "AuditChainHead",
    "AuditChange",
    "AuditFinding",
    "AuditRefusal",
    "AuditSession",
    "AuditState",
    "Base",
    "ClaimProc",
    "Clinic",
    "DefCat",
    "Definition",
    "GroupPermission",
    "Integration",
    "IntegrationActivity",
    "OfficeSession",
    "Operatory",
    "Patient",
    "PaySplit",
    "Payment",
    "PluginAllow",
    "ProcedureCode",
    "ProcedureLog",
    "Program",
    "ProgramProperty",
    "Provider",
    "QueryRun",
    "SecurityLog",
    "SecurityLogHash",
    "UserGroup",
    "Userod",
]
