"""Providers as Open Dental's API shows them (opendental.com/site/apiproviders.html)."""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from enamel.api.encode import Shape, field
from enamel.api.inputs import body_model
from enamel.models import Provider
from enamel.providers.service import ProviderData
from enamel.setup.schemas import constant

P = Provider


def rgb(argb: int) -> str:
    """`provider.ProvColor` (a .NET ARGB integer, often negative) as Open Dental sends it:
    "R,G,B"; 0 (no colour chosen) is "0,0,0"."""
    return f"{(argb >> 16) & 255},{(argb >> 8) & 255},{argb & 255}"


BOOL = Literal["true", "false"]

PROVIDER = Shape(
    "Provider",
    [
        field("ProvNum", P.ProvNum),
        field("Abbr", P.Abbr),
        field("LName", P.LName),
        field("FName", P.FName),
        field("MI", P.MI),
        field("Suffix", P.Suffix),
        field("FeeSched", P.FeeSched),
        field("Specialty", P.Specialty),
        field("SSN", P.SSN),
        field("StateLicense", P.StateLicense),
        field("IsSecondary", P.IsSecondary),
        replace(field("provColor", P.ProvColor), out=rgb, doc_type=str),
        field("IsHidden", P.IsHidden),
        constant("UsingTIN", "false", BOOL),
        constant("SigOnFile", "false", BOOL),
        field("NationalProvID", P.NationalProvID),
        field("DateTStamp", P.DateTStamp),
        field("IsNotPerson", P.IsNotPerson),
        field("ProvStatus", P.ProvStatus),
        field("IsHiddenReport", P.IsHiddenReport),
        constant("Birthdate", "0001-01-01", str),
        constant("SchedNote", "", str),
        field("PreferredName", P.PreferredName),
    ],
    P.__table__,
    server_time=True,
)


class ProviderIn(
    body_model(  # type: ignore[misc]  # a base built from ProviderData
        "ProviderIn",
        ProviderData,
        extra={"NationalProvId": str},
        required=("Abbr",),
        doc="A provider to create: Abbr is required, and LName too unless IsNotPerson is true. "
        "NationalProvId is taken as NationalProvID, as Open Dental's PUT documents it.",
    )
):
    pass


class ProviderChangesIn(
    body_model(  # type: ignore[misc]  # a base built from ProviderData
        "ProviderChangesIn",
        ProviderData,
        extra={"NationalProvId": str},
        doc="The fields of a provider to change. NationalProvId is taken as NationalProvID, as "
        "Open Dental's PUT documents it.",
    )
):
    pass
