"""A seeded generator of realistic 普法 reports, for benchmarking ingest at scale (issue 7).

    python bench/corpus.py OUT_DIR --count 10000 [--seed 0] [--traditional-share 0.3]
        [--gbk-share 0.1] [--html-share 0.1] [--noisy-share 0.1] [--jobs 1]

Each report recombines the structure of the five sample reports in data/reports/
(履职报告, 工作总结, 评议通报, 实施意见, 工作要点): a title, an opening paragraph,
outline headings 一、/（一）/1./一是, activity sentences, a 存在的问题 section, a
下一步 section and a signature block or a portal header. The content comes from
the catalogues in ontology/: a real county (or prefecture) with its city and
province from regions.csv, agencies from agency_bodies.csv, laws from laws.csv,
campaigns, venue types, audience groups and activity forms.

Containers and scripts, by share of the files: traditional script (OpenCC s2t),
half of those with pinyin glosses such as 數(shù); GBK-encoded .txt; HTML pages
(scripts, navigation, breadcrumb, text in <p>); "noisy" .txt with portal debris.
The rest is plain UTF-8 .txt. Files are r00000.txt, r00001.html … in OUT_DIR.

Deterministic: report i is written from random.Random(f"{seed}-{i}") alone, and the
container/script of each report from one shuffle seeded by (seed, count); the same
seed and count give byte-identical files, with any --jobs.

Importable: ``generate(out_dir, count, seed=0, ...) -> list[Path]``.
"""

from __future__ import annotations

import argparse
import csv
import html
import random
import re
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"

_EXT = {"plain": ".txt", "gbk": ".txt", "html": ".html", "noisy": ".txt"}

# --------------------------------------------------------------------------------------
# Catalogues
# --------------------------------------------------------------------------------------


def _rows(name: str) -> list[dict[str, str]]:
    with open(ONTOLOGY / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _split(value: str) -> list[str]:
    return [v for v in (value or "").split("|") if v]


@dataclass
class Division:
    code: str
    name: str
    level: str  # province | city | county
    shorts: tuple[str, ...]
    parent: "Division | None" = None

    @property
    def L(self) -> str:  # noqa: N802 - the level character of agency names: 县 区 市 州 旗 盟 省
        n = self.name
        if self.level == "county":
            return n[-1]
        if self.level == "city":
            if n.endswith("州"):
                return "州"
            if n.endswith("盟"):
                return "盟"
            if n.endswith("地区"):
                return "地区"
            return "市" if n.endswith("市") else "区"
        if n.endswith("自治区"):
            return "区"
        return n[-1]

    @property
    def bare(self) -> str:
        """The short name without a level suffix (灌云, 巴音郭楞), else the full name (城中区)."""
        plain = [s for s in self.shorts if not s.endswith(("县", "区", "州", "旗", "盟"))]
        if plain:
            return min(plain, key=len) if len(min(plain, key=len)) >= 2 else plain[0]
        return self.name

    @property
    def prefixed(self) -> list[str]:
        """Names that may stand before a body: the full name and short names with the level suffix."""
        out = [self.name]
        for s in self.shorts:
            if s.endswith(self.L) and s != self.name and len(s) >= 2:
                out.append(s)
        return out

    @property
    def province(self) -> "Division":
        d = self
        while d.parent is not None:
            d = d.parent
        return d


@dataclass
class Law:
    name: str
    full: str
    aliases: list[str]
    level: str
    weight: float


@dataclass
class Campaign:
    name: str
    kind: str
    month: int | None
    day: int | None
    aliases: list[str]
    first: int | None
    last: int | None


@dataclass
class Catalogue:
    counties: list[Division]
    cities: list[Division]
    children: dict[str, list[Division]]
    laws: list[Law]
    law_cum: list[float]  # cumulative weights for random.choices
    campaigns: list[Campaign]
    campaign_cum: list[float]
    day_campaigns: list[Campaign]
    departments: list[str]
    venue_suffixes: dict[str, list[str]]
    groups: list[str]
    forms: list[str]
    surnames: list[str]
    titles_after: list[str]
    titles_before: list[str]
    media: list[str]


#: laws the reports name most; everything else in laws.csv is drawn rarely
_COMMON_LAWS = {
    "宪法": 30, "民法典": 30, "未成年人保护法": 8, "预防未成年人犯罪法": 6, "禁毒法": 6, "反电信网络诈骗法": 7,
    "国家安全法": 5, "道路交通安全法": 5, "食品安全法": 4, "安全生产法": 5, "消费者权益保护法": 5,
    "行政复议法": 5, "行政处罚法": 4, "社区矫正法": 4, "人民调解法": 4, "法律援助法": 5, "治安管理处罚法": 4,
    "刑法": 4, "劳动合同法": 3, "反家庭暴力法": 3, "妇女权益保障法": 3, "老年人权益保障法": 3,
    "家庭教育促进法": 3, "乡村振兴促进法": 3, "土地管理法": 3, "环境保护法": 3, "保守国家秘密法": 2,
    "密码法": 2, "爱国主义教育法": 2, "优化营商环境条例": 3, "保障农民工工资支付条例": 3,
    "防范和处置非法集资条例": 3, "信访工作条例": 2, "个人信息保护法": 2, "网络安全法": 2, "数据安全法": 2,
    "反有组织犯罪法": 2, "长江保护法": 1, "野生动物保护法": 2, "森林法": 2, "消防法": 2, "教育法": 2,
    "义务教育法": 2, "传染病防治法": 1, "监察法": 2, "公职人员政务处分法": 2, "中国共产党纪律处分条例": 1,
    "法治宣传教育法": 1, "民法典婚姻家庭编解释（一）": 0.5, "宗教事务条例": 1, "兵役法": 1,
}


def _campaign_weight(c: Campaign, marked: set[str]) -> float:
    """The 普法 campaigns, publicity weeks and months come up often; holidays and plans rarely."""
    if c.kind == "plan":
        return 0.0
    if c.kind == "campaign" or c.name in marked:
        return 3.0
    if c.kind in ("week", "month"):
        return 1.5
    return 0.2


#: first year a report could publicize these (laws.csv has no dates)
_LAW_YEAR = {
    "民法典": 2020, "反电信网络诈骗法": 2022, "法律援助法": 2021, "家庭教育促进法": 2021, "乡村振兴促进法": 2021,
    "个人信息保护法": 2021, "数据安全法": 2021, "反有组织犯罪法": 2021, "爱国主义教育法": 2023, "法治宣传教育法": 2025,
    "民营经济促进法": 2025, "无障碍环境建设法": 2023, "学前教育法": 2024, "学位法": 2024, "粮食安全保障法": 2023,
    "青藏高原生态保护法": 2023, "黑土地保护法": 2022, "黄河保护法": 2022, "对外关系法": 2023, "期货和衍生品法": 2022,
    "农村集体经济组织法": 2024, "能源法": 2024, "刑法修正案（十二）": 2023, "民法典总则编解释": 2022,
    "民法典婚姻家庭编解释（一）": 2021, "民法典担保制度解释": 2021, "网络数据安全管理条例": 2024,
    "未成年人网络保护条例": 2023, "信访工作条例": 2022, "防范和处置非法集资条例": 2021,
}


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    regions = _rows("regions.csv")
    divisions: dict[str, Division] = {}
    for r in regions:
        if r["code"][:2] in ("71", "81", "82"):
            continue
        divisions[r["code"]] = Division(r["code"], r["name"], r["level"], tuple(_split(r["short_names"])))
    children: dict[str, list[Division]] = {}
    for r in regions:
        d = divisions.get(r["code"])
        if d is None:
            continue
        if r["parent_code"] in divisions:
            d.parent = divisions[r["parent_code"]]
            children.setdefault(r["parent_code"], []).append(d)
    counties = [d for d in divisions.values() if d.level == "county" and d.parent is not None]
    cities = [d for d in divisions.values() if d.level == "city" and d.parent is not None
              and d.L in ("市", "州") and len(children.get(d.code, [])) >= 2]

    laws = []
    for r in _rows("laws.csv"):
        if r["level"] in ("judicial_interpretation", "normative_document") and r["name"] not in _COMMON_LAWS:
            continue
        weight = _COMMON_LAWS.get(r["name"], 0.35 if r["level"] == "law" else 0.15)
        laws.append(Law(r["name"], r["full_name"], _split(r["aliases"]), r["level"], weight))

    def _int(v: str) -> int | None:
        return int(v) if v.strip().isdigit() else None

    campaigns = []
    for r in _rows("campaigns.csv"):
        campaigns.append(Campaign(r["name"], r["kind"], _int(r["month"]), _int(r["day"]), _split(r["aliases"]),
                                  _int(r["first_year"]), _int(r["last_year"])))
    # the publicity days a county justice bureau actually marks
    marked = {"国家宪法日", "全民国家安全教育日", "国际禁毒日", "国际消费者权益日", "世界知识产权日", "全国消防日",
              "全国防灾减灾日", "全国交通安全日", "国际儿童节", "国际劳动妇女节", "学雷锋纪念日", "重阳节",
              "中国人民警察节", "国际反腐败日", "世界环境日", "全国土地日", "世界读书日", "全民国防教育日"}
    day_campaigns = [c for c in campaigns if c.name in marked and c.month and (c.day or c.name == "重阳节")]

    departments = []
    for r in _rows("agency_bodies.csv"):
        if r["kind"] in ("government_department", "education", "market_regulation") and r["prefix"] in ("optional", "required") \
                and r["canonical"].startswith("{R}") and "厅" not in r["pattern"]:
            departments.append(r["pattern"])

    venue_suffixes = {r["code"]: _split(r["named_suffixes"]) for r in _rows("venue_types.csv")}
    groups = [r["name"] for r in _rows("audience_groups.csv")]
    forms = []
    for r in _rows("activity_forms.csv"):
        forms.extend(t for t in _split(r["triggers"]) if len(t) >= 3)
    surnames = [w for line in (ONTOLOGY / "surnames.txt").read_text(encoding="utf-8").splitlines()
                if not line.startswith("#") for w in line.split()]
    titles = _rows("person_titles.csv")
    media = [r["name"] for r in _rows("media.csv")]
    return Catalogue(
        counties=counties, cities=cities, children=children, laws=laws, law_cum=list(accumulate(x.weight for x in laws)),
        campaigns=campaigns, campaign_cum=list(accumulate(_campaign_weight(c, marked) for c in campaigns)), day_campaigns=day_campaigns, departments=departments, venue_suffixes=venue_suffixes,
        groups=groups, forms=forms, surnames=surnames[:120],
        titles_after=[t["title"] for t in titles if t["position"] == "after"],
        titles_before=[t["title"] for t in titles if t["position"] == "before"], media=media,
    )


# --------------------------------------------------------------------------------------
# Word banks (our own phrasing, modelled on the sample reports)
# --------------------------------------------------------------------------------------

_PLACE_CHARS = ("东西南北新龙凤安平和兴盛丰华阳山河水桥湾塘坪岭坝沟口集店庄营屯堡寨田湖溪江石林花金银玉青白黄"
                "红云星光明德仁义清泉源上下中前后大小长高双三五里家园怀洪进朋百圩伊芦尹场思贤成团宝福庆永乐"
                "昌盛泰隆顺宁武文鹤鹿松柏竹梅兰桃杏柳荷枫杨槐")
_GIVEN_CHARS = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉鹏宇浩俊峰晨琳雪梅友俊姿"
_CN_DIGIT = "〇一二三四五六七八九"
_CN_ORD = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
           "十六", "十七", "十八", "十九", "二十"]

