"""Calibrate each frame's decision rule on a hand-coded sample, and say honestly how good it is.

``tiktok-study calibrate --gold SHEET`` reads a coded sheet (the ``sample`` coding sheet, or any frames gold file
of ``validate``: ``text`` or ``article_id``, one 0/1 column per frame id, optional ``coder``; CSV or XLSX),
measures each item with the codebook (hits, hits per 1,000 words, share of paragraphs with a hit) and learns,
per frame, the rule that decides ``present``:

* the families of rules: ``always`` (every item present), ``threshold`` (the best single cut on hits, on hits
  per 1,000 words or on the share of paragraphs, or the default rule of 2 hits and 1 per 1,000 words; cuts sit
  half-way between two observed values) and ``logistic`` (a logistic regression on the three hit features, with
  the probability cut-off that maximises F1);
* :func:`select_rule` fits each family on the items it is given and picks the family by its F1 under an
  **inner** k-fold cross-validation of those same items (a more complex family must win by 0.01 F1; ``always``
  is the simplest, then the frame's current rule, threshold, logistic);
* the figures are **out-of-fold**: for each of ``folds`` stratified folds, :func:`select_rule` sees only the
  other folds, and the fold's items are predicted by the rule it returns. ``f1_cv``, ``precision_cv`` and
  ``recall_cv`` pool those predictions; ``f1_ci`` is their 95% bootstrap interval over items;
* the rule written into ``codebook.calibrated.yaml`` is :func:`select_rule` on all items.

A frame with fewer than 2 coded positives or 2 negatives is not calibratable: it keeps its rule, and the report
says why. Several coders: an item is positive when at least half of its coders coded 1 (as in ``validate``).

Example:
    >>> import numpy as np
    >>> X = np.array([[0, 0, 0], [2, 1.5, 0.2], [3, 4.0, 0.5], [5, 6.0, 0.6]] * 5, dtype=float)
    >>> y = np.array([False, False, True, True] * 5)
    >>> family, rule = select_rule(X, y, folds=5, seed=1)
    >>> family, rule.min_hits, rule.min_per_1k
    ('threshold', 3, 0.0)
"""

from __future__ import annotations

import itertools
import json
import logging
import math
import os
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from tiktok_study import metrics
from tiktok_study.codebook import Codebook, PresenceRule, as_codebook, default_codebook_path, read_yaml
from tiktok_study.errors import UsageError
from tiktok_study.io import atomic_write_text

__all__ = [
    "ALWAYS",
    "DEFAULT_RULE",
    "FAMILIES",
    "Calibration",
    "calibrate",
    "calibrate_file",
    "cross_validate",
    "fit_logistic",
    "fit_threshold",
    "item_features",
    "select_rule",
]

logger = logging.getLogger(__name__)

FAMILIES = ("always", "default", "threshold", "logistic")
ALWAYS = PresenceRule(min_hits=0, min_per_1k=0.0, min_share=0.0)
DEFAULT_RULE = PresenceRule()  # frame_profile's default: 2 hits and 1 per 1,000 words
FEATURES = ("hits", "hits_per_1k_words", "share_paragraphs")  # the columns of X, from article_frames
MIN_CLASS = 2  # coded positives and negatives a frame needs to be calibrated
# A family must beat the simpler ones before it (FAMILIES order) by this much inner-CV F1 to be chosen: on a few
# hundred items one item moves F1 by about 0.005, so smaller gains are noise, and the simpler rule generalizes.
PREFER_SIMPLER = 0.01
DIGITS = 6  # floats in calibration.json and the calibrated codebook

Fitter = Callable[[np.ndarray, np.ndarray], PresenceRule]


def _decide(rule: PresenceRule, X: np.ndarray) -> np.ndarray:
    return rule.decide(hits=X[:, 0], per_1k=X[:, 1], share=X[:, 2])


def _f1(y: np.ndarray, pred: np.ndarray) -> float:
    tp = int((y & pred).sum())
    return metrics.prf(tp=tp, fp=int((~y & pred).sum()), fn=int((y & ~pred).sum()))[2]


def _cuts(values: np.ndarray) -> list[float]:
    """Cuts half-way between consecutive distinct values (rounded; each still separates its two values)."""
    distinct = np.unique(values)
    cuts = []
    for low, high in itertools.pairwise(distinct):
        cut = round(float(low + high) / 2.0, 4)
        cuts.append(cut if low < cut <= high else float(high))
    return cuts


