"""Checkpoints of the chain, kept outside the database.

After each check, Enamel appends one line to a file beside the seal key
(`<key folder>/checkpoints/<database id>.jsonl`, or `ENAMEL_CHECKPOINT_DIR`): the chain's
length, its last entry and link, and the capture triggers' fingerprints, with an HMAC under
the seal key. Someone who can write to the database but not to this file cannot cut entries
off the end of the log, or drop a trigger, write, and re-create it, without the next check
seeing that the chain or the triggers no longer match the last checkpoint.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from enamel.audit.sealkey import SealKey
from enamel.audit.seals import same


@dataclass(frozen=True)
class Checkpoint:
    at: str
    count: int
    last_log_num: int
    last_hash: str
    triggers: dict[str, str] = field(default_factory=dict)

    def payload(self) -> bytes:
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":")).encode()


def folder(key: SealKey) -> Path:
    configured = os.environ.get("ENAMEL_CHECKPOINT_DIR")
    return Path(configured).expanduser() if configured else key.path.parent / "checkpoints"


def path(key: SealKey, database_id: str) -> Path:
    return folder(key) / f"{database_id}.jsonl"


def _mac(key: SealKey, checkpoint: Checkpoint) -> str:
    return hmac.new(key.secret, checkpoint.payload(), "sha256").hexdigest()


def latest(key: SealKey, database_id: str) -> tuple[Checkpoint | None, list[str]]:
    """The last valid checkpoint, and a description of each line that is not valid."""
    file = path(key, database_id)
    if not file.exists():
        return None, []
    found: Checkpoint | None = None
    invalid: list[str] = []
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            mac = record.pop("mac")
            checkpoint = Checkpoint(**record)
        except (ValueError, TypeError, KeyError):
            invalid.append(f"line {number} of {file} is not a checkpoint")
            continue
        if not same(_mac(key, checkpoint), mac):
            invalid.append(f"line {number} of {file} does not carry a valid seal-key HMAC")
            continue
        found = checkpoint
    return found, invalid


def write(key: SealKey, database_id: str, checkpoint: Checkpoint) -> Path:
    file = path(key, database_id)
    file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    record = asdict(checkpoint) | {"mac": _mac(key, checkpoint)}
    fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as out:
        out.write(json.dumps(record, sort_keys=True) + "\n")
    return file


def now() -> str:
    return dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")
