"""``tiktok-study analyze``: the normalized tables in, the analysis tables out.

English-only measurements (VADER sentiment, the English codebook, statistics and quotation patterns) run on the
articles whose detected language is English; the others are listed in the ``excluded`` table with the reason.

:func:`analyze_folder` streams the corpus by batches of articles, so memory holds one batch, never the corpus.
The article ids come from ``articles.parquet`` in code-point order (the order normalize writes, see
:mod:`tiktok_study.normalize.pipeline`); each run of :data:`BATCH_ARTICLES` consecutive ids — cut into smaller
pieces when several workers share a run — is read from ``articles``, ``paragraphs`` and ``sentences`` with a
filter on the id range (Parquet row-group statistics skip the other row groups), analysed, and appended to each
analysis table as one row group. Every table has the fixed Arrow schema of :data:`SCHEMAS` (a column that is
empty in one batch keeps its type) and rows sorted by :data:`tiktok_study.schema.SORT_KEYS`, so the files are
byte-identical whatever ``jobs`` and the engine (:mod:`tiktok_study.engines`).

Example:
    >>> from tiktok_study.normalize import normalize_text
    >>> t = normalize_text("Headline\\n\\nTikTok faces a ban, officials said. Users are angry.", article_id="a")
    >>> out = analyze_tables({"articles": t.articles, "paragraphs": t.paragraphs, "sentences": t.sentences})
    >>> sorted(out)
    ['actors', 'article_frames', 'excluded', 'frames', 'quotes', 'sentiment', 'statistics']
    >>> to_arrow(out["sentiment"], "sentiment").schema == SCHEMAS["sentiment"]
    True
"""

from __future__ import annotations

import bisect
import gc
import logging
import math
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from tiktok_study import generation
from tiktok_study.errors import UsageError
from tiktok_study.io import BATCH_ARTICLES, TableWriter
from tiktok_study.schema import COLUMNS, SchemaError, require_columns
from tiktok_study.schema import SCHEMAS as ALL_SCHEMAS

