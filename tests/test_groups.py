"""Audiences and roles: who an activity addresses (group) and who delivers it (role), read by word and by clause.

The sentences are written for these tests in the style of 普法 reports; none is taken from an annotated set.
"""

from __future__ import annotations

import pytest

from pufa_graph.knowledge import knowledge
from pufa_graph.pipeline import read_document
from pufa_graph.recognize import Context, recognize


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context(knowledge())


def who(sentence: str, ctx: Context) -> tuple[set[str], set[str]]:
    """(groups, roles) by canonical name, after the overlap policy has settled all recognizers' candidates."""
    mentions = recognize(sentence, ctx)
    return ({m.key or m.surface for m in mentions if m.type == "group"},
            {m.key or m.surface for m in mentions if m.type == "role"})


@pytest.mark.parametrize("sentence,groups", [
    # occupational groups: a modifier and a head word
    ("市人社局面向快递小哥、外卖骑手等新就业形态劳动者开展劳动权益保障专题讲座。", {"快递员", "外卖骑手", "新就业形态劳动者"}),
    ("交警大队在客运站为候车旅客和客运驾驶员发放道路交通安全宣传资料。", {"候车旅客", "客运驾驶员"}),
    ("在重点时段面向出租车司机、公交车驾驶员开展道路交通安全法宣传。", {"出租车司机", "公交车驾驶员"}),
    ("县交通运输局面向货车司机和网约车驾驶员开展安全生产法宣传。", {"货车司机", "网约车驾驶员"}),
    ("县总工会为一线环卫工人开展劳动法律宣传。", {"环卫工人"}),
    ("县市场监管局对辖区食品经营户、小餐饮店主开展食品安全法培训。", {"食品经营户", "小餐饮店主"}),
    ("镇政府组织返乡农民工、灵活就业人员参加法律知识讲座。", {"返乡农民工", "灵活就业人员"}),
    ("县文旅局召开旅游从业人员培训会，宣讲旅游法。", {"旅游从业人员"}),
    ("边境派出所用双语向边民和跨境司机宣传禁毒法。", {"边民", "跨境司机"}),
    ("县律师协会组织律师志愿者走进园区，为中小微企业开展法治体检。", {"中小微企业"}),
    ("市司法局组织法律顾问为平台企业和个体工商户提供合规指导。", {"平台企业", "个体工商户"}),
    # social groups, and a family that goes with its group
    ("县妇联、县残联为困境儿童和残疾人及其家属送去法律服务。", {"困境儿童", "残疾人及其家属"}),
    ("活动共覆盖农村留守妇女、空巢老人等群体2000余人。", {"农村留守妇女", "空巢老人"}),
    ("县卫健委在人民医院开展“法律进医院”活动，向医护人员和患者宣传医师法。", {"医务人员", "患者"}),
    ("禁毒社工为戒毒康复人员开展心理疏导和法律教育。", {"戒毒康复人员"}),
    ("县委组织部组织新任职领导干部参加宪法宣誓仪式。", {"新任职领导干部"}),
    ("对新入职公务员开展宪法宣誓和法律知识培训。", {"新入职公务员"}),
    ("开展“送法进军营”活动，为部队官兵讲解民法典。", {"部队官兵"}),
    # a descriptor (辖区, 过往, 全体) is part of the surface, not of the name
    ("活动吸引了赶集群众、过往商户300余人驻足咨询。", {"赶集群众", "商户"}),
    ("区司法局组织全体干部职工集中学习新修订的行政复议法。", {"干部职工"}),
    ("县教育局依托法治副校长为全县青少年开展预防未成年人犯罪宣传。", {"青少年"}),
    ("法官以案说法，提醒广大老年人增强防诈意识。", {"老年人"}),
    ("一是面向驾驶员群体开展普法。", {"驾驶人"}),
    # 企业 alone is an audience only as the object of 为/向/对
    ("对重点企业开展“点对点”法治服务。", {"企业"}),
    ("镇司法所为园区内3家企业的120余名务工人员开展专题讲座。", {"务工人员"}),
    # 以…为重点: an audience, though 为 follows it
    ("以青少年、农民工为重点，开展精准普法。", {"青少年", "农民工"}),
])
def test_audiences_in_their_own_words(ctx, sentence, groups):
    assert who(sentence, ctx)[0] == groups


