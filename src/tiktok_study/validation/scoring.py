"""Scoring predictions against a gold file (pure: predictions in, report out): :func:`evaluate`.

Sentiment, statistics and quotes are scored here; frames (with the coders' reliability) in
:mod:`tiktok_study.validation.framing`.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from tiktok_study import metrics
from tiktok_study.validation.framing import evaluate_frames
from tiktok_study.validation.gold import Gold, qualifier_class
from tiktok_study.validation.report import ValidationReport, is_missing, miss, misses_table, prf_row

__all__ = ["PREDICTION_COLUMNS", "evaluate"]

logger = logging.getLogger(__name__)

REL_TOL = 1e-6
CHUNK = 200  # bootstrap resamples correlated at once
QUOTE_EDGE = re.compile(r"^[\s\"'“”‘’«»„‚.,;:!?…—–-]+|[\s\"'“”‘’«»„‚.,;:!?…—–-]+$")
WHITESPACE_RUN = re.compile(r"\s+")


def _eval_sentiment(gold: Gold, pred: pd.DataFrame, idx: np.ndarray, *, gold_neutral: float) -> dict:
    pairs = gold.items.merge(pred[["item", "compound", "n_sentences"]], on="item", how="left", validate="1:1")
    if pairs["compound"].isna().any():
        lost = pairs.loc[pairs["compound"].isna(), "line"].tolist()
        raise ValueError(f"no tool score for the gold rows on lines {lost[:5]}")
    g = pairs["score"].to_numpy(dtype=float)
    t = pairs["compound"].to_numpy(dtype=float)
    pairs["gold_class"] = metrics.gold_class(g, band=gold_neutral)
    pairs["tool_class"] = metrics.sentiment_class(t)
    scale = max(1.0, float(np.abs(g).max())) if len(g) else 1.0
    pairs["gold_scaled"] = g / scale
    pairs["error"] = np.abs(t - g / scale)

    classes = metrics.class_scores(pairs["gold_class"], pairs["tool_class"])
    gc = pairs["gold_class"].to_numpy(dtype=object)
    tc = pairs["tool_class"].to_numpy(dtype=object)
    rows = []
    boot: dict[str, dict[str, np.ndarray]] = {}
    for c in metrics.SENTIMENT_CLASSES:
        counts = np.column_stack([(gc == c) & (tc == c), (gc != c) & (tc == c), (gc == c) & (tc != c)])
        rows.append(prf_row(c, counts.astype(int), idx))
        boot[c] = metrics.bootstrap_prf(counts.astype(int), idx)
    # the averages of each resample, averaged exactly as metrics.class_scores does for the point figures
    support = (
        np.column_stack([(gc == c)[idx].sum(axis=1) for c in metrics.SENTIMENT_CLASSES]) if idx.size else None
    )
    averaged = (
        metrics.average_classes(
            {
                m: np.column_stack([boot[c][m] for c in metrics.SENTIMENT_CLASSES])
                for m in ("precision", "recall", "f1")
            },
            support,
        )
        if support is not None
        else None
    )
    by_group = classes.set_index("group")
    for name in ("macro", "weighted"):
        row = {"group": name, "n": len(pairs), "support": int(by_group.loc[name, "support"])}
        for metric in ("precision", "recall", "f1"):
            low, high = metrics.interval(averaged[name][metric]) if averaged else (math.nan, math.nan)
            row.update(
                {metric: float(by_group.loc[name, metric]), f"{metric}_low": low, f"{metric}_high": high}
            )
        rows.append(row)
    scores = pd.DataFrame(rows)

    corr = []
    for name, point, rowwise in (
        ("pearson", metrics.pearson, metrics.rowwise_pearson),
        ("spearman", metrics.spearman, metrics.rowwise_spearman),
    ):
        if idx.size and len(g) >= 3:
            # resamples in chunks: (chunk, n) temporaries rather than (resamples, n) ones
            samples = np.concatenate(
                [rowwise(t[idx[k : k + CHUNK]], g[idx[k : k + CHUNK]]) for k in range(0, len(idx), CHUNK)]
            )
            low, high = metrics.interval(samples)
        else:
            low, high = math.nan, math.nan
        corr.append({"metric": name, "r": point(t, g), "low": low, "high": high, "n": len(g)})
    correlation = pd.DataFrame(corr, columns=["metric", "r", "low", "high", "n"])
    accuracy = float((gc == tc).mean()) if len(gc) else math.nan

    wrong = pairs[pairs["gold_class"] != pairs["tool_class"]].copy()
    wrong["flip"] = (wrong["gold_class"] != "neutral") & (wrong["tool_class"] != "neutral")
    wrong = wrong.sort_values(["flip", "error", "item"], ascending=[False, False, True], kind="mergesort")
    misses = [
        miss("misclassified", r.item, r.line, f"{r.gold_class}→{r.tool_class}", f"{r.score:g}",
              f"{r.compound:.3f}", r.text, detail="opposite polarity" if r.flip else "")
        for r in wrong.itertuples()
    ]  # fmt: skip
    summary = {
        "n_items": len(pairs),
        "pearson": correlation.loc[0, "r"],
        "spearman": correlation.loc[1, "r"],
        "accuracy": accuracy,
        "macro_f1": float(classes.set_index("group").loc["macro", "f1"]),
        "weighted_f1": float(classes.set_index("group").loc["weighted", "f1"]),
    }
    cols = ["item", "line", "text", "score", "gold_scaled", "compound", "n_sentences", "gold_class",
            "tool_class", "error"]  # fmt: skip
    return {
        "summary": summary,
        "scores": scores,
        "misses": misses_table(misses),
        "details": {"pairs": pairs[cols].reset_index(drop=True), "correlation": correlation},
    }


def _stat_numbers(row: Any) -> list[float]:
    """What a predicted statistic may match by: its value, both ends of a range, a ratio's stated parts."""
    parts = (row.value, row.low, row.high, getattr(row, "numerator", None), getattr(row, "denominator", None))
    return [float(x) for x in parts if x is not None and not is_missing(x)]


