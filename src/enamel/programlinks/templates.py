"""Templates: `[Field]` placeholders from a fixed list, checked when a link is saved.

A template is text with placeholders such as `[PatNum]`, `[LName]` or `[Birthdate:yyyyMMdd]`.
Only the fields below exist; anything else in brackets (a misspelt field, `[SSN]`, a stray
bracket) is refused when the link is saved, with the field named, so a link never fails or
leaks something unexpected at launch. The list is the minimum an imaging or charting program
needs to find or create the patient: no SSN, address, phone, e-mail, insurance or notes.

`[FilePath]` is not patient data: it is the link's own bridge-file path (set by the office),
so an argument template can name the file it reads (`@[FilePath]`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from enamel.db import clock
from enamel.errors import InvalidInput
from enamel.models import Patient, Provider
from enamel.models.enums import PatientGender, label

DEFAULT_DATE_FORMAT = "yyyy-MM-dd"


@dataclass(frozen=True)
class FieldDef:
    name: str
    description: str
    free_text: bool = False
    """Text anyone can type (names, chart number): may begin with `-`, so never at the start
    of an argument (see `check_arguments`)."""
    dated: bool = False
    patient_data: bool = True


FIELDS: dict[str, FieldDef] = {
    f.name: f
    for f in (
        FieldDef("PatNum", "the patient's number"),
        FieldDef("ChartNumber", "the patient's chart number", free_text=True),
        FieldDef("LName", "last name", free_text=True),
        FieldDef("FName", "first name", free_text=True),
        FieldDef("MiddleI", "middle initial", free_text=True),
        FieldDef("Preferred", "preferred name", free_text=True),
        FieldDef(
            "Birthdate",
            "birthdate, yyyy-MM-dd unless a format follows: [Birthdate:MM/dd/yyyy]; "
            "empty when unknown",
            dated=True,
        ),
        FieldDef("Gender", "Male, Female, Unknown or Other"),
        FieldDef("Sex", "one letter: M, F, O (other) or U (unknown)"),
        FieldDef("ProvNum", "the patient's primary provider's number"),
        FieldDef("ProvAbbr", "the primary provider's abbreviation", free_text=True),
        FieldDef("ProvLName", "the primary provider's last name", free_text=True),
        FieldDef("ProvFName", "the primary provider's first name", free_text=True),
        FieldDef("FilePath", "the link's bridge-file path (not patient data)", patient_data=False),
    )
}

REFUSED: dict[str, str] = {
    "SSN": "a social security number is not sent to other programs (minimum necessary)",
    "Address": "the address is not sent to other programs (minimum necessary)",
    "HmPhone": "phone numbers are not sent to other programs (minimum necessary)",
    "WirelessPhone": "phone numbers are not sent to other programs (minimum necessary)",
    "Email": "the e-mail address is not sent to other programs (minimum necessary)",
}
"""Open Dental's fields some bridges use, refused with the reason."""

_TOKEN = re.compile(r"\[([^\[\]]*)\]")
_DATE_PART = re.compile(r"yyyy|yy|MM|M|dd|d|[-/. _]")


@dataclass(frozen=True)
class Placeholder:
    text: str
    """As written, e.g. `[Birthdate:yyyyMMdd]`."""
    name: str
    date_format: str = ""


Piece = str | Placeholder


def parse(template: str, what: str) -> list[Piece]:
    """The template as literal text and placeholders; unknown fields are refused naming them."""
    pieces: list[Piece] = []
    at = 0
    for match in _TOKEN.finditer(template):
        _literal(pieces, template[at : match.start()], what)
        pieces.append(_placeholder(match.group(0), match.group(1), what))
        at = match.end()
    _literal(pieces, template[at:], what)
    return pieces


def _literal(pieces: list[Piece], text: str, what: str) -> None:
    if "[" in text or "]" in text:
        raise InvalidInput(
            f"{what}: an unmatched bracket in {text!r}; fields are written [Name], "
            f"e.g. [PatNum] ({known()})",
            field=what,
        )
    if text:
        pieces.append(text)


