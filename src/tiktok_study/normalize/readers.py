"""Raw files → :class:`Document` records (one per article) or :class:`Skipped` records with a reason.

Supported files (by extension, case-insensitive):

* ``.txt``/``.text`` — any common encoding: a BOM (UTF-8, UTF-16, UTF-32) decides, then strict UTF-8, then
  charset-normalizer (cp1252, GB18030, UTF-16 without BOM …; a single-byte result that cp1252 decodes
  the same way is recorded as cp1252). YAML front matter (``---`` … ``---``) and archiver header blocks
  (``Title:`` / ``URL Source:`` / ``Published Time:`` / ``Markdown Content:``) become metadata candidates.
* ``.md``/``.markdown`` — as text; markdown syntax is reduced to its text (:mod:`.lines`).
* ``.html``/``.htm`` — the main text and metadata by trafilatura; every visible block of the page outside the
  main text is listed in ``removed`` (``html:outside-main-text``) and ``line_no`` is always a line of the raw
  page, which stays the source of truth.
* ``.jsonl``/``.ndjson`` and ``.csv`` — corpus exports, one article per row: a ``text`` column (or
  ``content``/``body``) and, when present, ``title``, ``author``, ``date``, ``url``, ``source`` …
  (:func:`metadata.from_mapping`). The article id is ``<stem>-<row>`` (row from 0); ``raw_sha256`` is the
  export file's hash (``source_row`` says which row).
  Read by :mod:`.rowfiles`.
* research-database exports — a LexisNexis ``.txt`` (``N of M DOCUMENTS``), a Nexis Uni ``.docx`` (or an
  ordinary Word document, one article): :mod:`.exports`; ``.json`` feed exports: :mod:`.feeds`.

The raw folder is the corpus (:func:`scan_raw`): a symbolic link out of it is not followed, a linked folder is
not entered, a folder that cannot be listed is reported; a file name that is not valid UTF-8 is recorded with
U+FFFD for its undecodable bytes (:func:`repair_text`).

Limits: one article file may be at most :data:`MAX_FILE_BYTES` (20 MiB; a bigger file is skipped, not read);
an export at most :data:`MAX_EXPORT_BYTES` (1 GiB; JSONL is streamed row by row, a CSV over
:data:`CSV_IN_MEMORY_BYTES` too, in the encoding found in its first MiB), each row at most :data:`MAX_FILE_BYTES`.
Empty, whitespace-only, binary and undecodable files are skipped with a reason.

Why one module of about 770 lines: it is the one place that decides how a file's bytes become text and fields
(decoding, front matter, the HTML reader, the raw-folder scan), so a reader follows a file from disk to
:class:`Document` here; the export, feed and row readers, which only add formats, live in modules of their own.

Example:
    >>> text, encoding = decode_bytes("caf\\u00e9 “ok”".encode("cp1252"))
    >>> text, encoding
    ('café “ok”', 'cp1252')
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from tiktok_study import safeyaml
from tiktok_study.normalize import metadata as md
from tiktok_study.normalize.boilerplate import title_key
from tiktok_study.normalize.lines import Line, clean_text, to_lines

__all__ = [
    "CSV_IN_MEMORY_BYTES",
    "MAX_EXPORT_BYTES",
    "MAX_FILE_BYTES",
    "SUPPORTED",
    "Document",
    "SkipFile",
    "Skipped",
    "decode_bytes",
    "html_document",
    "iter_raw_files",
    "read_path",
    "repair_text",
    "scan_raw",
    "text_document",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

#: Largest article file read (bytes); bigger files are skipped with a reason, never loaded.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Largest export file (.jsonl / .csv) read (bytes).
MAX_EXPORT_BYTES = 1024 * 1024 * 1024
#: A CSV export up to this size is read whole; a bigger one is streamed row by row.
CSV_IN_MEMORY_BYTES = 20 * 1024 * 1024
#: Extension → format.
SUPPORTED: dict[str, str] = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".json": "json", ".docx": "docx",
}  # fmt: skip
#: The note on an article (``articles.repaired``) or skipped file whose name had undecodable bytes.
BAD_NAME = "file name not valid UTF-8"
TEXT_COLUMNS = ("text", "content", "body", "article", "full_text", "maintext")

BINARY_MAGIC = (
    (b"%PDF", "PDF"), (b"PK\x03\x04", "ZIP/Office"), (b"\x89PNG", "PNG"), (b"GIF8", "GIF"), (b"\xff\xd8\xff", "JPEG"),
    (b"\x1f\x8b", "gzip"), (b"BZh", "bzip2"), (b"7z\xbc\xaf", "7z"), (b"Rar!", "RAR"), (b"\x7fELF", "ELF"),
    (b"\xd0\xcf\x11\xe0", "OLE/Office"), (b"RIFF", "RIFF"), (b"ID3", "MP3"), (b"OggS", "Ogg"), (b"\x00\x00\x01\x00", "ICO"),
)  # fmt: skip
WESTERN_SINGLE_BYTE = frozenset(
    {"cp1250", "cp1252", "cp1257", "cp1254", "latin_1", "iso8859_1", "iso8859_2", "iso8859_15", "iso8859_9",
     "mac_roman", "cp850", "cp437", "iso8859_13", "iso8859_16"}
)  # fmt: skip

# --- compiled regexes, together -------------------------------------------------------------------------------
FRONT_MATTER_OPEN = re.compile(r"^(?:---|\+\+\+)\s*$")
FRONT_MATTER_CLOSE = {"---": re.compile(r"^(?:---|\.\.\.)\s*$"), "+++": re.compile(r"^\+\+\+\s*$")}
SIMPLE_FIELD = re.compile(r"^\s*([A-Za-z][\w .-]{0,40}?)\s*[:=]\s*(.*?)\s*$")
ARCHIVER_FIELD = re.compile(
    r"^(title|url source|url|source url|published time|published|publish date|date|authors?|byline|description|"
    r"keywords|retrieved|retrieved at|fetched|fetched at|archived|archived at|saved from|saved|captured|"
    r"captured at|markdown content|warning)\s*:\s*(.*)$",
    re.I,
)
ARCHIVER_DISTINCTIVE = frozenset(
    {"url source", "markdown content", "saved from", "retrieved", "retrieved at", "fetched", "fetched at",
     "archived", "archived at", "captured", "captured at", "source url", "publish date", "keywords"}
)  # fmt: skip
COMMENT_HEADER_OPEN = re.compile(
    r"^<!--\s*(?:ya?ml|toml|front[- ]?matter|meta(?:data)?)?\s*(?P<rest>[^\s>].*)?$", re.I
)
COMMENT_HEADER_CLOSE = re.compile(r"-->\s*$")
COMMENT_FIELD = re.compile(r"^\s*([^\W\d_][\w .-]{0,40}?)\s*[:：=]\s*(.*?)\s*$")
# Non-ASCII characters a Western text in cp1252 is made of: Latin-1 letters, typographic punctuation, symbols.
CP1252_PLAUSIBLE = re.compile(
    r"[^\x00-\x7f\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u00a0\u00a1\u00a9\u00ab\u00ae\u00b0\u00b1\u00b7\u00bb\u00bf\u00a7\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2022\u20ac\u2122]"
)
NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{4,}")
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class SkipFile(Exception):
    """A raw file (or export row) that does not become an article; ``str(exc)`` is the reason."""


class Skipped(NamedTuple):
    """A raw file or row not turned into an article (the ``skipped`` table)."""

    source_path: str
    reason: str
    article_id: str | None = None


@dataclass(slots=True)
class Document:
    """One article to normalize: its lines, the metadata handed in, and where it came from."""

    article_id: str
    source_path: str | None
    raw_sha256: str
    format: str
    encoding: str | None
    lines: list[Line]
    given: dict[str, Any] = field(default_factory=dict)
    source_row: int | None = None
    stated_words: int | None = None  # the length a database export states ("LENGTH: 355 words")
    notes: list[str] = field(default_factory=list)  # repairs made while reading (``articles.repaired``)


# --- decoding ----------------------------------------------------------------------------------------------------
def _codec_name(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:100_000]
    bad = len(CONTROL.findall(sample))
    return bad > 0.02 * len(sample) or "\x00" in sample


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    codec = "utf-16-le" if odd > 0.4 * half and even < 0.05 * half else None
    codec = codec or ("utf-16-be" if even > 0.4 * half and odd < 0.05 * half else None)
    return codec


def _plausible_cp1252(data: bytes) -> str | None:
    """``data`` as cp1252 when that reads as Western text (Latin-1 letters inside words, typographic quotes).

    Text in another legacy encoding read as cp1252 shows characters outside that set or long runs of
    accented letters (Cyrillic, Greek, GB18030 …); those are left to charset-normalizer.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if CP1252_PLAUSIBLE.search(text) or NON_ASCII_RUN.search(text) or _looks_binary(text):
        return None
    return text


