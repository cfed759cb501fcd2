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
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

__all__ = ["dispatch_trie", "longest_first", "word_trie"]

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
    """Of overlapping ``(start, end, …)`` hits, keep the longest, then the earliest; return them in that order."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if all(span[1] <= k[0] or k[1] <= span[0] for k in kept):
            kept.append(span)
    return kept