def _by_item(df: pd.DataFrame) -> tuple[dict[int, pd.DataFrame], pd.DataFrame]:
    """Rows of ``df`` per item (index reset), and an empty frame with its columns."""
    groups = {int(k): g.reset_index(drop=True) for k, g in df.groupby("item", sort=True)} if len(df) else {}
    return groups, df.iloc[0:0].reset_index(drop=True)


def _tool_names(p: pd.DataFrame, a: int) -> list[object]:
    """The tool's forms of one quotation's speaker: as written, its fullest form, the word it was resolved from."""
    return [p.loc[a, c] for c in ("speaker", "speaker_id", "resolved_from") if c in p.columns]


def _eval_statistics(gold: Gold, pred: pd.DataFrame, idx: np.ndarray) -> dict:
    items = gold.items.sort_values("item").reset_index(drop=True)
    gold_by_item, empty_gold = _by_item(gold.codes)
    pred_by_item, empty_pred = _by_item(pred)
    groups = [("value", False)] + ([("value+qualifier", True)] if gold.has_qualifier else [])
    counts = {name: np.zeros((len(items), 3), dtype=int) for name, _ in groups}
    misses, matches = [], []
    for i, item in enumerate(items.itertuples()):
        g = gold_by_item.get(item.item, empty_gold)
        p = pred_by_item.get(item.item, empty_pred)
        g_nums = [[v for v in (r.value, r.high) if not is_missing(v)] for r in g.itertuples()]
        p_nums = [_stat_numbers(r) for r in p.itertuples()]
        pairs = metrics.match_numbers(p_nums, g_nums, rel_tol=REL_TOL)
        matched_p = {a: b for a, b in pairs}
        matched_g = {b: a for a, b in pairs}
        counts["value"][i] = (len(pairs), len(p) - len(pairs), len(g) - len(pairs))
        if gold.has_qualifier:
            # numbers and qualifier must both agree; matched afresh so a better pairing is not lost
            ok = _match_with_qualifier(p, p_nums, g, g_nums)
            counts["value+qualifier"][i] = (len(ok), len(p) - len(ok), len(g) - len(ok))
        for j, r in enumerate(g.itertuples()):
            a = matched_g.get(j)
            gold_text = _gold_number(r)
            tool_text = _pred_number(p.loc[a]) if a is not None else ""
            matches.append({"item": item.item, "line": r.line, "status": "match" if a is not None else "missed",
                            "gold": gold_text, "tool": tool_text,
                            "gold_qualifier": r.qualifier,
                            "tool_qualifier": qualifier_class(p.loc[a, "qualifier"]) if a is not None else "",
                            "span": str(p.loc[a, "span"]) if a is not None else "", "text": item.text})  # fmt: skip
            if a is None:
                misses.append(miss("false_negative", item.item, r.line, "value", gold_text, "", item.text))
        for j in range(len(p)):
            if j not in matched_p:
                r = p.loc[j]
                matches.append({"item": item.item, "line": item.line, "status": "spurious", "gold": "",
                                "tool": _pred_number(r), "gold_qualifier": "",
                                "tool_qualifier": qualifier_class(r["qualifier"]), "span": str(r["span"]),
                                "text": item.text})  # fmt: skip
                misses.append(
                    miss("false_positive", item.item, item.line, "value", "", _pred_number(r), item.text,
                          detail=f"{r['span']!r} ({r['kind']})")
                )  # fmt: skip
    rows = [prf_row(name, counts[name], idx) for name, _ in groups]
    scores = pd.DataFrame(rows)
    summary = {"n_items": len(items), "n_gold": len(gold.codes), "n_predicted": len(pred),
               "precision": rows[0]["precision"], "recall": rows[0]["recall"], "f1": rows[0]["f1"]}  # fmt: skip
    if gold.has_qualifier:
        summary["f1_with_qualifier"] = rows[1]["f1"]
    return {
        "summary": summary,
        "scores": scores,
        "misses": misses_table(misses),
        "details": {"matches": pd.DataFrame(matches, columns=["item", "line", "status", "gold", "tool",
                                                              "gold_qualifier", "tool_qualifier", "span",
                                                              "text"])},
    }  # fmt: skip