def fit_threshold(X: np.ndarray, y: np.ndarray) -> PresenceRule:
    """The threshold rule with the best F1 on ``(X, y)`` (ties: always, then the default rule, then fewer hits).

    Candidates: always present; the default rule; ``hits >= k``; ``hits >= 1`` and ``hits_per_1k_words >= t``;
    ``hits >= 1`` and ``share_paragraphs >= s`` — ``k``, ``t``, ``s`` half-way between observed values.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=bool)
    with_hits = X[X[:, 0] >= 1]
    candidates = [ALWAYS, DEFAULT_RULE]
    candidates += [PresenceRule(min_hits=int(k), min_per_1k=0.0) for k in np.unique(X[:, 0]) if k >= 1]
    if len(with_hits):
        candidates += [PresenceRule(min_hits=1, min_per_1k=t) for t in _cuts(np.r_[0.0, with_hits[:, 1]])]
        candidates += [
            PresenceRule(min_hits=1, min_per_1k=0.0, min_share=s) for s in _cuts(np.r_[0.0, with_hits[:, 2]])
        ]
    best, best_f1 = ALWAYS, -1.0
    for rule in candidates:
        score = _f1(y, _decide(rule, X))
        if not math.isnan(score) and score > best_f1:
            best, best_f1 = rule, score
    return best


def _logistic_weights(Z: np.ndarray, y: np.ndarray, *, penalty: float = 1.0, steps: int = 50) -> np.ndarray:
    """Intercept and weights of an L2-penalised logistic regression with balanced class weights (Newton steps).

    The same model as scikit-learn's ``LogisticRegression(C=1/penalty, class_weight="balanced")`` on three
    standardized features, solved directly: a few Newton steps on a 4×4 system are exact and fast, where the
    general solver costs a tenth of a second per fit (and nested cross-validation fits hundreds).
    """
    A = np.column_stack([np.ones(len(Z)), Z])
    w_class = np.where(y, len(y) / (2.0 * y.sum()), len(y) / (2.0 * (~y).sum()))
    ridge = np.full(A.shape[1], penalty)
    ridge[0] = 0.0  # the intercept is not penalised
    beta = np.zeros(A.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(A @ beta, -30, 30)))
        grad = A.T @ (w_class * (p - y)) + ridge * beta
        hess = (A * (w_class * p * (1 - p))[:, None]).T @ A + np.diag(ridge + 1e-9)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-10:
            break
    return beta


def fit_logistic(X: np.ndarray, y: np.ndarray) -> PresenceRule:
    """A logistic regression on ``log(1 + hits)``, hits per 1,000 words and share of paragraphs, with the
    probability cut-off that maximises F1 on ``(X, y)``; weights on the raw feature scales.

    Falls back to :func:`fit_threshold` when ``y`` holds one class only or no feature varies.
    """
    y = np.asarray(y, dtype=bool)
    if y.all() or not y.any():
        return fit_threshold(X, y)
    Z = np.column_stack([np.log1p(X[:, 0]), X[:, 1], X[:, 2]])
    mean, sd = Z.mean(axis=0), Z.std(axis=0)
    used = sd > 0
    if not used.any():
        return fit_threshold(X, y)
    beta = _logistic_weights((Z[:, used] - mean[used]) / sd[used], y)
    coef = np.zeros(3)
    coef[used] = beta[1:] / sd[used]
    intercept = float(beta[0] - (beta[1:] * mean[used] / sd[used]).sum())
    prob = 1.0 / (1.0 + np.exp(-np.clip(intercept + Z @ coef, -30, 30)))
    best_cut, best_f1 = 0.5, -1.0
    for cut in sorted({round(float(c), 4) for c in _cuts(prob)} | {0.5}):
        if not 0.0 < cut < 1.0:
            continue
        score = _f1(y, prob >= cut)
        if score > best_f1:
            best_cut, best_f1 = cut, score
    names = ("log_hits", "hits_per_1k_words", "share_paragraphs")
    weights = tuple((n, round(float(w), DIGITS)) for n, w, u in zip(names, coef, used, strict=True) if u)
    return PresenceRule(
        kind="logistic", intercept=round(intercept, DIGITS), weights=weights, cutoff=round(best_cut, 4)
    )


def _fitters(current: PresenceRule) -> dict[str, Fitter]:
    return {
        "always": lambda X, y: ALWAYS,
        "default": lambda X, y: current,
        "threshold": fit_threshold,
        "logistic": fit_logistic,
    }


def _folds(y: np.ndarray, k: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    from sklearn.model_selection import StratifiedKFold

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "the least populated class has fewer members than k"
        splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
        return list(splitter.split(np.zeros(len(y)), y.astype(int)))


def cross_validate(
    X: np.ndarray, y: np.ndarray, *, folds: int, seed: int, fit: Callable[..., Any]
) -> tuple[np.ndarray, list[Any]]:
    """Out-of-fold predictions: each fold predicted by ``fit`` on the other folds only.

    Args:
        X: ``(n, 3)`` features (hits, hits per 1,000 words, share of paragraphs).
        y: ``(n,)`` human codes.
        folds: stratified folds (shuffled with ``seed``).
        seed: the folds' seed.
        fit: ``fit(X_train, y_train)`` returning a rule (a :class:`PresenceRule`) or ``(label, rule)``.

    Returns:
        The out-of-fold predictions and what ``fit`` returned for each fold.
    """
    y = np.asarray(y, dtype=bool)
    pred = np.zeros(len(y), dtype=bool)
    fitted = []
    for train, test in _folds(y, folds, seed):
        result = fit(X[train], y[train])
        rule = result[1] if isinstance(result, tuple) else result
        pred[test] = _decide(rule, X[test])
        fitted.append(result)
    return pred, fitted


def select_rule(
    X: np.ndarray, y: np.ndarray, *, folds: int = 5, seed: int = 0, current: PresenceRule = DEFAULT_RULE
) -> tuple[str, PresenceRule]:
    """The family (see :data:`FAMILIES`) with the best inner cross-validated F1 on ``(X, y)``, fitted on all of it.

    ``default`` is the frame's rule before calibration (``current``): it stays unless a fitted family does better
    under cross-validation. A later family must beat the best earlier one by :data:`PREFER_SIMPLER`. The inner folds are ``min(folds, fewer class count)``;
    with fewer than 2 items of a class there is no inner cross-validation and the threshold family (which
    includes ``always`` and the default rule) decides on ``(X, y)``.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=bool)
    k = min(folds, int(y.sum()), int((~y).sum()))
    if k < 2:
        rule = fit_threshold(X, y)
        return ("always" if rule == ALWAYS else "threshold"), rule
    fitters = _fitters(current)
    best, best_f1 = "always", -1.0
    for family in FAMILIES:
        pred, _ = cross_validate(X, y, folds=k, seed=seed, fit=fitters[family])
        score = _f1(y, pred)
        if score > best_f1 + (PREFER_SIMPLER if best_f1 >= 0 else 0.0):
            best, best_f1 = family, score
    return best, fitters[best](X, y)


