"""What a new user meets in the first hour (issue 17): each of these once gave a right-looking wrong
answer, an empty answer where an error belonged, or a rough edge."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from pufa_graph.cli import main

from .conftest import REPORTS


def run(store: str, *args: str, before: bool = True):
    """The CLI in-process; ``before=False`` puts --store after the command's name, as users type it."""
    argv = ["--store", store, *args] if before else [args[0], "--store", store, *args[1:]]
    return CliRunner().invoke(main, argv, catch_exceptions=False)


def test_store_is_taken_after_the_command_name_too(seed_store):
    result = run(seed_store, "docs", "--format", "json", before=False)
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)) == 5


def test_tables_show_whole_ids_that_remove_accepts(seed_store):
    ids = {d["id"] for d in json.loads(run(seed_store, "docs", "--format", "json").output)}
    table = run(seed_store, "docs").output
    assert ids <= set(re.findall(r"\b[0-9a-f]{16}\b", table)), table
    assert "…" not in table


def test_remove_refuses_a_prefix_too_short_to_mean_one_report(pufa):
    pufa("ingest", str(REPORTS))
    docs = pufa.json("docs")
    first = docs[0]["id"]
    refused = pufa("remove", first[0], expect=1)
    assert "too short" in refused.output
    assert len(pufa.json("docs")) == 5
    pufa("remove", first[:6])
    assert first not in {d["id"] for d in pufa.json("docs")}


def test_a_question_refused_in_json_is_json(seed_store):
    result = run(seed_store, "ask", "今天天气怎么样", "--format", "json")
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["kind"] == "unparsed_question" and error["question"] == "今天天气怎么样"
    assert {"kind", "example_zh", "example_en"} <= set(error["understood"][0])


def test_sparql_errors_point_into_the_query_as_typed(seed_store):
    result = CliRunner().invoke(main, ["--store", seed_store, "sparql", "SELECT ?x WHERE { ?x ?y }"])
    assert result.exit_code == 1
    assert re.search(r"\b1:\d+", result.output), result.output
    assert not re.search(r"\b1[01]:\d+", result.output)


