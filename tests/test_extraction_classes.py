"""The failure classes that real, unseen reports showed, each pinned with sentences of our own.

Every report here is written for the test: a few lines in the genres the tool meets (news of an activity,
a township's work note, a plan with its units, a list of villages). The whole pipeline reads each one, so a
test fails when any stage between the text and the entity or frame goes wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pufa_graph.pipeline import read_document


def analyse(tmp_path: Path, text: str, name: str = "report.txt", given=None):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_document(path, analyse=True, given=given)


def names(doc, type_: str = "agency") -> set[str]:
    return {m.canonical for m in doc.mentions if m.type == type_}


def frame_with(doc, words: str):
    found = [a for a in doc.activities if words in a.evidence.text]
    assert found, f"no activity with {words!r}: {[a.evidence.text for a in doc.activities]}"
    return found[0]


# -- 1. bodies below the county ---------------------------------------------------

TOWNSHIP_NOTE = """泰和县马市镇司法所工作简报
马市镇司法所    2024年9月3日

8月以来，马市镇司法所联合马市派出所、马市人民法庭和马市市场监管所，在马市镇圩镇开展反诈宣传活动。
镇党委、镇政府高度重视，镇司法所牵头，镇卫生院、镇中心学校参与，开展《民法典》进校园活动。
"""


@pytest.mark.parametrize("canonical", [
    "泰和县马市镇司法所",  # the masthead and 镇司法所 in a township's own note
    "泰和县公安局马市派出所",  # a township's short name before its police station
    "泰和县人民法院马市人民法庭",  # the county court's tribunal in the township
    "泰和县市场监督管理局马市市场监管所",
    "中共泰和县马市镇委员会",  # 镇党委
    "泰和县马市镇人民政府",  # 镇政府
    "泰和县马市镇卫生院",
    "泰和县马市镇中心学校",
])
def test_township_bodies_carry_their_county_and_township(tmp_path, canonical):
    doc = analyse(tmp_path, TOWNSHIP_NOTE)
    assert canonical in names(doc)


def test_a_township_report_is_the_townships_own(tmp_path):
    doc = analyse(tmp_path, TOWNSHIP_NOTE)
    assert doc.metadata.region == "江西省吉安市泰和县马市镇"
    assert doc.issuer_entity == "泰和县马市镇司法所"


def test_a_verb_before_zhen_is_no_township_of_another_county(tmp_path):
    # 联合镇 is a township far away; here 联合 joins 镇派出所 to the sentence
    doc = analyse(tmp_path, TOWNSHIP_NOTE.replace("联合马市派出所", "联合镇派出所"))
    assert "泰和县公安局马市派出所" in names(doc)
    assert not any("联合镇" in n for n in names(doc))


# -- 2. abbreviations and families of bodies --------------------------------------

@pytest.mark.parametrize("written,canonical", [
    ("县交运局", "泰和县交通运输局"),
    ("县文广旅局", "泰和县文化广电旅游局"),
    ("县住建局", "泰和县住房和城乡建设局"),
    ("县卫健委", "泰和县卫生健康委员会"),
    ("县医保局", "泰和县医疗保障局"),
    ("县退役军人局", "泰和县退役军人事务局"),
    ("县国资委", "泰和县人民政府国有资产监督管理委员会"),
    ("县金融办", "泰和县人民政府金融工作办公室"),
    ("县城管局", "泰和县城市管理局"),
    ("县信访局", "泰和县信访局"),
    ("县法学会", "泰和县法学会"),
    ("县残联", "泰和县残疾人联合会"),
    ("县工商联", "泰和县工商业联合会"),
    ("县消协", "泰和县消费者协会"),
    ("县普法办", "泰和县普法办"),  # no fixed expansion: the conventions keep it
    ("县禁毒办", "泰和县禁毒委员会办公室"),
    ("县人大常委会办公室", "泰和县人民代表大会常务委员会办公室"),
    ("县委网信办", "中共泰和县委网络安全和信息化委员会办公室"),
    ("县经济开发区管委会", "泰和县经济开发区管理委员会"),
])
def test_abbreviated_bodies_expand_in_the_reports_county(tmp_path, written, canonical):
    doc = analyse(tmp_path, f"泰和县司法局2024年普法工作总结\n\n3月，{written}在县城广场开展《宪法》宣传活动。\n\n泰和县司法局\n2024年12月20日\n")
    assert canonical in names(doc)


# -- 3. coordinated actors and their roles -----------------------------------------

EVENT_NEWS = """永新县开展“民法典宣传月”集中宣传活动
来源：永新县司法局