def item_features(
    gold: Any, *, codebook: Codebook, processed: str | os.PathLike[str] | None = None
) -> pd.DataFrame:
    """Per gold item and codebook frame: ``item, frame, hits, hits_per_1k_words, share_paragraphs``.

    The items are measured as ``validate`` measures them (a text is normalized like an article; an article id is
    read from the processed tables); an item with no body text has zeros.
    """
    return _measure(gold, codebook=codebook, processed=processed)[0]


def _measure(
    gold: Any, *, codebook: Codebook, processed: str | os.PathLike[str] | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """:func:`item_features`, and each item's body text (paragraphs joined by a blank line), in item order."""
    from tiktok_study.frames import frame_profile
    from tiktok_study.validation.predict import gold_paragraphs

    paragraphs, id_of = gold_paragraphs(gold.items, processed=processed)
    items = gold.items["item"].tolist()
    grid = pd.MultiIndex.from_product([items, list(codebook.frame_ids)], names=["item", "frame"])
    out = pd.DataFrame(0.0, index=grid, columns=list(FEATURES))
    texts = dict.fromkeys(items, "")
    if paragraphs is not None:
        _, article_frames = frame_profile(paragraphs, codebook=codebook)
        af = article_frames[article_frames["article_id"].isin(id_of)]
        af = af.assign(item=af["article_id"].map(id_of)).set_index(["item", "frame"])
        out.loc[af.index, list(FEATURES)] = af[list(FEATURES)].to_numpy(dtype=float)
        body = paragraphs[(paragraphs["kind"] == "body") & paragraphs["article_id"].isin(id_of)]
        joined = (
            body.sort_values(["article_id", "paragraph_id"]).groupby("article_id")["text"].agg("\n\n".join)
        )
        texts.update({id_of[a]: t for a, t in joined.items()})
    return out.reset_index(), [texts[i] for i in sorted(items)]


@dataclass
class Calibration:
    """The result of :func:`calibrate`: ``report`` (what ``calibration.json`` holds), the calibrated codebook's
    rules, and per-item out-of-fold predictions (``predictions``: item, frame, gold, oof, features)."""

    report: dict[str, Any]
    rules: dict[str, PresenceRule]
    predictions: pd.DataFrame
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        """``calibration.json``: sorted keys, floats rounded, a newline at the end (byte-identical reruns)."""
        return (
            json.dumps(_rounded(self.report), sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False)
            + "\n"
        )

    def __str__(self) -> str:
        r = self.report
        lines = [f"calibration on {r['n_items']} coded items, {r['folds']}-fold out-of-fold figures:"]
        lines.append(
            f"  {'frame':<16} {'prev':>5} {'F1 cv':>6} {'95% CI':>15} {'default':>7} {'all+':>6}  rule"
        )
        for frame, f in r["frames"].items():
            ci = f"[{_fmt(f['f1_ci'][0])}, {_fmt(f['f1_ci'][1])}]"
            lines.append(
                f"  {frame:<16} {_fmt(f['prevalence']):>5} {_fmt(f['f1_cv']):>6} {ci:>15} "
                f"{_fmt(f['f1_uncalibrated']):>7} {_fmt(f['f1_all_positive']):>6}  {_describe(f['rule'])}"
            )
        lines.append(
            f"  macro F1: out-of-fold {_fmt(r['macro_f1_cv'])}, default rule {_fmt(r['macro_f1_uncalibrated'])}, "
            f"all-positive {_fmt(r['macro_f1_all_positive'])}"
        )
        for frame, f in r["frames"].items():
            found = f["rule"].get("classifier")
            if found:
                lines.append(
                    f"  classifier {frame}: F1 out-of-fold {_fmt(found['f1_cv_classifier'])}, nested choice "
                    f"{_fmt(found['f1_cv_nested'])}, {'CHOSEN' if found['chosen'] else 'not chosen'}; terms: "
                    f"{', '.join(found['top_terms'][:5])}"
                )
        lines.extend(f"  note: {n}" for n in self.notes)
        return "\n".join(lines)


def _fmt(value: Any) -> str:
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.3f}"


