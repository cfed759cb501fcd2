"""Words and keys of a line: :func:`word_count` (the rules' word limits), :func:`body_word_count` (the articles'
``n_words``) and :func:`title_key` (repeated lines).

They run on every line, sentence and paragraph of every article, so each has a shortcut for the text news is mostly
made of (ASCII, typographic quotes and dashes) that gives the regex's own answer (issue 16;
tests/test_normalize_speed.py compares them with the regexes).

Counting words without the regex: in ASCII text a word of ``WORD_ASCII`` is a run of letters and digits, joined to
the next run through one joiner character. ``bytes.translate`` maps each letter or digit to ``a``, each joiner to
``.`` and every other byte to a space; a word then starts at an ``a`` that begins the text or follows a space, or
that follows a ``.`` which itself begins the text or follows a space or another ``.`` (a joiner with no word
before it joins nothing). So the words are ``count(b" a") + count(b" .a") + count(b"..a")`` plus one when the
text begins with ``a`` or ``.a`` — none of the three patterns can overlap itself, so ``bytes.count`` counts each
place. No list of matched strings is built (:func:`_ascii_words`).

Example:
    >>> word_count("People-to-people talks resume"), title_key("U.S. “Ban” — Café_1")
    (3, 'usbancafé1')
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

__all__ = ["BODY_WORD", "CJK", "KEY_CHARS", "WORD", "body_word_count", "title_key", "word_count"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# --- compiled regexes and character sets, together ------------------------------------------------------------
WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
# WORD on ASCII text ([^\W_] is [A-Za-z0-9] there, ’ is not ASCII): explicit ranges scan faster
WORD_ASCII = re.compile(r"[A-Za-z0-9]+(?:['.\-][A-Za-z0-9]+)*")
# frames.count_words' word (the articles' n_words): a comma and the Unicode hyphens ‐ ‑ join too
BODY_WORD = re.compile(r"[^\W_]+(?:['’.,\-‐‑][^\W_]+)*")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
KEY_CHARS = re.compile(r"[\W_]+")
# what title_key drops without the regex: ASCII's characters other than letters and digits (ASCII's [\W_]), and
# the non-ASCII marks news text is full of (typographic quotes, dashes, ellipsis, no-break space; all [\W_])
ASCII_NON_KEY = bytes(c for c in range(128) if not chr(c).isalnum())
COMMON_NON_KEY = "’‘“”—–…\u00a0«»"
SEPARATING_MARKS = "‘“”—–…\u00a0«»"  # neither word characters nor WORD's (or BODY_WORD's) joiners
SHORT_TEXT = 32  # characters: below this, findall is as quick as the counts of _ascii_words


def _run_table(joiners: bytes) -> bytes:
    """``bytes.translate`` table: ASCII letters and digits to ``a``, ``joiners`` to ``.``, every other byte to a space."""
    table = bytearray(b" " * 256)
    for c in range(128):
        if chr(c).isalnum():
            table[c] = ord("a")
    for c in joiners:
        table[c] = ord(".")
    return bytes(table)


WORD_RUNS = _run_table(b"'.-")  # WORD_ASCII's joiners
BODY_WORD_RUNS = _run_table(b"'.,-")  # BODY_WORD's ASCII joiners


def _ascii_words(text: str, table: bytes) -> int:
    """Words of an ASCII ``text`` whose joiners ``table`` maps to ``.`` (see the module docstring)."""
    runs = text.encode("ascii").translate(table)
    return runs.count(b" a") + runs.count(b" .a") + runs.count(b"..a") + runs.startswith((b"a", b".a"))


@lru_cache(maxsize=8192)  # several rules count the words of the same lines
def word_count(text: str) -> int:
    """Words of ``text`` (a CJK character counts as one word).

    Example:
        >>> word_count("People-to-people talks resume"), word_count("美国国会")
        (3, 4)
    """
    if text.isascii():  # no CJK character
        return len(WORD_ASCII.findall(text)) if len(text) < SHORT_TEXT else _ascii_words(text, WORD_RUNS)
    # the common marks as ASCII characters of the same kind for WORD (joiner, or neither word nor joiner)
    if "’" in text:
        text = text.replace("’", "'")
    for mark in SEPARATING_MARKS:
        if mark in text:
            text = text.replace(mark, " ")
    if text.isascii():
        return _ascii_words(text, WORD_RUNS)
    cjk = len(CJK.findall(text))
    if cjk:
        return cjk + len(WORD.findall(CJK.sub(" ", text)))
    return len(WORD.findall(text))


def body_word_count(text: str) -> int:
    """Words of a body paragraph by :func:`tiktok_study.frames.count_words`' rule, ``len(BODY_WORD.findall(text))``.

    Example:
        >>> body_word_count("People-to-people exchange grew 27.8% in China’s 1,300 firms.")
        8
    """
    if not text.isascii():
        if "’" in text:
            text = text.replace("’", "'")
        for mark in "‐‑":
            if mark in text:
                text = text.replace(mark, "-")
        for mark in SEPARATING_MARKS:
            if mark in text:
                text = text.replace(mark, " ")
        if not text.isascii():
            return len(BODY_WORD.findall(text))
    return _ascii_words(text, BODY_WORD_RUNS)


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
