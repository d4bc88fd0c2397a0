"""/api/v1/payments and /api/v1/paysplits over HTTP, as an Open Dental client uses them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select, update

from enamel.db import clock
from enamel.models import Payment, PaySplit, SecurityLog, Userod
from enamel.models.enums import EnumPermType, LogSources
from enamel.payments.service import PaymentData, SplitData, create_payment
from tests.apiclient import BASE, Api
from tests.factories import ACTOR, Practice, count, make_patient
from tests.payments.helpers import D, make_procedure, pay, payment, splits_of

# Open Dental's Payments GET element, in its order (opendental.com/site/apipayments.html).
PAYMENT_FIELDS = (
    "PayNum PayType payType PayDate PayAmt CheckNum BankBranch PayNote PatNum ClinicNum "
    "DateEntry DepositNum Receipt IsRecurringCC SecUserNumEntry SecDateTEdit PaymentSource "
    "ProcessStatus RecurringChargeDate IsCcCompleted serverDateTime"
).split()
# Open Dental's PaySplits GET element, in its order (opendental.com/site/apipaysplits.html).
PAYSPLIT_FIELDS = (
    "SplitNum SplitAmt PatNum PayNum ProvNum PayPlanNum DatePay ProcNum DateEntry UnearnedType "
    "unearnedType ClinicNum SecDateTEdit AdjNum PayPlanChargeNum PayPlanDebitType"
).split()

RW = ("payments:read", "payments:write")


def post_raw(api: Api, headers: dict[str, str], raw: str) -> Any:
    """POST a JSON text as written (numbers exactly as a client's serializer wrote them)."""
    return api.client.post(BASE + "/payments", headers=headers, content=raw.encode())


def nothing_written(api: Api, logs_before: int = 0) -> bool:
    return (
        count(api.db, Payment) == 0
        and count(api.db, PaySplit) == 0
        and count(api.db, SecurityLog, SecurityLog.PermType == EnumPermType.PaymentCreate) == 0
        and count(api.db, SecurityLog) == logs_before
    )


def is_datetime(value: str) -> bool:
    return bool(dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S"))


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


# Creating


def test_post_creates_a_payment_answers_201_location_and_the_object(
    api: Api, practice: Practice
) -> None:
    pat = make_patient(api.db, PriProv=practice.dentist2)
    headers = api.integration(*RW)
    response = api.post("/payments", headers, {"PayAmt": "129.99", "PatNum": pat})
    assert response.status_code == 201
    body = response.json()
    assert list(body) == PAYMENT_FIELDS
    pay_num = body["PayNum"]
    assert response.headers["Location"].endswith(f"/api/v1/payments/{pay_num}")
    assert body["PayAmt"] == "129.99" and body["PatNum"] == pat
    assert body["payType"] == "Check" and body["ClinicNum"] == "0"
    assert body["PaymentSource"] == "API"
    assert body["ProcessStatus"] == "OfficeProcessed"
    again = api.client.get(response.headers["Location"], headers=headers).json()
    assert {k: v for k, v in again.items() if k != "serverDateTime"} == {
        k: v for k, v in body.items() if k != "serverDateTime"
    }
    [split] = api.get("/paysplits", headers, PayNum=pay_num).json()
    assert split["SplitAmt"] == 129.99
    assert (split["PatNum"], split["ProvNum"], split["ProcNum"]) == (pat, practice.dentist2, 0)


def test_post_takes_open_dentals_optional_fields(api: Api, practice: Practice) -> None:
    pat = make_patient(api.db)
    cash = practice.defs["PaymentTypes"][1]
    last_week = clock.today() - dt.timedelta(days=7)
    body = {
        "PayAmt": "129.99",
        "PatNum": pat,
        "PayType": cash,
        "PayDate": last_week.isoformat(),
        "CheckNum": "2058",
        "PayNote": "Check payment through website",
        "BankBranch": "19-7076",
        "ClinicNum": str(practice.clinic),
        "isPatientPreferred": "true",
        "isPrepayment": "false",
        "payPlanNum": 0,
    }
    response = api.post("/payments", api.integration(*RW), body)
    assert response.status_code == 201, response.json()
    got = response.json()
    assert (got["PayType"], got["payType"]) == (cash, "Cash")
    assert got["PayDate"] == last_week.isoformat()
    assert (got["CheckNum"], got["BankBranch"]) == ("2058", "19-7076")
    assert got["PayNote"] == "Check payment through website"
    assert got["ClinicNum"] == str(practice.clinic)
    [split] = splits_of(api.db, got["PayNum"])
    assert split.DatePay == last_week and split.ClinicNum == practice.clinic


def test_post_with_pay_splits_uses_them_as_sent(api: Api, practice: Practice) -> None:
    pat = make_patient(api.db, PriProv=practice.dentist)
    proc = make_procedure(api.db, practice, pat, ProvNum=practice.hygienist)
    body = {
        "PayAmt": 100.5,
        "PatNum": pat,
        "paySplits": [
            {"SplitAmt": "80.00", "ProcNum": proc},
            {"SplitAmt": 20.5, "ProvNum": practice.dentist2, "ClinicNum": practice.clinic},
        ],
    }
    response = api.post("/payments", api.integration(*RW), body)
    assert response.status_code == 201, response.json()
    assert response.json()["PayAmt"] == "100.5"
    first, second = splits_of(api.db, response.json()["PayNum"])
    assert (first.SplitAmt, first.ProcNum, first.ProvNum) == (D("80.00"), proc, practice.hygienist)
    assert (second.SplitAmt, second.ProvNum, second.ClinicNum) == (
        D("20.50"),
        practice.dentist2,
        practice.clinic,
    )
    assert payment(api.db, response.json()["PayNum"]).IsSplit is True


def test_post_with_one_proc_num_pays_that_procedure(api: Api, practice: Practice) -> None:
    pat = make_patient(api.db, PriProv=practice.dentist)
    done_on = clock.today() - dt.timedelta(days=3)
    proc = make_procedure(api.db, practice, pat, ProvNum=practice.hygienist, ProcDate=done_on)
    body = {"PayAmt": "80", "PatNum": pat, "procNums": [proc]}
    response = api.post("/payments", api.integration(*RW), body)
    assert response.status_code == 201, response.json()
    [split] = splits_of(api.db, response.json()["PayNum"])
    assert (split.SplitAmt, split.ProcNum, split.ProvNum) == (D("80.00"), proc, practice.hygienist)
    assert split.ProcDate == done_on


def test_post_with_several_proc_nums_makes_one_unattached_split(
    api: Api, practice: Practice
) -> None:
    pat = make_patient(api.db, PriProv=practice.dentist)
    procs = [make_procedure(api.db, practice, pat) for _ in range(2)]
    body = {"PayAmt": "160", "PatNum": pat, "procNums": procs}
    response = api.post("/payments", api.integration(*RW), body)
    assert response.status_code == 201, response.json()
    [split] = splits_of(api.db, response.json()["PayNum"])
    assert (split.SplitAmt, split.ProcNum, split.ProvNum) == (D("160.00"), 0, practice.dentist)


def test_prepayment_ignores_proc_nums_as_open_dental_does(api: Api, practice: Practice) -> None:
    pat = make_patient(api.db)
    proc = make_procedure(api.db, practice, pat)
    body = {"PayAmt": "50", "PatNum": pat, "procNums": [proc], "isPrepayment": "true"}
    response = api.post("/payments", api.integration(*RW), body)
    assert response.status_code == 201, response.json()
    [split] = splits_of(api.db, response.json()["PayNum"])
    assert split.ProcNum == 0


def test_proc_num_of_another_patient_is_400_and_nothing_is_written(
    api: Api, practice: Practice
) -> None:
    pat = make_patient(api.db, FName="Anna")
    others = make_procedure(api.db, practice, make_patient(api.db, FName="Ben"))
    headers = api.integration(*RW)
    logs_before = count(api.db, SecurityLog)
    body = {"PayAmt": "80", "PatNum": pat, "procNums": [others]}
    response = api.post("/payments", headers, body)
    assert response.status_code == 400
    assert "another patient" in response.json()["message"]
    assert nothing_written(api, logs_before)


@pytest.mark.parametrize(
    ("amount", "stored", "sent"),
    [
        ("129.99", "129.99", "129.99"),
        ("0.1", "0.10", "0.1"),
        ("1234567.89", "1234567.89", "1234567.89"),
        ("999999999.99", "999999999.99", "999999999.99"),
        ("339", "339.00", "339"),
        ("339.0", "339.00", "339"),
        ("5E+1", "50.00", "50"),
    ],
)
def test_pay_amt_sent_as_a_json_number_is_exact(
    api: Api, practice: Practice, amount: str, stored: str, sent: str
) -> None:
    pat = make_patient(api.db)
    response = post_raw(api, api.integration(*RW), f'{{"PayAmt": {amount}, "PatNum": {pat}}}')
    assert response.status_code == 201, response.json()
    assert response.json()["PayAmt"] == sent
    assert payment(api.db, response.json()["PayNum"]).PayAmt == D(stored)
    assert [s.SplitAmt for s in splits_of(api.db, response.json()["PayNum"])] == [D(stored)]


@pytest.mark.parametrize(
    ("amount", "why"),
    [
        ("129.999", "fractions of a cent"),
        ('"10.005"', "fractions of a cent"),
        ("100.0000000000000001", "fractions of a cent"),
        ("0.001", "fractions of a cent"),
        ("NaN", "finite"),
        ('"NaN"', "finite"),
        ("Infinity", "finite"),
        ("-Infinity", "finite"),
        ('"sNaN"', "finite"),
        ("1e400", "out of range"),
        ('"1000000000"', "out of range"),
        ("1" + "0" * 40, "out of range"),
        ('"abc"', "not an amount"),
        ('"1_000"', "not an amount"),
        ("true", "not an amount"),
        ("[1]", "not an amount"),
        ('{"v": 1}', "not an amount"),
        ("null", "required"),
        ('""', "required"),
        ("-5", "more than 0"),
        ('"-0.01"', "more than 0"),
        ("0", "more than 0"),
        ('"0.00"', "more than 0"),
    ],
)
def test_pay_amt_that_is_not_an_exact_positive_amount_is_400_naming_it(
    api: Api, practice: Practice, amount: str, why: str
) -> None:
    pat = make_patient(api.db)
    headers = api.integration(*RW)
    logs_before = count(api.db, SecurityLog)
    response = post_raw(api, headers, f'{{"PayAmt": {amount}, "PatNum": {pat}}}')
    assert response.status_code == 400
    assert response.json()["field"] == "PayAmt"
    assert "PayAmt" in response.json()["message"]
    assert why in response.json()["message"]
    assert nothing_written(api, logs_before)


def test_splits_that_do_not_add_up_are_400_and_nothing_is_written(
    api: Api, practice: Practice
) -> None:
    pat = make_patient(api.db)
    headers = api.integration(*RW)
    logs_before = count(api.db, SecurityLog)
    body = {"PayAmt": "100", "PatNum": pat, "paySplits": [{"SplitAmt": "33.33"}] * 3}
    response = api.post("/payments", headers, body)
    assert response.status_code == 400
    assert response.json()["field"] == "paySplits"
    assert "99.99" in response.json()["message"] and "100.00" in response.json()["message"]
    assert response.json()["message"].startswith("paySplits")
    assert nothing_written(api, logs_before)


@pytest.mark.parametrize(
    ("split", "field", "why"),
    [
        ({"SplitAmt": 50.005}, "paySplits[1].SplitAmt", "fractions of a cent"),
        ({"SplitAmt": "-10"}, "paySplits[1].SplitAmt", "more than 0"),
        ({"SplitAmt": None}, "paySplits[1].SplitAmt", "not an amount"),
        ({"SplitAmt": "50", "ProvNum": "hidden"}, "paySplits[1].ProvNum", "hidden"),
        ({"SplitAmt": "50", "PatNum": 777777}, "paySplits[1].PatNum", "does not exist"),
        ({"SplitAmt": "50", "ProcNum": 888888}, "paySplits[1].ProcNum", "does not exist"),
        ({"SplitAmt": "50", "ClinicNum": -3}, "paySplits[1].ClinicNum", "out of range"),
    ],
)
def test_a_bad_split_is_400_naming_it_and_nothing_is_written(
    api: Api, practice: Practice, split: dict[str, Any], field: str, why: str
) -> None:
    pat = make_patient(api.db)
    if split.get("ProvNum") == "hidden":
        split = {**split, "ProvNum": practice.hidden_provider}
    headers = api.integration(*RW)
    logs_before = count(api.db, SecurityLog)
    body = {"PayAmt": "100", "PatNum": pat, "paySplits": [{"SplitAmt": "50"}, split]}
    response = api.post("/payments", headers, body)
    assert response.status_code == 400
    assert response.json()["field"] == field
    assert why in response.json()["message"]
    assert nothing_written(api, logs_before)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"PatNum": 123123}, "PatNum"),
        ({"PatNum": None}, "PatNum"),
        ({"PatNum": "x"}, "PatNum"),
        ({"PayType": 4040}, "PayType"),
        ({"PayType": "adjtype"}, "PayType"),
        ({"PayDate": "tomorrow"}, "PayDate"),
        ({"PayDate": "2024-02-30"}, "PayDate"),
        ({"ClinicNum": 5000}, "ClinicNum"),
        ({"CheckNum": 12}, "CheckNum"),
        ({"CheckNum": "x" * 256}, "CheckNum"),
        ({"BankBranch": "b" * 256}, "BankBranch"),
        ({"PayNote": "é" * 32768}, "PayNote"),
        ({"PayNote": "a\x00b"}, "PayNote"),
        ({"PayAmount": "10"}, "PayAmount"),
        ({"payPlanNum": 12}, "payPlanNum"),
        ({"isPrepayment": "maybe"}, "isPrepayment"),
        ({"procNums": ["a"]}, "procNums"),
        ({"procNums": [1], "paySplits": [{"SplitAmt": "10"}]}, "procNums"),
        ({"isPrepayment": "true", "paySplits": [{"SplitAmt": "10"}]}, "isPrepayment"),
    ],
)
def test_bad_input_is_400_naming_the_field_and_nothing_is_written(
    api: Api, practice: Practice, change: dict[str, Any], field: str
) -> None:
    pat = make_patient(api.db)
    if change.get("PayType") == "adjtype":
        change = {"PayType": practice.defs["AdjTypes"][0]}
    if change.get("PayDate") == "tomorrow":
        change = {"PayDate": (clock.today() + dt.timedelta(days=1)).isoformat()}
    headers = api.integration(*RW)
    logs_before = count(api.db, SecurityLog)
    body = {"PayAmt": "10", "PatNum": pat, **change}
    response = api.post("/payments", headers, body)
    assert response.status_code == 400, response.json()
    assert response.json()["field"] == field
    assert response.json()["message"]
    assert nothing_written(api, logs_before)


