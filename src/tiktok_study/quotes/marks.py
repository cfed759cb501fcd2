"""Quotation marks: each mark classified from its neighbours, then paired paragraph by paragraph."""

from __future__ import annotations

import logging
from bisect import bisect_left
from dataclasses import dataclass, field

from tiktok_study.quotes.lexicon import ELISION_AFTER_RE, LOWER_WORD_AFTER_RE, QUOTE_MARK_START_RE

__all__: list[str] = []  # internal to tiktok_study.quotes

logger = logging.getLogger(__name__)


# --------------------------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Speaker:
    name: str | None
    title: str | None = None
    affiliation: str | None = None
    pronoun: str | None = None


@dataclass(slots=True)
class _Quote:
    block: int  # index into the blocks list
    open: int  # position of the opening mark
    close: int  # position of the closing mark
    after: int = -1  # position just after the closing mark (marks are one or two characters)
    segments: list[tuple[int, int]] = field(default_factory=list)  # content spans (one per paragraph)
    speaker: _Speaker | None = None
    verb: str | None = None
    kind: str = "term"
    resolved_from: str | None = None
    full: bool = False
    opens_sentence: bool = False  # nothing but blanks before it in its sentence
    embedded: bool = False  # set inside the writer's own clause (not opening a sentence, not after "X said:")
    mention: bool = False  # a name or mention (see _is_mention)
    nested: bool = False  # inside another quotation (attributed within it)


# --------------------------------------------------------------------------------------------------------------
# 1. Marks
# --------------------------------------------------------------------------------------------------------------

_OPENING_CONTEXT = " \t\n([{—–-/"


def _mark_role(text: str, i: int, lo: int, hi: int, width: int = 1) -> tuple[str, str] | None:
    """(family, role) of the mark at ``i`` — family double/single, role open/close/either — or None.

    ``width`` 2 is a doubled ASCII mark: ``''`` is written for a double quotation mark by typewriter
    convention (the New York Times archive, the Penn Treebank, LaTeX close with it; ``\u0060\u0060`` opens in the
    last two); it is read like ``"``.
    """
    ch = text[i : i + width] if width == 2 else text[i]
    prev = text[i - 1] if i > lo else "\n"
    nxt = text[i + width] if i + width < hi else "\n"
    if ch in "“«„" or ch == "``":
        return "double", "open"
    if ch in "”»":
        return "double", "close"
    if ch in ('"', "''"):
        return _straight_double_role(prev, nxt)
    return _single_role(text, i, ch, prev, nxt)


def _straight_double_role(prev: str, nxt: str) -> tuple[str, str] | None:
    """A straight (or doubled ASCII) double mark between ``prev`` and ``nxt``: open, close, either, or inches."""
    if prev.isdigit():
        return None  # inches: 5'10"
    opens = prev in _OPENING_CONTEXT or prev in "“‘'"
    closes = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
    if opens and not nxt.isspace():
        return "double", "open"
    if closes:
        return "double", "close"
    return "double", "either"


def _single_role(text: str, i: int, ch: str, prev: str, nxt: str) -> tuple[str, str] | None:
    """A single mark (‘ ’ '): open or close, or None where it is an apostrophe, an elision, feet."""
    if prev.isalpha() and nxt.isalpha():
        return None  # don’t, TikTok’s, Jinping‘s
    if ch == "‘":
        if ELISION_AFTER_RE.match(text, i + 1) and not nxt.isupper():
            return None  # ‘90s
        return ("single", "close") if (prev.isalnum() and not nxt.isalnum()) else ("single", "open")
    if ch == "’":
        if prev.isspace() or prev in _OPENING_CONTEXT:
            return None  # ’90s, ’em
        return "single", "close"
    # straight '
    if prev.isdigit():
        return None  # feet
    if prev in _OPENING_CONTEXT or prev in '“"':
        if ELISION_AFTER_RE.match(text, i + 1) or nxt.isspace():
            return None
        return "single", "open"
    if not nxt.isalnum():
        return "single", "close"
    return None


# --------------------------------------------------------------------------------------------------------------
# 2. Pairs
# --------------------------------------------------------------------------------------------------------------