def _decode_by_bom(data: bytes) -> tuple[str, str] | None:
    """``(text, codec)`` when ``data`` opens with a byte-order mark, else ``None``."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
    ):  # fmt: skip
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise SkipFile(
                    f"undecodable bytes: the {codec} byte-order mark is followed by invalid data"
                ) from exc
    return None


def _decode_with_nul_bytes(data: bytes) -> tuple[str, str]:
    """Bytes with NUL in their first 4 KB: UTF-16 without a byte-order mark, or binary."""
    codec = _utf16_without_bom(data)
    if codec is None:
        raise SkipFile("binary file (NUL bytes), not text")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise SkipFile("binary file (NUL bytes), not text") from exc
    if _looks_binary(text):
        raise SkipFile("binary file (NUL or control bytes), not text")
    return text, codec


def _decode_by_detection(data: bytes) -> tuple[str, str]:
    """Neither UTF-8 nor plausible cp1252: the encoding charset-normalizer finds."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise SkipFile("undecodable bytes: no text encoding fits (charset-normalizer found none)")
    encoding = best.encoding
    text = str(best)
    if encoding in WESTERN_SINGLE_BYTE and encoding != "cp1252":
        try:
            if data.decode("cp1252") == text:
                encoding = "cp1252"
        except UnicodeDecodeError:
            pass
    if _looks_binary(text):
        raise SkipFile(f"binary file (control characters when read as {_codec_name(encoding)}), not text")
    return text, _codec_name(encoding)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a text file; return ``(text, encoding used)``.

    In order: a binary signature; a byte-order mark; NUL bytes (UTF-16 without a mark, or binary); UTF-8;
    cp1252 when it reads as Western text; else what charset-normalizer detects.

    Raises:
        SkipFile: empty, binary (a known signature, NUL bytes or control characters) or undecodable.
    """
    if not data:
        raise SkipFile("empty file")
    for magic, kind in BINARY_MAGIC:
        if data.startswith(magic):
            raise SkipFile(f"binary file ({kind} signature), not text")
    by_bom = _decode_by_bom(data)
    if by_bom is not None:
        return by_bom
    if b"\x00" in data[:4096]:
        return _decode_with_nul_bytes(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(text):
            raise SkipFile("binary file (NUL or control bytes), not text")
        return text, "utf-8"
    western = _plausible_cp1252(data)
    if western is not None:
        return western, "cp1252"
    return _decode_by_detection(data)


# --- text and markdown -----------------------------------------------------------------------------------------
def _front_matter(raw_lines: list[str]) -> tuple[dict[str, Any], int, bool]:
    """Front matter at the top: ``(fields, number of lines it spans, written by an archiver)``.

    YAML between ``---`` lines, TOML between ``+++`` lines, and either (or bare ``key: value`` lines) inside
    an HTML comment (``<!--yml … -->``, ``<!-- … -->``), which is how archivers and clippers hide their header.
    """
    first = next((i for i, s in enumerate(raw_lines[:5]) if s.strip()), None)
    if first is None:
        return {}, 0, False
    opening = raw_lines[first].strip()
    comment = COMMENT_HEADER_OPEN.match(opening)
    if comment:
        end = next(
            (
                i
                for i in range(first, min(len(raw_lines), first + 200))
                if COMMENT_HEADER_CLOSE.search(raw_lines[i])
            ),
            None,
        )
        if end is None:
            return {}, 0, False
        body = [*([comment.group("rest")] if comment.group("rest") else []), *raw_lines[first + 1 : end + 1]]
        body[-1] = COMMENT_HEADER_CLOSE.sub("", body[-1])
        body = [b for b in body if not FRONT_MATTER_OPEN.match(b)]
        if not any(COMMENT_FIELD.match(b) for b in body):
            return {}, 0, False  # an ordinary comment, not a header
        fields = _parse_fields(body, yaml_first=True)
        if not fields:
            for b in body:
                m = COMMENT_FIELD.match(b)
                if m:
                    fields.setdefault(m.group(1).strip(), m.group(2).strip())
        return fields, end + 1, True
    if not FRONT_MATTER_OPEN.match(raw_lines[first]):
        return {}, 0, False
    fence = opening[:3]
    close = FRONT_MATTER_CLOSE[fence]
    end = next(
        (i for i in range(first + 1, min(len(raw_lines), first + 200)) if close.match(raw_lines[i])), None
    )
    if end is None or end == first + 1:
        return {}, 0, False
    fields = _parse_fields(raw_lines[first + 1 : end], yaml_first=fence == "---", toml=fence == "+++")
    return (fields, end + 1, False) if fields else ({}, 0, False)


def _parse_fields(body: list[str], *, yaml_first: bool, toml: bool = False) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if toml:
        import tomllib

        try:
            fields = tomllib.loads("\n".join(body))
        except tomllib.TOMLDecodeError:
            fields = {}
    elif yaml_first:
        import yaml

        try:
            loaded = safeyaml.load("\n".join(body), source="front matter")
        except yaml.YAMLError:
            loaded = None
        if isinstance(loaded, dict):
            fields = loaded
    if not fields:
        for s in body:
            m = SIMPLE_FIELD.match(s)
            if m:
                fields.setdefault(m.group(1).strip(), m.group(2).strip().strip("\"'"))
    return fields


def _archiver_header(lines: list[Line]) -> dict[str, Any]:
    """Mark an archiver or scraper header block near the top of ``lines``; return its fields.

    The block is a run of ``key: value`` lines (``URL Source:``, ``Markdown Content:``, or a scraper dump's
    ``keywords:`` / ``authors:`` / ``publish date:``), possibly under a first heading, with at least one key
    only such tools write. Its lines are cut (``metadata:archiver-header``); empty and ``None`` values dropped.
    """
    fields: dict[str, str] = {}
    marked: list[Line] = []
    distinctive = False
    seen_heading = False
    for x in lines:
        if x.kind == "blank" or x.rule is not None:
            continue
        m = ARCHIVER_FIELD.match(x.text)
        if not m:
            if not marked and not seen_heading and x.kind == "heading":
                seen_heading = True  # the headline over a scraper's field block
                continue
            break
        key = m.group(1).casefold()
        distinctive = distinctive or key in ARCHIVER_DISTINCTIVE
        value = m.group(2).strip()
        if value.casefold() not in ("none", "null", "nan", "[]"):
            fields.setdefault(key, value)
        marked.append(x)
        if key == "markdown content":
            break
    if not distinctive or (len(marked) < 2 and "markdown content" not in fields):
        return {}
    for x in marked:
        x.rule = "metadata:archiver-header"
    return {k: v for k, v in fields.items() if v}


def _first_h1(lines: list[Line]) -> str | None:
    """The text of a level-1 heading among the first content lines (the page's own headline)."""
    seen = 0
    for x in lines:
        if x.kind == "blank" or x.rule is not None:
            continue
        if x.kind == "heading" and x.level == 1:
            return x.text
        seen += 1
        if seen >= 8:
            break
    return None


def text_document(raw: str, *, markdown: bool = True) -> tuple[list[Line], dict[str, Any]]:
    """Lines and metadata candidates of a text or markdown article (front matter, archiver header).

    Markdown (and HTML written inside the text) is reduced wherever it is, ``.txt`` included. A clipper's or
    archiver's header (an HTML-comment header, a ``URL Source:`` block) ranks below the page's own level-1
    headline for the title.

    Example:
        >>> lines, given = text_document("---\\ntitle: A\\ndate: 2025-01-17\\nfetched: 2025-03-01\\n---\\nBody text.")
        >>> given, [(x.no, x.rule) for x in lines]
        ({'title': 'A', 'published': '2025-01-17'}, [(1, 'metadata:front-matter'), (2, 'metadata:front-matter'), (3, 'metadata:front-matter'), (4, 'metadata:front-matter'), (5, 'metadata:front-matter'), (6, None)])
    """
    raw_lines = raw.splitlines()
    fields, spanned, archived_header = _front_matter(raw_lines[:202])
    lines: list[Line] = []
    for no, original in enumerate(raw_lines[:spanned], start=1):
        text = clean_text(original)  # as written, not markdown-reduced
        lines.append(Line(no, text, "text", rule="metadata:front-matter") if text else Line(no, "", "blank"))
    lines.extend(to_lines("\n".join(raw_lines[spanned:]), markdown=markdown, first_no=spanned + 1))
    given = md.from_mapping(fields) if fields else {}
    if archived_header:  # an archiver's comment header: its date is the crawl date, its author the tool's
        given.pop("published", None)
        given.pop("authors", None)
    archived = _archiver_header(lines)
    if archived:
        archived_header = True
        for key, value in md.from_mapping(archived).items():
            given.setdefault(key, value)
    if archived_header and given.get("title"):
        headline = _first_h1(lines)
        if headline and title_key(headline) != title_key(given["title"]):
            given["title"] = headline
    return lines, given


# --- HTML --------------------------------------------------------------------------------------------------------
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul", "title",
})  # fmt: skip
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "head", "svg", "iframe", "object", "embed", "canvas",
    "select", "option", "button",
})  # fmt: skip