def _match_with_qualifier(
    p: pd.DataFrame, p_nums: list[list[float]], g: pd.DataFrame, g_nums: list[list[float]]
) -> list[tuple[int, int]]:
    if not p_nums or not g_nums:
        return []
    from scipy.optimize import linear_sum_assignment

    ok = np.array(
        [[metrics.numbers_match(pn, gn, rel_tol=REL_TOL)
          and qualifier_class(p.loc[a, "qualifier"]) == g.loc[b, "qualifier"]
          for b, gn in enumerate(g_nums)] for a, pn in enumerate(p_nums)],
        dtype=bool,
    )  # fmt: skip
    rows, cols = linear_sum_assignment(-ok.astype(float))
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if ok[r, c]]


def _num(value: float) -> str:
    """A number as a reader writes it: 27800000000, 12.5 (no exponent for the sizes news quotes)."""
    if float(value).is_integer() and abs(value) < 1e18:
        return str(int(value))
    return f"{value:.12g}"


def _gold_number(r: Any) -> str:
    text = _num(r.value) if is_missing(r.high) else f"{_num(r.value)}–{_num(r.high)}"
    return f"{text} ({r.qualifier})" if r.qualifier else text


def _pred_number(r: Any) -> str:
    low, high = r["low"], r["high"]
    text = f"{_num(low)}–{_num(high)}" if not is_missing(low) and not is_missing(high) else _num(r["value"])
    q = qualifier_class(r["qualifier"])
    return f"{text} ({q})" if q else text


def _norm_quote(text: str) -> str:
    return WHITESPACE_RUN.sub(" ", QUOTE_EDGE.sub("", text)).casefold()


