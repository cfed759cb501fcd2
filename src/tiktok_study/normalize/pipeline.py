"""``normalize_text`` (one text) and ``normalize_folder`` (a raw folder → Parquet tables).

Both give the tables of ../shared/CONTRACT.md — ``articles``, ``paragraphs``, ``sentences``, ``removed`` (and
``skipped`` for a folder) — with the contract's columns first, in its order, rows sorted by its keys, and a few
extra columns after:

* ``articles``: ``n_headings``, ``n_removed`` (lines or parts of lines cut), ``dateline``, ``url``,
  ``paywalled``, ``language_score`` (py3langid's probability), ``format`` (txt, md, html, jsonl, csv, text),
  ``encoding``, ``source_row`` (row of an export). ``n_paragraphs`` counts body paragraphs (headings are
  ``n_headings``); ``n_words`` counts the words of the body paragraphs with :func:`tiktok_study.frames.count_words`;
  ``language`` is py3langid's ISO 639-1 code on the first :data:`LANGUAGE_PREFIX` characters (None when the
  text has no letters): non-English articles are kept, and analyses that are English-only skip them.
* ``paragraphs``: ``line_no``, the line of the text read where the paragraph starts.
* ``skipped``: ``article_id`` (for an export row, a duplicate or an article left empty), else null.

The article ``text`` is its paragraphs joined by a blank line; ``start``/``end`` of paragraphs and sentences
slice exactly their text out of it, and every sentence lies inside its paragraph.

Files are written with the fixed Arrow types of :data:`SCHEMAS` (a column that is empty in one corpus keeps its
type). In memory, :func:`normalize_text` gives plain pandas columns (``authors``/``editors`` as Python lists; a
missing value is None, or NaN in a string column that also holds strings, as when the Parquet file is read).

A folder run is deterministic: files are read in sorted order, the same input gives byte-identical Parquet
files, and ``jobs > 1`` (a process pool) or ``engine="dask"`` gives the same bytes as ``jobs=1``. A duplicate
article (same text after normalization, case and spacing ignored) is kept once — the first in reading order
(path order, then row order within an export) — and the later one is listed in ``skipped`` with the id it
duplicates; so is a later article whose id is already taken. The raw folder is only read.

Row order of the files (what streaming and :mod:`tiktok_study.analyze` rely on): every table is sorted by
``article_id``, compared by Unicode code point — the order of Python's ``sorted``, of Arrow and of the UTF-8
bytes, so the rows of an export come as ``x-0, x-1, x-10, x-100, x-11 …``, not in row order — then, within an
article, by the rest of its key of :data:`tiktok_study.schema.SORT_KEYS` (``removed`` rows of one line in
reading order). ``skipped`` is sorted by ``source_path``, reading order within a path. Each table is written
:data:`BATCH_ARTICLES` articles per Parquet row group (with min/max statistics), so a reader can take the
corpus a batch of articles at a time.

Example:
    >>> t = normalize_text("Markets Slide\\n\\nBy Jane Doe\\n\\nShares fell on Monday. Investors fled.")
    >>> t.articles[["title", "authors", "n_paragraphs", "n_sentences"]].values.tolist()
    [['Markets Slide', ['Jane Doe'], 1, 2]]
    >>> t.sentences["text"].tolist(), t.removed["rule"].tolist()
    (['Shares fell on Monday.', 'Investors fled.'], ['metadata:title', 'metadata:byline'])
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import shutil
import sys
import tempfile
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any, Literal, NamedTuple

import pandas as pd
import pyarrow as pa

from tiktok_study.corpus import ANALYSIS_TABLES
from tiktok_study.engines import check_engine, executor
from tiktok_study.errors import RunError, UsageError
from tiktok_study.io import TableWriteError, TableWriter
from tiktok_study.normalize import metadata as md
from tiktok_study.normalize.article import assemble
from tiktok_study.normalize.readers import (
    BAD_NAME,
    MAX_EXPORT_BYTES,
    SUPPORTED,
    Document,
    Skipped,
    jsonl_documents,
    read_path,
    repair_text,
    scan_raw,
    text_document,
)
from tiktok_study.normalize.safety import bound_metadata, remove_stale, repair_rows, spill_folder
from tiktok_study.normalize.structure import layout
from tiktok_study.schema import tidy

__all__ = [
    "BATCH_ARTICLES",
    "LANGUAGE_PREFIX",
    "SCHEMAS",
    "UNIT_ARTICLES",
    "NormalizeSummary",
    "Tables",
    "detect_language",
    "normalize_folder",
    "normalize_text",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

#: Characters of an article's text that language detection reads.
LANGUAGE_PREFIX = 1500
#: A folder of more files than this gets a progress bar (on a terminal).
PROGRESS_MIN_FILES = 5
#: Articles per Parquet row group of the tables written by :func:`normalize_folder` (and per batch of the final
#: write). The bytes of a table depend on it — never on ``jobs``, the engine or :data:`UNIT_ARTICLES`.
BATCH_ARTICLES = 1000
#: Files, or rows of a JSONL export, per unit of work handed to a worker (any value gives the same tables).
UNIT_ARTICLES = 64

_STR = pa.string()
_TEXT = pa.large_string()
_INT = pa.int64()
#: Arrow schema of every table written (contract columns first, then the extras).
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("article_id", _STR), ("source_path", _STR), ("raw_sha256", _STR), ("title", _STR), ("subtitle", _STR),
        ("authors", pa.list_(_STR)), ("editors", pa.list_(_STR)), ("source", _STR), ("section", _STR),
        ("published", _STR), ("language", _STR), ("text", _TEXT), ("n_paragraphs", _INT), ("n_sentences", _INT),
        ("n_words", _INT), ("n_headings", _INT), ("n_removed", _INT), ("dateline", _STR), ("url", _STR),
        ("paywalled", pa.bool_()), ("language_score", pa.float64()), ("format", _STR), ("encoding", _STR),
        ("source_row", _INT), ("stated_words", _INT), ("duplicate_of", _STR), ("repaired", _STR),
    ]),
    "paragraphs": pa.schema([
        ("article_id", _STR), ("paragraph_id", _INT), ("kind", _STR), ("text", _TEXT), ("start", _INT),
        ("end", _INT), ("line_no", _INT),
    ]),
    "sentences": pa.schema([
        ("article_id", _STR), ("paragraph_id", _INT), ("sentence_id", _INT), ("text", _TEXT), ("start", _INT),
        ("end", _INT),
    ]),
    "removed": pa.schema([("article_id", _STR), ("line_no", _INT), ("text", _TEXT), ("rule", _STR)]),
    "skipped": pa.schema([("source_path", _STR), ("reason", _STR), ("article_id", _STR)]),
}  # fmt: skip
_SPILLED = ("articles", "paragraphs", "sentences", "removed")  # the tables built article by article
# uncompressed: a record batch per article is read back ~7x faster than with lz4, for ~15% more temporary disk
_IPC_OPTIONS = pa.ipc.IpcWriteOptions(compression=None)


@dataclass(frozen=True, slots=True)
class Tables:
    """The normalized tables of one or more articles (pandas DataFrames, contract columns first)."""

    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    removed: pd.DataFrame


@dataclass(slots=True)
class _Rows:
    """The rows of one article, as plain Python values (cheap to pickle between processes)."""

    article: dict[str, Any]
    paragraphs: list[tuple[Any, ...]] = field(default_factory=list)
    sentences: list[tuple[Any, ...]] = field(default_factory=list)
    removed: list[tuple[Any, ...]] = field(default_factory=list)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float | None]:
    """ISO 639-1 code and probability of ``text`` (its first :data:`LANGUAGE_PREFIX` characters).

    Example:
        >>> detect_language("Die Bundesregierung prüft ein Verbot der App.")[0]
        'de'
    """
    sample = text[:LANGUAGE_PREFIX]
    if not any(ch.isalpha() for ch in sample):
        return None, None
    code, prob = _identifier().classify(sample)
    score = round(float(prob), 4)
    if len(code) != 2:
        return None, score
    return code, score


def _article_rows(doc: Document) -> _Rows:
    from tiktok_study.frames import count_words

    art = assemble(doc.lines, doc.given)
    paragraphs = [(kind, text) for kind, text, _ in art.paragraphs]
    text, spans, sentences = layout(paragraphs)
    sample = text if len(text) >= 200 or not art.title else f"{art.title}\n\n{text}"
    language, score = detect_language(sample)
    body = [p for p, (kind, _) in enumerate(paragraphs) if kind == "body"]
    rows = _Rows(
        article={
            "article_id": doc.article_id,
            "source_path": doc.source_path,
            "raw_sha256": doc.raw_sha256,
            "title": art.title,
            "subtitle": art.subtitle,
            "authors": art.authors,
            "editors": art.editors,
            "source": art.source,
            "section": art.section,
            "published": art.published,
            "language": language,
            "text": text,
            "n_paragraphs": len(body),
            "n_sentences": len(sentences),
            "n_words": sum(count_words(paragraphs[p][1]) for p in body),
            "n_headings": len(paragraphs) - len(body),
            "n_removed": len(art.removed),
            "dateline": art.dateline,
            "url": art.url,
            "paywalled": art.paywalled,
            "language_score": score,
            "format": doc.format,
            "encoding": doc.encoding,
            "source_row": doc.source_row,
            "stated_words": doc.stated_words,
            "duplicate_of": None,  # set when the folder's tables are written
            "repaired": None,
        }
    )
    notes = [*doc.notes, *bound_metadata(rows.article)]
    aid = doc.article_id
    rows.paragraphs = [
        (aid, p, kind, ptext, start, end, no)
        for p, ((kind, ptext, no), (start, end)) in enumerate(zip(art.paragraphs, spans, strict=True))
    ]
    rows.sentences = [(aid, p, s, text[a:b], a, b) for s, (p, a, b) in enumerate(sentences)]
    rows.removed = [(aid, no, cut, rule) for no, cut, rule in art.removed]
    tables = {"paragraphs": rows.paragraphs, "sentences": rows.sentences, "removed": rows.removed}
    article, tables, fixed = repair_rows(rows.article, tables)
    if fixed:
        notes.append("characters UTF-8 cannot encode (lone surrogates) replaced by U+FFFD")
        rows = _Rows(article, tables["paragraphs"], tables["sentences"], tables["removed"])
    if notes:
        rows.article["repaired"] = "; ".join(dict.fromkeys(notes))
        logger.warning("normalize: %s: %s", rows.article["article_id"], rows.article["repaired"])
    return rows


def _arrow(name: str, records: list[tuple[Any, ...]] | list[dict[str, Any]]) -> pa.Table:
    """Records (dicts or tuples in schema order) as an Arrow table with the fixed schema of ``name``."""
    schema = SCHEMAS[name]
    if records and isinstance(records[0], dict):
        return pa.Table.from_pylist(records, schema=schema)  # type: ignore[arg-type]
    columns = list(zip(*records, strict=True)) if records else [[] for _ in schema.names]
    return pa.Table.from_arrays(
        [pa.array(list(col), type=f.type) for col, f in zip(columns, schema, strict=True)], schema=schema
    )


def _memory_frame(
    name: str, records: list[tuple[Any, ...]] | list[dict[str, Any]], *, ordered: bool
) -> pd.DataFrame:
    """The same table as plain pandas columns (close to what reading the Parquet file gives), without Arrow."""
    schema = SCHEMAS[name]
    if not records:
        return pd.DataFrame({f.name: pd.Series(dtype=_EMPTY_DTYPES.get(str(f.type), "str")) for f in schema})
    if isinstance(records[0], dict):
        df = pd.DataFrame({n: [r[n] for r in records] for n in schema.names})  # type: ignore[index]
    else:
        df = pd.DataFrame(dict(zip(schema.names, map(list, zip(*records, strict=True)), strict=True)))
    for f in schema:
        if pa.types.is_list(f.type):
            df[f.name] = [list(v) if v is not None else [] for v in df[f.name]]
    # the schema already puts the contract's columns first; one article's rows are built in key order
    return df if ordered else tidy(df, name)


_EMPTY_DTYPES = {"int64": "int64", "bool": "bool", "double": "float64", "list<item: string>": "object"}


def _tables(results: list[_Rows]) -> dict[str, pd.DataFrame]:
    one = len(results) == 1
    return {
        "articles": _memory_frame("articles", [r.article for r in results], ordered=one),
        "paragraphs": _memory_frame(
            "paragraphs", [row for r in results for row in r.paragraphs], ordered=one
        ),
        "sentences": _memory_frame("sentences", [row for r in results for row in r.sentences], ordered=one),
        "removed": _memory_frame("removed", [row for r in results for row in r.removed], ordered=one),
    }


def normalize_text(
    raw: str,
    *,
    article_id: str = "doc",
    source_path: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> Tables:
    """Normalize one article given as text (read as a ``.txt``/markdown file would be).

    Never raises on odd text: a text that is all boilerplate gives an article row with an empty ``text``.

    Args:
        raw: the article's text (front matter and markdown allowed).
        article_id: the id used in every table.
        source_path: recorded in ``articles.source_path``.
        metadata: metadata known from elsewhere (``title``, ``authors``, ``published``, ``source``, ``section``,
            ``url`` … or their aliases, see :func:`metadata.from_mapping`); it wins over what the text states.

    Returns:
        :class:`Tables`; ``articles.raw_sha256`` is the sha256 of ``raw`` encoded as UTF-8.
    """
    lines, given = text_document(raw)
    if metadata:
        given.update(md.from_mapping(metadata))
    sha = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()
    doc = Document(article_id, source_path, sha, "text", None, lines, given)
    return Tables(**_tables([_article_rows(doc)]))


# --- folders -------------------------------------------------------------------------------------------------------
@dataclass
class NormalizeSummary:
    """What :func:`normalize_folder` read and wrote; ``str()`` is a short report for people."""

    out: Path
    n_files: int = 0
    n_articles: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    languages: dict[str, int] = field(default_factory=dict)

    @property
    def n_skipped(self) -> int:
        return len(self.skipped)

    def __str__(self) -> str:
        counts = ", ".join(
            f"{name} {self.rows.get(name, 0)}" for name in ("paragraphs", "sentences", "removed")
        )
        lines = [
            f"normalize: {self.n_articles} article(s) from {self.n_files} file(s) -> {self.out} ({counts})"
        ]
        other = {k: v for k, v in self.languages.items() if k != "en"}
        if other:
            listed = ", ".join(f"{k} {v}" for k, v in other.items())
            lines.append(f"  not English (kept, flagged in articles.language): {listed}")
        if self.skipped:
            lines.append(f"  skipped {self.n_skipped}:")
            lines += [f"    {path}: {reason}" for path, reason in self.skipped]
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class _Unit:
    """A unit of work: whole files (in path order), or a slice of the rows of a JSONL export."""

    index: int
    paths: tuple[str, ...] = ()
    export: str | None = None  # the JSONL export of a slice
    start: int = 0  # byte offsets of the slice: [start, stop)
    stop: int = 0
    first_row: int = 0  # row index (non-blank lines from 0) of the slice's first row
    first_line: int = 1  # line number of the slice's first line
    sha: str = ""  # the export file's sha256
    files_done: int = 1  # files this unit finishes (for the progress bar)
    part_size: int = 64  # articles per spill part


class _Made(NamedTuple):
    """An article a unit made: what the writer needs to keep it or not, and where its rows were spilled."""

    article_id: str
    source_path: str
    key: bytes  # sha256 of the text, case and spacing ignored (duplicates)
    language: str | None
    part: str
    pos: int
    source: str | None  # the outlet, case and spacing ignored (syndication: same text, another outlet)
    raw: tuple[str, int | None]  # raw_sha256 and source_row: the same bytes read twice


@dataclass(slots=True)
class _UnitResult:
    entries: list[_Made | Skipped]  # in reading order
    files_done: int
    parts: list[tuple[str, dict[str, pa.Table], dict[str, list[int]]]]  # spilled by the client (Dask only)


def _convert(item: Document | Skipped, path: str) -> _Rows | Skipped:
    """One document read → its rows, or why it is skipped (a failing or empty article)."""
    if isinstance(item, Skipped):
        return item
    try:
        rows = _article_rows(item)
    except Exception as exc:  # one bad article must not stop a corpus run
        logger.warning("normalize: %s failed: %s", item.source_path, exc, exc_info=True)
        return Skipped(
            item.source_path or path, f"normalization failed: {type(exc).__name__}: {exc}", item.article_id
        )
    if rows.article["n_paragraphs"] == 0:
        rules = Counter(r[3] for r in rows.removed)
        top = ", ".join(
            f"{rule} ×{n}" for rule, n in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
        )
        detail = f" ({len(rows.removed)} cut: {top})" if rules else ""
        return Skipped(
            item.source_path or path,
            f"no article text left after removing boilerplate{detail}",
            item.article_id,
        )
    return rows


def _file_items(path: str, root: str) -> Iterator[_Rows | Skipped]:
    """The articles of one raw file, in order (an export row by row); a reader failing on an odd file (csv,
    lxml, yaml …) ends the file with one ``skipped`` row — rows of an export read before the failure are kept."""
    items = read_path(Path(path), root=Path(root))
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except Exception as exc:  # a reader failing on an odd file must not stop the run
            logger.warning("normalize: cannot read %s: %s", path, exc, exc_info=True)
            rel = Path(path).relative_to(root).as_posix()
            yield Skipped(rel, f"cannot read the file: {type(exc).__name__}: {exc}")
            return
        yield _convert(item, path)


def _slice_items(unit: _Unit, root: str) -> Iterator[_Rows | Skipped]:
    """The rows of one slice of a JSONL export, read exactly as :func:`readers.read_path` reads the whole file."""
    assert unit.export is not None
    path = Path(unit.export)
    rel, stem = path.relative_to(root).as_posix(), path.stem
    try:
        with open(path, "rb") as handle:
            handle.seek(unit.start)
            data = handle.read(unit.stop - unit.start)
    except OSError as exc:
        yield Skipped(rel, f"cannot read the file: {exc.strerror or exc}")
        return
    for item in jsonl_documents(
        io.BytesIO(data),
        rel=rel,
        stem=stem,
        sha=unit.sha,
        first_line=unit.first_line,
        first_row=unit.first_row,
    ):
        yield item if isinstance(item, Skipped) else _convert(item, unit.export)


def _part_tables(rows: list[_Rows]) -> tuple[dict[str, pa.Table], dict[str, list[int]]]:
    """The tables of some articles (each article's rows in key order) and each article's row count per table."""
    removed = [sorted(r.removed, key=itemgetter(1)) for r in rows]  # stable: reading order within a line
    per_table = {
        "paragraphs": [r.paragraphs for r in rows],
        "sentences": [r.sentences for r in rows],
        "removed": removed,
    }
    tables = {"articles": _arrow("articles", [r.article for r in rows])}
    counts = {"articles": [1] * len(rows)}
    for name, lists in per_table.items():
        tables[name] = _arrow(name, [row for one in lists for row in one])
        counts[name] = [len(one) for one in lists]
    return tables, counts


def _write_part(spill: Path, part: str, tables: dict[str, pa.Table], counts: dict[str, list[int]]) -> None:
    """Spill the tables of a part: one Arrow IPC file per table, one record batch per article."""
    for name in _SPILLED:
        schema = SCHEMAS[name]
        table = tables[name].combine_chunks()
        batch = (
            table.to_batches()[0]
            if table.num_rows
            else pa.RecordBatch.from_arrays([pa.array([], f.type) for f in schema], schema=schema)
        )
        with pa.ipc.new_file(str(spill / f"{part}.{name}.arrow"), schema, options=_IPC_OPTIONS) as writer:
            offset = 0
            for n in counts[name]:
                writer.write_batch(batch.slice(offset, n))
                offset += n


def _run_unit(
    unit: _Unit, root: str, spill: Callable[[str, dict[str, pa.Table], dict[str, list[int]]], None]
) -> list[_Made | Skipped]:
    """Normalize the articles of ``unit``; spill their rows part by part; return what was made or skipped."""
    items = (
        _slice_items(unit, root)
        if unit.export is not None
        else (item for path in unit.paths for item in _file_items(path, root))
    )
    entries: list[_Made | Skipped] = []
    rows: list[_Rows] = []
    parts = 0

    def flush() -> None:
        nonlocal parts, rows
        if rows:
            tables, counts, failed = _part_tables_isolated(rows)
            if failed:  # an article whose rows Arrow refused: skipped, the others of the part kept
                name, reasons = part_name(), {id(r): reason for r, reason in failed}
                pos = 0
                for k, e in enumerate(entries):
                    if isinstance(e, _Made) and e.part == name:
                        r = rows[e.pos]
                        if id(r) in reasons:
                            entries[k] = Skipped(e.source_path, reasons[id(r)], e.article_id)
                        else:
                            entries[k] = e._replace(pos=pos)
                            pos += 1
                rows = [r for r in rows if id(r) not in reasons]
            if rows:
                spill(part_name(), tables, counts)
                parts += 1
            rows = []

    def part_name() -> str:
        return f"{unit.index:08d}-{parts:04d}"

    for item in items:
        if isinstance(item, Skipped):
            entries.append(item)
            continue
        entries.append(_made(item, part_name(), len(rows)))
        rows.append(item)
        if len(rows) >= unit.part_size:
            flush()
    flush()
    return entries


def _made(rows: _Rows, part: str, pos: int) -> _Made:
    art = rows.article
    source = " ".join(art["source"].casefold().split()) if art["source"] else None
    return _Made(
        art["article_id"], art["source_path"], _dedupe_key(art["text"]), art["language"], part, pos, source,
        (art["raw_sha256"], art["source_row"]),
    )  # fmt: skip


def _part_tables_isolated(
    rows: list[_Rows],
) -> tuple[dict[str, pa.Table], dict[str, list[int]], list[tuple[_Rows, str]]]:
    """:func:`_part_tables`, or — when Arrow refuses a value — those of the articles it accepts one by one."""
    try:
        return (*_part_tables(rows), [])
    except (pa.ArrowException, UnicodeError, TypeError, ValueError, OverflowError):
        pass
    good: list[_Rows] = []
    failed: list[tuple[_Rows, str]] = []
    for r in rows:
        try:
            _part_tables([r])
        except (pa.ArrowException, UnicodeError, TypeError, ValueError, OverflowError) as exc:
            logger.warning("normalize: %s cannot be written: %s", r.article["article_id"], exc, exc_info=True)
            failed.append((r, f"cannot write the article's rows: {type(exc).__name__}: {exc}"))
        else:
            good.append(r)
    tables, counts = _part_tables(good) if good else ({}, {})
    return tables, counts, failed


def _unit_local(unit: _Unit, shared: tuple[str, str]) -> _UnitResult:
    """A unit run in this machine's processes: the worker spills its rows itself."""
    root, spill = shared
    entries = _run_unit(
        unit, root, lambda part, tables, counts: _write_part(Path(spill), part, tables, counts)
    )
    return _UnitResult(entries, unit.files_done, [])


def _unit_remote(unit: _Unit, root: str) -> _UnitResult:
    """A unit run on a Dask worker: its rows travel back as Arrow tables, spilled by the client."""
    parts: list[tuple[str, dict[str, pa.Table], dict[str, list[int]]]] = []
    entries = _run_unit(unit, root, lambda part, tables, counts: parts.append((part, tables, counts)))
    return _UnitResult(entries, unit.files_done, parts)


def _warm(shared: Any = None) -> None:
    """Load what every article needs (Punkt, the language model) once per worker process."""
    normalize_text("Warm up. The tokenizer and the language model load now.")


def _jsonl_slices(path: Path, rows_per_unit: int) -> list[_Unit] | None:
    """Cut a JSONL export into slices of ``rows_per_unit`` rows (None: no rows, or unreadable: read it whole)."""
    digest = hashlib.sha256()
    starts: list[tuple[int, int, int]] = []  # (byte offset, line number, row index) where each slice begins
    offset = rows = 0
    try:
        with open(path, "rb") as handle:
            for line_no, raw_line in enumerate(handle, start=1):
                digest.update(raw_line)
                if raw_line.strip():
                    if rows % rows_per_unit == 0:
                        starts.append((offset, line_no, rows))
                    rows += 1
                offset += len(raw_line)
    except OSError:
        return None
    if not rows:
        return None
    sha = digest.hexdigest()
    ends = [s[0] for s in starts[1:]] + [offset]
    return [
        _Unit(0, export=str(path), start=start, stop=stop, first_row=row, first_line=line, sha=sha,
              files_done=int(k == len(starts) - 1), part_size=rows_per_unit)
        for k, ((start, line, row), stop) in enumerate(zip(starts, ends, strict=True))
    ]  # fmt: skip


def _plan(files: list[Path], unit_size: int) -> list[_Unit]:
    """Units of work in reading order: runs of up to ``unit_size`` files, each JSONL export cut into slices."""
    units: list[_Unit] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            units.append(_Unit(len(units), paths=tuple(run), files_done=len(run), part_size=unit_size))
            run.clear()

    for path in files:
        if SUPPORTED.get(path.suffix.lower()) == "jsonl":
            try:
                size = path.stat().st_size
            except OSError:
                size = 0
            slices = _jsonl_slices(path, unit_size) if 0 < size <= MAX_EXPORT_BYTES else None
            if slices is not None:
                flush()
                base = len(units)
                units.extend([replace(u, index=base + k) for k, u in enumerate(slices)])
                continue
        run.append(str(path))
        if len(run) >= unit_size:
            flush()
    flush()
    return units


class _PartReaders:
    """Random access to spilled articles: a few spill files kept open (least recently used closed first)."""

    def __init__(self, spill: Path, *, capacity: int = 256) -> None:
        self.spill = spill
        self.capacity = capacity
        self.open: OrderedDict[tuple[str, str], tuple[Any, Any]] = OrderedDict()

    def batch(self, part: str, name: str, pos: int) -> pa.RecordBatch:
        key = (part, name)
        entry = self.open.get(key)
        if entry is None:
            handle = pa.OSFile(str(self.spill / f"{part}.{name}.arrow"))
            entry = (handle, pa.ipc.open_file(handle))
            self.open[key] = entry
            if len(self.open) > self.capacity:
                self.open.popitem(last=False)[1][0].close()
        else:
            self.open.move_to_end(key)
        return entry[1].get_batch(pos)

    def close(self) -> None:
        for handle, _ in self.open.values():
            handle.close()
        self.open.clear()


def _check_writable(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-check.", dir=out)
        os.close(fd)
        Path(probe).unlink()
    except OSError as exc:
        raise TableWriteError(
            f"cannot write tables to {out}: {exc.strerror or exc}; choose a writable folder with --out"
        ) from exc


def _dedupe_key(text: str) -> bytes:
    return hashlib.sha256(" ".join(text.casefold().split()).encode("utf-8", "surrogatepass")).digest()


def normalize_folder(
    raw: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    strict: bool = False,
    jobs: int = 1,
    engine: Literal["local", "dask"] = "local",
    scheduler: str | None = None,
    batch_size: int | None = None,
) -> NormalizeSummary:
    """Normalize every article under ``raw``; write ``articles``, ``paragraphs``, ``sentences``, ``removed``,
    ``skipped`` as Parquet into ``out`` (each file atomically).

    Files whose name starts with a dot (and hidden folders) are ignored. Unsupported, empty, binary,
    undecodable, oversized and all-boilerplate files, duplicates and clashing article ids go to ``skipped``
    with a reason; the run goes on.

    The corpus streams through: files are read in units of :data:`UNIT_ARTICLES` files or JSONL rows (in worker
    processes with ``jobs`` > 1, or on Dask), each unit's rows are spilled to a temporary folder inside ``out``,
    and the tables are then written in article-id order, :data:`BATCH_ARTICLES` articles per Parquet row group.
    Memory holds one batch of articles and the ids and text hashes of the corpus (for duplicates), never the
    corpus. The tables' bytes depend on the input and ``batch_size`` only — not on ``jobs`` or ``engine``.

    Args:
        raw: the folder of raw articles (read only).
        out: the folder for the tables (created if needed).
        strict: raise :class:`~tiktok_study.errors.RunError` after writing when any file or row was skipped.
        jobs: worker processes (``engine="local"``), or workers of the local Dask cluster started when
            ``engine="dask"`` has no ``scheduler``.
        engine: ``"local"`` or ``"dask"`` (see :mod:`tiktok_study.engines`; with Dask the workers read the raw
            files at the same paths, and this process writes the tables).
        scheduler: address of a running Dask scheduler (``engine="dask"``).
        batch_size: articles per row group (default :data:`BATCH_ARTICLES`).

    Raises:
        UsageError: ``raw`` is missing or not a folder, ``out`` lies inside ``raw``, ``jobs`` < 1, an unknown
            engine, an unreachable scheduler.
        TableWriteError: ``out`` cannot be written (checked before any work; nothing is half-written).
        RunError: ``strict`` and something was skipped; a worker process died.
    """
    raw_dir, out_dir = Path(raw), Path(out)
    batch = BATCH_ARTICLES if batch_size is None else batch_size
    check_engine(engine, jobs, scheduler)
    if batch < 1:
        raise UsageError(f"batch_size must be 1 or more, got {batch}")
    if not raw_dir.exists():
        raise UsageError(f"the raw folder {raw_dir} does not exist; pass the folder of articles with --raw")
    if not raw_dir.is_dir():
        raise UsageError(f"--raw {raw_dir} is not a folder; pass the folder of articles with --raw")
    if out_dir.resolve() == raw_dir.resolve() or raw_dir.resolve() in out_dir.resolve().parents:
        raise UsageError(
            f"--out {out_dir} lies inside the raw folder {raw_dir}, which is never written; choose another"
        )
    _check_writable(out_dir)

    root = raw_dir.absolute()  # workers (Dask: on other machines) get absolute paths
    files, unlisted = scan_raw(root)
    units = _plan(files, UNIT_ARTICLES)
    workers = max(1, min(jobs, os.cpu_count() or 1, len(units) or 1)) if engine == "local" else jobs
    logger.info("normalize: %d file(s) under %s in %d unit(s), %s engine, %d worker(s)",
                len(files), raw_dir, len(units), engine, workers)  # fmt: skip
    remove_stale(out_dir)
    spill = spill_folder(out_dir)
    try:
        kept, skipped, languages = _read_units(
            units, root, spill, n_files=len(files), jobs=workers, engine=engine, scheduler=scheduler
        )
        skipped = sorted([*unlisted, *skipped], key=itemgetter(0))  # stable: reading order within a path
        summary = NormalizeSummary(out_dir, n_files=len(files), n_articles=len(kept))
        summary.rows = _write_tables(kept, skipped, spill, out_dir, batch=batch)
    finally:
        shutil.rmtree(spill, ignore_errors=True)
    # analysis tables of an earlier run no longer describe these articles: remove them (analyze rewrites them)
    for name in (*ANALYSIS_TABLES, "excluded"):
        stale = out_dir / f"{name}.parquet"
        if stale.is_file():
            stale.unlink()
            logger.info("removed stale analysis table %s", stale)
    summary.skipped = [_encodable_skip(s)[:2] for s in skipped]
    summary.languages = dict(sorted(languages.items()))
    logger.info("%s", summary)
    if strict and summary.n_skipped:
        raise RunError(f"--strict: {summary.n_skipped} file(s) or row(s) skipped\n{summary}")
    return summary


def _read_units(
    units: list[_Unit],
    raw_dir: Path,
    spill: Path,
    *,
    n_files: int,
    jobs: int,
    engine: Literal["local", "dask"],
    scheduler: str | None,
) -> tuple[list[_Kept], list[Skipped], Counter[str]]:
    """Run every unit; keep each article unless its id is taken or its text seen (first in reading order wins).

    Returns the kept articles as ``(article_id, part, position)`` in article-id order, the skipped files and
    rows in ``source_path`` order (reading order within a path), and the languages of the kept articles.
    """  # fmt: skip
    from tqdm.auto import tqdm

    kept: list[_Kept] = []
    skipped: list[Skipped] = []
    by_id: dict[str, str] = {}
    by_text: dict[bytes, list[tuple[str | None, str]]] = {}  # text key -> (source, id) of the kept articles
    by_raw: dict[tuple[str, int | None], str] = {}
    languages: Counter[str] = Counter()
    bar = tqdm(
        total=n_files, desc="normalize", unit="file", file=sys.stderr,
        disable=n_files <= PROGRESS_MIN_FILES or not sys.stderr.isatty(),
    )  # fmt: skip
    remote = engine == "dask"
    shared: Any = str(raw_dir) if remote else (str(raw_dir), str(spill))
    with bar, executor(engine=engine, jobs=jobs, scheduler=scheduler, shared=shared, warm=_warm) as ex:
        for result in ex.map(_unit_remote if remote else _unit_local, units):
            for part, tables, counts in result.parts:
                _write_part(spill, part, tables, counts)
            for item in result.entries:
                if isinstance(item, Skipped):
                    skipped.append(item)
                    continue
                aid, path = item.article_id, item.source_path
                if aid in by_id:
                    skipped.append(
                        Skipped(
                            path, f"article id {aid!r} is already used by {by_id[aid]}; rename one file", aid
                        )
                    )
                    continue
                reason, duplicate_of = _duplicate(item, by_raw, by_text)
                if reason is not None:
                    skipped.append(Skipped(path, reason, aid))
                    continue
                by_id[aid] = path
                by_raw.setdefault(item.raw, aid)
                by_text.setdefault(item.key, []).append((item.source, aid))
                kept.append(_Kept(aid, item.part, item.pos, duplicate_of))
                if item.language is not None:
                    languages[item.language] += 1
            bar.update(result.files_done)
    kept.sort(key=itemgetter(0))
    skipped.sort(key=itemgetter(0))  # stable: reading order within a path
    return kept, skipped, languages


class _Kept(NamedTuple):
    """An article kept: where its rows were spilled, and the article it repeats (syndication) if any."""

    article_id: str
    part: str
    pos: int
    duplicate_of: str | None


def _encodable_skip(item: Skipped) -> tuple[str, str, str | None]:
    """A ``skipped`` row UTF-8 can encode (an undecodable file name, a surrogate in a message: U+FFFD)."""
    path, bad_path = repair_text(item.source_path)
    reason, _ = repair_text(item.reason)
    aid = repair_text(item.article_id)[0] if item.article_id is not None else None
    if bad_path:
        reason += f" ({BAD_NAME}: undecodable bytes shown as U+FFFD)"
    return path, reason, aid


def _duplicate(
    item: _Made, by_raw: dict[tuple[str, int | None], str], by_text: dict[bytes, list[tuple[str | None, str]]]
) -> tuple[str | None, str | None]:
    """Why ``item`` is skipped as a duplicate (None: kept), and the article it repeats when kept (syndication).

    A byte-identical file (or the same row of an identical export) and the same text from the same source (or
    from an unknown one) are skipped; the same text from another outlet — a wire story two outlets ran — is
    kept, with ``duplicate_of`` naming the first article in reading order.
    """
    first = by_raw.get(item.raw)
    if first is not None:
        return f"duplicate of article {first!r} (byte-identical file)", None
    earlier = by_text.get(item.key)
    if not earlier:
        return None, None
    if item.source is None or any(source is None or source == item.source for source, _ in earlier):
        same = next(
            (aid for source, aid in earlier if source is None or source == item.source), earlier[0][1]
        )
        return f"duplicate of article {same!r} (same text after normalization)", None
    return None, earlier[0][1]


def _write_tables(
    kept: list[_Kept], skipped: list[Skipped], spill: Path, out_dir: Path, *, batch: int
) -> dict[str, int]:
    """Write the tables from the spilled parts: articles in id order, ``batch`` articles per row group."""
    writers: dict[str, TableWriter] = {}
    readers = _PartReaders(spill)
    try:
        for name in (*_SPILLED, "skipped"):
            writers[name] = TableWriter(out_dir / f"{name}.parquet", SCHEMAS[name])
        for b in range(0, len(kept), batch):
            chunk = kept[b : b + batch]
            for name in _SPILLED:
                parts = [readers.batch(part, name, pos) for _, part, pos, _ in chunk]
                table = pa.Table.from_batches(parts, schema=SCHEMAS[name])
                if name == "articles":
                    column = SCHEMAS[name].get_field_index("duplicate_of")
                    dups = pa.array([dup for *_, dup in chunk], type=_STR)
                    table = table.set_column(column, SCHEMAS[name].field(column), dups)
                writers[name].write(table)
        writers["skipped"].write(_arrow("skipped", [_encodable_skip(s) for s in skipped]))
    except BaseException:
        for writer in writers.values():
            writer.abort()
        raise
    finally:
        readers.close()
    for writer in writers.values():
        writer.close()
    return {name: writer.rows for name, writer in writers.items()}
