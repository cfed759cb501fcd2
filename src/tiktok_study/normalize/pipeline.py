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
files, and ``jobs > 1`` (a process pool) gives the same bytes as ``jobs=1``. A duplicate article (same text
after normalization, case and spacing ignored) is kept once — the first in path order — and the later one is
listed in ``skipped`` with the id it duplicates. The raw folder is only read.

Example:
    >>> t = normalize_text("Markets Slide\\n\\nBy Jane Doe\\n\\nShares fell on Monday. Investors fled.")
    >>> t.articles[["title", "authors", "n_paragraphs", "n_sentences"]].values.tolist()
    [['Markets Slide', ['Jane Doe'], 1, 2]]
    >>> t.sentences["text"].tolist(), t.removed["rule"].tolist()
    (['Shares fell on Monday.', 'Investors fled.'], ['metadata:title', 'metadata:byline'])
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import pyarrow as pa

from tiktok_study.corpus import ANALYSIS_TABLES
from tiktok_study.errors import NotBuiltYet, RunError, UsageError
from tiktok_study.io import TableWriteError, write_table
from tiktok_study.normalize import metadata as md
from tiktok_study.normalize.article import assemble
from tiktok_study.normalize.readers import Document, Skipped, iter_raw_files, read_path, text_document
from tiktok_study.normalize.structure import layout
from tiktok_study.schema import tidy

__all__ = [
    "LANGUAGE_PREFIX",
    "SCHEMAS",
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
        ("source_row", _INT),
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
        }
    )
    aid = doc.article_id
    rows.paragraphs = [
        (aid, p, kind, ptext, start, end, no)
        for p, ((kind, ptext, no), (start, end)) in enumerate(zip(art.paragraphs, spans, strict=True))
    ]
    rows.sentences = [(aid, p, s, text[a:b], a, b) for s, (p, a, b) in enumerate(sentences)]
    rows.removed = [(aid, no, cut, rule) for no, cut, rule in art.removed]
    return rows


def _frame(
    name: str, records: list[tuple[Any, ...]] | list[dict[str, Any]], *, on_disk: bool, ordered: bool = False
) -> pd.DataFrame:
    schema = SCHEMAS[name]
    if not on_disk:
        return _memory_frame(name, records, ordered=ordered)
    if records and isinstance(records[0], dict):
        table = pa.Table.from_pylist(records, schema=schema)  # type: ignore[arg-type]
    else:
        columns = list(zip(*records, strict=True)) if records else [[] for _ in schema.names]
        table = pa.Table.from_arrays(
            [pa.array(list(col), type=f.type) for col, f in zip(columns, schema, strict=True)], schema=schema
        )
    # Arrow-backed columns keep the schema exactly when written (an all-null column stays a string column).
    df = table.to_pandas(types_mapper=pd.ArrowDtype)
    return df if ordered else tidy(df, name)


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