@pytest.mark.parametrize("field", ["CheckNum", "BankBranch", "PayNote"])
def test_text_with_a_lone_surrogate_is_400_naming_it(
    api: Api, practice: Practice, field: str
) -> None:
    pat = make_patient(api.db)
    raw = f'{{"PayAmt": "10", "PatNum": {pat}, "{field}": "12\\ud800"}}'
    response = post_raw(api, api.integration(*RW), raw)
    assert response.status_code == 400
    assert response.json()["field"] == field
    assert count(api.db, Payment) == 0


def test_longest_check_number_branch_and_note_are_stored_whole(
    api: Api, practice: Practice
) -> None:
    pat = make_patient(api.db)
    long = {"CheckNum": "c" * 255, "BankBranch": "é" * 255, "PayNote": "n" * 65535}
    response = api.post("/payments", api.integration(*RW), {"PayAmt": "1", "PatNum": pat, **long})
    assert response.status_code == 201, response.json()
    row = payment(api.db, response.json()["PayNum"])
    assert (row.CheckNum, row.BankBranch, row.PayNote) == tuple(long.values())


@pytest.mark.parametrize(
    "raw",
    ['{"PayAmt": "10", "PatNum": ', "[1, 2]", '"10"', "", '{"PayAmt": 1' + "0" * 5000 + "}"],
)
def test_a_body_that_is_not_a_json_object_is_400(api: Api, practice: Practice, raw: str) -> None:
    response = post_raw(api, api.integration(*RW), raw)
    assert response.status_code == 400
    assert response.json()["message"]
    assert count(api.db, Payment) == 0


