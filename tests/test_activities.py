"""Activity frames on real seed sentences: explicit, implicit and joint organizers, plans, designations."""

from __future__ import annotations

import pytest

from pufa_graph.pipeline import read_document

from .conftest import SEED


@pytest.fixture(scope="module")
def analysed():
    return {key: read_document(path, analyse=True) for key, path in SEED.items()}


def frame_of(doc, words: str):
    found = [a for a in doc.activities if words in a.evidence.text]
    assert found, f"no activity with {words!r}"
    return found[0]


def test_explicit_organizer(analysed):
    a = frame_of(analysed["001"], "将《绿色阅读》宣讲送进校园")
    assert a.organizers == ["灌云县人民检察院"] and not a.implicit_organizer
    assert "school" in a.venue_types and "lecture" in a.forms


def test_issuer_is_the_implicit_organizer(analysed):
    a = frame_of(analysed["001"], "走进圩丰中学、伊甸园景区、老年人活动中心")
    assert a.organizers == ["灌云县司法局"] and a.implicit_organizer
    assert a.laws == ["民法典"]
    assert {"school", "scenic_spot", "elderly_center"} <= set(a.venue_types)
    assert "灌云县圩丰中学" in a.venues


def test_joint_organizers(analysed):
    a = frame_of(analysed["002"], "联合团区委、区人民法院、区人民检察院共同举办")
    assert set(a.partners) == {"共青团柳州市柳江区委员会", "柳州市柳江区人民法院", "柳州市柳江区人民检察院"}
    assert set(a.organizers) == {"柳州市柳江区司法局", *a.partners}
    assert a.date == "2024-04" and "moot_court" in a.forms


def test_plan_tasks_take_their_lead_units(analysed):
    a = frame_of(analysed["004"], "组织开展“利剑护蕾”专项行动")
    assert a.planned
    assert set(a.lead_units) == {"楚雄彝族自治州司法局普法与依法治理科", "楚雄彝族自治州司法局人民参与和促进法治科",
                                 "楚雄彝族自治州司法局律师工作管理科", "楚雄彝族自治州各县市司法局"}
    # a collective leads too, but organizes as a collective, never as one agency (CONVENTIONS)
    assert set(a.organizers) == set(a.lead_units) - {"楚雄彝族自治州各县市司法局"} and not a.implicit_organizer
    assert a.collective_organizers == ["楚雄彝族自治州各县市司法局"]
    assert {"未成年人保护法", "预防未成年人犯罪法"} <= set(a.laws)


def test_next_year_sections_are_planned(analysed):
    planned = [a for a in analysed["000"].activities if a.planned]
    assert planned and all("下一步" not in a.evidence.text for a in planned)
    assert not frame_of(analysed["000"], "深入学校宣传未成年人保护").planned


def test_dates_from_text_and_from_commemorative_days(analysed):
    assert frame_of(analysed["002"], "12月4日在柳州市思贤小学举办").date == "2024-12-04"
    assert frame_of(analysed["002"], "组织开展“4·15”全民国家安全教育日法治宣传活动").date == "2024-04-15"
    assert frame_of(analysed["002"], "组织开展第四个“民法典宣传月”活动").date == "2024-05"


def test_demonstration_villages(analysed):
    villages = {(d.designee, d.level) for d in analysed["002"].designations}
    assert ("柳州市柳江区百朋镇怀洪村", "provincial") in villages
    assert ("柳州市柳江区进德镇龙新村", "provincial") in villages
    base = [d for d in analysed["002"].designations if d.designee == "柳州市思贤中学"]
    assert base and base[0].batch == 6 and base[0].level == "municipal"


def test_quantities(analysed):
    a = frame_of(analysed["002"], "聘请法治副校长69名")
    values = {(q.value, q.unit, q.approx) for q in a.quantities}
    assert (69, "名", False) in values and (100, "%", False) in values and (100, "场", True) in values
    materials = frame_of(analysed["002"], "发放各类宣传材料3万多份")
    assert (30000, "份", True) in {(q.value, q.unit, q.approx) for q in materials.quantities}


def test_problems_listed_under_their_section(analysed):
    problems = [p.summary for p in analysed["000"].problems]
    assert len(problems) == 3 and problems[0].startswith("普法工作创新力度不够")
    assert all(p.evidence.text in analysed["000"].text for p in analysed["000"].problems)


def test_no_activities_from_the_problem_section(analysed):
    assert not [a for a in analysed["000"].activities if "普法力量相对薄弱" in a.evidence.text]


def test_activities_json_contract_and_evidence_spans(pufa, store_path):
    from pufa_graph.store import open_store

    from .conftest import REPORTS

    pufa("ingest", str(REPORTS))
    rows = pufa.json("activities")
    keys = {"id", "doc", "organizers", "implicit_organizer", "partners", "laws", "venues", "venue_types",
            "audiences", "campaign", "forms", "date", "planned", "quantities", "evidence"}
    assert rows and all(keys <= set(r) for r in rows)
    with open_store(store_path) as store:
        texts = {r["id"]: r["text"] for r in store.query(
            "SELECT ?id ?text WHERE { GRAPH ?g { ?d <https://w3id.org/pufa-graph/ontology#docId> ?id ; "
            "<https://w3id.org/pufa-graph/ontology#text> ?text } }")}
    for r in rows:
        ev = r["evidence"]
        assert texts[r["doc"]][ev["start"]:ev["end"]] == ev["text"]
    school = pufa.json("activities", "--law", "Civil Code", "--venue-type", "schools")
    assert {o for r in school for o in r["organizers"]} >= {"巴音郭楞蒙古自治州司法局", "灌云县司法局"}
    planned = pufa.json("activities", "--planned")
    assert planned and all(r["planned"] for r in planned)
    stats = pufa.json("stats")
    assert stats["reports"] == 5 and stats["totals"]["Activity"] == len(rows)
