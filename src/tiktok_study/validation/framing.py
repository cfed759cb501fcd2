"""Frames against human coding: per-frame agreement of the tool and the coders' own reliability.

The reliability of the human coding comes first (a tool cannot be judged against codes the coders do not agree
on): per frame, Krippendorff's alpha (nominal) between the coders with a 95% bootstrap interval over items, and
a flag for frames below :data:`ALPHA_TENTATIVE` (0.667, Krippendorff's floor for tentative conclusions). Then
per frame precision, recall and F1 of the tool against the coders' consensus, beside the all-positive baseline.
"""

from __future__ import annotations

import logging
import math

import numpy as np
import pandas as pd

from tiktok_study import metrics
from tiktok_study.validation.gold import Gold
from tiktok_study.validation.report import miss, misses_table, prf_row

__all__ = ["ALPHA_TENTATIVE", "coder_reliability", "evaluate_frames"]

logger = logging.getLogger(__name__)

ALPHA_TENTATIVE = 0.667  # Krippendorff (2004): below it, no conclusions, not even tentative ones


RELIABILITY_COLUMNS = ["frame", "n_items", "n_coders", "alpha", "alpha_low", "alpha_high", "below_threshold"]


def coder_reliability(gold: Gold, idx: np.ndarray | None = None) -> pd.DataFrame:
    """Per frame, Krippendorff's alpha (nominal) between the coders of a frames gold file, with its interval.

    Args:
        gold: a frames gold file (from :func:`~tiktok_study.validation.read_gold`) with a ``coder`` column.
        idx: bootstrap resamples of the items (``metrics.bootstrap_indices``); None or empty: no interval.

    Returns:
        One row per frame with :data:`RELIABILITY_COLUMNS`: ``n_items`` coded by at least two coders,
        ``alpha`` and its 95% percentile interval, ``below_threshold`` when alpha < :data:`ALPHA_TENTATIVE` or
        undefined. Empty (with the columns) when the file has one coder.

    Example:
        >>> import tempfile, pathlib
        >>> from tiktok_study.validation import read_gold
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "f.csv"
        >>> _ = path.write_text("text,coder,conflict\\nA.,x,1\\nA.,y,1\\nB.,x,0\\nB.,y,0\\nC.,x,1\\nC.,y,0\\n")
        >>> coder_reliability(read_gold("frames", path))[["frame", "alpha", "below_threshold"]].round(3).values.tolist()
        [['conflict', 0.444, True]]
    """
    if gold.kind != "frames":
        raise ValueError(f"coder_reliability: a frames gold file is needed, not {gold.kind}")
    items = gold.items["item"].sort_values().tolist()
    rows = []
    if len(gold.coders) < 2:
        return pd.DataFrame(rows, columns=RELIABILITY_COLUMNS)
    for frame in gold.frames:
        matrix = (
            gold.codes.pivot(index="coder", columns="item", values=frame)
            .reindex(index=list(gold.coders), columns=items).to_numpy(dtype=float)
        )  # fmt: skip
        alpha = float(metrics.binary_alpha(matrix)[0])
        if idx is not None and idx.size:
            low, high = metrics.interval(metrics.binary_alpha(matrix, idx))
        else:
            low, high = math.nan, math.nan
        rows.append(
            {"frame": frame, "n_items": int(((~np.isnan(matrix)).sum(axis=0) >= 2).sum()),
             "n_coders": len(gold.coders), "alpha": alpha, "alpha_low": low, "alpha_high": high,
             "below_threshold": bool(math.isnan(alpha) or alpha < ALPHA_TENTATIVE)}
        )  # fmt: skip
    return pd.DataFrame(rows, columns=RELIABILITY_COLUMNS)


