"""Add a `pinyin` column to ontology/regions.csv: the toneless pinyin of each name without its
level suffix (灌云县 -> guanyun), so `pufa ask` can read English place names with no pypinyin
at run time; and write ontology/township_pinyin.csv (pinyin -> township codes: 大塘埠镇 -> datangbu)
from townships.csv, for "the Datangbu township justice office".
Run after build_regions.py and build_townships.py:  python ontology/tools/add_pinyin.py
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from pypinyin import Style, lazy_pinyin, pinyin

SUFFIX = re.compile(r"(自治州|自治县|自治区|自治旗|特别行政区|地区|林区|新区|省|市|县|区|州|盟|旗)$")
PATH = Path(__file__).resolve().parent.parent / "regions.csv"
TOWNSHIPS = PATH.with_name("townships.csv")
TOWNSHIP_PINYIN = PATH.with_name("township_pinyin.csv")


def pinyin_of(name: str) -> str:
    stem = SUFFIX.sub("", name)
    stem = re.sub(r"(蒙古|回族|藏族|维吾尔|壮族|彝族|苗族|土家族|侗族|布依族|朝鲜族|哈尼族|傣族|白族|羌族|"
                  r"傈僳族|景颇族|哈萨克|柯尔克孜|蒙古族|黎族|畲族|瑶族|满族|土族|撒拉族|仡佬族|水族|纳西族)+$", "", stem)
    return readings(stem) if len(stem) >= 2 else ""


def readings(stem: str, limit: int = 8) -> str:
    """The name's toneless pinyin, the common reading first, then those its polyphonic characters allow
    (朝阳 -> chaoyang|zhaoyang), joined by |: an English text writes whichever is right."""
    first = "".join(lazy_pinyin(stem))
    variants = [""]
    for options in pinyin(stem, style=Style.NORMAL, heteronym=True):
        variants = [v + o for v in variants for o in dict.fromkeys(options)][:limit * 4]
    return "|".join(dict.fromkeys([first, *variants]))[: 200] if variants else first


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
    write_township_pinyin()


def write_township_pinyin() -> None:
    """pinyin,codes: the toneless pinyin of each township's short name (its name without 镇, 乡, 街道 …)."""
    by_pinyin: dict[str, list[str]] = {}
    with open(TOWNSHIPS, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            short = (row["short_names"] or "").split("|")[0]
            if len(short) >= 2:
                for key in readings(short).split("|"):
                    by_pinyin.setdefault(key, []).append(row["code"])
    with open(TOWNSHIP_PINYIN, "w", encoding="utf-8", newline="") as handle:
        handle.write("pinyin,codes\n")
        for key in sorted(by_pinyin):
            handle.write(f"{key},{'|'.join(by_pinyin[key])}\n")
    print(f"{TOWNSHIP_PINYIN}: {len(by_pinyin)} pinyin keys for the townships")


if __name__ == "__main__":
    main()
