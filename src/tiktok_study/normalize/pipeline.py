"""``normalize_text`` (one text) and ``normalize_folder`` (a raw folder → Parquet tables).

Both give the tables of docs/contract.md — ``articles``, ``paragraphs``, ``sentences``, ``removed`` (and
``skipped`` for a folder) — with the contract's columns first, in its order, rows sorted by its keys, and a few
extra columns after:

* ``articles``: ``n_headings``, ``n_removed`` (lines or parts of lines cut), ``dateline``, ``url``,
  ``paywalled``, ``language_score`` (py3langid's probability), ``format`` (txt, md, html, jsonl, csv, json,
  docx, lexisnexis, nexis-uni, text), ``encoding``, ``source_row`` (article of an export, from 0),
  ``stated_words`` (the length a database export states), ``duplicate_of`` (syndication, below) and
  ``repaired`` (what was repaired: an undecodable file name, lone surrogates, a metadata value cut to
  :data:`.safety.META_LIMITS`). ``n_paragraphs`` counts body paragraphs (headings are
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
files, and ``jobs > 1`` (a process pool) or ``engine="dask"`` gives the same bytes as ``jobs=1``. Duplicates
are decided in reading order (path order, then row order within an export): a byte-identical file (or the same
row of an identical export) and the same text (after normalization, case and spacing ignored) from the same
``source`` — or where either source is unknown — are listed in ``skipped`` with the id they duplicate; the
same text from another outlet (a wire story two outlets ran) is kept, its ``duplicate_of`` naming the first.
A later article whose id is already taken is skipped too. The raw folder is only read; a link out of it is
not followed.

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
import logging
import os
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any, Literal, NamedTuple

import pyarrow as pa

from tiktok_study import generation
from tiktok_study.corpus import ANALYSIS_TABLES
from tiktok_study.engines import check_engine, executor
from tiktok_study.errors import RunError, UsageError
from tiktok_study.io import BATCH_ARTICLES, TableWriteError, TableWriter
from tiktok_study.normalize import metadata as md
from tiktok_study.normalize.feeds import plain_value
from tiktok_study.normalize.readers import BAD_NAME, Document, Skipped, repair_text, scan_raw, text_document
from tiktok_study.normalize.rows import (
    LANGUAGE_PREFIX,
    SCHEMAS,
    SPILLED,
    Tables,
    arrow_table,
    article_rows,
    detect_language,
    memory_tables,
)
from tiktok_study.normalize.safety import remove_stale, spill_folder, terminate_as_exit
from tiktok_study.normalize.units import (
    UNIT_ARTICLES,
    Made,
    PartReaders,
    Unit,
    plan_units,
    run_local,
    run_remote,
    warm,
    write_part,
)

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

#: A folder of more files than this gets a progress bar (on a terminal).
PROGRESS_MIN_FILES = 5
#: Articles per Parquet row group of the tables written by :func:`normalize_folder` (and per batch of the final


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
        given.update(md.from_mapping({k: plain_value(v) for k, v in metadata.items() if v is not None}))
    sha = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()
    doc = Document(article_id, source_path, sha, "text", None, lines, given)
    return Tables(**memory_tables([article_rows(doc)]))


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
    n_syndicated: int = 0  # articles kept with a duplicate_of (the same text from another outlet)

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
        if self.n_syndicated:
            lines.append(
                f"  same text from another outlet (kept, marked in articles.duplicate_of): {self.n_syndicated}"
            )
        if self.skipped:
            lines.append(f"  skipped {self.n_skipped}:")
            lines += [f"    {path}: {reason}" for path, reason in self.skipped]
        return "\n".join(lines)


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
    undecodable, oversized and all-boilerplate files, duplicates and clashing article ids, links out of ``raw``,
    unreadable files and folders go to ``skipped`` with a reason, and so does any article that fails to be
    read, cleaned or written; the run goes on.

    The corpus streams through: files are read in units of :data:`UNIT_ARTICLES` files or JSONL rows (in worker
    processes with ``jobs`` > 1, or on Dask), each unit's rows are spilled to a temporary folder inside ``out``
    (named for this process; removed on exit and SIGTERM, and by the next run if this one is killed), and the
    tables are then written in article-id order, :data:`BATCH_ARTICLES` articles per Parquet row group.
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
    units = plan_units(files, UNIT_ARTICLES)
    workers = max(1, min(jobs, os.cpu_count() or 1, len(units) or 1)) if engine == "local" else jobs
    logger.info("normalize: %d file(s) under %s in %d unit(s), %s engine, %d worker(s)",
                len(files), raw_dir, len(units), engine, workers)  # fmt: skip
    with generation.writing(out_dir, "normalize") as run:  # one writer at a time; a record of what it wrote
        remove_stale(out_dir)
        with terminate_as_exit():  # SIGTERM too removes the spill folder
            spill = spill_folder(out_dir)
            try:
                kept, skipped, languages = _read_units(
                    units, root, spill, n_files=len(files), jobs=workers, engine=engine, scheduler=scheduler
                )
                skipped = sorted(
                    [*unlisted, *skipped], key=itemgetter(0)
                )  # stable: reading order within a path
                summary = NormalizeSummary(out_dir, n_files=len(files), n_articles=len(kept))
                summary.n_syndicated = sum(k.duplicate_of is not None for k in kept)
                run.start()  # from here a killed run leaves the folder marked unfinished (load_corpus refuses it)
                summary.rows = _write_tables(kept, skipped, spill, out_dir, batch=batch)
                run.wrote(*summary.rows)
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
    units: list[Unit],
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
    with bar, executor(engine=engine, jobs=jobs, scheduler=scheduler, shared=shared, warm=warm) as ex:
        for result in ex.map(run_remote if remote else run_local, units):
            for part, tables, counts in result.parts:
                write_part(spill, part, tables, counts)
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
    item: Made, by_raw: dict[tuple[str, int | None], str], by_text: dict[bytes, list[tuple[str | None, str]]]
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
    readers = PartReaders(spill)
    try:
        for name in (*SPILLED, "skipped"):
            writers[name] = TableWriter(out_dir / f"{name}.parquet", SCHEMAS[name])
        for b in range(0, len(kept), batch):
            chunk = kept[b : b + batch]
            for name in SPILLED:
                parts = [readers.batch(part, name, pos) for _, part, pos, _ in chunk]
                table = pa.Table.from_batches(parts, schema=SCHEMAS[name])
                if name == "articles":
                    column = SCHEMAS[name].get_field_index("duplicate_of")
                    dups = pa.array([dup for *_, dup in chunk], type=pa.string())
                    table = table.set_column(column, SCHEMAS[name].field(column), dups)
                writers[name].write(table)
        writers["skipped"].write(arrow_table("skipped", [_encodable_skip(s) for s in skipped]))
    except BaseException:
        for writer in writers.values():
            writer.abort()
        raise
    finally:
        readers.close()
    for writer in writers.values():
        writer.close()
    return {name: writer.rows for name, writer in writers.items()}