def _marks(text: str, blocks: list[tuple[int, int, int]]) -> dict[str, list[list[tuple[int, str, int]]]]:
    """The quotation marks of each block, by family: (position, role, width) in text order.

    The text is scanned once and each block takes the marks inside it; a block that a doubled mark (``''``)
    straddles is scanned on its own, as if it were the whole text (the regex has no look-around, so elsewhere
    the two scans find the same marks).
    """
    out: dict[str, list[list[tuple[int, str, int]]]] = {"double": [], "single": []}
    doubles, singles = out["double"], out["single"]
    spans = _mark_spans(text, 0, len(text))
    starts = [a for a, _ in spans]
    for _, lo, hi in blocks:
        i, j = bisect_left(starts, lo), bisect_left(starts, hi)
        if (i and spans[i - 1][1] > lo) or (j and spans[j - 1][1] > hi):
            found = _mark_spans(text, lo, hi)
        else:
            found = spans[i:j]
        double: list[tuple[int, str, int]] = []
        single: list[tuple[int, str, int]] = []
        for a, b in found:
            ch = text[a]
            if ch in _OPENING_DOUBLES and b - a == 1:
                double.append((a, "open", 1))
                continue
            if ch in _CLOSING_DOUBLES:
                double.append((a, "close", 1))
                continue
            role = _mark_role(text, a, lo, hi, b - a)
            if role:
                (double if role[0] == "double" else single).append((a, role[1], b - a))
        doubles.append(double)
        singles.append(single)
    return out


def _mark_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The spans of ``QUOTE_MARK_RE.finditer(text, lo, hi)``, found with the one-class ``QUOTE_MARK_START_RE``:
    a ``'`` or a backtick followed by the same character (before ``hi``) is a doubled mark, a lone backtick is
    none, and a character inside the previous match is skipped (the matches do not overlap)."""
    spans: list[tuple[int, int]] = []
    end = lo
    for m in QUOTE_MARK_START_RE.finditer(text, lo, hi):
        a = m.start()
        if a < end:
            continue
        ch = text[a]
        if ch in "'`" and a + 1 < hi and text[a + 1] == ch:
            end = a + 2
        elif ch == "`":
            continue
        else:
            end = a + 1
        spans.append((a, end))
    return spans


_OPENING_DOUBLES = "“«„"  # typographic marks whose shape says open or close (see _mark_role)
_CLOSING_DOUBLES = "”»"


def _pair(
    text: str, blocks: list[tuple[int, int, int]], family: str, marks: list[list[tuple[int, str, int]]]
) -> list[_Quote]:
    """Pair the marks of one family (from :func:`_marks`) across ``blocks`` (paragraph_id, start, end)."""
    quotes: list[_Quote] = []
    current: _Quote | None = None
    seg_start = 0
    for b, found in enumerate(marks):
        lo, hi = blocks[b][1], blocks[b][2]
        skip_first = False
        if current is not None:  # a quotation carried over from the paragraph before
            first = found[0] if found else None
            lead = text[lo : first[0]] if first else None
            if first and lead is not None and lead.strip() == "" and first[1] in ("open", "either"):
                seg_start, skip_first = first[0] + first[2], True
            else:
                logger.debug("unclosed quotation mark at %d dropped", current.open)
                current = None
        for k, (pos, role, width) in enumerate(found):
            if skip_first and k == 0:
                continue
            if current is None:
                if role in ("open", "either"):
                    current, seg_start = _Quote(block=b, open=pos, close=-1), pos + width
                continue
            if role == "open" and current.block == b and not current.segments:
                logger.debug("stray opening mark at %d dropped", current.open)
                current, seg_start = _Quote(block=b, open=pos, close=-1), pos + width
                continue
            if role == "open":
                continue
            following = found[k + 1][1] if k + 1 < len(found) else None
            if family == "single" and _possessive_not_closer(text, pos, following):
                continue
            current.segments.append((seg_start, pos))
            current.close, current.after = pos, pos + width
            quotes.append(current)
            current = None
        if current is not None:
            current.segments.append((seg_start, _rstrip(text, seg_start, hi)))
    return quotes


def _possessive_not_closer(text: str, pos: int, following: str | None) -> bool:
    """A ’ after an -s word before a lower-case word is a plural possessive when the next mark (role
    ``following``) closes too."""
    if not (pos > 0 and text[pos - 1] in "sS" and LOWER_WORD_AFTER_RE.match(text, pos + 1)):
        return False
    return following in ("close", "either")


def _rstrip(text: str, lo: int, hi: int) -> int:
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return hi