def _page_blocks(root: Any) -> list[tuple[int, str]]:
    """Visible text blocks of a page with the raw line each starts on."""
    from lxml import etree

    blocks: list[tuple[int, str]] = []
    buf: list[str] = []
    state = {"line": 0}

    def flush() -> None:
        text = clean_text(" ".join(buf)) if buf else ""
        if text:
            blocks.append((state["line"], text))
        buf.clear()
        state["line"] = 0

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else None
        name = tag.rsplit("}", 1)[-1].lower() if tag else None
        if event == "start":
            if name is None:
                continue
            if name in SKIP_TAGS:
                walker.skip_subtree()
                continue
            if name in BLOCK_TAGS:
                flush()
            if el.text and el.text.strip():
                if not buf:
                    state["line"] = el.sourceline or 0
                buf.append(el.text)
        else:
            if name in BLOCK_TAGS:
                flush()
            if el.tail and el.tail.strip():
                if not buf:
                    state["line"] = el.sourceline or 0
                buf.append(el.tail)
    flush()
    return blocks


def _main_blocks(body: Any) -> list[tuple[str, str, int]]:
    """``(kind, text, level)`` of trafilatura's main-text elements."""
    out: list[tuple[str, str, int]] = []
    for br in body.iter("lb"):  # a line break inside a paragraph separates words
        br.tail = " " + (br.tail or "")
    for el in body.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "head":
            rend = el.get("rend") or "h2"
            level = int(rend[1]) if len(rend) == 2 and rend[1].isdigit() else 2
            out.append(("heading", "".join(el.itertext()), level))
        elif (
            tag == "p" and el.getparent() is not None and el.getparent().tag not in ("item", "quote", "cell")
        ):
            out.append(("text", "".join(el.itertext()), 0))
        elif tag == "item":
            out.append(("item", "".join(el.itertext()), 0))
        elif tag == "quote":
            out.append(("quote", "".join(el.itertext()), 0))
        elif tag == "row":
            cells = ["".join(c.itertext()).strip() for c in el if isinstance(c.tag, str)]
            out.append(("text", "; ".join(c for c in cells if c), 0))
    return out


