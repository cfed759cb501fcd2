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

import bisect
import html
import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Line", "clean_text", "has_text", "html_lines", "looks_like_html", "to_lines"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# --- compiled regexes, together -------------------------------------------------------------------------------
# Characters that can only come from mojibake, HTML entities, ligatures or surrogates: ftfy runs only when present.
NEEDS_FTFY = re.compile(
    r"[\u0080-\u00ff\ud800-\udfff\ufb00-\ufb06\x1b]|&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.I
)
# The characters a NEEDS_FTFY match starts with (its class under re.I also takes Ÿ ẞ Å Μ μ), without re.I: the
# engine scans for them fast, and NEEDS_FTFY runs only on lines that have one (tests/test_normalize_speed.py)
NEEDS_FTFY_START = re.compile("[\x1b\u0080-\u00ff\u0178\u039c\u03bc\u1e9e\u212b\ud800-\udfff\ufb00-\ufb06&]")
ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")
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
MD_EMPTY_LINK = re.compile(r"\[\s*\]\((?:[^()\s]|\([^()\s]{0,500}\)){0,2000}(?:[ \t]+\"[^\"]{0,300}\")?\)")
WIKILINK = re.compile(r"\[\[(?:[^\]|\n]{0,200}\|)?([^\]\n]{1,200})\]\]")
MD_REF_LINK = re.compile(r"\[([^\]\[]{1,500})\]\[[^\]]{0,100}\]")
MD_FOOTNOTE_REF = re.compile(r"\[\^[^\]]{1,50}\]")
MD_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]{1,2000})>")
MD_STRONG = re.compile(r"(\*\*|__)(?=\S)([^\n]{1,5000}?)(?<=\S)\1")
MD_EM_STAR = re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*\n]{1,5000}?)(?<=[^\s*])\*(?![\w*])")
MD_EM_UNDERSCORE = re.compile(r"(?<![\w\\])_(?=[^\s_])([^_\n]{1,5000}?)(?<=[^\s_])_(?!\w)")
MD_STRIKE = re.compile(r"~~(?=\S)([^\n]{1,500}?)(?<=\S)~~")
MD_CODE = re.compile(r"`([^`\n]{1,500})`")
MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
HTML_INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|br|cite|code|del|em|font|i|img|ins|mark|q|s|small|span|strong|sub|sup|u|"
    r"p|div|section|article|figure|figcaption|blockquote|h[1-6]|ul|ol|li|hr|table|tbody|thead|tr|td|th|"
    r"header|footer|aside|nav|main|pre|dl|dt|dd|iframe|video|audio|source|track|picture|time|label|center|"
    r"wbr|button|form|input|noscript|script|style|svg|path|meta|link)\b[^<>]{0,2000}>",
    re.I,
)
HTML_COMMENT = re.compile(r"<!--.{0,2000}?-->", re.S)
HTML_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.I)
# kramdown inline attribute lists: {: .btn}{:target="_blank"}
KRAMDOWN_IAL = re.compile(r"\{:[^{}\n]{0,300}\}")
# a markdown link or image whose URL runs on to the next line: "![](https://host/pa-"
MD_OPEN_URL = re.compile(r"(?:!\[[^\]\n]{0,300}\]|\[[^\]\n]{1,300}\])\([^)\s]{0,2000}$")
MD_URL_TAIL = re.compile(r"^[^\s()]{1,2000}\)\s*$")
# a line that is nothing but one or more markdown links (a related link, a "translation" or "original" link)
MD_LINK_ONLY = re.compile(
    r"^(?:[-*+•▪]\s+)?(?:\[[^\]\n]{1,500}\]\((?:[^()\s]|\([^()\s]{0,500}\)){0,2000}(?:[ \t]+\"[^\"]{0,300}\")?\)\s*)+$"
)

