"""Agreement metrics for validating the tool against human coding: pure functions on arrays.

Everything here is plain NumPy/SciPy on small inputs, so each function can be checked by hand. Conventions:

* precision is ``tp / (tp + fp)`` and NaN when nothing was predicted; recall is ``tp / (tp + fn)`` and NaN when
  there is nothing to find; F1 is ``2 tp / (2 tp + fp + fn)`` (the harmonic mean of the two, defined as 0 when
  only one of them is NaN and the other side has errors) and NaN only when there was nothing at all;
* bootstrap intervals are 95% percentile intervals over resampled *items* (texts, articles, paragraphs), from
  one index matrix drawn with a fixed seed, so every figure of a report is resampled the same way and the same
  input always gives the same interval.

Example:
    >>> prf(tp=2, fp=1, fn=1)
    (0.6666666666666666, 0.6666666666666666, 0.6666666666666666)
    >>> sentiment_class([0.5, 0.05, 0.0499, -0.05])
    ['positive', 'positive', 'neutral', 'negative']
"""

from __future__ import annotations

import logging
import math
import re
import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from tiktok_study.sentiment import POSITIVE_THRESHOLD, label_compound

__all__ = [
    "BOOTSTRAP_RESAMPLES",
    "BOOTSTRAP_SEED",
    "SENTIMENT_CLASSES",
    "VADER_THRESHOLD",
    "all_positive_f1",
    "average_classes",
    "binary_alpha",
    "bootstrap_indices",
    "bootstrap_prf",
    "class_scores",
    "gold_class",
    "interval",
    "krippendorff_alpha",
    "match_numbers",
    "normalize_name",
    "numbers_match",
    "pearson",
    "prf",
    "rank_average",
    "rowwise_pearson",
    "rowwise_spearman",
    "sentiment_class",
    "spearman",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

WHITESPACE_RUN = re.compile(r"\s+")

VADER_THRESHOLD = POSITIVE_THRESHOLD  # Hutto & Gilbert (2014): compound >= 0.05 positive, <= -0.05 negative
SENTIMENT_CLASSES = ("negative", "neutral", "positive")
BOOTSTRAP_SEED = 20140601  # fixed: the same input gives the same intervals (ICWSM 2014, the VADER paper)
BOOTSTRAP_RESAMPLES = 1000


def _ratio(num: float, den: float) -> float:
    return float(num) / float(den) if den else math.nan


def prf(*, tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (see the module docstring for the NaN conventions).

    Example:
        >>> prf(tp=0, fp=0, fn=3)
        (nan, 0.0, 0.0)
        >>> prf(tp=0, fp=0, fn=0)
        (nan, nan, nan)
    """
    return _ratio(tp, tp + fp), _ratio(tp, tp + fn), _ratio(2 * tp, 2 * tp + fp + fn)


def all_positive_f1(gold: Sequence[bool] | np.ndarray) -> float:
    """F1 of the baseline that codes every item positive: ``2p / (1 + p)`` with ``p`` the prevalence.

    Example:
        >>> all_positive_f1([True, False, False, False])
        0.4
    """
    g = np.asarray(gold, dtype=bool)
    return _ratio(2 * g.sum(), 2 * g.sum() + (~g).sum())


def sentiment_class(scores: Sequence[float] | np.ndarray, *, threshold: float = VADER_THRESHOLD) -> list[str]:
    """Three classes from scores: ``>= threshold`` positive, ``<= -threshold`` negative, else neutral.

    With ``threshold=0`` the sign decides and only an exact 0 is neutral (how gold scores are classed).

    Example:
        >>> sentiment_class([0.2, 0.0, -0.01], threshold=0)
        ['positive', 'neutral', 'negative']
    """
    return label_compound(np.atleast_1d(np.asarray(scores, dtype=float)), threshold=threshold).tolist()


def gold_class(scores: Sequence[float] | np.ndarray, *, band: float = 0.0) -> list[str]:
    """Three classes from human scores: ``> band`` positive, ``< -band`` negative, else neutral.

    With ``band=0`` the sign decides and only an exact 0 is neutral; a scale with a neutral band (say
    ``|score| <= 0.5`` on -4..4) passes it here.

    Example:
        >>> gold_class([0.5, -0.5, 0.51, 0.0])
        ['positive', 'negative', 'positive', 'neutral']
        >>> gold_class([0.5, -0.5, 0.51, 0.0], band=0.5)
        ['neutral', 'neutral', 'positive', 'neutral']
    """
    values = np.asarray(scores, dtype=float)
    return np.where(values > band, "positive", np.where(values < -band, "negative", "neutral")).tolist()


def class_scores(
    gold: Sequence[str], pred: Sequence[str], *, classes: Sequence[str] = SENTIMENT_CLASSES
) -> pd.DataFrame:
    """Per-class precision, recall, F1 and support, then the ``macro`` and ``weighted`` (by support) averages.

    Averages are taken over the classes that occur in the gold or the predictions (see :func:`average_classes`).

    Example:
        >>> t = class_scores(["positive", "negative", "neutral", "positive"],
        ...                  ["positive", "neutral", "neutral", "negative"])
        >>> t.set_index("group")["f1"].round(3).to_dict()
        {'negative': 0.0, 'neutral': 0.667, 'positive': 0.667, 'macro': 0.444, 'weighted': 0.5}
    """
    g = np.asarray(gold, dtype=object)
    p = np.asarray(pred, dtype=object)
    if g.shape != p.shape:
        raise ValueError(f"gold has {g.size} labels, predictions {p.size}")
    rows = []
    for c in classes:
        tp = int(((g == c) & (p == c)).sum())
        fp = int(((g != c) & (p == c)).sum())
        fn = int(((g == c) & (p != c)).sum())
        precision, recall, f1 = prf(tp=tp, fp=fp, fn=fn)
        rows.append(
            {"group": c, "precision": precision, "recall": recall, "f1": f1, "support": tp + fn,
             "tp": tp, "fp": fp, "fn": fn}
        )  # fmt: skip
    table = pd.DataFrame(rows)
    support = table["support"].to_numpy(dtype=float)
    per_class = {m: table[m].to_numpy(dtype=float) for m in ("precision", "recall", "f1")}
    averaged = average_classes(per_class, support)
    averages = [
        {"group": name, "support": int(support.sum()), **{m: float(v) for m, v in averaged[name].items()}}
        for name in ("macro", "weighted")
    ]
    out = pd.concat([table, pd.DataFrame(averages)], ignore_index=True)
    for col in ("tp", "fp", "fn"):
        out[col] = out[col].astype("Int64")
    return out


def average_classes(
    per_class: dict[str, np.ndarray], support: np.ndarray
) -> dict[str, dict[str, np.ndarray]]:
    """Macro and support-weighted averages of per-class precision, recall and F1 (last axis = classes).

    A class that occurs in neither the gold nor the predictions (its F1 is NaN) is left out; a class that
    occurs on one side only counts its undefined precision or recall as 0, as scikit-learn does. Works on
    single figures ``(k,)`` and on bootstrap resamples ``(B, k)`` alike.

    Example:
        >>> out = average_classes({"precision": np.array([np.nan, np.nan, 0.5]),
        ...                        "recall": np.array([0.0, np.nan, 1.0]),
        ...                        "f1": np.array([0.0, np.nan, 2 / 3])}, np.array([1, 0, 1]))
        >>> float(out["macro"]["precision"]), float(out["weighted"]["recall"])
        (0.25, 0.5)
    """
    involved = ~np.isnan(np.asarray(per_class["f1"], dtype=float))
    w = np.where(involved, np.asarray(support, dtype=float), 0.0)
    k = involved.sum(axis=-1)
    out: dict[str, dict[str, np.ndarray]] = {"macro": {}, "weighted": {}}
    with np.errstate(invalid="ignore", divide="ignore"):
        for metric, values in per_class.items():
            v = np.where(involved, np.nan_to_num(np.asarray(values, dtype=float), nan=0.0), 0.0)
            out["macro"][metric] = np.where(k > 0, v.sum(axis=-1) / k, np.nan)
            total = w.sum(axis=-1)
            out["weighted"][metric] = np.where(total > 0, (v * w).sum(axis=-1) / total, np.nan)
    return out


def pearson(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray) -> float:
    """Pearson's r; NaN when fewer than 3 pairs or one side is constant.

    Example:
        >>> round(pearson([1, 2, 3, 4], [1, 3, 2, 4]), 6)
        0.8
    """
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if a.size < 3:
        return math.nan
    return float(rowwise_pearson(a[None, :], b[None, :])[0])


def spearman(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray) -> float:
    """Spearman's rank correlation (average ranks for ties); NaN when fewer than 3 pairs or one side is constant.

    Example:
        >>> round(spearman([1, 2, 3, 4], [10, 30, 20, 40]), 6)
        0.8
    """
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if a.size < 3:
        return math.nan
    return float(rowwise_spearman(a[None, :], b[None, :])[0])


def rowwise_pearson(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Pearson's r of each row pair of two ``(B, n)`` arrays (NaN for a constant row).

    Example:
        >>> rowwise_pearson(np.array([[1., 2, 3, 4], [1, 1, 1, 1]]), np.array([[1., 3, 2, 4], [1, 2, 3, 4]])).round(6)
        array([0.8, nan])
    """
    xc = x - x.mean(axis=1, keepdims=True)
    yc = y - y.mean(axis=1, keepdims=True)
    den = np.sqrt((xc * xc).sum(axis=1) * (yc * yc).sum(axis=1))
    with np.errstate(invalid="ignore", divide="ignore"):
        r = (xc * yc).sum(axis=1) / den
    r[den == 0] = np.nan
    return np.clip(r, -1.0, 1.0)


def rowwise_spearman(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Spearman's rho of each row pair of two ``(B, n)`` arrays (average ranks for ties).

    Example:
        >>> rowwise_spearman(np.array([[1., 2, 3, 4]]), np.array([[10., 30, 20, 40]])).round(6)
        array([0.8])
    """
    return rowwise_pearson(rank_average(x), rank_average(y))


def rank_average(values: np.ndarray) -> np.ndarray:
    """Ranks (1 = smallest) along the last axis, ties sharing their average rank (like ``scipy.stats.rankdata``).

    Example:
        >>> rank_average(np.array([[10.0, 30, 20, 20]]))
        array([[1. , 4. , 2.5, 2.5]])
    """
    a = np.asarray(values, dtype=float)
    n = a.shape[-1]
    order = np.argsort(a, axis=-1, kind="stable")
    ordered = np.take_along_axis(a, order, axis=-1)
    first = np.ones(a.shape, dtype=bool)
    first[..., 1:] = ordered[..., 1:] != ordered[..., :-1]
    last = np.ones(a.shape, dtype=bool)
    last[..., :-1] = first[..., 1:]
    position = np.broadcast_to(np.arange(n), a.shape)
    start = np.maximum.accumulate(np.where(first, position, 0), axis=-1)
    end = np.flip(np.minimum.accumulate(np.flip(np.where(last, position, n - 1), axis=-1), axis=-1), axis=-1)
    ranks = np.empty(a.shape, dtype=float)
    np.put_along_axis(ranks, order, (start + end) / 2.0 + 1.0, axis=-1)
    return ranks


def bootstrap_indices(
    n: int, *, resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED
) -> np.ndarray:
    """A ``(resamples, n)`` matrix of item indices drawn with replacement (fixed seed: deterministic).

    Example:
        >>> bootstrap_indices(3, resamples=2, seed=1).shape
        (2, 3)
    """
    if n <= 0 or resamples <= 0:
        return np.zeros((0, max(n, 0)), dtype=np.intp)
    return np.random.default_rng(seed).integers(0, n, size=(resamples, n), dtype=np.intp)


def bootstrap_prf(counts: np.ndarray, idx: np.ndarray) -> dict[str, np.ndarray]:
    """Resampled precision, recall and F1 from per-item ``(n, 3)`` counts of tp, fp, fn.

    Each row of ``idx`` (from :func:`bootstrap_indices`) is one resample of items; the counts of the drawn items
    are added up (micro average), so a text with three numbers weighs three times a text with one.

    Example:
        >>> counts = np.array([[1, 0, 0], [0, 1, 0], [1, 0, 1]])
        >>> {k: v.round(3).tolist() for k, v in bootstrap_prf(counts, np.array([[0, 1, 2], [0, 0, 2]])).items()}
        {'precision': [0.667, 1.0], 'recall': [0.667, 0.75], 'f1': [0.667, 0.857]}
    """
    c = np.asarray(counts, dtype=float)
    # one column at a time: a (B, n) temporary instead of (B, n, 3)
    sums = np.stack([c[:, k][idx].sum(axis=1) for k in range(3)], axis=1) if idx.size else np.zeros((0, 3))
    tp, fp, fn = sums[:, 0], sums[:, 1], sums[:, 2]
    with np.errstate(invalid="ignore", divide="ignore"):
        return {
            "precision": np.where(tp + fp > 0, tp / (tp + fp), np.nan),
            "recall": np.where(tp + fn > 0, tp / (tp + fn), np.nan),
            "f1": np.where(2 * tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), np.nan),
        }


def interval(samples: np.ndarray, *, level: float = 0.95) -> tuple[float, float]:
    """Percentile interval of bootstrap samples, ignoring NaN resamples; (NaN, NaN) when there are none.

    Example:
        >>> [round(x, 6) for x in interval(np.arange(101.0))]
        [2.5, 97.5]
    """
    s = np.asarray(samples, dtype=float)
    s = s[~np.isnan(s)]
    if s.size == 0:
        return math.nan, math.nan
    tail = (1.0 - level) / 2.0 * 100.0
    low, high = np.percentile(s, [tail, 100.0 - tail])
    return float(low), float(high)


def krippendorff_alpha(reliability: Sequence[Sequence[float]] | np.ndarray) -> float:
    """Krippendorff's alpha, nominal, with the ``krippendorff`` package: one row per coder, one column per unit.

    Missing codes are NaN. Alpha is undefined (NaN here, where the package raises or divides by zero) when the
    pairable codes hold a single value: agreement is then total but cannot be told from chance.

    Example:
        >>> round(krippendorff_alpha([[1, 0, 1, 1], [1, 0, 0, 1]]), 4)
        0.5333
        >>> krippendorff_alpha([[0, 0, 0], [0, 0, 0]])
        nan
    """
    import krippendorff

    data = np.asarray(reliability, dtype=float)
    if data.ndim != 2 or data.shape[0] < 2 or data.shape[1] == 0:
        return math.nan
    pairable = (~np.isnan(data)).sum(axis=0) >= 2
    values = data[:, pairable]
    if np.unique(values[~np.isnan(values)]).size < 2:
        return math.nan
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        alpha = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    return alpha


def normalize_name(name: object) -> str:
    """A speaker name for comparison: case-folded, whitespace runs collapsed, trimmed ('' for None/NaN).

    Example:
        >>> normalize_name("  Jensen\\n Huang ")
        'jensen huang'
    """
    if name is None or (isinstance(name, float) and math.isnan(name)):
        return ""
    return WHITESPACE_RUN.sub(" ", str(name)).strip().casefold()


# Honorifics and titles a writer puts before a name; they do not change who is meant ("Mr. Rubio" is "Rubio").
NAME_PREFIX = re.compile(
    r"^(?:(?:mr|mrs|ms|miss|dr|prof|sen|rep|gov|gen|lt|col|capt|sgt|rev|sir|dame|lord|lady|president|"
    r"senator|representative|governor|secretary|minister|premier|chancellor|judge|justice|mayor|ambassador)"
    r"\.?\s+)+"
)
NAME_PUNCTUATION = re.compile(r"[^\w\s'’-]")


def _name_words(name: object) -> list[str]:
    text = NAME_PREFIX.sub("", normalize_name(name))
    return NAME_PUNCTUATION.sub(" ", text).split()


def same_speaker(gold: object, tool: Sequence[object]) -> bool:
    """Whether the tool names the gold speaker: the same name, or the same person written shorter.

    ``tool`` lists the tool's forms of one attribution — the speaker as written, the fullest form of that name in
    the article (``speaker_id``) and the word it was resolved from (``resolved_from``, e.g. "he") — and the gold
    speaker matches when it equals one of them after case-folding, with honorifics and titles dropped, or when
    one is the other's trailing words ("Trump" and "Donald Trump", "Mr. Shields" and "Mark Shields"). An empty
    gold or tool name never matches.

    Example:
        >>> same_speaker("Mr. Shields", ["Mark Shields"]), same_speaker("he", ["Jensen Huang", None, "he"])
        (True, True)
        >>> same_speaker("Donald Trump", ["Melania Trump"]), same_speaker("Trump", ["Trump administration"])
        (False, False)
    """
    want = _name_words(gold)
    if not want:
        return False
    for form in tool:
        have = _name_words(form)
        if not have:
            continue
        short, long = (want, have) if len(want) <= len(have) else (have, want)
        if long[len(long) - len(short) :] == short:
            return True
    return False


def numbers_match(a: Sequence[float], b: Sequence[float], *, rel_tol: float = 1e-6) -> bool:
    """Whether any number of ``a`` equals any of ``b`` within a relative tolerance (NaN never matches).

    A predicted range is passed as its ends, so it matches a gold number equal to either end.

    Example:
        >>> numbers_match([60.0, 90.0], [90.00000001])
        True
        >>> numbers_match([27.8e9], [27.0e9])
        False
    """
    return any(
        not (math.isnan(x) or math.isnan(y)) and math.isclose(x, y, rel_tol=rel_tol, abs_tol=0.0)
        for x in a
        for y in b
    )


def match_numbers(
    pred: Sequence[Sequence[float]], gold: Sequence[Sequence[float]], *, rel_tol: float = 1e-6
) -> list[tuple[int, int]]:
    """The largest one-to-one matching of predicted to gold numbers in one text, as (pred, gold) index pairs.

    Each item is the list of numbers it may match by (a range: both ends). Optimal, not greedy: a range that
    could match either of two gold numbers leaves the other to the prediction that needs it.

    Example:
        >>> match_numbers([[60.0, 90.0], [60.0]], [[60.0], [90.0]])
        [(0, 1), (1, 0)]
    """
    if not pred or not gold:
        return []
    from scipy.optimize import linear_sum_assignment  # imported here: scipy is slow to import

    ok = np.array([[numbers_match(p, g, rel_tol=rel_tol) for g in gold] for p in pred], dtype=bool)
    rows, cols = linear_sum_assignment(-ok.astype(float))
    return sorted((int(r), int(c)) for r, c in zip(rows, cols, strict=True) if ok[r, c])


def binary_alpha(
    reliability: Sequence[Sequence[float]] | np.ndarray, idx: np.ndarray | None = None
) -> np.ndarray:
    """Krippendorff's alpha (nominal) of 0/1 codes, for the items as given or for each bootstrap resample.

    The closed form of alpha for two values: with ``n_0``, ``n_1`` the pairable 0 and 1 codes and ``m_u`` the
    coders of unit ``u``, ``alpha = 1 - (n - 1) * sum_u 2 n_0u n_1u / (m_u - 1) / (2 n_0 n_1)``; units with
    fewer than two codes are not pairable. NaN where one value only occurs (see :func:`krippendorff_alpha`).

    Args:
        reliability: one row per coder, one column per unit, codes 0/1, NaN for missing.
        idx: a ``(B, n_units)`` matrix of resampled unit indices (from :func:`bootstrap_indices`); None for the
            units as given.

    Returns:
        An array of ``B`` alphas (one, without ``idx``).

    Example:
        >>> float(binary_alpha([[1, 0, 1, 1], [1, 0, 0, 1]])[0]) == krippendorff_alpha([[1, 0, 1, 1], [1, 0, 0, 1]])
        True
    """
    data = np.asarray(reliability, dtype=float)
    if data.ndim != 2 or data.size == 0:
        return np.full(1 if idx is None else len(idx), np.nan)
    coded = ~np.isnan(data)
    m = coded.sum(axis=0).astype(float)
    ones = np.where(coded, data == 1, False).sum(axis=0).astype(float)
    zeros = m - ones
    pairable = m >= 2
    w = np.where(pairable, 1.0 / np.maximum(m - 1.0, 1.0), 0.0)
    disagree = 2.0 * zeros * ones * w
    n0, n1 = np.where(pairable, zeros, 0.0), np.where(pairable, ones, 0.0)
    if idx is None:
        idx = np.arange(data.shape[1])[None, :]
    d, z, o = disagree[idx].sum(axis=1), n0[idx].sum(axis=1), n1[idx].sum(axis=1)
    n = z + o
    with np.errstate(invalid="ignore", divide="ignore"):
        alpha = 1.0 - (n - 1.0) * d / (2.0 * z * o)
    return np.where((z > 0) & (o > 0), alpha, np.nan)
