"""Campaign recognition on sentences written for these tests: what is a campaign, with which surface and
name, and what only looks like one (a book, a holiday that says when, an account, a role, a motto)."""

from __future__ import annotations

import pytest

from pufa_graph.knowledge import knowledge
from pufa_graph.recognize import Context, recognize, resolve_overlaps
from pufa_graph.recognize.campaigns import find_campaigns


def campaigns(text: str) -> set[tuple[str, str]]:
    """(surface, name) of the campaigns kept after the overlap policy; the name is the catalogue's or the theme."""
    kb = knowledge()
    kept = resolve_overlaps(find_campaigns(text, Context(kb)))
    return {(m.surface, kb.campaign_by_key[m.key].name if m.key else m.attrs.get("theme", m.surface)) for m in kept}


@pytest.mark.parametrize("text,surface,name", [
    # a quoted name and the head that belongs to it
    ("县司法局举办第二届“法润童心”青少年法治读书节，300余名学生参加。",
     "“法润童心”青少年法治读书节", "法润童心青少年法治读书节"),
    ("市人社局在全市开展农民工“薪安”专项行动。", "农民工“薪安”专项行动", "农民工“薪安”专项行动"),
    ("镇综治办以“平安守护”专项行动为抓手，排查矛盾纠纷。", "“平安守护”专项行动", "平安守护专项行动"),
    ("各村深入开展“无邪教村居”创建活动。", "“无邪教村居”创建", "无邪教村居创建"),
    ("县医保局在“守护基金 安全用保”集中宣传月期间张贴海报。",
     "“守护基金 安全用保”集中宣传月", "守护基金 安全用保集中宣传月"),
    ("总结经验，开展“最美普法驿站”评选。", "“最美普法驿站”评选", "最美普法驿站评选"),
    # a quoted phrase that is a name by its own head
    ("社区开设“周末法治课堂”，每月一期。", "“周末法治课堂”", "周末法治课堂"),
    ("民警为学生上了一堂“暑期防溺水第一课”。", "“暑期防溺水第一课”", "暑期防溺水第一课"),
    ("村里每月开展一次“田坎普法”。", "“田坎普法”", "田坎普法"),
    # quoted themes: of a signature wall, a 为主题 / 主题为, a generic tail, an A+B pattern
    ("活动现场设置了“珍爱家庭 远离家暴”签名墙，群众踊跃签名。", "“珍爱家庭 远离家暴”签名墙", "珍爱家庭 远离家暴"),
    ("本次活动以“尊法守法 平安同行”为主题，现场发放宣传资料。", "“尊法守法 平安同行”", "尊法守法 平安同行"),
    ("活动主题为“学法用法 守护权益”，吸引群众参与。", "“学法用法 守护权益”", "学法用法 守护权益"),
    ("围绕“大力弘扬法治精神，共建平安和谐家园”主题，开展宣传。",
     "“大力弘扬法治精神，共建平安和谐家园”", "大力弘扬法治精神，共建平安和谐家园"),
    ("司法所开展“法护银龄”暑期普法活动。", "“法护银龄”", "法护银龄"),
    ("为学生讲授“法治伴我行”主题法治课。", "“法治伴我行”", "法治伴我行"),
    ("各镇坚持“集市+普法”“调解+普法”模式，延伸服务触角。", "“集市+普法”", "集市+普法"),
    ("各镇坚持“集市+普法”“调解+普法”模式，延伸服务触角。", "“调解+普法”", "调解+普法"),
    ("全面推行“柔性执法”，减少执法争议。", "“柔性执法”", "柔性执法"),
    # a list of quotes that the text calls activities
    ("组织开展“安全生产月”“平安出行”等主题活动。", "“平安出行”", "平安出行"),
    ("组织开展“安全生产月”“平安出行”等主题活动。", "“安全生产月”", "全国安全生产月"),
    # the catalogue: national programmes, days, written any which way
    ("县医保局在定点药店开展打击欺诈骗保宣传。", "打击欺诈骗保", "打击欺诈骗保"),
    ("落实“一村（居）一法律顾问”制度。", "“一村（居）一法律顾问”", "一村（社区）一法律顾问"),
    ("健全“四议两公开”工作机制。", "“四议两公开”", "四议两公开"),
    ("春节前，县人社局组织农民工学法活动周活动。", "农民工学法活动周", "农民工学法活动周"),
    ("开展“4.15国家安全日”宣传。", "“4.15国家安全日”", "全民国家安全教育日"),
    ("5月开展“美好生活·法典相伴”主题宣传。", "“美好生活·法典相伴”", "美好生活·民法典相伴"),
    ("结合中秋节、重阳节等节日契机开展敬老普法。", "中秋节", "中秋节"),
    # occasions and names without quotes
    ("以现行宪法公布施行40周年为契机，开展宪法宣传。", "现行宪法公布施行40周年", "现行宪法公布施行40周年"),
    ("依托送法下乡、普法文艺万里行等载体开展宣传。", "普法文艺万里行", "普法文艺万里行"),
    ("开展2024年南宁市优化法治化营商环境普法宣传。", "南宁市优化法治化营商环境普法宣传", "南宁市优化法治化营商环境普法宣传"),
    ("举办首届青少年宪法文化节，展出作品百余件。", "青少年宪法文化节", "青少年宪法文化节"),
])
def test_campaign_surfaces_and_names(text, surface, name):
    assert (surface, name) in campaigns(text)


