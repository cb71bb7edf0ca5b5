"""Villages and communities: …镇…村, …街道…社区, with the county and city written before them."""

from __future__ import annotations

import re

from ..model import Mention
from . import Context
from .places import _is_generic, _name_before

VILLAGE = re.compile(r"([\u4e00-\u9fff]{2,4}?(?:镇|乡|街道))([\u4e00-\u9fff]{2,3}?(?:村|社区))"
                     r"(?![\u4e00-\u9fff]?(?:民|委|级|干部|规|集体|组|居))")


def find_villages(text: str, ctx: Context) -> list[Mention]:
    out: list[Mention] = []
    for m in VILLAGE.finditer(text):
        town_start = _name_before(text, m.end(1) - 1, ctx, max_chars=4)  # the town's name ends before 镇/乡
        town = text[town_start:m.end(1)]
        if len(town) < 3 or _is_generic(town, ctx):
            continue
        out.append(Mention("village", town_start, m.end(), text[town_start:m.end()], "village.town-village",
                           attrs={"town": town, "village": m.group(2)}))
    return out
