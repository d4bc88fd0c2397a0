"""The seal key: the secret behind every row seal and every link of the security-log chain.

It lives in a file (`ENAMEL_SEAL_KEY_FILE`, by default `~/.config/enamel/seal.key`), created
on first use with mode 0600 and never stored in the database, so a database dump, or an account
that can write to the database, cannot forge a seal. The database keeps only the key's id (a
keyed hash of a constant), which tells a wrong key from a right one without revealing it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from enamel.audit.errors import SealKeyProblem

KEY_BYTES = 32


def default_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "enamel" / "seal.key"


def configured_path() -> Path:
    value = os.environ.get("ENAMEL_SEAL_KEY_FILE")
    return Path(value).expanduser() if value else default_path()


@dataclass(frozen=True)
class SealKey:
    secret: bytes
    path: Path

    @property
    def id(self) -> str:
        """Names the key in the database and in checkpoints without revealing it."""
        return hmac.new(self.secret, b"enamel seal key id", hashlib.sha256).hexdigest()[:16]

    def __repr__(self) -> str:  # never print the secret
        return f"SealKey(id={self.id}, path={str(self.path)!r})"


def read(path: Path) -> SealKey:
    """The key in `path`; a clear `SealKeyProblem` when it is missing, open to others or bad."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise SealKeyProblem(
            f"the seal key file {path} does not exist: restore it from your backup, or set "
            "ENAMEL_SEAL_KEY_FILE to where it is"
        ) from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SealKeyProblem(
            f"the seal key file {path} can be read by other accounts (mode "
            f"{stat.S_IMODE(mode):04o}): run `chmod 600 {path}`"
        )
    text = path.read_text(encoding="ascii", errors="replace").strip()
    try:
        secret = bytes.fromhex(text)
    except ValueError:
        secret = b""
    if len(secret) != KEY_BYTES:
        raise SealKeyProblem(f"the seal key file {path} does not hold a {KEY_BYTES}-byte hex key")
    return SealKey(secret, path)


def create(path: Path) -> SealKey:
    """Write a new random key to `path` (mode 0600); refuses to overwrite an existing file."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    secret = secrets.token_bytes(KEY_BYTES)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return read(path)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(secret.hex() + "\n")
    return SealKey(secret, path)


def pending_path(path: Path) -> Path:
    """Where a rotation writes the new key before it takes the key file's name."""
    return path.with_name(path.name + ".new")


def finish_rotation(path: Path, old_id: str) -> Path:
    """Retire the key in `path` (kept as `<name>.<old id>.retired`) and move the pending key
    into its place; the retired file's path."""
    retired = path.with_name(f"{path.name}.{old_id}.retired")
    if path.exists():
        os.replace(path, retired)
    os.replace(pending_path(path), path)
    return retired