def _eval_quotes(gold: Gold, pred: pd.DataFrame, idx: np.ndarray) -> dict:
    from scipy.optimize import linear_sum_assignment

    items = gold.items.sort_values("item").reset_index(drop=True)
    gold_by_item, empty_gold = _by_item(gold.codes)
    pred_by_item, empty_pred = _by_item(pred)
    names = ("span_overlap", "span_exact", "quote_speaker")
    counts = {name: np.zeros((len(items), 3), dtype=int) for name in names}
    misses, matches = [], []
    for i, item in enumerate(items.itertuples()):
        g = gold_by_item.get(item.item, empty_gold)
        p = pred_by_item.get(item.item, empty_pred)
        gs, ge = g["start"].to_numpy(dtype=int), g["end"].to_numpy(dtype=int)
        ps, pe = p["start"].to_numpy(dtype=int), p["end"].to_numpy(dtype=int)
        overlap = np.maximum(0, np.minimum(pe[:, None], ge[None, :]) - np.maximum(ps[:, None], gs[None, :]))
        exact = np.array(
            [[overlap[a, b] > 0 and _norm_quote(str(p.loc[a, "text"])) == _norm_quote(g.loc[b, "quote"])
              for b in range(len(g))] for a in range(len(p))], dtype=bool,
        ).reshape(len(p), len(g))  # fmt: skip
        pairs: dict[str, list[tuple[int, int]]] = {}
        for name, weight in (("span_overlap", overlap.astype(float)), ("span_exact", exact.astype(float))):
            if weight.size:
                r_, c_ = linear_sum_assignment(-weight)
                pairs[name] = [(int(a), int(b)) for a, b in zip(r_, c_, strict=True) if weight[a, b] > 0]
            else:
                pairs[name] = []
        speaker_ok = [
            (a, b) for a, b in pairs["span_overlap"] if metrics.same_speaker(g.loc[b, "speaker"], _tool_names(p, a))
        ]  # fmt: skip
        pairs["quote_speaker"] = speaker_ok
        for name in names:
            k = len(pairs[name])
            counts[name][i] = (k, len(p) - k, len(g) - k)
        by_gold = dict((b, a) for a, b in pairs["span_overlap"])
        exact_gold = {b for _, b in pairs["span_exact"]}
        for b in range(len(g)):
            a = by_gold.get(b)
            status = "missed" if a is None else ("exact" if b in exact_gold else "overlap")
            tool_speaker = "" if a is None or is_missing(p.loc[a, "speaker"]) else str(p.loc[a, "speaker"])
            same = a is not None and metrics.same_speaker(g.loc[b, "speaker"], _tool_names(p, a))
            matches.append({"item": item.item, "line": item.line, "status": status,
                            "gold_quote": g.loc[b, "quote"], "tool_quote": "" if a is None else str(p.loc[a, "text"]),
                            "gold_speaker": g.loc[b, "speaker"], "tool_speaker": tool_speaker,
                            "speaker_match": bool(same), "gold_start": int(gs[b]),
                            "tool_start": None if a is None else int(ps[a])})  # fmt: skip
            if a is None:
                misses.append(miss("false_negative", item.item, item.line, "quote", g.loc[b, "speaker"],
                                    "", g.loc[b, "quote"]))  # fmt: skip
            elif not same:
                misses.append(miss("wrong_speaker", item.item, item.line, "speaker", g.loc[b, "speaker"],
                                    tool_speaker, g.loc[b, "quote"]))  # fmt: skip
        matched_p = {a for a, _ in pairs["span_overlap"]}
        for a in range(len(p)):
            if a not in matched_p:
                tool_speaker = "" if is_missing(p.loc[a, "speaker"]) else str(p.loc[a, "speaker"])
                matches.append({"item": item.item, "line": item.line, "status": "spurious", "gold_quote": "",
                                "tool_quote": str(p.loc[a, "text"]), "gold_speaker": "",
                                "tool_speaker": tool_speaker, "speaker_match": False, "gold_start": None,
                                "tool_start": int(ps[a])})  # fmt: skip
                misses.append(miss("false_positive", item.item, item.line, "quote", "", tool_speaker,
                                    str(p.loc[a, "text"]), detail=str(p.loc[a, "kind"])))  # fmt: skip
    rows = [prf_row(name, counts[name], idx) for name in names]
    scores = pd.DataFrame(rows)
    summary = {"n_items": len(items), "n_gold": len(gold.codes), "n_predicted": len(pred)}
    for row in rows:
        summary[f"{row['group']}_f1"] = row["f1"]
    cols = ["item", "line", "status", "gold_quote", "tool_quote", "gold_speaker", "tool_speaker",
            "speaker_match", "gold_start", "tool_start"]  # fmt: skip
    return {
        "summary": summary,
        "scores": scores,
        "misses": misses_table(misses),
        "details": {"matches": pd.DataFrame(matches, columns=cols)},
    }


