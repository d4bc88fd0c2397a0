"""Payments: exact money, splits that add up, and the security log."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from enamel.db import Database
from enamel.errors import InvalidInput, PermissionDenied, ReferenceNotFound
from enamel.models import Payment, SecurityLog
from enamel.models.enums import EnumPermType, LogSources, ProcStat
from enamel.payments.service import (
    PaymentData,
    SplitData,
)
from tests.factories import Practice, count, integration_actor, log_entries, make_patient
from tests.payments.helpers import (
    TODAY,
    D,
    assert_nothing_written,
    make_procedure,
    pay,
    payment,
    split_total,
    splits_of,
)


@pytest.mark.parametrize(
    ("amount", "parts"),
    [
        ("0.30", ["0.10", "0.20"]),
        ("100.00", ["33.33", "33.33", "33.34"]),
        ("0.03", ["0.01", "0.01", "0.01"]),
        ("-25.00", ["-10.00", "-15.00"]),
    ],
)
def test_splits_that_add_up_exactly_are_accepted(
    db: Database, practice: Practice, amount: str, parts: list[str]
) -> None:
    pat = make_patient(db)
    pay_num = pay(
        db,
        PaymentData(PatNum=pat, PayAmt=D(amount), splits=[SplitData(SplitAmt=D(p)) for p in parts]),
    )
    row = payment(db, pay_num)
    assert row.PayAmt == D(amount)
    assert row.IsSplit is True
    assert [s.SplitAmt for s in splits_of(db, pay_num)] == [D(p) for p in parts]
    assert split_total(db, pay_num) == D(amount)


def test_splits_that_do_not_add_up_are_refused_and_nothing_is_written(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    logs_before = count(db, SecurityLog)
    data = PaymentData(
        PatNum=pat, PayAmt=D("100.00"), splits=[SplitData(SplitAmt=D("33.33")) for _ in range(3)]
    )
    with pytest.raises(InvalidInput) as caught:
        pay(db, data)
    assert caught.value.field == "splits"
    assert caught.value.status == 400
    assert "99.99" in caught.value.message
    assert "100.00" in caught.value.message
    assert_nothing_written(db, logs_before)


def test_splits_that_exceed_the_amount_by_a_cent_are_refused(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    logs_before = count(db, SecurityLog)
    data = PaymentData(
        PatNum=pat,
        PayAmt=D("0.30"),
        splits=[SplitData(SplitAmt=D("0.10")), SplitData(SplitAmt=D("0.21"))],
    )
    with pytest.raises(InvalidInput) as caught:
        pay(db, data)
    assert caught.value.field == "splits"
    assert_nothing_written(db, logs_before)


def test_payment_without_splits_gets_one_split_to_the_primary_provider(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db, PriProv=practice.dentist2, ClinicNum=practice.clinic)
    last_week = TODAY() - dt.timedelta(days=7)
    pay_num = pay(db, PaymentData(PatNum=pat, PayAmt=D("120.50"), PayDate=last_week))
    row = payment(db, pay_num)
    assert row.IsSplit is False
    assert row.PayDate == last_week
    assert row.ClinicNum == practice.clinic
    [split] = splits_of(db, pay_num)
    assert split.SplitAmt == D("120.50")
    assert split.PatNum == pat
    assert split.ProvNum == practice.dentist2
    assert split.DatePay == last_week
    assert split.ProcDate == last_week
    assert split.ProcNum == 0
    assert split.ClinicNum == practice.clinic


def test_payment_without_a_date_is_dated_today(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    pay_num = pay(db, PaymentData(PatNum=pat, PayAmt=D("10.00")))
    assert payment(db, pay_num).PayDate == TODAY()
    assert payment(db, pay_num).DateEntry == TODAY()
    [split] = splits_of(db, pay_num)
    assert split.DatePay == TODAY()


def test_payment_dated_in_the_future_is_refused(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    logs_before = count(db, SecurityLog)
    with pytest.raises(InvalidInput) as caught:
        pay(
            db,
            PaymentData(PatNum=pat, PayAmt=D("10.00"), PayDate=TODAY() + dt.timedelta(days=1)),
        )
    assert caught.value.field == "PayDate"
    assert caught.value.status == 400
    assert_nothing_written(db, logs_before)


def test_float_amount_is_refused(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    logs_before = count(db, SecurityLog)
    with pytest.raises(InvalidInput) as caught:
        pay(db, PaymentData(PatNum=pat, PayAmt=0.3))  # type: ignore[arg-type]
    assert caught.value.field == "PayAmt"
    assert "float" in caught.value.message
    assert_nothing_written(db, logs_before)


def test_float_split_amount_is_refused(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    logs_before = count(db, SecurityLog)
    data = PaymentData(
        PatNum=pat,
        PayAmt=D("0.30"),
        splits=[SplitData(SplitAmt=D("0.10")), SplitData(SplitAmt=0.2)],  # type: ignore[arg-type]
    )
    with pytest.raises(InvalidInput) as caught:
        pay(db, data)
    assert caught.value.field == "splits[1].SplitAmt"
    assert_nothing_written(db, logs_before)


@pytest.mark.parametrize(
    ("amount", "why"),
    [
        ("abc", "not an amount"),
        ("", "not an amount"),
        ("Infinity", "finite"),
        (Decimal("NaN"), "finite"),
        (Decimal("10.005"), "fractions of a cent"),
        (None, "not an amount"),
    ],
)
def test_amount_that_is_not_an_exact_amount_is_refused(
    db: Database, practice: Practice, amount: object, why: str
) -> None:
    pat = make_patient(db)
    logs_before = count(db, SecurityLog)
    with pytest.raises(InvalidInput) as caught:
        pay(db, PaymentData(PatNum=pat, PayAmt=amount))  # type: ignore[arg-type]
    assert caught.value.field == "PayAmt"
    assert why in caught.value.message
    assert_nothing_written(db, logs_before)


def test_amount_given_as_a_string_is_stored_exactly(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    pay_num = pay(db, PaymentData(PatNum=pat, PayAmt="130.10"))  # type: ignore[arg-type]
    assert payment(db, pay_num).PayAmt == D("130.10")
    assert split_total(db, pay_num) == D("130.10")


def test_split_amounts_with_fractions_of_a_cent_are_refused(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    logs_before = count(db, SecurityLog)
    data = PaymentData(
        PatNum=pat,
        PayAmt=D("10.00"),
        splits=[SplitData(SplitAmt=D("5.004")), SplitData(SplitAmt=D("4.996"))],
    )
    with pytest.raises(InvalidInput) as caught:
        pay(db, data)
    assert caught.value.field == "splits[0].SplitAmt"
    assert "fractions of a cent" in caught.value.message
    assert_nothing_written(db, logs_before)


def test_largest_amount_is_exact_after_a_round_trip(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    pay_num = pay(
        db,
        PaymentData(
            PatNum=pat,
            PayAmt=D("999999999.99"),
            splits=[SplitData(SplitAmt=D("999999999.98")), SplitData(SplitAmt=D("0.01"))],
        ),
    )
    assert payment(db, pay_num).PayAmt == D("999999999.99")
    assert split_total(db, pay_num) == D("999999999.99")


@pytest.mark.parametrize("amount", ["1000000000.00", "1000000000000000000.00", "-1000000000"])
def test_amount_of_a_billion_or_more_is_refused(
    db: Database, practice: Practice, amount: str
) -> None:
    pat = make_patient(db)
    logs_before = count(db, SecurityLog)
    with pytest.raises(InvalidInput) as caught:
        pay(db, PaymentData(PatNum=pat, PayAmt=D(amount)))
    assert caught.value.field == "PayAmt"
    assert "out of range" in caught.value.message
    assert_nothing_written(db, logs_before)


def test_split_of_a_billion_or_more_is_refused(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    logs_before = count(db, SecurityLog)
    data = PaymentData(
        PatNum=pat,
        PayAmt=D("0.00"),
        splits=[SplitData(SplitAmt=D("1000000000.00")), SplitData(SplitAmt=D("-1000000000.00"))],
    )
    with pytest.raises(InvalidInput) as caught:
        pay(db, data)
    assert caught.value.field == "splits[0].SplitAmt"
    assert_nothing_written(db, logs_before)


@pytest.mark.parametrize("amount", [D("1e26"), "1e40"])
def test_absurdly_large_amount_is_refused_as_invalid_input(
    db: Database, practice: Practice, amount: object
) -> None:
    pat = make_patient(db)
    logs_before = count(db, SecurityLog)
    with pytest.raises(InvalidInput) as caught:
        pay(db, PaymentData(PatNum=pat, PayAmt=amount))  # type: ignore[arg-type]
    assert caught.value.field == "PayAmt"
    assert_nothing_written(db, logs_before)


# Procedures and other patients in splits


def test_split_paying_a_completed_procedure_takes_its_provider_and_date(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    done_on = TODAY() - dt.timedelta(days=3)
    proc = make_procedure(db, practice, pat, ProvNum=practice.hygienist, ProcDate=done_on)
    pay_num = pay(
        db,
        PaymentData(
            PatNum=pat,
            PayAmt=D("80.00"),
            splits=[SplitData(SplitAmt=D("80.00"), ProcNum=proc)],
        ),
    )
    [split] = splits_of(db, pay_num)
    assert split.ProcNum == proc
    assert split.ProvNum == practice.hygienist
    assert split.ProcDate == done_on
    assert split.DatePay == TODAY()


@pytest.mark.parametrize("status", [ProcStat.TP, ProcStat.R, ProcStat.Cn])
def test_split_paying_a_procedure_that_is_not_done_is_refused(
    db: Database, practice: Practice, status: ProcStat
) -> None:
    pat = make_patient(db)
    proc = make_procedure(db, practice, pat, status=status)
    logs_before = count(db, SecurityLog)
    data = PaymentData(
        PatNum=pat, PayAmt=D("80.00"), splits=[SplitData(SplitAmt=D("80.00"), ProcNum=proc)]
    )
    with pytest.raises(InvalidInput) as caught:
        pay(db, data)
    assert caught.value.field == "splits[0].ProcNum"
    assert "not complete" in caught.value.message
    assert_nothing_written(db, logs_before)


def test_split_paying_another_patients_procedure_is_refused(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db, FName="Anna")
    other = make_patient(db, FName="Ben")
    others_proc = make_procedure(db, practice, other)
    logs_before = count(db, SecurityLog)
    data = PaymentData(
        PatNum=pat,
        PayAmt=D("80.00"),
        splits=[SplitData(SplitAmt=D("80.00"), ProcNum=others_proc)],
    )
    with pytest.raises(InvalidInput) as caught:
        pay(db, data)
    assert caught.value.field == "splits[0].ProcNum"
    assert "another patient" in caught.value.message
    assert_nothing_written(db, logs_before)


def test_split_paying_an_unknown_procedure_is_refused(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    logs_before = count(db, SecurityLog)
    data = PaymentData(
        PatNum=pat, PayAmt=D("5.00"), splits=[SplitData(SplitAmt=D("5.00"), ProcNum=99999)]
    )
    with pytest.raises(ReferenceNotFound) as caught:
        pay(db, data)
    assert caught.value.field == "splits[0].ProcNum"
    assert_nothing_written(db, logs_before)


def test_split_to_a_family_member_pays_that_members_procedure(
    db: Database, practice: Practice
) -> None:
    head = make_patient(db, FName="Ann", PriProv=practice.dentist)
    child = make_patient(db, FName="Bo", Guarantor=head, PriProv=practice.dentist2)
    child_proc = make_procedure(db, practice, child, ProvNum=practice.hygienist)
    pay_num = pay(
        db,
        PaymentData(
            PatNum=head,
            PayAmt=D("100.00"),
            splits=[
                SplitData(SplitAmt=D("80.00"), PatNum=child, ProcNum=child_proc),
                SplitData(SplitAmt=D("20.00"), PatNum=child),
            ],
        ),
    )
    assert payment(db, pay_num).PatNum == head
    first, second = splits_of(db, pay_num)
    assert (first.PatNum, first.ProcNum, first.ProvNum) == (child, child_proc, practice.hygienist)
    assert (second.PatNum, second.ProcNum, second.ProvNum) == (child, 0, practice.dentist2)


def test_bad_second_split_leaves_nothing_written(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    logs_before = count(db, SecurityLog)
    data = PaymentData(
        PatNum=pat,
        PayAmt=D("50.00"),
        splits=[
            SplitData(SplitAmt=D("25.00")),
            SplitData(SplitAmt=D("25.00"), ProvNum=practice.hidden_provider),
        ],
    )
    with pytest.raises(ReferenceNotFound) as caught:
        pay(db, data)
    assert caught.value.field == "splits[1].ProvNum"
    assert caught.value.status == 400
    assert_nothing_written(db, logs_before)


def test_split_to_an_unknown_patient_is_refused(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    logs_before = count(db, SecurityLog)
    data = PaymentData(
        PatNum=pat,
        PayAmt=D("50.00"),
        splits=[SplitData(SplitAmt=D("25.00")), SplitData(SplitAmt=D("25.00"), PatNum=777777)],
    )
    with pytest.raises(ReferenceNotFound) as caught:
        pay(db, data)
    assert caught.value.field == "splits[1].PatNum"
    assert_nothing_written(db, logs_before)


def test_split_to_an_unknown_clinic_is_refused(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    logs_before = count(db, SecurityLog)
    data = PaymentData(
        PatNum=pat,
        PayAmt=D("50.00"),
        splits=[SplitData(SplitAmt=D("50.00"), ClinicNum=practice.clinic + 500)],
    )
    with pytest.raises(ReferenceNotFound) as caught:
        pay(db, data)
    assert caught.value.field == "splits[0].ClinicNum"
    assert_nothing_written(db, logs_before)


# Payment type, patient, permission


def test_payment_type_defaults_to_the_first_payment_type(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    pay_num = pay(db, PaymentData(PatNum=pat, PayAmt=D("10.00")))
    assert payment(db, pay_num).PayType == practice.defs["PaymentTypes"][0]


def test_given_payment_type_is_kept(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    cash = practice.defs["PaymentTypes"][1]
    pay_num = pay(db, PaymentData(PatNum=pat, PayAmt=D("10.00"), PayType=cash))
    assert payment(db, pay_num).PayType == cash


@pytest.mark.parametrize("category", ["AdjTypes", "BillingTypes", "ApptConfirmed"])
def test_payment_type_of_another_definition_category_is_refused(
    db: Database, practice: Practice, category: str
) -> None:
    pat = make_patient(db)
    logs_before = count(db, SecurityLog)
    wrong = practice.defs[category][0]
    with pytest.raises(InvalidInput) as caught:
        pay(db, PaymentData(PatNum=pat, PayAmt=D("10.00"), PayType=wrong))
    assert caught.value.field == "PayType"
    assert caught.value.status == 400
    assert_nothing_written(db, logs_before)


def test_unknown_payment_type_is_refused(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    with pytest.raises(ReferenceNotFound) as caught:
        pay(db, PaymentData(PatNum=pat, PayAmt=D("10.00"), PayType=4040))
    assert caught.value.field == "PayType"
    assert count(db, Payment) == 0


def test_payment_for_an_unknown_patient_is_refused(db: Database, practice: Practice) -> None:
    logs_before = count(db, SecurityLog)
    with pytest.raises(ReferenceNotFound) as caught:
        pay(db, PaymentData(PatNum=123123, PayAmt=D("10.00")))
    assert caught.value.field == "PatNum"
    assert_nothing_written(db, logs_before)


def test_actor_without_payment_create_is_denied_and_nothing_is_written(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    logs_before = count(db, SecurityLog)
    actor = integration_actor(permissions=frozenset({EnumPermType.AdjustmentCreate}))
    with pytest.raises(PermissionDenied) as caught:
        pay(db, PaymentData(PatNum=pat, PayAmt=D("10.00")), actor)
    assert caught.value.status == 403
    assert "PaymentCreate" in caught.value.message
    assert_nothing_written(db, logs_before)


def test_check_number_and_branch_are_trimmed(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    pay_num = pay(
        db,
        PaymentData(
            PatNum=pat, PayAmt=D("10.00"), CheckNum="  1042 ", BankBranch=" Main St ", PayNote="x"
        ),
    )
    row = payment(db, pay_num)
    assert (row.CheckNum, row.BankBranch, row.PayNote) == ("1042", "Main St", "x")


# Security log


def test_payment_create_is_logged_with_the_integration_and_its_user(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db, LName="Nguyen", FName="Lan")
    pay_num = pay(
        db,
        PaymentData(
            PatNum=pat,
            PayAmt=D("100.00"),
            splits=[SplitData(SplitAmt=D("60.00")), SplitData(SplitAmt=D("40.00"))],
        ),
        integration_actor(),
    )
    with db.read() as session:
        [entry] = log_entries(session, PermType=EnumPermType.PaymentCreate)
    assert entry.PatNum == pat
    assert entry.FKey == pay_num
    assert entry.LogSource is LogSources.API
    assert int(entry.LogSource) == 23
    assert entry.CompName == "203.0.113.9"
    assert entry.UserNum == 7
    assert entry.RequestId == "req-42"
    assert entry.ActorName == "Reminder Pro"
    assert "100.00" in entry.LogText
    assert "Nguyen, Lan" in entry.LogText
    assert "2 split(s)" in entry.LogText
    assert "Reminder Pro" in entry.LogText
    assert "jdoe" in entry.LogText
    assert payment(db, pay_num).SecUserNumEntry == 7
    assert {s.SecUserNumEntry for s in splits_of(db, pay_num)} == {7}


def test_payment_by_enamel_itself_is_not_logged_as_api(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    pay_num = pay(db, PaymentData(PatNum=pat, PayAmt=D("10.00")))
    with db.read() as session:
        [entry] = log_entries(session, PermType=EnumPermType.PaymentCreate)
    assert entry.FKey == pay_num
    assert entry.LogSource is LogSources.None_


# Adjustments
