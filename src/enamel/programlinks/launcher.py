"""From a checked link and one patient's values to a started program.

`plan` fills the templates: each argument on its own (an argv list, never a shell line), the
URL with every value %-encoded, the bridge file with values that may not hold a line break or
any other control character (they would forge the file's other lines), may not begin a line
with `[`, `;` or `#` (an INI section or comment) and must fit the file's encoding. Nothing
runs or is written there: a dry run stops after it.

`start` writes the bridge file (to a temporary file in the same folder, then renamed, so the
other program never reads half a file; mode 0600) and starts the program with
`subprocess.Popen` and no shell. The program gets Enamel's environment without its `ENAMEL_*`
settings (the database URL holds credentials). A missing program, an unwritable folder or a
refused start is a `LaunchFailed` naming it, with nothing left behind.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

from enamel.errors import LaunchFailed
from enamel.programlinks.spec import URL, LinkSpec
from enamel.programlinks.templates import Piece, Placeholder, Values, fill

LINE_BREAKS = {"\u2028", "\u2029"}
LINE_MARKS = ("[", ";", "#")
"""What a value may not begin a line of a bridge file with: an INI section, or a comment."""


@dataclass(frozen=True)
class BridgeFile:
    path: str
    content: str
    encoding: str

    def as_json(self) -> dict[str, str]:
        return {"path": self.path, "content": self.content}


@dataclass(frozen=True)
class Plan:
    argv: list[str]
    """argv[0] is the program as configured."""
    file: BridgeFile | None
    fields: list[str]
    channels: str

    def as_json(self) -> dict[str, object]:
        return {"argv": self.argv, "file": self.file.as_json() if self.file else None}


def plan(link: str, spec: LinkSpec, values: Values) -> Plan:
    """The argv and the bridge file for one patient; `LaunchFailed` when the patient's data
    cannot be sent safely (naming the field)."""

    def argument(value: str, placeholder: Placeholder) -> str:
        if "\x00" in value:
            raise _unfit(link, placeholder, "a NUL character, which no argument can hold")
        return value

    def url_part(value: str, _placeholder: Placeholder) -> str:
        return quote(value, safe="")

    line_starts = _line_starts(spec.file_template)

    def file_value(value: str, placeholder: Placeholder) -> str:
        if id(placeholder) in line_starts and value[:1] in LINE_MARKS:
            raise _unfit(
                link,
                placeholder,
                f"{value[:1]!r} at the start of a line, which would make the line a section "
                "or a comment of the file",
            )
        if any(c in "\n\r" or c in LINE_BREAKS for c in value):
            raise _unfit(link, placeholder, "a line break, which would forge a line of the file")
        if any(unicodedata.category(c) == "Cc" for c in value):
            raise _unfit(link, placeholder, "a control character, which the file cannot hold")
        try:
            value.encode(spec.encoding)
        except UnicodeEncodeError as exc:
            raise _unfit(
                link, placeholder, f"{value[exc.start]!r}, which {spec.encoding} cannot write"
            ) from None
        return value

    if spec.kind == URL:
        args = [fill(spec.url, values, url_part)]
    else:
        args = [fill(pieces, values, argument) for pieces in spec.arguments]
    bridge = None
    if spec.file_path:
        content = fill(spec.file_template, values, file_value)
        bridge = BridgeFile(spec.file_path, content, spec.encoding)
    return Plan([spec.program, *args], bridge, spec.fields, spec.channels)


def _line_starts(pieces: list[Piece]) -> set[int]:
    """The placeholders that begin a line of the file template (by identity)."""
    found, at_start = set(), True
    for piece in pieces:
        if isinstance(piece, str):
            at_start = piece.endswith("\n")
        else:
            if at_start:
                found.add(id(piece))
            at_start = False
    return found


def _unfit(link: str, placeholder: Placeholder, what: str) -> LaunchFailed:
    return LaunchFailed(
        f"link '{link}': the patient's {placeholder.name} holds {what}; nothing was sent",
        field=placeholder.name,
    )


HOST = socket.gethostname()


@dataclass
class Started:
    process: subprocess.Popen[bytes]
    file: str

    def undo(self) -> None:
        """Stop the program and remove the file: the launch could not be logged."""
        with contextlib.suppress(OSError):
            self.process.kill()
        if self.file:
            with contextlib.suppress(OSError):
                os.remove(self.file)


def check(link: str, planned: Plan) -> str:
    """The program's full path, after checking it and the bridge folder on this machine."""
    program = planned.argv[0]
    if os.sep in program or (os.altsep and os.altsep in program):
        if not os.path.isfile(program):
            raise LaunchFailed(
                f"link '{link}': the program {program} does not exist on {HOST}", field="command"
            )
        if not os.access(program, os.X_OK):
            raise LaunchFailed(
                f"link '{link}': the program {program} is not executable on {HOST}",
                field="command",
            )
        resolved = program
    else:
        found = shutil.which(program)
        if found is None:
            raise LaunchFailed(
                f"link '{link}': no program {program!r} on the PATH of {HOST}", field="command"
            )
        resolved = found
    if planned.file:
        folder = os.path.dirname(planned.file.path)
        if not os.path.isdir(folder):
            raise LaunchFailed(
                f"link '{link}': the bridge folder {folder} does not exist on {HOST}",
                field="file-path",
            )
        if not os.access(folder, os.W_OK | os.X_OK) or os.path.isdir(planned.file.path):
            raise LaunchFailed(
                f"link '{link}': cannot write the bridge file {planned.file.path} on {HOST}",
                field="file-path",
            )
    return resolved


def start(link: str, planned: Plan) -> Started:
    """Write the bridge file, then start the program without a shell."""
    program = check(link, planned)
    written = _write(link, planned.file) if planned.file else ""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ENAMEL_")}
    try:
        process = subprocess.Popen(  # noqa: S603 - an argv list, no shell: the point of it
            planned.argv,
            executable=program,
            shell=False,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=True,
            start_new_session=True,
            env=env,
        )
    except OSError as exc:
        if written:
            with contextlib.suppress(OSError):
                os.remove(written)
        raise LaunchFailed(
            f"link '{link}': cannot start {planned.argv[0]} on {HOST}: {exc.strerror or exc}",
            field="command",
        ) from None
    # Reap it when it exits, so a long-running server leaves no zombie processes.
    threading.Thread(target=process.wait, name="enamel-link-reaper", daemon=True).start()
    return Started(process, written)


def _write(link: str, bridge: BridgeFile) -> str:
    folder = os.path.dirname(bridge.path)
    data = bridge.content.encode(bridge.encoding)
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".enamel-bridge-")
    except OSError as exc:
        raise LaunchFailed(
            f"link '{link}': cannot write the bridge file {bridge.path} on {HOST}: "
            f"{exc.strerror or exc}",
            field="file-path",
        ) from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temporary, bridge.path)  # replaces a symbolic link, never follows it
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.remove(temporary)
        raise LaunchFailed(
            f"link '{link}': cannot write the bridge file {bridge.path} on {HOST}: "
            f"{exc.strerror or exc}",
            field="file-path",
        ) from None
    return bridge.path
