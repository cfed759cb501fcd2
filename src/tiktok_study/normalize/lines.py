"""Raw text to :class:`Line` records: line breaks, mojibake (ftfy), NFC, invisible characters, whitespace, markdown.

Every later stage works on a list of :class:`Line`: the 1-based number of the line in the text that was read
(``removed.line_no`` points there), its cleaned text, and its kind (``text``, ``heading`` from markup,
``item`` of a list, ``quote``, ``blank``). Cleaning keeps typographic quotes and dashes (quotation detection
needs them) and does not fold full-width CJK punctuation; it repairs mojibake with ftfy, applies Unicode NFC,
drops invisible and control characters, turns every kind of space into one ASCII space and strips the line.

Markdown is reduced to its text: heading marks give ``kind="heading"``, list markers and blockquote marks are
dropped, links keep their text, images and link definitions leave the line empty (the line is then cut with a
``markdown:*`` rule), emphasis and code marks are removed. The same reduction runs on ``.txt`` files, which are
often markdown exports; a ``#`` not followed by a space (a hashtag) is left alone.

Example:
    >>> [(x.no, x.kind, x.text) for x in to_lines("# A  Title\\r\\n\\r\\nCaf\\u00c3\\u00a9 [news](http://x.y) is **bold**.")]
    [(1, 'heading', 'A Title'), (2, 'blank', ''), (3, 'text', 'Café news is bold.')]
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Line", "clean_text", "to_lines"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# --- compiled regexes, together -------------------------------------------------------------------------------
# Characters that can only come from mojibake, HTML entities, ligatures or surrogates: ftfy runs only when present.
NEEDS_FTFY = re.compile(
    r"[\u0080-\u00ff\ud800-\udfff\ufb00-\ufb06\x1b]|&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.I
)
# Control and invisible characters (tab and ZWJ/ZWNJ are kept: tab becomes a space, ZWJ joins emoji and scripts).
INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\ud800-\udfff]"
)
# Spaces of every kind, and line breaks inside one block of text (an HTML paragraph, a CSV cell): one space.
SPACES = re.compile(r"[\t\n\x0b\x0c\r\x1c-\x1e\x85 \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")

MD_FENCE = re.compile(r"^(?:```|~~~)")
MD_ATX_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
MD_BLOCKQUOTE = re.compile(r"^(?:>[ \t]?)+")
MD_LIST_ITEM = re.compile(r"^(?:[-*+•▪●◦‣]|\d{1,3}[.)])[ \t]+(?=\S)")
MD_LINK_DEFINITION = re.compile(r"^\[[^\]]{1,200}\]:[ \t]*\S+")
MD_IMAGE = re.compile(r"!\[[^\]]{0,300}\]\([^)\s]{0,2000}(?:[ \t]+\"[^\"]{0,300}\")?\)")
MD_LINK = re.compile(
    r"\[([^\]\[]{1,500})\]\((?:[^()\s]|\([^()\s]{0,500}\)){0,2000}(?:[ \t]+\"[^\"]{0,300}\")?\)"
)
MD_REF_LINK = re.compile(r"\[([^\]\[]{1,500})\]\[[^\]]{0,100}\]")
MD_FOOTNOTE_REF = re.compile(r"\[\^[^\]]{1,50}\]")
MD_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]{1,2000})>")
MD_STRONG = re.compile(r"(\*\*|__)(?=\S)([^\n]{1,500}?)(?<=\S)\1")
MD_EM_STAR = re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*\n]{1,500}?)(?<=[^\s*])\*(?![\w*])")
MD_EM_UNDERSCORE = re.compile(r"(?<![\w\\])_(?=[^\s_])([^_\n]{1,500}?)(?<=[^\s_])_(?!\w)")
MD_STRIKE = re.compile(r"~~(?=\S)([^\n]{1,500}?)(?<=\S)~~")
MD_CODE = re.compile(r"`([^`\n]{1,500})`")
MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
HTML_INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|br|cite|code|del|em|font|i|img|ins|mark|q|s|small|span|strong|sub|sup|u)\b[^<>]{0,500}>",
    re.I,
)

LineKind = str  # "text" | "heading" | "item" | "quote" | "blank"


@dataclass(slots=True)
class Line:
    """One line of the text that was read.

    Attributes:
        no: 1-based line number in the text read (``removed.line_no``).
        text: the cleaned text (empty for a blank line).
        kind: ``text``, ``heading`` (markup said so), ``item`` (list item), ``quote`` or ``blank``.
        rule: the name of the rule that cut the line, or None while it is kept.
        level: heading level from markup (1-6), 0 otherwise.
    """

    no: int
    text: str
    kind: LineKind = "text"
    rule: str | None = None
    level: int = 0


@lru_cache(maxsize=1)
def _ftfy_config():
    import ftfy

    # uncurl_quotes=False: typographic quotes are data; fix_character_width=False: full-width CJK punctuation
    # (，。：) must stay; line breaks are handled here, before ftfy.
    return ftfy.TextFixerConfig(
        uncurl_quotes=False,
        fix_character_width=False,
        fix_line_breaks=False,
        normalization="NFC",
        explain=False,
    )


def clean_text(text: str) -> str:
    """Repair one line: mojibake (ftfy), NFC, invisible characters out, spaces collapsed, ends stripped.

    Example:
        >>> clean_text("\\u00a0“Quoted”\\u200b — caf\\u0065\\u0301\\t ok\\nthen ")
        '“Quoted” — café ok then'
    """
    if NEEDS_FTFY.search(text):
        import ftfy

        try:
            text = ftfy.fix_text(text, _ftfy_config())
        except Exception:  # ftfy on adversarial input: keep the text rather than fail the article
            logger.debug("ftfy failed on a line; kept as is", exc_info=True)
    if text.isprintable():  # no control, invisible or special space characters: the fast path
        if not text.isascii():
            text = unicodedata.normalize("NFC", text)
        return (SPACES.sub(" ", text) if "  " in text else text).strip()
    text = INVISIBLE.sub("", text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return SPACES.sub(" ", text).strip()


def _inline_markdown(text: str) -> str:
    if "!" in text and "[" in text:
        text = MD_IMAGE.sub("", text)
    if "[" in text:
        text = MD_FOOTNOTE_REF.sub("", text)
        text = MD_LINK.sub(r"\1", text)
        text = MD_REF_LINK.sub(r"\1", text)
    if "<" in text:
        text = MD_AUTOLINK.sub(r"\1", text)
        text = HTML_INLINE_TAG.sub("", text)
    if "*" in text or "_" in text:
        text = MD_STRONG.sub(r"\2", text)
        text = MD_EM_STAR.sub(r"\1", text)
        text = MD_EM_UNDERSCORE.sub(r"\1", text)
    if "~~" in text:
        text = MD_STRIKE.sub(r"\1", text)
    if "`" in text:
        text = MD_CODE.sub(r"\1", text)
    if "\\" in text:
        text = MD_ESCAPE.sub(r"\1", text)
    return text


def to_lines(raw: str, *, markdown: bool = True, first_no: int = 1) -> list[Line]:
    """Split ``raw`` at any line break (CRLF, CR, LF, U+2028 …) and clean each line.

    Args:
        raw: the decoded text.
        markdown: reduce markdown syntax to its text (headings, lists, links, emphasis, images).
        first_no: the number of the first line.

    Returns:
        One :class:`Line` per line of ``raw``; markdown images and link definitions come back with
        ``rule`` set (``markdown:image``, ``markdown:markup-only``, ``markdown:link-definition``,
        ``markdown:fence``).
    """
    out: list[Line] = []
    in_fence = False
    for no, raw_line in enumerate(raw.splitlines(), start=first_no):
        if not raw_line or raw_line.isspace():
            out.append(Line(no, "", "blank"))
            continue
        if not markdown:
            text = clean_text(raw_line)
            out.append(Line(no, text, "text" if text else "blank"))
            continue
        stripped = raw_line.strip()
        if MD_FENCE.match(stripped):
            in_fence = not in_fence
            out.append(Line(no, clean_text(stripped), "text", rule="markdown:fence"))
            continue
        if in_fence:
            text = clean_text(raw_line)
            out.append(Line(no, text, "text" if text else "blank"))
            continue
        kind, level = "text", 0
        if MD_LINK_DEFINITION.match(stripped):
            out.append(Line(no, clean_text(stripped), "text", rule="markdown:link-definition"))
            continue
        if stripped.startswith(">"):
            stripped = MD_BLOCKQUOTE.sub("", stripped, count=1)
            kind = "quote"
        if stripped.startswith("#"):
            heading = MD_ATX_HEADING.match(stripped)
            if heading:
                kind, level, stripped = "heading", len(heading.group(1)), heading.group(2)
        if kind != "heading":
            item = MD_LIST_ITEM.match(stripped)
            if item and not _is_rule_line(stripped):
                stripped = stripped[item.end() :]
                kind = "item"
        text = clean_text(_inline_markdown(stripped))
        if not text:
            original = clean_text(raw_line)
            if not original:  # only invisible characters
                out.append(Line(no, "", "blank"))
                continue
            # the line held only markup: an image, or tags and marks without text
            rule = "markdown:image" if MD_IMAGE.search(stripped) else "markdown:markup-only"
            out.append(Line(no, original, "text", rule=rule))
            continue
        out.append(Line(no, text, kind, level=level))
    return out


def _is_rule_line(text: str) -> bool:
    """``* * *`` or ``- - -``: a thematic break, not a list item."""
    return not any(ch.isalnum() for ch in text)
