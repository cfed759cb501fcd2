"""Comparisons a researcher publishes: frames and tone by outlet and by month, with 95% intervals and the n.

The unit of analysis is the article. A group's value is the mean over its articles of an article-level measure
(a frame's ``present`` flag gives the share of articles carrying the frame; an article's mean sentence compound
gives its tone), and the interval is a percentile bootstrap over the group's articles (fixed seed per group, so
tables are byte-identical from run to run). Every row carries ``n_articles``; a group with fewer than
``min_articles`` articles keeps its row but is marked ``comparable = False``, and :func:`note` says so in words.

Groups: the outlet is the ``source`` an article states (:func:`outlets`); the period is the month (``2025-01``),
quarter (``2025-Q1``) or year (``2025``) of its ``published`` date (:func:`periods`; :func:`time_unit` picks the
finest one whose typical period holds ``min_articles`` articles). Articles without one are left out of that
comparison and counted.

Example:
    >>> import pandas as pd
    >>> values = pd.DataFrame({"article_id": list("abcdef"), "measure": "tone",
    ...                        "value": [0.1, 0.3, 0.2, -0.4, -0.2, -0.3]})
    >>> groups = pd.Series(["A", "A", "A", "B", "B", "B"], index=list("abcdef"))
    >>> table = group_means(values, groups, min_articles=3, resamples=200)
    >>> table[["group", "n_articles", "mean", "comparable"]].values.tolist()
    [['A', 3, 0.2, True], ['B', 3, -0.3, True]]
    >>> bool((table["low"] <= table["mean"]).all() and (table["mean"] <= table["high"]).all())
    True
"""

from __future__ import annotations

import logging
import re
import zlib
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from tiktok_study.errors import UsageError
from tiktok_study.schema import require_columns

