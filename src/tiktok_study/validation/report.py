"""The validation report: figures, tables for plots and misses of one gold file, as text and as JSON.

Also the row builders every kind's scoring shares: :func:`prf_row` (counts → precision, recall, F1 with
bootstrap intervals) and :func:`miss` / :func:`misses_table` (the misses, worst first).
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from tiktok_study import metrics
from tiktok_study.errors import UsageError
from tiktok_study.io import atomic_write_text

__all__ = ["MISS_COLUMNS", "MISS_TYPES", "ValidationReport", "is_missing", "miss", "misses_table", "prf_row"]

logger = logging.getLogger(__name__)

MISSES_IN_JSON = 50  # worst misses of each type written to the JSON report
MISSES_PRINTED = 5  # … and printed
TEXT_PRINTED = 90  # characters of a miss's text printed
WHITESPACE_RUN = re.compile(r"\s+")


def _clean(value: Any, digits: int) -> Any:
    """JSON-ready: floats rounded, NaN/inf -> None, numpy scalars -> Python, containers recursively."""
    if isinstance(value, Mapping):
        return {str(k): _clean(v, digits) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v, digits) for v in value]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        f = float(value)
        return round(f, digits) + 0.0 if math.isfinite(f) else None
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    return str(value) if not isinstance(value, str) else value


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [
        {k: (None if is_missing(v) else v) for k, v in row.items()} for row in df.to_dict(orient="records")
    ]


def is_missing(value: Any) -> bool:
    """Whether ``value`` is a missing scalar (None, NaN, NA, NaT); False for anything pandas cannot test."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _fmt(value: Any, digits: int = 3) -> str:
    if is_missing(value):
        return "—"
    if isinstance(value, (float, np.floating)):
        return f"{value:.{digits}f}"
    return str(value)