_THEMES = [
    "美好生活·民法典相伴", "美好生活 法典相伴", "与法同行 护苗成长", "与法同行 共护未来", "珍爱生命 远离毒品",
    "弘扬宪法精神 建设法治{P}", "学法用法 平安{P}", "法治护航 助力乡村振兴", "全民反诈在行动", "尊法守法 携手筑梦",
    "法治进万家 平安你我他", "小小法官·筑梦前行", "防范非法集资 守护美好生活", "安全生产 人人有责",
    "国家安全 人人有责", "法律服务进万家", "学宪法 讲宪法", "法润{P} 护航发展", "送法进万家 服务零距离",
    "牢记初心使命 严守党纪国法", "法治同行 温暖夕阳", "巾帼普法 法润万家", "法治体检 护航企业",
    "守护青春 预防犯罪", "宪法进万家 法治你我他", "法治惠民 服务群众",
]
_BOOKLETS = ["消费指导手册", "民法典宣传手册", "防范电信网络诈骗宣传折页", "{P}法治宣传读本", "法律明白人学习手册",
             "青少年法治教育读本", "农民工维权手册", "老年人防诈骗指南", "宪法知识读本", "法律援助便民手册"]
_WORKS = ["护苗{Y}云课堂", "绿色阅读", "打赢疫情防控攻坚战", "和你在一起", "众志成城 共守家园", "法润{P}",
          "远离毒品 珍爱生命", "我与宪法", "反诈宝典", "村规民约我知道", "一张借条引发的纠纷", "法官说法",
          "防范养老诈骗", "法治{P}行"]
_GROUP_NOUNS = ["学生", "师生", "群众", "村民", "居民", "职工", "企业负责人", "干部职工", "老年人", "家长"]
_SECTIONS_COUNTY = ["普法与依法治理股", "办公室", "社区矫正股", "人民参与和促进法治股", "公共法律服务股",
                    "行政执法协调监督股", "政治部"]
_SECTIONS_CITY = ["普法与依法治理科", "办公室", "政治部", "社区矫正管理科", "人民参与和促进法治科",
                  "公共法律服务管理科", "律师工作管理科", "行政复议与应诉科", "行政执法协调监督科"]

_OPEN_LEADS = [
    "{Y}年以来，{ISS}在{PARTY}、{GOV}的坚强领导下，紧紧围绕中心、服务大局，深入贯彻落实习近平法治思想，",
    "今年以来，在{PARTY}{GOV}的坚强领导下，{ALL}各单位、各部门坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实{CONG}精神，",
    "{Y}年，{ISS}以习近平法治思想为指导，以提升全民法治素养为主线，",
    "{Y}年以来，{WE}以满足人民群众法治需求为根本出发点，统筹谋划，夯实基础，培植亮点，",
    "近年来，{ISS}认真贯彻落实中央和{PROV}关于法治宣传教育的决策部署，",
]
_OPEN_MIDS = [
    "严格落实“谁执法谁普法”普法责任制，扎实推进普法各项工作，",
    "以全面落实普法责任制为抓手，以加强青少年法治宣传教育为重点，广泛开展各类普法主题活动，",
    "在弘扬法治文化、推动法治惠民上持续发力，推动“{EIGHT}”普法工作提质增效，",
    "紧紧围绕{PARTY}、{GOV}工作大局和人民群众关心关注的问题加强普法依法治理工作，",
    "坚持普法与依法治理有机结合，把法治宣传教育融入经济社会发展全过程，",
]
_OPEN_ENDS = [
    "为{ALL}经济社会高质量发展营造了良好的法治环境。",
    "全社会法治观念明显增强，尊法学法守法用法在全社会蔚然成风。",
    "营造了崇德向善、循法而为的良好社会氛围，为实现{P}经济发展、社会和谐目标发挥了法治教育的基础性作用。",
    "社会治理法治化水平明显提高，为建设更高水平的法治{P}奠定了坚实基础。",
]

_HEADINGS = {
    "org": ["强化组织领导，压实普法责任", "加强组织领导，夯实普法机制", "健全工作机制，完善责任清单",
            "创新工作格局，精心统筹部署", "明确普法责任，建立责任清单"],
    "content": ["聚焦重点内容，推动普法宣传深入人心", "突出学习宣传宪法，弘扬宪法精神", "深入开展宪法、民法典等主题宣传活动",
                "围绕中心工作，突出普法重点"],
    "forms": ["立足部门职能，创新普法形式", "创新载体，全面开展“法律六进”活动", "丰富形式，认真贯彻落实“谁执法谁普法”责任制",
              "多措并举，拓展普法阵地"],
    "culture": ["加强法治文化建设，营造浓厚法治氛围", "树立品牌，积极推进法治文化阵地建设", "建设社会主义法治文化，加强基层依法治理",
                "多措并举，加大法治文化作品创作力度"],
    "youth": ["加强青少年法治宣传教育，培养法治接班人", "聚焦青少年群体，护航未成年人健康成长", "深化“法律进校园”，筑牢青少年法治防线"],
    "cases": ["坚持以案释法，推动普法融入执法全过程", "健全工作机制，落实以案释法", "在执法办案中普法，提升普法实效"],
    "media": ["充分利用新闻媒体、现代新科技加大普法力度", "借助新媒体平台，拓展普法渠道", "打造新媒体普法矩阵，扩大普法覆盖面"],
    "grass": ["强化村（居）民法治教育，激发基层治理新活力", "部门协同，切实指导基层开展民主法治建设", "持续加强基层依法治理，推进法治乡村建设"],
    "business": ["围绕优化法治化营商环境深入开展送法进企业活动", "聚焦营商环境，精准服务市场主体", "护航民营经济，开展企业法治体检"],
    "cadres": ["紧抓“关键少数”，全面提升法治能力", "加强国家工作人员学法用法，提升依法履职能力", "建立领导干部学法用法制度，健全学法机制"],
}

_INTROS = {
    "org": [
        "成立以{JUSHEAD}任组长的“谁执法谁普法”工作领导小组，明确专人负责日常工作，将普法工作与业务工作同部署、同检查、同落实。",
        "制定了年度普法工作计划和普法责任清单，明确重点普法内容、普法对象、普法形式及责任股室，确保普法工作有章可循。",
        "{YFZ}印发《{Y}年{PF}普法依法治理工作要点》和《{PF}普法责任清单》，进一步强化目标责任。",
        "将“谁执法谁普法”责任制纳入{ALL}绩效考核，形成齐抓共管的“大普法”工作格局。",
        "各单位严格按照{YFZ}要求编制了普法责任清单，做到活动有组织、有方案、有行动、有效果。",
    ],
    "content": [
        "将学习宣传习近平法治思想作为普法工作的首要政治任务，引导{GROUP}坚定不移走中国特色社会主义法治道路。",
        "坚持把宪法宣传教育摆在首要位置，在{ALL}范围内组织开展形式多样的宪法宣传活动。",
        "围绕{ALL}经济社会发展重点任务，针对不同行业、不同群体开展有针对性的法律法规宣传。",
    ],
    "forms": [
        "结合重大任务、重要节点，在{ALL}开展有特色、有影响的普法活动。",
        "坚持经常性宣传与集中宣传相结合，推动普法宣传进机关、进乡村、进社区、进学校、进企业、进单位。",
        "各成员单位都能按时完成年度普法任务，普法形式不断丰富。",
    ],
    "culture": [
        "推动{ALL}法治文化阵地建设，将法律知识、法治故事、法治漫画等内容融入其中，使群众在休闲娱乐中接受法治熏陶。",
        "注重建设社会主义法治文化，通过打造法治文化阵地、开展法治文化活动等方式，推动法治文化深入人心。",
    ],
    "youth": [
        "将青少年法治教育纳入{WE}“{EIGHT}”普法的重点工作，将法治教育融入学校教育各个阶段。",
        "全面落实法治副校长聘任制度，建立法治进校园巡讲工作机制，充分发挥法治副校长依法治校作用。",
    ],
    "cases": [
        "全面建立法官、检察官、律师和行政执法人员以案释法制度，完善典型案例的筛选、发布、宣传制度。",
        "坚持把“谁执法谁普法”纳入重要议事日程，贯穿业务工作始终。",
    ],
    "media": [
        "在运用电视、横幅、宣传橱窗等常规载体普法的同时，推出了{MEDIA}、电子显示屏等法治宣传载体。",
        "充分利用{MEDIA}、{MEDIA}等新媒体平台，开设法治宣传专栏，定期发布法律法规解读、典型案例分析等内容。",
    ],
    "grass": [
        "大力实施农村“法律明白人”培养工程，加强对普法社会组织的综合管理。",
        "以民主法治示范村（社区）创建为抓手，推动基层依法治理水平整体提升。",
    ],
    "business": [
        "为市场主体营造更加稳定、公平、透明、可预期的法治化营商环境，{ISS}深入企业开展法治调研，掌握企业的法治需求。",
        "聚焦热点，精准服务，组织律师、基层法律服务工作者深入企业提供法律服务。",
    ],
    "cadres": [
        "以提高运用法治思维和法治方式的能力为目标，抓住领导干部这个“关键少数”。",
        "建立健全党委（党组）理论学习中心组集体学法制度，实现政府常务会议会前学法常态化。",
    ],
}

#: item leads for 一是…二是…: (lead, topic of the sentences that follow)
_ITEM_LEADS = {
    "org": ["压实主体责任", "健全责任清单", "强化考核督导", "落实经费保障"],
    "content": ["深入宣传习近平法治思想", "突出宣传宪法", "深入宣传民法典", "广泛宣传与高质量发展密切相关的法律法规",
                "加强国家安全法律宣传", "突出反电信网络诈骗宣传"],
    "forms": ["开展主题宣传", "送法下乡进村入户", "开展广场集中宣传", "组织知识竞赛"],
    "culture": ["建设法治文化阵地", "繁荣法治文艺创作", "开展法治文化惠民活动"],
    "youth": ["上好“开学第一课”", "举办模拟法庭活动", "开展法治夏令营", "加强校园周边法治宣传"],
    "cases": ["在行政复议工作中开展普法", "在矛盾纠纷调解中以案释法", "在执法检查中同步普法", "组织旁听庭审"],
    "media": ["借助新媒体平台拓展普法渠道", "打造普法品牌栏目", "开展线上互动活动"],
    "grass": ["进一步完善“法律明白人”管理工作", "深化民主法治示范村（社区）创建", "利用送法下乡等措施开展法治惠民"],
    "business": ["规范涉企执法行为", "聚焦热点精准服务", "加强主题宣传"],
    "cadres": ["抓学法用法考试和宪法宣誓制度", "健全集体学法制度", "抓学习形式"],
}