__all__ = [
    "ANALYSIS_LANGUAGE",
    "BATCH_ARTICLES",
    "SCHEMAS",
    "AnalyzeSummary",
    "analyze_folder",
    "analyze_tables",
    "to_arrow",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

ANALYSIS_LANGUAGE = "en"
OUTPUTS = ("sentiment", "actors", "frames", "article_frames", "statistics", "quotes")
TABLES = (*OUTPUTS, "excluded")
INPUTS = ("articles", "paragraphs", "sentences")
#: A piece of work handed to a worker has at least this many articles (unless the corpus is smaller).
MIN_PIECE_ARTICLES = 25
#: While a piece is analysed, the cyclic garbage collector's youngest generation waits for this many new
#: container objects (Python's default is 700): the analyses make hundreds of thousands of short-lived tuples
#: and lists, and no reference cycles worth collecting early; with the default the collector ran 1,322 times
#: (0.30 s) on the 2,000-article bench corpus, with this value 3 times (0.02 s).
GC_YOUNG_THRESHOLD = 100_000

#: Arrow schema of every analysis table written (one definition: :data:`tiktok_study.schema.SCHEMAS`).
SCHEMAS: dict[str, pa.Schema] = {name: ALL_SCHEMAS[name] for name in TABLES}


def analyze_tables(
    tables: dict[str, pd.DataFrame],
    *,
    codebook: Any = None,
    actors: Any = None,
) -> dict[str, pd.DataFrame]:
    """Run every analysis on in-memory normalized tables; return the analysis tables (tidy, sorted: each analysis
    function returns its table through :func:`tiktok_study.schema.tidy`)."""
    from tiktok_study.actors import find_actors, load_actors
    from tiktok_study.codebook import as_codebook
    from tiktok_study.frames import frame_profile
    from tiktok_study.quotes import quotes_table
    from tiktok_study.sentiment import score_sentiment
    from tiktok_study.statistics import statistics_table

    articles, paragraphs, sentences = tables["articles"], tables["paragraphs"], tables["sentences"]
    require_columns(articles, "articles", where="analyze")
    require_columns(paragraphs, "paragraphs", where="analyze")
    require_columns(sentences, "sentences", where="analyze")
    english = articles["language"] == ANALYSIS_LANGUAGE
    excluded = pd.DataFrame(
        {
            "article_id": pd.Series(articles.loc[~english, "article_id"].tolist(), dtype=object),
            "reason": pd.Series(
                [
                    f"language {lang!r}: the sentiment lexicon, codebook and patterns are English-only"
                    for lang in articles.loc[~english, "language"]
                ],
                dtype=object,
            ),
        },
        columns=["article_id", "reason"],
    )
    keep = set(articles.loc[english, "article_id"])
    articles = articles[articles["article_id"].isin(keep)]
    paragraphs = paragraphs[paragraphs["article_id"].isin(keep)]
    sentences = sentences[sentences["article_id"].isin(keep)]

    cb = codebook if codebook is not None and not isinstance(codebook, str | Path) else as_codebook(codebook)
    actor_list = actors if isinstance(actors, list) else load_actors(actors)
    frames, article_frames = frame_profile(paragraphs, codebook=cb)
    out = {
        "sentiment": score_sentiment(sentences),
        "actors": find_actors(sentences, actors=actor_list),
        "frames": frames,
        "article_frames": article_frames,
        "statistics": statistics_table(sentences),
        "quotes": quotes_table(articles, paragraphs, sentences=sentences),
    }
    # each analysis returns its table tidy (schema.tidy: columns, then rows in key order); a second pass costs a
    # check of every row's key for nothing
    out["excluded"] = excluded.sort_values("article_id", kind="mergesort").reset_index(drop=True)
    return out


def to_arrow(df: pd.DataFrame, table: str) -> pa.Table:
    """``df`` as an Arrow table with the fixed schema of the analysis table ``table`` (:data:`SCHEMAS`).

    Raises:
        SchemaError: ``df`` lacks a column of the schema or has one the schema does not know (both named; a new
            column of an analysis module needs its Arrow type in :data:`SCHEMAS`).
    """
    schema = SCHEMAS[table]
    missing = [c for c in schema.names if c not in df.columns]
    unknown = [c for c in df.columns if c not in schema.names]
    if missing or unknown:
        problems = [f"lacks {', '.join(missing)}"] if missing else []
        problems += [f"has {', '.join(map(str, unknown))}, not in analyze.SCHEMAS"] if unknown else []
        raise SchemaError(f"analyze: the {table} table {' and '.join(problems)}")
    return pa.Table.from_pandas(df[schema.names], schema=schema, preserve_index=False)


@dataclass
class AnalyzeSummary:
    """What ``analyze`` wrote."""

    folder: Path
    rows: dict[str, int] = field(default_factory=dict)
    excluded: list[tuple[str, str]] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [
            f"analyze: wrote {', '.join(f'{k} ({v} rows)' for k, v in self.rows.items())} to {self.folder}"
        ]
        lines += [f"  not analyzed: {a}: {why}" for a, why in self.excluded]
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class _Piece:
    """A run of consecutive article ids, ``low`` to ``high`` (both included), analysed in one go."""

    folder: str
    low: str
    high: str
    last: bool  # the last piece of its row group: the row group is written after it


def _read_range(folder: str, name: str, low: str, high: str) -> pd.DataFrame:
    table = pq.read_table(
        Path(folder) / f"{name}.parquet",
        filters=[("article_id", ">=", low), ("article_id", "<=", high)],
        use_threads=False,
    )
    return table.to_pandas()


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Raise the collector's youngest threshold to :data:`GC_YOUNG_THRESHOLD` for a while (restored after)."""
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], GC_YOUNG_THRESHOLD), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


