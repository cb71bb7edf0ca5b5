"""Property: any span inside a line of normalized text maps back to source characters that normalize to it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pufa_graph.normalize import normalize

from .conftest import SEED

SOURCES = {key: path.read_text(encoding="utf-8") for key, path in SEED.items()}
NORMALIZED = {key: normalize(text) for key, text in SOURCES.items()}


@st.composite
def spans(draw):
    key = draw(st.sampled_from(sorted(NORMALIZED)))
    norm = NORMALIZED[key]
    line_start, line_end = draw(st.sampled_from(norm.lines))
    start = draw(st.integers(line_start, line_end - 1))
    end = draw(st.integers(start + 1, line_end))
    return key, start, end


@settings(max_examples=400, deadline=None)
@given(spans())
def test_span_round_trip(span):
    key, start, end = span
    norm = NORMALIZED[key]
    piece = norm.text[start:end]
    if piece != piece.strip():
        return  # edges of a line are trimmed by design
    orig_start, orig_end = norm.offsets.orig_span(start, end)
    assert normalize(SOURCES[key][orig_start:orig_end]).text == piece