def html_document(page: str) -> tuple[list[Line], dict[str, Any]]:
    """Lines and metadata of an HTML page: trafilatura's main text; the rest of the page as cut lines.

    Every line's ``no`` is the line of the raw page its text starts on.
    """
    import lxml.html
    import trafilatura

    page = XML_DECLARATION.sub("", page, count=1)
    try:
        root = lxml.html.document_fromstring(page)
    except Exception as exc:  # lxml raises several types on garbage
        raise SkipFile(f"unreadable HTML ({type(exc).__name__}: {exc})") from exc
    blocks = _page_blocks(root)
    try:
        doc = trafilatura.bare_extraction(
            page, with_metadata=True, include_comments=False, include_tables=True, include_images=False,
            include_links=False, include_formatting=False, deduplicate=False,
        )  # fmt: skip
    except Exception:  # trafilatura on odd pages: fall back to the page's own blocks
        logger.debug("trafilatura failed; using the page blocks", exc_info=True)
        doc = None
    given: dict[str, Any] = {}
    main: list[tuple[str, str, int]] = []
    if doc is not None:
        meta = {
            "title": doc.title, "author": doc.author, "date": doc.date, "site": doc.sitename,
            "url": doc.url, "description": doc.description,
            "section": doc.categories[0] if doc.categories else None,
        }  # fmt: skip
        if doc.author:
            meta["author"] = [a.strip() for a in doc.author.split(";") if a.strip()]
        given = md.from_mapping({k: v for k, v in meta.items() if v})
        if doc.body is not None:
            main = [(k, t, lv) for k, t, lv in _main_blocks(doc.body) if clean_text(t)]
    if not main:
        main = [("text", t, 0) for _, t in blocks]
    keys = [title_key(t) for _, t in blocks]
    used = [False] * len(blocks)
    lines: list[Line] = []
    pointer = 0
    last_no = 1
    for kind, text, level in main:
        key = title_key(text)
        found = None
        for j in range(pointer, min(len(blocks), pointer + 400)):
            if not used[j] and keys[j] and (keys[j] == key or (key and (key in keys[j] or keys[j] in key))):
                found = j
                break
        if found is not None:
            used[found] = True
            pointer = found + 1
            last_no = blocks[found][0] or last_no
        cleaned = clean_text(text)
        if lines:
            lines.append(Line(last_no, "", "blank"))
        lines.append(Line(last_no, cleaned, kind, level=level))
    outside = [
        Line(no, text, "text", rule="html:outside-main-text")
        for (no, text), u in zip(blocks, used, strict=True)
        if not u
    ]
    ordered = sorted([*outside, *lines], key=lambda x: x.no)  # stable: page order within a line
    return ordered, given