PREDICTION_COLUMNS: dict[str, tuple[str, ...]] = {
    "sentiment": ("item", "compound"),
    "frames": ("item", "frame", "present"),
    "statistics": ("item", "value", "low", "high"),
    "quotes": ("item", "text", "speaker", "start", "end"),
}


def evaluate(
    gold: Gold,
    predictions: pd.DataFrame,
    *,
    resamples: int = metrics.BOOTSTRAP_RESAMPLES,
    seed: int = metrics.BOOTSTRAP_SEED,
    gold_neutral: float = 0.0,
    settings: Mapping[str, Any] | None = None,
) -> ValidationReport:
    """Score ``predictions`` against a parsed gold file (any tool's predictions, keyed by gold ``item``).

    Args:
        gold: from :func:`read_gold`.
        predictions: one row per prediction, with ``item`` (the gold item it belongs to) and, per kind:
            sentiment ``compound`` (one row per item; optional ``n_sentences``); frames ``frame``, ``present``
            (optional ``hits``, ``terms``: the evidence shown with a false positive); statistics ``value``,
            ``low``, ``high`` (optional ``qualifier``, ``kind``, ``span``); quotes ``text`` (the quote),
            ``speaker``, ``start``, ``end`` (offsets into the item's text; optional ``kind``).
        resamples: bootstrap resamples for the intervals (0: no intervals).
        seed: the bootstrap seed.
        gold_neutral: sentiment only — gold scores with ``|score| <= gold_neutral`` are neutral (0: the sign
            decides and only an exact 0 is neutral).
        settings: extra settings recorded in the report.

    Example:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "gold.csv"
        >>> _ = path.write_text("text,value\\nUp 27% in 2025.,27\\nNo numbers.,\\n")
        >>> from tiktok_study.validation import read_gold
        >>> gold = read_gold("statistics", path)
        >>> pred = pd.DataFrame({"item": [0, 0], "value": [27.0, 2025.0], "low": [None, None],
        ...                      "high": [None, None]})
        >>> evaluate(gold, pred, resamples=0).summary["precision"]
        0.5
    """
    missing = [c for c in PREDICTION_COLUMNS[gold.kind] if c not in predictions.columns]
    if missing:
        raise ValueError(f"evaluate({gold.kind}): the predictions lack columns {', '.join(missing)}")
    pred = predictions.copy()
    defaults = {
        "sentiment": {"n_sentences": 1},
        "frames": {"hits": 0, "terms": ""},
        "statistics": {"qualifier": "", "kind": "", "span": ""},
        "quotes": {"kind": ""},
    }[gold.kind]
    for col, value in defaults.items():
        if col not in pred.columns:
            pred[col] = value
    idx = metrics.bootstrap_indices(len(gold.items), resamples=resamples, seed=seed)
    if gold.kind == "sentiment":
        result = _eval_sentiment(gold, pred, idx, gold_neutral=gold_neutral)
    elif gold.kind == "frames":
        result = evaluate_frames(gold, pred, idx)
    elif gold.kind == "statistics":
        result = _eval_statistics(gold, pred, idx)
    else:
        result = _eval_quotes(gold, pred, idx)
    base = {"resamples": resamples, "seed": seed, "interval": "95% bootstrap percentile over gold items"}
    if gold.kind == "sentiment":
        base.update({"tool_threshold": metrics.VADER_THRESHOLD, "gold_neutral": gold_neutral})
    if gold.kind == "statistics":
        base["rel_tol"] = REL_TOL
    if gold.kind == "frames":
        base.update({"frames": list(gold.frames), "coders": list(gold.coders),
                     "consensus": "present when at least half of the coders coded 1"})  # fmt: skip
    if gold.ignored_columns:
        base["ignored_columns"] = list(gold.ignored_columns)
    base.update(settings or {})
    from tiktok_study.io import sha256_file

    misses = result["misses"].merge(gold.items[["item", "source"]], on="item", how="left", validate="m:1")
    return ValidationReport(
        kind=gold.kind,
        gold=str(gold.path),
        gold_sha256=sha256_file(gold.path),
        summary=result["summary"],
        scores=result["scores"].reset_index(drop=True),
        misses=misses,
        details=result["details"],
        settings=base,
    )