5月20日上午，由县委依法治县办、县司法局主办，县法学会、禾川镇人民政府承办，县法院、县检察院协办的民法典宣传月启动仪式在永新县人民广场举行。
活动现场，工作人员设立咨询台6个，向群众讲解民法典婚姻家庭编。
在县委宣传部的指导下，县妇联联合县总工会走进永新县中医院开展宣传。
"""


def test_hosts_undertakers_and_co_organizers_all_organize_with_their_roles(tmp_path):
    doc = analyse(tmp_path, EVENT_NEWS)
    a = frame_with(doc, "启动仪式")
    assert a.roles == {"主办": ["中共永新县委全面依法治县委员会办公室", "永新县司法局"],
                       "承办": ["永新县法学会", "永新县禾川镇人民政府"],
                       "协办": ["永新县人民法院", "永新县人民检察院"]}
    assert set(a.organizers) == {n for group in a.roles.values() for n in group}
    assert not a.implicit_organizer


def test_a_clause_pointing_back_to_the_event_takes_its_hosts_and_place(tmp_path):
    doc = analyse(tmp_path, EVENT_NEWS)
    a = frame_with(doc, "活动现场")
    assert "永新县司法局" in a.organizers and "永新县人民法院" in a.organizers
    assert a.laws == ["民法典"] and "square" in a.venue_types and not a.implicit_organizer


def test_a_guiding_body_is_no_organizer_and_partners_after_lianhe_are(tmp_path):
    doc = analyse(tmp_path, EVENT_NEWS)
    a = frame_with(doc, "指导下")
    assert a.roles.get("指导") == ["中共永新县委宣传部"]
    assert "中共永新县委宣传部" not in a.organizers
    assert set(a.organizers) == {"永新县妇女联合会", "永新县总工会"}


def test_a_shared_prefix_is_distributed_over_a_list(tmp_path):
    doc = analyse(tmp_path, "永新县司法局工作总结\n\n县法院、检察院、公安局联合开展《反电信网络诈骗法》宣传。\n")
    a = frame_with(doc, "反电信网络诈骗法")
    assert set(a.organizers) == {"永新县人民法院", "永新县人民检察院", "永新县公安局"}


def test_a_plans_responsible_units_on_the_line_after_a_task(tmp_path):
    plan = ("永新县2024年普法依法治理工作要点\n\n（一）开展《劳动合同法》进企业宣讲，全年不少于10场。\n"
            "责任单位：县人社局、县总工会、各乡镇人民政府\n")
    a = frame_with(analyse(tmp_path, plan), "劳动合同法")
    assert a.planned and a.roles == {"责任": ["永新县人力资源和社会保障局", "永新县总工会"]}
    assert a.collective_organizers == ["永新县各乡镇人民政府"]  # a collective, never an agency


# -- 4. one district name, several cities ------------------------------------------

@pytest.mark.parametrize("city,district,full", [
    ("福州市", "鼓楼区", "福州市鼓楼区司法局"),
    ("开封市", "鼓楼区", "开封市鼓楼区司法局"),
    ("乐山市", "市中区", "乐山市市中区司法局"),
    ("长春市", "朝阳区", "长春市朝阳区司法局"),
])
def test_a_shared_district_name_is_read_by_the_city_the_report_names(tmp_path, city, district, full):
    text = f"{district}司法局开展宪法宣传\n发布机构：{district}司法局\n\n12月4日，{city}{district}司法局在辖区广场开展宪法宣传活动。\n"
    doc = analyse(tmp_path, text)
    assert doc.issuer_entity == full


# -- 5. villages with their chain, and lists of them -------------------------------

def test_villages_keep_the_county_written_before_them_and_lists_share_a_township(tmp_path):
    text = ("2024年度吉安市民主法治示范村（社区）名单公示\n\n拟命名泰和县马市镇蜀口村、永新县禾川镇城南社区、"
            "遂川县雩田镇南澳村、宋家村等4个村（社区）为示范村。\n")
    villages = names(analyse(tmp_path, text), "village")
    assert {"泰和县马市镇蜀口村", "永新县禾川镇城南社区", "遂川县雩田镇南澳村", "遂川县雩田镇宋家村"} <= villages
    assert not any(v.startswith(("县", "和县", "江西省")) for v in villages)


def test_a_bare_village_is_read_in_the_reports_township(tmp_path):
    villages = names(analyse(tmp_path, TOWNSHIP_NOTE + "\n随后走访了蜀口村、楼前村的留守儿童。\n"), "village")
    assert {"泰和县马市镇蜀口村", "泰和县马市镇楼前村"} <= villages


# -- 9. the issuer when the text does not sign ---------------------------------------

@pytest.mark.parametrize("line,issuer", [
    ("作者：永新县司法局 李明　　编辑：王芳", "永新县司法局"),  # a byline: the body, not the person
    ("来源：永新县司法局　　记者：赵磊", "永新县司法局"),
    ("信息来源：永新县司法局", "永新县司法局"),
])
def test_the_issuer_of_a_news_page_from_its_byline_or_source_line(tmp_path, line, issuer):
    doc = analyse(tmp_path, f"永新县开展宪法宣传活动\n{line}\n\n12月4日，县司法局在永新县人民广场开展宪法宣传。\n")
    assert doc.issuer_entity == issuer


@pytest.mark.parametrize("line", ["来源：本网", "来源：永新日报", "作者：李明"])
def test_a_media_outlet_or_a_person_is_never_the_issuer(tmp_path, line):
    doc = analyse(tmp_path, f"永新县开展宪法宣传活动\n{line}\n\n12月4日，县司法局在永新县人民广场开展宪法宣传。\n")
    assert doc.metadata.issuer is None


def test_the_first_of_several_signing_bodies_issues(tmp_path):
    text = "关于开展宪法宣传周的通知\n\n各单位：请认真组织。\n\n中共永新县委全面依法治县委员会办公室\n永新县司法局\n2024年11月20日\n"
    assert analyse(tmp_path, text).metadata.issuer == "中共永新县委全面依法治县委员会办公室"


# -- an annual report: the issuer acts where no one is named, and an event's place stays with the event ----------

ANNUAL_REPORT = """宁乡市市场监督管理局2024年度“谁执法谁普法”履职报告

