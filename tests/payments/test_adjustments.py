"""Adjustments: exact amounts of the right type, logged."""

from __future__ import annotations

import datetime as dt

import pytest

from enamel.db import Database
from enamel.errors import InvalidInput, PermissionDenied, ReferenceNotFound
from enamel.models import Adjustment, SecurityLog
from enamel.models.enums import EnumPermType, LogSources, ProcStat
from enamel.payments.service import (
    AdjustmentData,
)
from tests.factories import Practice, count, integration_actor, log_entries, make_patient
from tests.payments.helpers import TODAY, D, adjust, make_procedure


def test_adjustment_is_stored_exactly_and_logged(db: Database, practice: Practice) -> None:
    pat = make_patient(db, PriProv=practice.dentist2)
    discount = practice.defs["AdjTypes"][0]
    adj_num = adjust(
        db,
        AdjustmentData(PatNum=pat, AdjAmt=D("-12.35"), AdjType=discount, AdjNote="Courtesy"),
        integration_actor(),
    )
    with db.read() as session:
        row = session.get(Adjustment, adj_num)
        assert row is not None
        [entry] = log_entries(session, PermType=EnumPermType.AdjustmentCreate)
    assert row.AdjAmt == D("-12.35")
    assert row.AdjType == discount
    assert row.AdjDate == TODAY()
    assert row.ProcDate == TODAY()
    assert row.ProvNum == practice.dentist2
    assert row.AdjNote == "Courtesy"
    assert entry.PatNum == pat
    assert entry.FKey == adj_num
    assert entry.LogSource is LogSources.API
    assert "-12.35" in entry.LogText
    assert "jdoe" in entry.LogText


def test_adjustment_of_zero_is_refused(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    logs_before = count(db, SecurityLog)
    with pytest.raises(InvalidInput) as caught:
        adjust(
            db,
            AdjustmentData(PatNum=pat, AdjAmt=D("0.00"), AdjType=practice.defs["AdjTypes"][0]),
        )
    assert caught.value.field == "AdjAmt"
    assert caught.value.status == 400
    assert count(db, Adjustment) == 0
    assert count(db, SecurityLog) == logs_before


def test_adjustment_type_of_another_category_is_refused(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    logs_before = count(db, SecurityLog)
    with pytest.raises(InvalidInput) as caught:
        adjust(
            db,
            AdjustmentData(PatNum=pat, AdjAmt=D("5.00"), AdjType=practice.defs["PaymentTypes"][0]),
        )
    assert caught.value.field == "AdjType"
    assert count(db, Adjustment) == 0
    assert count(db, SecurityLog) == logs_before


def test_float_adjustment_is_refused(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    with pytest.raises(InvalidInput) as caught:
        adjust(
            db,
            AdjustmentData(
                PatNum=pat,
                AdjAmt=-1.5,  # type: ignore[arg-type]
                AdjType=practice.defs["AdjTypes"][0],
            ),
        )
    assert caught.value.field == "AdjAmt"
    assert count(db, Adjustment) == 0


def test_adjustment_dated_in_the_future_is_refused(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    with pytest.raises(InvalidInput) as caught:
        adjust(
            db,
            AdjustmentData(
                PatNum=pat,
                AdjAmt=D("5.00"),
                AdjType=practice.defs["AdjTypes"][0],
                AdjDate=TODAY() + dt.timedelta(days=1),
            ),
        )
    assert caught.value.field == "AdjDate"
    assert count(db, Adjustment) == 0


def test_adjustment_on_a_completed_procedure_takes_its_provider_and_date(
    db: Database, practice: Practice
) -> None:
    pat = make_patient(db)
    done_on = TODAY() - dt.timedelta(days=10)
    proc = make_procedure(db, practice, pat, ProvNum=practice.hygienist, ProcDate=done_on)
    adj_num = adjust(
        db,
        AdjustmentData(
            PatNum=pat, AdjAmt=D("-8.00"), AdjType=practice.defs["AdjTypes"][0], ProcNum=proc
        ),
    )
    with db.read() as session:
        row = session.get(Adjustment, adj_num)
        assert row is not None
    assert (row.ProcNum, row.ProvNum, row.ProcDate) == (proc, practice.hygienist, done_on)


def test_adjustment_on_a_planned_procedure_is_refused(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    proc = make_procedure(db, practice, pat, status=ProcStat.TP)
    with pytest.raises(InvalidInput) as caught:
        adjust(
            db,
            AdjustmentData(
                PatNum=pat, AdjAmt=D("-8.00"), AdjType=practice.defs["AdjTypes"][0], ProcNum=proc
            ),
        )
    assert caught.value.field == "ProcNum"
    assert count(db, Adjustment) == 0


def test_adjustment_with_a_hidden_provider_is_refused(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    with pytest.raises(ReferenceNotFound) as caught:
        adjust(
            db,
            AdjustmentData(
                PatNum=pat,
                AdjAmt=D("5.00"),
                AdjType=practice.defs["AdjTypes"][0],
                ProvNum=practice.hidden_provider,
            ),
        )
    assert caught.value.field == "ProvNum"
    assert count(db, Adjustment) == 0


def test_actor_without_adjustment_create_is_denied(db: Database, practice: Practice) -> None:
    pat = make_patient(db)
    logs_before = count(db, SecurityLog)
    actor = integration_actor(permissions=frozenset({EnumPermType.PaymentCreate}))
    with pytest.raises(PermissionDenied) as caught:
        adjust(
            db,
            AdjustmentData(PatNum=pat, AdjAmt=D("5.00"), AdjType=practice.defs["AdjTypes"][0]),
            actor,
        )
    assert caught.value.status == 403
    assert count(db, Adjustment) == 0
    assert count(db, SecurityLog) == logs_before
