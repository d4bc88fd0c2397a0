"""Switching something off and back on (an integration, its SQL access, the whole API, a
program link, a plug-in): one rule for the reason, one wording in the security log."""

from __future__ import annotations

from enamel.errors import InvalidInput

REASON_CHARS = 255


def reason(text: str) -> str:
    """The reason, on one line; refused when empty (an office must say why) or too long."""
    text = " ".join(text.split())
    if not text:
        raise InvalidInput("say why it is switched off (--reason)", field="reason")
    if len(text) > REASON_CHARS:
        raise InvalidInput(f"the reason is longer than {REASON_CHARS} characters", field="reason")
    return text


def switched(what: str, *, on: bool, why: str) -> tuple[str, str]:
    """(the reason to store: "" when on; the security log's text), e.g. "Program link 'Pano'
    switched off: sensor broken". Switching on may give a reason too; off must."""
    if on:
        return "", f"{what} switched on" + (f": {reason(why)}" if why.strip() else "")
    off = reason(why)
    return off, f"{what} switched off: {off}"
