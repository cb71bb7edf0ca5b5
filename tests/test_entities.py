"""Entity recognition and resolution on real sentences from the seed reports."""

from __future__ import annotations

import pytest

from pufa_graph.knowledge import knowledge
from pufa_graph.pipeline import read_document

from .conftest import SEED


@pytest.fixture(scope="module")
def analysed():
    return {key: read_document(path, analyse=True) for key, path in SEED.items()}


def mentions_in(doc, sentence_part: str, type_: str | None = None):
    """(surface, canonical) of the mentions inside the first sentence containing ``sentence_part``."""
    start = doc.text.index(sentence_part)
    end = start + len(sentence_part)
    return [(m.surface, m.canonical) for m in doc.mentions
            if start <= m.start and m.end <= end and (type_ is None or m.type == type_)]


@pytest.mark.parametrize("key,sentence,surface,canonical", [
    ("002", "区司法局具体负责本区评议工作的组织实施", "区司法局", "柳州市柳江区司法局"),
    ("001", "县检察院制作了《护苗2020云课堂》视频", "县检察院", "灌云县人民检察院"),
    ("000", "巴州司法局在巴州党委、政府的坚强领导下", "巴州司法局", "巴音郭楞蒙古自治州司法局"),
    ("000", "巴州司法局在巴州党委、政府的坚强领导下", "巴州党委", "中共巴音郭楞蒙古自治州委员会"),
    ("000", "巴州司法局在巴州党委、政府的坚强领导下", "政府", "巴音郭楞蒙古自治州人民政府"),
    ("002", "联合团区委、区人民法院、区人民检察院", "团区委", "共青团柳州市柳江区委员会"),
    ("002", "联合团区委、区人民法院、区人民检察院", "区人民法院", "柳州市柳江区人民法院"),
    ("001", "联合省厅小分队送法下乡", "省厅", "江苏省司法厅"),
    ("001", "按照市局文件要求", "市局", "连云港市司法局"),
    ("002", "市公安局柳江分局的“柳江警方”", "市公安局柳江分局", "柳州市公安局柳江分局"),
    ("004", "(牵头单位:政治部、普法与依法治理科)", "普法与依法治理科", "楚雄彝族自治州司法局普法与依法治理科"),
    ("004", "州委依法治州办秘书科", "州委依法治州办秘书科", "中共楚雄彝族自治州委全面依法治州委员会办公室秘书科"),
    ("004", "法院、检察院、公安局", "法院", "楚雄彝族自治州中级人民法院"),
    ("003", "区委法治办下发考评办法", "区委法治办", "中共岳阳市岳阳楼区委全面依法治区委员会办公室"),
])
def test_agency_short_forms_resolve_in_the_report_jurisdiction(analysed, key, sentence, surface, canonical):
    assert (surface, canonical) in mentions_in(analysed[key], sentence, "agency")


def test_youth_league_full_and_short_forms_are_one_entity(analysed):
    doc = analysed["002"]
    ids = {m.entity_id for m in doc.mentions if m.surface in ("团区委", "共青团柳州市柳江区委员会")}
    assert len(ids) == 1


@pytest.mark.parametrize("key,sentence,surface,canonical", [
    ("002", "新《消法》", "《消法》", "消费者权益保护法"),
    ("002", "新《行政复议法》", "《行政复议法》", "行政复议法"),
    ("001", "開展《社區矯正法》".replace("開展", "开展").replace("社區矯正", "社区矫正"), "《社区矫正法》", "社区矫正法"),
    ("000", "深入学校宣传未成年人保护、预防未成年人犯罪等法律法规", "未成年人保护", "未成年人保护法"),
    ("002", "加强国家安全法、密码法、保密法等法律宣传", "保密法", "保守国家秘密法"),
])
def test_laws_and_their_abbreviations(analysed, key, sentence, surface, canonical):
    assert (surface, canonical) in mentions_in(analysed[key], sentence, "law")


def test_constitution_in_any_form_is_one_law(analysed):
    names = {(m.surface, m.canonical) for doc in analysed.values() for m in doc.mentions
             if m.type == "law" and "宪法" in m.surface}
    assert ("《宪法》", "宪法") in names and ("宪法", "宪法") in names
    assert {c for _s, c in names} == {"宪法"}


def test_local_documents_keep_their_title_and_short_alias(analysed):
    doc = analysed["002"]
    laws = {m.surface: m.canonical for m in doc.mentions if m.type == "law"}
    full = "柳州市国家机关“谁执法谁普法”责任单位年度履职报告评议办法"
    assert laws["《办法》"] == full  # (以下简称《办法》)


@pytest.mark.parametrize("key,surface,canonical", [
    ("002", "百朋镇怀洪村", "柳州市柳江区百朋镇怀洪村"),  # a district keeps its city; no province
    ("002", "进德镇龙新村", "柳州市柳江区进德镇龙新村"),
    ("001", "圩丰镇尹场村", "灌云县圩丰镇尹场村"),  # a county stands alone
])
def test_villages_take_their_county_as_agencies_do(analysed, key, surface, canonical):
    assert (surface, canonical) in {(m.surface, m.canonical) for m in analysed[key].mentions if m.type == "village"}