def _analyze_piece(piece: _Piece, shared: tuple[Any, Any]) -> dict[str, pa.Table]:
    """Read, analyse and convert one piece (runs in a worker: only the id range and the Arrow results travel)."""
    codebook, actors = shared
    with _fewer_collections():
        tables = {name: _read_range(piece.folder, name, piece.low, piece.high) for name in INPUTS}
        out = analyze_tables(tables, codebook=codebook, actors=actors)
        return {name: to_arrow(out[name], name) for name in TABLES}


def _warm(shared: tuple[Any, Any]) -> None:
    """Load VADER and Punkt and build the matchers once per worker process (on a two-sentence article)."""
    text = "Officials said the ban would cost 2,000 jobs in China and the US. “We disagree,” she said."
    cut = text.index("“")
    articles = pd.DataFrame([dict.fromkeys(COLUMNS["articles"])])
    articles.loc[0, ["article_id", "language", "text"]] = ["warm-up", ANALYSIS_LANGUAGE, text]
    paragraphs = pd.DataFrame(
        {"article_id": ["warm-up"], "paragraph_id": [0], "kind": ["body"], "text": [text], "start": [0],
         "end": [len(text)]}
    )  # fmt: skip
    sentences = pd.DataFrame(
        {"article_id": ["warm-up"] * 2, "paragraph_id": [0, 0], "sentence_id": [0, 1],
         "text": [text[: cut - 1], text[cut:]], "start": [0, cut], "end": [cut - 1, len(text)]}
    )  # fmt: skip
    tables = {"articles": articles, "paragraphs": paragraphs, "sentences": sentences}
    analyze_tables(tables, codebook=shared[0], actors=shared[1])


def _article_ids(folder: Path) -> pa.Array:
    """The article ids of ``articles.parquet`` in code-point order (sorted here if the file is not).

    Raises:
        UsageError: a null or repeated id (the table was not written by ``normalize``).
    """
    ids = pq.read_table(folder / "articles.parquet", columns=["article_id"]).column(0).combine_chunks()
    ids = ids.cast(pa.string()) if ids.type != pa.string() else ids
    if ids.null_count:
        raise UsageError(
            f"{folder / 'articles.parquet'} has rows without article_id: run `tiktok-study normalize`"
        )
    if len(ids) > 1 and pc.any(pc.less(ids[1:], ids[:-1])).as_py():
        ids = ids.take(pc.sort_indices(ids))
    if len(ids) > 1 and pc.any(pc.equal(ids[1:], ids[:-1])).as_py():
        raise UsageError(
            f"{folder / 'articles.parquet'} repeats article ids: run `tiktok-study normalize` to rebuild it"
        )
    return ids


