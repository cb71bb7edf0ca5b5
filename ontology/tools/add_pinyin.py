"""Add a `pinyin` column to ontology/regions.csv: the toneless pinyin of each name without its
level suffix (灌云县 -> guanyun), so `pufa ask` can read English place names with no pypinyin
at run time. Run after build_regions.py:  python ontology/tools/add_pinyin.py
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from pypinyin import lazy_pinyin

SUFFIX = re.compile(r"(自治州|自治县|自治区|自治旗|特别行政区|地区|林区|新区|省|市|县|区|州|盟|旗)$")
PATH = Path(__file__).resolve().parent.parent / "regions.csv"


def pinyin_of(name: str) -> str:
    stem = SUFFIX.sub("", name)
    stem = re.sub(r"(蒙古|回族|藏族|维吾尔|壮族|彝族|苗族|土家族|侗族|布依族|朝鲜族|哈尼族|傣族|白族|羌族|"
                  r"傈僳族|景颇族|哈萨克|柯尔克孜|蒙古族|黎族|畲族|瑶族|满族|土族|撒拉族|仡佬族|水族|纳西族)+$", "", stem)
    return "".join(lazy_pinyin(stem)) if len(stem) >= 2 else ""


def main() -> None:
    with open(PATH, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0].keys())
    if "pinyin" not in fields:
        fields.append("pinyin")
    for row in rows:
        row["pinyin"] = pinyin_of(row["name"])
    with open(PATH, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{PATH}: pinyin for {sum(1 for r in rows if r['pinyin'])} of {len(rows)} regions")


if __name__ == "__main__":
    main()
