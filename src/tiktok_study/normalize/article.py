"""One article's lines → its metadata, paragraphs and the lines cut (with the rule that cut each).

The order of work, on the list of :class:`~tiktok_study.normalize.lines.Line`:

1. context-free boilerplate rules on every line (:func:`boilerplate.line_rule`), wire credits and
   republication notes anywhere, ``Category:``/breadcrumb and tags lines;
2. rules that need neighbours (:func:`neighbours.mark_context`): related lists, newsletter blocks, menus,
   trailing headline lists; then the page's shape (:mod:`.furniture`): teaser copies of a later line,
   captions above a bare credit, sign-up sections, the page footer;
3. the **header**: the first lines up to the body. It is read as [title lines][metadata lines], where title
   lines are at most a section label, the headline, its repeats and the dek, and metadata lines are bylines
   (also an upper-case name glued to a date), editor, source, date and stamp lines and ``A and B`` author
   lines; the body starts at the first other line after a metadata line, or at the first long or prose line.
   Without metadata lines only leading headline-like lines are header; a marked level-1 headline wins over
   a fly-title above it. A lone line is never a title (one paragraph of text stays body text);
4. the headline's repeats anywhere (``title-repeat``), also glued before the lede or with a byline after it;
   above the first prose line, a lone full name is a byline and labels above the headline are cut;
5. the **footer**: source / editor lines after the last prose line, author bios in the last lines and glued
   to the last paragraph after a dash; a ``Source: X`` line inside the body is a figure credit; unpunctuated
   runs and captions inside the body; furniture sentences inside flattened paragraphs (:mod:`.furniture`);
6. paragraphs repeated word for word; then paragraphs, headings and the dateline (:mod:`.structure`, also
   after flattened furniture), end marks and a closing video credit, a lead-in label. The title loses its
   decoration and site suffix (:func:`outlets.clean_title`).

Metadata handed in (front matter, page metadata, export columns) wins over what the text states. The one
field handed in that ranks last is ``site`` (an HTML page's site name): a ``Source: X`` line in the text (the
outlet behind a republication), a byline's outlet or a dateline's agency beat the hosting site's name.

Example:
    >>> a = assemble(to_lines("Politics\\nA Big Title Here\\n\\nFirst paragraph of the story, with detail.\\n-\\n"
    ...                       "World2 hours ago\\nAnother Story Headline"))
    >>> a.section, a.title, [p[1] for p in a.paragraphs], [r[2] for r in a.removed]
    ('Politics', 'A Big Title Here', ['First paragraph of the story, with detail.'], ['metadata:section', 'metadata:title', 'separator', 'related:label-time', 'related:headline'])
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tiktok_study.normalize import boilerplate as bp
from tiktok_study.normalize import furniture as fu
from tiktok_study.normalize import headzone as hz
from tiktok_study.normalize import metadata as md
from tiktok_study.normalize import neighbours as nb
from tiktok_study.normalize.lines import Line, to_lines
from tiktok_study.normalize.structure import build_paragraphs, dateline, inner_dateline

__all__ = ["Article", "assemble", "to_lines"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# --- compiled regexes, together -------------------------------------------------------------------------------
TAGS_LINE = re.compile(
    r"^(?:tags?|tagged(?: with)?|keywords|topics|schlagwörter|schlagworte|标签|关键词)\s*[:：]\s*\S", re.I
)
# What follows a headline glued before the lede: a separator or a space, then a new sentence (capital, digit,
# quotation mark, CJK) — or the lede glued without a space. "Title, consectetur …" continues one sentence.
GLUED_LEDE = re.compile(r"(?:\s*[:|\-–—]\s*|\s+|)(?=[\"“‘'(\[]?[A-Z0-9\u3400-\u9fff])")
TITLE_SUFFIX = re.compile(r"^\s*[|｜:\-–—]\s*\S")
# a page's stamp line: "Outlet · Posted: Jan 18, 2025 4:00 AM EST | Last Updated: …"
STAMP_LINE = re.compile(
    r"\b(?:posted|published|first published|updated|last updated)\s*(?:on\s*)?[:：]\s*", re.I
)
# "Technology desk editor Published duration 5 hours ago": a job title and a relative publication time
RELATIVE_DATE_LINE = re.compile(
    r"^.{0,60}\b(?:published|updated|posted)\b.{0,30}?\b(?:\d{1,3}|an?|one)\s+(?:second|minute|hour|day|week|"
    r"month|year)s?\s+ago\.?$",
    re.I,
)


HEADER_SCAN = 15  # content lines looked at for the header
MAX_TITLE_LINES = 4  # section label, headline, repeated headline, dek


@dataclass(slots=True)
class Article:
    """What :func:`assemble` found: metadata, paragraphs ``(kind, text, line_no)``, cuts ``(line_no, text, rule)``."""

    title: str | None = None
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    source: str | None = None
    section: str | None = None
    published: str | None = None
    dateline: str | None = None
    url: str | None = None
    paywalled: bool = False
    paragraphs: list[tuple[str, str, int]] = field(default_factory=list)
    removed: list[tuple[int, str, str]] = field(default_factory=list)


# a stamp line's first word ("Updated 10:32 AM EDT, Thu May 15, 2025", "Published 15 May 2025")
DATE_STAMP_WORD = re.compile(
    r"^(?:updated|published|posted|first published|last updated|last modified)\b", re.I
)


def _add(names: list[str], new: list[str]) -> None:
    seen = {n.casefold() for n in names}
    for n in new:
        if n.casefold() not in seen:
            names.append(n)
            seen.add(n.casefold())


@dataclass(slots=True)
class _Found:
    """Metadata stated by the text itself."""

    title: str | None = None
    subtitle: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    source: str | None = None
    byline_source: str | None = None
    section: str | None = None
    published: str | None = None
    updated: str | None = None
    #: the date stamped under the headline of a whole-page dump (beats a clipper's date field)
    stamped: str | None = None


def _meta_kind(text: str, found: _Found, *, after_title: bool) -> str | None:
    """If ``text`` is a header metadata line, record what it says in ``found`` and return its rule."""
    byline = md.parse_byline(text)
    caps = None if byline else md.parse_caps_byline(text)
    if caps:
        _add(found.authors, caps)
        found.published = found.published or md.parse_date(text)
        return "metadata:byline"
    if byline:
        names, src = byline
        _add(found.authors, names)
        found.byline_source = found.byline_source or src
        found.published = found.published or md.parse_date(text)
        return "metadata:byline"
    editors = md.parse_editors(text)
    if editors:
        _add(found.editors, editors)
        return "metadata:editor"
    source = md.parse_source(text)
    if source:
        found.source = found.source or source[0]
        return "metadata:source"
    if len(text) <= 120 and RELATIVE_DATE_LINE.match(text):
        return "metadata:date"
    date = md.parse_date_line(text)
    if date:
        iso, is_update = date
        if is_update:
            found.updated = found.updated or iso
        else:
            found.published = found.published or iso
        return "metadata:date"
    stamps = (
        list(STAMP_LINE.finditer(text)) if len(text) <= 160 and not bp.ends_sentence(text, marks=".") else []
    )
    if stamps and bp.word_count(text) <= 25:
        # "CBC News · Posted: Jan 18, 2025 4:00 AM EST | Last Updated: January 18"
        dated = False
        for m in stamps:
            iso = md.parse_date(text[m.end() :])
            dated = dated or iso is not None
            if iso and "updated" in m.group(0).casefold():
                found.updated = found.updated or iso
            elif iso:
                found.published = found.published or iso
        if dated:
            return "metadata:date"
    if after_title:
        names = md.parse_bare_names(text) or md.parse_name_role(text)
        if names:
            _add(found.authors, names)
            return "metadata:byline"
    return None


def _wrapped_into_next(lines: list[Line], i: int) -> bool:
    """Is line ``i`` hard-wrapped into the next line (no blank line between, next starts lowercase)?"""
    if i + 1 >= len(lines):
        return False
    nxt = lines[i + 1]
    return nxt.kind == "text" and nxt.rule is None and nxt.text[:1].islower()


def _first_prose(lines: list[Line]) -> int | None:
    for i, x in enumerate(lines):
        if x.kind != "blank" and x.rule is None and bp.is_prose(x.text) and bp.word_count(x.text) >= 6:
            return i
    return None


def _last_prose(lines: list[Line]) -> int | None:
    for i in range(len(lines) - 1, -1, -1):
        x = lines[i]
        if x.kind != "blank" and x.rule is None and bp.is_prose(x.text) and bp.word_count(x.text) >= 6:
            return i
    return None


def _content(lines: list[Line]) -> list[int]:
    return [i for i, x in enumerate(lines) if x.kind != "blank" and x.rule is None]


def _anywhere_rules(lines: list[Line], found: _Found) -> None:
    for x in lines:
        if x.kind == "blank" or x.rule is not None or len(x.text) > 320:
            continue
        credit = None if md.EDITOR_LINE.match(x.text) else md.parse_credit_line(x.text)
        if credit:
            _add(found.authors, credit[0])
            _add(found.editors, credit[1])
            x.rule = "metadata:credit-line"
            continue
        if md.CONTRIBUTED_LINE.match(x.text) and bp.word_count(x.text) <= 30:
            x.rule = "metadata:credit-line"  # "X contributed to this report": a credit, not the story
            continue
        if md.REPUBLISHED_LINE.match(x.text):
            source = md.parse_source(x.text)
            if source:
                found.source = found.source or source[0]
                x.rule = "metadata:source"
                continue
        agency = x.text.strip(" —–-()*_").casefold()
        if len(x.text) <= 40 and agency in md.AGENCY_KEYS:
            found.source = found.source or x.text.strip(" —–-()*_")
            x.rule = "metadata:source"  # a wire's sign-off or credit alone on a line ("— Reuters")
            continue
        stamp = md.parse_date_line(x.text) if len(x.text) <= 80 and DATE_STAMP_WORD.match(x.text) else None
        if stamp:  # "Updated 10:32 AM EDT, Thu May 15, 2025" anywhere on the page
            if stamp[1]:
                found.updated = found.updated or stamp[0]
            else:
                found.published = found.published or stamp[0]
            x.rule = "metadata:date"
            continue
        if TAGS_LINE.match(x.text) and bp.word_count(x.text) <= 40:
            x.rule = "metadata:tags"
            continue
        section = md.parse_section(x.text)
        if section:
            found.section = found.section or section
            x.rule = "metadata:section"


def _header(lines: list[Line], found: _Found, given: Mapping[str, Any]) -> None:
    content = _content(lines)
    if len(content) < 2:
        return  # a lone line is body text, never a title
    title_lines, header_end = _scan_header(lines, content, found)
    cands = _title_candidates(lines, content, title_lines, header_end)
    if not cands:
        return
    given_title = given.get("title")
    if given_title:
        subs = _mark_given_title(lines, cands, given_title, found)
    else:
        k = 0
        if len(cands) >= 2 and (
            hz.is_section_label(lines[cands[0]].text, lines[cands[1]].text)
            or hz.is_kicker(lines, cands, header_end)
        ):
            found.section = found.section or lines[cands[0]].text
            lines[cands[0]].rule = "metadata:section"
            k = 1
        found_subs = _mark_found_title(lines, cands, k, found)
        if found_subs is None:
            return
        subs = found_subs
    _mark_subtitles(lines, subs, found, header_end=header_end, content=content)


def _scan_header(lines: list[Line], content: list[int], found: _Found) -> tuple[list[int], int]:
    """The headline-like lines at the top (``title_lines``) and the last metadata line's index (-1: none)."""
    title_lines: list[int] = []
    header_end = -1
    meta_after_title = False
    for i in content[:HEADER_SCAN]:
        text = lines[i].text
        rule = _meta_kind(text, found, after_title=bool(title_lines))
        if rule:
            lines[i].rule = rule
            header_end = i
            meta_after_title = meta_after_title or bool(title_lines)
            continue
        if meta_after_title or bp.word_count(text) >= 40 or len(text) >= 300:
            break
        marked_h1 = lines[i].kind == "heading" and lines[i].level == 1 and len(text) <= 300
        if (
            not title_lines
            and not marked_h1
            and (not bp.is_headline_like(text, max_words=30) or _wrapped_into_next(lines, i))
        ):
            break  # the body starts with a sentence (or a hard-wrapped line): there is no headline
        title_lines.append(i)
        if len(title_lines) > MAX_TITLE_LINES:
            break
    return title_lines, header_end


