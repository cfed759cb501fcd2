"""One article's rows: the Arrow schemas of the tables, and a :class:`~.readers.Document` turned into rows.

:func:`article_rows` assembles a document (:mod:`.article`), lays out its paragraphs and sentences
(:mod:`.structure`), detects its language, and bounds and repairs its metadata (:mod:`.safety`); the rows are plain
Python values, cheap to send between processes. :data:`SCHEMAS` gives the fixed Arrow types of every table
written (a column empty in one corpus keeps its type); :class:`Tables` holds them as pandas DataFrames.

Example:
    >>> detect_language("Die Bundesregierung prüft ein Verbot der App.")[0]
    'de'
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pyarrow as pa

from tiktok_study.normalize.article import assemble
from tiktok_study.normalize.readers import Document
from tiktok_study.normalize.safety import bound_metadata, repair_rows
from tiktok_study.normalize.structure import layout
from tiktok_study.normalize.words import body_word_count
from tiktok_study.schema import SCHEMAS as ALL_SCHEMAS
from tiktok_study.schema import tidy

__all__ = [
    "IPC_OPTIONS",
    "LANGUAGE_PREFIX",
    "SCHEMAS",
    "SPILLED",
    "Rows",
    "Tables",
    "arrow_table",
    "article_rows",
    "detect_language",
    "memory_tables",
]

logger = logging.getLogger(__name__)

#: Characters of an article's text that language detection reads.
LANGUAGE_PREFIX = 1500

#: Arrow schema of every normalized table (one definition: :data:`tiktok_study.schema.SCHEMAS`).
SCHEMAS: dict[str, pa.Schema] = {
    name: ALL_SCHEMAS[name] for name in ("articles", "paragraphs", "sentences", "removed", "skipped")
}
SPILLED = ("articles", "paragraphs", "sentences", "removed")  # the tables built article by article
# uncompressed: a record batch per article is read back ~7x faster than with lz4, for ~15% more temporary disk
IPC_OPTIONS = pa.ipc.IpcWriteOptions(compression=None)


@dataclass(frozen=True, slots=True)
class Tables:
    """The normalized tables of one or more articles (pandas DataFrames, contract columns first)."""

    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    removed: pd.DataFrame


@dataclass(slots=True)
class Rows:
    """The rows of one article, as plain Python values (cheap to pickle between processes)."""

    article: dict[str, Any]
    paragraphs: list[tuple[Any, ...]] = field(default_factory=list)
    sentences: list[tuple[Any, ...]] = field(default_factory=list)
    removed: list[tuple[Any, ...]] = field(default_factory=list)


def detect_language(text: str) -> tuple[str | None, float | None]:
    """ISO 639-1 code and probability of ``text`` (its first :data:`LANGUAGE_PREFIX` characters).

    Example:
        >>> detect_language("Die Bundesregierung prüft ein Verbot der App.")[0]
        'de'
    """
    sample = text[:LANGUAGE_PREFIX]
    if not any(ch.isalpha() for ch in sample):
        return None, None
    from tiktok_study.normalize.language import fast_identifier  # numpy and the model: loaded when first used

    code, prob = fast_identifier().classify(sample)
    score = round(float(prob), 4)
    if len(code) != 2:
        return None, score
    return code, score


def article_rows(doc: Document) -> Rows:
    art = assemble(doc.lines, doc.given)
    paragraphs = [(kind, text) for kind, text, _ in art.paragraphs]
    text, spans, sentences = layout(paragraphs)
    sample = text if len(text) >= 200 or not art.title else f"{art.title}\n\n{text}"
    language, score = detect_language(sample)
    body = [p for p, (kind, _) in enumerate(paragraphs) if kind == "body"]
    rows = Rows(
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
            "n_words": sum(body_word_count(paragraphs[p][1]) for p in body),
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
        rows = Rows(article, tables["paragraphs"], tables["sentences"], tables["removed"])
    if notes:
        rows.article["repaired"] = "; ".join(dict.fromkeys(notes))
        logger.warning("normalize: %s: %s", rows.article["article_id"], rows.article["repaired"])
    return rows


def arrow_table(name: str, records: list[tuple[Any, ...]] | list[dict[str, Any]]) -> pa.Table:
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


def memory_tables(results: list[Rows]) -> dict[str, pd.DataFrame]:
    one = len(results) == 1
    return {
        "articles": _memory_frame("articles", [r.article for r in results], ordered=one),
        "paragraphs": _memory_frame(
            "paragraphs", [row for r in results for row in r.paragraphs], ordered=one
        ),
        "sentences": _memory_frame("sentences", [row for r in results for row in r.sentences], ordered=one),
        "removed": _memory_frame("removed", [row for r in results for row in r.removed], ordered=one),
    }
