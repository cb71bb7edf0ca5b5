"""A filter word the tool does not know is an error that names it and what is close, never an empty answer."""

from __future__ import annotations

import json

import pytest

from .conftest import REPORTS


@pytest.fixture
def seeded(pufa):
    pufa("ingest", str(REPORTS))
    return pufa


@pytest.mark.parametrize("args,word,suggestion", [
    (["who-promoted", "民法点"], "民法点", "民法典"),
    (["laws-promoted-by", "北京市司法局"], "北京市司法局", None),
    (["activities", "--region", "火星"], "火星", None),
    (["activities", "--law", "宪发"], "宪发", "宪法"),
    (["who-promoted", "民法典", "--venue-type", "宇宙飞船"], "宇宙飞船", None),
    (["on-day", "国家宪发日"], "国家宪发日", "国家宪法日"),
])
def test_an_unknown_word_is_named_with_what_is_close(seeded, args, word, suggestion):
    text = seeded(*args, expect=2)
    assert word in text.stderr and "no " in text.stderr
    data = json.loads(seeded(*args, "--format", "json", expect=2).stdout)["error"]
    assert data["word"] == word and data["message"]
    if suggestion:
        assert suggestion in data["suggestions"]


@pytest.mark.parametrize("args", [
    ["who-promoted", "Civil Code"],  # an English name from the catalogue
    ["who-promoted", "《民法典》", "--venue-type", "学校"],
    ["activities", "--region", "巴州"],  # a short form the regions catalogue knows
    ["activities", "--campaign", "Constitution Day"],  # the example the command's --help gives
    ["laws-promoted-by", "灌云县司法局"],
])
def test_a_known_word_in_any_of_its_forms_answers(seeded, args):
    rows = json.loads(seeded(*args, "--format", "json").stdout)
    assert rows, args


def test_a_question_about_a_law_the_tool_does_not_know_says_which_word(seeded):
    result = seeded("ask", "哪些机构宣传了民法点？", expect=2)
    assert "民法点" in result.stderr and "民法典" in result.stderr
    error = json.loads(seeded("ask", "哪些机构宣传了《民法点》？", "--format", "json", expect=2).stdout)["error"]
    assert error["word"] == "民法点" and error["suggestions"][0] == "民法典"


@pytest.mark.parametrize("question", [
    "灌云县司法局宣传了哪些法律？", "哪些机构在学校宣传了《民法典》？",
    "哪些机关在学校宣传了民法典?",  # 机关 asks who, and the question mark is ASCII
    "Which agencies promoted the Constitution?",  # "agencies" asks who: it is no kind of place (government)
    "Which departments promoted the Civil Code at schools?",
])
def test_a_question_about_known_laws_or_any_law_still_answers(seeded, question):
    assert json.loads(seeded("ask", question, "--format", "json").stdout)["answers"]
