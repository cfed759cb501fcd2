r"""The head of a page: a kicker over the headline, and the chrome of a whole-page dump above the headline.

Plain-text and clipped pages put labels above the article's own headline: a kicker (Dachzeile) on the line
right above it, or — when a whole page was saved — the site's header, menus and notices, after which the
headline is printed again where the article starts, followed by the post's stamp. These helpers (also the
section label over a headline) find them from the page's shape; the
cutting and the metadata are :mod:`tiktok_study.normalize.article`'s.

Example:
    >>> from tiktok_study.normalize.lines import to_lines
    >>> lines = to_lines("Kicker words\nThe Headline Itself Here\n\n12.01.2025\n\n" + "A sentence of text. " * 12)
    >>> is_kicker(lines, [0, 1], 3)
    True
"""

from __future__ import annotations

import logging
import re

from tiktok_study.normalize import boilerplate as bp
from tiktok_study.normalize import metadata as md
from tiktok_study.normalize.lines import Line

__all__ = ["byline_shaped", "is_kicker", "is_section_label", "page_chrome_end", "stamp_lines"]

logger = logging.getLogger(__name__)

KICKER_WORDS = 8  # a kicker and the headline under it are short
UNWRAPPED_CHARS = 200  # a text with a line this long is not hard-wrapped
#: a header line longer than this is a paragraph, not page chrome
CHROME_LINE_CHARS = 150
#: a page dump's header has at least this many lines cut already (menus, links, logos) above the headline
CHROME_MIN_CUT = 4
HEAD_RULES = frozenset(
    {"metadata:front-matter", "metadata:title", "title-repeat", "metadata:archiver-header"}
)

# a forum or blog post's stamp: the poster, "posted on" and the date ("Wilson (42865)发表于 2024年05月08日")
POST_STAMP = re.compile(r"(?:发表于|发布于|发布时间[:：]?|posted (?:on|at)\b:?)\s*(?=\d)", re.I)

SECTION_LABEL = re.compile(r"^[^\W\d_][\w&'’.\- ]{0,28}(?:\s*[|/]\s*[^\W\d_][\w&'’.\- ]{0,28})?$")
SECTION_WORDS = frozenset({
    "politics", "world", "business", "tech", "technology", "science", "health", "sports", "sport",
    "opinion", "opinions", "culture", "entertainment", "lifestyle", "economy", "markets", "finance",
    "money", "china", "us", "asia", "europe", "americas", "africa", "news", "national", "international",
    "local", "travel", "education", "environment", "climate", "media", "society", "analysis", "commentary",
    "editorial", "editorials", "features", "feature", "investigations", "breaking", "top", "stories",
    "insight", "insights", "perspective", "perspectives", "global", "nation", "metro", "region", "regional",
    "diplomacy", "military", "defense", "security", "law", "justice",
})  # fmt: skip


def is_section_label(text: str, following: str | None) -> bool:
    """A section label or a short kicker over the (longer) headline ``following``."""
    if len(text) > 30 or not SECTION_LABEL.match(text) or bp.word_count(text) > 3:
        return False
    if following is None or not bp.is_headline_like(following, max_words=30):
        return False
    words = [w.casefold() for w in re.split(r"[\s|/]+", text) if w]
    if all(w in SECTION_WORDS for w in words) or " ".join(words) in SECTION_WORDS:
        return bp.word_count(following) > bp.word_count(text)
    # a kicker: a one-to-three-word label over a headline at least twice as long
    return bp.word_count(following) >= 2 * bp.word_count(text) and bp.word_count(following) >= 4


def is_kicker(lines: list[Line], cands: list[int], header_end: int) -> bool:
    """A kicker (Dachzeile) printed on the line right above the headline of a plain-text page.

    Two short unpunctuated lines with no blank line between them, then the date line, in a text whose
    paragraphs are not hard-wrapped (so the pair is not one headline broken in two): the first is the
    kicker, the second the headline ("600 Milliarden Dollar weg" / "Historischer Kurssturz der Nvidia-Aktie").
    """
    if len(cands) != 2 or header_end < cands[1] or cands[1] != cands[0] + 1:
        return False
    first, second = lines[cands[0]], lines[cands[1]]
    if first.kind != "text" or second.kind != "text" or second.text[:1].islower():
        return False
    if any(bp.word_count(x.text) > KICKER_WORDS or bp.ends_sentence(x.text) for x in (first, second)):
        return False
    return any(x.kind == "text" and len(x.text) > UNWRAPPED_CHARS for x in lines[header_end:])


def byline_shaped(text: str) -> bool:
    """A byline, or a lone full name (in Latin script) that may be one."""
    if md.parse_byline(text):
        return True
    return not bp.CJK.search(text) and len(text.split()) <= 4 and bool(md.parse_bare_names(text, single=True))


def page_chrome_end(lines: list[Line]) -> int | None:
    """Where a whole page's chrome ends: the headline repeated below short header lines (a full-page dump).

    The headline (front matter, H1 or the page title) is repeated where the article starts; everything above
    that repeat is site header, menus and notices when none of it is a paragraph (over 150 characters) and
    the repeat lies in the first half of the page, and when the lines above it are mostly cut already (menus,
    links, images: at least twice as many as are left) — a story line above a repeated headline is never cut.
    """
    content = [
        i for i, x in enumerate(lines) if x.kind != "blank" and (x.rule is None or x.rule == "title-repeat")
    ]
    at = None
    for pos, i in enumerate(content):
        x = lines[i]
        if pos * 2 > len(content):
            break
        if x.rule is None and len(x.text) > CHROME_LINE_CHARS:
            break
        if x.rule == "title-repeat":
            at = i
    if at is None:
        return None
    above = [x for x in lines[:at] if x.kind != "blank" and x.rule not in HEAD_RULES]
    kept = sum(1 for x in above if x.rule is None)
    if kept == 0 or len(above) - kept < max(CHROME_MIN_CUT, 2 * kept):
        return None  # not a page dump: the lines above the repeat are not mostly menus already cut
    return at


def stamp_lines(lines: list[Line], start: int) -> str | None:
    """Between a repeated headline and the first paragraph: cut the post's date stamp and short labels.

    Returns:
        the stamped date (ISO), the page's own publication date; None when there is none.
    """
    stamped: str | None = None
    for i in range(start + 1, len(lines)):
        x = lines[i]
        if x.kind == "blank" or x.rule is not None:
            continue
        if bp.is_prose(x.text) and not POST_STAMP.search(x.text):
            return stamped
        stamp = POST_STAMP.search(x.text)
        if stamp:
            stamped = stamped or md.parse_date(x.text[stamp.end() :])
            x.rule = "metadata:date"
        elif md.parse_date_line(x.text):
            stamped = stamped or md.parse_date_line(x.text)[0]
            x.rule = "metadata:date"
        elif bp.word_count(x.text) <= 8 and not byline_shaped(x.text):
            x.rule = "page-header"
        else:
            return stamped
    return stamped
