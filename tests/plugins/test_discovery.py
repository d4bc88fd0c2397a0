"""Finding installed plug-ins and hashing their files (no database)."""

from __future__ import annotations

import importlib.metadata as md
import sys
from pathlib import Path

import pytest

from enamel.plugins.discovery import find_installed, installed_files
from tests.plugins.helpers import VETO
from tests.plugins.site import Site


def _hash(site: Site, name: str) -> str:
    (item,) = [i for i in find_installed() if i.name == name]
    return item.files_hash


def test_the_hash_covers_the_files_not_where_they_are_installed(site: Site, tmp_path: Path) -> None:
    site.install("fridays", VETO)
    first = _hash(site, "fridays")
    pycache = site.module_file("fridays").parent / "__pycache__"
    pycache.mkdir()
    (pycache / "x.cpython-311.pyc").write_bytes(b"compiled")
    assert _hash(site, "fridays") == first  # compiled files are not the plug-in's source
    (site.module_file("fridays").parent / "extra.py").write_text("EVIL = True\n")
    assert _hash(site, "fridays") != first  # a module dropped in beside it is seen


def test_two_installs_of_the_same_files_hash_alike(site: Site, tmp_path: Path) -> None:
    module = site.install("fridays", VETO)
    (dist,) = [d for d in md.distributions(path=[str(site.root)])]
    files = sorted(installed_files(dist))
    assert files == sorted(
        [
            f"{module}/__init__.py",
            "enamel_plugin_fridays-1.0.dist-info/METADATA",
            "enamel_plugin_fridays-1.0.dist-info/entry_points.txt",
        ]
    )


def test_an_editable_install_cannot_be_approved(site: Site) -> None:
    site.install("fridays", VETO)
    (info,) = site.root.glob("*.dist-info")
    (info / "direct_url.json").write_text('{"url": "file:///src", "dir_info": {"editable": true}}')
    (item,) = [i for i in find_installed() if i.name == "fridays"]
    assert item.files_hash == "" and "editable install" in item.problem


@pytest.mark.parametrize("record", [True, False])
def test_a_distribution_without_its_file_list_is_reported(site: Site, record: bool) -> None:
    site.install("fridays", VETO)
    (info,) = site.root.glob("*.dist-info")
    if not record:
        (info / "RECORD").unlink()
    (item,) = [i for i in find_installed() if i.name == "fridays"]
    assert bool(item.problem) is (not record)
    assert sys.path[0] == str(site.root)
