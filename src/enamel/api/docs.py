"""The OpenAPI document: every /api/v1 operation documents its errors and its credentials.

FastAPI documents a 422 for validation errors; Enamel answers them with 400 and the same
`{"message", "error", "field"}` body as every other error, so the 422 is replaced. Each
operation gets the errors any API request can meet (bad input, credentials, scope, not found,
rate limit, API switched off or database away); writes also get 409 (a conflict) and 413 (a
body over the size limit). The `ODFHIR` security scheme says how to send the keys.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict

from enamel.api import PREFIX

SCHEME = "ODFHIR"


class ApiError(BaseModel):
    """The body of every error answer."""

    model_config = ConfigDict(use_attribute_docstrings=True)

    message: str
    """A sentence a person can act on."""
    error: str
    """A stable code: invalid, unauthorized, scope_missing, not_found, rate_limited..."""
    field: str | None
    """The field or parameter at fault, when there is one."""


ERRORS: dict[int, str] = {
    400: "Invalid input: a parameter or field is missing, malformed or breaks a rule "
    "(`field` names it).",
    401: "No credentials, or wrong ones: send "
    "`Authorization: ODFHIR {DeveloperKey}/{CustomerKey}`.",
    403: "The integration lacks the scope this route needs, is switched off, or its office "
    "user may not do this.",
    404: "No such row.",
    429: "Over the integration's rate limit: wait `Retry-After` seconds.",
    503: "The API is switched off for the practice, or the database cannot answer now.",
}
WRITE_ERRORS: dict[int, str] = {
    409: "The change conflicts with the data (a slot taken, a status that cannot change), "
    "with a write at the same moment, or a plug-in refused it (`plugin_veto`, naming the "
    "plug-in and its reason).",
    413: "The request body is larger than the limit.",
}
WRITE_METHODS = frozenset({"post", "put", "patch", "delete"})


def error_responses(statuses: dict[int, str]) -> dict[str, Any]:
    ref = {"$ref": f"#/components/schemas/{ApiError.__name__}"}
    return {
        str(status): {"description": text, "content": {"application/json": {"schema": ref}}}
        for status, text in statuses.items()
    }


def with_errors(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of `document` in which every API operation documents its errors and scheme."""
    out = copy.deepcopy(document)
    components = out.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas[ApiError.__name__] = ApiError.model_json_schema()
    components.setdefault("securitySchemes", {})[SCHEME] = {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": "`ODFHIR {DeveloperKey}/{CustomerKey}`, keys from "
        "`enamel integrations add`.",
    }
    for path, operations in out.get("paths", {}).items():
        if not path.startswith(PREFIX + "/"):
            continue
        for method, operation in operations.items():
            if method not in ("get", "head", *WRITE_METHODS):
                continue
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)
            statuses = ERRORS | (WRITE_ERRORS if method in WRITE_METHODS else {})
            for status, response in error_responses(statuses).items():
                responses.setdefault(status, response)
            operation.setdefault("security", [{SCHEME: []}])
    if not any("HTTPValidationError" in str(p) for p in out.get("paths", {}).values()):
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
    return out


def install(app: FastAPI) -> None:
    """Serve the document with errors at /openapi.json (and so on the /docs page)."""
    plain: Callable[[], dict[str, Any]] = app.openapi
    built: list[dict[str, Any]] = []

    def openapi() -> dict[str, Any]:
        if not built:
            built.append(with_errors(plain()))
            app.openapi_schema = built[0]
        return built[0]

    app.openapi = openapi  # type: ignore[method-assign]