一、主要工作
（一）围绕“3·15”国际消费者权益日，联合市消费者权益保护委员会、市商务局在步步高广场开展集中宣传，发放《消费者权益保护法》宣传资料3000余份。
（二）花明楼镇市场监管所联合花明楼派出所在炭河古城景区开展打击传销宣传。

二、下一步打算
2025年，我局将继续深入开展《民法典》宣传。

宁乡市市场监督管理局
2024年12月25日
"""


def test_partners_after_lianhe_join_the_issuer_who_acts_unnamed(tmp_path):
    a = frame_with(analyse(tmp_path, ANNUAL_REPORT), "步步高广场")
    assert a.organizers == ["宁乡市市场监督管理局", "宁乡市消费者权益保护委员会", "宁乡市商务局"]
    assert a.implicit_organizer and a.roles == {"联合": ["宁乡市消费者权益保护委员会", "宁乡市商务局"]}


def test_a_new_part_of_the_report_leaves_the_last_events_place(tmp_path):
    a = frame_with(analyse(tmp_path, ANNUAL_REPORT), "民法典")
    assert a.planned and a.venues == [] and a.venue_types == []


def test_hosts_named_after_the_event_organized_it_and_what_points_back(tmp_path):
    news = ("桂阳县举办宪法宣传周活动\n信息来源：桂阳县司法局\n\n"
            "12月4日上午，桂阳县“宪法宣传周”启动仪式在县城蓉城广场举行。活动由县委依法治县办主办，县司法局、"
            "团县委承办，县人民法院等20余家单位参加。\n现场，各单位向过往群众发放《宪法》读本5000余份。\n")
    doc = analyse(tmp_path, news)
    opening, on_site = frame_with(doc, "启动仪式"), frame_with(doc, "现场")
    for a in (opening, on_site):
        assert a.roles["主办"] == ["中共桂阳县委全面依法治县委员会办公室"] and not a.implicit_organizer
        assert "共青团桂阳县委员会" in a.roles["承办"] and "square" in a.venue_types


def test_a_table_of_villages_row_by_row(tmp_path):
    listing = ("靖州县2024年度民主法治示范村（社区）推荐名单公示\n\n| 序号 | 乡镇 | 村（社区） |\n|---|---|---|\n"
               "| 1 | 渠阳镇 | 城东社区 |\n| 2 | 甘棠镇 | 大堡子村 |\n\n靖州苗族侗族自治县司法局\n2024年9月10日\n")
    villages = names(analyse(tmp_path, listing), "village")
    assert villages == {"靖州苗族侗族自治县渠阳镇城东社区", "靖州苗族侗族自治县甘棠镇大堡子村"}


@pytest.mark.parametrize("written,canonical", [("省民政厅", "湖南省民政厅"), ("省人社厅", "湖南省人力资源和社会保障厅"),
                                               ("省住建厅", "湖南省住房和城乡建设厅")])
def test_a_provinces_departments_are_ting(tmp_path, written, canonical):
    doc = analyse(tmp_path, f"靖州苗族侗族自治县司法局工作总结\n\n根据{written}部署，县司法局开展《宪法》宣传。\n")
    assert canonical in names(doc)


# -- designations written without quotes, in brackets, or proposed -------------------------------

VILLAGE_LIST = """关于2024年度泰和县民主法治示范村（社区）的公示