def test_payment_is_logged_with_the_integration_user_address_and_request_id(
    api: Api, practice: Practice
) -> None:
    with api.db.write() as session:
        session.add(Userod(UserName="jdoe"))
    pat = make_patient(api.db, LName="Nguyen", FName="Lan")
    headers = {**api.integration(*RW), "X-Enamel-User": "jdoe", "X-Request-Id": "req-pay-1"}
    response = api.post("/payments", headers, {"PayAmt": "75.25", "PatNum": pat})
    assert response.status_code == 201
    pay_num = response.json()["PayNum"]
    with api.db.read() as session:
        entry = session.scalars(
            select(SecurityLog).where(SecurityLog.PermType == EnumPermType.PaymentCreate)
        ).one()
        user_num = session.scalar(select(Userod.UserNum).where(Userod.UserName == "jdoe"))
    assert entry.PatNum == pat and entry.FKey == pay_num
    assert entry.LogSource is LogSources.API
    assert entry.ActorKind == "integration" and entry.ActorName == "Reminder Pro"
    assert entry.UserNum == user_num
    assert entry.RequestId == "req-pay-1"
    assert entry.CompName == "testclient"
    assert "75.25" in entry.LogText and "Nguyen, Lan" in entry.LogText
    assert entry.LogText.endswith("By integration 'Reminder Pro' for user jdoe.")
    assert response.json()["SecUserNumEntry"] == user_num


