"""The notebooks' figures: matplotlib, one function each, readable at a glance (titles, labelled axes).

Each function takes the project's tables and returns a :class:`matplotlib.figure.Figure`; the notebook saves it
with :func:`tiktok_study.notebook.save_figure`. Nothing is computed here that the tables do not already hold
(the comparison figures draw the tables of :mod:`tiktok_study.compare`).

The figures read the same at 3, 500 and 10,000 articles: a figure with a row per article or group shows at most
``top_n`` rows and says how many it leaves out (``… and K more``), no figure is taller than
:data:`MAX_HEIGHT_IN` inches (1,800 px at the 150 dpi of saved figures), and corpus-wide figures aggregate by
outlet and month rather than drawing one mark per article.

Example:
    >>> import pandas as pd
    >>> article_labels(pd.DataFrame({"article_id": ["001_ab", "002_cd"], "title": ["A story", None]}))
    {'001_ab': 'A story', '002_cd': '(no title) 002_cd'}
"""

from __future__ import annotations

import logging
import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from tiktok_study.compare import Comparison, bootstrap_interval, period_order

__all__ = [
    "MAX_HEIGHT_IN",
    "TOP_N",
    "actor_tone",
    "article_labels",
    "calibration",
    "frame_heatmap",
    "frame_shares_heatmap",
    "frames_along",
    "group_intervals",
    "horizontal_bars",
    "metric_intervals",
    "over_time",
    "sentiment_arcs",
    "sentiment_distribution",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

MAX_HEIGHT_IN = 12.0  # no figure taller than this (inches): 1,800 px saved at 150 dpi
TOP_N = 30  # rows a figure names one by one; the rest are counted ("… and K more")


def _height(n_rows: int, *, per_row: float = 0.38, base: float = 1.6) -> float:
    return min(MAX_HEIGHT_IN, base + per_row * max(n_rows, 1))


def _more(k: int, noun: str) -> str:
    return f"… and {k:,} more {noun}" if k else ""


def article_labels(articles: pd.DataFrame, *, width: int = 48) -> dict[str, str]:
    """Readable article labels: the title, shortened to ``width`` characters.

    Where two articles would get the same label, or an article has no title, the article id is added so that
    every label names one article.
    """
    short = {}
    for article_id, title in zip(articles["article_id"], articles["title"], strict=True):
        text = " ".join(str(title).split()) if isinstance(title, str) and title.strip() else ""
        short[article_id] = text if len(text) <= width else text[: width - 1].rstrip() + "…"
    counts = pd.Series(list(short.values())).value_counts()
    return {a: (t if t and counts[t] == 1 else f"{t or '(no title)'} {a}") for a, t in short.items()}


def horizontal_bars(
    values: pd.Series,
    *,
    title: str,
    xlabel: str,
    annotate: bool = True,
    color: str = "#4C72B0",
    top_n: int = TOP_N,
    noun: str = "rows",
) -> Figure:
    """A horizontal bar chart of a labelled series (largest at the top), each bar annotated with its value.

    Only the ``top_n`` largest values get a bar; a last row says how many are left out.
    """
    values = values.sort_values(ascending=False, kind="mergesort")
    left_out = max(0, len(values) - top_n)
    shown = values.iloc[:top_n].iloc[::-1]
    names = [str(i) for i in shown.index]
    numbers = shown.to_numpy(dtype=float)
    if left_out:
        names, numbers = [_more(left_out, noun), *names], np.concatenate([[np.nan], numbers])
    fig, ax = plt.subplots(figsize=(8, _height(len(names))))
    ax.barh(range(len(names)), np.nan_to_num(numbers), color=color)
    ax.set_yticks(range(len(names)), names)
    if annotate:
        for y, v in enumerate(numbers):
            if not np.isnan(v):
                ax.annotate(
                    f"{v:g}", (v, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8
                )
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.margins(x=0.12)
    fig.tight_layout()
    return fig


def frame_heatmap(
    article_frames: pd.DataFrame, labels: dict[str, str] | None = None, *, top_n: int = TOP_N
) -> Figure:
    """Articles × frames, coloured by hits per 1,000 words; a dot marks a frame that is ``present``.

    With more than ``top_n`` articles, the ``top_n`` with the most frame hits per 1,000 words are shown and the
    title says how many are left out (the frame table lists every article).
    """
    matrix = article_frames.pivot(index="article_id", columns="frame", values="hits_per_1k_words")
    left_out = max(0, len(matrix) - top_n)
    if left_out:  # the articles with the most hits, most first
        keep = matrix.sum(axis=1).sort_values(ascending=False, kind="mergesort").index[:top_n]
        matrix = matrix.loc[list(keep)]
    present = article_frames.pivot(index="article_id", columns="frame", values="present").astype(bool)
    dominant = article_frames.pivot(index="article_id", columns="frame", values="dominant").astype(bool)
    present, dominant = present.loc[matrix.index, matrix.columns], dominant.loc[matrix.index, matrix.columns]
    data = matrix.to_numpy(dtype=float)
    names = [(labels or {}).get(i, i) for i in matrix.index]
    label_in = min(4.5, 0.075 * max((len(n) for n in names), default=0))  # room for the article labels
    fig, ax = plt.subplots(
        figsize=(2.0 + label_in + 0.85 * matrix.shape[1], _height(matrix.shape[0], per_row=0.5, base=1.8))
    )
    image = ax.imshow(data, cmap="Blues", aspect="auto")
    top = np.nanmax(data) if data.size else 0.0
    for (i, j), v in np.ndenumerate(data):
        mark = "★" if dominant.iat[i, j] else ("•" if present.iat[i, j] else "")
        ax.text(j, i, f"{v:.1f}{mark}", ha="center", va="center", fontsize=8,
                color="white" if v > top * 0.6 else "black")  # fmt: skip
    ax.set_xticks(range(matrix.shape[1]), matrix.columns, rotation=40, ha="right")
    ax.set_yticks(range(matrix.shape[0]), names)
    title = "Frame hits per 1,000 words (• present, ★ dominant)"
    if left_out:
        title += (
            f"\nthe {top_n} articles with the most hits; {_more(left_out, 'articles')} in the frame table"
        )
    ax.set_title(title)
    fig.colorbar(image, ax=ax, label="hits per 1,000 words", shrink=0.8)
    fig.tight_layout()
    return fig


def frames_along(
    frames: pd.DataFrame, paragraphs: pd.DataFrame, *, bins: int = 5, frame_ids: tuple[str, ...] | None = None
) -> Figure:
    """Where in the articles each frame appears: hits by relative paragraph position (fifths by default).

    ``frame_ids`` (the codebook's) keeps a row for every frame in that order, zeros included.
    """
    body = paragraphs[paragraphs["kind"] == "body"]
    order = body.groupby("article_id")["paragraph_id"].rank(method="first") - 1
    size = body.groupby("article_id")["paragraph_id"].transform("size")
    position = body.assign(bin=np.minimum(((order + 0.5) / size * bins).astype(int), bins - 1))
    hits = frames.merge(position[["article_id", "paragraph_id", "bin"]], on=["article_id", "paragraph_id"])
    table = (
        hits.groupby(["frame", "bin"]).size().unstack(fill_value=0).reindex(columns=range(bins), fill_value=0)
    )
    if frame_ids is not None:
        table = table.reindex(index=list(frame_ids), fill_value=0)
    fig, ax = plt.subplots(figsize=(7, _height(len(table), per_row=0.45)))
    image = ax.imshow(table.to_numpy(), cmap="Purples", aspect="auto")
    for (i, j), v in np.ndenumerate(table.to_numpy()):
        ax.text(j, i, str(v), ha="center", va="center", fontsize=8)
    ax.set_xticks(range(bins), [f"{100 * b // bins}–{100 * (b + 1) // bins}%" for b in range(bins)])
    ax.set_yticks(range(len(table)), table.index)
    ax.set_xlabel("position in the article (share of body paragraphs)")
    ax.set_title("Frame hits along the articles (all articles pooled)")
    fig.colorbar(image, ax=ax, label="hits", shrink=0.8)
    fig.tight_layout()
    return fig


def _ordered_groups(comparison: Comparison, table: pd.DataFrame, *, top_n: int) -> tuple[list[str], int]:
    """Outlets by number of articles (the ``top_n`` largest); periods in time order (the latest ``top_n``)."""
    sizes = table.groupby("group", sort=True)["n_articles"].max()
    if comparison.by == "outlet":
        ranked = sizes.sort_values(ascending=False, kind="mergesort")
        return list(ranked.index[:top_n]), max(0, len(ranked) - top_n)
    groups = sorted(sizes.index, key=period_order)
    return groups[-top_n:], max(0, len(groups) - top_n)


def frame_shares_heatmap(comparison: Comparison, *, top_n: int = 12, title: str | None = None) -> Figure:
    """Frames × groups (outlets by default): the share of articles carrying each frame, with its 95% interval.

    Columns are the ``top_n`` largest groups; a group under the comparison's ``min_articles`` is drawn pale and
    its label says so. Each cell reads ``52%`` over ``40–63`` (the interval).
    """
    table = comparison.table
    groups, left_out = _ordered_groups(comparison, table, top_n=top_n)
    shown = table[table["group"].isin(groups)]
    share = shown.pivot(index="measure", columns="group", values="mean").reindex(columns=groups)
    low = shown.pivot(index="measure", columns="group", values="low").reindex(columns=groups)
    high = shown.pivot(index="measure", columns="group", values="high").reindex(columns=groups)
    sizes = shown.groupby("group")["n_articles"].max()
    fig, ax = plt.subplots(
        figsize=(2.2 + 1.0 * max(len(groups), 1), _height(len(share), per_row=0.55, base=2.4))
    )
    ax.imshow(share.to_numpy(dtype=float), cmap="Blues", vmin=0, vmax=1, aspect="auto")
    for (i, j), v in np.ndenumerate(share.to_numpy(dtype=float)):
        group = groups[j]
        pale = sizes[group] < comparison.min_articles
        text = f"{v:.0%}\n{low.iat[i, j]:.0%}–{high.iat[i, j]:.0%}" if not math.isnan(v) else ""
        ax.text(j, i, text, ha="center", va="center", fontsize=7, color="0.55" if pale else
                ("white" if v > 0.6 else "black"))  # fmt: skip
    ax.set_xticks(
        range(len(groups)),
        [f"{g}\nn={sizes[g]}" + (" (too few)" if sizes[g] < comparison.min_articles else "") for g in groups],
        rotation=40,
        ha="right",
    )
    ax.set_yticks(range(len(share)), share.index)
    heading = (
        title or f"Share of articles carrying each frame, by {comparison.by} (95% interval over articles)"
    )
    if left_out:
        heading += f"\n{_more(left_out, comparison.by + 's')} (fewer articles) not shown"
    ax.set_title(heading, fontsize=10)
    fig.tight_layout()
    return fig


def over_time(
    comparison: Comparison,
    *,
    title: str,
    ylabel: str = "share of articles",
    ylim: tuple[float, float] = (-0.02, 1.02),
    columns: int = 3,
) -> Figure:
    """One small panel per measure (e.g. per frame): its value by period with the 95% interval as a band.

    Periods are placed on a time axis (a month without articles is a gap in the line, not a neighbour);
    periods under the comparison's ``min_articles`` are hollow points (described, not compared).
    """
    table = comparison.table
    measures = list(dict.fromkeys(table["measure"]))
    columns = max(1, min(columns, len(measures)))
    rows = max(1, math.ceil(len(measures) / columns))
    size = (8.0, 4.0) if len(measures) == 1 else (3.4 * columns + 0.8, min(MAX_HEIGHT_IN, 1.2 + 2.4 * rows))
    fig, axes = plt.subplots(rows, columns, figsize=size, sharex=True, sharey=True, squeeze=False)
    periods = sorted(table["group"].unique(), key=period_order)
    origin = period_order(periods[0]) if periods else 0
    for ax, measure in zip(axes.flat, measures, strict=False):
        part = table[table["measure"] == measure]
        part = part.assign(x=part["group"].map(lambda g: period_order(g) - origin)).sort_values("x")
        full = pd.DataFrame({"x": range(int(part["x"].max()) + 1 if len(part) else 0)}).merge(
            part, how="left"
        )
        ax.fill_between(full["x"], full["low"], full["high"], color="#4C72B0", alpha=0.2, lw=0)
        ax.plot(full["x"], full["mean"], color="#4C72B0", lw=1.2)
        ok = part["comparable"].to_numpy(dtype=bool)
        xs, ys = part["x"].to_numpy(), part["mean"].to_numpy()
        ax.scatter(xs[ok], ys[ok], s=12, color="#4C72B0", zorder=3)
        ax.scatter(xs[~ok], ys[~ok], s=12, facecolor="white", edgecolor="#4C72B0", zorder=3)
        ax.set_title(measure, fontsize=9)
        ax.set_ylim(*ylim)
    for ax in list(axes.flat)[len(measures) :]:
        ax.set_visible(False)
    step = max(1, math.ceil(len(periods) / 8))
    for ax in axes[-1]:
        ax.set_xticks(
            [period_order(p) - origin for p in periods[::step]], periods[::step], rotation=40, ha="right",
            fontsize=8,
        )  # fmt: skip
    fig.supylabel(ylabel, fontsize=9)
    fig.suptitle(
        f"{title}\n(band: 95% interval over articles; hollow: under {comparison.min_articles} articles)",
        fontsize=10,
    )
    fig.tight_layout()
    return fig


def group_intervals(
    comparison: Comparison,
    *,
    measure: str | None = None,
    title: str,
    xlabel: str,
    top_n: int = TOP_N,
    xlim: tuple[float, float] | None = None,
) -> Figure:
    """One row per group: the mean with its 95% interval and the n; groups under ``min_articles`` in grey.

    Outlets are ordered by their number of articles (the ``top_n`` largest shown), periods by time. The x axis
    spans the intervals and zero unless ``xlim`` is given.
    """
    table = comparison.table
    if measure is not None:
        table = table[table["measure"] == measure]
    groups, left_out = _ordered_groups(comparison, table, top_n=top_n)
    rows = table.set_index("group").loc[groups[::-1]].reset_index()
    fig, ax = plt.subplots(figsize=(8, _height(len(rows) + bool(left_out))))
    y = np.arange(len(rows)) + bool(left_out)
    ok = rows["comparable"].to_numpy(dtype=bool)
    for mask, color in ((ok, "#4C72B0"), (~ok, "0.65")):
        ax.errorbar(
            rows["mean"][mask], y[mask],
            xerr=[(rows["mean"] - rows["low"])[mask], (rows["high"] - rows["mean"])[mask]],
            fmt="o", color=color, ecolor=color, capsize=3,
        )  # fmt: skip
    labels = [f"{g} (n={n})" for g, n in zip(rows["group"], rows["n_articles"], strict=True)]
    ax.set_yticks(
        [0, *y] if left_out else y, [_more(left_out, comparison.by + "s"), *labels] if left_out else labels
    )
    ax.axvline(0, color="0.6", lw=0.8)
    if xlim is None and len(rows):
        low, high = min(0.0, float(rows["low"].min())), max(0.0, float(rows["high"].max()))
        pad = max(0.02, (high - low) * 0.08)
        xlim = (low - pad, high + pad)
    if xlim:
        ax.set_xlim(*xlim)
    ax.set_xlabel(xlabel)
    ax.set_title(
        f"{title}\n(95% interval over articles; grey: under {comparison.min_articles} articles)", fontsize=10
    )
    fig.tight_layout()
    return fig


_MAX_DOTS = 3000  # sentence dots drawn over the boxes; more would be an unreadable (and heavy) smear


def sentiment_distribution(
    sentiment: pd.DataFrame,
    labels: dict[str, str] | None = None,
    *,
    groups: pd.Series | None = None,
    top_n: int = TOP_N,
) -> Figure:
    """Sentence compound scores per article (box plot, every sentence a dot) and the ±0.05 neutral band.

    With more than ``top_n`` articles and ``groups`` given (e.g. the outlet of each article, indexed by
    article_id), one box per group instead; in any case at most ``top_n`` boxes (the ones with the most
    sentences), and a last row counts the rest.
    """
    by_group = groups is not None and sentiment["article_id"].nunique() > top_n
    if by_group:
        key = sentiment["article_id"].map(groups).fillna("(none stated)").astype(str)
    else:
        key = sentiment["article_id"].map(lambda a: (labels or {}).get(a, a))
    sizes = key.value_counts().sort_index()
    ranked = sizes.sort_values(ascending=False, kind="mergesort")
    names = sorted(ranked.index[:top_n], reverse=True)
    left_out = max(0, len(ranked) - top_n)
    data = [sentiment.loc[key == name, "compound"].to_numpy() for name in names]
    ticks = [f"{name} (n={sizes[name]})" if by_group else name for name in names]
    if left_out:
        noun = "groups" if by_group else "articles"
        data, ticks = [np.array([]), *data], [_more(left_out, noun), *ticks]
    fig, ax = plt.subplots(figsize=(8, _height(len(data), per_row=0.45)))
    ax.axvspan(-0.05, 0.05, color="0.9", label="neutral band (±0.05)")
    ax.boxplot(
        [d if len(d) else [np.nan] for d in data], orientation="horizontal", widths=0.5, showfliers=False
    )
    if sum(len(d) for d in data) <= _MAX_DOTS:
        for y, values in enumerate(data, start=1):
            jitter = (np.arange(len(values)) % 5 - 2) * 0.05
            ax.scatter(values, y + jitter, s=10, alpha=0.6, color="#4C72B0")
    ax.set_yticks(range(1, len(data) + 1), ticks)
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("VADER compound of each sentence (−1 negative … +1 positive)")
    unit = "outlet (n = sentences)" if by_group else "article"
    ax.set_title(f"Sentence tone by {unit} (word-level tone, not stance)")
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig


def sentiment_arcs(
    arc: pd.DataFrame, labels: dict[str, str] | None = None, *, max_lines: int = 8, resamples: int = 1000
) -> Figure:
    """Mean compound by position bin: one line per article, or — with more than ``max_lines`` articles — the
    mean over the articles with its 95% bootstrap interval (each article counts once)."""
    fig, ax = plt.subplots(figsize=(8, 4))
    n_articles = arc["article_id"].nunique()
    if n_articles <= max_lines:
        for article_id, rows in arc.groupby("article_id", sort=True):
            centre = (rows["bin_start"] + rows["bin_end"]) / 2
            ax.plot(
                centre * 100,
                rows["mean_compound"],
                marker="o",
                label=(labels or {}).get(article_id, article_id),
            )
        ax.legend(fontsize=8, loc="best")
        ax.set_title("Sentiment arc: tone along each article")
    else:
        centres, means, lows, highs = [], [], [], []
        for (start, end), rows in arc.groupby(["bin_start", "bin_end"], sort=True):
            values = rows["mean_compound"].dropna().to_numpy()
            low, high = bootstrap_interval(values, resamples=resamples)
            centres.append((start + end) / 2 * 100)
            means.append(values.mean() if len(values) else np.nan)
            lows.append(low[0])
            highs.append(high[0])
        ax.fill_between(centres, lows, highs, color="#4C72B0", alpha=0.25, lw=0, label="95% interval")
        ax.plot(centres, means, marker="o", color="#4C72B0", label=f"mean of {n_articles:,} articles")
        ax.legend(fontsize=8, loc="best")
        ax.set_title(f"Sentiment arc: tone along the articles (mean of {n_articles:,} articles)")
    ax.axhline(0, color="0.6", lw=0.8)
    ax.set_ylim(-1, 1)
    ax.set_xlabel("position in the article (% of sentences)")
    ax.set_ylabel("mean VADER compound")
    fig.tight_layout()
    return fig


def actor_tone(tone: pd.DataFrame, *, min_n: int = 5, top_n: int = TOP_N) -> Figure:
    """Mean compound of the sentences mentioning each actor, ±1 SE, with n; actors under ``min_n`` greyed.

    The ``top_n`` actors with the most sentences are shown; a last row counts the rest.
    """
    ranked = tone.sort_values(["n_sentences", "actor"], ascending=[False, True], kind="mergesort")
    left_out = max(0, len(ranked) - top_n)
    tone = ranked.iloc[:top_n].sort_values(["mean_compound", "actor"], kind="mergesort")
    small = tone["n_sentences"] < min_n
    fig, ax = plt.subplots(figsize=(8, _height(len(tone) + bool(left_out))))
    y = np.arange(len(tone)) + bool(left_out)
    colors = np.where(small, "0.75", np.where(tone["mean_compound"] >= 0, "#55A868", "#C44E52"))
    ax.barh(y, tone["mean_compound"], xerr=tone["se_compound"].fillna(0), color=colors, ecolor="0.4")
    labels = [f"{a} (n={n})" for a, n in zip(tone["actor"], tone["n_sentences"], strict=True)]
    ax.set_yticks([0, *y] if left_out else y, [_more(left_out, "actors"), *labels] if left_out else labels)
    ax.axvline(0, color="0.5", lw=0.8)
    ax.set_xlim(-1, 1)
    ax.set_xlabel("mean VADER compound of sentences mentioning the actor (±1 SE)")
    ax.set_title(f"Tone around each actor (grey: fewer than {min_n} sentences)")
    fig.tight_layout()
    return fig


def metric_intervals(
    scores: pd.DataFrame, *, label: str, metric: str = "f1", baseline: str | None = None
) -> Figure:
    """A metric per row (frame or class) with its bootstrap interval, and an optional baseline marker."""
    scores = scores.reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(8, _height(len(scores), per_row=0.4)))
    y = np.arange(len(scores))
    value = scores[metric].astype(float)
    low = scores.get(f"{metric}_low", value).astype(float)
    high = scores.get(f"{metric}_high", value).astype(float)
    ax.barh(y, value, color="#4C72B0", label=metric)
    ax.errorbar(
        value, y, xerr=[value - low, high - value], fmt="none", ecolor="0.2", capsize=3, label="95% CI"
    )
    if baseline and baseline in scores:
        ax.scatter(
            scores[baseline].astype(float), y, marker="|", s=200, color="#C44E52", label=baseline, zorder=3
        )
    ax.set_yticks(y, scores[label].astype(str))
    ax.set_xlim(0, 1.05)
    ax.set_xlabel(metric)
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig


def calibration(pairs: pd.DataFrame, *, x: str, y: str, title: str) -> Figure:
    """Tool score against human score, one dot per item, with the identity line and the ±0.05 band."""
    fig, ax = plt.subplots(figsize=(5.5, 5))
    ax.axhspan(-0.05, 0.05, color="0.9")
    ax.scatter(pairs[x], pairs[y], s=14, alpha=0.7)
    ax.plot([-1, 1], [-1, 1], color="0.5", lw=0.8, ls="--")
    ax.set_xlim(-1.05, 1.05)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    ax.set_title(title)
    fig.tight_layout()
    return fig
