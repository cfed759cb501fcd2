"""Words and keys of a line: :func:`word_count` (the rules' word limits) and :func:`title_key` (repeated lines).

Both run on every line and sentence of every article, so each has a shortcut for the text news is mostly made of
(ASCII, typographic quotes and dashes) that gives the regex's own answer (issue 16; tests/test_normalize_speed.py
compares them with the regexes).

Example:
    >>> word_count("People-to-people talks resume"), title_key("U.S. “Ban” — Café_1")
    (3, 'usbancafé1')
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

__all__ = ["CJK", "KEY_CHARS", "WORD", "title_key", "word_count"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# --- compiled regexes and character sets, together ------------------------------------------------------------
WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
# WORD on ASCII text ([^\W_] is [A-Za-z0-9] there, ’ is not ASCII): explicit ranges scan faster
WORD_ASCII = re.compile(r"[A-Za-z0-9]+(?:['.\-][A-Za-z0-9]+)*")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
KEY_CHARS = re.compile(r"[\W_]+")
# what title_key drops without the regex: ASCII's characters other than letters and digits (ASCII's [\W_]), and
# the non-ASCII marks news text is full of (typographic quotes, dashes, ellipsis, no-break space; all [\W_])
ASCII_NON_KEY = bytes(c for c in range(128) if not chr(c).isalnum())
COMMON_NON_KEY = "’‘“”—–…\u00a0«»"
SEPARATING_MARKS = "‘“”—–…\u00a0«»"  # neither word characters nor WORD's joiners


@lru_cache(maxsize=8192)  # several rules count the words of the same lines
def word_count(text: str) -> int:
    """Words of ``text`` (a CJK character counts as one word).

    Example:
        >>> word_count("People-to-people talks resume"), word_count("美国国会")
        (3, 4)
    """
    if text.isascii():  # no CJK character
        return len(WORD_ASCII.findall(text))
    # the common marks as ASCII characters of the same kind for WORD (joiner, or neither word nor joiner)
    if "’" in text:
        text = text.replace("’", "'")
    for mark in SEPARATING_MARKS:
        if mark in text:
            text = text.replace(mark, " ")
    if text.isascii():
        return len(WORD_ASCII.findall(text))
    cjk = len(CJK.findall(text))
    if cjk:
        return cjk + len(WORD.findall(CJK.sub(" ", text)))
    return len(WORD.findall(text))


@lru_cache(maxsize=8192)  # the same lines are keyed by several rules (title repeats, duplicates, teasers)
def title_key(text: str) -> str:
    """Case-, space- and punctuation-insensitive key of a line (for 'repeats the title').

    ``KEY_CHARS.sub("", text.casefold())``: each character of ``KEY_CHARS`` is dropped on its own, so the common
    marks go first (``str.replace``), and a text left in ASCII loses the rest with ``bytes.translate``.

    Example:
        >>> title_key("U.S. “Ban” — Café_1")
        'usbancafé1'
    """
    folded = text.casefold()
    if not folded.isascii():
        for mark in COMMON_NON_KEY:
            if mark in folded:
                folded = folded.replace(mark, "")
        if not folded.isascii():
            return KEY_CHARS.sub("", folded)
    return folded.encode("ascii").translate(None, ASCII_NON_KEY).decode("ascii")
