"""NLTK's VADER, scored faster and to the last bit the same.

``nltk.sentiment.vader.SentimentIntensityAnalyzer.polarity_scores`` is the measure this project reports. Most of
its time goes into one step that does no scoring: to strip punctuation glued to a word it builds, for every
sentence, a dictionary of every punctuation mark × every word of the sentence (17 × n × 2 string joins), then
looks each token up in it. :class:`ExactVader` finds the same tokens directly — a token is mapped to a word
exactly when it is one of NLTK's punctuation marks glued to a punctuation-free word of the sentence — and then
runs NLTK's own valence rules, in NLTK's order, with NLTK's quirks kept (a repeated token is scored at its first
position; ``"never"``, ``"so"`` and ``"this"`` are compared case-sensitively; ``but`` scales by the first
``but``), so every float operation is the one NLTK performs. The lexicon is NLTK's own file, found and parsed as
NLTK does (:func:`find_lexicon`, :func:`read_lexicon`), and the constants are :data:`NLTK_CONSTANTS`, a copy of
NLTK's tested against them, so that scoring needs no ``import nltk`` (which costs seconds: it imports SciPy);
:meth:`ExactVader.from_nltk` takes both from an NLTK analyzer instead.

Hand-written because no package offers NLTK's variant faster: the ``vaderSentiment`` package scores some sentences
differently from NLTK, and the project reports NLTK's numbers. ``tests/test_vader.py`` compares every score with
NLTK's on the seed corpus and on 10,000 generated sentences full of the rules' triggers.

Example:
    >>> from tiktok_study.sentiment import analyzer
    >>> fast = ExactVader.from_nltk(analyzer())
    >>> text = "The deal is NOT a great win, but critics are very, very angry!!"
    >>> fast.polarity_scores(text) == analyzer().polarity_scores(text)
    True
"""

from __future__ import annotations

import math
import os
import string
import sys
import zipfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from tiktok_study.nltk_paths import private, search_path

__all__ = ["NLTK_CONSTANTS", "ExactVader", "find_lexicon", "read_lexicon"]

_PUNCT_CHARS = frozenset(string.punctuation)  # what NLTK's REGEX_REMOVE_PUNCTUATION removes
_SO_THIS = ("so", "this")
#: Where NLTK's ``SentimentIntensityAnalyzer()`` reads its lexicon (a zip member, see :func:`find_lexicon`).
LEXICON_ZIP, LEXICON_MEMBER = "sentiment/vader_lexicon.zip", "vader_lexicon/vader_lexicon.txt"

_B_INCR, _B_DECR = 0.293, -0.293
_NEGATIONS = (
    "aint arent cannot cant couldnt darent didnt doesnt dont hadnt hasnt havent isnt mightnt mustnt neither "
    "don't hadn't hasn't haven't isn't mightn't mustn't needn't never none nope nor not nothing nowhere oughtnt "
    "shant shouldnt uhuh wasnt werent without wont wouldnt won't wouldn't rarely seldom despite neednt oughtn't "
    "ain't aren't can't couldn't daren't didn't doesn't shan't shouldn't uh-uh wasn't weren't"
)
_BOOSTERS = (
    "absolutely amazingly awfully completely considerably decidedly deeply effing enormously entirely especially "
    "exceptionally extremely fabulously flipping flippin fricking frickin frigging friggin fully fucking greatly "
    "hella highly hugely incredibly intensely majorly more most particularly purely quite really remarkably so "
    "substantially thoroughly totally tremendously uber unbelievably unusually utterly very"
)
_DAMPENERS = (
    "almost|barely|hardly|just enough|kind of|kinda|kindof|kind-of|less|little|marginally|occasionally|partly|"
    "scarcely|slightly|somewhat|sort of|sorta|sortof|sort-of"
)

