"""Patients as Open Dental's API shows them (opendental.com/site/apipatients.html)."""

from __future__ import annotations

from sqlalchemy import String, literal_column
from sqlalchemy.orm import aliased

from enamel.api.encode import Field, Shape, field, money_number
from enamel.api.inputs import body_model
from enamel.models import Clinic, Definition, Patient, Provider
from enamel.patients.service import PatientData

PriProv = aliased(Provider, name="priprov")
SecProv = aliased(Provider, name="secprov")
Billing = aliased(Definition, name="billingtype")

FROM = (
    Patient.__table__.outerjoin(PriProv, PriProv.ProvNum == Patient.PriProv)
    .outerjoin(SecProv, SecProv.ProvNum == Patient.SecProv)
    .outerjoin(Billing, Billing.DefNum == Patient.BillingType)
    .outerjoin(Clinic, Clinic.ClinicNum == Patient.ClinicNum)
)

P = Patient


def _none(name: str) -> Field:
    """A field Open Dental sends that Enamel does not keep: always ""."""
    return field(name, literal_column("''", String))


PATIENT = Shape(
    "Patient",
    [
        field("PatNum", P.PatNum),
        field("LName", P.LName),
        field("FName", P.FName),
        field("MiddleI", P.MiddleI),
        field("Preferred", P.Preferred),
        field("PatStatus", P.PatStatus),
        field("Gender", P.Gender),
        field("Position", P.Position),
        field("Birthdate", P.Birthdate),
        field("SSN", P.SSN),
        field("Address", P.Address),
        field("Address2", P.Address2),
        field("City", P.City),
        field("State", P.State),
        field("Zip", P.Zip),
        field("HmPhone", P.HmPhone),
        field("WkPhone", P.WkPhone),
        field("WirelessPhone", P.WirelessPhone),
        field("Guarantor", P.Guarantor),
        field("Email", P.Email),
        field("EstBalance", P.EstBalance, money_number),
        field("PriProv", P.PriProv),
        field("priProvAbbr", PriProv.Abbr),
        field("SecProv", P.SecProv),
        field("secProvAbbr", SecProv.Abbr),
        field("FeeSched", P.FeeSched),
        field("BillingType", Billing.ItemName),
        _none("ImageFolder"),
        field("FamFinUrgNote", P.FamFinUrgNote),
        field("ChartNumber", P.ChartNumber),
        field("MedicaidID", P.MedicaidID),
        field("BalTotal", P.BalTotal, money_number),
        field("EmployerNum", P.EmployerNum),
        field("DateFirstVisit", P.DateFirstVisit),
        field("ClinicNum", P.ClinicNum),
        field("clinicAbbr", Clinic.Abbr),
        field("Premed", P.Premed),
        _none("Ward"),
        field("PreferConfirmMethod", P.PreferConfirmMethod),
        field("PreferContactMethod", P.PreferContactMethod),
        field("PreferRecallMethod", P.PreferRecallMethod),
        field("Language", P.Language),
        field("AdmitDate", P.AdmitDate),
        _none("siteDesc"),
        field("DateTStamp", P.DateTStamp),
        field("SuperFamily", P.SuperFamily),
        field("TxtMsgOk", P.TxtMsgOk),
        field("SecDateEntry", P.SecDateEntry),
    ],
    FROM,
)

PATIENT_SIMPLE = Shape("PatientSimple", PATIENT.fields, FROM, server_time=True)

SELECT_FIELDS = (
    "PatNum LName FName MiddleI Preferred PatStatus Birthdate SSN Address Address2 City State "
    "Zip HmPhone WkPhone WirelessPhone Email priProvAbbr secProvAbbr BillingType ChartNumber "
    "ClinicNum clinicAbbr siteDesc TxtMsgOk"
).split()
"""GET /patients answers the fields of Open Dental's Patient Select window, in this order."""

_BY_NAME = {f.name: f for f in PATIENT.fields}
PATIENT_SELECT = Shape("PatientListItem", [_BY_NAME[name] for name in SELECT_FIELDS], FROM)


class PatientIn(
    body_model(  # type: ignore[misc]  # a base built from PatientData
        "PatientIn",
        PatientData,
        exclude=("BillingType",),
        extra={"BillingType": str},
        required=("LName", "FName"),
        doc="A patient to create: LName and FName are required, the rest take Open Dental's "
        "defaults. BillingType is a billing-type definition's name, as Open Dental takes it.",
    )
):
    pass


class PatientChangesIn(
    body_model(  # type: ignore[misc]  # a base built from PatientData
        "PatientChangesIn",
        PatientData,
        exclude=("BillingType",),
        extra={"BillingType": str},
        doc='The fields to change; "" clears a text field (LName and FName stay required). '
        "BillingType is a billing-type definition's name.",
    )
):
    pass