def _title_candidates(
    lines: list[Line], content: list[int], title_lines: list[int], header_end: int
) -> list[int]:
    """The lines that may be label, headline and dek: above the metadata lines, or headline-like ones."""
    if header_end >= 0:
        cands = [i for i in title_lines if i < header_end]
    else:
        cands = []
        for i in title_lines:
            marked_h1 = lines[i].kind == "heading" and lines[i].level == 1
            if not marked_h1 and not bp.is_headline_like(lines[i].text, max_words=30):
                break
            cands.append(i)
    rest_content = [i for i in content if i > (cands[-1] if cands else -1) and lines[i].rule is None]
    if cands and not rest_content:
        cands = cands[:-1]  # keep the last line as body
    return cands


def _mark_given_title(lines: list[Line], cands: list[int], given_title: str, found: _Found) -> list[int]:
    """Mark the lines repeating a title given from outside (front matter); return the dek candidates."""
    key = bp.title_key(given_title)
    for i in cands:
        if bp.title_key(lines[i].text) == key:
            lines[i].rule = "metadata:title" if found.title is None else "title-repeat"
            found.title = found.title or lines[i].text
    label_first = len(cands) >= 2 and hz.is_section_label(lines[cands[0]].text, lines[cands[1]].text)
    if found.title is None and label_first:
        found.section = found.section or lines[cands[0]].text
        lines[cands[0]].rule = "metadata:section"
    start_sub = max([c for c in cands if lines[c].rule in ("metadata:title", "title-repeat")], default=-1)
    return [i for i in cands if i > start_sub and lines[i].rule is None]