#: activity sentences by topic; "*" are usable anywhere
_ACTS = {
    "*": [
        "{DATE}，{AG}联合{AG}在{SCHOOL}开展{LAW}宣传活动，发放宣传资料{NC}，现场解答法律咨询{NQ}。",
        "以“{THEME}”为主题，组织开展{CAMP}系列宣传活动，通过{FORMS}等形式，进一步增强{GROUP}的法治意识。",
        "{DAYACT}",
        "深入社区、农村、学校、企业等基层一线，结合实际案例，向{GROUP}解读{LAW}中与群众生活息息相关的新规定。",
        "{MONTH}，{ISS}联合{AG}在{SQUARE}开展{LAWS}等法律法规集中宣传活动，发放宣传资料{NC}。",
        "走进{SCHOOL}、{SCENIC}、{ELDER}开展{LAW}宣传活动，受教育群众{NP}。",
        "{ALL}共开展各类法治宣传活动{NS}，发放宣传资料{NC}，悬挂横幅{NR}多条，受教育群众{NP}。",
        "{AG}开展的“{THEME}”宣传活动，将{LAW}送到{GROUP}身边。",
        "在{VILLAGE}开展“送法进家庭”活动，为{NPG}讲解{LAW}相关知识。",
        "{DATE}，在{TOWN}集镇设置法律咨询台，向赶集群众宣传{LAW}、{LAW}，接受咨询{NQ}。",
    ],
    "org": [
        "{MONTH}，召开{ALL}普法工作推进会，对{Y}年普法重点任务进行部署，{PERSON}参加会议并讲话。",
        "组织{N}家普法责任单位报送年度普法责任清单，逐一审核后在{MEDIA}上公开。",
        "对{ALL}{NB}个普法责任单位开展履职评议，评议结果纳入年度绩效考核。",
        "{DATE}，{YFZ}组织召开“谁执法谁普法”履职报告评议会，{N}家单位现场述职。",
    ],
    "content": [
        "充分利用“国家宪法日”“宪法宣传周”等重要节点，通过举办宪法宣誓仪式、宪法知识竞赛、设置宪法宣传咨询点等形式，掀起宪法学习宣传热潮。",
        "以“美好生活·民法典相伴”为主题，组织法律服务团深入{TOWN}、{VILLAGE}等基层一线开展民法典宣传，发放资料{NC}。",
        "组织开展“4·15”全民国家安全教育日法治宣传活动，加强{LAWS}等法律宣传，增强全社会国家安全意识。",
        "结合打击整治养老诈骗专项行动，在{ELDER}开展防诈骗宣传，为{NR}0余名老年人讲解典型案例。",
        "围绕{CAMP}，联合{AG}在{MARKET}开展集中宣传，发放《{BOOK}》{NC}。",
    ],
    "forms": [
        "在{TOWN}开展“三下乡”活动，联合{UPAG}小分队送法下乡。",
        "在{TOWN}开展“庭院法治课堂”，将法治讲座搬到村民家中。",
        "田间地头送法助春耕，在{VILLAGE}种植大户家开展“送法进家庭”。",
        "开展“4.8司法日”“4.15国家安全日”“反邪教主题”“知识产权周”等线上线下普法宣传活动。",
        "组织开展为期一个月的{LAW}网上知识竞赛活动，{NP}参与答题。",
        "{AG}、{AG}主办的“{THEME}”学习{LAW}知识竞赛活动在{MEETING}举行。",
        "{AG}制作了《{WORK}》普法微视频，在{MEDIA}播放，点击量达{NB}00余次。",
    ],
    "culture": [
        "在{VILLAGE}新建与传统文化、村规民约相融合的村级法治文化阵地——“{VB}法治文化广场”。",
        "目前{ALL}建成市级法治文化示范点{N}个，省级法治文化示范点{N2}个。",
        "依托法治文化阵地，{WE}普法队伍开展各类法治宣讲、文艺演出{NS}。",
        "今年打造{CORRIDOR}，通过法治漫画、法治格言等形式宣传{LAW}。",
        "与{EDU}联合开展法治文化作品征集活动，征集到{NB}0余份法治文化作品，聘请专家分类评优、表彰。",
        "创作快板《{WORK}》、小品《{WORK}》等法治文艺作品，组织法治文艺演出队在{SQUARE}巡演{N}场。",
    ],
    "youth": [
        "为{ALL}各中小学校（幼儿园）聘请法治副校长{NB}名，法治副校长覆盖率达100%。",
        "以“{THEME}”为主题，重点围绕交通安全、禁毒、防范电信网络诈骗、预防校园欺凌等内容做好“开学第一课”，今年共开展法治教育{NS}。",
        "{MONTH}，联合{YOUTH}、{COURT}、{PROC}共同举办“{THEME}”模拟法庭大赛，{NSTU}深受法治教育。",
        "{MONTH}，联合{COURT}、{EDU}、{YOUTH}共同举办{Y}年暑期“小小法官·筑梦前行”法治夏令营，{NSTU}参加活动。",
        "充分利用{SCHOOL}模拟法庭、禁毒长廊等青少年法治教育基地，不断强化{LAW}的宣传教育。",
        "{SCHOOL}荣获第{ORD}批“{UPF}青少年法治教育示范基地”。",
        "组织律师、基层法律服务工作者走进{SCHOOL}，为{N}00余名师生讲授{LAW}专题法治课。",
    ],
    "cases": [
        "在处理行政复议案件过程中，积极向当事人宣传相关法律法规，通过释法说理，引导当事人依法理性表达诉求，今年共办理行政复议案件{NB}件。",
        "人民调解员在调解矛盾纠纷时，注重结合具体案例向当事人讲解{LAW}，{ALL}共调解矛盾纠纷{NB}0余件，调解成功率达{PCT}。",
        "建立{ALL}以案释法案例库，各责任单位每季度至少报送{N}个典型案例，全年不少于{N2}个。",
        "组织{NB}名国家工作人员到{COURT}旁听庭审，以身边案例开展警示教育。",
        "{COURT}在{VILLAGE}开展巡回审判，以案释法，现场旁听群众{NP}。",
    ],
    "media": [
        "“法治{P}”微信公众号全年共发布普法信息{NR}余篇，阅读量{NB}00+人次。",
        "{COURT}的“{P}法苑”、{PROC}的“{P}检察”、{POL}的“{P}警方”等新媒体平台，多层次、多渠道推送法治资讯和以案释法案例。",
        "将“疫情防控必须掌握的法律知识”等专题普法内容在{NB}个微信群里连续推送，构筑群防群治的坚固防线。",
        "在{MEDIA}开设“以案说法”专栏，全年推出法治节目{N}期。",
        "开展法律知识线上答题活动，吸引{NP}参与，扩大了普法覆盖面。",
    ],
    "grass": [
        "开展“法律明白人”常态化培训{N}期，培训“法律明白人”{NB}0余名，抓好“1名村（居）法律顾问+N名法律明白人”行动方案落实。",
        "{VILLAGE}、{VILLAGE}荣获“{PROVF}民主法治示范村（社区）”命名推荐，充分发挥了示范引领作用。",
        "{ALL}开展“送法下乡”活动{NB}（场）次，发放各类宣传材料{NC}，悬挂横幅{NR}多条。",
        "会同依法治{L}、民政等部门对{ALL}{NB}个村（居）进行逐一实地检查，完成民主法治示范村复核工作。",
        "{DATE}，接受{PROV}复核组对{WE}民主法治示范村居的复核检查，对{N}个村进行了实地查看。",
        "每个村（社区）配备法律顾问，实现法律顾问全覆盖，全年为村（居）民提供法律咨询{NB}0余人次。",
    ],
    "business": [
        "梳理并公布{NB}条涉企行政检查清单，确保行政执法部门依法依规开展执法活动。",
        "{UPAG}联合{ISS}组织律师开展{Y}年{UP}优化法治化营商环境普法宣传暨“送法进{INDPARK}”主题活动。",
        "{ISS}联合{L}工商联在{TOWN}召开“万所联万会”工作座谈会，以案释法，增强民营企业依法治企能力。",
        "组织律师服务企业志愿团走进{INDPARK}开展“法治体检”活动，为{NB}家企业提供法律服务。",
        "利用“3·15”国际消费者权益日发放《{BOOK}》、{LAWNEW}等资料{NC}。",
        "劳保部门加大农民工维权宣传力度，在{INDPARK}宣传{LAW}、《保障农民工工资支付条例》。",
    ],
    "cadres": [
        "邀请{PERSON}对{ALL}处级领导和执法单位主要领导干部进行{LAWNEW}专题讲座。",
        "举办“双百”法治讲座，对{ALL}副科级以上领导干部学法全覆盖。",
        "{PARTY}理论学习中心组开展集体学法{N}次，{GOV}常务会议会前学法{NB}次。",
        "组织{ALL}{NB}0余名国家工作人员参加年度学法考试，参考率达{PCT}。",
        "在人事任免中坚持任前表态发言、任后向宪法宣誓，{Y}年共组织宪法宣誓{N}场。",
    ],
}

_EFFECTS = [
    "通过一系列扎实有效的举措，{ALL}公民法治观念不断增强，社会治理法治化水平稳步提升，法治环境持续优化。",
    "{ALL}干部群众尊法学法守法用法的意识明显提高，自觉运用法律手段解决矛盾纠纷的观念逐渐深入人心。",
    "法治文化阵地成为群众学法用法的“打卡地”，法治文艺作品走进千家万户。",
    "依法办事、依法维权的良好氛围在{ALL}范围内日益浓厚，为法治社会建设奠定了坚实的群众基础。",
    "全年{ALL}未发生因普法不到位引发的重大群体性事件，信访总量同比下降{PCTS}。",
    "群众对法治宣传教育的满意度达{PCT}，法律知识知晓率明显提高。",
]

_PROBLEMS = [
    "普法工作创新力度不够，形式较为单一，在运用新媒体新技术开展精准普法方面仍有提升空间",
    "普法力量相对薄弱，专业队伍不足，难以满足日益增长的多元化普法需求",
    "普法工作与执法工作的融合深度还需进一步加强，在执法过程中普法的及时性、有效性有待提高",
    "少数部门和单位对“谁执法谁普法”重视不够，工作主动性有待进一步加强",
    "成员单位普法依法治理工作信息未能按要求报送，情况反馈有待加强",
    "普法的广度和深度不够，特别是一些企业管理人员，安全法律意识仍需进一步提高",
    "在普法的方式方法上缺乏灵活性，主动学法、自觉用法的主动性还有待提高",
    "部分单位在人员保障、经费投入上存在短板，法治宣传阵地建设稍显滞后",
    "针对农村留守老人、留守儿童等群体的普法覆盖还不够，偏远村组宣传频次偏低",
    "普法责任清单动态调整不及时，部分单位清单内容与职能不相匹配",
    "以案释法案例报送数量少、质量不高，典型案例的教育作用没有充分发挥",
    "法治文化阵地重建设轻管理，部分阵地内容陈旧、利用率不高",
]

