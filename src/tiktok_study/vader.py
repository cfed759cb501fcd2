"""NLTK's VADER, scored faster and to the last bit the same.

``nltk.sentiment.vader.SentimentIntensityAnalyzer.polarity_scores`` is the measure this project reports. Most of
its time goes into one step that does no scoring: to strip punctuation glued to a word it builds, for every
sentence, a dictionary of every punctuation mark × every word of the sentence (17 × n × 2 string joins), then
looks each token up in it. :class:`ExactVader` finds the same tokens directly — a token is mapped to a word
exactly when it is one of NLTK's punctuation marks glued to a punctuation-free word of the sentence — and then
runs NLTK's own valence rules, in NLTK's order, with NLTK's quirks kept (a repeated token is scored at its first
position; ``"never"``, ``"so"`` and ``"this"`` are compared case-sensitively; ``but`` scales by the first
``but``), so every float operation is the one NLTK performs. The lexicon and constants are taken from an NLTK
analyzer object, never copied.

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
import string
from typing import Any

__all__ = ["ExactVader"]

_PUNCT_CHARS = frozenset(string.punctuation)  # what NLTK's REGEX_REMOVE_PUNCTUATION removes
_SO_THIS = ("so", "this")


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
        "_remove_punctuation",
    )

    def __init__(self, lexicon: dict[str, float], constants: Any) -> None:
        self._lex = lexicon
        self._booster = constants.BOOSTER_DICT
        self._negate = constants.NEGATE
        self._idioms = constants.SPECIAL_CASE_IDIOMS
        self._punc = frozenset(constants.PUNC_LIST)
        self._remove_punctuation = constants.REGEX_REMOVE_PUNCTUATION
        self._c_incr = constants.C_INCR
        self._b_decr = constants.B_DECR
        self._n_scalar = constants.N_SCALAR

    @classmethod
    def from_nltk(cls, analyzer: Any) -> ExactVader:
        """The fast scorer with the lexicon and constants of an NLTK ``SentimentIntensityAnalyzer``."""
        return cls(analyzer.lexicon, analyzer.constants)

    # --- tokens, as NLTK's SentiText makes them ----------------------------------------------------------------

    def _tokens(self, text: str) -> list[str]:
        tokens = [t for t in text.split() if len(t) > 1]
        words: set[str] | None = None
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
            if mark not in punc or len(rest) < 2:
                continue
            if words is None:  # the punctuation-free words of the sentence, as NLTK computes them
                words = {w for w in self._remove_punctuation.sub("", text).split() if len(w) > 1}
            if rest in words:
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
