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
#: the development set, beside the project (../shared/dev); tests that read it skip it where it is absent
DEV = ROOT.parent / "shared" / "dev" / "docs"


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


#: a report whose text tries to become markup in every page we write
XSS_REPORT = """某县司法局<b onmouseover=alert(5)>2024年</b>普法工作报告</title><script>alert(4)</script>

2024年，县司法局在<script>alert(1)</script>广场开展《民法典》宣传活动。
3月15日，县市场监督管理局联合“<img src=x onerror=alert(3)>”协会在" onmouseover="alert(2)社区开展《消费者权益保护法》宣传活动，发放资料500份。
"""


def ingest_into(folder: Path, reports: list[Path]) -> str:
    from pufa_graph.ingest import ingest
    from pufa_graph.store import open_store

    with open_store(str(folder)) as store:
        ingest(store, reports)
    return str(folder)


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> str:
    """A store holding the five seed reports; tests read it and never write."""
    return ingest_into(tmp_path_factory.mktemp("seeds") / "store", [REPORTS])


@pytest.fixture(scope="session")
def xss_store(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("xss")
    (folder / "reports").mkdir()
    (folder / "reports" / "xss.txt").write_text(XSS_REPORT, encoding="utf-8")
    return ingest_into(folder / "store", [folder / "reports"])


@pytest.fixture(scope="session")
def browser():
    from .browser import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        pytest.skip("browser tests need Debian's Chromium at /usr/bin/chromium "
                    "(apt-get install -y chromium fonts-wqy-microhei)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright (pip install playwright)")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