def evaluate_frames(gold: Gold, pred: pd.DataFrame, idx: np.ndarray) -> dict:
    """Per-frame agreement of ``pred`` (item, frame, present, hits, terms) with the coders' consensus."""
    items = gold.items.sort_values("item").reset_index(drop=True)
    n = len(items)
    frames = gold.frames
    codes = gold.codes
    # consensus of the coders: present when at least half of those who coded the item said so
    consensus = codes.groupby("item")[list(frames)].mean().reindex(items["item"]) >= 0.5
    tool = pd.DataFrame(False, index=items["item"], columns=list(frames))
    evidence = pd.DataFrame("", index=items["item"], columns=list(frames))
    hits = pd.DataFrame(0, index=items["item"], columns=list(frames))
    for row in pred.itertuples():
        if row.frame in tool.columns and row.item in tool.index:
            tool.loc[row.item, row.frame] = bool(row.present)
            hits.loc[row.item, row.frame] = int(row.hits)
            evidence.loc[row.item, row.frame] = str(row.terms)
    rows, misses, item_rows = [], [], []
    coders = gold.coders
    reliability_table = coder_reliability(gold, idx)
    reliability = reliability_table.set_index("frame")
    for frame in frames:
        g = consensus[frame].to_numpy(dtype=bool)
        t = tool[frame].to_numpy(dtype=bool)
        counts = np.column_stack([g & t, ~g & t, g & ~t]).astype(int)
        alpha = metrics.krippendorff_alpha([g.astype(float), t.astype(float)])
        alpha_coders = float(reliability.loc[frame, "alpha"]) if frame in reliability.index else math.nan
        rows.append(
            prf_row(frame, counts, idx, prevalence=float(g.mean()) if n else math.nan,
                     baseline_f1=metrics.all_positive_f1(g), alpha=alpha, alpha_coders=alpha_coders)
        )  # fmt: skip
        for i, item in enumerate(items.itertuples()):
            item_rows.append(
                {"item": item.item, "line": item.line, "source": item.source, "key": item.key,
                 "article_id": item.article_id, "text": item.text, "frame": frame, "gold": bool(g[i]), "tool": bool(t[i]),
                 "hits": int(hits.iloc[i][frame]), "terms": evidence.iloc[i][frame]}
            )  # fmt: skip
    table = pd.DataFrame(item_rows)
    shown = table["text"].where(table["text"] != "", table["article_id"]) if len(table) else table.get("text")
    if len(table):
        table = table.assign(shown=shown)
        fp = table[~table["gold"] & table["tool"]].sort_values(
            ["hits", "frame", "item"], ascending=[False, True, True], kind="mergesort"
        )
        fn = table[table["gold"] & ~table["tool"]].sort_values(["frame", "item"], kind="mergesort")
        for r in fn.itertuples():
            misses.append(miss("false_negative", r.item, r.line, r.frame, 1, 0, r.shown,
                                detail=f"{r.hits} hit(s): {r.terms}" if r.hits else ""))  # fmt: skip
        for r in fp.itertuples():
            misses.append(miss("false_positive", r.item, r.line, r.frame, 0, 1, r.shown,
                                detail=f"{r.hits} hit(s): {r.terms}"))  # fmt: skip
    scores = pd.DataFrame(rows)
    total = scores[["tp", "fp", "fn"]].sum()
    micro = metrics.prf(tp=int(total["tp"]), fp=int(total["fp"]), fn=int(total["fn"]))
    summary = {
        "n_items": n,
        "n_coders": len(coders),
        "micro_f1": micro[2],
        "macro_f1": float(np.nanmean(scores["f1"])) if scores["f1"].notna().any() else math.nan,
        "mean_alpha": float(np.nanmean(scores["alpha"])) if scores["alpha"].notna().any() else math.nan,
    }
    if len(reliability_table):
        summary["frames_below_alpha"] = reliability_table.loc[
            reliability_table["below_threshold"], "frame"
        ].tolist()
    return {
        "summary": summary,
        "scores": scores,
        "misses": misses_table(misses),
        "details": {
            "items": table.drop(columns=["shown"]) if len(table) else table,
            "reliability": reliability_table,
        },
    }
