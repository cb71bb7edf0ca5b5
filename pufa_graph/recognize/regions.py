"""Regions: administrative divisions by full or short name, and 我县/全区/本州 for the report's own."""

from __future__ import annotations

import re

from ..model import Mention
from . import Context, gazetteer

OWN_REGION = re.compile(r"(?<![\u4e00-\u9fff])?(?:我|全|本)([省市州县区旗盟])(?![委长级直属政])")


def find_regions(text: str, ctx: Context) -> list[Mention]:
    out: list[Mention] = []
    for start, end, surface, values in gazetteer.region_matches(text):
        codes = [code for _t, code in values]
        full = any(ctx.kb.regions[c].name == surface for c in codes)
        if not full and len(surface) < 3:
            continue  # two-character short names are too often words; agencies use them with a body
        out.append(Mention("region", start, end, surface, "region.name", attrs={"codes": codes}))
    for m in OWN_REGION.finditer(text):
        out.append(Mention("region", m.start(), m.end(), m.group(0), "region.own", attrs={"level": m.group(1)}))
    return out