def test_check_needs_no_pyshacl(seed_store):
    """`pip install .` does not install pyshacl (it is a test dependency): check must not import it."""
    code = ("import sys; sys.modules['pyshacl'] = None\n"
            "from pufa_graph.cli import main\n"
            f"main(['--store', {seed_store!r}, 'check', '--format', 'json'])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert "Traceback" not in result.stderr, result.stderr
    assert json.loads(result.stdout)["conforms"] is True


@pytest.mark.parametrize("args, word", [
    (("who-promoted", "民法典", "--venue-type", "火车站"), "火车站"),
    (("activities", "--venue-type", "火车站"), "火车站"),
    (("gaps", "--region", "火星"), "火星"),
    (("who-promoted", "民法点"), "民法点"),
    (("laws-promoted-by", "北京市司法局"), "北京市司法局"),
    (("activities", "--region", "火星"), "火星"),
])
def test_unknown_filter_values_are_errors_that_name_them(seed_store, args, word):
    result = CliRunner().invoke(main, ["--store", seed_store, *args, "--format", "json"])
    assert result.exit_code == 2, result.output
    error = json.loads(result.stdout)["error"]
    assert error["word"] == word and word in error["message"]


def test_a_place_only_other_covers_lists_the_kinds_there_are(seed_store):
    result = CliRunner().invoke(main, ["--store", seed_store, "who-promoted", "民法典", "--venue-type", "火车站"])
    assert result.exit_code == 2 and "学校" in result.output and "社区" in result.output


def test_short_region_names_find_the_region_in_gaps_as_in_activities(seed_store):
    gaps = json.loads(run(seed_store, "gaps", "--region", "巴州", "--format", "json").output)
    assert gaps and all("巴音郭楞" in g["agency"] for g in gaps)
    acts = json.loads(run(seed_store, "activities", "--region", "巴州", "--format", "json").output)
    assert acts


def test_the_help_example_of_a_campaign_filter_finds_activities(seed_store):
    acts = json.loads(run(seed_store, "activities", "--campaign", "Constitution Day", "--format", "json").output)
    assert acts and all(a["campaign"] == "国家宪法日" or "国家宪法日" in a.get("campaigns", []) for a in acts)


def test_done_leaves_out_the_units_of_a_plan(seed_store):
    def names(*flags):
        return {a["name"] for a in json.loads(run(seed_store, "who-promoted", "刑法", *flags, "--format", "json").output)}

    planned = json.loads(run(seed_store, "activities", "--law", "刑法", "--planned", "--format", "json").output)
    only_in_plans = {o for a in planned for o in a["organizers"]} - {
        o for a in json.loads(run(seed_store, "activities", "--law", "刑法", "--done", "--format", "json").output)
        for o in a["organizers"]}
    assert only_in_plans, "the samples have a work plan's unit that promotes 刑法"
    assert only_in_plans <= names() and not only_in_plans & names("--done")
    assert only_in_plans <= names("--planned")


def test_a_bureau_is_credited_with_what_its_sections_publicized(seed_store):
    rows = json.loads(run(seed_store, "gaps", "--region", "楚雄", "--format", "json").output)
    bureau = next(r for r in rows if r["agency"] == "楚雄彝族自治州司法局")
    section = "楚雄彝族自治州司法局普法与依法治理科"
    assert section in bureau["through_sections"]
    assert set(bureau["through_sections"][section]) <= set(bureau["publicized"])
    assert "民法典" in bureau["publicized"] and "民法典" not in bureau["gaps"]
    assert all(ev["doc"] and ev["text"] for evs in bureau["evidence"].values() for ev in evs)


def test_tables_show_labels_not_codes_and_english_on_request(seed_store):
    zh = run(seed_store, "activities", "--law", "民法典", "--venue-type", "school").output
    assert "学校" in zh and "school" not in zh
    en = run(seed_store, "--lang", "en", "activities", "--law", "民法典", "--venue-type", "school").output
    assert "school" in en and "学校" not in en.split("evidence")[0]


def test_trimmed_evidence_says_how_much_more_and_all_shows_it(seed_store):
    answers = json.loads(run(seed_store, "who-promoted", "民法典", "--format", "json").output)
    big = max(answers, key=lambda a: len(a["evidence"]))
    assert len(big["evidence"]) > 3
    table = run(seed_store, "who-promoted", "民法典").output
    assert f"+{len(big['evidence']) - 3} more" in table
    every = run(seed_store, "who-promoted", "民法典", "--all").output
    assert "more (--all" not in every
    assert all(f"[{ev['doc']}:{ev['start']}-{ev['end']}]" in every for ev in big["evidence"])


def test_the_region_report_takes_the_short_name_and_refuses_an_unknown_one(seed_store, tmp_path):
    out = tmp_path / "bazhou.html"
    result = run(seed_store, "report", "--region", "巴州", "-o", str(out))
    assert result.exit_code == 0 and "1 report(s)" in result.output and out.exists()
    refused = CliRunner().invoke(main, ["--store", seed_store, "report", "--region", "火星"])
    assert refused.exit_code == 2 and "火星" in refused.output


def test_a_doc_filter_names_one_report_or_is_an_error(seed_store):
    docs = json.loads(run(seed_store, "docs", "--format", "json").output)
    by_file = json.loads(run(seed_store, "entities", "--doc", docs[0]["source"], "--format", "json").output)
    by_id = json.loads(run(seed_store, "entities", "--doc", docs[0]["id"], "--format", "json").output)
    assert by_file and by_file == by_id
    for command in ("entities", "activities"):
        result = CliRunner().invoke(main, ["--store", seed_store, command, "--doc", "zzz", "--format", "json"])
        assert result.exit_code == 2 and json.loads(result.stdout)["error"]["word"] == "zzz"


def test_the_graph_page_resolves_its_filters_as_the_queries_do(seed_store, tmp_path):
    page = tmp_path / "bazhou.html"
    result = run(seed_store, "viz", "--region", "巴州", "-o", str(page))
    assert result.exit_code == 0 and page.exists(), result.output
    refused = CliRunner().invoke(main, ["--store", seed_store, "viz", "--agency", "北京市司法局", "-o", str(page)])
    assert refused.exit_code == 2 and "北京市司法局" in refused.output and "did you mean" in refused.output
