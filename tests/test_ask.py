"""Asking the graph, in Chinese and English, with evidence; and strings that try to break out of a query."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import REPORTS


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    from pufa_graph.ingest import ingest
    from pufa_graph.store import open_store

    path = str(tmp_path_factory.mktemp("ask") / "store")
    with open_store(path) as store:
        ingest(store, [REPORTS])
    return path


def ask(store_path: str, question: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pufa_graph.cli", "--store", store_path, "ask", question, *extra],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("question", ["哪些机构在学校宣传了《民法典》？",
                                      "Which agencies promoted the Civil Code (民法典) in schools?",
                                      "Which agencies promoted the Civil Code in schools?"])
def test_flagship_question_in_both_languages(seeded, question):
    result = ask(seeded, question, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["kind"] == "who_promoted"
    assert data["slots"]["laws"] == ["民法典"] and "school" in data["slots"]["venue_types"]
    assert {a["name"] for a in data["answers"]} == {"巴音郭楞蒙古自治州司法局", "灌云县司法局"}
    for a in data["answers"]:
        assert a["evidence"] and all("民法典" in ev["text"] for ev in a["evidence"])


@pytest.mark.parametrize("question,expected", [
    ("楚雄州“利剑护蕾”专项行动的牵头单位有哪些？", {"楚雄彝族自治州司法局普法与依法治理科", "楚雄彝族自治州各县市司法局",
                                          "楚雄彝族自治州司法局人民参与和促进法治科", "楚雄彝族自治州司法局律师工作管理科"}),
    ("Which courts and procuratorates carried out legal publicity activities?",
     {"灌云县人民法院", "灌云县人民检察院", "柳州市柳江区人民法院", "柳州市柳江区人民检察院"}),
    ("Which laws did the Guanyun County Justice Bureau promote?", {"社区矫正法", "民法典"}),
    ("报告中点名提到了哪些人？", {"刘静姿", "张友俊"}),
])
def test_questions_of_other_kinds(seeded, question, expected):
    data = json.loads(ask(seeded, question, "--format", "json").stdout)
    assert {a["name"] for a in data["answers"]} == expected


def test_explain_shows_kind_slots_and_sparql(seeded):
    out = ask(seeded, "哪些机构开展了“送法下乡”活动？", "--explain").stdout
    assert "kind:  campaign" in out and "送法下乡" in out and "SELECT" in out


def test_flagship_question_says_it_was_answered_from_the_index(seeded):
    """The answer index serves it; --explain still gives the SPARQL it stands for, runnable as is."""
    data = json.loads(ask(seeded, "哪些机构在学校宣传了民法典？", "--explain", "--format", "json").stdout)
    notes = [q for q in data["sparql"] if q.startswith("# answered from the answer index")]
    assert notes and all("SELECT ?name ?docid" in q for q in notes)
    rerun = subprocess.run([sys.executable, "-m", "pufa_graph.cli", "--store", seeded, "sparql", "--format", "json",
                            notes[0]], capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    names = {row["name"] for row in json.loads(rerun.stdout)}
    assert names and names <= {a["name"] for a in data["answers"]}


def test_unparseable_question_exits_non_zero_with_help(seeded):
    result = ask(seeded, "今天天气怎么样？")
    assert result.returncode == 2
    assert "Questions pufa understands" in result.stderr and "who_promoted" in result.stderr
    assert "Traceback" not in result.stderr


HOSTILE = ['"} ; DROP ALL ; {', "民法典\" } } ; DELETE WHERE { ?s ?p ?o } #", "'\n}\nDROP ALL\n{", "\\\" ) } UNION { ?s ?p ?o",
           "《民法典\"}》"]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_user_strings_never_become_query_text(seeded, hostile):
    from pufa_graph import queries
    from pufa_graph.ask import UnparsedQuestion, answer
    from pufa_graph.store import open_store

    with open_store(seeded) as store:
        before = store.triple_count()
        assert queries.find_activities(store, law=hostile, agency=hostile, region=hostile, campaign=hostile,
                                       doc=hostile, year=hostile) == []
        assert queries.who_promoted(store, hostile, region=hostile) == []
        assert queries.laws_promoted_by(store, hostile) == []
        for question in (f"哪些机构宣传了{hostile}？", f"Which agencies promoted {hostile} in schools?"):
            try:
                answer(store, question)
            except UnparsedQuestion:
                pass
        assert store.triple_count() == before


def test_sparql_command_declares_prefixes_and_refuses_updates(seeded):
    run = lambda *a: subprocess.run([sys.executable, "-m", "pufa_graph.cli", "--store", seeded, "sparql", *a],  # noqa: E731
                                    capture_output=True, text=True, timeout=60)
    ok = run("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?r a pufa:Report } }", "--format", "json")
    assert json.loads(ok.stdout) == [{"n": "5"}]
    refused = run("DROP ALL")
    assert refused.returncode != 0 and "syntax" in refused.stderr.lower()
    assert json.loads(run("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?r a pufa:Report } }",
                          "--format", "json").stdout) == [{"n": "5"}]


def test_named_query_commands(seeded):
    run = lambda *a: subprocess.run([sys.executable, "-m", "pufa_graph.cli", "--store", seeded, *a, "--format", "json"],  # noqa: E731
                                    capture_output=True, text=True, timeout=60)
    villages = json.loads(run("villages", "--title", "民主法治示范村").stdout)
    assert {v["name"] for v in villages} == {"柳州市柳江区百朋镇怀洪村", "柳州市柳江区进德镇龙新村"}
    assert all(v["detail"]["level"] == "provincial" for v in villages)
    numbers = json.loads(run("quantities", "法治副校长").stdout)
    assert {n["name"] for n in numbers} == {"69", "100%"}
    media = {m["name"]: m["detail"]["operated_by"] for m in json.loads(run("media").stdout)}
    assert media["柳江法苑"] == "柳州市柳江区人民法院"
    people = json.loads(run("people").stdout)
    assert all(p["evidence"][0]["text"] for p in people)
