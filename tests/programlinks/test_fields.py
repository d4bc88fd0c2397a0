"""Every template field fills as the README documents it (a dry run shows the argv)."""

from __future__ import annotations

import datetime as dt
import json

from enamel.db import Database
from enamel.models.enums import PatientGender
from tests.cli.runner import enamel
from tests.factories import Practice, make_patient


def test_every_field_fills_as_documented(db: Database, practice: Practice) -> None:
    template = (
        "--id=[PatNum] --chart=[ChartNumber] -- [LName] [FName] [MiddleI] [Preferred] "
        "[Birthdate] [Birthdate:yyyyMMdd] [Birthdate:M/d/yy] [Gender] [Sex] [ProvNum] "
        "[ProvAbbr] [ProvLName] [ProvFName] [FilePath]"
    )
    added = enamel(
        db,
        "links",
        "add",
        "All",
        "--command",
        "/bin/true",
        "--args",
        template,
        "--file-path",
        "/srv/bridge/all.txt",
        "--file-template",
        "ID=[PatNum]\n",
        "--json",
    )
    assert added.exit_code == 0, added.output
    assert "FilePath" not in json.loads(added.stdout)["fields"]  # configuration, not data
    pat = make_patient(
        db,
        LName="Nguyen",
        FName="Hoa",
        MiddleI="T",
        Preferred="Ho",
        ChartNumber="C-17",
        Birthdate=dt.date(1980, 3, 4),
        Gender=PatientGender.Other,
        PriProv=practice.dentist,
    )
    result = enamel(db, "links", "launch", "All", "--patient", str(pat), "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["argv"] == [
        "/bin/true",
        f"--id={pat}",
        "--chart=C-17",
        "--",
        "Nguyen",
        "Hoa",
        "T",
        "Ho",
        "1980-03-04",
        "19800304",
        "3/4/80",
        "Other",
        "O",
        str(practice.dentist),
        "DOC1",
        "Brennan",
        "",
        "/srv/bridge/all.txt",
    ]
    assert out["file"] == {"path": "/srv/bridge/all.txt", "content": f"ID={pat}\n"}
    unknown = make_patient(db, LName="Doe", FName="Jo")
    no_date = enamel(db, "links", "launch", "All", "--patient", str(unknown), "--dry-run", "--json")
    argv = json.loads(no_date.stdout)["argv"]
    assert argv[8:13] == ["", "", "", "Unknown", "U"]
