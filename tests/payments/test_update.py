"""Changing a payment: only its type, check number, bank branch, note and processing status."""

from __future__ import annotations

import pytest

from enamel.db import Database
from enamel.errors import InvalidInput, NotFound, PermissionDenied, ReferenceNotFound
from enamel.models import SecurityLog
from enamel.models.enums import EnumPermType, LogSources
from enamel.payments.service import (
    CreditCardSource,
    PaymentChanges,
    PaymentData,
    ProcessStat,
    update_payment,
)
from enamel.security import Actor
from tests.factories import ACTOR, Practice, count, integration_actor, log_entries, make_patient
from tests.payments.helpers import D, pay, payment, splits_of


def change(db: Database, pay_num: int, changes: PaymentChanges, actor: Actor = ACTOR) -> None:
    with db.write() as session:
        update_payment(session, actor, pay_num, changes)


def edits(db: Database) -> list[SecurityLog]:
    with db.read() as session:
        return log_entries(session, PermType=EnumPermType.PaymentEdit)


def test_changes_type_check_branch_note_and_status_and_logs_them(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db, LName="Nguyen", FName="Lan")
    pay_num = pay(db, PaymentData(PatNum=pat, PayAmt=D("339.00"), CheckNum="1"))
    cash = practice.defs["PaymentTypes"][1]
    change(
        db,
        pay_num,
        PaymentChanges(
            PayType=cash,
            CheckNum=" 7492 ",
            BankBranch="98-795",
            PayNote="12 months",
            ProcessStatus=ProcessStat.OnlinePending,
        ),
        integration_actor(),
    )
    row = payment(db, pay_num)
    assert (row.PayType, row.CheckNum, row.BankBranch, row.PayNote) == (
        cash,
        "7492",
        "98-795",
        "12 months",
    )
    assert row.ProcessStatus == ProcessStat.OnlinePending
    assert row.PayAmt == D("339.00") and row.PatNum == pat
    [entry] = edits(db)
    assert entry.FKey == pay_num and entry.PatNum == pat
    assert entry.LogSource is LogSources.API and entry.UserNum == 7
    assert "Nguyen, Lan" in entry.LogText
    assert "CheckNum '1' -> '7492'" in entry.LogText
    assert "ProcessStatus OfficeProcessed -> OnlinePending" in entry.LogText
    assert "PayNote changed" in entry.LogText and "12 months" not in entry.LogText
    assert "jdoe" in entry.LogText


def test_fields_not_given_are_kept_and_the_splits_are_untouched(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    pay_num = pay(db, PaymentData(PatNum=pat, PayAmt=D("50.00"), CheckNum="1", PayNote="n"))
    before = [(s.SplitNum, s.SplitAmt) for s in splits_of(db, pay_num)]
    change(db, pay_num, PaymentChanges(BankBranch="B"))
    row = payment(db, pay_num)
    assert (row.CheckNum, row.BankBranch, row.PayNote) == ("1", "B", "n")
    assert [(s.SplitNum, s.SplitAmt) for s in splits_of(db, pay_num)] == before


def test_a_change_that_changes_nothing_is_not_logged(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    pay_num = pay(db, PaymentData(PatNum=pat, PayAmt=D("50.00"), CheckNum="1"))
    change(db, pay_num, PaymentChanges(CheckNum="1"))
    change(db, pay_num, PaymentChanges())
    assert edits(db) == []


def test_office_processed_cannot_be_set(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    pay_num = pay(db, PaymentData(PatNum=pat, PayAmt=D("50.00")))
    change(db, pay_num, PaymentChanges(ProcessStatus=ProcessStat.OnlinePending))
    with pytest.raises(InvalidInput) as caught:
        change(db, pay_num, PaymentChanges(ProcessStatus=ProcessStat.OfficeProcessed))
    assert caught.value.field == "ProcessStatus"
    assert payment(db, pay_num).ProcessStatus == ProcessStat.OnlinePending


@pytest.mark.parametrize("category", ["AdjTypes", "BillingTypes"])
def test_pay_type_of_another_category_is_refused_and_nothing_changes(
    db: Database, practice: Practice, category: str
) -> None:
    pat = make_patient(db)
    pay_num = pay(db, PaymentData(PatNum=pat, PayAmt=D("50.00")))
    with pytest.raises(InvalidInput) as caught:
        change(
            db,
            pay_num,
            PaymentChanges(PayType=practice.defs[category][0], CheckNum="changed"),
        )
    assert caught.value.field == "PayType"
    assert payment(db, pay_num).CheckNum == ""
    assert edits(db) == []


def test_unknown_pay_type_is_refused(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    pay_num = pay(db, PaymentData(PatNum=pat, PayAmt=D("50.00")))
    with pytest.raises(ReferenceNotFound):
        change(db, pay_num, PaymentChanges(PayType=4040))


def test_unknown_payment_is_not_found(db: Database, practice: Practice) -> None:
    with pytest.raises(NotFound):
        change(db, 424242, PaymentChanges(CheckNum="1"))


def test_actor_without_payment_edit_is_denied_and_nothing_changes(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    pay_num = pay(db, PaymentData(PatNum=pat, PayAmt=D("50.00")))
    actor = integration_actor(permissions=frozenset({EnumPermType.PaymentCreate}))
    with pytest.raises(PermissionDenied) as caught:
        change(db, pay_num, PaymentChanges(CheckNum="1"), actor)
    assert "PaymentEdit" in caught.value.message
    assert payment(db, pay_num).CheckNum == ""
    assert count(db, SecurityLog, SecurityLog.PermType == EnumPermType.PaymentEdit) == 0


def test_payment_taken_by_an_integration_has_source_api(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    by_api = pay(db, PaymentData(PatNum=pat, PayAmt=D("5.00")), integration_actor())
    by_office = pay(db, PaymentData(PatNum=pat, PayAmt=D("5.00")))
    assert payment(db, by_api).PaymentSource == CreditCardSource.API
    assert payment(db, by_office).PaymentSource == CreditCardSource.None_
