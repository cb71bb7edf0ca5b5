"""People named beside a title: 刘静姿老师, 法学硕士刘静姿, 分管领导张友俊同志."""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Mention
from . import Context


@lru_cache(maxsize=1)
def _patterns():
    from ..knowledge import knowledge

    kb = knowledge()
    surnames = "|".join(sorted(kb.surnames, key=len, reverse=True))
    after = "|".join(map(re.escape, kb.titles_after))
    before = "|".join(map(re.escape, kb.titles_before))
    name = rf"(?:{surnames})[\u4e00-\u9fff]{{1,2}}"
    return (re.compile(rf"(?<![\u4e00-\u9fff])({name})(?:{after})|(?:{before})({name})(?=同志|老师|[出参作对为在，,、。（(])"),)


def find_people(text: str, ctx: Context) -> list[Mention]:
    out: list[Mention] = []
    (pattern,) = _patterns()
    for m in pattern.finditer(text):
        group = 1 if m.group(1) else 2
        s, e = m.span(group)
        name = m.group(group)
        if re.search(r"[长组员任副主书记委部局科股处室]", name[1:]):
            continue  # 局长任组长: a title, not a name
        out.append(Mention("person", s, e, name, "person.titled", key=name, attrs={"context": m.group(0)}))
    return out