# --- files -------------------------------------------------------------------------------------------------------
def repair_text(text: str) -> tuple[str, bool]:
    """``text`` made encodable as UTF-8: bytes of an undecodable file name and lone surrogates become U+FFFD.

    Returns the text and whether anything was replaced (one character for one: offsets do not move).

    Example:
        >>> repair_text("bad \\ud800 name"), repair_text("caf\\udce9")
        (('bad \ufffd name', True), ('caf\ufffd', True))
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return LONE_SURROGATE.sub("\ufffd", text), True
    return text, False


def scan_raw(raw: Path) -> tuple[list[Path], list[Skipped]]:
    """Every non-hidden file under ``raw`` (recursively, sorted by relative POSIX path), and what is left out.

    ``raw`` is the corpus: a symbolic link is followed only when it points to a file inside ``raw`` (a linked
    folder is never entered, as its files would be read twice or come from elsewhere); folders that cannot be
    listed and broken links are reported with the reason.
    """
    found: list[Path] = []
    left: list[Skipped] = []
    base = raw.resolve()

    def rel(path: Path) -> str:
        return repair_text(path.relative_to(raw).as_posix())[0]

    def unreadable(exc: OSError) -> None:
        name = Path(exc.filename) if exc.filename else raw
        left.append(Skipped(rel(name) + "/", f"cannot read the folder: {exc.strerror or exc}"))

    for folder, dirs, files in os.walk(raw, onerror=unreadable):
        here = Path(folder)
        keep = []
        for d in sorted(dirs):
            if d.startswith(".") or d == "__pycache__":
                continue
            if (here / d).is_symlink():
                left.append(Skipped(rel(here / d) + "/", "symbolic link to a folder: not followed"))
            else:
                keep.append(d)
        dirs[:] = keep
        for f in files:
            if f.startswith("."):
                continue
            path = here / f
            if path.is_symlink():
                reason = _link_problem(path, base)
                if reason:
                    left.append(Skipped(rel(path), reason))
                    continue
            found.append(path)
    found.sort(key=lambda p: p.relative_to(raw).as_posix())
    left.sort(key=lambda s: s.source_path)
    return found, left


def _link_problem(path: Path, base: Path) -> str | None:
    """Why a symbolic link under the raw folder is not read (None: it points to a file inside it)."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "broken or looping symbolic link"
    if not target.is_relative_to(base):
        return "symbolic link to a file outside the raw folder: not followed"
    if not target.is_file():
        return "symbolic link to something that is not a regular file: not followed"
    return None


