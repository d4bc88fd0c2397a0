"""Installed plug-ins: the entry points of group `enamel.plugins`, and the hash of their files.

Nothing here imports a plug-in: finding and hashing one reads its distribution's metadata and
files only, so a plug-in that is not approved never runs any code.

The files hash: SHA-256 over one line per installed file, `path NUL sha256(content) LF`,
in the order of the paths (POSIX form, relative to the directory the distribution was
installed into). The files are those of the distribution's `RECORD` (its list of installed
files) plus any `.py` file lying beside a listed module that `RECORD` does not list (a module
dropped into the package later); compiled files (`__pycache__`, `.pyc`) and the install's own
bookkeeping (`RECORD`, `INSTALLER`, `REQUESTED`, `direct_url.json`, which differ between two
installs of the same files) are left out. A listed file that is missing hashes as `missing`.
Changing, adding or removing a file changes the hash.
"""

from __future__ import annotations

import hashlib
import importlib.metadata as md
import json
from dataclasses import dataclass
from pathlib import Path

from enamel.plugins.hookspecs import ENTRY_POINT_GROUP

BOOKKEEPING = frozenset({"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"})


class Unhashable(Exception):
    """The distribution's files cannot be listed, so it cannot be approved."""


@dataclass(frozen=True)
class Installed:
    """One plug-in found installed (not loaded)."""

    name: str
    """The entry point's name: the name an office approves and switches."""
    target: str
    """What the entry point loads, `module` or `module:attribute`."""
    distribution: str
    version: str
    files_hash: str
    """'' when the files could not be hashed (see `problem`)."""
    problem: str = ""
    """Why it cannot be approved or loaded as installed, or ''."""


def _skipped(path: str) -> bool:
    parts = path.split("/")
    if "__pycache__" in parts or path.endswith((".pyc", ".pyo")):
        return True
    return len(parts) >= 2 and parts[-2].endswith(".dist-info") and parts[-1] in BOOKKEEPING


def _editable(dist: md.Distribution) -> bool:
    raw = dist.read_text("direct_url.json")
    if not raw:
        return False
    try:
        info = json.loads(raw)
    except ValueError:
        return False
    return bool(isinstance(info, dict) and info.get("dir_info", {}).get("editable"))


def installed_files(dist: md.Distribution) -> dict[str, Path]:
    """The files the hash covers, by their path relative to the install directory."""
    files = dist.files
    if files is None:
        raise Unhashable("its distribution has no list of installed files (RECORD)")
    if _editable(dist):
        raise Unhashable(
            "it is an editable install (pip install -e), whose source files are not listed; "
            "install it normally to approve it"
        )
    out: dict[str, Path] = {}
    for f in files:
        key = f.as_posix()
        if not _skipped(key):
            out[key] = Path(str(f.locate()))
    base = Path(str(dist.locate_file("")))
    folders = {
        key.rsplit("/", 1)[0] if "/" in key else ""
        for key in out
        if key.endswith(".py") and not key.startswith("..")
    }
    for folder in folders:
        if folder == "" or folder.split("/")[0].endswith(".dist-info"):
            continue  # the install directory itself holds every other distribution's modules
        for path in (base / folder).glob("*.py"):
            out.setdefault(f"{folder}/{path.name}", path)
    return out


def files_hash(dist: md.Distribution) -> str:
    digest = hashlib.sha256()
    for key, path in sorted(installed_files(dist).items()):
        try:
            content = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            content = "missing"
        digest.update(f"{key}\0{content}\n".encode())
    return digest.hexdigest()


def find_installed() -> list[Installed]:
    """Every installed plug-in, by name; two distributions declaring one name are both
    reported with a problem and neither is loaded."""
    found: dict[str, list[Installed]] = {}
    for ep in md.entry_points(group=ENTRY_POINT_GROUP):
        dist = ep.dist
        if dist is None:
            item = Installed(ep.name, ep.value, "", "", "", "no distribution declares it")
        else:
            name, version = dist.metadata["Name"] or "", dist.version or ""
            try:
                item = Installed(ep.name, ep.value, name, version, files_hash(dist))
            except Unhashable as exc:
                item = Installed(ep.name, ep.value, name, version, "", str(exc))
        found.setdefault(ep.name, []).append(item)
    out = []
    for name, items in sorted(found.items()):
        distinct = {(i.distribution, i.version, i.target) for i in items}
        if len(distinct) > 1:
            dists = ", ".join(sorted(f"{d} {v}" for d, v, _ in distinct))
            problem = f"declared by more than one distribution ({dists})"
            out.append(Installed(name, items[0].target, items[0].distribution, "", "", problem))
        else:
            out.append(items[0])
    return out
