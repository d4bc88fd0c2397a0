"""A link's configuration, checked: the program, its arguments, its bridge file, its URL.

The same checks run when a link is saved (so a bad template is refused at once, naming the
field) and again when it is launched (the row may have been changed outside Enamel since).

Safety properties checked here:
- The argument template is split into arguments like a shell line (quotes group words) before
  any field is filled in, so a patient's data always stays inside the one argument it was
  written into; nothing is ever run through a shell.
- A free-text field (a name, the chart number) may not begin an argument unless a `--`
  argument comes before it: a patient named `--help` must not become an option.
- The program path, the bridge-file path and the URL's scheme and host are the office's
  configuration: no field may appear in them.
"""

from __future__ import annotations

import codecs
import os
import re
import shlex
import sys
from dataclasses import dataclass

from enamel.errors import InvalidInput
from enamel.programlinks.templates import FIELDS, Piece, Placeholder, fields_in, parse

COMMAND = "command"
URL = "url"
KINDS = (COMMAND, URL)
ENCODING = "File encoding"
"""The `programproperty` holding the bridge file's character encoding (default utf-8)."""
DEFAULT_ENCODING = "utf-8"
MAX_PATH = 255
_URL_START = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?P<host>[^/?#]*)")


@dataclass(frozen=True)
class LinkSpec:
    kind: str
    program: str
    arguments: list[list[Piece]]
    file_path: str
    file_template: list[Piece]
    encoding: str
    url: list[Piece]

    @property
    def fields(self) -> list[str]:
        """The patient and provider fields a launch sends (not the link's own [FilePath])."""
        used = fields_in(*self.arguments, self.file_template, self.url)
        return [name for name in used if FIELDS[name].patient_data]

    @property
    def channels(self) -> str:
        """How the fields leave: "command line", "bridge file", "URL"."""
        used = []
        if self.kind == URL:
            used.append("URL")
        elif any(
            isinstance(p, Placeholder) and FIELDS[p.name].patient_data
            for arg in self.arguments
            for p in arg
        ):
            used.append("command line")
        if self.file_path:
            used.append("bridge file")
        return " and ".join(used) or "start only"


def compile_link(
    *,
    kind: str,
    program: str,
    arguments: str,
    file_path: str,
    file_template: str,
    encoding: str,
    url: str,
) -> LinkSpec:
    """The checked configuration; 400 naming the option and the fault otherwise."""
    if kind not in KINDS:
        raise InvalidInput(f"the link kind must be one of {', '.join(KINDS)}", field="kind")
    if kind == URL:
        program = program.strip() or default_opener()
    program = _config_path(program, "command", required=True)
    if kind == URL:
        if arguments.strip():
            raise InvalidInput("a URL link takes no --args: the URL is the argument", field="args")
        url_pieces = _url(url)
    else:
        if url.strip():
            raise InvalidInput("--url makes a URL link: give it without --args", field="url")
        url_pieces = []
    file_path = _config_path(file_path, "file-path", required=False) if file_path else ""
    if bool(file_path) != bool(file_template):
        raise InvalidInput(
            "a bridge file needs both --file-path and --file-template", field="file-path"
        )
    pieces = parse(file_template, "file-template") if file_template else []
    _encoding(encoding)
    argument_pieces = split_arguments(arguments)
    if not file_path and any(
        isinstance(p, Placeholder) and p.name == "FilePath"
        for part in (*argument_pieces, url_pieces)
        for p in part
    ):
        raise InvalidInput("[FilePath] is used but the link has no --file-path", field="args")
    return LinkSpec(kind, program, argument_pieces, file_path, pieces, encoding, url_pieces)


def split_arguments(template: str) -> list[list[Piece]]:
    """Shell-like splitting of the template itself (never of patient data), then parsing."""
    try:
        words = shlex.split(template, comments=False, posix=True)
    except ValueError as exc:
        raise InvalidInput(f"args: {exc} in {template!r}", field="args") from None
    out = []
    after_dashes = False
    for n, word in enumerate(words, 1):
        pieces = parse(word, "args")
        first = pieces[0] if pieces else ""
        if isinstance(first, Placeholder) and FIELDS[first.name].free_text and not after_dashes:
            raise InvalidInput(
                f"args: argument {n} ({word!r}) begins with {first.text}: a patient whose "
                f"{first.name} begins with '-' would pass an option to the program. Put text "
                f"before it (e.g. --name={first.text}) or a '--' argument before it",
                field="args",
            )
        after_dashes = after_dashes or word == "--"
        out.append(pieces)
    return out


def _config_path(value: str, option: str, *, required: bool) -> str:
    value = value.strip()
    if not value:
        if required:
            raise InvalidInput(f"--{option} is required", field=option)
        return ""
    if "[" in value or "]" in value:
        raise InvalidInput(
            f"{option}: {value!r}: paths are the office's configuration and take no fields",
            field=option,
        )
    if any(ord(c) < 32 for c in value) or len(value) > MAX_PATH:
        raise InvalidInput(
            f"{option}: the path must be 1 to {MAX_PATH} printable characters", field=option
        )
    if option == "file-path" and not os.path.isabs(value):
        raise InvalidInput(f"file-path: {value!r} is not an absolute path", field=option)
    if option == "command" and os.sep in value and not os.path.isabs(value):
        raise InvalidInput(
            f"command: {value!r} is a relative path: give an absolute path, or a program name "
            "found on the PATH",
            field=option,
        )
    return value


def _url(template: str) -> list[Piece]:
    template = template.strip()
    if not template:
        raise InvalidInput("a URL link needs --url", field="url")
    start = _URL_START.match(template)
    if start is None or start["scheme"].lower() not in ("http", "https") or not start["host"]:
        raise InvalidInput(
            f"url: {template!r} must begin with http:// or https:// and a host", field="url"
        )
    if "[" in start["host"] or "]" in start["host"]:
        raise InvalidInput(
            "url: fields may not appear in the scheme or host: where the data goes is the "
            "office's configuration",
            field="url",
        )
    if any(ord(c) < 33 for c in template):
        raise InvalidInput("url: spaces and control characters must be %-encoded", field="url")
    return parse(template, "url")


def _encoding(name: str) -> None:
    try:
        codecs.lookup(name)
    except LookupError:
        raise InvalidInput(
            f"file-encoding: {name!r} is not a known encoding (e.g. utf-8, cp1252)",
            field="file-encoding",
        ) from None


def default_opener() -> str:
    """The program that opens a URL in the desktop's browser."""
    if sys.platform == "darwin":
        return "open"
    if sys.platform == "win32":
        return "explorer"
    return "xdg-open"