_PLANS = [
    ("进一步落实“谁执法谁普法”普法责任制",
     "结合机构改革重新梳理“谁执法谁普法”“谁服务谁普法”责任清单，将普法融入执法、管理、服务全过程，不断提升普法针对性和覆盖面。"),
    ("推动普法融入执法、司法全过程，全面落实以案释法制度",
     "{COURT}、{PROC}、行政执法和司法行政部门要加强以案释法工作的指导、协调和监督，推动旁听庭审工作常态化、制度化。"),
    ("加大普法创新力度",
     "充分运用新媒体平台和新技术手段，结合不同群体、不同行业的特点和需求，开展精准化、个性化普法宣传。"),
    ("加强普法队伍建设",
     "通过组织培训、引进人才等方式，提高普法工作人员的业务能力和专业素养，打造一支高素质、专业化的普法队伍。"),
    ("持续深化“法律六进”",
     "整合部门资源，坚持经常性宣传与集中宣传、传统媒体与新兴媒体相结合，推动普法宣传“六进”。"),
    ("推动法治文化阵地提档升级",
     "推动各乡镇深度挖掘地方文化、传统文化、红色文化等特色内涵，营造浓厚的法治文化氛围。"),
    ("全面加快法治乡村建设",
     "优化创建标准，强化动态管理，申报新一批“民主法治示范村（社区）”，大力培养农村“法律明白人”。"),
    ("落实媒体公益普法制度",
     "依托新媒体普法矩阵，利用{MEDIA}、{MEDIA}等平台持续发布法律法规知识，增强群众的认同感、获得感。"),
    ("加强青少年法治教育",
     "进一步压实法治副校长责任，深入开展“利剑护蕾”专项行动，守护未成年人健康成长。"),
    ("持续优化法治化营商环境",
     "深化“法治体检”等活动，为{ALL}民营企业提供精准法律服务。"),
    ("抓好“关键少数”学法用法",
     "完善领导干部应知应会法律法规清单制度，推动领导干部述法工作常态化。"),
]

_CLOSINGS = [
    "{ISS}将坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实习近平法治思想，忠实履行“谁执法谁普法”责任，为建设更高水平的法治{P}贡献力量。",
    "下一步，{WE}将继续深入推进“{EIGHT}”普法工作，为{ALL}高质量发展营造良好法治环境。",
    "特此报告。",
]

_OPINION_TOPICS = ["深化普法强基补短板专项行动", "加强青少年法治宣传教育", "推进法治乡村建设", "加强社会主义法治文化建设",
                   "落实国家机关“谁执法谁普法”普法责任制", "加强“法律明白人”培养工作", "开展“{EIGHT}”普法中期评估",
                   "深入推进以案释法工作"]

_OPINION_SECTIONS = [
    ("加强组织保障，健全制度建设",
     ["健全挂联机制。健全完善对{COUNTY}、{COUNTY}专项普法挂联机制，明确挂联领导、责任股室和联络员。",
      "加强考核督导。将专项普法工作成效纳入年度法治建设成效考核，作为“{EIGHT}”普法总结验收的重要内容。",
      "注重经验总结。深入总结专项普法相关经验做法，持续巩固普法成果，形成长期有效的普法机制。"]),
    ("扎实开展公民法治素养提升行动",
     ["加强国家工作人员法治教育。抓好领导干部学法用法，推动建立领导干部应知应会党内法规和国家法律清单制度。",
      "加强青少年法治教育。深化“法律进校园”活动，组织开展“利剑护蕾”专项行动，聚焦留守儿童、问题青少年等重点群体开展宣传。",
      "加强农村法治教育。加大对{LAWSBARE}等法律法规的宣传力度，鼓励少数民族法治文化创作。",
      "加强外出务工人员和农村青壮年法治教育。探索建立劳务输出地和劳务输入地的法治教育协同机制。"]),
    ("加强普法人才队伍建设",
     ["积极推进“法治副村长”建设。选派政治强、业务精的司法行政干警担任“法治副村长”，定期到村（社区）参与研究法治工作。",
      "加强“法律明白人”培养工作。{Y}年底前确保每个村（社区）培养不少于{N}名“法律明白人”。",
      "进一步发挥“一村（社区）一法律顾问”作用，确保每个村（社区）实现法律顾问全配备。"]),
    ("压实普法责任，加大普法宣传力度",
     ["持续深化专项普法宣传工作。在融媒体中心开设专题专栏，利用“法治{P}”微信公众号等平台精准推送普法内容。",
      "加强优质普法产品资源供给。鼓励{COURT}、{PROC}、{POL}以及行政执法单位创作优秀普法产品。",
      "建强用好法治宣传产品资源库，全面推进精细普法模式，增强法治宣传教育的针对性、实效性。"]),
    ("做好特殊人群普法宣传、教育帮扶工作",
     ["扎实开展社区矫正对象的监管教育工作。制定“一人一案”学习档案，建立“一对一”“多帮一”帮教制度。",
      "扎实开展刑释解矫人员安置帮教工作。加强与民政、人社、教育等部门沟通协作，实现安置帮教对象帮教率{PCT}以上。"]),
    ("持续加强基层依法治理",
     ["抓实矛盾纠纷调处化解。持续推进“调解+普法”的工作模式，实现调解普法率100%。",
      "提升公共法律服务质效。在法律援助、法律咨询中持续推进“服务+普法”工作模式。",
      "持续深化基层法治创建活动。深入开展“民主法治示范村（社区）”创建，推动示范点连点、成线、扩面。"]),
]

#: requirements appended to the items of an 实施意见
_OPINION_ASKS = [
    "各单位要结合实际制定具体实施方案，于{MONTH}前报送。",
    "要充分利用{CAMP}等重要时间节点，集中开展主题宣传活动。",
    "要以{LAWS}为重点，面向{GROUP}开展精准普法。",
    "每季度至少开展{N}次集中宣传活动，全年覆盖{GROUP}不少于{NR}00人次。",
    "要加强与{AG}、{AG}的协调配合，形成工作合力。",
    "依托{VENUE}等法治文化阵地，常态化开展法治宣传。",
    "工作开展情况纳入年度法治建设成效考核，考核结果在{ALL}范围内通报。",
    "{Y}年底前，{ALL}建成{N}个以上法治文化示范点，打造{N2}条法治宣传长廊。",
]

_NOTICE_BASICS = [
    ("创新工作格局，精心统筹部署",
     "{Y}年初{PARTY}{GOV}下发实施意见、{YFZ}下发考评办法，将“谁执法谁普法”责任制纳入{ALL}绩效考核，形成齐抓共管“大普法”工作格局。"),
    ("健全工作机制，落实以案释法",
     "各单位主要负责人对普法责任制工作高度重视，全面建立法官、检察官、律师和行政执法人员以案释法制度，各责任单位每季度至少报送{N}个典型案例。"),
    ("明确普法责任，建立责任清单",
     "各单位均明确了“谁执法谁普法”的责任分工，明确主要领导和分管领导的普法责任，明确具体职责部门和责任人员。"),
    ("突出重点对象，开展主题活动",
     "{COURT}、{PROC}、{POL}等单位围绕{CAMP}开展集中宣传{NS}，{EDU}组织“{THEME}”主题活动，覆盖{NSTU}。"),
    ("评议结果",
     "经单位自评、现场述职和群众代表测评，{AG}、{AG}、{AG}等{N}家单位评议为优秀等次，{AG}等{N2}家单位评议为良好等次。"),
]

_NOTICE_PROBLEMS = [
    ("部分单位的认识有待进一步提高",
     "部分单位对“谁执法谁普法”责任制重视不够、认识不到位，有的单位认为自己没有执法权，不需要落实普法责任制。"),
    ("普法工作机制有待进一步健全",
     "个别单位内部普法组织机构不健全、具体分工不明确，相关制度性文件和普法责任清单不完善。"),
    ("普法新媒体宣传有待进一步加强",
     "少数单位法治宣传方法和形式较为单一，围绕社会热点问题开展新媒体宣传较少。"),
    ("以案释法工作有待进一步深化",
     "部分单位案例报送不及时，案例分析流于形式，以案释法的针对性不强。"),
]

_NOTICE_EXAMPLES = [
    "如{AG}全年仅开展普法活动{N}次，{AG}未按时报送普法责任清单。",
    "评议中，{AG}、{AG}的履职报告内容简单空洞，未体现本单位执法特点。",
    "督查中发现，{N}家单位未明确专职普法工作人员，{N2}家单位未建立以案释法案例库。",
    "{AG}的微信公众号全年发布普法信息不足{N}条，群众关注度不高。",
]

_NOTICE_REQS = [
    ("进一步强化重要性认识，落实岗位责任",
     "要进一步提高对国家机关实行“谁执法谁普法”普法责任制重要性的认识，使每一名执法工作人员都深刻认识到普法是份内职责。"),
    ("进一步健全监督问责机制，加强人员保障",
     "要按照年初的工作计划分解工作任务，明确专人负责，并强化监督问责机制，定期考核。"),
    ("要做实宣传内容，创新宣传方式",
     "要继续利用{MEDIA}、{MEDIA}等新媒体平台，明确专人负责定期更新，拓宽普法宣传覆盖面。"),
    ("要加强案例整理和发布，提升以案释法工作水平",
     "充分发挥律师、行政执法人员、法官、检察官“以案释法”宣讲团队作用，积极组织开展各类宣讲活动。"),
]

# --------------------------------------------------------------------------------------
# One report
# --------------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{([A-Z][A-Z0-9]*)\}")
_DISTINCT = frozenset(("AG", "LAW", "MEDIA", "GROUP", "VILLAGE", "SCHOOL", "WORK", "COUNTY", "N", "N2"))


@dataclass
class Spec:
    """What the layout decided for one report."""

    index: int
    fmt: str  # plain | gbk | html | noisy
    traditional: bool
    glosses: bool