def iter_raw_files(raw: Path) -> list[Path]:
    """The files :func:`scan_raw` reads (without the report of what it leaves out)."""
    return scan_raw(raw)[0]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_path(path: Path, *, root: Path) -> Iterator[Document | Skipped]:
    """The articles of one raw file (several for an export), or why it is skipped.

    A file name that is not valid UTF-8 is recorded with U+FFFD in place of its undecodable bytes (noted in
    ``Document.notes``); a symbolic link pointing outside ``root`` is not read.

    Args:
        path: the raw file.
        root: the raw folder; ``source_path`` is recorded relative to it (POSIX).
    """
    rel, bad_rel = repair_text(path.relative_to(root).as_posix())
    stem, bad_stem = repair_text(path.stem)
    for item in _read_path(path, root=root, rel=rel, stem=stem):
        if bad_rel or bad_stem:
            if isinstance(item, Document):
                item.notes.append(f"{BAD_NAME} (undecodable bytes shown as U+FFFD)")
            else:
                item = item._replace(reason=f"{item.reason} ({BAD_NAME}: undecodable bytes shown as U+FFFD)")
        yield item


def _read_path(path: Path, *, root: Path, rel: str, stem: str) -> Iterator[Document | Skipped]:
    from tiktok_study.safeyaml import YAMLRefused

    fmt = SUPPORTED.get(path.suffix.lower())
    if fmt is None:
        supported = ", ".join(sorted(SUPPORTED))
        yield Skipped(
            rel, f"unsupported file type '{path.suffix or '(no extension)'}' (supported: {supported})"
        )
        return
    try:
        if path.is_symlink():
            problem = _link_problem(path, root.resolve())
            if problem:
                yield Skipped(rel, problem)
                return
        size = path.stat().st_size
        problem = _size_problem(size, fmt)
        if problem:
            yield Skipped(rel, problem)
            return
        yield from _read_file(path, fmt, size, rel=rel, stem=stem)
    except SkipFile as exc:
        yield Skipped(rel, str(exc))
    except YAMLRefused as exc:
        yield Skipped(rel, str(exc))
    except OSError as exc:
        yield Skipped(rel, f"cannot read the file: {exc.strerror or exc}")


