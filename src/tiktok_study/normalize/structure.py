"""The kept lines of an article as paragraphs, headings and sentences with offsets into the clean text.

* **Headings.** A line is a heading when markup says so (``#``, ``<h2>``), when it is a numbered section head
  ("01 Title", "II. Title", "一、标题" — the number is dropped), or, in a text without heading markup, when it
  is a short title-case line with no closing full stop followed by more body text.
* **Paragraphs.** Lines between blank lines (or cut lines) form a block. A block whose lines mostly stop
  mid-sentence is hard-wrapped text and is joined into one paragraph (a short line that ends a sentence closes
  a paragraph); otherwise each line is a paragraph of its own, as in most web exports. A line that stops
  mid-sentence and is followed by a lowercase start is always joined. List items stay separate.
* **Dateline.** "WASHINGTON (Reuters) — ", "BEIJING, Jan. 20 (Xinhua) -- " opening the first paragraph is cut
  (``metadata:dateline``): the place goes to ``articles.dateline``, the agency to the source when none is known.
* **Sentences** come from :func:`tiktok_study.text.sentence_spans` (NLTK Punkt, English) per body paragraph.
  The article ``text`` joins the paragraphs with a blank line; every offset slices its text out of it exactly.

Example:
    >>> heading_text("01 TikTok Has Nowhere Else to Retreat"), heading_text("12 people died in the attack.")
    ('TikTok Has Nowhere Else to Retreat', None)
    >>> layout([("heading", "A"), ("body", "One. Two.")])
    ('A\\n\\nOne. Two.', [(0, 1), (3, 12)], [(1, 3, 7), (1, 8, 12)])
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Sequence

from tiktok_study.normalize.boilerplate import is_headline_like, is_title_case, word_count
from tiktok_study.normalize.lines import Line

__all__ = ["build_paragraphs", "dateline", "heading_text", "inner_dateline", "layout"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# --- compiled regexes, together -------------------------------------------------------------------------------
NUMBERED_HEADING = re.compile(r"^(?:\d{1,2}|[IVX]{1,4})(?:[.):]|\s*[-–—|])?\s+(?=\S)")
CJK_NUMBERED_HEADING = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]\s*(?=\S)")
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]{2,}(?:\s+[A-Z][A-Z.'’-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][\w.]+(?:\s[A-Z][\w.]+)?))?"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?"
    r"\s*(?:\((?P<agency>[A-Za-z][\w .&-]{1,30})\))?"
    r"\s*(?:[—–]{1,2}|-{1,2})\s+(?=\S)"
)
CJK_DATELINE = re.compile(
    r"^(?P<agency>[\u4e00-\u9fff]{2,5}社)(?P<place>[\u4e00-\u9fff]{2,6}?)\d{1,2}月\d{1,2}日电"
    r"(?:[（(]记者[^）)]{1,30}[）)])?\s*(?=\S)"
)
# "Washington (CNN Business) President …": a mixed-case place and an agency in brackets, no dash
AGENCY_DATELINE = re.compile(
    r"^(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"
    r"\s*\((?P<agency>[A-Za-z][\w .&-]{1,30})\)\s*(?:[—–]{1,2}\s+|-{1,2}\s+)?(?=[A-Z“\"])"
)
# a wire dateline after furniture flattened into the first paragraph ("… File photo Companies BRUSSELS, May 15
# (Reuters) - …"): capitals, an optional date, the agency in brackets and a dash
INNER_DATELINE = re.compile(
    r"(?<=\s)(?P<place>[A-Z][A-Z.'’-]{2,}(?:\s+[A-Z][A-Z.'’-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][\w.]+(?:\s[A-Z][\w.]+)?))?"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?"
    r"\s*\((?P<agency>[A-Za-z][\w .&-]{1,30})\)\s*(?:[—–]{1,2}|-{1,2})\s+(?=\S)"
)
# "台北 -- 华为…": a Chinese place name and a dash opening the first paragraph
CJK_PLACE_DATELINE = re.compile(
    r"^(?P<place>[\u4e00-\u9fff]{2,6})\s*(?:--|—{1,2}|–)\s*(?=[\u4e00-\u9fffA-Za-z])"
)
MAX_WORDS_BEFORE_DATELINE = 80
LOWER_START = re.compile(r"^[\"'“‘(]?[a-z]")
CJK_CHAR = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")

SHOUTING = re.compile(r"^[^a-z]*[A-Z][^a-z]*$")

LINE_CLOSERS = frozenset(".!?…。！？:：\"'”’)]")
DATELINE_STOP = frozenset(
    {"BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "NOTE", "WARNING", "ANALYSIS", "OPINION"}
)


def heading_text(text: str) -> str | None:
    """The heading a numbered section head stands for, number dropped; None when ``text`` is not one."""
    m = NUMBERED_HEADING.match(text) or CJK_NUMBERED_HEADING.match(text)
    if not m:
        return None
    rest = text[m.end() :].strip()
    if not rest or not is_headline_like(rest, max_words=20):
        return None
    first = rest[0]
    if not (first.isupper() or CJK_CHAR.match(first) or first in "“\"‘'"):
        return None
    return rest


def _heuristic_heading(text: str) -> bool:
    if word_count(text) > 12 or not is_headline_like(text, max_words=12):
        return False
    return is_title_case(text) or bool(SHOUTING.match(text) and word_count(text) >= 2)


def _open_end(text: str) -> bool:
    """Does the line stop mid-sentence (no closing punctuation)?"""
    return text[-1:] not in LINE_CLOSERS


def _join(a: str, b: str) -> str:
    if a.endswith("-") and LOWER_START.match(b):
        return a + b
    if CJK_CHAR.search(a[-1:]) and CJK_CHAR.search(b[:1]):
        return a + b
    return f"{a} {b}"


def _wrapped(run: Sequence[Line]) -> bool:
    """Do the lines of ``run`` mostly stop mid-sentence (hard-wrapped text)?"""
    if len(run) < 2:
        return False
    width = max(len(x.text) for x in run)
    if width > 160:
        return False
    # wrapped lines stop mid-sentence near the wrap width; a short open line is a label, not a wrap
    inner = run[:-1]
    open_ends = sum(1 for x in inner if _open_end(x.text) and len(x.text) >= 0.6 * width)
    return open_ends * 2 >= len(inner)


def build_paragraphs(lines: Sequence[Line], *, markup_headings: bool) -> list[tuple[str, str, int]]:
    """Paragraphs and headings of the kept lines: ``(kind, text, line_no of the first line)``.

    Args:
        lines: the article's lines; kept lines have ``rule`` None, cut and blank lines separate blocks.
        markup_headings: the text has heading markup, so unmarked lines are never guessed to be headings.
    """
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for x in lines:
        if x.kind == "blank" or x.rule is not None:
            if current:
                blocks.append(current)
                current = []
            continue
        current.append(x)
    if current:
        blocks.append(current)

    out: list[tuple[str, str, int]] = []
    n_blocks = len(blocks)
    for b, block in enumerate(blocks):
        run: list[Line] = []
        is_last_block = b == n_blocks - 1
        alone_or_listed = len(block) == 1 or not _wrapped(block)
        for k, x in enumerate(block):
            heading = None
            if x.kind == "heading":
                heading = heading_text(x.text) or x.text
            elif x.kind == "text":
                heading = heading_text(x.text)
                if heading is None and not markup_headings:
                    followed = k < len(block) - 1 or not is_last_block
                    if followed and alone_or_listed and _heuristic_heading(x.text):
                        heading = x.text
            if heading is not None:
                out.extend(_flush(run))
                run = []
                out.append(("heading", heading, x.no))
            elif x.kind == "item":
                out.extend(_flush(run))
                run = []
                out.append(("body", x.text, x.no))
            else:
                if run and run[-1].kind != x.kind:
                    out.extend(_flush(run))
                    run = []
                run.append(x)
        out.extend(_flush(run))
    return out


def _flush(run: list[Line]) -> list[tuple[str, str, int]]:
    if not run:
        return []
    wrapped = _wrapped(run)
    width = max(len(x.text) for x in run)
    paragraphs: list[tuple[str, str, int]] = []
    text, first = run[0].text, run[0].no
    for prev, x in itertools.pairwise(run):
        open_end = _open_end(prev.text)
        if wrapped:
            closes = not open_end and len(prev.text) < 0.6 * width
            join = not closes
        else:
            join = open_end and bool(LOWER_START.match(x.text))
        if join:
            text = _join(text, x.text)
        else:
            paragraphs.append(("body", text, first))
            text, first = x.text, x.no
    paragraphs.append(("body", text, first))
    return paragraphs


def dateline(text: str) -> tuple[int, str, str | None] | None:
    """A dateline opening ``text``: ``(length of the prefix to cut, place, agency)``; None when there is none.

    Example:
        >>> dateline("WASHINGTON (Reuters) — Lawmakers voted on Friday.")
        (23, 'Washington', 'Reuters')
        >>> dateline("NATO allies met in Brussels.") is None
        True
    """
    m = DATELINE.match(text)
    if m:
        place = m.group("place").strip()
        if place.rstrip(".") in DATELINE_STOP or sum(ch.isalpha() for ch in place) < 3:
            return None
        if len(text) - m.end() < 20:
            return None
        return m.end(), place.title() if len(place) > 3 else place, m.group("agency")
    m = CJK_DATELINE.match(text)
    if m and len(text) - m.end() >= 10:
        return m.end(), m.group("place"), m.group("agency")
    m = CJK_PLACE_DATELINE.match(text)
    if m and len(text) - m.end() >= 10:
        return m.end(), m.group("place"), None
    m = AGENCY_DATELINE.match(text)
    if m and len(text) - m.end() >= 20:
        from tiktok_study.normalize.metadata import AGENCIES

        agency = m.group("agency").strip()
        known = {a.casefold() for a in AGENCIES}
        if agency.split()[0].casefold() in known and m.group("place").upper() not in DATELINE_STOP:
            return m.end(), m.group("place"), agency
    return None


def inner_dateline(text: str) -> tuple[int, int, str, str | None] | None:
    """A wire dateline after flattened furniture near the start of ``text``: ``(start, end, place, agency)``.

    Example:
        >>> t = "Logo seen in a file photo. REUTERS/Jo Doe Companies BRUSSELS, May 15 (Reuters) - The EU charged TikTok."
        >>> inner_dateline(t)[2:]
        ('Brussels', 'Reuters')
    """
    m = INNER_DATELINE.search(text, 0, min(len(text), 1200))
    if not m or word_count(text[: m.start()]) > MAX_WORDS_BEFORE_DATELINE or len(text) - m.end() < 20:
        return None
    place = m.group("place").strip()
    if place.rstrip(".") in DATELINE_STOP:
        return None
    return m.start(), m.end(), place.title() if len(place) > 3 else place, m.group("agency")


def layout(
    paragraphs: Sequence[tuple[str, str]],
) -> tuple[str, list[tuple[int, int]], list[tuple[int, int, int]]]:
    """Join paragraphs into the article text; offsets of paragraphs and sentences (body paragraphs only).

    Returns:
        ``(text, [(start, end)] per paragraph, [(paragraph_index, start, end)] per sentence)``.
    """
    from tiktok_study.text import sentence_spans

    spans: list[tuple[int, int]] = []
    sentences: list[tuple[int, int, int]] = []
    pos = 0
    parts: list[str] = []
    for p, (kind, ptext) in enumerate(paragraphs):
        if p:
            parts.append("\n\n")
            pos += 2
        start, end = pos, pos + len(ptext)
        parts.append(ptext)
        spans.append((start, end))
        if kind == "body":
            try:
                found = sentence_spans(ptext)
            except Exception:  # Punkt on adversarial input: the paragraph is one sentence
                logger.debug("sentence splitting failed; paragraph kept as one sentence", exc_info=True)
                found = [(0, len(ptext))]
            for a, b in found:
                if 0 <= a < b <= len(ptext):
                    sentences.append((p, start + a, start + b))
        pos = end
    return "".join(parts), spans, sentences
