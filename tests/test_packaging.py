"""What `pip install .` ships: every subpackage and every catalogue, so an installed tool works."""

from __future__ import annotations

import fnmatch
import tomllib

from .conftest import ROOT


def test_every_subpackage_is_listed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "pufa_graph").rglob("__init__.py")}
    assert found <= listed, f"add to pyproject packages: {sorted(found - listed)}"


def test_every_catalogue_is_shipped():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    patterns = config["package-data"]["pufa_graph.ontology"]
    for path in (ROOT / "ontology").iterdir():
        if path.is_file() and path.suffix != ".py":
            assert any(fnmatch.fnmatch(path.name, pat) for pat in patterns), f"{path.name} is not packaged"