def _size_problem(size: int, fmt: str) -> str | None:
    """Why a file of ``size`` bytes in format ``fmt`` is not read (None: its size is fine)."""
    from tiktok_study.normalize import feeds

    limit = MAX_EXPORT_BYTES if fmt in ("jsonl", "csv") else MAX_FILE_BYTES
    limit = feeds.JSON_MAX_BYTES if fmt == "json" else limit
    if size > limit:
        return f"file too large: {size / 2**20:.1f} MiB, over the {limit // 2**20} MiB limit"
    if size == 0:
        return "empty file"
    return None


def _read_file(path: Path, fmt: str, size: int, *, rel: str, stem: str) -> Iterator[Document | Skipped]:
    """The articles of a raw file of a supported format and size (its errors are handled by the caller)."""
    from tiktok_study.normalize import exports, feeds, rowfiles

    if fmt == "jsonl":
        yield from rowfiles.read_jsonl(path, rel=rel, stem=stem)
        return
    if fmt == "csv":
        yield from rowfiles.read_csv(path, size, rel=rel, stem=stem)
        return
    data = path.read_bytes()
    if fmt == "docx":
        yield from exports.docx_documents(data, rel=rel, stem=stem, sha=_sha256(data))
        return
    if fmt == "json":
        yield from feeds.json_documents(data, rel=rel, stem=stem, sha=_sha256(data))
        return
    text, encoding = decode_bytes(data)
    if not text.strip():
        yield Skipped(rel, "whitespace-only file")
        return
    if fmt == "txt" and exports.is_lexisnexis(text):
        yield from exports.lexisnexis_documents(
            text, rel=rel, stem=stem, sha=_sha256(data), encoding=encoding
        )
        return
    if fmt == "html":
        lines, given = html_document(text)
    else:
        lines, given = text_document(text)
    if all(x.kind == "blank" for x in lines):
        yield Skipped(rel, "no visible text in the page" if fmt == "html" else "whitespace-only file")
        return
    if all(x.kind == "blank" or x.rule == "metadata:front-matter" for x in lines):
        yield Skipped(rel, "only front matter (metadata), no article text")
        return
    yield Document(stem, rel, _sha256(data), fmt, encoding, lines, given)
