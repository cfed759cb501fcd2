"""The processed tables of a corpus, loaded together for notebooks and scripts.

Example:
    >>> import tempfile, pathlib
    >>> load_corpus(pathlib.Path(tempfile.mkdtemp()))
    Traceback (most recent call last):
    ...
    tiktok_study.errors.UsageError: no articles table in ...: run `tiktok-study normalize` (or `make report`) first
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from tiktok_study import config, generation
from tiktok_study.errors import UsageError
from tiktok_study.io import read_table
from tiktok_study.schema import COLUMNS

__all__ = [
    "ANALYSIS_TABLES",
    "NORMALIZED_TABLES",
    "Corpus",
    "counts",
    "load_corpus",
    "overview",
    "removed_by_rule",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

NORMALIZED_TABLES = ("articles", "paragraphs", "sentences", "removed", "skipped")
ANALYSIS_TABLES = ("sentiment", "actors", "frames", "article_frames", "statistics", "quotes")


@dataclass
class Corpus:
    """The tables of one processed folder, as DataFrames (``corpus.articles``, ``corpus.frames`` …)."""

    folder: Path
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        if name in COLUMNS:
            step = "normalize" if name in NORMALIZED_TABLES else "analyze"
            raise AttributeError(
                f"the {name} table is not in {self.__dict__.get('folder')}: run `tiktok-study {step}` first"
            )
        raise AttributeError(name)

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self.tables))

    @property
    def article_ids(self) -> list[str]:
        return sorted(self.tables["articles"]["article_id"].tolist())

    def check_articles(self, ids: list[str] | str | None) -> list[str]:
        """Return the requested article ids (all when None); an unknown id raises, listing the known ones."""
        known = self.article_ids
        if ids is None:
            return known
        wanted = [ids] if isinstance(ids, str) else list(ids)
        unknown = [i for i in wanted if i not in known]
        if unknown:
            raise UsageError(f"unknown article id(s) {', '.join(unknown)}; known ids: {', '.join(known)}")
        return wanted

    def english(self) -> pd.DataFrame:
        """The articles whose detected language is English (the English-only analyses use these)."""
        return self.articles[self.articles["language"] == "en"]


def load_corpus(processed_dir: str | Path | None = None, *, tables: list[str] | None = None) -> Corpus:
    """Load the processed tables (default folder: ``data/processed`` of the project).

    Args:
        processed_dir: the folder written by ``tiktok-study normalize`` / ``analyze``.
        tables: only these tables (default: every table present).

    Raises:
        UsageError: the folder has no ``articles`` table, a requested table is missing, or the tables do not
            belong together (an interrupted run, a table changed since its run wrote it, analysis rows for
            articles that the ``articles`` table does not have — see :mod:`tiktok_study.generation`).
    """
    folder = Path(processed_dir) if processed_dir is not None else config.processed_dir()
    if not (folder / "articles.parquet").is_file():
        raise UsageError(
            f"no articles table in {folder}: run `tiktok-study normalize` (or `make report`) first"
        )
    names = tables or [
        n for n in (*NORMALIZED_TABLES, *ANALYSIS_TABLES) if (folder / f"{n}.parquet").is_file()
    ]
    missing = [n for n in names if not (folder / f"{n}.parquet").is_file()]
    if missing:
        raise UsageError(f"no {missing[0]} table in {folder}: run `tiktok-study analyze` first")
    generation.check(folder, names)
    loaded = {}
    for name in names:
        table = read_table(folder / f"{name}.parquet")
        for column in ("authors", "editors"):  # Parquet lists come back as arrays; give notebooks plain lists
            if column in table.columns:
                table[column] = [list(v) if v is not None else [] for v in table[column]]
        loaded[name] = table
    _check_ids(folder, loaded)
    return Corpus(folder, loaded)


def _check_ids(folder: Path, loaded: dict[str, pd.DataFrame]) -> None:
    """Refuse tables with rows for articles the ``articles`` table does not have (a mixed folder)."""
    if "articles" in loaded:
        known = set(loaded["articles"]["article_id"])
    elif any(n != "skipped" and "article_id" in t.columns for n, t in loaded.items()):
        known = set(read_table(folder / "articles.parquet", columns=["article_id"])["article_id"])
    else:
        return
    for name, table in loaded.items():
        if name == "skipped" or "article_id" not in table.columns:
            continue
        ghosts = sorted(set(table["article_id"]) - known)
        if ghosts:
            raise UsageError(
                f"{folder / (name + '.parquet')} has rows for {len(ghosts)} article(s) that articles.parquet "
                f"lacks (e.g. {', '.join(map(str, ghosts[:3]))}): the tables come from different runs; run "
                "`tiktok-study analyze` (or `tiktok-study run`) again"
            )


OVERVIEW_COLUMNS = [
    "article_id", "title", "source", "section", "authors", "published", "language", "n_paragraphs",
    "n_sentences", "n_words",
]  # fmt: skip


def overview(corpus: Corpus, ids: list[str] | None = None) -> pd.DataFrame:
    """One row per article (the requested ids, default all): metadata and sizes, in article id order."""
    arts = corpus.articles
    if ids is not None:
        arts = arts[arts["article_id"].isin(ids)]
    return arts[OVERVIEW_COLUMNS].sort_values("article_id", kind="mergesort").reset_index(drop=True)


def counts(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """How many rows carry each combination of ``columns`` (missing values shown as ``(none)``)."""
    filled = table[columns].astype(object).where(table[columns].notna(), "(none)").astype(str)
    return (
        filled.value_counts(sort=False)
        .rename("articles")
        .reset_index()
        .sort_values(columns, kind="mergesort")
    )


def removed_by_rule(removed: pd.DataFrame, ids: list[str] | None = None) -> pd.DataFrame:
    """Lines cut per rule (and in how many articles), most frequent first.

    Example:
        >>> r = pd.DataFrame({"article_id": ["a", "a", "b"], "line_no": [1, 2, 1], "text": ["x", "y", "z"],
        ...                   "rule": ["caption", "caption", "social"]})
        >>> removed_by_rule(r).values.tolist()
        [['caption', 2, 1], ['social', 1, 1]]
    """
    if ids is not None:
        removed = removed[removed["article_id"].isin(ids)]
    grouped = removed.groupby("rule", sort=True)
    out = pd.DataFrame({"lines": grouped.size(), "articles": grouped["article_id"].nunique()}).reset_index()
    return out.sort_values(["lines", "rule"], ascending=[False, True], kind="mergesort").reset_index(
        drop=True
    )
