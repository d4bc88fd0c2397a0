"""The plug-in's own tests run on its source, without installing it: the module is loaded
from `src/` by its path (putting `src/` on sys.path would also expose a build's egg-info
there as a second installed copy of the plug-in)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "src" / "enamel_brokennote" / "__init__.py"


def _load() -> None:
    spec = importlib.util.spec_from_file_location("enamel_brokennote", SOURCE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["enamel_brokennote"] = module
    spec.loader.exec_module(module)


_load()