# Changing


def test_put_changes_the_fields_open_dental_allows_and_answers_the_object(
    api: Api, practice: Practice
) -> None:
    pat = make_patient(api.db)
    pay_num = pay(api.db, PaymentData(PatNum=pat, PayAmt=D("339.00"), CheckNum="1"))
    cash = practice.defs["PaymentTypes"][1]
    headers = api.integration(*RW)
    change = {
        "PayType": cash,
        "CheckNum": "7492",
        "BankBranch": "98-795",
        "PayNote": "12 months - 10% discount.",
        "ProcessStatus": "OnlineProcessed",
    }
    response = api.put(f"/payments/{pay_num}", headers, change)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert list(body) == PAYMENT_FIELDS
    assert (body["PayType"], body["payType"]) == (cash, "Cash")
    assert (body["CheckNum"], body["BankBranch"]) == ("7492", "98-795")
    assert body["PayNote"] == "12 months - 10% discount."
    assert body["ProcessStatus"] == "OnlineProcessed"
    assert body["PayAmt"] == "339"
    assert api.get(f"/payments/{pay_num}", headers).json()["CheckNum"] == "7492"
    with api.db.read() as session:
        [entry] = session.scalars(
            select(SecurityLog).where(SecurityLog.PermType == EnumPermType.PaymentEdit)
        ).all()
    assert entry.FKey == pay_num and entry.PatNum == pat
    assert entry.LogSource is LogSources.API and entry.ActorName == "Reminder Pro"
    assert "CheckNum '1' -> '7492'" in entry.LogText


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"PayAmt": "1"}, "PayAmt"),
        ({"PayDate": "2024-01-01"}, "PayDate"),
        ({"PatNum": 5}, "PatNum"),
        ({"ProcessStatus": "OfficeProcessed"}, "ProcessStatus"),
        ({"PayType": 4040}, "PayType"),
        ({"CheckNum": 5}, "CheckNum"),
        ({"CheckNum": "x" * 256}, "CheckNum"),
        ({"PayNote": "n" * 65536}, "PayNote"),
    ],
)
def test_put_of_anything_else_is_400_and_nothing_changes(
    api: Api, practice: Practice, change: dict[str, Any], field: str
) -> None:
    pat = make_patient(api.db)
    pay_num = pay(api.db, PaymentData(PatNum=pat, PayAmt=D("339.00"), CheckNum="1"))
    response = api.put(f"/payments/{pay_num}", api.integration(*RW), change)
    assert response.status_code == 400
    assert response.json()["field"] == field
    row = payment(api.db, pay_num)
    assert (row.PayAmt, row.CheckNum, row.ProcessStatus) == (D("339.00"), "1", 0)
    assert count(api.db, SecurityLog, SecurityLog.PermType == EnumPermType.PaymentEdit) == 0


def test_put_of_an_unknown_payment_is_404(api: Api, practice: Practice) -> None:
    response = api.put("/payments/424242", api.integration(*RW), {"CheckNum": "1"})
    assert response.status_code == 404
    assert "424242" in response.json()["message"]


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
