"""`enamel audit verify` against direct database writes, on SQLite, MariaDB and PostgreSQL.

Each test tampers with a demo practice through a raw driver connection (bypassing Enamel, as a
third party holding the database's credentials would), runs the command, and checks that the
finding names the right table, key and kind, and what changed.
"""

from __future__ import annotations

import datetime as dt
import json
import threading

from enamel.audit import capture
from enamel.db import Database
from enamel.patients.service import PatientData, update_patient
from enamel.security import system_actor
from tests.audit.tamper import check, first, kinds, only, sql
from tests.cli.runner import enamel


def test_writes_through_enamel_are_clean(office: Database) -> None:
    code, report = check(office)
    assert report["findings"] == [] and code == 0
    assert report["rows"] > 0 and report["links"] > 0


def test_a_patient_name_changed_by_hand_is_a_seal_mismatch_with_who_and_what(
    office: Database,
) -> None:
    pat = first(office, "patient", "PatNum")
    (old,) = sql(office, "SELECT {q}LName{q} FROM patient WHERE {q}PatNum{q} = {p}", pat)[0]
    sql(office, "UPDATE patient SET {q}LName{q} = 'Mallory' WHERE {q}PatNum{q} = {p}", pat)
    code, report = check(office)
    assert code == 1
    finding = only(report, "seal mismatch", "patient", pat)
    assert finding["columns"].get("LName") == {"before": old, "after": "Mallory"}, finding
    assert finding["when"]
    if office.dialect != "sqlite":
        assert finding["account"]  # root@localhost / postgres
    assert len(report["findings"]) == 1  # the captured change explains the seal, once


def test_an_inserted_payment_has_no_seal(office: Database) -> None:
    pat = first(office, "patient", "PatNum")
    sql(
        office,
        "INSERT INTO payment ({q}PatNum{q}, {q}PayAmt{q}, {q}PayNote{q}) VALUES ({p}, 500, 'cash')",
        pat,
    )
    (num,) = sql(office, "SELECT MAX({q}PayNum{q}) FROM payment")[0]
    code, report = check(office)
    finding = only(report, "missing seal", "payment", int(num))
    assert finding["columns"]["PayAmt"]["before"] is None
    assert code == 1


def test_a_changed_split_amount_is_found(office: Database) -> None:
    split = first(office, "paysplit", "SplitNum")
    sql(office, "UPDATE paysplit SET {q}SplitAmt{q} = 0.01 WHERE {q}SplitNum{q} = {p}", split)
    _, report = check(office)
    finding = only(report, "seal mismatch", "paysplit", split)
    assert "SplitAmt" in finding["columns"]


def test_a_deleted_appointment_is_an_unattributed_change(office: Database) -> None:
    apt = first(office, "appointment", "AptNum")
    sql(office, "DELETE FROM appointment WHERE {q}AptNum{q} = {p}", apt)
    _, report = check(office)
    finding = only(report, "unattributed change", "appointment", apt)
    assert "deleted" in finding["detail"]
    assert finding["columns"]["AptNum"]["before"] == apt


def test_security_log_rows_deleted_edited_or_inserted_break_the_chain(office: Database) -> None:
    nums = [r[0] for r in sql(office, "SELECT {q}SecurityLogNum{q} FROM securitylog ORDER BY 1")]
    deleted, edited = int(nums[1]), int(nums[3])
    sql(office, "DELETE FROM securitylog WHERE {q}SecurityLogNum{q} = {p}", deleted)
    sql(
        office,
        "UPDATE securitylog SET {q}LogText{q} = 'nothing' WHERE {q}SecurityLogNum{q} = {p}",
        edited,
    )
    sql(office, "INSERT INTO securitylog ({q}LogText{q}, {q}PatNum{q}) VALUES ('forged', 1)")
    (inserted,) = sql(office, "SELECT MAX({q}SecurityLogNum{q}) FROM securitylog")[0]
    _, report = check(office)
    found = kinds(report)
    assert ("chain break", "securitylog", deleted) in found
    assert ("chain break", "securitylog", edited) in found
    assert ("unchained log entry", "securitylog", int(inserted)) in found


def test_a_dropped_trigger_is_found(office: Database) -> None:
    if office.dialect == "postgresql":
        sql(office, "DROP TRIGGER enamel_capture_patient ON patient")
    else:
        sql(office, "DROP TRIGGER enamel_capture_patient_upd")
    try:
        _, report = check(office)
        missing = [f for f in report["findings"] if f["kind"] == "trigger missing"]
        assert [f["table"] for f in missing] == ["patient"]
    finally:
        with office.write_engine.begin() as conn:
            capture.install(conn)


def test_cutting_the_log_tail_is_found_against_the_last_checkpoint(office: Database) -> None:
    assert check(office)[0] == 0  # writes a checkpoint
    nums = [
        int(r[0]) for r in sql(office, "SELECT {q}SecurityLogNum{q} FROM securitylog ORDER BY 1")
    ]
    keep = nums[-4]
    # A careful intruder: removes the last entries, their links, and rewinds the head.
    (last_hash,) = sql(
        office, "SELECT {q}LogHash{q} FROM securityloghash WHERE {q}SecurityLogNum{q} = {p}", keep
    )[0]
    sql(office, "DELETE FROM securityloghash WHERE {q}SecurityLogNum{q} > {p}", keep)
    sql(office, "DELETE FROM securitylog WHERE {q}SecurityLogNum{q} > {p}", keep)
    (links,) = sql(office, "SELECT COUNT(*) FROM securityloghash")[0]
    sql(
        office,
        "UPDATE auditchainhead"
        " SET {q}LinkCount{q} = {p}, {q}LastLogNum{q} = {p}, {q}LastHash{q} = {p}",
        int(links),
        keep,
        last_hash,
    )
    code, report = check(office)
    assert code == 1
    assert any(f["kind"] == "chain tail cut" for f in report["findings"]), kinds(report)


