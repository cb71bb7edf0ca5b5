"""Sets of spans that answer "does this span overlap one of them?" in the time of the span asked about.

Recognizers keep the spans they have taken and test each new match against them; with a list, that test
grows with the report and a 20 MB report never finishes. Here each character remembers whether a span
holds it, so adding a span and testing one cost their own lengths.
"""

from __future__ import annotations

from collections.abc import Iterable


class Taken:
    """Spans ``(start, end)``; ``overlaps(s, e)`` is ``any(a < e and s < b for a, b in spans)``, exactly.

    >>> taken = Taken([(2, 5)])
    >>> taken.overlaps(4, 8), taken.overlaps(5, 8)
    (True, False)
    >>> taken.add(7, 9); taken.overlaps(5, 8)
    True
    """

    def __init__(self, spans: Iterable[tuple[int, int]] = (), size: int = 0):
        self._cover = bytearray(size)  # 1 where a span holds the character
        self._odd: list[tuple[int, int]] = []  # empty or reversed spans, which hold no character
        self._spans: list[tuple[int, int]] = []
        for a, b in spans:
            self.add(a, b)

    def add(self, start: int, end: int) -> None:
        self._spans.append((start, end))
        if start >= end or start < 0:
            self._odd.append((start, end))
            return
        if end > len(self._cover):
            self._cover.extend(bytes(max(end, 2 * len(self._cover)) - len(self._cover)))
        self._cover[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        if start >= end or start < 0:  # an empty span asked about: the definition, span by span (never in practice)
            return any(a < end and start < b for a, b in self._spans)
        return self._cover.find(1, start, end) >= 0 or any(a < end and start < b for a, b in self._odd)