#: NLTK's ``nltk.sentiment.vader.VaderConstants`` (the attributes :class:`ExactVader` reads), copied so that
#: scoring needs no ``import nltk``. ``tests/test_vader.py`` compares each with NLTK's own, values and types, so
#: an NLTK release that changes one fails the tests instead of changing a score.
NLTK_CONSTANTS = SimpleNamespace(
    B_INCR=_B_INCR,
    B_DECR=_B_DECR,
    C_INCR=0.733,
    N_SCALAR=-0.74,
    NEGATE=frozenset(_NEGATIONS.split(" ")),
    BOOSTER_DICT={
        **dict.fromkeys(_BOOSTERS.split(" "), _B_INCR),
        **dict.fromkeys(_DAMPENERS.split("|"), _B_DECR),
    },
    SPECIAL_CASE_IDIOMS={
        "the shit": 3,
        "the bomb": 3,
        "bad ass": 1.5,
        "yeah right": -2,
        "cut the mustard": 2,
        "kiss of death": -1.5,
        "hand to mouth": -2,
    },
    PUNC_LIST=[
        ".",
        "!",
        "?",
        ",",
        ";",
        ":",
        "-",
        "'",
        '"',
        "!!",
        "!!!",
        "??",
        "???",
        "?!?",
        "!?!",
        "?!?!",
        "!?!?",
    ],
)


