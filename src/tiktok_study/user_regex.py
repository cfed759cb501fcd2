"""Regular expressions written by users (codebook patterns): the check for catastrophic backtracking, and the
one-pass scan of a codebook's patterns (:func:`pattern_pass`, :func:`scan_pattern_pass`).

A codebook's patterns are checked on load (:mod:`tiktok_study.codebook`): a pattern with a repeat nested in
another repeat that can split the same text in exponentially many ways is refused with the part at fault. The
check reads the standard library's parse tree of the pattern; it catches the classic shapes, not every slow
pattern, so the frame matcher also runs patterns with a timeout (:mod:`tiktok_study.frames`).

Example:
    >>> catastrophic_repeat(r"(?:\\w+\\s?)+;")
    '\\\\w+'
"""

from __future__ import annotations

import logging
import re
import re._constants as _sre  # the standard library's regex parse tree (no public API for it)
import re._parser as _sre_parser
from typing import Any

import regex as regex_module  # the `regex` package: a user's patterns run with a timeout

__all__ = ["catastrophic_repeat", "first_char_class", "pattern_pass", "scan_pattern_pass"]

logger = logging.getLogger(__name__)

_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT))
_WIDTH_ONE = (_sre.LITERAL, _sre.NOT_LITERAL, _sre.IN, _sre.ANY, _sre.CATEGORY, _sre.RANGE)


def _min_width(items: Any) -> int:
    """The fewest characters a parsed regex sequence matches (0 for anything this check does not know)."""
    total = 0
    for op, av in items:
        if op in _WIDTH_ONE:
            total += 1
        elif op in _REPEATS:
            total += av[0] * _min_width(av[2])
        elif op is _sre.SUBPATTERN:
            total += _min_width(av[-1])
        elif op is _sre.BRANCH:
            total += min(_min_width(b) for b in av[1])
    return total


def _unbounded_inside(items: Any) -> Any:
    """An unbounded repeat among ``items`` (looking through groups and alternatives), or None."""
    for op, av in items:
        if op in _REPEATS and av[1] == _sre.MAXREPEAT:
            return (op, av)
        inner = av[-1] if op is _sre.SUBPATTERN else None
        branches = av[1] if op is _sre.BRANCH else [inner] if inner is not None else []
        for branch in branches:
            found = _unbounded_inside(branch)
            if found is not None:
                return found
    return None


def _children(op: Any, av: Any) -> list[Any]:
    """The sub-sequences of one parsed regex item (a repeat's body, a group, each alternative, a lookaround)."""
    if op in _REPEATS:
        return [list(av[2])]
    if op is _sre.SUBPATTERN:
        return [av[-1]]
    if op is _sre.BRANCH:
        return list(av[1])
    if op in (_sre.ASSERT, _sre.ASSERT_NOT):
        return [av[1]]
    return []


def _ambiguous_body(body: list[Any]) -> Any:
    """An unbounded repeat in ``body`` whose other parts may match nothing: one run of it splits across the
    outer repeat's turns in exponentially many ways."""
    for k, item in enumerate(body):
        inner = _unbounded_inside([item])
        if inner is not None and _min_width(body[:k] + body[k + 1 :]) == 0:
            return inner
    return None


def _nested_repeat(items: Any) -> Any:
    for op, av in items:
        if op in _REPEATS and av[1] == _sre.MAXREPEAT:
            found = _ambiguous_body(list(av[2]))
            if found is not None:
                return found
        for child in _children(op, av):
            found = _nested_repeat(child)
            if found is not None:
                return found
    return None


def catastrophic_repeat(pattern: str) -> str | None:
    """The part of ``pattern`` known to backtrack catastrophically, or None.

    Flags an unbounded repeat inside another unbounded repeat whose other parts may match nothing, as in
    ``(?:\\w+\\s?)+`` or ``(a+)*``: on a long run of words that fails at its end, the engine tries every way of
    cutting the run into turns. Other slow patterns are left to the matcher's timeout.

    Example:
        >>> catastrophic_repeat(r"(?:\\w+\\s?)+;"), catastrophic_repeat(r"(?:\\s+\\w+)*"), catastrophic_repeat("a+b")
        ('\\\\w+', None, None)
    """
    try:
        tree = _sre_parser.parse(pattern)
    except Exception:  # the caller compiles it and reports the syntax error
        return None
    found = _nested_repeat(list(tree))
    if found is None:
        return None
    _, (low, _, body) = found
    text = "".join(_describe(item) for item in body)
    return f"{text}{'+' if low == 1 else '*' if low == 0 else f'{{{low},}}'}"


def _describe(item: Any) -> str:
    op, av = item
    if op is _sre.IN and len(av) == 1 and av[0][0] is _sre.CATEGORY:
        return {_sre.CATEGORY_WORD: "\\w", _sre.CATEGORY_SPACE: "\\s", _sre.CATEGORY_DIGIT: "\\d"}.get(
            av[0][1], "[...]"
        )
    if op is _sre.LITERAL:
        return re.escape(chr(av))
    if op is _sre.ANY:
        return "."
    return "(...)"