@dataclass(frozen=True)
class ValidationReport:
    """The agreement of the tool with one gold file: figures, tables for plots, misses.

    Attributes:
        kind: the gold kind.
        gold: the gold file, as given.
        gold_sha256: the gold file's sha256 (which version of the gold the figures describe).
        summary: the headline figures (``n_items`` and, per kind, ``pearson``, ``macro_f1``, ``f1`` …).
        scores: one row per group (a sentiment class or average, a frame, a statistics or quotes criterion):
            counts, precision, recall, F1 each with ``_low``/``_high`` bootstrap bounds, and per kind
            ``prevalence``, ``baseline_f1``, ``alpha``, ``alpha_coders`` (frames).
        misses: false negatives and false positives (and misclassifications, wrong speakers), worst first,
            with the text they come from.
        details: the kind's item-level tables (``pairs`` for sentiment, ``items`` for frames, ``matches``
            for statistics and quotes) and ``correlation`` for sentiment.
        settings: what the figures depend on (thresholds, seed, resamples, presence rule …).
        path: where :func:`validate_file` wrote the JSON report (not part of the JSON).
    """

    kind: str
    gold: str
    gold_sha256: str
    summary: dict[str, Any]
    scores: pd.DataFrame
    misses: pd.DataFrame
    details: dict[str, pd.DataFrame] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    def tables(self) -> dict[str, pd.DataFrame]:
        """Tidy DataFrames for notebooks and plots: ``scores``, ``misses`` and the kind's details (copies)."""
        out = {"scores": self.scores.copy(), "misses": self.misses.copy()}
        out.update({name: df.copy() for name, df in self.details.items()})
        return out

    def to_dict(self, *, digits: int = 6) -> dict[str, Any]:
        """The report as JSON-ready data: floats rounded to ``digits``, NaN as null, the worst misses only."""
        counts = self.misses["type"].value_counts().sort_index() if len(self.misses) else pd.Series(dtype=int)
        worst = (
            self.misses.groupby("type", sort=True).head(MISSES_IN_JSON) if len(self.misses) else self.misses
        )
        data: dict[str, Any] = {
            "kind": self.kind,
            "gold": {"path": self.gold, "sha256": self.gold_sha256},
            "summary": self.summary,
            "settings": self.settings,
            "scores": _records(self.scores),
            "misses": {"counts": {str(k): int(v) for k, v in counts.items()}, "worst": _records(worst)},
        }
        if "correlation" in self.details:
            data["correlation"] = _records(self.details["correlation"])
        if "reliability" in self.details:
            data["reliability"] = _records(self.details["reliability"])
        return _clean(data, digits)

    def to_json(self) -> str:
        """Deterministic JSON: sorted keys, rounded floats, a newline at the end."""
        return (
            json.dumps(self.to_dict(), sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
        )

    def write(self, out: str | os.PathLike[str]) -> Path:
        """Write ``validation-<kind>.json`` into the folder ``out`` (atomically); return its path."""
        folder = Path(out)
        target = folder / f"validation-{self.kind}.json"
        try:
            atomic_write_text(target, self.to_json())
        except OSError as exc:
            raise UsageError(
                f"cannot write the validation report to {folder}: {exc.strerror or exc}"
            ) from exc
        return target

    def __str__(self) -> str:
        lines = [f"validation of {self.kind} against {self.gold} ({self.summary.get('n_items', 0)} items)"]
        if self.kind == "sentiment" and "correlation" in self.details:
            for row in self.details["correlation"].itertuples():
                lines.append(
                    f"  {row.metric:<9} r = {_fmt(row.r)}  95% CI [{_fmt(row.low)}, {_fmt(row.high)}]  n = {row.n}"
                )
            lines.append(f"  accuracy    {_fmt(self.summary.get('accuracy'))}")
        reliability = self.details.get("reliability")
        if reliability is not None and len(reliability):
            lines.extend(_reliability_lines(reliability))
        lines.append("")
        lines.extend(_score_lines(self.scores))
        if self.kind == "frames" and self.summary.get("n_coders", 1) < 2:
            lines.append(
                "  (one coder: no inter-coder alpha; add a 'coder' column with a second coding for it)"
            )
        lines.append("")
        if len(self.misses):
            counts = self.misses["type"].value_counts().sort_index()
            lines.append("misses: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
            for kind, group in self.misses.groupby("type", sort=True):
                lines.append(f"  worst {kind} ({min(len(group), MISSES_PRINTED)} of {len(group)}):")
                for row in group.head(MISSES_PRINTED).itertuples():
                    text = WHITESPACE_RUN.sub(" ", str(row.text))
                    if len(text) > TEXT_PRINTED:
                        text = text[: TEXT_PRINTED - 1] + "…"
                    what = f"[{row.group}] " if row.group else ""
                    gold, tool = row.gold or "—", row.tool or "—"
                    why = f" ({row.detail})" if row.detail else ""
                    lines.append(f"    line {row.line}: {what}gold {gold} · tool {tool}{why} — {text}")
        else:
            lines.append("misses: none")
        if self.path is not None:
            lines.append(f"wrote {self.path}")
        return "\n".join(lines)


def _reliability_lines(table: pd.DataFrame) -> list[str]:
    """The coders' agreement per frame, flagged below Krippendorff's 0.667 (printed before the tool's figures)."""
    from tiktok_study.validation.framing import ALPHA_TENTATIVE

    width = max([5, *(len(str(f)) for f in table["frame"])])
    lines = [
        "",
        f"reliability of the human coding ({int(table['n_coders'].iloc[0])} coders), Krippendorff's alpha:",
    ]
    for row in table.to_dict(orient="records"):
        flag = f"  BELOW {ALPHA_TENTATIVE}: no conclusions on this frame" if row["below_threshold"] else ""
        lines.append(
            f"  {row['frame']!s:<{width}}  alpha {_fmt(row['alpha'])} [{_fmt(row['alpha_low'])}, "
            f"{_fmt(row['alpha_high'])}]  items {row['n_items']}{flag}"
        )
    flagged = table.loc[table["below_threshold"], "frame"].tolist()
    if flagged:
        lines.append(
            f"  {len(flagged)} frame(s) below {ALPHA_TENTATIVE}: {', '.join(flagged)}; read their tool figures as provisional"
        )
    return lines


def _score_lines(scores: pd.DataFrame) -> list[str]:
    cols = [("precision", "precision"), ("recall", "recall"), ("f1", "F1")]
    extra = [c for c in ("prevalence", "baseline_f1", "alpha", "alpha_coders") if c in scores.columns]
    width = max([5, *(len(str(g)) for g in scores["group"])])
    head = f"  {'':<{width}}  " + "  ".join(f"{name:<21}" for _, name in cols)
    head += "".join(f"  {c:>12}" for c in extra) + f"  {'support':>7}"
    lines = [head]
    for row in scores.to_dict(orient="records"):
        cells = [
            f"{_fmt(row[c])} [{_fmt(row[c + '_low'])}, {_fmt(row[c + '_high'])}]".ljust(21) for c, _ in cols
        ]
        line = f"  {row['group']!s:<{width}}  " + "  ".join(cells)
        line += "".join(f"  {_fmt(row[c]):>12}" for c in extra) + f"  {_fmt(row.get('support')):>7}"
        lines.append(line.rstrip())
    return lines


def prf_row(group: str, counts: np.ndarray, idx: np.ndarray, **extra: Any) -> dict[str, Any]:
    """One row of ``scores``: counts, precision, recall and F1 of per-item ``(n, 3)`` tp/fp/fn counts, each with
    its bootstrap interval over the resamples ``idx``, plus ``extra`` columns."""
    tp, fp, fn = (int(x) for x in counts.sum(axis=0)) if len(counts) else (0, 0, 0)
    precision, recall, f1 = metrics.prf(tp=tp, fp=fp, fn=fn)
    boot = metrics.bootstrap_prf(counts, idx) if len(counts) else {}
    row: dict[str, Any] = {"group": group, "n": len(counts), "support": tp + fn, "predicted": tp + fp,
                           "tp": tp, "fp": fp, "fn": fn}  # fmt: skip
    for name, value in (("precision", precision), ("recall", recall), ("f1", f1)):
        low, high = metrics.interval(boot[name]) if boot else (math.nan, math.nan)
        row.update({name: value, f"{name}_low": low, f"{name}_high": high})
    row.update(extra)
    return row


def miss(
    kind: str, item: int, line: int, group: str, gold: Any, tool: Any, text: str, *, detail: str = ""
) -> dict:
    """One miss (a row of the report's ``misses``)."""
    return {"type": kind, "item": int(item), "line": int(line), "group": group, "gold": str(gold),
            "tool": str(tool), "text": str(text), "detail": detail}  # fmt: skip


MISS_TYPES = ("misclassified", "false_negative", "false_positive", "wrong_speaker")
MISS_COLUMNS = ["type", "item", "line", "group", "gold", "tool", "text", "detail"]


def misses_table(rows: list[dict]) -> pd.DataFrame:
    """The misses as a table, ordered by type (:data:`MISS_TYPES`), each type in the order given."""
    df = pd.DataFrame(rows, columns=MISS_COLUMNS).astype({"item": int, "line": int})
    rank = df["type"].map({t: n for n, t in enumerate(MISS_TYPES)})
    return df.iloc[np.argsort(rank.to_numpy(), kind="stable")].reset_index(drop=True)