def _pieces(folder: Path, ids: pa.Array, *, batch: int, size: int) -> list[_Piece]:
    """Row groups of ``batch`` ids, each cut into pieces of about ``size`` ids."""
    pieces = []
    for start in range(0, len(ids), batch):
        stop = min(start + batch, len(ids))
        n = math.ceil((stop - start) / size)
        cuts = [start + (stop - start) * k // n for k in range(n + 1)]
        for k in range(n):
            pieces.append(
                _Piece(str(folder), ids[cuts[k]].as_py(), ids[cuts[k + 1] - 1].as_py(), last=k == n - 1)
            )
    return pieces


def analyze_folder(
    processed: str | Path,
    *,
    codebook: str | Path | None = None,
    actors: str | Path | None = None,
    jobs: int = 1,
    engine: Literal["local", "dask"] = "local",
    scheduler: str | None = None,
    batch_size: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> AnalyzeSummary:
    """Read ``articles``, ``paragraphs``, ``sentences`` from ``processed``; write the analysis tables there.

    Args:
        processed: the folder written by ``normalize``.
        codebook: a codebook YAML (default: the shipped one).
        actors: an actors YAML (default: the shipped one).
        jobs: worker processes (``engine="local"``), or workers of the local Dask cluster started when
            ``engine="dask"`` has no ``scheduler``. The tables are the same, byte for byte, as with one process.
        engine: ``"local"`` or ``"dask"`` (the Dask workers read ``processed`` at the same path; this process
            writes the tables).
        scheduler: address of a running Dask scheduler (``engine="dask"``).
        batch_size: articles per row group (default :data:`BATCH_ARTICLES`).
        progress: called as ``progress(articles_done, articles_total)`` after each piece of work.

    Raises:
        UsageError: the folder lacks the normalized tables, the codebook / actors file is missing or bad, an
            unknown engine, ``jobs`` < 1, an unreachable scheduler.
    """
    from tiktok_study.actors import load_actors
    from tiktok_study.codebook import as_codebook
    from tiktok_study.engines import check_engine

    folder = Path(processed)
    batch = BATCH_ARTICLES if batch_size is None else batch_size
    check_engine(engine, jobs, scheduler)
    if batch < 1:
        raise UsageError(f"batch_size must be 1 or more, got {batch}")
    missing = [n for n in INPUTS if not (folder / f"{n}.parquet").is_file()]
    if missing:
        raise UsageError(
            f"{folder} lacks the normalized table(s) {', '.join(missing)}: run `tiktok-study normalize --out {folder}`"
        )
    for label, path in (("--codebook", codebook), ("--actors", actors)):
        if path is not None and not Path(path).is_file():
            raise UsageError(f"{label} {path} does not exist")
    cb = as_codebook(codebook)
    actor_list = load_actors(actors)
    with generation.writing(folder, "analyze") as run:
        summary = _analyze_locked(
            folder,
            cb,
            actor_list,
            run=run,
            jobs=jobs,
            engine=engine,
            scheduler=scheduler,
            batch=batch,
            progress=progress,
        )
        run.wrote(*TABLES)
    return summary


def _analyze_locked(
    folder: Path,
    cb: Any,
    actor_list: Any,
    *,
    run: generation.Run,
    jobs: int,
    engine: Literal["local", "dask"],
    scheduler: str | None,
    batch: int,
    progress: Callable[[int, int], None] | None,
) -> AnalyzeSummary:
    """The body of :func:`analyze_folder`, run while it holds the folder's lock."""
    from tiktok_study.engines import IN_FLIGHT_PER_WORKER, executor

    ids = _article_ids(folder)
    if engine == "local":
        jobs = max(1, min(jobs, os.cpu_count() or 1, math.ceil(len(ids) / MIN_PIECE_ARTICLES)))
    summary = AnalyzeSummary(folder)
    writers: dict[str, TableWriter] = {}
    run.start()
    try:
        for name in TABLES:
            writers[name] = TableWriter(folder / f"{name}.parquet", SCHEMAS[name])
        with executor(
            engine=engine, jobs=jobs, scheduler=scheduler, shared=(cb, actor_list), warm=_warm
        ) as ex:
            share = math.ceil(len(ids) / (ex.workers * IN_FLIGHT_PER_WORKER)) if ex.workers > 1 else batch
            size = max(MIN_PIECE_ARTICLES, min(batch, share))
            pieces = _pieces(folder.absolute(), ids, batch=batch, size=size)  # absolute: for Dask workers
            logger.info(
                "analyze: %d article(s) in %d piece(s), %d worker(s)", len(ids), len(pieces), ex.workers
            )
            pending: dict[str, list[pa.Table]] = {name: [] for name in TABLES}
            id_list = ids.to_pylist() if progress is not None else []
            for piece, result in zip(pieces, ex.map(_analyze_piece, pieces), strict=True):
                for name in TABLES:
                    pending[name].append(result[name])
                if piece.last:
                    for name in TABLES:
                        writers[name].write(pa.concat_tables(pending[name]))
                        pending[name] = []
                if progress is not None:
                    progress(bisect.bisect_right(id_list, piece.high), len(id_list))
                excluded = result["excluded"]
                summary.excluded += list(
                    zip(excluded["article_id"].to_pylist(), excluded["reason"].to_pylist(), strict=True)
                )
    except BaseException:
        for writer in writers.values():
            writer.abort()
        raise
    for name, writer in writers.items():
        writer.close()
        summary.rows[name] = writer.rows
    return summary
