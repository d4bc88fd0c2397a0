"""/api/v1/payments and /api/v1/paysplits over HTTP: reading, and who may read and write."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import update

from enamel.db import clock
from enamel.models import Payment, SecurityLog
from enamel.payments.service import PaymentData, SplitData, create_payment
from tests.apiclient import Api
from tests.factories import ACTOR, Practice, count, make_patient
from tests.payments.api_support import (
    PAYMENT_FIELDS,
    PAYSPLIT_FIELDS,
    RW,
    is_datetime,
)
from tests.payments.helpers import D, make_procedure, pay, payment

# Reading


def test_get_payment_has_open_dentals_fields_in_order_and_types(
    api: Api, practice: Practice
) -> None:
    pat = make_patient(api.db)
    pay_num = pay(api.db, PaymentData(PatNum=pat, PayAmt=D("339.00"), CheckNum="12798"))
    response = api.get(f"/payments/{pay_num}", api.integration(*RW))
    assert response.status_code == 200
    body = response.json()
    assert list(body) == PAYMENT_FIELDS
    assert body["PayNum"] == pay_num and body["PatNum"] == pat
    assert body["PayAmt"] == "339"
    assert body["ClinicNum"] == "0"
    assert body["PayType"] == practice.defs["PaymentTypes"][0] and body["payType"] == "Check"
    assert body["PayDate"] == clock.today().isoformat()
    assert body["DateEntry"] == clock.today().isoformat()
    assert body["CheckNum"] == "12798" and body["BankBranch"] == "" and body["PayNote"] == ""
    assert body["DepositNum"] == 0 and body["Receipt"] == ""
    assert body["IsRecurringCC"] == "false" and body["IsCcCompleted"] == "false"
    assert body["SecUserNumEntry"] == 0
    assert body["PaymentSource"] == "None"
    assert body["ProcessStatus"] == "OfficeProcessed"
    assert body["RecurringChargeDate"] == "0001-01-01"
    assert is_datetime(body["SecDateTEdit"]) and is_datetime(body["serverDateTime"])
    assert None not in body.values()


@pytest.mark.parametrize(
    ("stored", "sent"),
    [("129.99", "129.99"), ("129.90", "129.9"), ("100.00", "100"), ("0.05", "0.05")],
)
def test_pay_amt_is_a_string_without_trailing_zeros(
    api: Api, practice: Practice, stored: str, sent: str
) -> None:
    pat = make_patient(api.db)
    pay_num = pay(api.db, PaymentData(PatNum=pat, PayAmt=D(stored)))
    assert api.get(f"/payments/{pay_num}", api.integration(*RW)).json()["PayAmt"] == sent


def test_clinic_num_is_sent_as_a_string(api: Api, practice: Practice) -> None:
    pat = make_patient(api.db, ClinicNum=practice.clinic)
    pay_num = pay(api.db, PaymentData(PatNum=pat, PayAmt=D("10.00")))
    body = api.get(f"/payments/{pay_num}", api.integration(*RW)).json()
    assert body["ClinicNum"] == str(practice.clinic)


def test_unknown_payment_is_404_and_a_bad_id_is_400(api: Api) -> None:
    headers = api.integration(*RW)
    missing = api.get("/payments/424242", headers)
    assert missing.status_code == 404
    assert "424242" in missing.json()["message"]
    assert api.get("/payments/abc", headers).status_code == 400
    assert api.get(f"/payments/{2**64}", headers).status_code == 400


def test_list_default_page_is_exactly_100_in_pay_num_order(api: Api, practice: Practice) -> None:
    pat = make_patient(api.db)
    with api.db.write() as session:
        for i in range(150):
            create_payment(session, ACTOR, PaymentData(PatNum=pat, PayAmt=D(f"{i + 1}.00")))
    headers = api.integration(*RW)
    first = api.get("/payments", headers).json()
    assert len(first) == 100
    nums = [p["PayNum"] for p in first]
    assert nums == sorted(nums)
    rest = api.get("/payments", headers, Offset=100).json()
    assert len(rest) == 50
    assert rest[0]["PayNum"] > nums[-1]
    assert [p["PayAmt"] for p in rest[-2:]] == ["149", "150"]
    assert len(api.get("/payments", headers, Limit=1000).json()) == 150
    assert len(api.get("/payments", headers, Limit=7, Offset=3).json()) == 7
    assert all(list(p) == PAYMENT_FIELDS for p in first)


def test_list_filters_by_patient_payment_type_and_date_entered(
    api: Api, practice: Practice
) -> None:
    anna = make_patient(api.db, FName="Anna")
    ben = make_patient(api.db, FName="Ben")
    check, cash = practice.defs["PaymentTypes"]
    old = pay(api.db, PaymentData(PatNum=anna, PayAmt=D("10.00"), PayType=check))
    anna_cash = pay(api.db, PaymentData(PatNum=anna, PayAmt=D("20.00"), PayType=cash))
    ben_check = pay(api.db, PaymentData(PatNum=ben, PayAmt=D("30.00"), PayType=check))
    last_month = clock.today() - dt.timedelta(days=30)
    with api.db.write_engine.begin() as conn:  # entered a month ago (services stamp today)
        conn.execute(update(Payment).where(Payment.PayNum == old).values(DateEntry=last_month))
    headers = api.integration(*RW)

    def nums(**params: Any) -> list[int]:
        response = api.get("/payments", headers, **params)
        assert response.status_code == 200, response.json()
        return [p["PayNum"] for p in response.json()]

    assert nums() == [old, anna_cash, ben_check]
    assert nums(PatNum=anna) == [old, anna_cash]
    assert nums(PayType=check) == [old, ben_check]
    assert nums(PatNum=anna, PayType=cash) == [anna_cash]
    assert nums(DateEntry=clock.today().isoformat()) == [anna_cash, ben_check]
    assert nums(DateEntry=last_month.isoformat()) == [old, anna_cash, ben_check]
    assert nums(PatNum=anna, DateEntry=clock.today().isoformat()) == [anna_cash]
    assert nums(PatNum=999999) == []
    tomorrow = clock.now() + dt.timedelta(days=1)
    assert nums(DateTStamp=tomorrow.strftime("%Y-%m-%d %H:%M:%S")) == []


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("PatNum", "abc"),
        ("PatNum", "-1"),
        ("PayType", "1.5"),
        ("PayType", str(2**64)),
        ("DateEntry", "2024-13-01"),
        ("DateEntry", "06/24/2022"),
        ("DateTStamp", "2024-01-01"),
    ],
)
def test_bad_list_filter_is_400_naming_it(api: Api, param: str, value: str) -> None:
    response = api.get("/payments", api.integration(*RW), **{param: value})
    assert response.status_code == 400
    assert response.json()["field"] == param
    assert param in response.json()["message"]


def test_paysplits_have_open_dentals_fields_in_order_and_filter(
    api: Api, practice: Practice
) -> None:
    anna = make_patient(api.db, FName="Anna", PriProv=practice.dentist)
    ben = make_patient(api.db, FName="Ben", Guarantor=anna, PriProv=practice.dentist2)
    proc = make_procedure(api.db, practice, ben, ProvNum=practice.hygienist)
    family = pay(
        api.db,
        PaymentData(
            PatNum=anna,
            PayAmt=D("100.00"),
            splits=[
                SplitData(SplitAmt=D("80.00"), PatNum=ben, ProcNum=proc),
                SplitData(SplitAmt=D("20.00")),
            ],
        ),
    )
    other = pay(api.db, PaymentData(PatNum=ben, PayAmt=D("5.50")))
    headers = api.integration(*RW)
    response = api.get("/paysplits", headers, PayNum=family)
    assert response.status_code == 200
    first, second = response.json()
    assert list(first) == PAYSPLIT_FIELDS
    assert first["SplitNum"] < second["SplitNum"]
    assert first["SplitAmt"] == 80 and isinstance(first["SplitAmt"], float)
    assert (first["PatNum"], first["PayNum"], first["ProcNum"]) == (ben, family, proc)
    assert first["ProvNum"] == practice.hygienist
    assert (second["PatNum"], second["ProcNum"], second["ProvNum"]) == (anna, 0, practice.dentist)
    assert first["DatePay"] == clock.today().isoformat()
    assert first["DateEntry"] == clock.today().isoformat()
    assert first["UnearnedType"] == 0 and first["unearnedType"] == ""
    assert first["PayPlanNum"] == 0 and first["PayPlanChargeNum"] == 0 and first["AdjNum"] == 0
    assert first["PayPlanDebitType"] == "Unknown"
    assert first["ClinicNum"] == 0
    assert is_datetime(first["SecDateTEdit"])
    assert None not in first.values()

    def splits(**params: Any) -> list[tuple[int, float]]:
        return [
            (s["PayNum"], s["SplitAmt"]) for s in api.get("/paysplits", headers, **params).json()
        ]

    assert splits(PatNum=ben) == [(family, 80.0), (other, 5.5)]
    assert splits(ProcNum=proc) == [(family, 80.0)]
    assert splits(PatNum=anna, PayNum=family) == [(family, 20.0)]
    assert splits() == [(family, 80.0), (family, 20.0), (other, 5.5)]
    assert len(api.get("/paysplits", headers, Limit=1).json()) == 1
    assert api.get("/paysplits", headers, PayNum="x").json()["field"] == "PayNum"


# Scopes


def test_a_read_only_integration_cannot_create_or_change_payments(
    api: Api, practice: Practice
) -> None:
    pat = make_patient(api.db)
    pay_num = pay(api.db, PaymentData(PatNum=pat, PayAmt=D("10.00"), CheckNum="1"))
    reader = api.integration("payments:read")
    logs_before = count(api.db, SecurityLog)
    created = api.post("/payments", reader, {"PayAmt": "10", "PatNum": pat})
    assert created.status_code == 403
    assert "payments:write" in created.json()["message"]
    changed = api.put(f"/payments/{pay_num}", reader, {"CheckNum": "2"})
    assert changed.status_code == 403
    assert count(api.db, Payment) == 1 and payment(api.db, pay_num).CheckNum == "1"
    assert count(api.db, SecurityLog) == logs_before


def test_reading_payments_and_splits_needs_payments_read(api: Api, practice: Practice) -> None:
    pat = make_patient(api.db)
    pay_num = pay(api.db, PaymentData(PatNum=pat, PayAmt=D("10.00")))
    writer = api.integration("payments:write")
    patients = api.integration("patients:read", name="Dashboard")
    everything = api.integration("*:read", name="Reports")
    for path in ("/payments", f"/payments/{pay_num}", "/paysplits"):
        for headers in (writer, patients):
            response = api.get(path, headers)
            assert response.status_code == 403, path
            assert "payments:read" in response.json()["message"]
        assert api.get(path, everything).status_code == 200, path
    assert api.post("/payments", everything, {"PayAmt": "1", "PatNum": pat}).status_code == 403
