"""The office pages' patient search (`find_patients`), on SQLite, MariaDB and PostgreSQL."""

from __future__ import annotations

from enamel.db import Database
from enamel.models.enums import PatientStatus
from enamel.patients.service import find_patients
from tests.factories import make_patient


def found(db: Database, text: str) -> list[int]:
    with db.read() as session:
        return [p.PatNum for p in find_patients(session, text)]


def test_a_patient_is_found_by_patnum_or_the_start_of_a_name(db: Database) -> None:
    hoa = make_patient(db, LName="Nguyen", FName="Hoa", Preferred="Rose")
    anna = make_patient(db, LName="Smith", FName="Anna")
    annie = make_patient(db, LName="Smithers", FName="Annie")
    make_patient(db, LName="Smith", FName="Gone", PatStatus=PatientStatus.Deleted)
    assert found(db, str(hoa)) == [hoa]
    assert found(db, "nguy") == [hoa]  # any case
    assert found(db, "ROSE") == [hoa]  # the preferred name
    assert found(db, "smith") == [anna, annie]  # by last name, then first; no deleted
    assert found(db, "Smith, Ann") == [anna, annie]
    assert found(db, "smith,annie") == [annie]
    assert found(db, "guyen") == []  # the start of a name, not anywhere in it
    assert found(db, "  ") == [] and found(db, "") == []
    assert found(db, "9" * 30) == []


def test_like_characters_in_the_search_are_taken_literally(db: Database) -> None:
    make_patient(db, LName="Smith", FName="Anna")
    odd = make_patient(db, LName="O_Neil%", FName="Sean")
    assert found(db, "%") == [] and found(db, "_") == []
    assert found(db, "O_N") == [odd] and found(db, "O_Neil%") == [odd]
    assert found(db, "\\") == []
