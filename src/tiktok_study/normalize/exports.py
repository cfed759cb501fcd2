"""Research-database exports → one :class:`~.readers.Document` per article (or a :class:`~.readers.Skipped`).

Three layouts researchers get their news in (docs/exports.md shows each):

* **LexisNexis plain text** (``.txt``): a request header, then per article a centred counter ``N of M DOCUMENTS``,
  the outlet, the date line (edition lines may follow), the headline, ``BYLINE:``/``SECTION:``/``LENGTH:``
  fields, the body, and trailer fields (``LOAD-DATE:``, ``LANGUAGE:``, ``PUBLICATION-TYPE:``, a copyright line).
  German and French exports (``Dokument N von M``, ``LÄNGE:``, ``RUBRIK:`` …) are read the same way.
* **Nexis Uni Word** (``.docx``): a cover list (``Documents (N)``, one entry per article), then per article the
  headline, the outlet, the date line, a copyright line, ``Section:``/``Length:``/``Byline:`` fields, ``Body``,
  the body, optional ``Classification`` and ``Load-Date:`` fields, and ``End of Document``. A ``.docx`` without
  those marks is an ordinary Word document: one article (its ``Title`` paragraph, if any, is the title).
* **JSON** (``.json``) exports of feed items: :mod:`.feeds`.

Articles are numbered from 0 in file order: ids ``<stem>-<n>``, ``source_row`` ``n``, ``raw_sha256`` the export
file's hash. The length a database states (``LENGTH: 355 words``) is kept as ``stated_words``. Header and trailer
lines are listed in ``removed`` (``export:header``, ``export:trailer``). A document cut off at the end of a file
(no trailer, no ``End of Document``) is skipped with the reason; the complete ones before it are kept.

Example:
    >>> ln = "1 of 1 DOCUMENTS\\n\\nThe Times\\n\\nMay 2, 2020 Saturday\\n\\nA Headline\\n\\nLENGTH: 3 words\\n\\nBody text here.\\n\\nLANGUAGE: ENGLISH\\n"
    >>> [(d.article_id, d.given["source"], d.given["published"], d.given["title"], d.stated_words)
    ...  for d in lexisnexis_documents(ln, rel="x.txt", stem="x", sha="0", encoding="utf-8")]
    [('x-0', 'The Times', '2020-05-02', 'A Headline', 3)]
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Iterator
from functools import partial
from itertools import pairwise
from typing import Any

from tiktok_study.normalize import metadata as md
from tiktok_study.normalize.feeds import isolated
from tiktok_study.normalize.lines import Line, clean_text, to_lines
from tiktok_study.normalize.readers import Document, Skipped, text_document

__all__ = [
    "DOCX_MAX_UNPACKED",
    "docx_documents",
    "is_lexisnexis",
    "lexisnexis_documents",
]

logger = logging.getLogger(__name__)

#: Largest total unpacked size of the parts of a ``.docx`` (a zip bomb is refused before it is opened).
DOCX_MAX_UNPACKED = 512 * 1024 * 1024

# --- compiled regexes, together -------------------------------------------------------------------------------
# "3 of 10 DOCUMENTS" (English), "Dokument 3 von 10" (German), "Document 3 de 10" (French), alone on a line.
LN_COUNTER = re.compile(
    r"^\s*(?:(\d+) of (\d+) DOCUMENTS|Dokument (\d+) von (\d+)|Document (\d+) de (\d+))\s*$"
)
# An upper-case field of a LexisNexis document: "BYLINE: …", "LOAD-DATE: …", "LÄNGE: …".
LN_FIELD = re.compile(r"^([A-ZÄÖÜÉÈ][A-ZÄÖÜÉÈ-]{1,30}): ?(.*)$")
# Nexis Uni fields: "Section:\xa0POLITICS; Version:28", "Load-Date:\xa0July 4, 2019".
UNI_FIELD = re.compile(r"^([A-Z][A-Za-z-]{1,30}(?: [A-Z][a-z]+)?):[\s\u00a0]*(.*)$")
UNI_END = re.compile(r"^\s*End of Document\s*$")
UNI_COVER_COUNT = re.compile(r"^\s*Documents \((\d+)\)\s*$")
COPYRIGHT_LINE = re.compile(r"^\s*(?:Copyright|©|\(c\))\s", re.I)
WORD_COUNT = re.compile(r"(\d[\d,.\u00a0 ]*)\s*(?:words|Wörter|mots)?", re.I)
# Page references and versions appended to a section: "FEATURES; Pg. 6", "POLITICS; Version:28", "S. 3".
SECTION_TAIL = re.compile(r"\s*[;,]\s*(?:Pg\.|Page|S\.|Seite|Version:?|Vers\.)\s*.*$", re.I)
# Byline decorations: a leading "By", and parenthesised roles "(now)", "(earlier)".
BYLINE_BY = re.compile(r"^\s*(?:by|von|par)\s+", re.I)
BYLINE_PAREN = re.compile(r"\s*\([^()]{0,40}\)")
# A reporter's location after the names: "Daniel Boffey in Brussels", "A and B in New York".
BYLINE_PLACE = re.compile(r"\s+in\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2}\s*$")
LN_BODY_END = frozenset({
    "LOAD-DATE", "LANGUAGE", "PUBLICATION-TYPE", "GRAPHIC", "UPDATE", "CORRECTION-DATE", "CORRECTION",
    "JOURNAL-CODE", "SUBJECT", "ORGANIZATION", "PERSON", "GEOGRAPHIC", "COMPANY", "TICKER", "INDUSTRY", "URL",
    "DOCUMENT-TYPE", "NOTES", "DISTRIBUTION", "TYPE", "SPRACHE", "LANGUE", "GRAFIK", "DOKUMENTTYP",
    "PUBLIKATIONSTYP",
})  # fmt: skip
LN_HEADER_FIELDS = frozenset({
    "BYLINE", "SECTION", "LENGTH", "DATELINE", "HIGHLIGHT", "SOURCE", "EDITION", "AUTOR", "VON", "RUBRIK",
    "LÄNGE", "LONGUEUR", "RUBRIQUE", "AUTEUR", "HEADLINE", "BODY",
})  # fmt: skip
LN_KEYS = {
    "BYLINE": "byline", "AUTOR": "byline", "VON": "byline", "AUTEUR": "byline", "SECTION": "section",
    "RUBRIK": "section", "RUBRIQUE": "section", "LENGTH": "length", "LÄNGE": "length", "LONGUEUR": "length",
    "DATELINE": "dateline",
}  # fmt: skip
UNI_BODY_END = frozenset({
    "Load-Date", "Language", "Publication-Type", "Graphic", "Notes", "Journal Code", "Subject", "Classification",
    "Correction", "Correction-Date", "Update",
})  # fmt: skip


# --- shared helpers ---------------------------------------------------------------------------------------------
def _date(text: str | None) -> str | None:
    return md.parse_date(text) if text else None


def _words(text: str | None) -> int | None:
    m = WORD_COUNT.match(text or "")
    if not m:
        return None
    digits = re.sub(r"\D", "", m.group(1))
    return int(digits) if digits else None


def _section(text: str | None) -> str | None:
    cut = SECTION_TAIL.sub("", text or "").strip(" ;,")
    return cut or None


def _byline(text: str | None) -> str | None:
    cut = BYLINE_PLACE.sub("", BYLINE_PAREN.sub("", BYLINE_BY.sub("", text or ""))).strip(" ;,")
    return cut or None


def _given(fields: dict[str, Any]) -> dict[str, Any]:
    """Metadata of an export's header, under the pipeline's names (metadata.from_mapping)."""
    mapping = {
        "title": fields.get("title"), "source": fields.get("source"), "published": _date(fields.get("date")),
        "section": _section(fields.get("section")), "author": _byline(fields.get("byline")),
    }  # fmt: skip
    given = md.from_mapping({k: v for k, v in mapping.items() if v})
    # a byline that names no person ("Letters", "Reuters", a name run into a job title) gives no author
    people = [name for name in given.pop("authors", []) if md.is_person_name(name, full=True)]
    if people:
        given["authors"] = people
    return given


def _marked(no: int, text: str, rule: str) -> Line:
    return Line(no, clean_text(text), "text", rule=rule)


# --- LexisNexis plain text ----------------------------------------------------------------------------------------
def is_lexisnexis(text: str) -> bool:
    """Whether ``text`` is a LexisNexis plain-text export (a document counter line near the top)."""
    for k, line in enumerate(text.splitlines()):
        if k > 400:
            return False
        if LN_COUNTER.match(line):
            return True
    return False


def _blocks(lines: list[str], start: int, stop: int) -> list[list[int]]:
    """Runs of non-blank line indexes in ``lines[start:stop]``."""
    out: list[list[int]] = []
    run: list[int] = []
    for i in range(start, stop):
        if lines[i].strip():
            run.append(i)
        elif run:
            out.append(run)
            run = []
    if run:
        out.append(run)
    return out


def _ln_header(lines: list[str], blocks: list[list[int]]) -> tuple[dict[str, Any], int]:
    """Outlet, date, title from the blocks before the first field; the index of the first field block."""
    fields: dict[str, Any] = {}
    first_field = next(
        (b for b, block in enumerate(blocks) if _ln_field(lines[block[0]]) in LN_HEADER_FIELDS), len(blocks)
    )
    head = blocks[:first_field]
    date_block = next((b for b, block in enumerate(head[:4]) if _date(lines[block[0]])), None)
    if date_block is not None:
        fields["date"] = lines[head[date_block][0]].strip()
        before = head[:date_block]
        after = head[date_block + 1 :]
    else:
        before, after = head[:1], head[1:]
    if before:
        fields["source"] = " ".join(lines[i].strip() for i in before[0])
    # the headline: flush-left blocks after the date (centred ones are editions and the like)
    title_blocks = [b for b in after if not lines[b[0]].startswith("     ")] or after[-1:]
    if title_blocks:
        fields["title"] = " ".join(lines[i].strip() for b in title_blocks for i in b)
    return fields, first_field


def _ln_trailer_line(line: str) -> bool:
    """A line of a document's trailer: a field, a copyright line, or a centred line ("All Rights Reserved")."""
    return bool(LN_FIELD.match(line) or COPYRIGHT_LINE.match(line) or line.startswith(" " * 10))


