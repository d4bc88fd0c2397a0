"""Fixtures for plug-in tests: a site folder of each test's own, and the example plug-in."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.plugins.site import Site

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "enamel-plugin-brokennote"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    root = tmp_path / "site-packages"
    root.mkdir()
    sys.path.insert(0, str(root))
    importlib.invalidate_caches()
    installed = Site(root)
    try:
        yield installed
    finally:
        sys.path.remove(str(root))
        installed.remove()
        importlib.invalidate_caches()


@pytest.fixture(scope="session")
def example_target(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example plug-in, installed by pip (not editable) into a folder of its own."""
    target = tmp_path_factory.mktemp("example-plugin")
    # From a copy: building in the example's folder would leave build/ and an egg-info there.
    source = tmp_path_factory.mktemp("example-source") / "brokennote"
    shutil.copytree(
        EXAMPLE, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__")
    )
    subprocess.run(  # noqa: S603 - pip, on the repository's own example
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target),
         str(source)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return target


@pytest.fixture
def example(example_target: Path) -> Iterator[Path]:
    """The example plug-in on sys.path for one test."""
    for key in [k for k in sys.modules if k.startswith("enamel_brokennote")]:
        del sys.modules[key]
    sys.path.insert(0, str(example_target))
    importlib.invalidate_caches()
    try:
        yield example_target
    finally:
        sys.path.remove(str(example_target))
        for key in [k for k in sys.modules if k.startswith("enamel_brokennote")]:
            del sys.modules[key]
        importlib.invalidate_caches()
