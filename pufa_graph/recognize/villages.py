"""Villages and communities: a township from the gazetteer, then 村 or 社区 (古市镇上河村, 温泉街道汤泉社区),
with the county and city written before it (连城县四堡镇枫林村); in a list the township carries over
(石花镇柳湾村、杨家坡村); a bare 上河村 is read in the report's own township by the resolver.
"""

from __future__ import annotations

import re

from ..model import Mention
from . import Context, gazetteer
from .agencies import _region_prefix
from .places import _is_generic, _name_before
from .spans import Taken

#: a village's own name after its township: 上河村, 刘家庄村, 汤泉社区 (not 村民, 村委, 村级 …)
VILLAGE_NAME = re.compile(r"([\u4e00-\u9fff]{1,4}?(?:村|社区|嘎查))(?![\u4e00-\u9fff]?(?:民|委|级|干部|规|集体|组|居|务|两委|庄|落))")
#: the border between two cells of a pipe or tab table
TABLE_CELL = re.compile(r"[ \t]*[|｜\t][ \t]*")
#: the next item of a list of villages in one township: 、杨家坡村
LIST_ITEM = re.compile(r"[、和及与]([\u4e00-\u9fff]{1,4}?(?:村|社区|嘎查))(?![\u4e00-\u9fff]?(?:民|委|级|干部|规|集体|组|居|务))")
#: an older form the gazetteer may not know: 2–4 characters, then 镇/乡/街道, then the village
TOWN_VILLAGE = re.compile(r"([\u4e00-\u9fff]{2,4}?(?:镇|乡|街道))([\u4e00-\u9fff]{2,3}?(?:村|社区))"
                          r"(?![\u4e00-\u9fff]?(?:民|委|级|干部|规|集体|组|居))")
#: a bare village, read in the report's own township: 走访了刘家庄村、雒家坪村
BARE_VILLAGE = re.compile(r"([\u4e00-\u9fff]{2,4}?)(村|社区)(?![\u4e00-\u9fff]?(?:民|委|级|干部|规|集体|组|居|务|两委|庄|落|小组))")
GENERIC_VILLAGE = re.compile(r"^(?:各|全|本|该|每个|每|行政|自然|示范|村|农|乡|城|新农|美丽|文明|和美|省级|市级|县级|"
                             r"国家级|民主法治|法治|无毒|平安|数字|智慧|特色|传统|重点|相关|所在|少数民族|一|两|三|几|多|周边|"
                             r"辖区|城乡|农村|社区|居民|所有|部分)")


def find_villages(text: str, ctx: Context) -> list[Mention]:
    kb = ctx.kb
    ends: dict[int, list[tuple[int, str, list[str]]]] = {}
    towns: list[tuple[int, int, str, list[str]]] = []
    for start, end, surface, values in gazetteer.region_matches(text):
        codes = [code for _t, code in values]
        if all(kb.regions[c].level == "township" for c in codes):
            towns.append((start, end, surface, codes))
        else:
            ends.setdefault(end, []).append((start, surface, [c for c in codes if kb.regions[c].level != "township"]))
    out: list[Mention] = []
    taken_until = -1
    for start, end, town, codes in sorted(towns, key=lambda t: (t[0], -t[1])):
        if start < taken_until:
            continue
        cell = TABLE_CELL.match(text, end)  # | 渠阳镇 | 城东社区 |: a table row names the township, then the village
        m = VILLAGE_NAME.match(text, cell.end() if cell else end)
        if not m:
            continue
        chain_start, chain = _region_prefix(text, start, ends)
        attrs = {"town": town, "town_codes": codes, "village": m.group(1), "regions": chain}
        out.append(Mention("village", chain_start, m.end(), text[chain_start:m.end()], "village.township", attrs=attrs))
        taken_until = m.end()
        pos = m.end()
        while item := LIST_ITEM.match(text, pos):
            if _is_generic(item.group(1)[:-1], ctx) or GENERIC_VILLAGE.match(item.group(1)):
                break
            out.append(Mention("village", item.start(1), item.end(1), item.group(1), "village.township-list",
                               attrs=dict(attrs, village=item.group(1))))
            pos = taken_until = item.end()
    taken = Taken(((m.start, m.end) for m in out), len(text))
    for m in TOWN_VILLAGE.finditer(text):
        town_start = _name_before(text, m.end(1) - 1, ctx, max_chars=4)  # the town's name ends before 镇/乡
        town = text[town_start:m.end(1)]
        if len(town) < 3 or _is_generic(town, ctx) or taken.overlaps(town_start, m.end()):
            continue
        out.append(Mention("village", town_start, m.end(), text[town_start:m.end()], "village.town-village",
                           attrs={"town": town, "village": m.group(2)}))
        taken.add(town_start, m.end())
    for m in BARE_VILLAGE.finditer(text):
        if taken.overlaps(m.start(), m.end()):
            continue
        start = _name_before(text, m.end(1), ctx, max_chars=4)
        name = text[start:m.end()]
        if len(name) < 3 or GENERIC_VILLAGE.match(name) or _is_generic(name, ctx):
            continue
        out.append(Mention("village", start, m.end(), name, "village.bare", attrs={"village": name}))
        taken.add(start, m.end())
        pos = m.end()
        while item := LIST_ITEM.match(text, pos):  # 蜀口村、楼前村: the list goes on
            if GENERIC_VILLAGE.match(item.group(1)) or len(item.group(1)) < 3:
                break
            out.append(Mention("village", item.start(1), item.end(1), item.group(1), "village.bare",
                               attrs={"village": item.group(1)}))
            taken.add(*item.span(1))
            pos = item.end()
    return out