def _mark_found_title(lines: list[Line], cands: list[int], k: int, found: _Found) -> list[int] | None:
    """Take the headline from ``cands[k:]`` (an H1 under a fly-title wins); the dek candidates, or None."""
    if k >= len(cands):
        return None
    t = cands[k]
    h1 = [c for c in cands[k:] if lines[c].kind == "heading" and lines[c].level == 1]
    if h1 and h1[0] != t and lines[t].kind == "heading" and lines[t].level > 1:
        for c in cands[k : cands.index(h1[0])]:
            lines[c].rule = "page-header"  # a fly-title or kicker over the headline
        t = h1[0]
        k = cands.index(t)
    text = lines[t].text
    if not bp.is_headline_like(text, max_words=30) and not (
        lines[t].kind == "heading" and lines[t].level == 1
    ):
        return None
    found.title = text
    lines[t].rule = "metadata:title"
    return [i for i in cands[k + 1 :] if lines[i].rule is None]


def _mark_subtitles(
    lines: list[Line], subs: list[int], found: _Found, *, header_end: int, content: list[int]
) -> None:
    """The lines under the headline: repeats of it, then the dek (standfirst) lines."""
    key = bp.title_key(found.title) if found.title else None
    for i in subs:
        if key is not None and bp.title_key(lines[i].text) == key:
            lines[i].rule = "title-repeat"
            continue
        if key is not None and bp.title_key(lines[i].text).startswith(key):
            break  # the headline with something glued to it ("Headline By Jane Doe"): see _title_repeats
        if header_end < 0 and not bp.is_headline_like(lines[i].text, max_words=30):
            break
        if header_end < 0 and not [j for j in content if j > i and lines[j].rule is None]:
            break
        found.subtitle.append(lines[i].text)
        lines[i].rule = "metadata:subtitle"