# HTML fragments inside a text or markdown file (RSS full text, WordPress blocks, template caches)
HTML_BLOCK_TAG = re.compile(
    r"</?(?:p|div|section|article|figure|figcaption|blockquote|h[1-6]|ul|ol|li|hr|br|table|tr|td|th|header|"
    r"footer|aside|nav|main|pre|dl|dt|dd)\b[^<>]{0,2000}>",
    re.I,
)
# one token of an HTML fragment: a comment or template opener, a tag, or a blank line (the end of a block)
HTML_TOKEN = re.compile(
    r"(?P<opener><!--|<\?php)|<(?P<close>/?)(?P<name>[A-Za-z][\w:-]{0,30})\b[^<>]{0,5000}>|(?P<blank>\n[ \t\u00a0]*\n)"
)
HTML_DROP = frozenset({
    "script", "style", "iframe", "figure", "figcaption", "noscript", "video", "audio", "object", "svg",
    "template", "form", "button", "select",
})  # fmt: skip
HTML_VOID_DROP = frozenset({"img", "track", "source", "embed", "input", "meta", "link"})
HTML_BLOCK = frozenset({
    "p", "div", "section", "article", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "hr",
    "br", "table", "tr", "td", "th", "header", "footer", "aside", "nav", "main", "pre", "dl", "dt", "dd",
})  # fmt: skip
NEWLINE = re.compile(r"\n")
MD_CARD_END = re.compile(r"\]\((?:[^()\s]|\([^()\s]{0,500}\)){1,2000}(?:[ \t]+\"[^\"]{0,300}\")?\)\s*$")
# three or more spaces (one of them often a no-break space) inside a line: where a scraper joined two blocks
FLATTENED_JOIN = re.compile(r"(?<=\S)[ \t\u00a0]{3,}(?=\S)")
# three spaces in a row, which every FLATTENED_JOIN match holds (found by the engine's fast scan: no lookbehind first)
THREE_SPACES = re.compile(r"[ \t\u00a0][ \t\u00a0][ \t\u00a0]")
HTML_ANY_TAG = re.compile(r"</?[A-Za-z][\w:-]{0,30}(?:\s[^<>]{0,5000})?/?>|<[A-Za-z][^<>]{0,5000}$")

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


def _needs_ftfy(text: str) -> bool:
    """``NEEDS_FTFY.search(text)``, searched from the first character a match can start with (if any)."""
    start = NEEDS_FTFY_START.search(text)
    return start is not None and NEEDS_FTFY.search(text, start.start()) is not None


def clean_text(text: str) -> str:
    """Repair one line: mojibake (ftfy), NFC, invisible characters out, spaces collapsed, ends stripped.

    Example:
        >>> clean_text("\\u00a0“Quoted”\\u200b — caf\\u0065\\u0301\\t ok\\nthen ")
        '“Quoted” — café ok then'
    """
    if _needs_ftfy(text):
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


def has_text(text: str) -> bool:
    """``bool(clean_text(text))``, without cleaning a whole article to learn that it is not empty.

    Where ftfy will not run (no NEEDS_FTFY match: the "&" of "R&D" starts no entity), an ASCII letter or digit
    survives cleaning: the invisible characters and spaces removed are other characters, and NFC keeps the letter
    or composes it with the marks after it into a letter (tests/test_normalize_speed.py checks every composite
    character).

    Example:
        >>> has_text("\\u200b \\n\\t"), has_text("“Quoted” text")
        (False, True)
    """
    if ASCII_ALNUM.search(text) and not _needs_ftfy(text):
        return True
    return bool(clean_text(text))


def _inline_markdown(text: str) -> str:
    if "{:" in text:
        text = KRAMDOWN_IAL.sub("", text)
    if "<!--" in text:
        text = HTML_COMMENT.sub("", text)
    if "!" in text and "[" in text:
        text = MD_IMAGE.sub("", text)
        text = MD_EMPTY_LINK.sub("", text)  # a linked image: "[![alt](img)](link)"
    if "[[" in text:
        text = WIKILINK.sub(r"\1", text)  # a note-taking clipper's [[Jane Doe]] / [[page|label]]
    if "[" in text:
        text = MD_FOOTNOTE_REF.sub("", text)
        text = MD_LINK.sub(r"\1", text)
        text = MD_REF_LINK.sub(r"\1", text)
    if "<" in text:
        text = MD_AUTOLINK.sub(r"\1", text)
        text = HTML_INLINE_TAG.sub("", text)
    if "*" in text or "_" in text:
        if "****" in text:
            text = text.replace("****", "")  # an empty bold pair where two bold runs met
        text = MD_STRONG.sub(r"\2", text)
        text = MD_EM_STAR.sub(r"\1", text)
        text = MD_EM_UNDERSCORE.sub(r"\1", text)
    if "~~" in text:
        text = MD_STRIKE.sub(r"\1", text)
    if "`" in text:
        text = MD_CODE.sub(r"\1", text)
    if "\\" in text:
        text = MD_ESCAPE.sub(r"\1", text)
    return _unescape(text)


def _unescape(text: str) -> str:
    """HTML entities decoded (``&quot;`` ``&#8217;`` ``&nbsp;``), twice-escaped ones too (``&amp;quot;``)."""
    if "&" in text and HTML_ENTITY.search(text):
        text = html.unescape(text)
        if "&" in text and HTML_ENTITY.search(text):
            text = html.unescape(text)
    return text


def looks_like_html(text: str) -> bool:
    """Is ``text`` (the body of a text or markdown file) written in HTML: two or more block tags?

    Example:
        >>> looks_like_html("<p>One.</p><p>Two.</p>"), looks_like_html("A <b>bold</b> claim.")
        (True, False)
    """
    tags = HTML_BLOCK_TAG.finditer(text, 0, min(len(text), 200_000))
    return next(tags, None) is not None and next(tags, None) is not None


