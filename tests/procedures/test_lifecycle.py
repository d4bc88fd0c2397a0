"""A procedure's life: completing, editing and deleting, as Open Dental allows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from enamel.db import Database
from enamel.db.clock import MIN_DATE
from enamel.errors import (
    InvalidInput,
    InvalidTransition,
    NotFound,
    PermissionDenied,
)
from enamel.models import ProcedureLog, SecurityLog
from enamel.models.enums import EnumPermType, ProcStat
from enamel.procedures.service import (
    ProcedureData,
    complete_procedure,
    delete_procedure,
    update_procedure,
)
from tests.factories import (
    ACTOR,
    Practice,
    count,
    integration_actor,
    make_patient,
)
from tests.procedures.helpers import (
    TODAY,
    TOMORROW,
    YESTERDAY,
    make_procedure,
    procedure_logs,
    stored,
)


def test_completing_a_planned_procedure_sets_its_dates_and_logs_compl_create(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    planned_on = TODAY() - dt.timedelta(days=20)
    proc_num = make_procedure(db, practice, pat, ProcDate=planned_on)
    with db.write() as session:
        complete_procedure(session, integration_actor(), proc_num)
    row = stored(db, proc_num)
    assert row.ProcStatus is ProcStat.C
    assert row.ProcDate == TODAY()
    assert row.DateComplete == TODAY()
    assert row.DateEntryC == TODAY()
    [entry] = procedure_logs(db, proc_num, EnumPermType.ProcComplCreate)
    assert entry.PatNum == pat
    assert "completed" in entry.LogText
    assert "Reminder Pro" in entry.LogText
    assert entry.DateTPrevious != dt.datetime(1, 1, 1)


def test_completing_with_a_past_date_keeps_that_date(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    proc_num = make_procedure(db, practice, pat)
    yesterday = TODAY() + YESTERDAY
    with db.write() as session:
        complete_procedure(session, ACTOR, proc_num, yesterday)
    row = stored(db, proc_num)
    assert row.ProcDate == yesterday
    assert row.DateComplete == TODAY()


def test_completing_with_a_future_date_is_refused_and_the_procedure_stays_planned(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    proc_num = make_procedure(db, practice, pat)
    logs_before = count(db, SecurityLog)
    with pytest.raises(InvalidInput) as caught, db.write() as session:
        complete_procedure(session, ACTOR, proc_num, TODAY() + TOMORROW)
    assert caught.value.field == "ProcDate"
    row = stored(db, proc_num)
    assert row.ProcStatus is ProcStat.TP
    assert row.DateComplete == MIN_DATE
    assert count(db, SecurityLog) == logs_before


def test_actor_without_compl_create_cannot_complete_a_procedure(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    proc_num = make_procedure(db, practice, pat)
    actor = integration_actor(permissions=frozenset({EnumPermType.ProcEdit}))
    logs_before = count(db, SecurityLog)
    with pytest.raises(PermissionDenied), db.write() as session:
        complete_procedure(session, actor, proc_num)
    assert stored(db, proc_num).ProcStatus is ProcStat.TP
    assert count(db, SecurityLog) == logs_before


def test_completing_an_unknown_procedure_is_not_found(db: Database, practice: Practice) -> None:
    with pytest.raises(NotFound) as caught, db.write() as session:
        complete_procedure(session, ACTOR, 123456)
    assert caught.value.status == 404


@pytest.mark.parametrize("done", [ProcStat.C, ProcStat.EC, ProcStat.EO])
def test_done_procedure_cannot_go_back_to_treatment_planned(
    db: Database, practice: Practice, done: ProcStat
) -> None:
    pat = make_patient(db)
    proc_num = make_procedure(db, practice, pat, ProcStatus=done)
    logs_before = count(db, SecurityLog)
    with pytest.raises(InvalidTransition) as caught, db.write() as session:
        update_procedure(session, ACTOR, proc_num, ProcedureData(ProcStatus=ProcStat.TP))
    assert caught.value.status == 409
    assert caught.value.field == "ProcStatus"
    assert stored(db, proc_num).ProcStatus is done
    assert count(db, SecurityLog) == logs_before


def test_completed_procedure_cannot_be_redated_into_the_future(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    proc_num = make_procedure(db, practice, pat, ProcStatus=ProcStat.C)
    with pytest.raises(InvalidInput) as caught, db.write() as session:
        update_procedure(session, ACTOR, proc_num, ProcedureData(ProcDate=TODAY() + TOMORROW))
    assert caught.value.field == "ProcDate"
    assert stored(db, proc_num).ProcDate == TODAY()


def test_editing_a_completed_procedure_needs_proc_complete_edit(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    proc_num = make_procedure(db, practice, pat, ProcStatus=ProcStat.C)
    actor = integration_actor(
        permissions=frozenset({EnumPermType.ProcEdit, EnumPermType.ProcComplCreate})
    )
    with pytest.raises(PermissionDenied), db.write() as session:
        update_procedure(session, actor, proc_num, ProcedureData(ProcFee=Decimal("1.00")))
    assert stored(db, proc_num).ProcFee == Decimal("50.00")
    with db.write() as session:
        update_procedure(session, ACTOR, proc_num, ProcedureData(ProcFee=Decimal("60.25")))
    assert stored(db, proc_num).ProcFee == Decimal("60.25")
    [entry] = procedure_logs(db, proc_num, EnumPermType.ProcCompleteEdit)
    assert "ProcFee" in entry.LogText


def test_patient_of_a_procedure_cannot_change(db: Database, practice: Practice) -> None:
    pat = make_patient(db, FName="Anna")
    other = make_patient(db, FName="Ben")
    proc_num = make_procedure(db, practice, pat)
    with pytest.raises(InvalidInput) as caught, db.write() as session:
        update_procedure(session, ACTOR, proc_num, ProcedureData(PatNum=other))
    assert caught.value.field == "PatNum"
    assert stored(db, proc_num).PatNum == pat


def test_edit_cannot_delete_a_procedure(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    proc_num = make_procedure(db, practice, pat)
    with pytest.raises(InvalidInput) as caught, db.write() as session:
        update_procedure(session, ACTOR, proc_num, ProcedureData(ProcStatus=ProcStat.D))
    assert caught.value.field == "ProcStatus"
    assert stored(db, proc_num).ProcStatus is ProcStat.TP


def test_edit_that_changes_nothing_is_not_logged(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    proc_num = make_procedure(db, practice, pat, ToothNum="3")
    logs_before = count(db, SecurityLog)
    with db.write() as session:
        update_procedure(
            session, ACTOR, proc_num, ProcedureData(ToothNum="3", ProcFee=Decimal("50"))
        )
    assert count(db, SecurityLog) == logs_before


def test_edit_rechecks_the_rules(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    proc_num = make_procedure(db, practice, pat, ToothNum="3")
    with pytest.raises(InvalidInput) as caught, db.write() as session:
        update_procedure(session, ACTOR, proc_num, ProcedureData(ToothNum="40"))
    assert caught.value.field == "ToothNum"
    assert stored(db, proc_num).ToothNum == "3"


# Deleting


def test_deleting_a_planned_procedure_marks_it_deleted_and_logs_proc_delete(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    proc_num = make_procedure(db, practice, pat)
    with db.write() as session:
        delete_procedure(session, integration_actor(), proc_num)
    assert count(db, ProcedureLog, ProcedureLog.ProcNum == proc_num) == 1  # the row stays
    assert stored(db, proc_num).ProcStatus is ProcStat.D
    [entry] = procedure_logs(db, proc_num, EnumPermType.ProcDelete)
    assert entry.PatNum == pat
    assert entry.FKey == proc_num
    assert "jdoe" in entry.LogText


@pytest.mark.parametrize("done", [ProcStat.C, ProcStat.EC, ProcStat.EO])
def test_done_procedure_is_not_deleted(db: Database, practice: Practice, done: ProcStat) -> None:
    pat = make_patient(db)
    proc_num = make_procedure(db, practice, pat, ProcStatus=done)
    logs_before = count(db, SecurityLog)
    with pytest.raises(InvalidTransition) as caught, db.write() as session:
        delete_procedure(session, ACTOR, proc_num)
    assert caught.value.status == 409
    assert caught.value.field == "ProcNum"
    assert stored(db, proc_num).ProcStatus is done
    assert count(db, SecurityLog) == logs_before
    assert procedure_logs(db, proc_num, EnumPermType.ProcDelete) == []


def test_deleting_twice_logs_once(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    proc_num = make_procedure(db, practice, pat)
    for _ in range(2):
        with db.write() as session:
            delete_procedure(session, ACTOR, proc_num)
    assert stored(db, proc_num).ProcStatus is ProcStat.D
    assert len(procedure_logs(db, proc_num, EnumPermType.ProcDelete)) == 1


def test_deleted_procedure_cannot_be_edited_or_completed(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    proc_num = make_procedure(db, practice, pat)
    with db.write() as session:
        delete_procedure(session, ACTOR, proc_num)
    with pytest.raises(InvalidTransition) as caught, db.write() as session:
        complete_procedure(session, ACTOR, proc_num)
    assert caught.value.status == 409
    assert stored(db, proc_num).ProcStatus is ProcStat.D


def test_actor_without_proc_delete_cannot_delete(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    proc_num = make_procedure(db, practice, pat)
    actor = integration_actor(permissions=frozenset({EnumPermType.ProcEdit}))
    with pytest.raises(PermissionDenied) as caught, db.write() as session:
        delete_procedure(session, actor, proc_num)
    assert caught.value.status == 403
    assert stored(db, proc_num).ProcStatus is ProcStat.TP
    assert procedure_logs(db, proc_num, EnumPermType.ProcDelete) == []


def test_deleting_an_unknown_procedure_is_not_found(db: Database, practice: Practice) -> None:
    with pytest.raises(NotFound), db.write() as session:
        delete_procedure(session, ACTOR, 555555)
