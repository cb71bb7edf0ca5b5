"""Shared fixtures: the bundled seed reports, a fresh store, and a CLI runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "reports"
SEEDS = sorted(REPORTS.glob("*.txt"))
SEED = {p.name[:3]: p for p in SEEDS}  # "000" -> path


@pytest.fixture
def store_path(tmp_path: Path) -> str:
    return str(tmp_path / "store")


@pytest.fixture
def pufa(store_path: str):
    """Run the CLI in-process against a fresh store: pufa("docs", "--format", "json")."""
    from pufa_graph.cli import main

    runner = CliRunner()

    def run(*args: str, expect: int | None = 0):
        result = runner.invoke(main, ["--store", store_path, *args], catch_exceptions=False)
        if expect is not None:
            assert result.exit_code == expect, result.output
        return result

    run.json = lambda *args: json.loads(run(*args, "--format", "json").stdout)
    return run


@pytest.fixture(scope="session")
def seed_docs():
    from pufa_graph.pipeline import read_document

    return {key: read_document(path) for key, path in SEED.items()}