class ExactVader:
    """VADER scores equal to NLTK's ``polarity_scores`` for every input, computed with less work.

    Args:
        lexicon: word → valence (NLTK's ``SentimentIntensityAnalyzer().lexicon``).
        constants: NLTK's ``VaderConstants`` (boosters, negations, idioms, punctuation marks, scalars).
    """

    __slots__ = (
        "_b_decr",
        "_booster",
        "_c_incr",
        "_idioms",
        "_lex",
        "_n_scalar",
        "_negate",
        "_punc",
    )

    def __init__(self, lexicon: dict[str, float], constants: Any) -> None:
        self._lex = lexicon
        self._booster = constants.BOOSTER_DICT
        self._negate = constants.NEGATE
        self._idioms = constants.SPECIAL_CASE_IDIOMS
        self._punc = frozenset(constants.PUNC_LIST)
        self._c_incr = constants.C_INCR
        self._b_decr = constants.B_DECR
        self._n_scalar = constants.N_SCALAR

    @classmethod
    def from_nltk(cls, analyzer: Any) -> ExactVader:
        """The fast scorer with the lexicon and constants of an NLTK ``SentimentIntensityAnalyzer``."""
        return cls(analyzer.lexicon, analyzer.constants)

    @classmethod
    def from_data(cls) -> ExactVader | None:
        """The fast scorer with NLTK's lexicon file read as NLTK reads it and :class:`NLTK_CONSTANTS`, without
        importing NLTK; None when that cannot be done with certainty (see :func:`find_lexicon`)."""
        path = None if "nltk" in sys.modules else find_lexicon()  # imported: nltk.data.path may be changed
        return None if path is None else cls(read_lexicon(path), NLTK_CONSTANTS)

    # --- tokens, as NLTK's SentiText makes them ----------------------------------------------------------------

    def _tokens(self, text: str) -> list[str]:
        tokens = [t for t in text.split() if len(t) > 1]
        punc = self._punc
        for k, token in enumerate(tokens):
            if token[0] in _PUNCT_CHARS:
                cut = 1
                while cut < len(token) and token[cut] in _PUNCT_CHARS:
                    cut += 1
                mark, rest = token[:cut], token[cut:]
            elif token[-1] in _PUNCT_CHARS:
                cut = len(token) - 1
                while cut > 0 and token[cut - 1] in _PUNCT_CHARS:
                    cut -= 1
                rest, mark = token[:cut], token[cut:]
            else:
                continue
            # NLTK maps the token to ``rest`` when ``rest`` is one of the sentence's words with punctuation removed
            # (of 2+ characters). Removing punctuation keeps the whitespace, so this token becomes ``rest`` there
            # exactly when ``rest`` has no punctuation; and a word with punctuation is never among them.
            if mark in punc and len(rest) > 1 and _PUNCT_CHARS.isdisjoint(rest):
                tokens[k] = rest
        return tokens

    # --- NLTK's rules -------------------------------------------------------------------------------------------

    def _negated(self, word: str) -> bool:
        low = word.lower()
        return low in self._negate or "n't" in low

    def _scalar(self, word: str, valence: float, cap_diff: bool) -> float:
        scalar = 0.0
        low = word.lower()
        if low in self._booster:
            scalar = self._booster[low]
            if valence < 0:
                scalar *= -1
            if word.isupper() and cap_diff:
                if valence > 0:
                    scalar += self._c_incr
                else:
                    scalar -= self._c_incr
        return scalar

    def _never(self, valence: float, words: list[str], start_i: int, i: int) -> float:
        if start_i == 0:
            if self._negated(words[i - 1]):
                valence = valence * self._n_scalar
        elif start_i == 1:
            if words[i - 2] == "never" and words[i - 1] in _SO_THIS:
                valence = valence * 1.5
            elif self._negated(words[i - 2]):
                valence = valence * self._n_scalar
        elif (words[i - 3] == "never" and words[i - 2] in _SO_THIS) or words[i - 1] in _SO_THIS:
            valence = valence * 1.25
        elif self._negated(words[i - 3]):
            valence = valence * self._n_scalar
        return valence

    def _idiom(self, valence: float, words: list[str], i: int) -> float:
        idioms = self._idioms
        onezero = f"{words[i - 1]} {words[i]}"
        twoonezero = f"{words[i - 2]} {words[i - 1]} {words[i]}"
        twoone = f"{words[i - 2]} {words[i - 1]}"
        threetwoone = f"{words[i - 3]} {words[i - 2]} {words[i - 1]}"
        threetwo = f"{words[i - 3]} {words[i - 2]}"
        for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
            if seq in idioms:
                valence = idioms[seq]
                break
        if len(words) - 1 > i:
            zeroone = f"{words[i]} {words[i + 1]}"
            if zeroone in idioms:
                valence = idioms[zeroone]
        if len(words) - 1 > i + 1:
            zeroonetwo = f"{words[i]} {words[i + 1]} {words[i + 2]}"
            if zeroonetwo in idioms:
                valence = idioms[zeroonetwo]
        if threetwo in self._booster or twoone in self._booster:
            valence = valence + self._b_decr
        return valence

    def _valence(self, item: str, i: int, words: list[str], lower: list[str], cap_diff: bool) -> float:
        lex = self._lex
        valence = lex[lower[i]]
        if item.isupper() and cap_diff:
            if valence > 0:
                valence += self._c_incr
            else:
                valence -= self._c_incr
        for start_i in range(3):
            if i > start_i and lower[i - (start_i + 1)] not in lex:
                s = self._scalar(words[i - (start_i + 1)], valence, cap_diff)
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = valence + s
                valence = self._never(valence, words, start_i, i)
                if start_i == 2:
                    valence = self._idiom(valence, words, i)
        if i > 1 and lower[i - 1] not in lex and lower[i - 1] == "least":
            if lower[i - 2] != "at" and lower[i - 2] != "very":
                valence = valence * self._n_scalar
        elif i > 0 and lower[i - 1] not in lex and lower[i - 1] == "least":
            valence = valence * self._n_scalar
        return valence

    def polarity_scores(self, text: str) -> dict[str, float]:
        """``{"neg", "neu", "pos", "compound"}`` exactly as NLTK's ``polarity_scores(text)`` returns them."""
        words = self._tokens(text)
        lower = [w.lower() for w in words]
        n = len(words)
        n_upper = sum(1 for w in words if w.isupper())
        cap_diff = 0 < n - n_upper < n
        first: dict[str, int] = {}
        for idx, token in enumerate(words):
            first.setdefault(token, idx)
        lex, booster = self._lex, self._booster
        done: dict[str, float] = {}
        sentiments: list[float] = []
        for item in words:
            if item in done:
                sentiments.append(done[item])
                continue
            i = first[item]
            low = lower[i]
            if (i < n - 1 and low == "kind" and lower[i + 1] == "of") or low in booster or low not in lex:
                value: float = 0
            else:
                value = self._valence(item, i, words, lower, cap_diff)
            done[item] = value
            sentiments.append(value)
        if "but" in lower:
            bi = lower.index("but")
            for sidx, sentiment in enumerate(sentiments):
                if sidx < bi:
                    sentiments[sidx] = sentiment * 0.5
                elif sidx > bi:
                    sentiments[sidx] = sentiment * 1.5
        return _score(sentiments, text)