来源：泰和县司法局　　发布时间：2024-10-08

一、复核确认继续保留的示范村
1. 马市镇蜀口村（第八批全国民主法治示范村（社区））
2. 苑前镇南门村法治广场（该村为第九批全国民主法治示范村）
二、推荐情况
经研究，推荐马市镇蜀口村参评第十批“全国民主法治示范村（社区）”，推荐苑前镇南门村参评2024年度省级“民主法治示范村（社区）”。
"""


def test_designations_in_brackets_unquoted_and_proposed(tmp_path):
    doc = analyse(tmp_path, VILLAGE_LIST)
    got = {(d.designee.split("镇")[-1], d.level, d.batch) for d in doc.designations}
    assert ("蜀口村", "national", 8) in got          # （第八批全国…）after the village
    assert ("南门村", "national", 9) in got          # 该村为…: the village, not its square
    assert ("蜀口村", "national", 10) in got         # 推荐…参评第十批“…”
    assert ("南门村", "provincial", None) in got     # 省级 before the quoted title; no batch of its own
    assert not any("广场" in d.designee for d in doc.designations if d.batch == 9)


def test_a_news_page_headline_is_the_report_title(tmp_path):
    page = ("某某市人民政府门户网站\n首页 | 政务公开 | 互动交流\n当前位置：首页 > 工作动态\n\n"
            "泰和县开展“宪法宣传周”进社区活动\n发布时间：2024-12-05  来源：县司法局\n\n"
            "12月4日，泰和县司法局在城区社区开展宪法宣传活动。\n")
    assert analyse(tmp_path, page).metadata.title == "泰和县开展“宪法宣传周”进社区活动"


# -- an institution an organizer has carry the work out is the place, not a second organizer --------------

HEALTH_BUREAU = """泰和县卫生健康委员会普法工作情况
泰和县卫生健康委员会    2024年12月20日

县卫健委组织县人民医院、县中医院开展医师法、基本医疗卫生与健康促进法宣传，在门诊大厅设置普法宣传栏。
县公安局、县人民医院联合开展禁毒法宣传活动。
"""


def test_a_hospital_an_organizer_sends_the_work_to_is_the_venue(tmp_path):
    doc = analyse(tmp_path, HEALTH_BUREAU)
    sent = frame_with(doc, "组织县人民医院")
    assert "hospital" in sent.venue_types
    assert not any("医院" in o for o in sent.organizers), sent.organizers
    assert {"泰和县人民医院", "泰和县中医院"} <= names(doc, "venue")
    together = frame_with(doc, "联合开展禁毒法")  # named beside another body, the hospital acts
    assert any("人民医院" in o for o in together.organizers), together.organizers
