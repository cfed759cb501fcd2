"""``tiktok-study analyze``: the normalized tables in, the analysis tables out.

English-only measurements (VADER sentiment, the English codebook, statistics and quotation patterns) run on the
articles whose detected language is English; the others are listed in the ``excluded`` table with the reason.

Example:
    >>> from tiktok_study.normalize import normalize_text
    >>> t = normalize_text("Headline\\n\\nTikTok faces a ban, officials said. Users are angry.", article_id="a")
    >>> out = analyze_tables({"articles": t.articles, "paragraphs": t.paragraphs, "sentences": t.sentences})
    >>> sorted(out)
    ['actors', 'article_frames', 'excluded', 'frames', 'quotes', 'sentiment', 'statistics']
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from tiktok_study.errors import NotBuiltYet, UsageError
from tiktok_study.io import read_table, write_table
from tiktok_study.schema import require_columns, tidy

__all__ = ["ANALYSIS_LANGUAGE", "AnalyzeSummary", "analyze_folder", "analyze_tables"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

ANALYSIS_LANGUAGE = "en"
OUTPUTS = ("sentiment", "actors", "frames", "article_frames", "statistics", "quotes")


def analyze_tables(
    tables: dict[str, pd.DataFrame],
    *,
    codebook: Any = None,
    actors: Any = None,
) -> dict[str, pd.DataFrame]:
    """Run every analysis on in-memory normalized tables; return the analysis tables (tidy, sorted)."""
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
            "article_id": articles.loc[~english, "article_id"].tolist(),
            "reason": [
                f"language {lang!r}: the sentiment lexicon, codebook and patterns are English-only"
                for lang in articles.loc[~english, "language"]
            ],
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
        "quotes": quotes_table(articles, paragraphs),
    }
    out = {name: tidy(df, name) for name, df in out.items()}
    out["excluded"] = excluded.sort_values("article_id", kind="mergesort").reset_index(drop=True)
    return out


def _chunk(args: tuple[dict[str, pd.DataFrame], Any, Any]) -> dict[str, pd.DataFrame]:
    tables, codebook, actors = args
    return analyze_tables(tables, codebook=codebook, actors=actors)


def _concat(parts: list[pd.DataFrame], name: str) -> pd.DataFrame:
    non_empty = [p for p in parts if len(p)]
    if not non_empty:
        return parts[0]
    df = pd.concat(non_empty, ignore_index=True)
    if name == "excluded":
        return df.sort_values("article_id", kind="mergesort").reset_index(drop=True)
    return tidy(df, name)


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


def analyze_folder(
    processed: str | Path,
    *,
    codebook: str | Path | None = None,
    actors: str | Path | None = None,
    jobs: int = 1,
    engine: Literal["local", "dask"] = "local",
    scheduler: str | None = None,
) -> AnalyzeSummary:
    """Read ``articles``, ``paragraphs``, ``sentences`` from ``processed``; write the analysis tables there.

    With ``jobs`` > 1 the articles are split into groups analysed in worker processes; the tables are the
    same, byte for byte, as with one process (every table is sorted by its key before writing).

    Raises:
        UsageError: the folder lacks the normalized tables, or the codebook / actors file is bad.
    """
    from tiktok_study.actors import load_actors
    from tiktok_study.codebook import as_codebook

    folder = Path(processed)
    if engine == "dask":
        raise NotBuiltYet("--engine dask is not built yet (issue #8)")
    missing = [n for n in ("articles", "paragraphs", "sentences") if not (folder / f"{n}.parquet").is_file()]
    if missing:
        raise UsageError(
            f"{folder} lacks the normalized table(s) {', '.join(missing)}: run `tiktok-study normalize --out {folder}`"
        )
    for label, path in (("--codebook", codebook), ("--actors", actors)):
        if path is not None and not Path(path).is_file():
            raise UsageError(f"{label} {path} does not exist")
    cb = as_codebook(codebook)
    actor_list = load_actors(actors)
    tables = {n: read_table(folder / f"{n}.parquet") for n in ("articles", "paragraphs", "sentences")}
    ids = sorted(tables["articles"]["article_id"])
    workers = max(1, min(jobs, os.cpu_count() or 1, len(ids) or 1))
    if workers == 1:
        results = analyze_tables(tables, codebook=cb, actors=actor_list)
    else:
        groups = [ids[i :: workers * 4] for i in range(workers * 4)]
        groups = [g for g in groups if g]
        args = [
            ({n: df[df["article_id"].isin(g)] for n, df in tables.items()}, cb, actor_list) for g in groups
        ]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            parts = list(pool.map(_chunk, args))
        results = {name: _concat([p[name] for p in parts], name) for name in parts[0]}
    summary = AnalyzeSummary(folder)
    for name, df in results.items():
        write_table(df, folder / f"{name}.parquet")
        summary.rows[name] = len(df)
    summary.excluded = list(
        zip(results["excluded"]["article_id"], results["excluded"]["reason"], strict=True)
    )
    return summary