def _describe(rule: dict[str, Any]) -> str:
    if "not_calibratable" in rule:
        return f"not calibratable ({rule['not_calibratable']})"
    if rule.get("kind") == "logistic":
        weights = ", ".join(f"{k} {v:+.3g}" for k, v in rule["weights"].items())
        return f"logistic ({weights}; intercept {rule['intercept']:+.3g}; p >= {rule['cutoff']})"
    if rule.get("family") == "always":
        return "always present"
    if rule.get("family") == "default":
        return (
            f"kept: hits >= {rule['min_hits']}, per 1k >= {rule['min_per_1k']:g}"
            if rule.get("kind") == "threshold"
            else "kept"
        )
    return f"hits >= {rule['min_hits']}, per 1k >= {rule['min_per_1k']:g}, share >= {rule['min_share']:g}"


def _rounded(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _rounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) else round(float(value), DIGITS) + 0.0
    if isinstance(value, np.integer | np.bool_):
        return value.item()
    return value


def _codes(gold: Any) -> pd.DataFrame:
    """Consensus per item (present when at least half of its coders coded 1), items in order."""
    items = gold.items["item"].sort_values().tolist()
    return gold.codes.groupby("item")[list(gold.frames)].mean().reindex(items) >= 0.5


def calibrate(
    gold: Any,
    *,
    codebook: Codebook | str | Path | None = None,
    folds: int = 5,
    seed: int = 0,
    processed: str | os.PathLike[str] | None = None,
    resamples: int = metrics.BOOTSTRAP_RESAMPLES,
    classifier: bool = False,
) -> Calibration:
    """Learn and cross-validate each frame's rule on a coded sheet (see the module docstring).

    Args:
        gold: a frames gold file (path, or a parsed :class:`~tiktok_study.validation.Gold`).
        codebook: the codebook to calibrate (default: the shipped one).
        folds: outer (and at most inner) cross-validation folds, 2 or more.
        seed: the folds' seed (same seed, same figures).
        processed: the processed folder, for items keyed by ``article_id``.
        resamples: bootstrap resamples for ``f1_ci``.
        classifier: also compare a supervised classifier with the calibrated dictionary in nested
            cross-validation (:mod:`tiktok_study.classifier`); reported under each frame's ``rule.classifier``.

    Raises:
        UsageError: a bad sheet (see ``read_gold``), fewer than 2 folds, or fewer coded items than folds.
    """
    from tiktok_study.validation import read_gold

    book = as_codebook(codebook)
    if folds < 2:
        raise UsageError(f"--folds must be 2 or more, got {folds}")
    if not isinstance(gold, str | os.PathLike):
        parsed = gold
    else:
        parsed = read_gold("frames", gold, frames=book.frame_ids)
    notes = _ignored_frame_columns(parsed)
    n = len(parsed.items)
    if n < folds:
        raise UsageError(
            f"gold file {parsed.path}: {n} coded item(s), fewer than the {folds} folds; code more or lower --folds"
        )
    features, texts = _measure(parsed, codebook=book, processed=processed)
    consensus = _codes(parsed)
    idx = metrics.bootstrap_indices(n, resamples=resamples, seed=seed)
    frames_out: dict[str, Any] = {}
    rules: dict[str, PresenceRule] = {}
    rows = []
    for frame in parsed.frames:
        X = (
            features[features["frame"] == frame]
            .set_index("item")
            .loc[consensus.index, list(FEATURES)]
            .to_numpy(float)
        )
        y = consensus[frame].to_numpy(dtype=bool)
        entry, rule, oof = _calibrate_frame(
            frame, X, y, current=book[frame].rule or DEFAULT_RULE, folds=folds, seed=seed, idx=idx,
            texts=texts if classifier else None, notes=notes,
        )  # fmt: skip
        frames_out[frame] = entry
        if rule is not None:
            rules[frame] = rule
            rows.append(pd.DataFrame({"item": consensus.index, "frame": frame, "gold": y, "oof": oof,
                                      **{c: X[:, k] for k, c in enumerate(FEATURES)}}))  # fmt: skip
    report = {"n_items": n, "folds": folds, "frames": frames_out, **_macros(frames_out)}
    predictions = (
        pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=["item", "frame", "gold", "oof"])
    )
    return Calibration(report=report, rules=rules, predictions=predictions, notes=notes)