def _placeholder(text: str, inside: str, what: str) -> Placeholder:
    name, colon, fmt = inside.partition(":")
    name = name.strip()
    field = FIELDS.get(name)
    if field is None:
        if name in REFUSED:
            raise InvalidInput(f"{what}: {text} is refused: {REFUSED[name]}", field=what)
        close = [f for f in FIELDS if f.lower() == name.lower()]
        hint = f" (did you mean [{close[0]}]?)" if close else ""
        raise InvalidInput(f"{what}: unknown field {text}{hint}; fields are: {known()}", field=what)
    if colon and not field.dated:
        raise InvalidInput(f"{what}: {text}: only [Birthdate] takes a format", field=what)
    if colon:
        check_date_format(fmt, what)
    return Placeholder(text, name, fmt if colon else "")


def check_date_format(fmt: str, what: str) -> None:
    if not fmt or "".join(_DATE_PART.findall(fmt)) != fmt:
        raise InvalidInput(
            f"{what}: date format {fmt!r}: use yyyy, yy, MM, M, dd, d and the separators "
            "- / . _ or a space (e.g. yyyyMMdd, MM/dd/yyyy)",
            field=what,
        )


def known() -> str:
    return ", ".join(f"[{name}]" for name in FIELDS)


def fields_in(*templates: list[Piece]) -> list[str]:
    """The fields the templates use, in the list's order."""
    used = {p.name for pieces in templates for p in pieces if isinstance(p, Placeholder)}
    return [name for name in FIELDS if name in used]


def format_date(value: dt.date, fmt: str) -> str:
    if value <= clock.MIN_DATE:
        return ""
    parts = {
        "yyyy": f"{value.year:04d}",
        "yy": f"{value.year % 100:02d}",
        "MM": f"{value.month:02d}",
        "M": str(value.month),
        "dd": f"{value.day:02d}",
        "d": str(value.day),
    }
    return "".join(parts.get(p, p) for p in _DATE_PART.findall(fmt))


_SEX = {
    PatientGender.Male: "M",
    PatientGender.Female: "F",
    PatientGender.Other: "O",
    PatientGender.Unknown: "U",
}


@dataclass(frozen=True)
class Values:
    """The values a template may be filled with, for one patient and one link."""

    patient: Patient
    provider: Provider | None
    file_path: str

    def get(self, placeholder: Placeholder) -> str:
        if placeholder.name == "Birthdate":
            return format_date(
                self.patient.Birthdate, placeholder.date_format or DEFAULT_DATE_FORMAT
            )
        return _GETTERS[placeholder.name](self)


_GETTERS: Mapping[str, Callable[[Values], str]] = {
    "PatNum": lambda v: str(v.patient.PatNum),
    "ChartNumber": lambda v: v.patient.ChartNumber,
    "LName": lambda v: v.patient.LName,
    "FName": lambda v: v.patient.FName,
    "MiddleI": lambda v: v.patient.MiddleI,
    "Preferred": lambda v: v.patient.Preferred,
    "Gender": lambda v: label(v.patient.Gender),
    "Sex": lambda v: _SEX.get(v.patient.Gender, "U"),
    "ProvNum": lambda v: str(v.patient.PriProv),
    "ProvAbbr": lambda v: v.provider.Abbr if v.provider else "",
    "ProvLName": lambda v: v.provider.LName if v.provider else "",
    "ProvFName": lambda v: v.provider.FName if v.provider else "",
    "FilePath": lambda v: v.file_path,
}


def fill(
    pieces: list[Piece], values: Values, escape: Callable[[str, Placeholder], str] | None = None
) -> str:
    """The template with each placeholder replaced by its value (`escape`d when given)."""
    out = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
        else:
            value = values.get(piece)
            out.append(escape(value, piece) if escape else value)
    return "".join(out)