@dataclass
class Writer:
    rng: random.Random
    cat: Catalogue
    year: int = 0
    place: Division = None  # type: ignore[assignment]  # the issuing jurisdiction
    upper: Division | None = None
    issuer_body: str = "司法局"
    towns: list[tuple[str, list[str]]] = field(default_factory=list)
    used: set[str] = field(default_factory=set)  # templates already written (membership only)

    # ---- set-up -----------------------------------------------------------------------

    def setup(self) -> None:
        rng, cat = self.rng, self.cat
        self.year = rng.choice((2020, 2021, 2021, 2022, 2022, 2023, 2023, 2023, 2024, 2024, 2024, 2025))
        if rng.random() < 0.2:
            self.place = rng.choice(cat.cities)
        else:
            self.place = rng.choice(cat.counties)
        self.upper = self.place.parent
        self.issuer_body = rng.choices(["司法局", "教育局", "公安局", "市场监督管理局", "人民法院", "人民检察院"],
                                       [70, 6, 6, 6, 6, 6])[0]
        self.towns = []
        used: list[str] = []
        for _ in range(rng.randint(3, 6)):
            name = self._name2(used)
            suffix = rng.choices(["镇", "乡", "街道"], [6, 2, 2])[0]
            villages = [self._name2(used) + rng.choices(["村", "社区"], [4, 1])[0] for _ in range(rng.randint(2, 3))]
            self.towns.append((name + suffix, villages))

    def _name2(self, used: list[str]) -> str:
        for _ in range(20):
            a, b = self.rng.choice(_PLACE_CHARS), self.rng.choice(_PLACE_CHARS)
            if a != b and a + b not in used:
                used.append(a + b)
                return a + b
        return a + b

    # ---- filling templates ------------------------------------------------------------

    def fill(self, template: str) -> str:
        outer, self._seen = getattr(self, "_seen", None), []
        try:
            return _PLACEHOLDER.sub(self._one, template)
        finally:
            self._seen = outer

    def _one(self, m: re.Match) -> str:
        key = m.group(1)
        make = getattr(self, "f_" + key)
        value = make()
        if key in _DISTINCT:  # two {AG} or {LAW} in one sentence name two different things
            for _ in range(6):
                if value not in self._seen:
                    break
                value = make()
            self._seen.append(value)
        return value

    # place and level
    def f_Y(self) -> str: return str(self.year)  # noqa: E704
    def f_L(self) -> str: return self.place.L  # noqa: E704
    def f_ALL(self) -> str: return "全" + self.place.L  # noqa: E704
    def f_WE(self) -> str: return "我" + self.place.L  # noqa: E704
    def f_P(self) -> str: return self.place.bare  # noqa: E704
    def f_PF(self) -> str: return self.rng.choice(self.place.prefixed)  # noqa: E704

    def f_UP(self) -> str:
        return self.upper.bare if self.upper else self.place.bare

    def f_UPF(self) -> str:
        return self.upper.name if self.upper else self.place.name

    def f_PROV(self) -> str:
        prov = self.place.province
        return prov.L if self.rng.random() < 0.5 else prov.bare

    def f_PROVF(self) -> str:
        return self.place.province.name

    def f_EIGHT(self) -> str:
        return "七五" if self.year <= 2020 else "八五"

    def f_CONG(self) -> str:
        if self.year >= 2024:
            return "党的二十大和二十届二中、三中全会"
        if self.year >= 2023:
            return "党的二十大"
        return "党的十九大和十九届历次全会"

    def f_COUNTY(self) -> str:
        kids = self.cat.children.get(self.place.code, [])
        return self.rng.choice(kids).name if kids else self.place.name

    # agencies
    def own(self, body: str, full: float = 0.3) -> str:
        """An agency of the issuing jurisdiction: 县司法局, 灌云县司法局, 巴州司法局."""
        if self.rng.random() < full:
            return self.rng.choice(self.place.prefixed) + body
        return self.place.L + body

    def f_ISS(self) -> str:
        r = self.rng.random()
        if r < 0.15 and self.issuer_body.endswith("局"):
            return "我局"
        return self.own(self.issuer_body, 0.35)

    def f_ISSF(self) -> str:
        return self.place.name + self.issuer_body

    def f_JUSHEAD(self) -> str:
        return self.rng.choice(["局党组书记", "党组书记、局长", "主要负责同志", "分管副" + self.place.L + "长"])

    def f_AG(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.35:
            return self.own(rng.choice(("人民法院", "法院", "人民检察院", "检察院", "公安局", "司法局", "教育局",
                                        "市场监督管理局", "市场监管局")))
        if r < 0.75:
            return self.own(rng.choice(self.cat.departments), 0.2)
        if r < 0.85:
            return self.f_YOUTH() if rng.random() < 0.5 else self.own(rng.choice(("妇联", "总工会", "关工委", "科协", "残联")), 0.1)
        if r < 0.92:
            return self.own(rng.choice(("纪委", "监委", "委宣传部", "委政法委", "委组织部", "融媒体中心")), 0.1)
        return self.f_SFS()

    def f_AGS(self) -> str:
        return self.ag_list(self.rng.randint(2, 4))

    def ag_list(self, n: int) -> str:
        out: list[str] = []
        for _ in range(n * 3):
            a = self.f_AG()
            if a not in out:
                out.append(a)
            if len(out) == n:
                break
        return "、".join(out)

    def f_COURT(self) -> str: return self.own(self.rng.choice(("人民法院", "法院")), 0.25)  # noqa: E704
    def f_PROC(self) -> str: return self.own(self.rng.choice(("人民检察院", "检察院")), 0.25)  # noqa: E704
    def f_EDU(self) -> str: return self.own(self.rng.choice(("教育局", "教育体育局", "教体局")), 0.2)  # noqa: E704

    def f_POL(self) -> str:
        if self.place.L == "区" and self.upper is not None and self.rng.random() < 0.4:
            return f"{self.upper.L}公安局{self.place.bare}分局"
        return self.own("公安局", 0.25)

    def f_YOUTH(self) -> str:
        if self.rng.random() < 0.8:
            return f"团{self.place.L}委"
        return f"共青团{self.place.name}委员会"

    def f_PARTY(self) -> str: return self.place.L + "委"  # noqa: E704
    def f_GOV(self) -> str: return self.place.L + "政府"  # noqa: E704

    def f_YFZ(self) -> str:
        L = self.place.L
        return self.rng.choice((f"{L}委依法治{L}办", f"{L}委全面依法治{L}办", f"{L}委法治办", f"依法治{L}办"))

    def f_SFS(self) -> str:
        town = self.rng.choice(self.towns)[0]
        return town + "司法所"

    def f_UPAG(self) -> str:
        up, rng = self.upper, self.rng
        if up is None or up.level == "province":
            prov = self.place.province
            return rng.choice((f"{prov.L}司法厅", "省厅" if prov.L == "省" else f"{prov.name}司法厅"))
        if up.L in ("市", "州") and self.place.L != up.L:
            return rng.choice((f"{up.L}司法局", f"{up.L}局", rng.choice(up.prefixed) + "司法局"))
        return rng.choice(up.prefixed) + "司法局"

    # people
    def f_PERSON(self) -> str:
        rng = self.rng
        name = rng.choice(self.cat.surnames) + "".join(rng.choice(_GIVEN_CHARS) for _ in range(rng.randint(1, 2)))
        r = rng.random()
        if r < 0.3:
            return f"{self.f_UPF()}委党校法学硕士{name}老师"
        if r < 0.55:
            return f"分管副{self.place.L}长{name}同志"
        if r < 0.75:
            return f"{self.own('人民法院', 0.2)}{name}法官"
        return f"{rng.choice(('华东政法大学', '西南政法大学', '中国政法大学', self.place.province.bare + '大学'))}{name}教授"

    # laws, campaigns, themes
    def _law(self) -> Law:
        for _ in range(10):
            law = self.rng.choices(self.cat.laws, cum_weights=self.cat.law_cum)[0]
            if _LAW_YEAR.get(law.name, 0) <= self.year:
                return law
        return self.cat.laws[0]

    def f_LAW(self) -> str:
        law, rng = self._law(), self.rng
        r = rng.random()
        if r < 0.12 and law.full != law.name:
            return f"《{law.full}》"
        if r < 0.25 and law.aliases:
            return f"《{rng.choice(law.aliases)}》"
        return f"《{law.name}》"

    def f_LAWNEW(self) -> str:
        law, rng = self._law(), self.rng
        name = rng.choice(law.aliases) if law.aliases and rng.random() < 0.6 else law.name
        return rng.choice(("新《{}》", "新修订的《{}》", "《{}》")).format(name)

    def f_LAWS(self) -> str:
        names: list[str] = []
        for _ in range(self.rng.randint(2, 5)):
            n = self.f_LAW()
            if n not in names:
                names.append(n)
        return ("、" if self.rng.random() < 0.6 else "").join(names)

    def f_LAWSBARE(self) -> str:
        names: list[str] = []
        for _ in range(self.rng.randint(2, 4)):
            n = self._law().name
            if n not in names:
                names.append(n)
        return "、".join(names)

    def f_CAMP(self) -> str:
        rng, cat = self.rng, self.cat
        for _ in range(10):
            c = rng.choices(cat.campaigns, cum_weights=cat.campaign_cum)[0]
            if (c.first and c.first > self.year) or (c.last and c.last < self.year):
                continue
            name = c.name
            if c.aliases and rng.random() < 0.3:
                name = rng.choice(c.aliases)
            if name.endswith("活动") and len(name) > 4:
                name = name[:-2]
            if name.startswith("“") or len(name) < 3 or rng.random() < 0.6:
                return name if name.startswith("“") or len(name) < 3 else f"“{name}”"
            return name
        return "“法律六进”"

    def f_DAYACT(self) -> str:
        rng = self.rng
        c = rng.choice(self.cat.day_campaigns)
        if c.day:
            date = f"{c.month}月{c.day}日"
        else:
            date = f"{rng.randint(9, 10)}月{rng.randint(1, 28)}日"
        name = c.name
        short = [a for a in c.aliases if "·" in a and not a.startswith("“")]
        if short and rng.random() < 0.4:
            name = f"“{short[0]}”{c.name}" if not short[0].endswith(c.name) else short[0]
        venue = rng.choice((self.f_SQUARE, self.f_SCHOOL, self.f_PARK, self.f_MARKET))()
        tail = rng.choice(("宣传活动", "主题宣传活动", "集中宣传活动", "法治宣传活动暨启动仪式"))
        extra = rng.choice((
            f"，发放宣传资料{self.f_NC()}，接受群众咨询{self.f_NQ()}",
            f"，{self.f_AGS()}等单位参加",
            "，进一步弘扬法治精神，营造了浓厚的法治氛围",
            f"，通过{self.f_FORMS()}等形式，吸引{self.f_NPG()}参与",
        ))
        return f"{date}在{venue}举办{self.year}年{self.f_PF()}{name}{tail}{extra}。"

    def f_THEME(self) -> str:
        return self.fill(self.rng.choice(_THEMES))

    def f_FORM(self) -> str:
        return self.rng.choice(self.cat.forms)

    def f_FORMS(self) -> str:
        out: list[str] = []
        for _ in range(self.rng.randint(2, 4)):
            f = self.rng.choice(("举办法治讲座", "开展知识竞赛", "设置法律咨询台", "举办宪法宣誓仪式", "组织法治文艺演出",
                                 "发放宣传资料", "播放普法微视频", "开展有奖问答", "举办模拟法庭", "展出法治图片",
                                 "以案释法", "入户走访", self.f_FORM()))
            if f not in out:
                out.append(f)
        return "、".join(out)

    def f_MEDIA(self) -> str:
        return self.rng.choice(self.cat.media)

    def f_BOOK(self) -> str: return self.fill(self.rng.choice(_BOOKLETS))  # noqa: E704
    def f_WORK(self) -> str: return self.fill(self.rng.choice(_WORKS))  # noqa: E704

    def f_GROUP(self) -> str:
        return self.rng.choice(self.cat.groups)

    # venues and villages
    def _venue(self, code: str) -> str:
        return self.rng.choice(self.cat.venue_suffixes.get(code) or [""])

    def _town_bare(self) -> str:
        town = self.rng.choice(self.towns)[0]
        return town[:-2] if town.endswith("街道") else town[:-1]

    def f_TOWN(self) -> str:
        return self.rng.choice(self.towns)[0]

    def f_VILLAGE(self) -> str:
        town, villages = self.rng.choice(self.towns)
        village = self.rng.choice(villages)
        return town + village if self.rng.random() < 0.7 else village

    def f_VB(self) -> str:
        v = self.rng.choice(self.rng.choice(self.towns)[1])
        return v[:-2] if v.endswith("社区") else v[:-1]

    def f_SCHOOL(self) -> str:
        rng = self.rng
        suffix = self._venue("school")
        r = rng.random()
        if r < 0.3 and suffix in ("中学", "小学"):
            return f"{self.place.bare}第{rng.choice(_CN_ORD[:6])}{suffix}"
        if r < 0.65:
            return self._town_bare() + suffix
        if r < 0.8:
            city = self.upper if self.upper is not None and self.upper.level == "city" else self.place
            return city.name + self._name2([]) + rng.choice(("中学", "小学"))
        return self._name2([]) + suffix

    def f_SQUARE(self) -> str:
        rng = self.rng
        return rng.choice((f"{self.place.bare}人民广场", f"{self._town_bare()}文化广场", f"{self._name2([])}广场",
                           f"{self.place.bare}法治文化广场", "县城中心广场" if self.place.L == "县" else "市民广场"))

    def f_PARK(self) -> str:
        return self.rng.choice((f"{self.place.bare}法治公园", f"{self._name2([])}公园", f"{self._name2([])}湿地公园"))

    def f_SCENIC(self) -> str:
        return self._name2([]) + self._venue("scenic_spot")

    def f_CORRIDOR(self) -> str:
        return self._town_bare() + self.f_VB() + self.rng.choice(("法治宣传长廊", "法治文化长廊", "长廊"))

    def f_INDPARK(self) -> str:
        return self.rng.choice((self.place.bare, self._name2([]))) + self._venue("industrial_park")

    def f_MARKET(self) -> str:
        return self._town_bare() + self.rng.choice(("农贸市场", "集市", "商场"))

    def f_ELDER(self) -> str:
        return self.rng.choice((self._town_bare() + self._venue("elderly_center"), "老年人活动中心"))

    def f_VENUE(self) -> str:
        return self.rng.choice((self.f_SQUARE, self.f_PARK, self.f_CORRIDOR, self.f_SCHOOL, self.f_SCENIC))()

    def f_MEETING(self) -> str:
        return f"{self.place.L}政府{self.rng.randint(1, 6)}0{self.rng.randint(1, 9)}会议室"

    # numbers and dates
    def f_DATE(self) -> str:
        m = self.rng.randint(1, 12)
        return f"{m}月{self.rng.randint(1, 28 if m == 2 else 30)}日"

    def f_MONTH(self) -> str:
        m = self.rng.randint(1, 12)
        return self.rng.choice((f"今年{m}月份", f"{m}月份", f"{m}月", f"{m}月中旬", f"{m}月下旬"))

    def f_N(self) -> str: return str(self.rng.randint(2, 12))  # noqa: E704
    def f_N2(self) -> str: return self.rng.choice(_CN_ORD[1:8]) if self.rng.random() < 0.2 else str(self.rng.randint(2, 9))  # noqa: E704
    def f_NB(self) -> str: return str(self.rng.choice((self.rng.randint(12, 99), self.rng.randint(100, 400))))  # noqa: E704
    def f_ORD(self) -> str: return self.rng.choice(_CN_ORD[:9])  # noqa: E704

    def f_NR(self) -> str: return str(self.rng.randint(2, 40) * 10)  # noqa: E704

    def f_NS(self) -> str:
        rng = self.rng
        if rng.random() < 0.6:
            return f"{rng.randint(2, 30) * 10}{rng.choice(('余场', '多场', '余场次'))}"
        return f"{rng.randint(12, 98)}{rng.choice(('场次', '场'))}"

    def f_NC(self) -> str:
        rng = self.rng
        if rng.random() < 0.45:
            return f"{rng.randint(1, 9)}{rng.choice(('万多份', '万余份', '万份'))}"
        return f"{rng.randint(2, 99) * 100}{rng.choice(('余份', '多份', '份'))}" if rng.random() < 0.8 else f"{rng.randint(200, 9999)}份"

    def f_NP(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.25:
            return f"{rng.randint(1, 9)}万余人次"
        if r < 0.7:
            return f"{rng.randint(2, 99) * 100}{rng.choice(('余人次', '多人', '余人'))}"
        return f"{rng.randint(120, 9999)}人次"

    def f_NPG(self) -> str:
        return f"{self.rng.randint(2, 99) * 10}余名{self.rng.choice(_GROUP_NOUNS)}"

    def f_NQ(self) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            return f"{rng.randint(2, 50) * 10}{rng.choice(('余人次', '余次'))}"
        return f"{rng.randint(20, 500)}人次"

    def f_NSTU(self) -> str:
        rng = self.rng
        return f"{rng.randint(2, 8)}所{rng.choice(('中学', '小学', '学校'))}{rng.randint(3, 60) * 10}余名学生"

    def f_PCTS(self) -> str:
        return f"{self.rng.randint(3, 30)}.{self.rng.randint(1, 9)}%"

    def f_PCT(self) -> str:
        rng = self.rng
        return rng.choice(("100%", f"{rng.randint(85, 99)}%", f"{rng.randint(85, 99)}.{rng.randint(1, 9)}%"))

    # ---- paragraphs -------------------------------------------------------------------

    def acts(self, topic: str, n: int) -> list[str]:
        pool = [t for t in _ACTS.get(topic, []) + _ACTS["*"] if t not in self.used]
        if len(pool) < n:
            pool = _ACTS.get(topic, []) + _ACTS["*"]
        picks = self.rng.sample(pool, min(n, len(pool)))
        self.used.update(picks)
        return [self.fill(t) for t in picks]

    def items(self, topic: str, n: int) -> str:
        """一是…二是…: item leads of the topic, each followed by one or two activity sentences."""
        leads = self.rng.sample(_ITEM_LEADS[topic], min(n, len(_ITEM_LEADS[topic])))
        out = []
        for i, lead in enumerate(leads):
            body = "".join(self.acts(topic, self.rng.randint(1, 3)))
            out.append(f"{_CN_ORD[i]}是{lead}。{body}")
        return "".join(out)

    def opening(self) -> str:
        rng = self.rng
        return self.fill(rng.choice(_OPEN_LEADS) + rng.choice(_OPEN_MIDS) + rng.choice(_OPEN_ENDS))

    def problems(self, numbered: bool = False) -> list[str]:
        picks = self.rng.sample(_PROBLEMS, self.rng.randint(2, 4))
        if numbered:
            return [f"{i + 1}.{p}。" for i, p in enumerate(picks)]
        sep = self.rng.choice(("；", "。"))
        return ["".join(f"{_CN_ORD[i]}是{p}{sep if i < len(picks) - 1 else '。'}" for i, p in enumerate(picks))]

    def plans(self, style: str) -> list[str]:
        picks = self.rng.sample(_PLANS, self.rng.randint(2, 4))
        if style == "items":
            return ["".join(f"{_CN_ORD[i]}是{h}，{self.fill(b)}" for i, (h, b) in enumerate(picks))]
        if style == "numbered":
            return [f"{i + 1}.{h}。{self.fill(b)}" for i, (h, b) in enumerate(picks)]
        return [f"（{_CN_ORD[i]}）{h}。{self.fill(b)}" for i, (h, b) in enumerate(picks)]

    # ---- document kinds ----------------------------------------------------------------

    def signature_issuer(self) -> str:
        return self.place.name + self.issuer_body

    def duty_report(self) -> tuple[str, list[str], str]:
        """履职报告: 一、工作开展情况 (（一）… with 一是…), 二、成效, 三、存在的问题, 四、下一步."""
        rng, Y, iss = self.rng, self.year, self.f_ISSF()
        title = rng.choice((f"{Y}年{iss}“谁执法谁普法”履职情况报告", f"{iss}{Y}年度落实普法责任制情况报告",
                            f"{iss}关于{Y}年度“谁执法谁普法”普法责任制落实情况的报告",
                            f"{Y}年{iss}普法责任制履职报告"))
        lines = [self.opening() + "现将履职情况报告如下："]
        lines.append("一、工作开展情况")
        topics = ["org"] + rng.sample([t for t in _HEADINGS if t != "org"], rng.randint(2, 4))
        for i, t in enumerate(topics):
            head = rng.choice(_HEADINGS[t])
            intro = self.fill(rng.choice(_INTROS[t]))
            body = self.items(t, rng.randint(2, 4)) if rng.random() < 0.7 else "".join(self.acts(t, rng.randint(2, 3)))
            lines.append(f"（{_CN_ORD[i]}）{head}。{intro}{body}")
        lines.append("二、工作成效")
        lines.append("".join(self.fill(e) for e in rng.sample(_EFFECTS, 2)))
        lines.append("三、存在的问题")
        lines += self.problems()
        lines.append(rng.choice(("四、下一步工作计划", "四、下一步工作打算", "四、下一步工作措施")))
        lines += self.plans(rng.choice(("items", "sub")))
        lines.append(self.fill(rng.choice(_CLOSINGS)))
        return title, lines, self.signature_issuer()

    def summary(self) -> tuple[str, list[str], str]:
        """工作总结: themed 一、… sections, each with （一） subsections or activity paragraphs."""
        rng, Y, pf = self.rng, self.year, self.place.name
        title = rng.choice((f"{pf}{Y}年普法工作总结", f"{Y}年{pf}普法责任落实情况报告", f"{pf}{Y}年普法依法治理工作总结",
                            f"{pf}{self.issuer_body}{Y}年法治宣传教育工作总结", f"{Y}年{self.place.bare}普法工作情况报告"))
        lines = []
        if rng.random() < 0.15:
            lines.append("[bookmark: _GoBack]" + self.opening() + f"现将今年来{self.f_WE()}普法工作情况总结如下：")
        else:
            lines.append(self.opening() + f"现将今年来{self.f_WE()}普法工作情况总结如下：")
        topics = rng.sample(list(_HEADINGS), rng.randint(3, 6))
        k = 0
        for t in topics:
            lines.append(f"{_CN_ORD[k]}、{rng.choice(_HEADINGS[t])}")
            k += 1
            if rng.random() < 0.5:
                subs = rng.sample([s for s in _HEADINGS if s != t], rng.randint(1, 3))
                for j, s in enumerate([t] + subs):
                    heads = [h for h in _HEADINGS[s] if h not in lines[-1 - j]]
                    lines.append(f"（{_CN_ORD[j]}）{rng.choice(heads)}。" + "".join(self.acts(s, rng.randint(2, 3))))
            else:
                lines.append(self.fill(rng.choice(_INTROS[t])) + "".join(self.acts(t, rng.randint(2, 4))))
        lines.append(f"{_CN_ORD[k]}、" + rng.choice(("存在的问题和不足", "存在问题", "存在的问题")))
        lines += ["虽然{}在普法依法治理方面做了一些工作，取得了一定成效，但也存在一些不足：".format(self.f_WE())
                  + self.problems()[0]] if rng.random() < 0.5 else self.problems()
        lines.append(f"{_CN_ORD[k + 1]}、" + rng.choice(("下一步工作措施", "明年工作打算", f"{Y + 1}年工作计划")))
        lines += self.plans(rng.choice(("sub", "sub", "items")))
        return title, lines, self.signature_issuer()

    def notice(self) -> tuple[str, list[str], str]:
        """评议通报: addressee, 一、基本情况 1. 2., 二、存在的主要问题, 三、下一步工作要求; signed by the 依法治办."""
        rng, Y, L = self.rng, self.year, self.place.L
        pf = self.place.name
        title = f"{Y}年{pf}落实国家机关“谁执法谁普法”责任制履职评议情况通报"
        lines = [rng.choice((f"{L}直各单位：", f"各乡镇（街道），{L}直各单位：", f"{L}直各有关单位："))]
        lines.append(f"根据《{pf}国家机关“谁执法谁普法”履职报告评议活动实施方案》，现将{Y}年落实国家机关“谁执法谁普法”"
                     "普法责任制履职评议情况通报如下：")
        lines.append("一、基本情况")
        for i, (h, b) in enumerate(rng.sample(_NOTICE_BASICS, rng.randint(4, 5))):
            extra = "".join(self.acts(rng.choice(list(_HEADINGS)), rng.randint(1, 3)))
            lines.append(f"{i + 1}.{h}。{self.fill(b)}{extra}")
        lines.append("二、存在的主要问题")
        for i, (h, b) in enumerate(rng.sample(_NOTICE_PROBLEMS, rng.randint(2, 4))):
            example = self.fill(rng.choice(_NOTICE_EXAMPLES)) if rng.random() < 0.6 else ""
            lines.append(f"{i + 1}.{h}。{self.fill(b)}{example}")
        lines.append("三、下一步工作要求")
        for i, (h, b) in enumerate(rng.sample(_NOTICE_REQS, rng.randint(2, 4))):
            asks = "".join(self.fill(a) for a in rng.sample(_OPINION_ASKS, rng.randint(0, 2)))
            lines.append(f"{i + 1}.{h}。{self.fill(b)}{asks}")
        if self.place.level == "county" and self.upper is not None and self.upper.level == "city" and rng.random() < 0.6:
            region = self.upper.name + pf
        else:
            region = pf
        return title, lines, f"中共{region}委全面依法治{L}委员会办公室"

    def opinion(self) -> tuple[str, list[str], str]:
        """实施意见 with its covering notice: （一）…（十五） items numbered across sections, each with 牵头单位."""
        rng, Y = self.rng, self.year
        self.issuer_body = "司法局"
        iss = self.place.name + "司法局"
        short_iss = rng.choice(self.place.prefixed) + "司法局"
        topic = self.fill(rng.choice(_OPINION_TOPICS))
        inner = f"关于{topic}的实施意见（{Y}—{Y + 1}年）" if rng.random() < 0.5 else f"关于{topic}的实施意见"
        title = f"{short_iss}关于印发《{inner}》的通知" if rng.random() < 0.7 else inner
        if self.place.level == "city":
            kids = "各县市司法局" if rng.random() < 0.5 else "各县（市、区）司法局"
            sections = _SECTIONS_CITY
        else:
            kids = "各乡镇（街道）司法所"
            sections = _SECTIONS_COUNTY
        lines = [f"{kids}，局机关各{'科室' if self.place.level == 'city' else '股室'}："]
        lines.append(f"现将《{inner}》印发给你们，请结合实际，认真抓好贯彻落实。联络员名单请于{rng.randint(3, 6)}月"
                     f"{rng.randint(1, 28)}日前报{short_iss}{sections[0]}。联系电话：0{rng.randint(300, 999)}-"
                     f"{rng.randint(2000000, 8999999)}。")
        lines.append(f"{Y}年{rng.randint(1, 4)}月{rng.randint(1, 28)}日")
        if rng.random() < 0.6:
            lines.append(rng.choice(("（此件公开发布）", "（此件主动公开）")))
        lines.append(f"{iss}{inner}")
        lines.append(f"为深入贯彻落实习近平法治思想，进一步巩固{Y - 1}年普法工作成果，按照上级关于{topic}的总体部署，"
                     f"推动{Y}至{Y + 1}年普法工作走深走实，结合{self.place.bare}司法行政系统工作实际，提出以下意见。")
        k = 0
        for s, (head, items) in enumerate(rng.sample(_OPINION_SECTIONS, rng.randint(4, 6))):
            lines.append(f"{_CN_ORD[s]}、{head}")
            for item in rng.sample(items, rng.randint(min(2, len(items)), len(items))):
                leads = "、".join(rng.sample(sections, rng.randint(1, 3)))
                tail = f"，{kids[:-3] if kids.endswith('司法所') else kids}" if rng.random() < 0.7 else ""
                asks = "".join(self.fill(a) for a in rng.sample(_OPINION_ASKS, rng.randint(0, 2)))
                lines.append(f"（{_CN_ORD[k]}）{self.fill(item)}{asks}（牵头单位：{leads}{tail}）")
                k += 1
        return title, lines, iss

    def plan(self) -> tuple[str, list[str], str]:
        """工作要点: 一、… headings with numbered 1. items and 责任单位."""
        rng, Y = self.rng, self.year
        pf = rng.choice(self.place.prefixed)
        title = rng.choice((f"{Y}年{pf}普法依法治理工作要点", f"{pf}{Y}年普法工作要点", f"{pf}{Y}年法治宣传教育工作计划"))
        lines = [f"{Y}年{self.f_ALL()}普法依法治理工作的总体要求是：坚持以习近平新时代中国特色社会主义思想为指导，"
                 f"深入学习贯彻习近平法治思想，全面落实“{self.f_EIGHT()}”普法规划，为{self.f_ALL()}经济社会发展营造良好法治环境。"]
        for s, t in enumerate(rng.sample(list(_HEADINGS), rng.randint(4, 6))):
            lines.append(f"{_CN_ORD[s]}、{rng.choice(_HEADINGS[t])}")
            for i, sent in enumerate(self.acts(t, rng.randint(2, 4))):
                lines.append(f"{i + 1}.{sent}（责任单位：{self.ag_list(rng.randint(1, 3))}）")
        return title, lines, self.fill("{YFZ}") if rng.random() < 0.5 else self.place.name + "司法局"

    def compose(self) -> tuple[str, list[str], str, str]:
        """(title, body lines, issuer, date of signing)"""
        self.setup()
        kind = self.rng.choices(("duty", "summary", "notice", "opinion", "plan"), (35, 30, 13, 11, 11))[0]
        title, lines, issuer = getattr(self, {"duty": "duty_report", "summary": "summary", "notice": "notice",
                                              "opinion": "opinion", "plan": "plan"}[kind])()
        if kind in ("opinion", "plan"):
            y, m = self.year, self.rng.randint(1, 4)
        else:
            y, m = (self.year, 12) if self.rng.random() < 0.3 else (self.year + 1, self.rng.randint(1, 4))
        return title, lines, issuer, f"{y}-{m:02d}-{self.rng.randint(1, 28):02d}"


# --------------------------------------------------------------------------------------
# Script, glosses and containers
# --------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


_GLOSS_OK = re.compile("^[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}$")
_TONED = set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ")


@lru_cache(maxsize=None)
def _pinyin(ch: str) -> str:
    from pypinyin import Style, pinyin

    py = pinyin(ch, style=Style.TONE, heteronym=False, errors="ignore")
    if not py or not py[0]:
        return ""
    syl = py[0][0]
    return syl if _GLOSS_OK.match(syl) and any(c in _TONED for c in syl) else ""


def add_glosses(text: str, rng: random.Random, share: float = 0.05) -> str:
    """數(shù): a toned pinyin syllable in parentheses after about ``share`` of the Han characters."""
    out = []
    rand = rng.random
    for ch in text:
        out.append(ch)
        if "\u4e00" <= ch <= "\u9fff" and rand() < share:
            py = _pinyin(ch)
            if py:
                out.append(f"({py})")
    return "".join(out)


def _cn_number(n: int) -> str:
    """1..31 in Chinese: 七, 十二, 二十七."""
    if n <= 20:
        return _CN_ORD[n - 1]
    return _CN_DIGIT[n // 10] + "十" + (_CN_DIGIT[n % 10] if n % 10 else "")


def _cn_date(iso: str) -> str:
    """二〇二四年三月二十七日"""
    y, m, d = (int(x) for x in iso.split("-"))
    return "".join(_CN_DIGIT[int(c)] for c in str(y)) + f"年{_cn_number(m)}月{_cn_number(d)}日"


def _date_line(iso: str, rng: random.Random) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return _cn_date(iso) if rng.random() < 0.08 else f"{y}年{m}月{d}日"


def _index_number(rng: random.Random, code: str, iso: str) -> str:
    credit = "11" + code + "".join(rng.choice("0123456789") for _ in range(9)) + rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY")
    return rng.choice((f"{credit}/{iso[:4]}-{rng.randint(1, 99999):05d}", f"{credit}-/{iso[:4]}-{iso[5:7]}{iso[8:]}{rng.randint(1, 99):03d}",
                       f"{rng.randint(100, 999)}/{iso[:4]}-{rng.randint(1000000, 9999999)}"))


def _portal_header(w: Writer, rng: random.Random, title: str, issuer: str, iso: str) -> list[str]:
    """索引号 / 发布机构 / 发布日期 lines, in one of the layouts of the sample pages."""
    idx = _index_number(rng, w.place.code, iso)
    short_issuer = rng.choice((issuer, w.place.L + w.issuer_body if issuer.endswith("局") else issuer))
    hh, mm, ss = rng.randint(8, 18), rng.randint(0, 59), rng.randint(0, 59)
    docno = f"{w.place.bare[0]}{rng.choice(('司发', '法办发', '司通', '法宣'))}〔{iso[:4]}〕{rng.randint(1, 60)}号"
    style = rng.randrange(3)
    if style == 0:
        return [f"• 索 引 号:{idx}", f"  • 发布机构:{short_issuer}", f"  • 生成日期:{iso} {hh:02d}:{mm:02d}:{ss:02d}.0",
                f"  • 公开日期:{iso}", "  • 公开方式:政府网站", "  • 公开范围:全部公开"]
    if style == 1:
        return [f"索引号:{idx} 公开目录:{rng.choice(('通知公告', '工作动态', '普法依法治理', '部门文件'))} 发布机构:{short_issuer}",
                f"主题词: 发布日期:{iso} {hh:02d}:{mm:02d}:{ss:02d} 文  号:{docno}", "标 题:", title]
    return [f"索引号：{idx}", f"发布机构：{short_issuer}", f"发布日期：{iso}", f"文号：{docno}" if rng.random() < 0.5 else "主题分类：司法"]


_DEBRIS_TOP = [
    "时间:{D} {T} 信息来源:{I}[ 大 中 小 ] 浏览次数: [ 打印 ] [ 关闭 ] [ 收藏 ]",
    "发布时间：{D} {T}  来源：{I}  浏览次数：{V}",
    "字体【大 中 小】",
    "【字体：大 中 小】 【打印】 【关闭】",
    "来源:{I} {D} {T}",
    "浏览量:{V} | | | |",
    "您当前的位置：首页 > 政务公开 > 普法依法治理",
    "当前位置：首页 >> 工作动态 >> 普法宣传",
    "无障碍 长者模式",
    "分享到：微信 微博 QQ空间",
]
_DEBRIS_BOTTOM = [
    "【打印本页】 【关闭窗口】",
    "[打印] [关闭]",
    "分享到：",
    "扫一扫在手机打开当前页",
    "上一篇：{O}",
    "下一篇：{O}",
    "责任编辑：{E}",
    "编辑：{E}  审核：{E}",
    "相关附件",
    "版权所有：{G}  主办单位：{G}办公室",
    "网站标识码：{C}0001 ICP备{C}号-1",
]


def _debris(rng: random.Random, w: Writer, lines: list[str], issuer: str, iso: str) -> list[str]:
    subs = {
        "D": iso, "T": f"{rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}", "I": issuer, "V": str(rng.randint(1, 5000)),
        "G": w.place.name + "人民政府", "C": w.place.code,
    }

    def fill(t: str) -> str:
        t = re.sub(r"\{([A-Z])\}", lambda m: subs[m.group(1)] if m.group(1) in subs else m.group(0), t)
        t = t.replace("{O}", f"{w.place.name}{rng.choice(('开展', '举办', '召开'))}{rng.choice(('宪法宣传周', '民法典宣传月', '普法工作推进会', '法治讲座'))}活动")
        return t.replace("{E}", rng.choice(w.cat.surnames) + rng.choice(_GIVEN_CHARS) + rng.choice(("", rng.choice(_GIVEN_CHARS))))

    top = [fill(t) for t in rng.sample(_DEBRIS_TOP, rng.randint(1, 3))]
    bottom = [fill(t) for t in rng.sample(_DEBRIS_BOTTOM, rng.randint(2, 5))]
    # the title stays first when the page starts with it; debris sits around it
    head = lines[:1] if rng.random() < 0.5 else []
    rest = lines[len(head):]
    mid = []
    if rng.random() < 0.3:
        mid = [fill("浏览次数：{V}")]
    return (["首页"] if rng.random() < 0.2 else []) + head + top + rest[:1] + mid + rest[1:] + bottom


_HTML_NAV = ["首页", "机构概况", "政务公开", "工作动态", "普法依法治理", "公共法律服务", "互动交流"]


def _html_page(rng: random.Random, w: Writer, title: str, lines: list[str], issuer: str, iso: str) -> str:
    esc = html.escape
    site = w.place.name + rng.choice(("司法局", "人民政府"))
    crumb = " &gt; ".join(esc(x) for x in ["首页"] + rng.sample(_HTML_NAV[1:], 2))
    nav = "".join(f'<li><a href="/{i}/">{esc(x)}</a></li>' for i, x in enumerate(_HTML_NAV))
    paras = []
    for line in lines:
        t = esc(line)
        if rng.random() < 0.25 and len(line) > 40:
            cut = rng.randint(10, len(line) - 10)
            t = f'<span style="font-family:仿宋">{esc(line[:cut])}</span><span>{esc(line[cut:])}</span>'
        indent = ' style="text-indent:2em"' if rng.random() < 0.5 else ""
        paras.append(f"<p{indent}>{t}</p>")
    crumb_html = (f'<div class="{rng.choice(("position", "breadcrumb", "location"))}">您当前的位置：{crumb}</div>'
                  if rng.random() < 0.6 else f"<div>您当前的位置：{crumb}</div>")
    info = f'<div class="info">发布时间：{iso} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d} 来源：{esc(issuer)} 浏览次数：{rng.randint(1, 9999)}</div>'
    container = rng.choice(("article", "div"))
    opening = f'<{container} class="article">' if container == "div" else "<article>"
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        f"<title>{esc(title)}_{esc(site)}</title>\n"
        "<style>.article p{line-height:2em}</style>\n"
        f"<script>var _hmt=_hmt||[];var siteName=\"{esc(site)}\";document.write('<p>{esc(site)}</p>');</script>\n"
        "</head><body>\n"
        f'<div class="topbar">无障碍 | 长者模式 | <a href="#">繁體版</a></div>\n'
        f'<nav class="menu"><ul>{nav}</ul></nav>\n{crumb_html}\n'
        f"{opening}<h1>{esc(title)}</h1>\n{info}\n"
        f'<div class="content">\n' + "\n".join(paras) + "\n</div>\n"
        f'<div class="share">分享到：<a>微信</a><a>微博</a></div>\n'
        f"</{container}>\n"
        f"<footer>版权所有：{esc(site)} 网站标识码：{w.place.code}0001</footer>\n"
        "<script src=\"/js/stat.js\"></script>\n</body></html>\n"
    )


_ASCII_PUNCT = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")"})