_DROP_RULE = {"figure": "html:figure", "figcaption": "html:figure"}


def html_lines(raw: str, *, first_no: int = 1) -> list[Line]:
    """Lines of an HTML fragment: one per block (paragraph, heading, list item), ``no`` = its first raw line.

    Comments, scripts, styles, embeds (``<iframe>``, ``<video>``, ``<img>``) and figures with their captions
    come back as cut lines (rules ``html:comment``, ``html:embed``, ``html:figure``); inline tags are stripped
    and entities decoded. A line break inside a block is a space, a blank line ends a block.

    Example:
        >>> lines = html_lines("<h2>Head</h2>\\n<p>A &amp; <a href='x'>B</a>\\nC.</p><iframe src='v'></iframe>")
        >>> [(x.no, x.kind, x.text, x.rule) for x in lines if x.kind != "blank"]
        [(1, 'heading', 'Head', None), (2, 'text', 'A & B C.', None), (3, 'text', "<iframe src='v'></iframe>", 'html:embed')]
    """
    starts = [0, *(m.end() for m in NEWLINE.finditer(raw))]

    def line_of(pos: int) -> int:
        return bisect.bisect_right(starts, pos) - 1 + first_no

    out: list[Line] = []
    state = {"start": 0, "tag": ""}

    def flush(end: int) -> None:
        chunk = raw[state["start"] : end]
        if not state["tag"] and "\n" in chunk.strip():  # text outside any block: markdown lines
            out.extend(_loose_lines(chunk, line_of(state["start"])))
            return
        text = clean_text(_inline_markdown(HTML_ANY_TAG.sub("", chunk).strip()))
        if text:
            offset = state["start"] + (len(chunk) - len(chunk.lstrip()))
            tag = state["tag"]
            kind = "heading" if tag[:1] == "h" and tag[1:].isdigit() else "item" if tag == "li" else "text"
            kind = "quote" if tag == "blockquote" else kind
            out.append(Line(line_of(offset), text, kind, level=int(tag[1]) if kind == "heading" else 0))
            out.append(Line(line_of(offset), "", "blank"))  # a block is a paragraph of its own

    lowered = raw.casefold() if raw.isascii() else raw.lower()
    unclosed: set[str] = set()  # closers known to be absent: each is searched for once (no quadratic rescans)

    def cut(start: int, end: int, rule: str) -> None:
        shown = clean_text(raw[start:end])[:300]
        if shown:
            out.append(Line(line_of(start), shown, "text", rule=rule))

    pos = 0
    while True:
        m = HTML_TOKEN.search(raw, pos)
        if m is None:
            break
        pos = m.end()
        if m.group("blank"):
            flush(m.start())
            state["start"] = m.end()
            continue
        opener = m.group("opener")
        if opener:  # a comment or template tag runs to its closer (or, without one, only the opener goes)
            stop = _comment_stop(raw, m, opener, unclosed)
            flush(m.start())
            cut(m.start(), stop, "html:comment")
            state["start"] = pos = stop
            continue
        name = m.group("name").casefold()
        if name in HTML_DROP and not m.group("close"):
            stop = _element_stop(raw, lowered, m, name, unclosed)
            flush(m.start())
            cut(m.start(), stop, _DROP_RULE.get(name, "html:embed"))
            state["start"] = pos = stop
        elif name in HTML_VOID_DROP or name in HTML_DROP:
            flush(m.start())
            if name in HTML_VOID_DROP:
                cut(m.start(), m.end(), "html:embed")
            state["start"] = m.end()
        elif name in HTML_BLOCK:
            flush(m.start())
            state["start"] = m.end()
            state["tag"] = "" if m.group("close") else name
        # an inline tag stays in the block's text; flush strips it
    flush(len(raw))
    return out


def _loose_lines(chunk: str, base: int) -> list[Line]:
    """Text outside any HTML block, read as markdown lines numbered from ``base``."""
    found: list[Line] = []
    for k, part in enumerate(chunk.split("\n")):
        if part.strip():
            part = HTML_ANY_TAG.sub("", part)
            x = _markdown_line(base + k, part, part.strip())
            if x.kind != "blank":
                found.append(x)
    return found


def _comment_stop(raw: str, m: re.Match[str], opener: str, unclosed: set[str]) -> int:
    """Where a comment or template tag opened at ``m`` ends (just the opener when it is never closed)."""
    closer = "-->" if opener == "<!--" else "?>"
    end = -1 if closer in unclosed else raw.find(closer, m.end())
    if end < 0:
        unclosed.add(closer)
        end = m.end() - len(closer)
    return end + len(closer)