@pytest.mark.parametrize("key,surface,canonical", [
    ("001", "圩丰中学", "灌云县圩丰中学"),
    ("001", "伊甸园景区", "伊甸园景区"),
    ("001", "县政府308会议室", "灌云县人民政府308会议室"),
    ("002", "思贤中学模拟法庭", "柳州市思贤中学模拟法庭"),
    ("002", "禁毒长廊", "禁毒长廊"),
])
def test_named_venues(analysed, key, surface, canonical):
    assert (surface, canonical) in {(m.surface, m.canonical) for m in analysed[key].mentions if m.type == "venue"}


def test_generic_places_are_not_venues(analysed):
    venues = {m.surface for doc in analysed.values() for m in doc.mentions if m.type == "venue"}
    assert not any(v.startswith(("各", "指导", "推动", "积极")) for v in venues)


@pytest.mark.parametrize("key,surface,canonical", [
    ("002", "“12·4”国家宪法日", "国家宪法日"),
    ("000", "“美好生活?民法典相伴”", "美好生活·民法典相伴"),
    ("002", "“与法同行 共护未来”模拟法庭大赛", "与法同行 共护未来"),
    ("001", "送法下乡", "送法下乡"),
])
def test_campaigns(analysed, key, surface, canonical):
    assert (surface, canonical) in {(m.surface, m.canonical) for m in analysed[key].mentions if m.type == "campaign"}


def test_jurisdiction_and_issuer(analysed):
    kb = knowledge()
    assert kb.regions[analysed["002"].region_code].name == "柳江区"
    assert analysed["002"].issuer_entity == "柳州市柳江区司法局" and analysed["002"].issuer_inferred
    assert analysed["004"].issuer_entity == "楚雄彝族自治州司法局" and not analysed["004"].issuer_inferred
    assert analysed["003"].metadata.region == "湖南省岳阳市岳阳楼区"


def test_people_and_media(analysed):
    assert "刘静姿" in {m.canonical for m in analysed["002"].mentions if m.type == "person"}
    assert "张友俊" in {m.canonical for m in analysed["001"].mentions if m.type == "person"}
    media = {m.canonical for m in analysed["002"].mentions if m.type == "media"}
    assert {"法治柳江", "柳江法苑", "柳江检察"} <= media


def test_every_mention_keeps_its_span_sentence_and_rule(analysed):
    for doc in analysed.values():
        for m in doc.mentions:
            assert doc.text[m.start:m.end] == m.surface
            assert m.rule and m.entity_id
            assert 0 <= m.orig_start < m.orig_end <= len(doc.source_text)
            if m.sentence >= 0:
                s = doc.sentences[m.sentence]
                assert s.start <= m.start and m.end <= s.end


def test_entities_cli_merges_across_reports(pufa):
    from .conftest import REPORTS

    pufa("ingest", str(REPORTS))
    laws = pufa.json("entities", "--type", "law")
    civil = [e for e in laws if e["name"] == "民法典"]
    assert len(civil) == 1 and len(civil[0]["docs"]) >= 4
    assert {"id", "type", "name", "aliases", "docs"} <= set(civil[0])
    agencies = pufa.json("entities", "--type", "agency")
    liujiang = [e for e in agencies if e["name"] == "柳州市柳江区司法局"]
    assert len(liujiang) == 1 and {"区司法局", "柳江区司法局"} <= set(liujiang[0]["aliases"])
    explained = pufa("entities", "--explain", "柳州市柳江区司法局").stdout
    assert "区司法局" in explained and "jurisdiction" in explained
    csv_out = pufa("entities", "--type", "village", "--format", "csv").stdout
    assert csv_out.splitlines()[0] == "type,name,aliases,docs"


def test_seed_graph_conforms_to_the_shapes(tmp_path):
    import pyshacl
    import rdflib

    from pufa_graph.graph import report_triples
    from pufa_graph.knowledge import ontology_dir

    data = rdflib.Graph()
    lines = []
    for path in SEED.values():
        doc = read_document(path, analyse=True)
        lines += [f"{s} {p} {o} ." for s, p, o in report_triples(doc)]
    data.parse(data="\n".join(lines), format="nt")
    ontology = rdflib.Graph().parse(ontology_dir() / "pufa.ttl")
    shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl")
    data += ontology  # the concepts' types live in the ontology
    conforms, _graph, report = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    assert conforms, report


def test_concepts_the_code_writes_are_in_the_ontology():
    import rdflib

    from pufa_graph.knowledge import ontology_dir

    kb = knowledge()
    onto = rdflib.Graph().parse(ontology_dir() / "pufa.ttl")
    defined = {str(s) for s in onto.subjects()}
    from pufa_graph.graph import concept

    codes = [("kind", b.kind) for b in kb.agency_bodies if not b.kind.startswith("@")]
    codes += [("venue", v.code) for v in kb.venue_types] + [("level", law.level) for law in kb.laws]
    missing = sorted({f"{s}_{c}" for s, c in codes if concept(s, c)[1:-1] not in defined})
    assert missing == []