def _score(sentiments: list[float], text: str) -> dict[str, float]:
    """NLTK's ``score_valence``, step for step."""
    if sentiments:
        sum_s = float(sum(sentiments))
        ep_count = min(text.count("!"), 4)
        qm_count = text.count("?")
        qm = 0 if qm_count <= 1 else (qm_count * 0.18 if qm_count <= 3 else 0.96)
        amplifier = ep_count * 0.292 + qm
        if sum_s > 0:
            sum_s += amplifier
        elif sum_s < 0:
            sum_s -= amplifier
        compound = sum_s / math.sqrt((sum_s * sum_s) + 15)
        pos_sum = 0.0
        neg_sum = 0.0
        neu_count = 0
        for s in sentiments:
            if s > 0:
                pos_sum += float(s) + 1
            if s < 0:
                neg_sum += float(s) - 1
            if s == 0:
                neu_count += 1
        if pos_sum > math.fabs(neg_sum):
            pos_sum += amplifier
        elif pos_sum < math.fabs(neg_sum):
            neg_sum -= amplifier
        total = pos_sum + math.fabs(neg_sum) + neu_count
        pos = math.fabs(pos_sum / total)
        neg = math.fabs(neg_sum / total)
        neu = math.fabs(neu_count / total)
    else:
        compound = pos = neg = neu = 0.0
    return {"neg": round(neg, 3), "neu": round(neu, 3), "pos": round(pos, 3), "compound": round(compound, 4)}


# --- NLTK's lexicon without NLTK -------------------------------------------------------------------------------


def find_lexicon() -> Path | None:
    """The ``vader_lexicon.zip`` that ``nltk.data.find`` resolves for ``SentimentIntensityAnalyzer()``, or None.

    The first folder of NLTK's search path (:func:`~tiktok_study.nltk_paths.search_path`) holding ``sentiment/vader_lexicon.zip``
    gives it, as in NLTK. None — the caller then asks NLTK itself — whenever NLTK might decide otherwise: not
    POSIX, an entry of the path is a zip file, the folders or the file fail NLTK's trust test (NLTK would skip
    them), or the zip lacks the member.
    """
    if os.name != "posix":
        return None
    for root in search_path():
        if root.endswith(".zip") and os.path.isfile(root):
            return None
        candidate = os.path.join(root, *LEXICON_ZIP.split("/"))
        if not os.path.isdir(root) or not os.path.exists(candidate):
            continue
        folders = [root, os.path.join(root, "sentiment")]
        try:
            if not all(private(p) for p in [*folders, candidate]):
                return None
            with zipfile.ZipFile(candidate) as zf:
                zf.getinfo(LEXICON_MEMBER)
        except (OSError, KeyError, zipfile.BadZipFile):
            return None
        return Path(candidate)
    return None


def read_lexicon(path: Path) -> dict[str, float]:
    """The lexicon of ``path`` (a ``vader_lexicon.zip``) as NLTK's ``make_lex_dict`` builds it.

    Decoded as ``nltk.data.load`` decodes text (UTF-8, else Latin-1); each line's first two tab-separated fields
    are the word and its valence.
    """
    with zipfile.ZipFile(path) as zf:
        data = zf.read(LEXICON_MEMBER)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    lexicon: dict[str, float] = {}
    for line in text.split("\n"):
        word, measure = line.strip().split("\t")[0:2]
        lexicon[word] = float(measure)
    return lexicon
