"""Counted-object phrases: the noun phrase a number counts, and the qualifier before it.

A documented heuristic, no tagger (see :mod:`tiktok_study.statistics`): words after the number up to a function
word, cut after the last plural-looking word.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import islice

from tiktok_study.statistics.lexicon import (
    _COMMON_VERBS,
    _DROPPED_DETERMINERS,
    _IRREGULAR_PLURALS,
    _LY_ADJECTIVES,
    _NOT_PLURAL,
    _PARTICIPLES,
    _QUALIFIER_CANONICAL,
    _QUALIFIERS,
    _STOPWORDS,
    _TIME_UNITS,
    _VERBS_IN_S,
    NOUN_BEFORE_COMMA_RE,
    NOUN_BEFORE_RE,
    NP_TOKEN_RE,
    PARTICIPLE_BEFORE_RE,
    PARTITIVE_AFTER_RE,
    QUALIFIER_BEFORE_RE,
    SPACES_RE,
    WORD_RE,
)
from tiktok_study.statistics.records import _Stat

__all__: list[str] = ["LOOK_BACK"]

LOOK_BACK = 12
"""How many earlier statistics an elliptical count or an anaphoric ratio looks back over (bounded: linear)."""
_TOKEN_PUNCTUATION = frozenset(".#~'’&-")
_PARTICIPLE_SET = frozenset(_PARTICIPLES)
_QUALIFIER_LAST_WORDS = frozenset(q.split()[-1].lower() for q in _QUALIFIERS)
_OPENING_CHARACTERS = frozenset(" \t“\"‘'([—–-")


def _is_plural(token: str) -> bool:
    word = token.strip('“”"').split()[-1] if token.strip('“”"').split() else ""
    low = word.lower().rstrip(".")
    if low in _IRREGULAR_PLURALS:
        return True
    if low in _STOPWORDS or low in _NOT_PLURAL or len(low) < 3 or not low.endswith("s"):
        return False
    return not low.endswith(("ss", "us", "is", "ous", "'s", "’s"))


def _at_sentence_start(s: str, pos: int) -> bool:
    """Whether only opening punctuation stands between ``pos`` and the start of a sentence or line.

    Walks back over the opening characters only (no copy of the text before ``pos``): constant time per
    call in the amortized sense, so a long run of capitalized numerals stays linear.
    """
    i = pos
    while i > 0 and s[i - 1] in _OPENING_CHARACTERS:
        i -= 1
    return i == 0 or s[i - 1] in "\n.!?:"


def _is_capitalized(word: str) -> bool:
    return any(c.isupper() for c in word)


@lru_cache(maxsize=32)
def _word_before(s: str, pos: int) -> str:
    """The token right before ``pos`` (letters and ``.#~'’&-``, spaces skipped; 40 characters at
    most): a cheap gate in front of the look-behind regexes, which cost far more per call. Cached: the trap
    checks, the qualifier and the range all ask about the same position."""
    low = max(0, pos - 40)
    i = pos
    while i > low and s[i - 1].isspace():
        i -= 1
    j = i
    while j > low and (s[j - 1].isalpha() or s[j - 1] in _TOKEN_PUNCTUATION):
        j -= 1
    return s[j:i]


def _qualifier_before(s: str, pos: int) -> tuple[str | None, int]:
    if _word_before(s, pos).lower() not in _QUALIFIER_LAST_WORDS:
        return None, pos
    m = QUALIFIER_BEFORE_RE.search(s, max(0, pos - 40), pos)
    if not m:
        return None, pos
    q = SPACES_RE.sub(" ", m.group("q").lower())
    return _QUALIFIER_CANONICAL.get(q, q), m.start("q")


def _noun_phrase(s: str, pos: int, *, plural: bool, max_words: int = 4) -> tuple[str | None, int]:
    """The counted noun phrase starting after ``pos`` (see the module docstring); (phrase, end) or (None, pos)."""
    tokens: list[tuple[int, int, str]] = []
    cursor = pos
    while len(tokens) < max_words:
        m = NP_TOKEN_RE.match(s, cursor)
        if not m:
            break
        tok = m.group("tok")
        low = tok.lower()
        adverb = low.endswith("ly") and len(low) > 4 and low not in _LY_ADJECTIVES
        if not tok.startswith(("“", '"')) and (low in _STOPWORDS or adverb):
            if not tokens and low in _DROPPED_DETERMINERS:
                cursor = m.end()
                continue
            break
        if low in _TIME_UNITS or low.rstrip("s") in _TIME_UNITS or (tokens and low in _VERBS_IN_S):
            break
        tokens.append((m.start("tok"), m.end("tok"), tok))
        cursor = m.end()
        if tok.startswith(("“", '"')):
            break
    if not tokens:
        return None, pos
    heads = [i for i, t in enumerate(tokens) if _is_plural(t[2])]
    if heads:
        tokens = tokens[: heads[-1] + 1]
    elif plural:
        return None, pos
    else:
        for i, (_, _, tok) in enumerate(tokens[1:], start=1):
            if tok.lower() in _COMMON_VERBS or tok.lower().endswith("ed"):
                tokens = tokens[:i]
                break
        tokens = tokens[:3]
    first, last = tokens[0][0], tokens[-1][1]
    phrase = s[first:last]
    if len(tokens) == 1 and phrase[:1] in '“"':
        phrase = phrase[1:-1].strip().rstrip(".,")
    return phrase, last


def _noun_before_comma(s: str, pos: int) -> str | None:
    """The plural noun phrase that ends right before ", " at ``pos`` ("for Sino-American users, …")."""
    m = NOUN_BEFORE_COMMA_RE.search(s, max(0, pos - 60), pos)
    if not m:
        return None
    words = m.group("np").split()
    while words and words[0].lower() in _STOPWORDS:
        words.pop(0)
    if not words or not _is_plural(words[-1]) or any(w.lower() in _STOPWORDS for w in words):
        return None
    return " ".join(words)


def _count_object(s: str, stat: _Stat, out: list[_Stat]) -> None:
    """Fill the counted object of a count (see the module docstring for the order of the rules)."""
    obj, obj_end = _noun_phrase(s, stat.end, plural=True)
    if obj is None and s[stat.end : stat.end + 1] == "-":
        m = WORD_RE.match(s, stat.end + 1)
        if m and m.group()[:1].islower():  # "a 25-member committee"
            obj, obj_end = m.group(), m.end()
    partitive = PARTITIVE_AFTER_RE.match(s, stat.end) if obj is None else None
    if partitive:  # "12 of the states"
        obj, obj_end = _noun_phrase(s, partitive.end(), plural=True)
    if obj is not None:
        stat.object, stat.end = obj, obj_end
        return
    if stat.qualifier in _PARTICIPLES:  # "views surpassing 110 million"
        m = NOUN_BEFORE_RE.search(s, max(0, stat.start - 40), stat.start)
    elif _word_before(s, stat.start).lower() in _PARTICIPLE_SET:  # "views reaching over 110 million"
        m = PARTICIPLE_BEFORE_RE.search(s, max(0, stat.start - 60), stat.start)
    else:
        m = None
    if m and _is_plural(m.group("noun")):
        stat.object = m.group("noun")
        return
    # ellipsis: "12 of these ended in war, while only 4 did not"; the look-back is bounded, so a run of
    # bare numbers stays linear
    for earlier in islice(reversed(out), LOOK_BACK):
        if earlier.kind in ("count", "ratio") and earlier.object:
            stat.object, stat.inferred = earlier.object, True
            return
