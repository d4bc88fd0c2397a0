"""Plug-ins installed for a test: distributions laid out as pip lays them out, on sys.path.

Each plug-in is a package with a `.dist-info` folder beside it (METADATA, entry_points.txt
declaring the group `enamel.plugins`, and a RECORD with each file's hash), in a folder of the
test's own that is put on `sys.path` for the test and taken off after it.
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import sys
import textwrap
import uuid
from pathlib import Path
from typing import Any


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


class Site:
    """A site-packages folder of a test's own."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.modules: dict[str, str] = {}
        """Plug-in name -> its (unique) module name."""

    def install(self, name: str, source: str, *, version: str = "1.0") -> str:
        """Install a plug-in `name` whose module holds `source`; answer the module's name."""
        module = self.modules.get(name) or f"plugin_{name.replace('-', '_')}_{uuid.uuid4().hex[:8]}"
        self.modules[name] = module
        dist = f"enamel-plugin-{name}"
        for old in self.root.glob(f"{dist.replace('-', '_')}-*.dist-info"):
            for f in old.iterdir():
                f.unlink()
            old.rmdir()
        package = self.root / module
        package.mkdir(exist_ok=True)
        info = self.root / f"{dist.replace('-', '_')}-{version}.dist-info"
        info.mkdir()
        files = {
            f"{module}/__init__.py": textwrap.dedent(source).lstrip(),
            f"{info.name}/METADATA": f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n",
            f"{info.name}/entry_points.txt": f"[enamel.plugins]\n{name} = {module}\n",
        }
        lines = []
        for path, text in files.items():
            data = text.encode()
            (self.root / path).write_bytes(data)
            lines.append(f"{path},{_record_hash(data)},{len(data)}")
        lines.append(f"{info.name}/RECORD,,")
        (info / "RECORD").write_text("\n".join(lines) + "\n")
        importlib.invalidate_caches()
        return module

    def module_file(self, name: str) -> Path:
        return self.root / self.modules[name] / "__init__.py"

    def loaded(self, name: str) -> Any:
        """The plug-in's module if anything imported it, else None."""
        return sys.modules.get(self.modules[name])

    def remove(self) -> None:
        for module in self.modules.values():
            for key in [k for k in sys.modules if k == module or k.startswith(module + ".")]:
                del sys.modules[key]