def test_a_row_restored_from_an_old_backup_is_an_unattributed_change(office: Database) -> None:
    pat = first(office, "patient", "PatNum")
    (old_name, old_seal, old_stamp) = sql(
        office,
        "SELECT {q}LName{q}, {q}SecurityHash{q}, {q}DateTStamp{q}"
        " FROM patient WHERE {q}PatNum{q} = {p}",
        pat,
    )[0]
    result = enamel(office, "audit", "verify")
    assert result.exit_code == 0, result.output
    with office.write() as session:
        update_patient(session, system_actor("tests"), pat, PatientData(LName="Renamed"))
    sql(
        office,
        "UPDATE patient SET {q}LName{q} = {p}, {q}SecurityHash{q} = {p}, {q}DateTStamp{q} = {p} "
        "WHERE {q}PatNum{q} = {p}",
        old_name,
        old_seal,
        old_stamp,
        pat,
    )
    _, report = check(office)
    finding = only(report, "unattributed change", "patient", pat)
    assert finding["columns"]["LName"] == {"before": "Renamed", "after": old_name}


def test_acknowledged_findings_leave_the_open_list_but_stay_on_record(office: Database) -> None:
    pat = first(office, "patient", "PatNum")
    sql(office, "UPDATE patient SET {q}FName{q} = 'Eve' WHERE {q}PatNum{q} = {p}", pat)
    assert check(office)[0] == 1
    listed = json.loads(enamel(office, "audit", "findings", "--json").stdout)
    assert [f["RowKey"] for f in listed] == [pat]
    refused = enamel(
        office, "audit", "acknowledge", str(listed[0]["AuditFindingNum"]), "--reason", " "
    )
    assert refused.exit_code == 1 and "reason" in refused.output
    done = enamel(
        office,
        "audit",
        "acknowledge",
        str(listed[0]["AuditFindingNum"]),
        "--reason",
        "front desk fixed a typo in the old program",
    )
    assert done.exit_code == 0, done.output
    code, report = check(office)
    assert code == 0 and report["acknowledged"] == 1
    everything = json.loads(enamel(office, "audit", "findings", "--all", "--json").stdout)
    assert everything[0]["AckReason"] == "front desk fixed a typo in the old program"


def test_deleting_the_audit_state_is_found(office: Database) -> None:
    assert check(office)[0] == 0  # a first checkpoint
    sql(office, "DELETE FROM auditstate")
    code, report = check(office)
    assert code == 1
    (finding,) = report["findings"]
    assert (finding["kind"], finding["table"]) == ("audit state recreated", "auditstate")


def test_many_concurrent_writes_through_enamel_report_nothing(office: Database) -> None:
    """Eight threads each rename patients and append notes at once: the chain head, the
    markers and the seals stay consistent (no false positives under concurrency)."""
    pats = [int(r[0]) for r in sql(office, "SELECT {q}PatNum{q} FROM patient")]
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            barrier.wait()
            for round_ in range(5):
                pat = pats[(worker + round_) % len(pats)]
                with office.write() as session:
                    update_patient(
                        session,
                        system_actor(f"worker {worker}"),
                        pat,
                        PatientData(FName=f"W{worker}R{round_}"),
                    )
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    code, report = check(office)
    assert report["findings"] == [] and code == 0


def test_hostile_values_written_by_hand_are_findings_not_crashes(office: Database) -> None:
    """A seal that is not ASCII, and on PostgreSQL a date-time Enamel never writes ('infinity'),
    make the check report the row, not fail."""
    pat = first(office, "patient", "PatNum")
    sql(office, "UPDATE patient SET {q}SecurityHash{q} = 'sceau-été' WHERE {q}PatNum{q} = {p}", pat)
    apt = first(office, "appointment", "AptNum")
    if office.dialect == "postgresql":
        sql(
            office,
            "UPDATE appointment SET {q}AptDateTime{q} = 'infinity' WHERE {q}AptNum{q} = {p}",
            apt,
        )
    code, report = check(office)
    assert code == 1
    only(report, "seal mismatch", "patient", pat)
    if office.dialect == "postgresql":
        only(report, "seal mismatch", "appointment", apt)
    with open(report["checkpoint"], "a", encoding="utf-8") as file:
        file.write('{"at": "x", "count": 1, "last_log_num": 1, "last_hash": "", "mac": 7}\n')
    _, report = check(office)
    assert any(f["kind"] == "checkpoint invalid" for f in report["findings"]), kinds(report)


def test_since_checks_only_what_changed_from_then_on(office: Database) -> None:
    _, full = check(office)
    pat = first(office, "patient", "PatNum")
    sql(office, "UPDATE patient SET {q}LName{q} = 'Mallory' WHERE {q}PatNum{q} = {p}", pat)
    today = dt.date.today()
    code, recent = check(office, "--since", today.isoformat())
    assert code == 1
    only(recent, "seal mismatch", "patient", pat)  # found through its captured change
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    code, later = check(office, "--since", tomorrow)
    assert (code, later["findings"], later["rows"]) == (0, [], 0), kinds(later)
    assert later["since"] and full["rows"] > 0
    # The checkpoints the partial checks wrote hold for the next full check.
    _, again = check(office)
    assert kinds(again) == [("seal mismatch", "patient", pat)]
