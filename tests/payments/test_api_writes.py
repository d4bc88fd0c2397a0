"""/api/v1/payments over HTTP: creating and changing payments."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from enamel.db import clock
from enamel.models import Payment, SecurityLog, Userod
from enamel.models.enums import EnumPermType, LogSources
from enamel.payments.service import PaymentData
from tests.apiclient import Api
from tests.factories import Practice, count, make_patient
from tests.payments.api_support import (
    PAYMENT_FIELDS,
    RW,
    nothing_written,
    post_raw,
)
from tests.payments.helpers import D, make_procedure, pay, payment, splits_of

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