def _title_repeats(lines: list[Line], title: str | None, found: _Found) -> list[tuple[int, str, str]]:
    """Lines repeating the headline (cut), a byline glued after it, the headline glued before the lede."""
    cuts: list[tuple[int, str, str]] = []
    if not title:
        return cuts
    key = bp.title_key(title)
    if not key:
        return cuts
    limit = len(title) + 60
    folded = " ".join(title.split()).casefold()
    for x in lines:
        if x.kind == "blank" or x.rule is not None:
            continue
        if len(x.text) <= limit:
            line_key = bp.title_key(x.text)
            if line_key == key:
                x.rule = "title-repeat"
                continue
            if line_key.startswith(key) and x.text.casefold().startswith(folded):
                suffix = x.text[len(title) :]
                byline = md.parse_byline(suffix.strip())
                if byline and byline[0]:
                    _add(found.authors, byline[0])
                    x.rule = "metadata:byline"  # "Headline By Jane Doe"
                    continue
                if TITLE_SUFFIX.match(suffix) and bp.word_count(suffix) <= 5:
                    x.rule = "title-repeat"
                    continue
    content = _content(lines)
    if content:
        x = lines[content[0]]
        text = x.text
        while (
            text.casefold().startswith(folded)
            and len(text) > len(title) + 40
            and GLUED_LEDE.match(text, len(title))  # not the lede's own first words ("Title, which …")
        ):
            cuts.append((x.no, text[: len(title)], "title-repeat"))
            text = text[len(title) :].lstrip(" :|-–—")
        x.text = text
    return cuts


