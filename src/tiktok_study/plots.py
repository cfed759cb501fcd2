"""The notebooks' figures: matplotlib, one function each, readable at a glance (titles, labelled axes).

Each function takes the project's tables and returns a :class:`matplotlib.figure.Figure`; the notebook saves it
with :func:`tiktok_study.notebook.save_figure`. Nothing is computed here that the tables do not already hold.
"""

from __future__ import annotations

import logging

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

__all__ = [
    "actor_tone",
    "article_labels",
    "calibration",
    "frame_heatmap",
    "frames_along",
    "horizontal_bars",
    "metric_intervals",
    "sentiment_arcs",
    "sentiment_distribution",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())


def article_labels(articles: pd.DataFrame, *, width: int = 38) -> dict[str, str]:
    """Short readable labels: the id's first part and the start of the title (``000 · How TikTok’s Fate…``)."""
    out = {}
    for article_id, title in zip(articles["article_id"], articles["title"], strict=True):
        head = str(article_id).split("_")[0]
        title = str(title or "(no title)")
        out[article_id] = f"{head} · {title if len(title) <= width else title[: width - 1] + '…'}"
    return out


def horizontal_bars(
    values: pd.Series, *, title: str, xlabel: str, annotate: bool = True, color: str = "#4C72B0"
) -> Figure:
    """A horizontal bar chart of a labelled series (largest at the top), each bar annotated with its value."""
    values = values.sort_values(kind="mergesort")
    fig, ax = plt.subplots(figsize=(8, max(2.0, 0.38 * len(values) + 1.2)))
    ax.barh([str(i) for i in values.index], values.to_numpy(), color=color)
    if annotate:
        for y, v in enumerate(values.to_numpy()):
            ax.annotate(f"{v:g}", (v, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.margins(x=0.12)
    fig.tight_layout()
    return fig


def frame_heatmap(article_frames: pd.DataFrame, labels: dict[str, str] | None = None) -> Figure:
    """Articles × frames, coloured by hits per 1,000 words; a dot marks a frame that is ``present``."""
    matrix = article_frames.pivot(index="article_id", columns="frame", values="hits_per_1k_words")
    present = article_frames.pivot(index="article_id", columns="frame", values="present").astype(bool)
    dominant = article_frames.pivot(index="article_id", columns="frame", values="dominant").astype(bool)
    fig, ax = plt.subplots(figsize=(1.0 + 0.8 * matrix.shape[1], 1.4 + 0.5 * matrix.shape[0]))
    image = ax.imshow(matrix.to_numpy(dtype=float), cmap="Blues", aspect="auto")
    for (i, j), v in np.ndenumerate(matrix.to_numpy(dtype=float)):
        mark = "★" if dominant.iat[i, j] else ("•" if present.iat[i, j] else "")
        ax.text(j, i, f"{v:.1f}{mark}", ha="center", va="center", fontsize=8,
                color="white" if v > np.nanmax(matrix.to_numpy(dtype=float)) * 0.6 else "black")  # fmt: skip
    ax.set_xticks(range(matrix.shape[1]), matrix.columns, rotation=40, ha="right")
    ax.set_yticks(range(matrix.shape[0]), [(labels or {}).get(i, i) for i in matrix.index])
    ax.set_title("Frame hits per 1,000 words (• present, ★ dominant)")
    fig.colorbar(image, ax=ax, label="hits per 1,000 words", shrink=0.8)
    fig.tight_layout()
    return fig


def frames_along(
    frames: pd.DataFrame, paragraphs: pd.DataFrame, *, bins: int = 5, frame_ids: tuple[str, ...] | None = None
) -> Figure:
    """Where in the articles each frame appears: hits by relative paragraph position (fifths by default).

    ``frame_ids`` (the codebook's) keeps a row for every frame, zeros included.
    """
    body = paragraphs[paragraphs["kind"] == "body"]
    order = body.groupby("article_id")["paragraph_id"].rank(method="first") - 1
    size = body.groupby("article_id")["paragraph_id"].transform("size")
    position = body.assign(bin=np.minimum(((order + 0.5) / size * bins).astype(int), bins - 1))
    hits = frames.merge(position[["article_id", "paragraph_id", "bin"]], on=["article_id", "paragraph_id"])
    table = (
        hits.groupby(["frame", "bin"]).size().unstack(fill_value=0).reindex(columns=range(bins), fill_value=0)
    )
    fig, ax = plt.subplots(figsize=(7, 0.45 * max(len(table), 1) + 1.6))
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


def sentiment_distribution(sentiment: pd.DataFrame, labels: dict[str, str] | None = None) -> Figure:
    """Sentence compound scores per article (box plot with every sentence as a dot) and the ±0.05 band."""
    ids = sorted(sentiment["article_id"].unique())
    data = [sentiment.loc[sentiment["article_id"] == i, "compound"].to_numpy() for i in ids]
    fig, ax = plt.subplots(figsize=(8, 0.6 * len(ids) + 1.6))
    ax.axvspan(-0.05, 0.05, color="0.9", label="neutral band (±0.05)")
    ax.boxplot(data, vert=False, widths=0.5, showfliers=False)
    for y, values in enumerate(data, start=1):
        jitter = (np.arange(len(values)) % 5 - 2) * 0.05
        ax.scatter(values, y + jitter, s=10, alpha=0.6, color="#4C72B0")
    ax.set_yticks(range(1, len(ids) + 1), [(labels or {}).get(i, i) for i in ids])
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("VADER compound of each sentence (−1 negative … +1 positive)")
    ax.set_title("Sentence tone by article (word-level tone, not stance)")
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig


def sentiment_arcs(arc: pd.DataFrame, labels: dict[str, str] | None = None) -> Figure:
    """Mean compound by position bin, one line per article."""
    fig, ax = plt.subplots(figsize=(8, 4))
    for article_id, rows in arc.groupby("article_id", sort=True):
        centre = (rows["bin_start"] + rows["bin_end"]) / 2
        ax.plot(
            centre * 100, rows["mean_compound"], marker="o", label=(labels or {}).get(article_id, article_id)
        )
    ax.axhline(0, color="0.6", lw=0.8)
    ax.set_ylim(-1, 1)
    ax.set_xlabel("position in the article (% of sentences)")
    ax.set_ylabel("mean VADER compound")
    ax.set_title("Sentiment arc: tone along each article")
    ax.legend(fontsize=8, loc="best")
    fig.tight_layout()
    return fig


def actor_tone(tone: pd.DataFrame, *, min_n: int = 5) -> Figure:
    """Mean compound of the sentences mentioning each actor, ±1 SE, with n; actors under ``min_n`` greyed."""
    tone = tone.sort_values(["mean_compound", "actor"], kind="mergesort")
    small = tone["n_sentences"] < min_n
    fig, ax = plt.subplots(figsize=(8, 0.38 * len(tone) + 1.6))
    y = np.arange(len(tone))
    colors = np.where(small, "0.75", np.where(tone["mean_compound"] >= 0, "#55A868", "#C44E52"))
    ax.barh(y, tone["mean_compound"], xerr=tone["se_compound"].fillna(0), color=colors, ecolor="0.4")
    ax.set_yticks(y, [f"{a} (n={n})" for a, n in zip(tone["actor"], tone["n_sentences"], strict=True)])
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
    fig, ax = plt.subplots(figsize=(8, 0.4 * len(scores) + 1.6))
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
