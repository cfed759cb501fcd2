"""The actors matcher's fast path (issue 16): mentions that follow one another without overlapping are returned
as they are — exactly what longest_first and the sort return for them."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiktok_study.actors import _disjoint_in_order, _matcher, load_actors
from tiktok_study.alternation import longest_first

_SPAN = st.tuples(
    st.integers(0, 40), st.integers(0, 6), st.sampled_from(["A", "B"]), st.sampled_from(["x", "y"])
)


@given(st.lists(_SPAN, max_size=6))
def test_disjoint_spans_in_order_are_what_longest_first_keeps(raw):
    spans = sorted({(start, start + width, actor, alias) for start, width, actor, alias in raw})
    if _disjoint_in_order(spans):
        assert sorted(longest_first(spans)) == spans
    else:
        assert any(e <= s for s, e, _, _ in spans) or any(b[0] < a[1] for a, b in pairwise(spans))


def test_overlapping_mentions_still_go_through_longest_first():
    matcher = _matcher(tuple(load_actors()))
    found = matcher.find(
        "The Chinese Communist Party and the Communist Party of China met the US government."
    )
    spans = [(s, e) for _, _, s, e in found]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))
    assert any(alias == "Communist Party of China" for _, alias, _, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "China and the US: TikTok's owner, ByteDance, met Congress.",
        "(TikTok) said “Beijing” — and\nTrump—replied.",
        "ByteDance",
        "",
        "xChina Chinax U.S.-China talks, the U.S. government and the United States.",
    ],
)
def test_word_starts_after_a_non_word_character_are_those_of_the_zero_width_regex(text):
    matcher = _matcher(tuple(load_actors()))
    reference = [(m.start(), m.lastindex) for m in matcher.regex.finditer(text)]
    first = matcher.regex.match(text)
    fast = [(0, first.lastindex)] if first else []
    fast += [(m.end(), m.lastindex) for m in matcher.after_non_word.finditer(text)]
    assert fast == reference
