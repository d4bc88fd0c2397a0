"""Built-in link definitions for the common bridge kinds (`enamel links add --kind`).

Each fills in what the office would otherwise type: the argument template, the bridge file's
layout and encoding, or the URL. Options given on the command line win over the definition.
"""

from __future__ import annotations

from dataclasses import dataclass

from enamel.programlinks.spec import COMMAND, DEFAULT_ENCODING, URL


@dataclass(frozen=True)
class Builtin:
    name: str
    description: str
    link_kind: str
    arguments: str = ""
    file_template: str = ""
    encoding: str = DEFAULT_ENCODING
    needs_file: bool = False


INFO_FILE = (
    "[LName], [FName]  [Birthdate:MM/dd/yyyy]  ([PatNum])\r\n"
    "PN=[PatNum]\r\n"
    "LN=[LName]\r\n"
    "FN=[FName]\r\n"
    "BD=[Birthdate:MM/dd/yyyy]\r\n"
    "SX=[Sex]\r\n"
)
"""The patient info file of the Dexis-style imaging bridges (Open Dental's Dexis and XDR
bridges write it): a title line, then key=value lines, CRLF line ends, code page 1252."""

BUILTINS: dict[str, Builtin] = {
    b.name: b
    for b in (
        Builtin(
            "command",
            "start the program with an argument template (default: the patient's number)",
            COMMAND,
            arguments="[PatNum]",
        ),
        Builtin(
            "infofile",
            "write a Dexis-style patient info file (PN=, LN=, FN=, BD=, SX= lines, cp1252) to "
            "--file-path, then start the program with @<file>",
            COMMAND,
            arguments="@[FilePath]",
            file_template=INFO_FILE,
            encoding="cp1252",
            needs_file=True,
        ),
        Builtin(
            "url",
            "open --url in the browser (the platform's opener unless --command), each field "
            "%-encoded",
            URL,
        ),
    )
}