def render(index: int, seed: int, spec: Spec) -> tuple[str, bytes]:
    """The file name and bytes of report ``index``."""
    rng = random.Random(f"{seed}-{index}")
    w = Writer(rng, catalogue())
    title, body, issuer, iso = w.compose()

    signature = rng.random() < 0.6 or spec.fmt == "html"
    lines = [title] + body
    if signature:
        sign = [issuer, _date_line(iso, rng)]
        if rng.random() < 0.2:  # right-aligned with spaces, as in an exported Word file
            sign = [" " * rng.randint(30, 68) + s for s in sign]
        lines += sign
    else:
        lines = _portal_header(w, rng, title, issuer, iso) + lines

    if spec.fmt == "noisy":
        lines = _debris(rng, w, lines, issuer, iso)

    if spec.fmt != "html":
        style = rng.random()
        if style < 0.2:
            lines = [ln.translate(_ASCII_PUNCT) for ln in lines]
        if rng.random() < 0.25:
            lines = [("\u3000\u3000" + ln) if len(ln) > 30 else ln for ln in lines]
        sep = "\n\n" if rng.random() < 0.3 else "\n"
        text = sep.join(lines)
        if spec.fmt == "noisy" and rng.random() < 0.3:
            text = text.replace("\n", "\r\n")
    else:
        text = ""

    if spec.fmt == "html":
        content = [_s2t().convert(x) for x in lines] if spec.traditional else lines
        if spec.glosses:
            content = [add_glosses(x, rng) for x in content]
        t_title = content[0]
        page = _html_page(rng, w, t_title, content[1:], _s2t().convert(issuer) if spec.traditional else issuer, iso)
        return f"r{index:05d}.html", page.encode("utf-8")

    if spec.traditional:
        text = _s2t().convert(text)
    if spec.glosses:
        text = add_glosses(text, rng)
    if not text.endswith("\n") and rng.random() < 0.7:
        text += "\n"
    if spec.fmt == "gbk":
        try:
            data = text.encode("gbk")
        except UnicodeEncodeError:
            data = text.encode("gb18030")
    else:
        data = text.encode("utf-8")
    return f"r{index:05d}.txt", data


