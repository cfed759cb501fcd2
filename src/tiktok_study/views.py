"""Cross-table views the notebooks show: small, tidy summaries of the analysis tables (no new measurement).

Example:
    >>> import pandas as pd
    >>> af = pd.DataFrame({"article_id": ["a", "a", "b", "b"], "frame": ["conflict", "economic"] * 2,
    ...     "hits": [3, 1, 0, 2], "hits_per_1k_words": [6.0, 2.0, 0.0, 4.0], "share_paragraphs": [0.5] * 4,
    ...     "present": [True, False, False, True], "dominant": [True, False, False, True]})
    >>> dominant_frames(af)
    {'a': 'conflict', 'b': 'economic'}
"""

from __future__ import annotations

import logging

import pandas as pd

from tiktok_study import compare
from tiktok_study.schema import require_columns

__all__ = [
    "article_text_with_cuts",
    "dominant_frames",
    "frame_table",
    "outlet_of",
    "tone_ranking",
    "top_terms",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())


def outlet_of(articles: pd.DataFrame) -> pd.Series:
    """The outlet of each article (its stated ``source``; ``(unknown)`` when none), indexed by article_id."""
    return compare.outlets(articles).fillna("(unknown)").astype(str)


def dominant_frames(article_frames: pd.DataFrame) -> dict[str, str | None]:
    """The dominant frame of each article (None when no frame is present)."""
    require_columns(article_frames, "article_frames", where="dominant_frames")
    out: dict[str, str | None] = {}
    for article_id, rows in article_frames.groupby("article_id", sort=True):
        hit = rows.loc[rows["dominant"].astype(bool), "frame"].tolist()
        out[article_id] = hit[0] if hit else None
    return out


def frame_table(article_frames: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per article: its dominant frame and the present frames ordered by hits per 1,000 words."""
    require_columns(article_frames, "article_frames", where="frame_table")
    rows = []
    for article_id, af in article_frames.groupby("article_id", sort=True):
        present = af[af["present"].astype(bool)].sort_values(
            ["hits_per_1k_words", "frame"], ascending=[False, True], kind="mergesort"
        )
        rows.append(
            {
                "article_id": article_id,
                "dominant": dominant_frames(af).get(article_id),
                "present (hits per 1k words)": ", ".join(
                    f"{f} ({v:.1f})"
                    for f, v in zip(present["frame"], present["hits_per_1k_words"], strict=True)
                ),
                "hits": int(af["hits"].sum()),
            }
        )
    out = pd.DataFrame(rows)
    titles = articles.set_index("article_id")["title"]
    out.insert(1, "title", out["article_id"].map(titles))
    return out


def top_terms(frames: pd.DataFrame, *, n: int = 5) -> pd.DataFrame:
    """The ``n`` most frequent indicator terms of each frame, with their hit counts."""
    require_columns(frames, "frames", where="top_terms")
    counts = frames.groupby(["frame", "term"]).size().rename("hits").reset_index()
    counts = counts.sort_values(["frame", "hits", "term"], ascending=[True, False, True], kind="mergesort")
    top = counts.groupby("frame", sort=True).head(n)
    return (
        top.groupby("frame", sort=True)
        .apply(
            lambda g: ", ".join(f"{t} ({h})" for t, h in zip(g["term"], g["hits"], strict=True)),
            include_groups=False,
        )
        .rename("top terms (hits)")
        .reset_index()
    )


def tone_ranking(
    by_article: pd.DataFrame, articles: pd.DataFrame, article_frames: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Articles ranked by mean sentence compound (most positive first), with title and dominant frame."""
    out = by_article.merge(articles[["article_id", "title"]], on="article_id", how="left")
    if article_frames is not None:
        out["dominant_frame"] = out["article_id"].map(dominant_frames(article_frames))
    cols = ["article_id", "title", *(["dominant_frame"] if article_frames is not None else []), "n_sentences",
            "mean_compound", "share_positive", "share_neutral", "share_negative"]  # fmt: skip
    return (
        out[cols]
        .sort_values(["mean_compound", "article_id"], ascending=[False, True], kind="mergesort")
        .reset_index(drop=True)
    )


def article_text_with_cuts(
    article_id: str, articles: pd.DataFrame, removed: pd.DataFrame
) -> tuple[str, pd.DataFrame]:
    """The clean text of one article and the lines cut from its raw file (with the rule that cut each)."""
    text = articles.loc[articles["article_id"] == article_id, "text"]
    if text.empty:
        raise KeyError(f"no article {article_id!r}")
    cuts = removed[removed["article_id"] == article_id].sort_values("line_no", kind="mergesort")
    return str(text.iloc[0]), cuts[["line_no", "rule", "text"]].reset_index(drop=True)
