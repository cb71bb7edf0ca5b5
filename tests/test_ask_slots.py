"""Every slot a question names constrains its answer (issue 13): a year, a kind of place."""

from __future__ import annotations

import json

import pytest

from .conftest import REPORTS


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    from click.testing import CliRunner

    from pufa_graph.cli import main

    store = str(tmp_path_factory.mktemp("ask") / "store")
    runner = CliRunner()
    assert runner.invoke(main, ["--store", store, "ingest", str(REPORTS)]).exit_code == 0

    def ask(question: str) -> dict:
        result = runner.invoke(main, ["--store", store, "ask", question, "--format", "json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)
    return ask


@pytest.mark.parametrize("question", ["2025年哪些单位宣传了宪法?", "Which agencies promoted the Constitution in 2025?"])
def test_a_year_keeps_only_that_years_activities(seeded, question):
    answer = seeded(question)
    assert answer["slots"]["year"] == "2025"
    every_year = {a["name"] for a in seeded("哪些单位宣传了宪法?")["answers"]}
    in_2025 = {a["name"] for a in answer["answers"]}
    # 柳江's report tells of 2024 only; the 巴州 report of 2024 and 2025 up to April: its undated activities count
    # in 2025, the year of the report, and its 国家宪法日 in 2024 (not 2025-12-04, after the report)
    assert in_2025 == {"巴音郭楞蒙古自治州司法局"} and in_2025 < every_year


def test_a_kind_of_place_narrows_an_agencys_laws(seeded):
    everywhere = {a["name"] for a in seeded("灌云县司法局宣传了哪些法律？")["answers"]}
    at_schools = {a["name"] for a in seeded("灌云县司法局在学校宣传了哪些法律？")["answers"]}
    assert at_schools and at_schools < everywhere