# --------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------


def layout(count: int, seed: int, traditional_share: float, gbk_share: float, html_share: float,
           noisy_share: float) -> list[Spec]:
    """Exact shares (rounded), placed by one seeded shuffle."""
    for name, v in (("traditional", traditional_share), ("gbk", gbk_share), ("html", html_share), ("noisy", noisy_share)):
        if not 0.0 <= v <= 1.0:
            raise ValueError(f"--{name}-share must be between 0 and 1, not {v}")
    if gbk_share + html_share + noisy_share > 1.0 + 1e-9:
        raise ValueError("gbk, html and noisy shares add up to more than 1")
    rng = random.Random(f"{seed}-layout-{count}")
    n_gbk, n_html, n_noisy = (round(count * s) for s in (gbk_share, html_share, noisy_share))
    n_gbk = min(n_gbk, count)
    n_html = min(n_html, count - n_gbk)
    n_noisy = min(n_noisy, count - n_gbk - n_html)
    fmts = ["gbk"] * n_gbk + ["html"] * n_html + ["noisy"] * n_noisy
    fmts += ["plain"] * (count - len(fmts))
    rng.shuffle(fmts)
    n_trad = round(count * traditional_share)
    script = ["gloss"] * (n_trad // 2) + ["trad"] * (n_trad - n_trad // 2) + ["simp"] * (count - n_trad)
    rng.shuffle(script)
    return [Spec(i, fmts[i], script[i] != "simp", script[i] == "gloss") for i in range(count)]


def _write_range(args: tuple[str, int, list[Spec]]) -> list[tuple[str, int]]:
    out_dir, seed, specs = args
    out = Path(out_dir)
    written = []
    for spec in specs:
        name, data = render(spec.index, seed, spec)
        (out / name).write_bytes(data)
        written.append((name, len(data)))
    return written


def generate(out_dir: str | Path, count: int, seed: int = 0, traditional_share: float = 0.3, gbk_share: float = 0.1,
             html_share: float = 0.1, noisy_share: float = 0.1, jobs: int = 1) -> list[Path]:
    """Write ``count`` reports into ``out_dir`` (created); returns their paths in order."""
    if count < 0:
        raise ValueError("count must be >= 0")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    specs = layout(count, seed, traditional_share, gbk_share, html_share, noisy_share)
    catalogue()  # load once before any fork
    if jobs <= 1 or count < 200:
        written = _write_range((str(out), seed, specs))
    else:
        import multiprocessing

        step = max(50, count // (jobs * 8))
        chunks = [(str(out), seed, specs[i:i + step]) for i in range(0, count, step)]
        with multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn").Pool(jobs) as pool:
            written = [x for part in pool.map(_write_range, chunks) for x in part]
    return [out / name for name, _ in written]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--traditional-share", type=float, default=0.3)
    ap.add_argument("--gbk-share", type=float, default=0.1)
    ap.add_argument("--html-share", type=float, default=0.1)
    ap.add_argument("--noisy-share", type=float, default=0.1)
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (output is the same for any value)")
    args = ap.parse_args(argv)
    start = time.perf_counter()
    try:
        paths = generate(args.out_dir, args.count, seed=args.seed, traditional_share=args.traditional_share,
                         gbk_share=args.gbk_share, html_share=args.html_share, noisy_share=args.noisy_share,
                         jobs=args.jobs)
    except ValueError as exc:
        ap.error(str(exc))
    seconds = time.perf_counter() - start
    size = sum(p.stat().st_size for p in paths)
    html_n = sum(1 for p in paths if p.suffix == ".html")
    print(f"{len(paths)} files, {size / 1e6:.1f} MB, {seconds:.1f} s "
          f"({size / max(len(paths), 1) / 1e3:.1f} KB/report, {html_n} html) -> {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
