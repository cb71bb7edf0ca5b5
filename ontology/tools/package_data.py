"""Where an installed distribution keeps a data file, found through its file list (the package is not
imported): the catalogue tools read their maintained sources this way."""

from __future__ import annotations

import importlib.metadata
import sys
from pathlib import Path


def locate(package: str, data: str) -> Path:
    """The installed path of ``data`` (a path inside ``package``'s distribution); exits with a hint otherwise."""
    try:
        dist = importlib.metadata.distribution(package)
    except importlib.metadata.PackageNotFoundError:
        sys.exit(f"{package} is not installed: pip install {package}")
    for f in dist.files or ():
        if str(f).replace("\\", "/") == data:
            return Path(dist.locate_file(f))
    sys.exit(f"{package} {dist.version} has no {data}")


def version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def ethnic_groups() -> list[str]:
    """The 56 ethnic groups, from ontology/ethnic_groups.txt (one place for the tools that strip them)."""
    path = Path(__file__).resolve().parent.parent / "ethnic_groups.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [w.strip() for w in lines if w.strip() and not w.startswith("#")]