def pattern_pass(
    parts: list[tuple[int, bool, str, list[str], str]],
    terms_of: dict[str, str],
    *,
    prefix: str,
    timed: bool = True,
) -> tuple[Any, tuple]:
    """The patterns of ``parts`` as one regex, tried where ``prefix`` matches, and its slots (or ``(None, ())``).

    ``parts`` are ``(frame index, is_exclusion, slot group, pattern groups, lookahead regex)``, built by
    :mod:`tiktok_study.frames`. ``timed``: compiled by the ``regex`` package, to run with a timeout (a user's
    patterns); otherwise by ``re`` (the shipped codebook's patterns, which both engines match the same way,
    ``tests/test_speed.py``).
    """
    if not parts:
        return None, ()
    guard = "(?!)"  # matches the empty text if any slot group matched, and fails otherwise
    for _, _, slot, _, _ in reversed(parts):
        guard = f"(?({slot})|{guard})"
    source = prefix + "".join(part for *_, part in parts) + guard
    compiled = regex_module.compile(source, regex_module.V0) if timed else re.compile(source)
    index = compiled.groupindex
    slots = tuple(
        (i, is_excl, index[slot], tuple((index[g], terms_of[g]) for g in names))
        for i, is_excl, slot, names, _ in parts
    )
    return compiled, slots


def scan_pattern_pass(compiled: Any, slots: tuple, text: str, *, timeout: float | None = None) -> list[tuple]:
    """``(start, frame index, is_exclusion, hit)`` of every pattern match of ``text``, in text order.

    Raises:
        TimeoutError: ``timeout`` seconds passed (a ``regex``-package pass only).
    """
    out: list[tuple] = []
    for m in compiled.finditer(text) if timeout is None else compiled.finditer(text, timeout=timeout):
        start = m.start()
        for i, is_excl, slot, term_groups in slots:
            end = m.end(slot)
            if end <= start:
                continue
            if is_excl:
                out.append((start, i, True, (start, end)))
                continue
            for group, term in term_groups:
                if m.start(group) >= 0:
                    out.append((start, i, False, (start, m.end(group), term)))
                    break
    return out


_CATEGORY_TEXT = {
    _sre.CATEGORY_DIGIT: r"\d",
    _sre.CATEGORY_NOT_DIGIT: r"\D",
    _sre.CATEGORY_SPACE: r"\s",
    _sre.CATEGORY_NOT_SPACE: r"\S",
    _sre.CATEGORY_WORD: r"\w",
    _sre.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)


def first_char_class(*patterns: str) -> str | None:
    """A case-insensitive character class holding every character a non-empty match of any of ``patterns`` can
    start with (for the standard ``re`` engine), or None when no such class is known for one of them (it may
    match the empty text, or starts with ``.``, a negated class, a back-reference …).

    The class is a necessary condition only, never a narrower one: it is written ``(?i:[...])``, so it also
    holds every case variant of a letter a pattern matches case-sensitively, and zero-width parts at the
    start (``\\b``, lookarounds) are passed over. A pass can test it before trying the patterns at a place.

    Example:
        >>> first_char_class(r"(?:US\\s?)?[$€]\\s?\\d", r"\\bzz"), first_char_class(r"a*"), first_char_class("[^a]")
        ('(?i:[U\\\\$€z])', None, None)
    """
    items: list[str] = []
    for pattern in patterns:
        try:
            tree = _sre_parser.parse(pattern)
        except Exception:  # the caller compiles it and reports the syntax error
            return None
        if _first_items(list(tree), items) is not False:  # may match the empty text, or not known
            return None
    return f"(?i:[{''.join(dict.fromkeys(items))}])" if items else None


def _first_items(sequence: list[Any], out: list[str]) -> bool | None:
    """Add to ``out`` the class items a match of ``sequence`` can start with; True when the sequence may match
    the empty text, None when its first characters are not known."""
    for op, av in sequence:
        nullable = _first_items_of(op, av, out)
        if nullable is None:
            return None
        if not nullable:
            return False
    return True


def _first_items_of(op: Any, av: Any, out: list[str]) -> bool | None:
    """:func:`_first_items` for one parsed item."""
    if op is _sre.LITERAL:
        out.append(re.escape(chr(av)))
        return False
    if op is _sre.IN:
        for kind, value in av:
            if kind is _sre.LITERAL:
                out.append(re.escape(chr(value)))
            elif kind is _sre.RANGE:
                out.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
            elif kind is _sre.CATEGORY and value in _CATEGORY_TEXT:
                out.append(_CATEGORY_TEXT[value])
            else:  # a negated class, or a category this check does not write
                return None
        return False
    if op in _ZERO_WIDTH:
        return True
    if op is _sre.SUBPATTERN:
        return _first_items(list(av[-1]), out)
    if op is _sre.BRANCH:
        results = [_first_items(list(branch), out) for branch in av[1]]
        return None if None in results else any(results)
    if op in _REPEATS:
        inner = _first_items(list(av[2]), out)
        return None if inner is None else (inner or av[0] == 0)
    atomic = getattr(_sre, "ATOMIC_GROUP", None)
    if atomic is not None and op is atomic:
        return _first_items(list(av), out)
    return None
