"""Open Dental's JSON to the services' data, with a 400 naming the field for anything wrong.

Request bodies are Pydantic models generated from the services' data classes (`body_model`),
so the documented body and the fields a service accepts are the same list. Unknown fields are
refused (a misspelt field must not be ignored silently); a JSON null is taken as "not sent".
Enums take Open Dental's labels, booleans "true"/"false" (or JSON booleans), dates
"yyyy-MM-dd", date-times "yyyy-MM-dd HH:mm:ss", money a decimal string or number.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import types
import typing
from collections.abc import Callable, Coroutine, Mapping
from decimal import Decimal
from typing import Annotated, Any, Literal, TypeVar, Union

from fastapi import Request, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field, StrictBool, WithJsonSchema, create_model

from enamel.errors import InvalidInput
from enamel.models.enums import label
from enamel.money import money_input

D = TypeVar("D")
E = TypeVar("E", bound=enum.IntEnum)

DATE_FORMAT = "yyyy-MM-dd"
DATETIME_FORMAT = "yyyy-MM-dd HH:mm:ss"


def date_in(value: object, field: str) -> dt.date:
    try:
        if isinstance(value, str) and len(value.strip()) == 10:
            return dt.date.fromisoformat(value.strip())
    except ValueError:
        pass
    raise InvalidInput(f"{field}: {value!r} is not a date ({DATE_FORMAT})", field=field)


def datetime_in(value: object, field: str) -> dt.datetime:
    try:
        if isinstance(value, str) and len(value.strip()) == 19:
            return dt.datetime.fromisoformat(value.strip())
    except ValueError:
        pass
    raise InvalidInput(
        f"{field}: {value!r} is not a date and time ({DATETIME_FORMAT})", field=field
    )


def bool_in(value: object, field: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise InvalidInput(f'{field} must be "true" or "false"', field=field)


def label_in(enum_class: type[E], value: object, field: str) -> E:
    """The member whose Open Dental label is `value` ("Scheduled", "Male", "None")."""
    for member in enum_class:
        if value == label(member):
            return member
    allowed = ", ".join(label(m) for m in enum_class)
    raise InvalidInput(f"{field} must be one of: {allowed}", field=field)


def int_in(value: object, field: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())  # Open Dental sends some keys as strings ("ClinicNum": "0")
    else:
        raise InvalidInput(f"{field} must be a whole number", field=field)
    if not 0 <= number < 2**63:
        raise InvalidInput(f"{field}: {number} is out of range", field=field)
    return number


def optional_int(value: str | None, field: str) -> int | None:
    """A whole-number query parameter, when given."""
    return None if value is None else int_in(value, field)


def str_in(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidInput(f"{field} must be a string", field=field)
    if "\x00" in value:
        raise InvalidInput(f"{field} contains a NUL character", field=field)
    return value


Amount = Annotated[
    Any,
    WithJsonSchema(
        {
            "anyOf": [{"type": "string"}, {"type": "number"}],
            "description": 'Exact, at most two decimals: "129.99" or 129.99.',
        }
    ),
]
"""Money as the client wrote it: the JSON is read with exact decimals (`ExactJSONRoute`, never
a float), and `money_input` is the one judge of what is an amount."""


class ExactJSONRequest(Request):
    """A request whose JSON numbers with a fraction are read as exact `Decimal`s.

    `"PayAmt": 129.99` must be the amount 129.99, not the float nearest to it, and
    `100.0000000000000001` must be refused as a fraction of a cent rather than rounded away.
    """

    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = json.loads(await self.body(), parse_float=Decimal, parse_constant=Decimal)
        return self._json


class ExactJSONRoute(APIRoute):
    """The route class of every API router: bodies are read by `ExactJSONRequest`."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def exact(request: Request) -> Response:
            return await handler(ExactJSONRequest(request.scope, request.receive))

        return exact


Convert = Callable[[object, str], Any]


def _plain(hint: Any) -> Any:
    """`X | None` -> X."""
    if typing.get_origin(hint) in (Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


def _converter(hint: Any) -> tuple[Convert, Any]:
    """How to read a value of this type, and the JSON type to document."""
    t = _plain(hint)
    if isinstance(t, type) and issubclass(t, enum.IntEnum):
        enum_class = t
        labels = tuple(label(m) for m in enum_class)
        return (lambda v, f: label_in(enum_class, v, f)), Literal[labels]
    if t is bool:
        return bool_in, Literal["true", "false"] | StrictBool
    if t is dt.datetime:
        return datetime_in, str
    if t is dt.date:
        return date_in, str
    if t is Decimal:
        return money_input, Amount
    if t is int:
        return int_in, int | str
    if t is str:
        return str_in, str
    raise TypeError(f"no API input for {hint!r}")


def body_model(
    name: str,
    data_class: type[Any],
    *,
    exclude: tuple[str, ...] = (),
    extra: Mapping[str, Any] | None = None,
    required: tuple[str, ...] = (),
    doc: str = "",
) -> type[BaseModel]:
    """The documented request body for a service's data class (all fields optional unless
    `required`). `extra` adds API-only fields (name -> JSON type)."""
    hints = typing.get_type_hints(data_class)
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(data_class):
        if f.name in exclude:
            continue
        json_type = _converter(hints[f.name])[1]
        fields[f.name] = _model_field(json_type, f.name in required)
    for key, json_type in (extra or {}).items():
        fields[key] = _model_field(json_type, key in required)
    return create_model(name, __config__=ConfigDict(extra="forbid"), __doc__=doc or None, **fields)


def _model_field(json_type: Any, required: bool) -> Any:
    if required:
        return (json_type, Field(...))
    return (json_type | None, Field(default=None))


def data_from(
    body: BaseModel, data_class: type[D], *, skip: tuple[str, ...] = (), **preset: Any
) -> D:
    """The service data class filled from the fields the client sent (nulls left out)."""
    hints = typing.get_type_hints(data_class)
    names = {f.name for f in dataclasses.fields(data_class)}  # type: ignore[arg-type]
    values: dict[str, Any] = dict(preset)
    for key in body.model_fields_set:
        value = getattr(body, key)
        if key in skip or key not in names or value is None or key in preset:
            continue
        values[key] = _converter(hints[key])[0](value, key)
    return data_class(**values)


def required_in(body: BaseModel, *names: str) -> None:
    for name in names:
        value = getattr(body, name, None)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise InvalidInput(f"{name} is required", field=name)