def _element_stop(raw: str, lowered: str, m: re.Match[str], name: str, unclosed: set[str]) -> int:
    """Where a dropped element (script, figure, iframe …) opened at ``m`` ends: after its closing tag."""
    end = -1 if name in unclosed else lowered.find("</" + name, m.end())
    if end < 0:
        unclosed.add(name)
        return m.end()
    gt = raw.find(">", end)
    return gt + 1 if gt >= 0 else len(raw)


def to_lines(raw: str, *, markdown: bool = True, first_no: int = 1) -> list[Line]:
    """Split ``raw`` at any line break (CRLF, CR, LF, U+2028 …) and clean each line.

    Args:
        raw: the decoded text.
        markdown: reduce markdown syntax to its text (headings, lists, links, emphasis, images); a text
            written in HTML (two or more block tags) is read by :func:`html_lines`.
        first_no: the number of the first line.

    Returns:
        One :class:`Line` per line of ``raw``; markdown images, lines of links only and link definitions
        come back with ``rule`` set (``markdown:image``, ``markdown:link-only``, ``markdown:markup-only``,
        ``markdown:link-definition``, ``markdown:fence``).
    """
    if markdown and "<" in raw and looks_like_html(raw):
        return html_lines(raw, first_no=first_no)
    out: list[Line] = []
    in_fence = False
    open_url = False
    raw_lines = raw.splitlines()
    card_until = -1
    for k, raw_line in enumerate(raw_lines):
        no = k + first_no
        if not raw_line or raw_line.isspace():
            out.append(Line(no, "", "blank"))
            continue
        if k <= card_until:  # inside a link card: "[Headline\n\nTeaser](https://…)"
            out.append(Line(no, clean_text(raw_line), "text", rule="markdown:link-only"))
            continue
        if not markdown:
            text = clean_text(raw_line)
            out.append(Line(no, text, "text" if text else "blank"))
            continue
        stripped = raw_line.strip()
        if open_url:  # the rest of a link or image URL broken across lines
            open_url = False
            if MD_URL_TAIL.match(stripped):
                out.append(Line(no, clean_text(stripped), "text", rule=out[-1].rule or "markdown:image"))
                continue
        if MD_FENCE.match(stripped):
            in_fence = not in_fence
            out.append(Line(no, clean_text(stripped), "text", rule="markdown:fence"))
            continue
        if in_fence:
            text = clean_text(raw_line)
            out.append(Line(no, text, "text" if text else "blank"))
            continue
        end = _card_end(raw_lines, k) if stripped.startswith("[") and "]" not in stripped else None
        if end is not None:
            card_until = end
            out.append(Line(no, clean_text(raw_line), "text", rule="markdown:link-only"))
            continue
        if "](" in stripped or "[" in stripped:
            linked, open_url = _link_line(no, stripped)
            if linked is not None:
                out.append(linked)
                continue
        # blocks a scraper flattened into one line
        if stripped[:1] not in "#>|-*+" and THREE_SPACES.search(stripped) and FLATTENED_JOIN.search(stripped):
            for part in FLATTENED_JOIN.split(stripped):
                out.append(_markdown_line(no, part, part.strip()))
            continue
        out.append(_markdown_line(no, raw_line, stripped))
    return out


def _link_line(no: int, stripped: str) -> tuple[Line | None, bool]:
    """A line of links only, cut: ``(line, its URL runs on to the next line)``; ``(None, False)`` otherwise."""
    if MD_OPEN_URL.search(stripped):
        rule = "markdown:image" if stripped.startswith("![") else "markdown:link-only"
        return Line(no, clean_text(stripped), "text", rule=rule), True
    if MD_LINK_ONLY.match(KRAMDOWN_IAL.sub("", stripped).strip()):
        text = clean_text(_inline_markdown(stripped))
        if text:
            return Line(no, text, "text", rule="markdown:link-only"), False
    return None, False


def _card_end(raw_lines: list[str], k: int) -> int | None:
    """The last line of a link whose text spans several lines (a related-story card), or None."""
    for j in range(k + 1, min(len(raw_lines), k + 8)):
        line = raw_lines[j]
        if "[" in line:
            return None
        if "]" in line:
            return j if MD_CARD_END.search(line) else None
    return None


def _markdown_line(no: int, raw_line: str, stripped: str) -> Line:
    kind, level = "text", 0
    if MD_LINK_DEFINITION.match(stripped):
        return Line(no, clean_text(stripped), "text", rule="markdown:link-definition")
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
            return Line(no, "", "blank")
        # the line held only markup: an image, or tags and marks without text
        rule = "markdown:image" if MD_IMAGE.search(stripped) else "markdown:markup-only"
        return Line(no, original, "text", rule=rule)
    return Line(no, text, kind, level=level)


def _is_rule_line(text: str) -> bool:
    """``* * *`` or ``- - -``: a thematic break, not a list item."""
    return not any(ch.isalnum() for ch in text)