def _header_labels(lines: list[Line], found: _Found) -> None:
    """Above the first prose line: a lone full name is a byline; other short labels above the headline are cut."""
    chrome_end = hz.page_chrome_end(lines)
    if chrome_end is not None:
        for i in range(chrome_end):
            x = lines[i]
            if x.kind != "blank" and x.rule is None and not hz.byline_shaped(x.text):
                x.rule = "page-header"  # a whole page's header and menus above the article's own headline
        found.stamped = found.stamped or hz.stamp_lines(lines, chrome_end)
    first = _first_prose(lines)
    if first is None:
        return
    title_at = max(
        (i for i in range(first) if lines[i].rule in ("metadata:title", "title-repeat")), default=None
    )
    for i in range(first):
        x = lines[i]
        if x.kind == "blank" or x.rule is not None:
            continue
        byline = md.parse_byline(x.text)
        if byline and byline[0]:
            _add(found.authors, byline[0])  # a byline under the dek or the lead image, still above the text
            found.byline_source = found.byline_source or byline[1]
            x.rule = "metadata:byline"
            continue
        names = md.parse_bare_names(x.text, single=True)
        cjk_label = bp.CJK.search(x.text) and (len(x.text) > 4 or (title_at is not None and i < title_at))
        if names and len(x.text.split()) <= 4 and not md.is_organisation(x.text) and not cjk_label:
            _add(found.authors, names)
            x.rule = "metadata:byline"
        elif title_at is not None and i < title_at and bp.word_count(x.text) <= 6:
            x.rule = "page-header"


def _footer(lines: list[Line], found: _Found) -> list[tuple[int, str, str]]:
    """Footer metadata, figure credits in the body, author bios; returns the partial cuts (glued bios)."""
    last = _last_prose(lines)
    first = _first_prose(lines)
    for i, x in enumerate(lines):
        if x.kind == "blank" or x.rule is not None:
            continue
        in_footer = last is not None and i > last
        in_body = first is not None and last is not None and first < i < last
        source = md.SOURCE_LINE.match(x.text) and md.parse_source(x.text)
        if source:
            if in_footer or last is None:
                found.source = found.source or source[0]
                x.rule = "metadata:source"
            elif in_body:
                x.rule = "caption-credit"
            continue
        if in_footer:
            editors = md.parse_editors(x.text)
            if editors:
                _add(found.editors, editors)
                x.rule = "metadata:editor"
                continue
            byline = md.parse_byline(x.text)
            if byline and not found.authors:
                _add(found.authors, byline[0])
                found.byline_source = found.byline_source or byline[1]
                x.rule = "metadata:byline"
    content = _content(lines)
    for i in content[-3:]:
        if bp.is_bio_line(lines[i].text, last=i == content[-1]):
            lines[i].rule = "author-bio"
    content = _content(lines)
    cuts: list[tuple[int, str, str]] = []
    if content:
        x = lines[content[-1]]
        cut = bp.bio_tail(x.text)
        if cut is not None:
            cuts.append((x.no, x.text[cut:].strip(), "author-bio"))
            x.text = x.text[:cut].rstrip()
    return cuts


