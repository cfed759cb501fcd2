"""Compiled alternations for term lists, and the longest-match choice among overlapping hits.

Every scanner of the project (frame indicators, actor aliases, speech verbs, number words) looks for many terms
at once. A plain alternation ``a|b|c|…`` makes the regex engine try every branch at every position; a trie —
one branch per first character, then per next one — lets a position that cannot start any term fail at once.
Two kinds of trie are built here:

* :func:`word_trie` — a character trie of words, each character written by a function (``re.escape`` for exact
  spelling, a character class for case-insensitive matching);
* :func:`dispatch_trie` — a trie of regex *atoms* (tokens already written as regex) whose leaves are whole
  regexes, built by the caller (the frame and actor matchers use it to branch on a term's first tokens).

:func:`longest_first` keeps, among overlapping hits, the longest (then the earliest): what a reader takes as
the match when "national security" and "security" both match at one place.

Example:
    >>> import re
    >>> pattern = re.compile(rf"\\b(?:{word_trie(['say', 'says', 'said'])})\\b")
    >>> [m.group() for m in pattern.finditer("he said, she says, they say")]
    ['said', 'says', 'say']
    >>> longest_first([(0, 8, "national security"), (9, 17, "security"), (0, 3, "nat")])
    [(0, 8, 'national security'), (9, 17, 'security')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

__all__ = ["dispatch_trie", "longest_first", "not_vetoed", "word_trie"]

Span = TypeVar("Span", bound=Sequence[Any])


def word_trie(words: Iterable[str], *, letter: Callable[[str], str] = re.escape) -> str:
    """A regex matching exactly the given words, as a character trie (``letter`` writes each character).

    Branches are ordered by character; a word that is a prefix of another makes the rest optional
    (``sa(?:id|y(?:s)?)``), so at one position the longest word that the text continues with is tried first.
    """
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [letter(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


def dispatch_trie(node: dict) -> str:
    """The alternation of a trie of regex atoms: ``{atom: subtrie, None: [leaf regex, …]}`` (leaves last).

    Branches keep the insertion order of ``node`` (the caller puts what must be tried first first).
    """
    parts = [f"{atom}{dispatch_trie(child)}" for atom, child in node.items() if atom is not None]
    parts.extend(node.get(None, []))
    return parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"


def longest_first(spans: Iterable[Span]) -> list[Span]:
    """Of overlapping ``(start, end, …)`` hits, keep the longest, then the earliest; return them in that order.

    The kept spans do not overlap, so in order of start they are in order of end too: a new span overlaps one
    of them exactly when the last kept span starting before its end ends after its start — a binary search,
    not a comparison with every kept span (a text with thousands of hits stays n log n). Empty spans, which
    that argument does not cover, are compared with every kept span.
    """
    ordered = sorted(spans, key=lambda s: (s[0] - s[1], s[0]))
    if any(s[1] <= s[0] for s in ordered):
        return _longest_first_pairwise(ordered)
    kept: list[Span] = []
    starts: list[int] = []  # of the kept spans, in order of start
    ends: list[int] = []  # of the kept spans, in the same order
    for span in ordered:
        start, end = span[0], span[1]
        i = bisect_left(starts, end)  # the kept spans before i start before this one ends
        if i and ends[i - 1] > start:
            continue
        starts.insert(i, start)
        ends.insert(i, end)
        kept.append(span)
    return kept


def not_vetoed(spans: Iterable[Span], vetoes: Iterable[Sequence[int]]) -> list[Span]:
    """The ``(start, end, …)`` spans that overlap no ``(start, end)`` veto (``veto start < span end`` and
    ``span start < veto end``), in their order.

    A span overlaps a veto exactly when, of the vetoes starting before it ends, the one ending last ends after
    it starts: vetoes sorted by start with a running maximum of their ends answer that with a binary search.

    Example:
        >>> not_vetoed([(0, 6, "attack"), (20, 26, "attack")], [(14, 26)])
        [(0, 6, 'attack')]
    """
    ordered = sorted((v[0], v[1]) for v in vetoes)
    starts = [v[0] for v in ordered]
    reach: list[int] = []  # reach[k]: the largest end among the first k + 1 vetoes
    for _, end in ordered:
        reach.append(max(end, reach[-1]) if reach else end)
    kept = []
    for span in spans:
        i = bisect_left(starts, span[1])
        if not (i and reach[i - 1] > span[0]):
            kept.append(span)
    return kept


def _longest_first_pairwise(ordered: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in ordered:
        if all(span[1] <= k[0] or k[1] <= span[0] for k in kept):
            kept.append(span)
    return kept
