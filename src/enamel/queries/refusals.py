"""Why a governed read is refused: `QueryRefused`, 400 naming the rule."""

from __future__ import annotations

from enamel.errors import InvalidInput


class QueryRefused(InvalidInput):
    """400: the query breaks a rule, which the message names."""

    code = "query_refused"

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(f"{rule}: {message}", field="SqlCommand")
        self.rule = rule