def _tables(results: list[_Rows], *, on_disk: bool = False) -> dict[str, pd.DataFrame]:
    one = len(results) == 1
    return {
        "articles": _frame("articles", [r.article for r in results], on_disk=on_disk, ordered=one),
        "paragraphs": _frame(
            "paragraphs", [row for r in results for row in r.paragraphs], on_disk=on_disk, ordered=one
        ),
        "sentences": _frame(
            "sentences", [row for r in results for row in r.sentences], on_disk=on_disk, ordered=one
        ),
        "removed": _frame(
            "removed", [row for r in results for row in r.removed], on_disk=on_disk, ordered=one
        ),
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


def _process_file(args: tuple[str, str]) -> list[_Rows | Skipped]:
    path, root = args
    out: list[_Rows | Skipped] = []
    try:
        items = list(read_path(Path(path), root=Path(root)))
    except Exception as exc:  # a reader failing on an odd file (csv, lxml, yaml …) must not stop the run
        logger.warning("normalize: cannot read %s: %s", path, exc, exc_info=True)
        rel = Path(path).relative_to(root).as_posix()
        return [Skipped(rel, f"cannot read the file: {type(exc).__name__}: {exc}")]
    for item in items:
        if isinstance(item, Skipped):
            out.append(item)
            continue
        try:
            rows = _article_rows(item)
        except Exception as exc:  # one bad article must not stop a corpus run
            logger.warning("normalize: %s failed: %s", item.source_path, exc, exc_info=True)
            out.append(
                Skipped(
                    item.source_path or path,
                    f"normalization failed: {type(exc).__name__}: {exc}",
                    item.article_id,
                )
            )
            continue
        if rows.article["n_paragraphs"] == 0:
            rules = Counter(r[3] for r in rows.removed)
            top = ", ".join(
                f"{rule} ×{n}" for rule, n in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
            )
            detail = f" ({len(rows.removed)} cut: {top})" if rules else ""
            out.append(
                Skipped(
                    item.source_path or path,
                    f"no article text left after removing boilerplate{detail}",
                    item.article_id,
                )
            )
            continue
        out.append(rows)
    return out


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


def _dedupe_key(text: str) -> str:
    return hashlib.sha256(" ".join(text.casefold().split()).encode("utf-8", "surrogatepass")).hexdigest()


def normalize_folder(
    raw: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    strict: bool = False,
    jobs: int = 1,
    engine: Literal["local", "dask"] = "local",
    scheduler: str | None = None,
) -> NormalizeSummary:
    """Normalize every article under ``raw``; write ``articles``, ``paragraphs``, ``sentences``, ``removed``,
    ``skipped`` as Parquet into ``out`` (each file atomically).

    Files whose name starts with a dot (and hidden folders) are ignored. Unsupported, empty, binary,
    undecodable, oversized and all-boilerplate files, duplicates and clashing article ids go to ``skipped``
    with a reason; the run goes on.

    Args:
        raw: the folder of raw articles (read only).
        out: the folder for the tables (created if needed).
        strict: raise :class:`~tiktok_study.errors.RunError` after writing when any file or row was skipped.
        jobs: worker processes (results are byte-identical to ``jobs=1``).
        engine: ``"local"``; ``"dask"`` comes with issue #8.
        scheduler: Dask scheduler address (with ``engine="dask"``).

    Raises:
        UsageError: ``raw`` is missing or not a folder, ``out`` lies inside ``raw``, ``jobs`` < 1.
        TableWriteError: ``out`` cannot be written (checked before any work; nothing is half-written).
        NotBuiltYet: ``engine="dask"``.
        RunError: ``strict`` and something was skipped.
    """
    raw_dir, out_dir = Path(raw), Path(out)
    if engine == "dask":
        raise NotBuiltYet(f"--engine dask (scheduler {scheduler or 'local'}) is not built yet (issue #8)")
    if engine != "local":
        raise UsageError(f"unknown engine {engine!r}; choose local or dask")
    if jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, got {jobs}")
    if not raw_dir.exists():
        raise UsageError(f"the raw folder {raw_dir} does not exist; pass the folder of articles with --raw")
    if not raw_dir.is_dir():
        raise UsageError(f"--raw {raw_dir} is not a folder; pass the folder of articles with --raw")
    if out_dir.resolve() == raw_dir.resolve() or raw_dir.resolve() in out_dir.resolve().parents:
        raise UsageError(
            f"--out {out_dir} lies inside the raw folder {raw_dir}, which is never written; choose another"
        )
    _check_writable(out_dir)

    files = iter_raw_files(raw_dir)
    workers = max(1, min(jobs, os.cpu_count() or 1, len(files) or 1))
    logger.info("normalize: %d file(s) under %s, %d worker(s)", len(files), raw_dir, workers)
    args = [(str(p), str(raw_dir)) for p in files]
    from tqdm.auto import tqdm

    bar = tqdm(
        total=len(files), desc="normalize", unit="file", file=sys.stderr,
        disable=len(files) <= PROGRESS_MIN_FILES or not sys.stderr.isatty(),
    )  # fmt: skip
    outcomes: list[list[_Rows | Skipped]] = []
    with bar:
        if workers == 1:
            for a in args:
                outcomes.append(_process_file(a))
                bar.update()
        else:
            chunk = max(1, min(64, len(args) // (workers * 8) or 1))
            with ProcessPoolExecutor(max_workers=workers) as pool:
                for result in pool.map(_process_file, args, chunksize=chunk):
                    outcomes.append(result)
                    bar.update()

    kept: list[_Rows] = []
    skipped: list[Skipped] = []
    by_id: dict[str, str] = {}
    by_text: dict[str, str] = {}
    for items in outcomes:
        for item in items:
            if isinstance(item, Skipped):
                skipped.append(item)
                continue
            aid, path = item.article["article_id"], item.article["source_path"]
            if aid in by_id:
                skipped.append(
                    Skipped(path, f"article id {aid!r} is already used by {by_id[aid]}; rename one file", aid)
                )
                continue
            key = _dedupe_key(item.article["text"])
            if key in by_text:
                skipped.append(
                    Skipped(
                        path, f"duplicate of article {by_text[key]!r} (same text after normalization)", aid
                    )
                )
                continue
            by_id[aid] = path
            by_text[key] = aid
            kept.append(item)

    tables = _tables(kept, on_disk=True)
    tables["skipped"] = _frame("skipped", [tuple(s) for s in skipped], on_disk=True)
    summary = NormalizeSummary(out_dir, n_files=len(files), n_articles=len(kept))
    for name, df in tables.items():
        write_table(df, out_dir / f"{name}.parquet")
        summary.rows[name] = len(df)
    # analysis tables of an earlier run no longer describe these articles: remove them (analyze rewrites them)
    for name in (*ANALYSIS_TABLES, "excluded"):
        stale = out_dir / f"{name}.parquet"
        if stale.is_file():
            stale.unlink()
            logger.info("removed stale analysis table %s", stale)
    ordered = tables["skipped"]
    summary.skipped = list(zip(ordered["source_path"].tolist(), ordered["reason"].tolist(), strict=True))
    languages = Counter(
        str(x) for x in tables["articles"]["language"].tolist() if x is not None and not pd.isna(x)
    )
    summary.languages = dict(sorted(languages.items()))
    logger.info("%s", summary)
    if strict and summary.n_skipped:
        raise RunError(f"--strict: {summary.n_skipped} file(s) or row(s) skipped\n{summary}")
    return summary