def _calibrate_frame(
    frame: str,
    X: np.ndarray,
    y: np.ndarray,
    *,
    current: PresenceRule,
    folds: int,
    seed: int,
    idx: np.ndarray,
    texts: list[str] | None,
    notes: list[str],
) -> tuple[dict[str, Any], PresenceRule | None, np.ndarray | None]:
    """One frame: its ``calibration.json`` entry, the rule fitted on all items (None: not calibratable) and the
    out-of-fold predictions."""
    entry: dict[str, Any] = {
        "prevalence": float(y.mean()),
        "f1_uncalibrated": _f1(y, _decide(current, X)),
        "f1_all_positive": metrics.all_positive_f1(y),
    }
    positives, negatives = int(y.sum()), int((~y).sum())
    if positives < MIN_CLASS or negatives < MIN_CLASS:
        why = f"{positives} coded positive(s) and {negatives} negative(s); {MIN_CLASS} of each are needed"
        notes.append(f"frame {frame} not calibratable: {why}; it keeps its rule")
        entry.update({"f1_cv": None, "f1_ci": [None, None], "precision_cv": None, "recall_cv": None,
                      "rule": {**current.as_dict(), "not_calibratable": why}})  # fmt: skip
        return entry, None, None
    oof, fitted = cross_validate(
        X,
        y,
        folds=folds,
        seed=seed,
        fit=lambda a, b: select_rule(a, b, folds=folds, seed=seed, current=current),
    )
    counts = np.column_stack([y & oof, ~y & oof, y & ~oof]).astype(int)
    tp, fp, fn = (int(c) for c in counts.sum(axis=0))
    precision, recall, f1 = metrics.prf(tp=tp, fp=fp, fn=fn)
    low, high = (
        metrics.interval(metrics.bootstrap_prf(counts, idx)["f1"]) if idx.size else (math.nan, math.nan)
    )
    family, rule = select_rule(X, y, folds=folds, seed=seed, current=current)
    entry.update({
        "f1_cv": f1, "f1_ci": [low, high], "precision_cv": precision, "recall_cv": recall,
        "rule": {**rule.as_dict(), "family": family, "fold_families": [f for f, _ in fitted]},
    })  # fmt: skip
    if texts is not None:
        from tiktok_study.classifier import compare_with_dictionary

        found = compare_with_dictionary(
            texts, X, y, folds=folds, seed=seed, dictionary_oof=oof, current=current
        )
        entry["rule"]["classifier"] = found
        if found["chosen"]:
            notes.append(
                f"frame {frame}: the classifier beats the calibrated dictionary in nested cross-validation "
                f"(F1 {found['f1_cv_nested']:.3f} vs {f1:.3f}); analyze still applies the dictionary rule"
            )
    return entry, rule, oof


