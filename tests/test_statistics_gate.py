"""The scanner's gates (issue 16): a sentence is skipped, or scanned with one branch of CANDIDATE_RE only, exactly
when the other branches cannot match — the candidates found are those of the full regex."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tiktok_study.statistics import lexicon
from tiktok_study.statistics.scanner import _scan

GOLD = Path(__file__).parent / "fixtures" / "gold" / "statistics-real.csv"

SYNTHETIC = [
    "No figure here, only words about policy and people.",
    "Hundreds of users left; thousands stayed.",
    "Several thousand people came, and a few hundred stayed.",
    "Two-thirds of the board and half the staff agreed.",
    "It took more than a decade and nearly a century.",
    "One of the richest men paid $5bn for 27% of it.",
    "Someone often phones; tents are content.",  # number words inside other words are not candidates
    "Sales rose ٣٥ percent in the quarter.",  # a digit outside ASCII is a digit
    "The Thirteen Colonies and the Twenty-Two Club.",
    "Ten_thousand, five2 and tens-of-millions.",
]


def _sentences() -> list[str]:
    with GOLD.open(encoding="utf-8") as f:
        texts = [row["text"] for row in csv.DictReader(f)]
    return list(dict.fromkeys([*SYNTHETIC, *texts]))


def _full(s: str) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in lexicon.CANDIDATE_RE.finditer(s)]


@pytest.mark.parametrize("s", _sentences())
def test_the_gates_keep_every_candidate_of_the_full_regex(s):
    digits = lexicon.DIGIT_RE.search(s) is not None
    words = lexicon.CANDIDATE_WORD_RE.search(s) is not None
    after_non_word = lexicon.CANDIDATE_WORD_AFTER_NON_WORD_RE.search(s) is not None
    assert words == (lexicon.CANDIDATE_WORD_RE.match(s) is not None or after_non_word)
    full = _full(s)
    if not digits:
        assert all(branch != "digits" for _, _, branch in full)
    if not words:
        assert all(branch == "digits" for _, _, branch in full)
    if digits and not words:
        assert [(m.start(), m.end(), m.lastgroup) for m in lexicon.DIGITS_CANDIDATE_RE.finditer(s)] == full
    if words and not digits:
        assert [(m.start(), m.end(), m.lastgroup) for m in lexicon.WORD_CANDIDATE_RE.finditer(s)] == full
    if not digits and not words:
        assert full == []
        assert _scan(s) == []


def test_the_gates_skip_most_sentences_without_figures_and_keep_those_with():
    assert lexicon.DIGIT_RE.search("Sales rose ٣٥ percent.") is not None
    assert lexicon.CANDIDATE_WORD_RE.search("Someone often phones; tents are content.") is None
    assert lexicon.CANDIDATE_WORD_RE.search("Hundreds of users left.") is not None
    assert [st.value for st in _scan("Hundreds of users left.")] == [100.0]