def _duplicates(lines: list[Line]) -> None:
    seen: set[str] = set()
    for x in lines:
        if x.kind == "blank" or x.rule is not None or bp.word_count(x.text) < 3:
            continue
        key = bp.title_key(x.text)
        if key in seen:
            x.rule = "duplicate-paragraph"
        else:
            seen.add(key)


def assemble(lines: list[Line], given: Mapping[str, Any] | None = None) -> Article:
    """Cut the boilerplate of ``lines``, read the metadata, build the paragraphs (see the module docstring).

    Args:
        lines: the article's lines (:func:`~tiktok_study.normalize.lines.to_lines`); changed in place.
        given: metadata candidates from outside the text (:func:`metadata.from_mapping` names).
    """
    given = dict(given or {})
    found = _Found()
    for x in lines:
        if x.kind != "blank" and x.rule is None:
            x.rule = bp.line_rule(x.text)
    _anywhere_rules(lines, found)
    nb.mark_context(lines, first_prose=_first_prose(lines), last_prose=_last_prose(lines))
    fu.truncated_copies(lines)
    fu.credited_captions(lines)
    fu.prompt_sections(lines)
    fu.page_footer(lines)
    fu.press_release_footer(lines)
    fu.signature_quote(lines)
    _header(lines, found, given)
    title = given.get("title") or found.title
    cuts = _title_repeats(lines, title, found)
    _header_labels(lines, found)
    cuts.extend(_footer(lines, found))
    first, last = _first_prose(lines), _last_prose(lines)
    fu.unpunctuated_runs(lines, first=first, last=last)
    cuts.extend(fu.sentence_cuts(lines, first=first, last=last))
    _duplicates(lines)

    markup_headings = any(x.kind == "heading" and x.rule is None for x in lines)
    paragraphs = build_paragraphs(lines, markup_headings=markup_headings)
    article = Article()
    removed = [(x.no, x.text, x.rule) for x in lines if x.rule is not None and x.kind != "blank"]
    removed.extend(cuts)
    agency = None
    for p, (kind, text, no) in enumerate(paragraphs):
        if kind != "body":
            continue
        found_dateline = dateline(text)
        if found_dateline:
            length, place, agency = found_dateline
            removed.append((no, text[:length].strip(), "metadata:dateline"))
            paragraphs[p] = (kind, text[length:].lstrip(), no)
            article.dateline = place
        else:
            inner = inner_dateline(text)
            if inner:
                start, end, place, agency = inner
                removed.append((no, text[:start].strip(), "flattened-furniture"))
                removed.append((no, text[start:end].strip(), "metadata:dateline"))
                paragraphs[p] = (kind, text[end:].lstrip(), no)
                article.dateline = place
        break
    tail, tail_source = fu.tail_cuts(paragraphs)
    removed.extend(tail)
    removed.extend(fu.lead_label(paragraphs))
    paragraphs = [p for p in paragraphs if p[1]]
    removed.sort(key=lambda r: r[0])  # stable: a line's own cut before a later partial cut of it

    article.title = md.clean_title(title, site=given.get("site") or given.get("source")) if title else title
    article.subtitle = " ".join(found.subtitle) or given.get("subtitle")
    article.authors = list(given.get("authors") or found.authors)
    article.editors = list(given.get("editors") or found.editors)
    article.source = (
        given.get("source")
        or found.source
        or found.byline_source
        or agency
        or tail_source
        or given.get("site")
    )
    article.section = given.get("section") or found.section
    article.published = found.stamped or given.get("published") or found.published or found.updated
    article.url = given.get("url")
    article.paywalled = any(r[2] == "paywall" for r in removed)
    article.paragraphs = paragraphs
    article.removed = removed
    return article