def _ln_trailer_start(line: str) -> bool:
    """A line only a trailer begins with: a known end field (``LOAD-DATE:``, ``LANGUAGE:`` …) or a copyright."""
    return _ln_field(line) in LN_BODY_END or bool(COPYRIGHT_LINE.match(line))


def _ln_field(line: str) -> str | None:
    m = LN_FIELD.match(line)
    return m.group(1) if m else None


def _ln_document(
    lines: list[str],
    start: int,
    stop: int,
    *,
    index: int,
    rel: str,
    stem: str,
    sha: str,
    encoding: str | None,
) -> Document | Skipped:
    """One document between a counter line (``start``) and the next (``stop``)."""
    article_id = f"{stem}-{index}"
    blocks = _blocks(lines, start + 1, stop)
    fields, first_field = _ln_header(lines, blocks)
    b = first_field
    while b < len(blocks) and _ln_field(lines[blocks[b][0]]) in LN_HEADER_FIELDS:
        block = blocks[b]
        m = LN_FIELD.match(lines[block[0]])
        key = LN_KEYS.get(m.group(1)) if m else None
        if m and key:
            fields[key] = " ".join([m.group(2).strip(), *(lines[i].strip() for i in block[1:])]).strip()
        b += 1
    body_start = b
    # the trailer: the run of field, copyright and centred blocks at the end, from its first end field or copyright
    # (a body paragraph that happens to start "UPDATE:" is followed by more body, so it is not in that run)
    end = len(blocks)
    while end > body_start and _ln_trailer_line(lines[blocks[end - 1][0]]):
        end -= 1
    end = next((k for k in range(end, len(blocks)) if _ln_trailer_start(lines[blocks[k][0]])), len(blocks))
    body_blocks, trailer = blocks[body_start:end], blocks[end:]
    if not trailer and stop == len(lines):
        return Skipped(
            rel, f"document {index + 1} is cut off (no LOAD-DATE/LANGUAGE lines after its text): the export "
            "file looks truncated; the complete documents before it are kept", article_id,
        )  # fmt: skip
    if not body_blocks:
        return Skipped(rel, f"document {index + 1}: no text after its header", article_id)
    marked = [_marked(i + 1, lines[i], "export:header") for block in blocks[:body_start] for i in block]
    marked += [_marked(i + 1, lines[i], "export:trailer") for block in trailer for i in block]
    first, last = body_blocks[0][0], body_blocks[-1][-1]
    body = to_lines("\n".join(lines[first : last + 1]), markdown=False, first_no=first + 1)
    ordered = sorted([*marked, *body], key=lambda x: x.no)
    return Document(
        article_id, rel, sha, "lexisnexis", encoding, ordered, _given(fields), source_row=index,
        stated_words=_words(fields.get("length")),
    )  # fmt: skip


