r"""Boilerplate rules that need the neighbouring lines: related lists, newsletter blocks, menus, trailing lists.

The context-free rules (:func:`tiktok_study.normalize.boilerplate.line_rule`) run first; these look at what
surrounds a line: a related-stories label with the headlines under it, the short lines of a sign-up block, a
run of one-to-four-word menu lines before the headline or after the text, and a list of title-case headlines
after a separator at the end.

Example:
    >>> from tiktok_study.normalize.boilerplate import line_rule
    >>> from tiktok_study.normalize.lines import to_lines
    >>> lines = to_lines("Body text that is long enough to be prose here.\n\nRead more\nWhy Creators Are Worried")
    >>> for x in lines:
    ...     x.rule = line_rule(x.text) if x.kind != "blank" else None
    >>> mark_context(lines, first_prose=0, last_prose=0)
    >>> [x.rule for x in lines if x.kind != "blank"]
    [None, 'related:header', 'related:headline']
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from tiktok_study.normalize.boilerplate import (
    NEWSLETTER_WORDS,
    _title_end_bad,
    ends_sentence,
    is_headline_like,
    is_prose,
    is_title_case,
    word_count,
)
from tiktok_study.normalize.lines import Line

__all__ = ["mark_context"]

logger = logging.getLogger(__name__)


def mark_context(lines: Sequence[Line], *, first_prose: int | None, last_prose: int | None) -> None:
    """Apply the rules that need neighbours, in place: related lists, newsletter blocks, menus, trailing lists.

    Args:
        lines: the article's lines, context-free rules already applied.
        first_prose: index of the first prose line (the body starts there or before), None when there is none.
        last_prose: index of the last prose line (the footer follows), None when there is none.
    """
    _related_lists(lines, last_prose=last_prose)
    _subscribe_blocks(lines)
    _nav_runs(lines, first_prose=first_prose, last_prose=last_prose)
    _trailing_list(lines, last_prose=last_prose)


def _next_content(lines: Sequence[Line], i: int, step: int) -> int | None:
    j = i + step
    while 0 <= j < len(lines):
        x = lines[j]
        if x.kind != "blank" and x.rule not in ("separator",):
            return j if x.rule is None else None
        j += step
    return None


def _related_lists(lines: Sequence[Line], *, last_prose: int | None) -> None:
    stamps = [i for i, x in enumerate(lines) if x.rule == "related:label-time"]
    for i in stamps:
        j = _next_content(lines, i, 1)
        if j is not None and is_headline_like(lines[j].text) and lines[j].kind != "heading":
            lines[j].rule = "related:headline"
            continue
        j = _next_content(lines, i, -1)
        if j is not None and is_headline_like(lines[j].text) and (last_prose is None or j > last_prose):
            lines[j].rule = "related:headline"
    for i, x in enumerate(lines):
        if x.rule != "related:header":
            continue
        for j in range(i + 1, min(len(lines), i + 40)):
            y = lines[j]
            if y.kind == "blank" or y.rule is not None:
                if y.kind == "blank" and j + 1 < len(lines) and lines[j + 1].kind == "blank":
                    break
                continue
            if y.kind == "heading" or not is_headline_like(y.text, max_words=20):
                break
            y.rule = "related:headline"


def _subscribe_blocks(lines: Sequence[Line]) -> None:
    anchors = {"call-to-action", "subscribe-block", "paywall"}
    n = len(lines)
    for i, x in enumerate(lines):
        if x.rule not in anchors:
            continue
        for step in (1, -1):
            j = i + step
            while 0 <= j < n and lines[j].kind != "blank":
                y = lines[j]
                if y.rule is None:
                    words = word_count(y.text)
                    if words > 20 or not NEWSLETTER_WORDS.search(y.text) or (words > 12 and is_prose(y.text)):
                        break
                    y.rule = "subscribe-block"
                j += step


def _short_label(x: Line) -> bool:
    return (
        x.rule is None
        and x.kind != "blank"
        and word_count(x.text) <= 4
        and len(x.text) <= 32
        and not ends_sentence(x.text)
        and not _title_end_bad(x.text)
    )


def _nav_runs(lines: Sequence[Line], *, first_prose: int | None, last_prose: int | None) -> None:
    from tiktok_study.normalize import metadata

    def is_meta(text: str) -> bool:
        return bool(
            metadata.parse_byline(text) or metadata.parse_date_line(text) or metadata.parse_editors(text)
        )

    n = len(lines)
    zones: list[tuple[int, int]] = []
    if first_prose is not None:
        zones.append((0, first_prose))
    zones.append(((last_prose + 1) if last_prose is not None else 0, n))
    for lo, hi in zones:
        run: list[int] = []
        for i in [*range(lo, hi), None]:
            if i is not None and lines[i].kind == "blank":
                continue
            if i is not None and lines[i].rule is not None:
                continue
            if i is not None and _short_label(lines[i]) and not is_meta(lines[i].text):
                run.append(i)
                continue
            if len(run) >= 3:
                # before the headline, leave the last short line: it may be the (short) title itself
                keep_last = (
                    lo == 0 and hi == first_prose and (i is None or not is_headline_like(lines[i].text))
                )
                for j in run[:-1] if keep_last else run:
                    lines[j].rule = "nav-menu"
            run = []


def _trailing_list(lines: Sequence[Line], *, last_prose: int | None) -> None:
    if last_prose is None:
        return
    tail = [i for i in range(last_prose + 1, len(lines)) if lines[i].kind != "blank"]
    if not tail:
        return
    # the run must follow a separator (or a related label) that sits after the last prose line
    seps = [i for i in tail if lines[i].rule in ("separator", "related:header")]
    if not seps:
        return
    start = seps[0]
    items = [i for i in tail if i > start and lines[i].rule is None]
    if len(items) < 2:
        return
    if not all(is_headline_like(lines[i].text, max_words=20) for i in items):
        return
    if sum(is_title_case(lines[i].text) for i in items) * 2 < len(items):
        return
    for i in items:
        lines[i].rule = "related:trailing-list"