def test_a_theme_written_alone_joins_the_name_it_has_elsewhere():
    text = "全区开展农民工“薪安”专项行动。各站点开展“薪安”宣讲活动，发放资料。"
    names = {name for _surface, name in campaigns(text)}
    assert names == {"农民工“薪安”专项行动"}


@pytest.mark.parametrize("text", [
    # holidays that only say when
    "国庆节前后，县市场监管局加大检查力度。",
    "结合“五一”国际劳动节、端午节等时间节点开展安全检查。",
    "在春运、国庆等重要节点开展安全检查。",
    "重阳节前夕，志愿者走访慰问老人。",
    # mottos, manners, roles, teams, accounts, topics acted on
    "以“法治精神”为核心，打造法治文化公园。",
    "开展“菜单式”送法服务。",
    "积极推进“法治副校长”配备工作。",
    "组织“法治某县”宣讲团深入基层。",
    "依托“平安某县”微信公众号推送普法信息。",
    "法院开展防范打击“校园贷”宣传活动。",
    "围绕“两卡”犯罪开展宣传，发放宣传单。",
    "深化“放管服”改革，推进“最多跑一次”改革。",
    "形成齐抓共管“大普法”工作格局。",
    "开展“法律明白人”培训。",
    # examples of something else, a form of activity, an ordinal, a list of places
    "提醒群众警惕“免费旅游”“低价保健”等消费陷阱。",
    "学校举办“模拟法庭”，学生扮演法官。",
    "学校建好“第三课堂”。",
    "推动法律进企业、进工地、进车间。",
    # book and handbook titles are not this recognizer's
    "活动共发放《老年人防诈骗漫画手册》《农民工维权读本》等宣传资料500份。",
])
def test_not_campaigns(text):
    assert campaigns(text) == set()


def test_a_principle_in_a_list_does_not_make_its_neighbours_campaigns():
    found = campaigns("落实“谁执法谁普法”“谁主管谁负责”的普法责任制。")
    assert {name for _surface, name in found} == {"谁执法谁普法"}


def test_a_created_title_keeps_its_head_and_is_not_found_alone():
    assert campaigns("社区开展“无毒家庭”创建。") == {("“无毒家庭”创建", "无毒家庭创建")}


@pytest.mark.parametrize("text", [
    "活动共发放《宪法知识漫画手册》等宣传资料800余份。",
    "现场发放《远离毒品 珍爱家园》禁毒漫画等宣传资料。",
])
def test_handed_out_titles_are_not_campaigns(text):
    kept = recognize(text, Context(knowledge()))
    assert not [m for m in kept if m.type == "campaign"]
