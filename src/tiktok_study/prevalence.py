"""Corpus prevalence of each frame, by outlet or month, with 95% intervals that include the measure's own error.

The share of articles where ``article_frames.present`` is true is what the tool says. Two errors separate it from
the share a human coder would find: sampling (a group of 12 articles says little) and the measure (a frame rule
with recall 0.8 and specificity 0.9 over- or under-counts). :func:`frame_prevalence` reports both:

* ``share``: the tool's share in the group;
* ``estimate``: the share corrected for the measure's error (Rogan & Gladen 1978:
  ``(share + specificity - 1) / (sensitivity + specificity - 1)``, kept within 0–1), with sensitivity and
  specificity from the **out-of-fold** figures of ``calibration.json`` (``tiktok-study calibrate``);
* ``low``, ``high``: a 95% interval from draws of the group's share (Beta(k + 1, n - k + 1)), of sensitivity
  (Beta(tp + 1, fn + 1)) and of specificity (Beta(tn + 1, fp + 1)), the counts rebuilt from the coded sample's
  size, prevalence, precision and recall; a fixed seed keeps them reproducible;
* ``rule``: which rule decided ``present`` (``calibrated`` when the codebook gives the frame its own rule,
  ``default`` otherwise) and ``error_model``: whether the measure's error is in the interval.

The measure's error is only known for the rule it was measured on: the calibrated rules of ``calibration.json``.
A frame decided by the default rule, or not calibrated, gets the sampling interval only, and says so.

Example:
    >>> import pandas as pd
    >>> af = pd.DataFrame({"article_id": ["a", "b", "c", "d"], "frame": "conflict", "present": [True, True, False, True]})
    >>> arts = pd.DataFrame({"article_id": ["a", "b", "c", "d"], "source": ["X", "X", "Y", "Y"]})
    >>> frame_prevalence(af, arts, by="source", draws=200)[["group", "n_articles", "share", "rule"]].values.tolist()
    [['X', 2, 1.0, 'default'], ['Y', 2, 0.5, 'default']]
"""

from __future__ import annotations

import json
import logging
import math
import os
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from tiktok_study.codebook import Codebook, as_codebook
from tiktok_study.errors import UsageError

__all__ = ["PREVALENCE_COLUMNS", "PREVALENCE_SEED", "frame_prevalence", "measure_error"]

logger = logging.getLogger(__name__)

PREVALENCE_SEED = 19780101  # Rogan & Gladen (1978)
PREVALENCE_COLUMNS = [
    "frame", "by", "group", "n_articles", "n_present", "share", "estimate", "low", "high", "rule", "error_model",
]  # fmt: skip


def measure_error(calibration: dict[str, Any] | str | os.PathLike[str]) -> dict[str, dict[str, int]]:
    """Per calibrated frame, the out-of-fold confusion counts (tp, fp, fn, tn) of ``calibration.json``.

    Rebuilt from ``n_items``, ``prevalence``, ``precision_cv`` and ``recall_cv`` (rounded to whole items);
    frames that were not calibratable are left out.

    Example:
        >>> measure_error({"n_items": 100, "frames": {"legal": {"prevalence": 0.3, "precision_cv": 0.75,
        ...     "recall_cv": 0.6, "f1_cv": 0.667}}})
        {'legal': {'tp': 18, 'fp': 6, 'fn': 12, 'tn': 64}}
    """
    data = _load(calibration)
    n = int(data["n_items"])
    out = {}
    for frame, f in data["frames"].items():
        if f.get("f1_cv") is None or f.get("recall_cv") is None:
            continue
        positives = round(f["prevalence"] * n)
        tp = round(f["recall_cv"] * positives)
        fp = round(tp / f["precision_cv"] - tp) if f.get("precision_cv") else 0
        out[frame] = {"tp": tp, "fp": fp, "fn": positives - tp, "tn": n - positives - fp}
    return out


def _load(calibration: dict[str, Any] | str | os.PathLike[str]) -> dict[str, Any]:
    if isinstance(calibration, dict):
        data = calibration
    else:
        path = Path(calibration)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UsageError(f"calibration file {path}: cannot be read as JSON ({exc})") from exc
    if not isinstance(data, dict) or "frames" not in data or "n_items" not in data:
        raise UsageError(
            "a calibration needs n_items and frames, as calibration.json of `tiktok-study calibrate`"
        )
    return data


