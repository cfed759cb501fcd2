"""ExactVader gives NLTK's VADER scores to the last bit (issue #16: faster, never different)."""

from __future__ import annotations

import random
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiktok_study.sentiment import analyzer
from tiktok_study.text import sentence_spans
from tiktok_study.vader import NLTK_CONSTANTS, ExactVader, find_lexicon, read_lexicon

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"


@pytest.fixture(scope="module")
def pair():
    """NLTK's analyzer and the scorer the pipeline builds without NLTK (its lexicon file, the copied constants)."""
    path = find_lexicon()
    assert path is not None
    return analyzer(), ExactVader(read_lexicon(path), NLTK_CONSTANTS)


def _same(nltk_vader, fast, text) -> None:
    expected = nltk_vader.polarity_scores(text)
    got = fast.polarity_scores(text)
    assert got == expected, text
    # the same floats to the last bit, signs of zero included
    assert [repr(got[k]) for k in expected] == [repr(expected[k]) for k in expected], text


def _seed_sentences() -> list[str]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            out += [line[s:e] for s, e in sentence_spans(line)] if line.strip() else []
    return out


def test_seed_sentences_score_exactly_as_nltk(pair):
    sentences = _seed_sentences()
    assert len(sentences) > 100
    for text in sentences:
        _same(*pair, text)


# Words that trigger every rule of VADER: boosters (and multi-word ones), negations, "n't", "least", "never so",
# "but", "kind of", idioms, capitals, emoticons, punctuation glued to words, repeated tokens.
_TRIGGERS = [
    "very",
    "VERY",
    "extremely",
    "barely",
    "kind",
    "of",
    "sort",
    "of",
    "just",
    "enough",
    "not",
    "never",
    "isn't",
    "don't",
    "without",
    "despite",
    "least",
    "at",
    "least",
    "very",
    "least",
    "never",
    "so",
    "this",
    "but",
    "BUT",
    "the",
    "shit",
    "the",
    "bomb",
    "bad",
    "ass",
    "yeah",
    "right",
    "cut",
    "the",
    "mustard",
    "kiss",
    "of",
    "death",
    "hand",
    "to",
    "mouth",
    ":)",
    ":(",
    "<3",
    ":D",
    "lol",
    "LOL",
    "no",
    "nope",
    "nothing",
    "nor",
    "rarely",
    "seldom",
    "uh-uh",
]
_PUNCT = ["", "", "", ".", ",", "!", "!!", "?", "??", "?!?", "'", '"', ":", ";", "-", "...", "!?!?", "*", "("]


def _generated(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    vocab = [w for s in _seed_sentences() for w in re.findall(r"\S+", s)]
    lexicon_words = [w for w in analyzer().lexicon if w.isalpha()]
    out: dict[str, None] = {}
    while len(out) < n:
        words = []
        for _ in range(rng.randint(1, 30)):
            pick = rng.random()
            if pick < 0.35:
                w = rng.choice(vocab)
            elif pick < 0.65:
                w = rng.choice(lexicon_words)
            else:
                w = rng.choice(_TRIGGERS)
            if rng.random() < 0.15:
                w = w.upper()
            if rng.random() < 0.25:
                w = rng.choice(_PUNCT) + w if rng.random() < 0.4 else w + rng.choice(_PUNCT)
            words.append(w)
            if rng.random() < 0.05 and words:
                words.append(rng.choice(words))  # repeated tokens: NLTK scores them at their first position
        out[" ".join(words) + rng.choice(["", ".", "!", "!!!!!", "?", "???", "?!"])] = None
    return list(out)


def test_ten_thousand_generated_sentences_score_exactly_as_nltk(pair):
    texts = _generated(10_000, seed=16)
    assert len(set(texts)) == 10_000
    for text in texts:
        _same(*pair, text)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*"ab AB!?.,'\":-;()*xyz\t\n", "good", "bad", "not", "very", "but", "least", "kind", "of"]
        )
    ).map("".join)
)
def test_arbitrary_strings_score_exactly_as_nltk(pair, text):
    _same(*pair, text)


def test_empty_and_punctuation_only_texts_score_as_nltk(pair):
    for text in ("", " ", "!!!", "?? !!", ":) :(", "a", "--- ..."):
        _same(*pair, text)


def test_constants_are_nltks():
    from nltk.sentiment.vader import VaderConstants

    for name, ours in vars(NLTK_CONSTANTS).items():
        theirs = getattr(VaderConstants, name)
        if name == "NEGATE":
            assert ours == frozenset(theirs)
        else:
            assert ours == theirs, name
            assert repr(ours) == repr(theirs), name  # same types too (an idiom's 3 is an int in NLTK)
    # ExactVader strips exactly the characters of string.punctuation, as NLTK's regex does
    assert VaderConstants.REGEX_REMOVE_PUNCTUATION.pattern == f"[{re.escape(string.punctuation)}]"


def test_lexicon_is_the_file_and_the_dict_nltk_reads():
    import nltk.data
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    path = find_lexicon()
    assert str(path) == str(nltk.data.find("sentiment/vader_lexicon.zip"))
    assert read_lexicon(path) == SentimentIntensityAnalyzer().lexicon


def test_the_pipeline_scores_without_importing_nltk():
    code = (
        "import sys\n"
        "from tiktok_study.sentiment import scorer\n"
        "print(scorer().polarity_scores('The talks were a great success.')['compound'], 'nltk' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0.8316", "False"]


def test_a_lexicon_in_a_folder_others_can_write_is_left_to_nltk(tmp_path, monkeypatch):
    shared = tmp_path / "nltk_data"
    (shared / "sentiment").mkdir(parents=True)
    (shared / "sentiment" / "vader_lexicon.zip").write_bytes(find_lexicon().read_bytes())
    monkeypatch.setenv("NLTK_DATA", str(shared))
    assert find_lexicon() == shared / "sentiment" / "vader_lexicon.zip"
    shared.chmod(0o777)  # NLTK refuses a data folder other accounts can write to: so must we
    try:
        assert find_lexicon() is None
    finally:
        shared.chmod(0o755)