def _macros(frames: dict[str, Any]) -> dict[str, float | None]:
    """Macro averages over the calibrated frames (the same frames for all three, so they compare)."""
    done = [f for f in frames.values() if f["f1_cv"] is not None]
    out: dict[str, float | None] = {}
    for key, name in (("f1_cv", "macro_f1_cv"), ("f1_uncalibrated", "macro_f1_uncalibrated"),
                      ("f1_all_positive", "macro_f1_all_positive")):  # fmt: skip
        values = [f[key] for f in done if f[key] is not None and not math.isnan(f[key])]
        out[name] = float(np.mean(values)) if values else None
    return out


def _ignored_frame_columns(gold: Any) -> list[str]:
    """Warn about columns coded like frames (only 0/1 and blanks) that the codebook lacks: named, ignored."""
    if not gold.ignored_columns:
        return []
    path = Path(gold.path)
    from tiktok_study.validation.gold import _read_csv  # the same rows read_gold saw

    rows = _read_csv(path, "frames", (), gold.frames)
    notes = []
    for column in gold.ignored_columns:
        values = {row.get(column, "") for _, row in rows}
        if (
            column not in ("id", "notes", "outlet", "date", "title", "url")
            and values <= {"0", "1", ""}
            and values - {""}
        ):
            message = f"column {column!r} is not a frame of the codebook; ignored"
            logger.warning("gold file %s: %s", path.name, message)
            notes.append(message)
    return notes


def _codebook_text(book: Codebook, rules: dict[str, PresenceRule], *, header: str) -> str:
    """The codebook's YAML with each calibrated frame's ``rule:`` set (other frames as they were)."""
    source = Path(book.path) if book.path else default_codebook_path()
    data = read_yaml(source, error=UsageError)
    for raw in data["frames"]:
        if raw.get("id") in rules:
            raw["rule"] = rules[raw["id"]].as_dict()
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)
    return header + body


def calibrate_file(
    gold: str | os.PathLike[str],
    *,
    out: str | os.PathLike[str],
    codebook: str | os.PathLike[str] | None = None,
    folds: int = 5,
    seed: int = 0,
    processed: str | os.PathLike[str] | None = None,
    classifier: bool = False,
) -> Calibration:
    """:func:`calibrate`, then write ``out/calibration.json`` and ``out/codebook.calibrated.yaml``.

    The calibrated codebook is checked by loading it back (``analyze --codebook`` reads it).
    """
    from tiktok_study.codebook import load_codebook
    from tiktok_study.io import sha256_file

    book = as_codebook(codebook)
    result = calibrate(
        gold, codebook=book, folds=folds, seed=seed, processed=processed, classifier=classifier
    )
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    digest = sha256_file(Path(gold))
    header = (
        f"# Calibrated by `tiktok-study calibrate` on {Path(gold).name} (sha256 {digest[:16]}…): "
        f"{result.report['n_items']} items, {folds}-fold cross-validation, seed {seed}.\n"
        "# Each calibrated frame's `rule:` was fitted on all coded items; calibration.json has its out-of-fold F1.\n"
        f"# Calibrated from the codebook {Path(book.path).name if book.path else 'shipped with tiktok_study'}.\n\n"
    )
    _write(folder / "calibration.json", result.to_json())
    target = folder / "codebook.calibrated.yaml"
    _write(target, _codebook_text(book, result.rules, header=header))
    load_codebook(target)  # raises if what was written is not a valid codebook
    return result


def _write(path: Path, text: str) -> None:
    try:
        atomic_write_text(path, text)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from exc
