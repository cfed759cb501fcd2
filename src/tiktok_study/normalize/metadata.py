"""Article metadata from lines of text and from the fields of a page, front matter or export row.

Each parser reads one line and returns what it states, or None when the line is not of its kind:

* :func:`parse_byline` — ``By X``, ``From X``, ``Author: X``, ``By A and B``, ``By A, Staff Writer | Outlet``,
  ``Von X``, ``作者：X``; ``From``/``Von``/``Par`` lines need full names (two words, or a CJK name), since
  "From Beijing" is a place.
* :func:`parse_bare_names` — ``A and B`` / ``A, B & C`` (two to four capitalised words per name).
* :func:`parse_editors` — ``Edited by X``, ``Editor: X``, ``责任编辑：X``.
* :func:`parse_credit_line` — wire-style credits ``(Reporting by A; Editing by B)``.
* :func:`parse_source` — ``Source: X``, ``Originally published in X``, ``This article first appeared on X``.
* :func:`parse_section` — ``Category: X``, ``Filed under: X``, breadcrumbs ``Home > World > Asia``.
* :func:`parse_date` — the first date in a text (ISO, ``January 5, 2025``, ``5 Jan 2025``, ``5. März 2025``,
  ``2025年1月5日``) as ``YYYY-MM-DD``; :func:`parse_date_line` — a line that is only a (labelled) date.
* :func:`from_mapping` — the candidate fields of a front matter block, a page or an export row, under the
  names the pipeline uses; fetch/retrieval dates of archivers are never taken as the publication date.

Why one module of about 680 lines: every parser reads against the same lexicons (months in six languages,
agencies, titles, organisation words, byline keywords); split by parser, the shared lexicons would have to be
imported back into each piece, and a change to what counts as a name would be spread over several files.

Example:
    >>> parse_byline("By Jane Doe and John Roe, Associated Press")
    (['Jane Doe', 'John Roe'], 'Associated Press')
    >>> parse_byline("From Beijing") is None
    True
    >>> parse_date("Updated: March 3, 2025 10:00 GMT")
    '2025-03-03'
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from tiktok_study.normalize.outlets import AGENCIES, AGENCY_KEYS, ORG_WORDS, clean_title, is_organisation

__all__ = [
    "AGENCIES",
    "FETCH_DATE_KEYS",
    "ORG_WORDS",
    "clean_title",
    "from_mapping",
    "is_organisation",
    "is_person_name",
    "parse_bare_names",
    "parse_byline",
    "parse_caps_byline",
    "parse_credit_line",
    "parse_date",
    "parse_date_line",
    "parse_editors",
    "parse_name_role",
    "parse_section",
    "parse_source",
    "split_names",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mai": 5, "juni": 6, "juli": 7,
    "oktober": 10, "okt": 10, "dezember": 12, "dez": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))

#: Keys of archivers and scrapers that hold a fetch date — never the publication date.
FETCH_DATE_KEYS = (
    "fetched", "fetched_at", "retrieved", "retrieved_at", "archived", "archived_at", "saved", "saved_at",
    "scraped", "scraped_at", "crawled", "crawled_at", "downloaded", "downloaded_at", "accessed", "accessed_at",
    "captured", "captured_at", "date_fetched", "date_retrieved", "date_archived", "date_scraped", "filedate",
)  # fmt: skip

# --- compiled regexes, together -------------------------------------------------------------------------------
DATE_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
DATE_YMD_SLASH = re.compile(r"(?<!\d)(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)")
DATE_MDY = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)", re.I)
DATE_DMY = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?({_MONTH})\.?,?\s+(\d{{4}})(?!\d)", re.I
)
DATE_DMY_DOTTED = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])")  # 20.01.2025: day first
DATE_CJK = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
DATE_LABEL = re.compile(
    r"^(?:(?:first |originally )?published|posted|updated|last updated|modified|last modified|date|dated|"
    r"veröffentlicht|aktualisiert|erschienen|stand|发布时间|发布日期|发布于|发表于|更新时间|日期|时间)\s*(?:on|am|at|:|：)?\s*",
    re.I,
)
DATE_UPDATED_LABEL = re.compile(
    r"^(?:updated|last updated|modified|last modified|aktualisiert|stand|更新时间)", re.I
)
DATE_LEFTOVER = re.compile(
    r"(?<!\w)(?:\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?|\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)|"
    r"gmt|utc|bst|cet|cest|est|edt|pst|pdt|et|pt|ist|jst|kst|hkt|uhr|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|t\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?z?|"
    r"[+-]\d{2}:?\d{2}|z)(?!\w)|[\W_]+",
    re.I,
)

BYLINE = re.compile(
    r"^(?P<kw>by|from|written by|words by|text by|story by|reporting by|reported by|posted by|published by|authors?|byline|"
    r"von|par|por|作者|记者|撰文|文)(?:\s*[:：|｜/]\s*|\s+)(?P<rest>\S.*)$",
    re.I,
)
AMBIGUOUS_BYLINE_KW = frozenset({"from", "von", "par", "por"})
BYLINE_DATE_JOINER = re.compile(r"(?:\s+(?:on|at|am|le|el|il)|\s*[|,·•–—-])?\s*$", re.I)
CONTRIBUTED_LINE = re.compile(
    r"^[\[(]?[^.!?]{3,160}\b(?:contributed|also contributed) (?:to )?(?:this|the) (?:report|story|article)"
    r"|^[\[(]?[^.!?]{3,160}\bcontributed reporting\b"
    r"|^[\[(]?mit (?:material|informationen|agenturmaterial) (?:von|der|des|aus)\b",
    re.I,
)
EDITOR_LINE = re.compile(
    r"^(?:edited by|editing by|editors?|responsible editors?|copy ?edited by|redaktion|责任编辑|编辑|责编|审校|校对)"
    r"(?:\s*[:：|｜/]\s*|\s+)(?P<rest>\S.*)$",
    re.I,
)
CREDIT_LINE = re.compile(
    r"^[\[(]?\s*(?:(?:additional )?reporting|writing|written|editing|edited|compiled|fact-checking|"
    r"translat(?:ed|ion)|research) by\b.{1,300}$",
    re.I,
)
CREDIT_PART = re.compile(
    r"(?P<role>(?:additional )?reporting|writing|written|editing|edited|compiled|fact-checking|"
    r"translat(?:ed|ion)|research) by\s+(?P<names>[^;)\]]+)",
    re.I,
)
SOURCE_LINE = re.compile(
    r"^(?:source|sources|quelle|fuente|fuentes|fonte|来源|出处|转载自|via)\s*[:：|｜]\s*(?P<src>\S.{0,120})$",
    re.I,
)
REPUBLISHED_LINE = re.compile(
    r"^[\[(*_]*\s*(?:this (?:article|story|piece|post|column|report|interview) (?:was |is )?(?:originally |first )?"
    r"(?:published|appeared|posted|ran)|(?:it was )?(?:originally|first) (?:published|appeared|posted)|"
    r"republished|reprinted|re-?posted|reproduced)"
    r"(?:\s+(?:in|on|at|by|from|with (?:the )?(?:kind )?permission (?:of|from)|courtesy of))+\s+"
    r"(?P<src>.+?)(?:,?\s+(?:on|in)\s+(?:\w+\s+){0,2}\d.*)?[.。)\]*_]*$",
    re.I,
)
SECTION_LINE = re.compile(
    r"^(?:section|category|categories|filed under|department|desk|rubrik|ressort|栏目|分类|频道)\s*[:：]\s*(?P<sec>\S.{0,60})$",
    re.I,
)
BREADCRUMB = re.compile(r"^(?:home|start|startseite|首页)\s*(?:[>»›/]\s*[^>»›/|]{1,40}){1,5}$", re.I)
CRUMB_SPLIT = re.compile(r"\s*[>»›/]\s*")
WIKILINK_VALUE = re.compile(r"\[\[(?:[^\]|]{0,200}\|)?([^\]]{1,200})\]\]")
URL_VALUE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
NAME_SPLIT = re.compile(r"\s*(?:,|;|、|，|/|&|\band\b|\bund\b|\bet\b|\by\b|和|与)\s*")
CJK_NAME = re.compile(r"^[\u3400-\u9fff·]{2,6}$")
TRAILER_SPLIT = re.compile(r"\s+[|｜]\s+|\s+[–—]\s+|\s+-\s+")
NAME_TOKEN = re.compile(r"^(?:[^\W\d_][\w'’.\-]*)$")
CAPS_NAME = re.compile(
    r"^(?P<name>[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){1,3})(?=\s)"
)  # "NEW YORK," is a place
INLINE_EDITOR = re.compile(r"\s*[|｜,;]?\s*(?:责任编辑|编辑|责编|edited by|editor)\s*[|｜:：]", re.I)
WEEKDAY_TAIL = re.compile(
    r"(?:\s*[,|·•–—-]?\s*(?:on\s+)?(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)\.?,?)\s*$",
    re.I,
)
SOURCE_URL_TAIL = re.compile(r"\s+(?:at|on|:)?\s*(?:https?://|www\.)\S+\s*$", re.I)
SOURCE_TRIM = re.compile(r"^(?:the website of |the |a )", re.I)

PARTICLES = frozenset({
    "van", "von", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le", "al", "el", "bin",
    "ibn", "dos", "das", "ten", "ter", "zu", "mc", "st.",
})  # fmt: skip
ROLE_WORDS = frozenset({
    "staff", "writer", "writers", "reporter", "reporters", "correspondent", "correspondents", "editor",
    "editors", "contributor", "contributors", "columnist", "columnists", "photographer", "photographers",
    "producer", "producers", "journalist", "journalists", "analyst", "analysts", "intern", "interns",
    "senior", "chief", "special", "bureau", "desk", "team", "news", "newsroom", "contributing",
    "associate", "deputy", "managing", "executive", "political", "economics", "business", "technology",
    "tech", "science", "opinion", "freelance", "freelancer", "guest",
})  # fmt: skip


def _valid_date(y: int, m: int, d: int) -> str | None:
    if not 1900 <= y <= 2100:
        return None
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _date_matches(text: str) -> list[tuple[int, int, str]]:
    """(start, end, iso) of every well-formed date in ``text``."""
    found: list[tuple[int, int, str]] = []
    for rx, order in (
        (DATE_ISO, "ymd"), (DATE_YMD_SLASH, "ymd"), (DATE_CJK, "ymd"), (DATE_MDY, "mdy"), (DATE_DMY, "dmy"),
        (DATE_DMY_DOTTED, "dmy-num"),
    ):  # fmt: skip
        for m in rx.finditer(text):
            a, b, c = m.groups()
            if order == "ymd":
                iso = _valid_date(int(a), int(b), int(c))
            elif order == "dmy-num":
                iso = _valid_date(int(c), int(b), int(a))
            elif order == "mdy":
                iso = _valid_date(int(c), MONTHS[a.casefold()], int(b))
            else:
                iso = _valid_date(int(c), MONTHS[b.casefold()], int(a))
            if iso:
                found.append((m.start(), m.end(), iso))
    found.sort()
    return found


def parse_date(text: str) -> str | None:
    """The first well-formed date in ``text`` as ``YYYY-MM-DD`` (None when there is none).

    Numeric day/month orders that are ambiguous (``01/02/2025``) are not read.

    Example:
        >>> [parse_date(s) for s in ("2025-01-17T08:00:00Z", "5. März 2025", "2025年1月20日", "Jan 32, 2025")]
        ['2025-01-17', '2025-03-05', '2025-01-20', None]
    """
    if not text or len(text) > 10_000:
        text = text[:10_000] if text else ""
    found = _date_matches(text)
    return found[0][2] if found else None


def parse_date_line(line: str) -> tuple[str, bool] | None:
    """A line that is only a date, optionally labelled and timed: ``(iso, is_update)``, else None.

    Example:
        >>> parse_date_line("Published: Friday, January 17, 2025 | 8:00 a.m. ET")
        ('2025-01-17', False)
        >>> parse_date_line("Updated 3 March 2025") , parse_date_line("Talks resumed on March 3, 2025.")
        (('2025-03-03', True), None)
    """
    if len(line) > 100:
        return None
    found = _date_matches(line)
    if not found:
        return None
    start, end, iso = found[0]
    label = DATE_LABEL.match(line)
    head = line[label.end() if label else 0 : start]
    rest = head + " " + line[end:]
    if DATE_LEFTOVER.sub(" ", rest).strip():
        return None
    return iso, bool(label and DATE_UPDATED_LABEL.match(label.group(0)))


def is_person_name(text: str, *, full: bool = False) -> bool:
    """Does ``text`` look like a person's name (capitalised words, or a CJK name)?

    Args:
        text: the candidate.
        full: require at least two words (or a CJK name): used after ambiguous keywords like "From".

    Example:
        >>> [is_person_name(s) for s in ("Lian Ran", "Ludwig van Beethoven", "the staff", "张三", "Staff Writer")]
        [True, True, False, True, False]
    """
    text = text.strip()
    if not text or len(text) > 60:
        return False
    if CJK_NAME.match(text):
        return True
    tokens = text.split()
    if not 1 <= len(tokens) <= 5 or (full and len(tokens) < 2):
        return False
    capitalised = 0
    for tok in tokens:
        if tok.casefold() in PARTICLES:
            continue
        if not NAME_TOKEN.match(tok) or not tok[0].isupper():
            return False
        if tok.casefold().strip(".") in ROLE_WORDS:
            return False
        capitalised += 1
    return capitalised >= 1


def _tidy_name(name: str) -> str:
    name = name.strip(" \t.,;:*_")
    if name.isupper() and len(name) > 3 and not CJK_NAME.match(name):
        name = " ".join(w.capitalize() for w in name.split())
    return name


def split_names(text: str, *, full: bool = False) -> tuple[list[str], str | None] | None:
    """Split a list of names (``A, B and C``); roles are dropped, an agency becomes the source.

    Returns:
        ``(names, source)``; None when a part is neither a name, a role nor an agency.

    Example:
        >>> split_names("Jane Doe, Staff Writer, and John Roe for Reuters")
        (['Jane Doe', 'John Roe'], 'Reuters')
    """
    source: str | None = None
    names: list[str] = []
    for part in NAME_SPLIT.split(text.strip()):
        part = part.strip(" \t.,;:*_()[]")
        if not part:
            continue
        if " for " in part:
            part, _, outlet = part.partition(" for ")
            source = source or outlet.strip(" .") or None
            part = part.strip()
        lowered = part.casefold()
        if lowered in AGENCY_KEYS or lowered.removeprefix("the ") in AGENCY_KEYS:
            source = source or part
            continue
        words = lowered.split()
        if words and all(w.strip(".") in ROLE_WORDS or w in {"for", "the", "of", "a", "at"} for w in words):
            continue
        if part[:1].isupper() and is_organisation(part) and len(words) <= 6:
            person, outlet = _name_then_outlet(part)
            if person:
                names.append(person)  # "JOHN DOE Associated Press": the last name with the agency glued on
            source = source or outlet
            continue
        if not is_person_name(part, full=full):
            return None
        names.append(_tidy_name(part))
    return (names, source) if names or source else None


def _name_then_outlet(part: str) -> tuple[str | None, str]:
    """``("John Doe", "Associated Press")`` for a full name followed by an organisation, else ``(None, part)``."""
    words = part.split()
    for k in (2, 3):
        head, tail = " ".join(words[:k]), " ".join(words[k:])
        named = (
            len(words) - k >= 2 or tail.casefold() in AGENCY_KEYS
        )  # "Web Clipper" is one brand, not a name
        if named and is_organisation(tail) and not is_organisation(head) and is_person_name(head, full=True):
            return _tidy_name(head), tail
    return None, part


def parse_byline(line: str) -> tuple[list[str], str | None] | None:
    """A byline: ``(authors, source)``; None when ``line`` is not one.

    Example:
        >>> parse_byline("From Jiang Tao"), parse_byline("BY JANE DOE | Reuters | Jan. 5, 2025")
        ((['Jiang Tao'], None), (['Jane Doe'], 'Reuters'))
    """
    if len(line) > 160:
        return None
    m = BYLINE.match(line)
    if not m:
        return None
    keyword = m.group("kw").casefold()
    ambiguous = keyword in AMBIGUOUS_BYLINE_KW
    if ambiguous and len(line) > 70:
        return None
    rest = m.group("rest")
    editor = INLINE_EDITOR.search(rest)
    if editor and editor.start() > 0:
        rest = rest[: editor.start()]  # "作者 | 连冉 编辑 | 郑玄": the editor is not an author
    date = _date_matches(rest)
    if date:
        rest = BYLINE_DATE_JOINER.sub("", WEEKDAY_TAIL.sub("", rest[: date[0][0]]))
    parts = [p for p in TRAILER_SPLIT.split(rest) if p.strip()]
    if not parts:
        return None
    parsed = split_names(parts[0], full=ambiguous)
    if parsed is None:
        return None
    names, source = parsed
    for extra in parts[1:]:
        extra = extra.strip(" .,;:|")
        if not extra or parse_date(extra) or DATE_LEFTOVER.sub(" ", extra).strip() == "":
            continue
        if source is None and len(extra.split()) <= 5:
            source = extra
    if not names and source is None:
        return None
    return names, source


def parse_caps_byline(line: str) -> list[str] | None:
    """An upper-case name glued to a date, as pages print a byline without "By" ("KELVIN CHAN Thu, May 15, 2025
    at 3:41 AM PDT 2 min read"): ``[name]``; None otherwise.

    Example:
        >>> parse_caps_byline("KELVIN CHAN Thu, May 15, 2025 at 3:41 AM PDT"), parse_caps_byline("NEW YORK, May 15, 2025")
        (['Kelvin Chan'], None)
    """
    if len(line) > 120:
        return None
    m = CAPS_NAME.match(line)
    if not m:
        return None
    found = _date_matches(line)
    if not found or found[0][0] > m.end() + 16:
        return None
    between = WEEKDAY_TAIL.sub("", line[m.end() : found[0][0]]).strip(" ,|·•–—-")
    name = m.group("name").strip()
    if between or not is_person_name(name.title(), full=True) or is_organisation(name.title()):
        return None
    return [_tidy_name(name)]


def parse_bare_names(line: str, *, single: bool = False) -> list[str] | None:
    """``A and B`` (or ``A, B & C``) on a line of its own: full names only. ``single`` also accepts one name.

    Example:
        >>> parse_bare_names("Maria Lopez and Tom O'Brien"), parse_bare_names("Trump and Xi")
        (['Maria Lopez', "Tom O'Brien"], None)
    """
    if len(line) > 120 or any(ch.isdigit() for ch in line) or line.rstrip().endswith((".", ":", "?", "!")):
        return None
    parts = [p for p in NAME_SPLIT.split(line.strip()) if p.strip()]
    if len(parts) < (1 if single else 2) or len(parts) > 6:
        return None
    names = []
    for part in parts:
        part = part.strip()
        if not is_person_name(part, full=True) or len(part.split()) > 4:
            return None
        names.append(_tidy_name(part))
    return names


def parse_name_role(line: str) -> list[str] | None:
    """A name followed by a job title on one line (``Dan Milmo Global technology editor``): ``[name]``.

    Example:
        >>> parse_name_role("Dan Milmo Global technology editor"), parse_name_role("Mary Ann Smith Political correspondent")
        (['Dan Milmo'], ['Mary Ann Smith'])
    """
    tokens = line.split()
    if not 3 <= len(tokens) <= 9 or len(line) > 90 or any(ch.isdigit() for ch in line):
        return None
    if tokens[-1].casefold().strip(".,") not in ROLE_WORDS:
        return None
    for k in (2, 3, 4):
        name, rest = tokens[:k], tokens[k:]
        if not rest or len(rest) > 5:
            continue
        role_starts = rest[0][:1].isupper() or rest[0].casefold() in ROLE_WORDS
        if (
            role_starts
            and all(w[:1].islower() for w in rest[1:])
            and is_person_name(" ".join(name), full=True)
        ):
            return [_tidy_name(" ".join(name))]
    return None


def parse_editors(line: str) -> list[str] | None:
    """Editors of an ``Edited by X`` / ``Editor: X`` line; None when ``line`` is not one.

    Example:
        >>> parse_editors("Edited by Zheng Xuan"), parse_editors("责任编辑：李四")
        (['Zheng Xuan'], ['李四'])
    """
    if len(line) > 120:
        return None
    m = EDITOR_LINE.match(line)
    if not m:
        return None
    parsed = split_names(m.group("rest"))
    if parsed is None or not parsed[0]:
        return None
    return parsed[0]


def parse_credit_line(line: str) -> tuple[list[str], list[str]] | None:
    """A wire-style credit ``(Reporting by A and B; Editing by C)``: ``(authors, editors)``.

    Example:
        >>> parse_credit_line("(Reporting by Jane Doe in Beijing; Editing by John Roe)")
        (['Jane Doe'], ['John Roe'])
    """
    if len(line) > 320 or not CREDIT_LINE.match(line):
        return None
    authors: list[str] = []
    editors: list[str] = []
    for m in CREDIT_PART.finditer(line):
        names_text = re.split(r"\s+(?:in|from|at)\s+[A-Z]", m.group("names"), maxsplit=1)[0]
        parsed = split_names(names_text)
        if parsed is None:
            continue
        target = editors if m.group("role").casefold().startswith("edit") else authors
        target.extend(n for n in parsed[0] if n not in target)
    if not authors and not editors:
        return None
    return authors, editors


def _clean_source(text: str) -> str | None:
    text = text.strip(" \t.,;:*_()[]“”\"'")
    text = SOURCE_TRIM.sub("", text) if text.casefold().startswith(("the website of", "a ")) else text
    if not text or len(text.split()) > 8 or "://" in text:
        return None
    return text


def parse_source(line: str) -> tuple[str, bool] | None:
    """The outlet named by a source line: ``(outlet, is_republication_note)``; None otherwise.

    Example:
        >>> parse_source("Source: GeekPark"), parse_source("This article was originally published on The Conversation.")
        (('GeekPark', False), ('The Conversation', True))
    """
    if len(line) > 400:
        return None
    line = SOURCE_URL_TAIL.sub("", line)
    if len(line) > 200:
        return None
    m = SOURCE_LINE.match(line)
    if m:
        src = _clean_source(m.group("src"))
        return (src, False) if src else None
    m = REPUBLISHED_LINE.match(line)
    if m:
        src = _clean_source(m.group("src"))
        return (src, True) if src else None
    return None


def parse_section(line: str) -> str | None:
    """The section named by ``Category: X`` or a breadcrumb ``Home > World > Asia`` (its last crumb).

    Example:
        >>> parse_section("Home > World > Asia"), parse_section("Filed under: Politics, Tech")
        ('Asia', 'Politics')
    """
    if len(line) > 120:
        return None
    m = SECTION_LINE.match(line)
    if m:
        first = re.split(r"\s*[,;|/]\s*", m.group("sec").strip())[0].strip(" .")
        return first or None
    if BREADCRUMB.match(line):
        crumbs = [c for c in CRUMB_SPLIT.split(line) if c.strip()]
        return crumbs[-1].strip() if len(crumbs) > 1 else None
    return None


# --- candidate fields of a mapping ------------------------------------------------------------------------------
_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "name_of_article"),
    "subtitle": ("subtitle", "sub_title", "dek", "standfirst", "deck", "subheadline", "kicker"),
    "description": ("description", "summary", "excerpt", "abstract", "lede"),
    "authors": ("authors", "author", "byline", "creator", "creators", "by", "writer", "writers"),
    "editors": ("editors", "editor", "edited_by"),
    "source": ("source", "outlet", "publication", "publisher", "source_name", "media", "newspaper"),
    "site": ("site", "sitename", "site_name", "og_site_name", "hostname"),
    "section": ("section", "category", "categories", "department", "desk", "rubric"),
    "published": (
        "published", "date", "published_at", "publish_date", "published_date", "pubdate", "date_published",
        "datepublished", "published_time", "publication_date", "created", "created_at", "time", "page_date",
        "post_date", "pub_date", "date_posted", "article_date",
    ),
    "url": ("url", "link", "canonical", "canonical_url", "source_url", "url_source", "permalink", "href"),
    "tags": ("tags", "keywords", "topics"),
}  # fmt: skip
_KEY_OF = {alias: field for field, aliases in _KEYS.items() for alias in aliases}


KEY_SEPARATORS = re.compile(r"[\s\-.:]+")


def _norm_key(key: object) -> str:
    return _norm_text_key(str(key))


@lru_cache(maxsize=1024)  # an export's rows repeat the same few field names
def _norm_text_key(key: str) -> str:
    return KEY_SEPARATORS.sub("_", key.strip().casefold()).strip("_")


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        parsed = split_names(value)
        if parsed is not None and parsed[0]:
            return parsed[0]
        return [s.strip() for s in re.split(r"\s*[;,|]\s*", value) if s.strip()]
    if isinstance(value, Mapping):
        name = value.get("name") or value.get("fullname")
        return [str(name).strip()] if name else []
    if isinstance(value, list | tuple):
        out: list[str] = []
        for v in value:
            out.extend(_as_list(v))
        return out
    return [str(value).strip()] if str(value).strip() else []


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        value = value[0] if value else None
        if value is None:
            return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    text = " ".join(str(value).split())
    return text or None


def from_mapping(fields: Mapping[Any, Any]) -> dict[str, Any]:
    """The metadata candidates of a front matter block, a page or an export row, under the pipeline's names.

    Recognised names (case, spaces and dashes ignored): title, subtitle, description, authors, editors, source,
    site, section, published, url, tags, each with common aliases (``author``, ``date``, ``category``,
    ``URL Source`` …). Fetch and retrieval dates of archivers (``fetched``, ``retrieved``, ``archived`` …) are
    ignored; ``published`` is a ``YYYY-MM-DD`` string or None.

    Example:
        >>> from_mapping({"Title": "A", "author": "Jane Doe and John Roe", "date": "2025-01-17", "fetched": "2025-03-01"})
        {'title': 'A', 'authors': ['Jane Doe', 'John Roe'], 'published': '2025-01-17'}
    """
    out: dict[str, Any] = {}
    for key, value in fields.items():
        nkey = _norm_key(key)
        if nkey in FETCH_DATE_KEYS:
            continue
        field = _KEY_OF.get(nkey)
        if field is None or field in out or value is None or value == "" or value == []:
            continue
        if field == "authors":
            people, orgs = _mapping_authors(value)
            if people:
                out[field] = people
            if orgs and "source" not in out:
                out["source"] = orgs[0]
        elif field in ("editors", "tags"):
            items = _as_list(value)
            if items:
                out[field] = items
        elif field == "published":
            if isinstance(value, dt.datetime | dt.date):
                out[field] = (value.date() if isinstance(value, dt.datetime) else value).isoformat()
            else:
                iso = parse_date(str(value))
                if iso:
                    out[field] = iso
        else:
            text = _as_text(value)
            if text and field == "source" and URL_VALUE.match(text):
                out.setdefault("url", text)  # a link to the original, not an outlet name
            elif text and field == "title":
                out[field] = clean_title(text)
            elif text:
                out[field] = text
    return out


# a web clipper, scraper or bot named in an author field ("Obsidian Web Clipper", "MarkDownload")
TOOL_NAME = re.compile(r"\b(?:web clipper|clipper|scraper|crawler|downloader|markdownload|bot)\b", re.I)


def _mapping_authors(value: Any) -> tuple[list[str], list[str]]:
    """People and organisations of an ``author`` field; a date glued to a name ("KELVIN CHAN Thu, May 15,
    2025 at 3:41 AM") is cut, organisations and brands ("Financial Times", "AIVibe") are not people."""
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        value = ", ".join(WIKILINK_VALUE.sub(r"\1", v) for v in value)
    if isinstance(value, str):
        value = WIKILINK_VALUE.sub(r"\1", value)
        found = _date_matches(value)
        if found:
            value = BYLINE_DATE_JOINER.sub("", WEEKDAY_TAIL.sub("", value[: found[0][0]]))
        parsed = split_names(value)
        if parsed is not None:
            return parsed[0], [parsed[1]] if parsed[1] and not TOOL_NAME.search(parsed[1]) else []
        items = [s.strip() for s in re.split(r"\s*[;,|]\s*", value) if s.strip()]
    else:
        items = _as_list(value)
    people: list[str] = []
    orgs: list[str] = []
    for item in items:
        if TOOL_NAME.search(item):
            continue  # the clipper or scraper that saved the page is neither author nor source
        if is_organisation(item) or any(ch.isdigit() for ch in item) or len(item.split()) > 5:
            orgs.append(item)
        else:
            people.append(_tidy_name(item))
    return people, orgs