def lexisnexis_documents(
    text: str, *, rel: str, stem: str, sha: str, encoding: str | None
) -> Iterator[Document | Skipped]:
    """The articles of a LexisNexis plain-text export, in file order (ids ``<stem>-0`` …)."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if LN_COUNTER.match(line)]
    for index, start in enumerate(starts):
        stop = starts[index + 1] if index + 1 < len(starts) else len(lines)
        read = partial(
            _ln_document, lines, start, stop, index=index, rel=rel, stem=stem, sha=sha, encoding=encoding
        )
        item = isolated(read, rel=rel, article_id=f"{stem}-{index}", what=f"document {index + 1}")
        if isinstance(item, Skipped) and stop == len(lines) and "cut off" in item.reason:
            m = LN_COUNTER.match(lines[start])
            n, total = (int(g) for g in m.groups() if g) if m else (0, 0)
            if n < total:
                item = item._replace(
                    reason=f"{item.reason}; documents {n + 1}-{total} of {total} are not in it"
                )
        yield item


# --- Word (.docx) ---------------------------------------------------------------------------------------------------
def _docx_paragraphs(data: bytes) -> tuple[list[tuple[str, str]], str | None]:
    """``(style, text)`` of the body paragraphs (a table row as one "cell; cell" paragraph); the core title.

    Raises:
        ValueError: not a readable ``.docx`` (the message says why).
    """
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValueError(
            "password-protected (encrypted) or old binary Word file, not a .docx that can be read"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > DOCX_MAX_UNPACKED:
                raise ValueError(
                    f"unpacks to {unpacked / 2**20:.0f} MiB, over the {DOCX_MAX_UNPACKED // 2**20} MiB limit"
                )
            if "word/document.xml" not in archive.namelist():
                raise ValueError("a zip file without word/document.xml, not a Word document")
    except zipfile.BadZipFile as exc:
        raise ValueError(f"corrupt .docx (not a readable zip archive: {exc})") from exc
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        out: list[tuple[str, str]] = []
        for element in document.iter_inner_content():
            if isinstance(element, Table):
                for row in element.rows:
                    cells = [" ".join(c.text.split()) for c in row.cells]
                    out.append(("Table", "; ".join(dict.fromkeys(c for c in cells if c))))
            else:
                style = element.style.name if element.style is not None else ""
                out.append((style or "", element.text))
        title = document.core_properties.title or None
    except Exception as exc:  # python-docx / lxml raise many types on broken parts
        raise ValueError(f"corrupt .docx ({type(exc).__name__}: {exc})") from exc
    return out, title


def _one_line(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _uni_field(text: str) -> tuple[str, str] | None:
    m = UNI_FIELD.match(text)
    return (m.group(1), m.group(2).strip()) if m else None


def _uni_trailer(text: str) -> bool:
    field = _uni_field(text)
    return field is not None and field[0] in UNI_BODY_END


def _uni_cover(texts: list[str], header: list[int]) -> dict[str, Any]:
    """Date, source and title from a Nexis Uni document's header paragraphs (``header``: their indices).

    The last header paragraph that is a date is the date; the header paragraph before it the source; the one
    before that the title, extended back over consecutive non-empty header paragraphs (a headline may run over
    several paragraphs).
    """
    fields: dict[str, Any] = {}
    date_at = next((i for i in reversed(header) if _date(texts[i])), None)
    if date_at is None:
        return fields
    fields["date"] = texts[date_at]
    src = [i for i in header if i < date_at]
    if src:
        fields["source"] = texts[src[-1]]
        title_at = [src[-2]] if len(src) > 1 else []
        while title_at and title_at[0] - 1 >= 0 and texts[title_at[0] - 1] and title_at[0] - 1 in src:
            title_at.insert(0, title_at[0] - 1)  # a headline over several paragraphs
        if title_at:
            fields["title"] = " ".join(texts[i] for i in title_at)
    return fields


def _uni_document(
    paras: list[str], *, index: int, rel: str, stem: str, sha: str, complete: bool, first_no: int
) -> Document | Skipped:
    """One Nexis Uni document (its paragraphs up to "End of Document"; the first also holds the cover)."""
    article_id = f"{stem}-{index}"
    if not complete:
        return Skipped(
            rel, f"document {index + 1} is cut off (no 'End of Document'): the export file looks truncated; "
            "the complete documents before it are kept", article_id,
        )  # fmt: skip
    texts = [_one_line(p) for p in paras]
    field_at = [
        i for i, t in enumerate(texts) if (f := _uni_field(t)) and f[0] in ("Section", "Length", "Byline")
    ]
    body_mark = next((i for i, t in enumerate(texts) if t == "Body"), None)
    head_end = field_at[0] if field_at else body_mark
    if head_end is None:
        return Skipped(rel, f"document {index + 1}: no header fields and no 'Body' mark", article_id)
    header = [i for i in range(head_end) if texts[i] and not COPYRIGHT_LINE.match(texts[i])]
    fields = _uni_cover(texts, header)
    body_start = (body_mark + 1) if body_mark is not None else (field_at[-1] + 1)
    for i in range(head_end, body_start):
        field = _uni_field(texts[i])
        if field and field[0] in ("Section", "Length", "Byline", "Dateline"):
            fields[field[0].lower()] = field[1]
    # the body ends at "Classification" (or the end mark), and before the run of trailer fields that ends it
    body_end = next(
        (i for i in range(body_start, len(texts)) if texts[i] == "Classification" or UNI_END.match(texts[i])),
        len(texts),
    )
    while body_end > body_start and (not texts[body_end - 1] or _uni_trailer(texts[body_end - 1])):
        body_end -= 1
    body_paras = [texts[i] for i in range(body_start, body_end) if texts[i]]
    if not body_paras:
        return Skipped(rel, f"document {index + 1}: no text after its header", article_id)
    lines: list[Line] = []
    first_kept = header[0] if header else 0
    for i in range(first_kept, len(texts)):
        if not texts[i]:
            continue
        if body_start <= i < body_end:
            if lines and lines[-1].rule is None:
                lines.append(Line(first_no + i, "", "blank"))
            lines.append(Line(first_no + i, clean_text(texts[i]), "text"))
        else:
            rule = "export:header" if i < body_start else "export:trailer"
            lines.append(_marked(first_no + i, texts[i], rule))
    return Document(
        article_id, rel, sha, "nexis-uni", None, lines, _given(fields), source_row=index,
        stated_words=_words(fields.get("length")),
    )  # fmt: skip


def _word_document(
    paras: list[tuple[str, str]], core_title: str | None, *, rel: str, stem: str, sha: str
) -> Document | Skipped:
    """An ordinary Word document: one article; headings and the Title paragraph as markdown headings."""
    parts: list[str] = []
    title: str | None = None
    for style, text in paras:
        text = _one_line(text)
        if not text:
            continue
        name = style.casefold()
        if name == "title" and title is None:
            title = text
            parts.append(f"# {text}")
        elif name.startswith("heading") and name[-1:].isdigit():
            parts.append(f"{'#' * min(6, int(name[-1]) + (1 if title else 0))} {text}")
        elif name.startswith("list"):
            parts.append(f"- {text}")
        else:
            parts.append(text)
    if not parts:
        return Skipped(rel, "Word document without text")
    lines, given = text_document("\n\n".join(parts))
    if title:
        given.setdefault("title", title)
    elif core_title and core_title.strip():
        given.setdefault("title", _one_line(core_title))
    return Document(stem, rel, sha, "docx", None, lines, given)


def docx_documents(data: bytes, *, rel: str, stem: str, sha: str) -> Iterator[Document | Skipped]:
    """The articles of a ``.docx``: a Nexis Uni export (one per document) or an ordinary Word document (one)."""
    try:
        paras, core_title = _docx_paragraphs(data)
    except ValueError as exc:
        yield Skipped(rel, str(exc))
        return
    texts = [text for _, text in paras]
    ends = [i for i, t in enumerate(texts) if UNI_END.match(t.replace("\n", " "))]
    cover = next((i for i, t in enumerate(texts[:50]) if UNI_COVER_COUNT.match(t)), None)
    if not ends and cover is None:
        yield _word_document(paras, core_title, rel=rel, stem=stem, sha=sha)
        return
    bounds = [0, *(e + 1 for e in ends)]
    chunks = [(a, texts[a:b], True) for a, b in pairwise(bounds)]
    tail = texts[bounds[-1] :]
    if any(t.strip() for t in tail):
        chunks.append((bounds[-1], tail, False))
    for index, (start, chunk, complete) in enumerate(chunks):
        read = partial(
            _uni_document,
            chunk,
            index=index,
            rel=rel,
            stem=stem,
            sha=sha,
            complete=complete,
            first_no=start + 1,
        )
        yield isolated(read, rel=rel, article_id=f"{stem}-{index}", what=f"document {index + 1}")
