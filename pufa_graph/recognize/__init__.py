"""Recognition: recognizers propose candidate spans; one overlap policy decides.

Each recognizer is a function ``(text, context) -> list[Mention]`` that changes
nothing. :func:`resolve_overlaps` keeps the longest span where candidates
overlap (ties go to the earlier type in ``TYPE_PRIORITY``).
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from typing import Callable

from ..knowledge import Knowledge
from ..model import Mention

#: (outer, inner): an inner mention kept inside an outer one, as in 《市委依法治市办关于印发…的通知》
NESTABLE = {("law", "agency"), ("venue", "agency"), ("campaign", "law"), ("campaign", "agency"), ("village", "region"), ("venue", "village")}

#: when two candidates cover the same span, the earlier type wins
TYPE_PRIORITY = ["law", "campaign", "agency", "collective", "village", "venue", "media", "person", "group", "region"]


@dataclass
class Context:
    """What recognizers may read besides the text: the knowledge and the report's issuer."""

    kb: Knowledge
    issuer: str | None = None


Recognizer = Callable[[str, Context], list[Mention]]


def recognizers() -> list[tuple[str, Recognizer]]:
    """The registered recognizers, in the order they run."""
    from .agencies import find_agencies
    from .campaigns import find_campaigns
    from .groups import find_groups
    from .laws import find_laws
    from .lexicon import find_lexicon
    from .people import find_people
    from .places import find_places
    from .regions import find_regions
    from .villages import find_villages

    return [("laws", find_laws), ("agencies", find_agencies), ("campaigns", find_campaigns),
            ("villages", find_villages), ("places", find_places), ("lexicon", find_lexicon), ("groups", find_groups), ("people", find_people),
            ("regions", find_regions)]


def resolve_overlaps(candidates: list[Mention]) -> list[Mention]:
    """Longest first; of equal length, the higher-priority type; no two kept spans overlap,
    except an inner mention that ``NESTABLE`` allows inside an outer one.

    Kept outer spans never overlap, so one owner per character says which outer span holds it: a
    candidate costs its own length, not a scan of every span kept before it."""
    rank = {t: i for i, t in enumerate(TYPE_PRIORITY)}
    ordered = sorted(candidates, key=lambda m: (-(m.end - m.start), rank.get(m.type, 99), m.start))
    size = max((m.end for m in candidates), default=0)
    occupied = bytearray(size)  # characters of a kept outer span
    owner = array("i", [-1]) * size  # which kept span (index into ``kept``) that is
    nested = bytearray(size)  # characters of a kept inner span
    kept: list[Mention] = []
    for m in ordered:
        if occupied.find(1, m.start, m.end) < 0:
            occupied[m.start:m.end] = b"\x01" * (m.end - m.start)
            owner[m.start:m.end] = array("i", [len(kept)]) * (m.end - m.start)
            kept.append(m)
            continue
        # m overlaps kept spans: it stays only inside one outer span that may hold it, and no inner one
        # (an inner span is marked nested_in, which no second inner may overlap)
        if nested.find(1, m.start, m.end) >= 0 or owner[m.start] < 0:
            continue
        k = kept[owner[m.start]]
        if (k.start <= m.start and m.end <= k.end and (k.type, m.type) in NESTABLE
                and "nested_in" not in k.attrs):
            m.attrs["nested_in"] = k.type
            nested[m.start:m.end] = b"\x01" * (m.end - m.start)
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, -m.end))


def recognize(text: str, ctx: Context) -> list[Mention]:
    candidates: list[Mention] = []
    for _name, find in recognizers():
        candidates += find(text, ctx)
    return resolve_overlaps(candidates)
