"""The overlap rules of frames and actors (:mod:`tiktok_study.alternation`): the same choice as comparing every
pair, in n log n — a paragraph with thousands of hits or vetoes (issue 12, "Bad input") stays linear."""

from __future__ import annotations

import random
import time

import pandas as pd
import pytest

from tiktok_study.actors import find_actors
from tiktok_study.alternation import longest_first, not_vetoed
from tiktok_study.frames import match_text


def _longest_first_by_pairs(spans):
    kept = []
    for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if all(span[1] <= k[0] or k[1] <= span[0] for k in kept):
            kept.append(span)
    return kept


def _not_vetoed_by_pairs(spans, vetoes):
    return [s for s in spans if not any(v[0] < s[1] and s[0] < v[1] for v in vetoes)]


def _spans(rng: random.Random, n: int, *, empty: bool) -> list[tuple]:
    out = []
    for k in range(n):
        start = rng.randint(0, 60)
        out.append((start, start + rng.randint(0 if empty else 1, 12), f"t{k % 4}"))
    return out


@pytest.mark.parametrize("empty", [False, True], ids=["spans", "with-empty-spans"])
def test_the_same_choice_as_comparing_every_pair(empty):
    rng = random.Random(12)
    for _ in range(2000):
        spans = _spans(rng, rng.randint(0, 40), empty=empty)
        vetoes = [s[:2] for s in _spans(rng, rng.randint(0, 6), empty=empty)]
        assert longest_first(spans) == _longest_first_by_pairs(spans)
        assert not_vetoed(spans, vetoes) == _not_vetoed_by_pairs(spans, vetoes)


def _seconds(fn, text: str) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - started)
    return best


def _actors(text: str) -> pd.DataFrame:
    return find_actors(
        pd.DataFrame({"article_id": ["a"], "paragraph_id": [0], "sentence_id": [0], "text": [text], "start": [0],
                      "end": [len(text)]})
    )  # fmt: skip


@pytest.mark.parametrize(
    ("fn", "unit"),
    [
        (
            match_text,
            "12,345 6.5% $3bn 7-5 64GB 1990s 9/11 ",
        ),  # a hit of the money pattern every few characters
        (match_text, "He had a heart attack after the attack. "),  # hits and the exclusion that vetoes one
        (_actors, "Officials in Beijing and Washington said TikTok, owned by ByteDance, faces a US ban. "),
    ],
    ids=["frames-numbers", "frames-vetoes", "actors"],
)
def test_many_hits_in_one_text_take_linear_time(fn, unit):
    fn(unit)  # warm-up
    small, large = ((unit * (n // len(unit) + 1))[:n] for n in (20_000, 200_000))
    ratio = _seconds(fn, large) / max(_seconds(fn, small), 1e-3)
    # 10 times the text: about 10 times the time; comparing every kept hit with every other gave about 100
    assert ratio < 30, f"200 KB took {ratio:.1f} times the time of 20 KB"