@pytest.mark.parametrize("sentence,groups,roles", [
    # the people who deliver are roles, by their word
    ("县司法局组织律师、人民调解员深入田间地头，为种植户和养殖户讲解土地承包法律知识。",
     {"种植户", "养殖户"}, {"律师", "人民调解员"}),
    ("县检察院选派检察官担任法治副校长，定期为师生开展法治教育。", {"师生"}, {"检察官", "法治副校长"}),
    ("区法院法官为辖区200余名中小学生上了一堂生动的法治课。", {"中小学生"}, {"法官"}),
    ("普法志愿者现场为老年人讲解防范养老诈骗的法律知识。", {"老年人"}, {"普法志愿者"}),
    ("法律援助律师为农民工讨薪提供帮助。", {"农民工"}, {"法律援助律师"}),
    ("镇司法所联合派出所民警走进建筑工地，向农民工宣传劳动合同法。", {"农民工"}, {"民警"}),
    ("县司法局组建由律师、基层法律服务工作者和法律明白人组成的普法宣讲团。", set(),
     {"律师", "基层法律服务工作者", "法律明白人", "宣讲团"}),
    ("县普法讲师团成员深入机关、企业为干部职工宣讲习近平法治思想。", {"干部职工"}, {"普法讲师团成员"}),
    ("二是专职普法人员少，普法队伍专业化程度不高。", set(), {"专职普法人员", "普法队伍"}),
    ("由区人大代表、政协委员、律师和群众代表组成评议团现场打分。", set(),
     {"人大代表", "政协委员", "律师", "群众代表", "评议团"}),
    # people who may deliver (网格员, 村干部, 医务人员 …) are roles where the clause makes them act
    ("网格员走村入户为独居老人讲解反电信网络诈骗法。", {"老年人"}, {"网格员"}),
    ("市卫健委组织市人民医院医务人员走进集贸市场，为商户讲解禁毒知识。", {"商户"}, {"医务人员"}),
    ("各阵地均明确1名村干部和1名“法律明白人”负责日常管理。", set(), {"村干部", "法律明白人"}),
    ("镇司法所组织网格员、“法律明白人”深入小区开展入户宣传。", set(), {"网格员", "法律明白人"}),
    # … and audiences where it gathers them to learn, or names them the object
    ("各乡镇组织村干部、网格员参加法律明白人培训班。", {"村干部", "网格员", "法律明白人"}, set()),
    ("法官为全镇17个村的村“两委”干部和网格员讲授民法典。", {"村（社区）“两委”干部", "网格员"}, {"法官"}),
    ("对120名人民调解员进行业务培训。", {"人民调解员"}, set()),
    # students who visit a court are still students
    ("组织学生走进法院旁听庭审。", {"学生"}, set()),
])
def test_roles_are_not_audiences(ctx, sentence, groups, roles):
    assert who(sentence, ctx) == (groups, roles)


@pytest.mark.parametrize("sentence", [
    "县司法局联合县妇女联合会、县残疾人联合会开展“三八”维权周活动。",  # bodies, not people
    "各律师事务所、基层法律服务所积极参与公益法律服务。",
    "老干部活动中心、青少年活动中心等阵地开展法治宣传。",
    "县退役军人局、县信访局参加评议。",
    "发放《老年人权益保障法》《民法典与百姓生活100问》宣传册2000余份。",  # titles
    "律师、法官围绕婚姻家庭、遗嘱继承等问题逐一解答。",  # a legal topic
    "镇中心小学开展预防未成年人犯罪专题讲座。",
    "学生开学前，县教育局印发致家长的一封信。",  # a time
    "公示期间，如对拟命名对象有异议，可来电反映。",  # 对象 is no group
    "9.健全领导干部应知应会党内法规和国家法律清单制度。",
    "开展“12·4”宪法宣传周启动仪式暨领导干部宪法宣誓活动。",
])
def test_no_group_where_a_boundary_cuts(ctx, sentence):
    groups = who(sentence, ctx)[0]
    assert not groups - {"领导干部", "家长"}, groups  # 领导干部 as written is fine; nothing longer or cut wrong


def test_roles_are_entities_of_their_own_and_never_audiences(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("县司法局组织律师、普法志愿者走进社区，为社区居民和外卖骑手讲解民法典。\n"
                    "区市场监管局工作人员向过往群众宣传消费者权益保护法。\n", encoding="utf-8")
    doc = read_document(path, analyse=True)
    by_type = {t: {m.canonical for m in doc.mentions if m.type == t} for t in ("group", "role")}
    assert by_type == {"group": {"社区居民", "外卖骑手", "群众"}, "role": {"律师", "普法志愿者"}}
    audiences = {g for a in doc.activities for g in a.audiences}
    assert audiences == {"社区居民", "外卖骑手", "群众"}