def _groups(articles: pd.DataFrame, by: str | None) -> pd.Series:
    if by is None:
        return pd.Series("all", index=articles["article_id"])
    if by == "source":
        values = articles["source"].fillna("").astype(str).replace("", "unknown")
    elif by == "month":
        published = (
            articles["published"] if "published" in articles.columns else pd.Series("", index=articles.index)
        )
        text = published.map(
            lambda v: "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)[:7]
        )
        values = text.where(text.str.fullmatch(r"\d{4}-\d{2}"), "unknown")
    else:
        raise UsageError(f"by must be source, month or None, not {by!r}")
    return pd.Series(values.to_numpy(), index=articles["article_id"])


def frame_prevalence(
    article_frames: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    by: Literal["source", "month"] | None = "source",
    calibration: dict[str, Any] | str | os.PathLike[str] | None = None,
    codebook: Codebook | str | Path | None = None,
    draws: int = 4000,
    seed: int = PREVALENCE_SEED,
) -> pd.DataFrame:
    """Each frame's share of articles per group, corrected for the measure's error, with 95% intervals.

    Args:
        article_frames: the ``article_frames`` table (article_id, frame, present).
        articles: the ``articles`` table (article_id, and ``source`` or ``published`` for the groups).
        by: ``source`` (outlet), ``month`` (of ``published``; ``unknown`` without a date) or None (the corpus).
        calibration: ``calibration.json`` of ``tiktok-study calibrate`` (path or data); None: sampling error only.
        codebook: the codebook that produced ``article_frames`` (tells which frames have a calibrated rule).
        draws: Monte Carlo draws for the intervals.
        seed: their seed.

    Returns:
        One row per frame and group with :data:`PREVALENCE_COLUMNS` (see the module docstring).
    """
    missing = [c for c in ("article_id", "frame", "present") if c not in article_frames.columns]
    if missing:
        raise UsageError(f"frame_prevalence: the article_frames table lacks {', '.join(missing)}")
    book = as_codebook(codebook)
    errors = measure_error(calibration) if calibration is not None else {}
    groups = _groups(articles, by)
    table = article_frames[article_frames["article_id"].isin(groups.index)]
    table = table.assign(group=table["article_id"].map(groups))
    rng = np.random.default_rng(seed)
    rows = []
    frames = [f for f in book.frame_ids if f in set(table["frame"])] + sorted(
        set(table["frame"]) - set(book.frame_ids)
    )
    for frame in frames:
        calibrated = frame in book.frame_ids and book[frame].rule is not None
        error = errors.get(frame) if calibrated else None
        sub = table[table["frame"] == frame]
        for group, part in sub.groupby("group", sort=True):
            n, k = len(part), int(part["present"].astype(bool).sum())
            share_draws = rng.beta(k + 1, n - k + 1, size=draws)
            if error is None:
                estimate, sample = k / n, share_draws
                model = "sampling only" + (" (default rule: its error was not measured)" if not calibrated
                                           else " (frame not in the calibration)")  # fmt: skip
            else:
                sens = rng.beta(error["tp"] + 1, error["fn"] + 1, size=draws)
                spec = rng.beta(error["tn"] + 1, error["fp"] + 1, size=draws)
                sample = _corrected(share_draws, sens, spec)
                sample = np.where(np.isnan(sample), rng.random(draws), sample)  # no better than chance: 0–1
                point_sens = error["tp"] / max(1, error["tp"] + error["fn"])
                point_spec = error["tn"] / max(1, error["tn"] + error["fp"])
                estimate = float(
                    _corrected(np.array([k / n]), np.array([point_sens]), np.array([point_spec]))[0]
                )
                model = f"sampling + measure error (out-of-fold, {sum(error.values())} coded items)"
            low, high = np.percentile(sample, [2.5, 97.5])
            rows.append({"frame": frame, "by": by or "corpus", "group": group, "n_articles": n, "n_present": k,
                         "share": k / n, "estimate": estimate, "low": float(low), "high": float(high),
                         "rule": "calibrated" if calibrated else "default", "error_model": model})  # fmt: skip
    return pd.DataFrame(rows, columns=PREVALENCE_COLUMNS)


def _corrected(share: np.ndarray, sens: np.ndarray, spec: np.ndarray) -> np.ndarray:
    """Rogan–Gladen within 0–1; NaN where the measure is no better than chance (sens + spec <= 1)."""
    informative = sens + spec - 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        value = (share + spec - 1.0) / informative
    return np.where(informative > 0, np.clip(value, 0.0, 1.0), np.nan)
