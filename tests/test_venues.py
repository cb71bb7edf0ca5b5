"""Named venues: a type word from the general vocabulary of public places, and where its name starts.

The sentences are written for these tests (the places in them are made up); each pins the exact
venues that :func:`pufa_graph.recognize.places.find_places` proposes, with their venue types.
"""

from __future__ import annotations

import pytest

from pufa_graph.knowledge import knowledge
from pufa_graph.recognize import Context
from pufa_graph.recognize.places import find_places


@pytest.fixture(scope="module")
def ctx():
    return Context(knowledge())


def venues(text: str, ctx: Context) -> list[tuple[str, str]]:
    return [(m.surface, m.attrs["venue_type"]) for m in find_places(text, ctx)]


@pytest.mark.parametrize("sentence,expected", [
    # parks, landscape belts, streets and routes of legal culture
    ("市司法局在滨江法治文化公园举办宪法宣传活动", [("滨江法治文化公园", "park")]),
    ("群众来到青山宪法主题公园参观学习", [("青山宪法主题公园", "park")]),
    ("沿江打造的白鹭湾法治景观带成为市民打卡点", [("白鹭湾法治景观带", "park")]),
    ("普法活动在望江路法治文化街区举行", [("望江路法治文化街区", "other")]),
    ("推出红石法治实践路线，串联沿线阵地", [("红石法治实践路线", "other")]),
    # reading rooms and stations
    ("在桃花村法治书屋开展读书会", [("桃花村法治书屋", "cultural_site")]),
    ("建成桂园村普法驿站", [("桂园村普法驿站", "other")]),
    ("在江北社区“暖心驿站”开设课堂", [("暖心驿站", "other")]),
    # logistics, transport, border crossings
    ("普法志愿者走进金港物流园区", [("金港物流园区", "industrial_park")]),
    ("在城南汽车站、县客运中心发放手册", [("城南汽车站", "other"), ("县客运中心", "other")]),
    ("在兰溪服务区设立宣传点", [("兰溪服务区", "other")]),
    ("在瑞丽口岸开展禁毒宣传", [("瑞丽口岸", "other")]),
    # hotels and building sites
    ("在金都宾馆召开培训会", [("金都宾馆", "enterprise")]),
    ("走进新城花园项目工地", [("新城花园项目工地", "enterprise")]),
    # markets
    ("在清河镇集贸市场设立咨询台", [("清河镇集贸市场", "market")]),
    ("走进东关农贸市场和金城商贸城", [("东关农贸市场", "market"), ("金城商贸城", "market")]),
    # hospitals: the report's own jurisdiction stands for a name
    ("在区人民医院和柳河镇卫生院设置宣传角", [("区人民医院", "hospital"), ("柳河镇卫生院", "hospital")]),
    # public legal services, education bases, halls, corridors, walls, oath platforms, meeting rooms
    ("到区公共法律服务中心咨询", [("区公共法律服务中心", "government")]),
    ("在东门街道公共法律服务工作站值班", [("东门街道公共法律服务工作站", "government")]),
    ("依托市青少年法治教育基地组织学生参观", [("市青少年法治教育基地", "base")]),
    ("在下塘村文化礼堂举办讲座", [("下塘村文化礼堂", "meeting_room")]),
    ("沿溪建成的清风法治长廊", [("清风法治长廊", "corridor")]),
    ("在村口绘制“和美家风”文化墙", [("“和美家风”文化墙", "corridor")]),
    ("在宪法宣誓台前重温誓词", [("宪法宣誓台", "other")]),
    ("在县政府三楼会议室召开", [("县政府三楼会议室", "meeting_room")]),
    ("在实验中学报告厅举办讲座", [("实验中学报告厅", "meeting_room")]),
    # industrial, industry and high-tech parks
    ("走进临港工业园区、南湖产业园和东湖高新园区",
     [("临港工业园区", "industrial_park"), ("南湖产业园", "industrial_park"), ("东湖高新园区", "industrial_park")]),
])
def test_named_venues(sentence, expected, ctx):
    assert venues(sentence, ctx) == expected


@pytest.mark.parametrize("sentence,expected", [
    # a venue that holds a village chain, a quoted brand, or a quoted kind of place with its owner
    ("3. 石桥镇南岗村“邻里守望”法治长廊", [("石桥镇南岗村“邻里守望”法治长廊", "corridor")]),
    ("为青石村“法治书屋”配送图书", [("青石村“法治书屋”", "cultural_site")]),
    ("建成“骑手普法驿站”10个", [("骑手普法驿站", "other")]),
    ("打造“法律明白人工作室(站、家)”", [("法律明白人工作室(站、家)", "station")]),
    # a name of up to 16 characters before its type word
    ("6. 平安县石桥镇南岗村宪法主题公园", [("平安县石桥镇南岗村宪法主题公园", "park")]),
])
def test_venues_around_quotes_and_villages(sentence, expected, ctx):
    assert venues(sentence, ctx) == expected


@pytest.mark.parametrize("sentence,expected", [
    # a kind of place, not a place
    ("各地积极打造法治文化阵地", []),
    ("今年建成法治长廊3条", []),
    ("在法治文化公园开展宣传", []),
    ("在村口“普法驿站”张贴海报", []),
    ("在社区“法治书屋”摆放读本", []),
    ("获评“全省法治宣传教育示范基地”", []),
    ("依托模拟法庭、禁毒长廊等青少年法治教育基地", [("禁毒长廊", "corridor")]),
    ("在石桥镇新建宪法主题公园1个", []),
    # a quantity or a generic modifier before the type word
    ("每个镇新建1个镇级法治文化广场", []),
    ("全县建成1处特色法治文化阵地", []),
    ("组织辖区5所中小学参加", []),
    ("来到辖区金港物流园，面向货车司机宣讲", [("金港物流园", "industrial_park")]),
    # a word the window would cut, or a lead-in glued to the next word
    ("启动仪式在东城街道新华社区法治文化广场举行", [("东城街道新华社区法治文化广场", "square")]),
    ("在各镇和县客运站设点", [("县客运站", "other")]),
    ("年内完成县法治文化公园改造", [("县法治文化公园", "park")]),
    ("在南丰镇集贸市场开展宣传", [("南丰镇集贸市场", "market")]),
    ("图为平安县宪法主题公园一角", [("平安县宪法主题公园", "park")]),
    # type words inside other words, or followed by what makes them no place
    ("拟命名新华区东城街道林溪社区为示范社区", []),
    ("组织中学生参观", []),
    ("联合城关市场监管所开展检查", []),
    ("东坝人民法庭法官现场释法", []),
    ("利用原红旗小学旧址改建", []),
    ("在滨河绿道沿线设置宣传牌", []),
    # slogans
    ("构建一园一带一街区格局", []),
    ("开展“送法进物流园”活动", []),
])
def test_what_names_no_venue(sentence, expected, ctx):
    assert venues(sentence, ctx) == expected