__all__ = [
    "COMPARISON_COLUMNS",
    "Comparison",
    "bootstrap_interval",
    "frame_shares",
    "group_means",
    "months",
    "note",
    "outlets",
    "period_order",
    "periods",
    "time_unit",
    "tone",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

COMPARISON_COLUMNS = ["group", "measure", "n_articles", "mean", "low", "high", "comparable"]
LEVEL = 0.95
TIME_UNITS = ("month", "quarter", "year")
By = Literal["outlet", "month", "quarter", "year"]
_CHUNK_CELLS = 4_000_000  # values gathered at once (resamples × articles × measures), to bound memory
_YEAR_MONTH = re.compile(r"^\s*(\d{4})-(\d{2})")  # ISO 8601 dates as the normalizer writes them


def outlets(articles: pd.DataFrame) -> pd.Series:
    """The outlet of each article (its stated ``source``), indexed by article_id; NA where none is stated."""
    source = articles.set_index("article_id")["source"].astype(object)
    stated = source.notna() & (source.astype(str).str.strip() != "")
    return source.where(stated).rename("outlet")


def periods(articles: pd.DataFrame, unit: str = "month") -> pd.Series:
    """The month (``2025-01``), quarter (``2025-Q1``) or year (``2025``) of each article's ``published`` date,
    indexed by article_id; NA where it has none (or an unreadable one).

    Example:
        >>> a = pd.DataFrame({"article_id": ["x", "y", "z"], "published": ["2025-01-18T09:00:00Z", None, "2024-11"]})
        >>> periods(a).tolist(), periods(a, "quarter").tolist(), periods(a, "year").tolist()
        (['2025-01', nan, '2024-11'], ['2025-Q1', nan, '2024-Q4'], ['2025', nan, '2024'])
    """
    if unit not in TIME_UNITS:
        raise UsageError(f"time unit must be one of {', '.join(TIME_UNITS)}; got {unit!r}")

    def label(value: object) -> object:
        match = _YEAR_MONTH.match(value) if isinstance(value, str) else None
        if match is None or not 1 <= int(match.group(2)) <= 12:
            return np.nan
        year, month = match.group(1), int(match.group(2))
        return {"month": f"{year}-{month:02d}", "quarter": f"{year}-Q{(month - 1) // 3 + 1}", "year": year}[
            unit
        ]

    published = articles.set_index("article_id")["published"]
    return published.astype(object).map(label).rename(unit)


def months(articles: pd.DataFrame) -> pd.Series:
    """The ``YYYY-MM`` of each article's ``published`` date, indexed by article_id; NA where it has none."""
    return periods(articles, "month")


def time_unit(articles: pd.DataFrame, *, min_articles: int = 5) -> str:
    """The finest period (month, quarter, year) whose median dated period holds ``min_articles`` articles.

    Years when even that is not reached (the comparison's statement then says how few articles there are).
    """
    for unit in TIME_UNITS[:-1]:
        sizes = periods(articles, unit).value_counts()
        if len(sizes) and sizes.median() >= min_articles:
            return unit
    return "year"


def period_order(label: str) -> int:
    """A number that orders period labels in time and keeps the gaps (months, quarters or years)."""
    year, _, rest = label.partition("-")
    if not rest:
        return int(year)
    if rest.startswith("Q"):
        return int(year) * 4 + int(rest[1:]) - 1
    return int(year) * 12 + int(rest) - 1


def bootstrap_interval(
    values: np.ndarray, *, resamples: int = 1000, seed: int = 0, level: float = LEVEL
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap interval of the mean of each column of ``values`` (rows = articles).

    Returns (low, high), each with one entry per column; NaN when there are no rows or ``resamples`` is 0.
    A single article gives an interval of width zero: read ``n_articles`` before the interval.
    """
    values = np.asarray(values, dtype=float)
    if values.ndim == 1:
        values = values[:, None]
    n, k = values.shape
    if n == 0 or resamples == 0:
        return np.full(k, np.nan), np.full(k, np.nan)
    rng = np.random.default_rng(seed)
    means = np.empty((resamples, k))
    step = max(1, _CHUNK_CELLS // (n * k))
    for start in range(0, resamples, step):
        stop = min(resamples, start + step)
        index = rng.integers(0, n, size=(stop - start, n))
        means[start:stop] = values[index].mean(axis=1)
    tail = (1 - level) / 2 * 100
    return np.percentile(means, tail, axis=0), np.percentile(means, 100 - tail, axis=0)


def _check_options(resamples: int, min_articles: int) -> None:
    if resamples < 0:
        raise UsageError(f"resamples must be 0 or more, got {resamples}")
    if min_articles < 1:
        raise UsageError(f"min_articles must be 1 or more, got {min_articles}")


def group_means(
    values: pd.DataFrame,
    groups: pd.Series,
    *,
    resamples: int = 1000,
    min_articles: int = 5,
    seed: int = 0,
) -> pd.DataFrame:
    """Mean of an article-level measure per group, with its bootstrap 95% interval over articles.

    Args:
        values: tidy rows ``article_id, measure, value`` (one value per article and measure).
        groups: the group of each article, indexed by article_id (NA: the article is left out).
        resamples: bootstrap resamples (0: no interval).
        min_articles: a group with fewer articles is kept but marked ``comparable = False``.
        seed: the base seed; each group's seed also depends on its name, so adding a group changes no other.

    Returns:
        Columns :data:`COMPARISON_COLUMNS`, sorted by group then measure.
    """
    _check_options(resamples, min_articles)
    missing = [c for c in ("article_id", "measure", "value") if c not in values.columns]
    if missing:
        raise UsageError(f"group_means: the values lack columns {', '.join(missing)}")
    wide = values.pivot(index="article_id", columns="measure", values="value").sort_index()
    wide = wide.astype(float)
    member = groups.reindex(wide.index)
    rows = []
    for group in sorted(member.dropna().unique(), key=str):
        block = wide[member == group]
        low, high = bootstrap_interval(
            block.to_numpy(), resamples=resamples, seed=seed + zlib.crc32(str(group).encode("utf-8"))
        )
        for j, measure in enumerate(wide.columns):
            column = block[measure].dropna()
            rows.append(
                (str(group), measure, len(column), float(column.mean()), float(low[j]), float(high[j]),
                 len(column) >= min_articles)
            )  # fmt: skip
    out = pd.DataFrame(rows, columns=COMPARISON_COLUMNS)
    for column in ("mean", "low", "high"):
        out[column] = out[column].round(6)
    return out.sort_values(["group", "measure"], kind="mergesort").reset_index(drop=True)


@dataclass(frozen=True, slots=True)
class Comparison:
    """A comparison table and what a reader must know about it.

    Attributes:
        table: rows of :data:`COMPARISON_COLUMNS` (empty when there is nothing to compare).
        by: ``"outlet"``, ``"month"``, ``"quarter"`` or ``"year"``.
        n_left_out: articles without an outlet (or a date), not in the table.
        min_articles: the n under which a group is not compared.
        statement: a plain sentence saying what can and cannot be compared.
    """

    table: pd.DataFrame
    by: str
    n_left_out: int
    min_articles: int
    statement: str

    @property
    def possible(self) -> bool:
        """True when at least two groups have ``min_articles`` articles or more."""
        comparable = self.table.loc[self.table["comparable"], "group"].nunique() if len(self.table) else 0
        return comparable >= 2


_MISSING = {  # what an article left out of a comparison lacks: (one article, several)
    "outlet": ("states no outlet", "state no outlet"),
    **{unit: ("has no publication date", "have no publication date") for unit in TIME_UNITS},
}


def _articles(n: int) -> str:
    return f"{n} article{'' if n == 1 else 's'}"


def note(table: pd.DataFrame, *, by: str, n_left_out: int, min_articles: int) -> str:
    """The plain statement that goes with a comparison table (what it can and cannot show).

    Example:
        >>> t = pd.DataFrame({"group": ["A"], "measure": ["tone"], "n_articles": [3], "mean": [0.1],
        ...                   "low": [0.0], "high": [0.2], "comparable": [False]})
        >>> note(t, by="outlet", n_left_out=2, min_articles=5)
        'Only one outlet (A, 3 articles): there is nothing to compare by outlet. 2 articles state no outlet and are left out.'
    """
    one, several = _MISSING.get(by, (f"has no {by}", f"have no {by}"))
    left = (
        f" {_articles(n_left_out)} {one if n_left_out == 1 else several} and {'is' if n_left_out == 1 else 'are'} "
        "left out."
        if n_left_out
        else ""
    )
    sizes = table.groupby("group", sort=True)["n_articles"].max() if len(table) else pd.Series(dtype="int64")
    if sizes.empty:
        return f"No article {one.replace('has no', 'has a').replace('states no', 'states an')}: no comparison by {by}."
    if len(sizes) == 1:
        group, n = next(iter(sizes.items()))
        return f"Only one {by} ({group}, {_articles(n)}): there is nothing to compare by {by}.{left}"
    small, large = sizes[sizes < min_articles], sizes[sizes >= min_articles]
    if len(large) < 2:
        head = (
            f"Too few articles to compare by {by}: {'only one' if len(large) == 1 else 'no'} {by} has "
            f"{min_articles} or more articles. The values below describe these articles; they do not support "
            "a comparison."
        )
    else:
        head = f"{len(large)} {by}s with {min_articles} or more articles are compared (95% bootstrap intervals over articles)."
        if len(small):
            names = ", ".join(f"{g} (n={n})" for g, n in list(small.items())[:8])
            more = f" and {len(small) - 8} more" if len(small) > 8 else ""
            head += f" Under {min_articles} articles, shown but not compared: {names}{more}."
    return head + left


def _comparison(
    values: pd.DataFrame,
    articles: pd.DataFrame,
    by: By,
    *,
    resamples: int,
    min_articles: int,
) -> Comparison:
    if by not in ("outlet", *TIME_UNITS):
        raise UsageError(f"compare by outlet, {', '.join(TIME_UNITS)}; got {by!r}")
    groups = outlets(articles) if by == "outlet" else periods(articles, by)
    ids = pd.Index(values["article_id"].unique())
    groups = groups.reindex(ids)
    table = group_means(values, groups, resamples=resamples, min_articles=min_articles)
    left_out = int(groups.isna().sum())
    statement = note(table, by=by, n_left_out=left_out, min_articles=min_articles)
    return Comparison(table, by, left_out, min_articles, statement)


def frame_shares(
    article_frames: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    by: By = "outlet",
    frame_ids: tuple[str, ...] | list[str] | None = None,
    resamples: int = 1000,
    min_articles: int = 5,
) -> Comparison:
    """Share of articles carrying each frame (its ``present`` flag), by outlet or period, with 95% intervals.

    ``frame_ids`` (the codebook's) keeps a row for every frame, zeros included.
    """
    require_columns(article_frames, "article_frames", where="compare.frame_shares")
    present = article_frames.pivot(index="article_id", columns="frame", values="present").astype(float)
    if frame_ids is not None:
        present = present.reindex(columns=list(frame_ids), fill_value=0.0)
    values = present.fillna(0.0).rename_axis(columns="measure").stack().rename("value").reset_index()
    return _comparison(values, articles, by, resamples=resamples, min_articles=min_articles)


def tone(
    sentiment: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    by: By = "outlet",
    resamples: int = 1000,
    min_articles: int = 5,
) -> Comparison:
    """Mean article tone (each article's mean sentence compound) by outlet or period, with 95% intervals."""
    require_columns(sentiment, "sentiment", where="compare.tone")
    per_article = sentiment.groupby("article_id", sort=True)["compound"].mean()
    values = pd.DataFrame(
        {"article_id": per_article.index, "measure": "tone", "value": per_article.to_numpy()}
    )
    return _comparison(values, articles, by, resamples=resamples, min_articles=min_articles)
