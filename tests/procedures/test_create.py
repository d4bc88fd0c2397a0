"""Creating procedures: codes, providers, teeth, fees, permissions and the security log."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from enamel.db import Database
from enamel.db.clock import MIN_DATE
from enamel.db.session import EdgeMissing, WriteSession
from enamel.errors import (
    InvalidInput,
    PermissionDenied,
    ReferenceNotFound,
)
from enamel.models import ProcedureLog, SecurityLog
from enamel.models.enums import EnumPermType, LogSources, ProcStat
from enamel.procedures.service import (
    ProcedureData,
    create_procedure,
    update_procedure,
)
from tests.factories import (
    ACTOR,
    Practice,
    count,
    days_from_today,
    integration_actor,
    make_appointment,
    make_patient,
)
from tests.procedures.helpers import TODAY, TOMORROW, make_procedure, procedure_logs, stored


def test_treatment_planned_procedure_is_stored_and_logged_as_proc_edit(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db, LName="Ortiz", FName="Mia")
    proc_num = make_procedure(
        db, practice, pat, integration_actor(), CodeNum=practice.codes["D1110"]
    )
    row = stored(db, proc_num)
    assert row.PatNum == pat
    assert row.ProcStatus is ProcStat.TP
    assert row.CodeNum == practice.codes["D1110"]
    assert row.ProvNum == practice.dentist  # the patient's primary provider
    assert row.DateTP == TODAY()
    assert row.ProcDate == TODAY()
    assert row.DateComplete == MIN_DATE
    assert row.DateEntryC == MIN_DATE
    assert row.SecUserNumEntry == 7
    [entry] = procedure_logs(db, proc_num, EnumPermType.ProcEdit)
    assert procedure_logs(db, proc_num, EnumPermType.ProcComplCreate) == []
    assert entry.PatNum == pat
    assert entry.FKey == proc_num
    assert entry.UserNum == 7
    assert entry.LogSource is LogSources.API
    assert entry.CompName == "203.0.113.9"
    assert "D1110" in entry.LogText
    assert "Ortiz, Mia" in entry.LogText
    assert "Reminder Pro" in entry.LogText
    assert "jdoe" in entry.LogText


def test_treatment_planned_procedure_keeps_the_date_it_was_planned_for(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    planned_for = TODAY() + dt.timedelta(days=30)
    proc_num = make_procedure(db, practice, pat, ProcDate=planned_for)
    row = stored(db, proc_num)
    assert row.ProcDate == planned_for
    assert row.DateTP == TODAY()


def test_completed_procedure_without_date_is_dated_today_and_logged_as_compl_create(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    proc_num = make_procedure(db, practice, pat, integration_actor(), ProcStatus=ProcStat.C)
    row = stored(db, proc_num)
    assert row.ProcStatus is ProcStat.C
    assert row.ProcDate == TODAY()
    assert row.DateComplete == TODAY()
    assert row.DateEntryC == TODAY()
    [entry] = procedure_logs(db, proc_num, EnumPermType.ProcComplCreate)
    assert entry.PatNum == pat
    assert "(C)" in entry.LogText
    assert "Reminder Pro" in entry.LogText
    assert "jdoe" in entry.LogText
    assert procedure_logs(db, proc_num, EnumPermType.ProcEdit) == []


def test_completed_procedure_keeps_a_past_date_and_is_entered_today(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    last_week = TODAY() - dt.timedelta(days=7)
    proc_num = make_procedure(db, practice, pat, ProcStatus=ProcStat.C, ProcDate=last_week)
    row = stored(db, proc_num)
    assert row.ProcDate == last_week
    assert row.DateComplete == TODAY()
    assert row.DateEntryC == TODAY()


def test_completed_procedure_dated_in_the_future_is_refused(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    logs_before = count(db, SecurityLog)
    with pytest.raises(InvalidInput) as caught:
        make_procedure(db, practice, pat, ProcStatus=ProcStat.C, ProcDate=TODAY() + TOMORROW)
    assert caught.value.field == "ProcDate"
    assert caught.value.status == 400
    assert count(db, ProcedureLog) == 0
    assert count(db, SecurityLog) == logs_before


@pytest.mark.parametrize("status", [ProcStat.D, ProcStat.TPi])
def test_procedure_cannot_be_created_deleted_or_inactive(
    db: Database, practice: Practice, status: ProcStat
) -> None:
    pat = make_patient(db)
    with pytest.raises(InvalidInput) as caught:
        make_procedure(db, practice, pat, ProcStatus=status)
    assert caught.value.field == "ProcStatus"
    assert count(db, ProcedureLog) == 0


def test_procedure_status_outside_open_dental_is_refused(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    with pytest.raises(InvalidInput) as caught:
        make_procedure(db, practice, pat, ProcStatus=42)
    assert caught.value.field == "ProcStatus"
    assert "TP" in caught.value.message
    assert count(db, ProcedureLog) == 0


def test_hidden_procedure_code_is_refused(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    with pytest.raises(ReferenceNotFound) as caught:
        make_procedure(db, practice, pat, CodeNum=practice.hidden_code)
    assert caught.value.field == "CodeNum"
    assert caught.value.status == 400
    assert count(db, ProcedureLog) == 0


def test_unknown_procedure_code_is_refused(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    with pytest.raises(ReferenceNotFound) as caught:
        make_procedure(db, practice, pat, CodeNum=987654)
    assert caught.value.field == "CodeNum"
    assert count(db, ProcedureLog) == 0


def test_hidden_provider_is_refused(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    with pytest.raises(ReferenceNotFound) as caught:
        make_procedure(db, practice, pat, ProvNum=practice.hidden_provider)
    assert caught.value.field == "ProvNum"
    assert caught.value.status == 400
    assert count(db, ProcedureLog) == 0


def test_given_provider_and_clinic_are_kept(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    proc_num = make_procedure(
        db, practice, pat, ProvNum=practice.hygienist, ClinicNum=practice.clinic
    )
    row = stored(db, proc_num)
    assert row.ProvNum == practice.hygienist
    assert row.ClinicNum == practice.clinic


def test_unknown_clinic_is_refused(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    with pytest.raises(ReferenceNotFound) as caught:
        make_procedure(db, practice, pat, ClinicNum=practice.clinic + 1000)
    assert caught.value.field == "ClinicNum"
    assert count(db, ProcedureLog) == 0


def test_unknown_patient_is_refused(db: Database, practice: Practice) -> None:
    logs_before = count(db, SecurityLog)
    with pytest.raises(ReferenceNotFound) as caught:
        make_procedure(db, practice, 424242)
    assert caught.value.field == "PatNum"
    assert caught.value.status == 400
    assert count(db, ProcedureLog) == 0
    assert count(db, SecurityLog) == logs_before


def test_missing_patient_is_refused(db: Database, practice: Practice) -> None:
    with pytest.raises(ReferenceNotFound) as caught, db.write() as session:
        create_procedure(session, ACTOR, ProcedureData(CodeNum=practice.codes["D0120"]))
    assert caught.value.field == "PatNum"
    assert count(db, ProcedureLog) == 0


def test_procedure_attaches_to_the_patients_own_appointment(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    apt = make_appointment(db, pat, practice.op, days_from_today(3))
    proc_num = make_procedure(db, practice, pat, AptNum=apt)
    assert stored(db, proc_num).AptNum == apt


def test_attaching_to_another_patients_appointment_is_refused(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db, FName="Anna")
    other = make_patient(db, FName="Ben")
    others_apt = make_appointment(db, other, practice.op, days_from_today(3))
    with pytest.raises(InvalidInput) as caught:
        make_procedure(db, practice, pat, AptNum=others_apt)
    assert caught.value.field == "AptNum"
    assert caught.value.status == 400
    assert count(db, ProcedureLog) == 0


def test_attaching_to_an_unknown_appointment_is_refused(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    with pytest.raises(ReferenceNotFound) as caught:
        make_procedure(db, practice, pat, AptNum=31337)
    assert caught.value.field == "AptNum"
    assert count(db, ProcedureLog) == 0


@pytest.mark.parametrize("tooth", ["33", "0", "U", "a", "1A", "-1"])
def test_tooth_outside_universal_numbering_is_refused(
    db: Database, practice: Practice, tooth: str
) -> None:
    pat = make_patient(db)
    with pytest.raises(InvalidInput) as caught:
        make_procedure(db, practice, pat, ToothNum=tooth)
    assert caught.value.field == "ToothNum"
    assert count(db, ProcedureLog) == 0


@pytest.mark.parametrize("tooth", ["1", "9", "19", "32", "A", "T"])
def test_permanent_and_primary_teeth_are_accepted(
    db: Database, practice: Practice, tooth: str
) -> None:
    pat = make_patient(db)
    proc_num = make_procedure(db, practice, pat, CodeNum=practice.codes["D2391"], ToothNum=tooth)
    assert stored(db, proc_num).ToothNum == tooth


def test_negative_fee_is_refused(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    with pytest.raises(InvalidInput) as caught:
        make_procedure(db, practice, pat, ProcFee=Decimal("-0.01"))
    assert caught.value.field == "ProcFee"
    assert caught.value.status == 400
    assert count(db, ProcedureLog) == 0


def test_unit_quantity_below_one_is_refused(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    with pytest.raises(InvalidInput) as caught:
        make_procedure(db, practice, pat, UnitQty=0)
    assert caught.value.field == "UnitQty"
    assert count(db, ProcedureLog) == 0


@pytest.mark.parametrize("fee", ["130.10", "0.10", "0.00", "1234.56", "999999.99", "89.5", "75"])
def test_fee_is_an_exact_decimal_after_a_round_trip(
    db: Database, practice: Practice, fee: str
) -> None:
    pat = make_patient(db)
    proc_num = make_procedure(db, practice, pat, ProcFee=Decimal(fee))
    with db.read() as session:
        stored_fee = session.scalar(
            select(ProcedureLog.ProcFee).where(ProcedureLog.ProcNum == proc_num)
        )
    assert isinstance(stored_fee, Decimal)
    assert stored_fee == Decimal(fee)
    assert str(stored_fee) == str(Decimal(fee).quantize(Decimal("0.01")))


def test_fees_add_up_exactly_in_sql(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    for _ in range(3):
        make_procedure(db, practice, pat, ProcFee=Decimal("0.10"))
    make_procedure(db, practice, pat, ProcFee=Decimal("0.20"))
    with db.read() as session:
        rows = session.scalars(select(ProcedureLog.ProcFee).where(ProcedureLog.PatNum == pat))
        assert sum(rows, Decimal("0.00")) == Decimal("0.50")


def test_fee_given_as_a_string_is_stored_exactly(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    proc_num = make_procedure(db, practice, pat, ProcFee="130.10")
    assert stored(db, proc_num).ProcFee == Decimal("130.10")


@pytest.mark.parametrize(
    ("fee", "why"),
    [
        (130.1, "float"),
        ("abc", "not an amount"),
        (Decimal("NaN"), "finite"),
        (Decimal("Infinity"), "finite"),
        (Decimal("130.105"), "fractions of a cent"),
        (Decimal("0.001"), "fractions of a cent"),
        (True, "not an amount"),
    ],
)
def test_fee_that_is_not_an_exact_amount_is_refused(
    db: Database, practice: Practice, fee: object, why: str
) -> None:
    pat = make_patient(db)
    logs_before = count(db, SecurityLog)
    with pytest.raises(InvalidInput) as caught:
        make_procedure(db, practice, pat, ProcFee=fee)
    assert caught.value.field == "ProcFee"
    assert caught.value.status == 400
    assert why in caught.value.message
    assert count(db, ProcedureLog) == 0
    assert count(db, SecurityLog) == logs_before


def test_editing_the_fee_to_a_float_is_refused_and_the_fee_stays(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    proc_num = make_procedure(db, practice, pat, ProcFee=Decimal("45.00"))
    data = ProcedureData(ProcFee=45.5)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput) as caught, db.write() as session:
        update_procedure(session, ACTOR, proc_num, data)
    assert caught.value.field == "ProcFee"
    assert stored(db, proc_num).ProcFee == Decimal("45.00")


def test_largest_fee_is_exact_after_a_round_trip(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    proc_num = make_procedure(db, practice, pat, ProcFee=Decimal("999999999.99"))
    assert stored(db, proc_num).ProcFee == Decimal("999999999.99")


@pytest.mark.parametrize("fee", ["1000000000.00", "99999999999999.99", "-1000000000"])
def test_fee_of_a_billion_or_more_is_refused(db: Database, practice: Practice, fee: str) -> None:
    pat = make_patient(db)
    with pytest.raises(InvalidInput) as caught:
        make_procedure(db, practice, pat, ProcFee=Decimal(fee))
    assert caught.value.field == "ProcFee"
    assert "out of range" in caught.value.message
    assert count(db, ProcedureLog) == 0


@pytest.mark.parametrize("fee", [Decimal("1e26"), "1e40"])
def test_absurdly_large_fee_is_refused_as_invalid_input(
    db: Database, practice: Practice, fee: object
) -> None:
    pat = make_patient(db)
    with pytest.raises(InvalidInput) as caught:
        make_procedure(db, practice, pat, ProcFee=fee)
    assert caught.value.field == "ProcFee"


def test_actor_without_compl_create_cannot_create_a_completed_procedure(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    actor = integration_actor(permissions=frozenset({EnumPermType.ProcEdit}))
    logs_before = count(db, SecurityLog)
    with pytest.raises(PermissionDenied) as caught:
        make_procedure(db, practice, pat, actor, ProcStatus=ProcStat.C)
    assert caught.value.status == 403
    assert "ProcComplCreate" in caught.value.message
    assert count(db, ProcedureLog) == 0
    assert count(db, SecurityLog) == logs_before


def test_actor_with_proc_edit_only_can_plan_a_procedure(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    actor = integration_actor(permissions=frozenset({EnumPermType.ProcEdit}))
    proc_num = make_procedure(db, practice, pat, actor)
    assert stored(db, proc_num).ProcStatus is ProcStat.TP


def test_actor_without_proc_edit_cannot_plan_a_procedure(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    actor = integration_actor(permissions=frozenset({EnumPermType.ProcComplCreate}))
    with pytest.raises(PermissionDenied):
        make_procedure(db, practice, pat, actor)
    assert count(db, ProcedureLog) == 0


def test_service_refuses_a_session_that_no_write_edge_opened(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    data = ProcedureData(PatNum=pat, CodeNum=practice.codes["D0120"])
    with pytest.raises(EdgeMissing), db.read() as session:
        create_procedure(WriteSession(session), ACTOR, data)
    assert count(db, ProcedureLog) == 0


# Completing and editing
