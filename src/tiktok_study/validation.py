"""Measurement validity: agreement of the tool's codes with a human-coded gold file (``tiktok-study validate``).

Four kinds of gold file (formats in ../shared/CONTRACT.md; a coding guide in ``data/gold/README.md``):

* ``sentiment`` — CSV ``text, score``: Pearson and Spearman r between VADER (the mean of the sentence compounds
  of a text, sentences split by :func:`tiktok_study.text.sentence_spans`) and the human score; three-class
  precision, recall and F1 (VADER's ±0.05 thresholds for the tool; the gold score's sign for the human, or a
  neutral band of your choosing with ``gold_neutral``), per class, macro and weighted by support.
* ``frames`` — CSV ``article_id`` or ``text``, one 0/1 column per frame id, optional ``coder``: per frame
  precision, recall, F1, prevalence, the all-positive baseline's F1, Krippendorff's alpha (nominal) between the
  tool and the gold and, with several coders, between the coders (the ceiling).
* ``statistics`` — CSV ``text, value`` (optional ``high``, ``qualifier``): precision, recall and F1 on values.
* ``quotes`` — JSONL ``{"text": ..., "quotes": [{"quote": ..., "speaker": ...}]}``: precision, recall and F1
  of quote spans (overlapping and exact) and of quote + speaker.

Every figure has a 95% bootstrap percentile interval over the gold items (fixed seed), and every report lists
its misses so a reader sees why. :func:`read_gold` parses and checks a gold file (a bad one raises
:class:`~tiktok_study.errors.UsageError` naming the file, line and column); :func:`evaluate` scores any
predictions against it; :func:`validate` runs the tool's own pipeline first; :func:`validate_file` also writes
``validation-<kind>.json``.

Example:
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "gold.csv"
    >>> _ = path.write_text("text,score\\nWhat a wonderful day.,0.8\\nThis is awful.,-0.7\\nIt is Tuesday.,0\\n")
    >>> report = validate("sentiment", path, resamples=100)
    >>> report.summary["accuracy"], report.summary["n_items"]
    (1.0, 3)
"""

from __future__ import annotations

import csv
import io
import json
import logging
import math
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from tiktok_study import metrics
from tiktok_study.errors import UsageError

__all__ = [
    "FRAME_IDS",
    "GOLD_FILE_NAMES",
    "KINDS",
    "Gold",
    "ValidationReport",
    "evaluate",
    "gold_files",
    "predict_frames",
    "predict_quotes",
    "predict_sentiment",
    "predict_statistics",
    "read_gold",
    "validate",
    "validate_file",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

Kind = Literal["sentiment", "frames", "statistics", "quotes"]
Presence = Literal["auto", "hit", "present"]
KINDS: tuple[str, ...] = ("sentiment", "frames", "statistics", "quotes")

# The frame ids of ../shared/CONTRACT.md; a codebook passed to validate() replaces them.
FRAME_IDS: tuple[str, ...] = (
    "conflict", "human_interest", "economic", "morality", "responsibility",
    "security", "tech_rivalry", "legal", "cooperation",
)  # fmt: skip

REQUIRED: dict[str, tuple[str, ...]] = {
    "sentiment": ("text", "score"),
    "statistics": ("text", "value"),
}
FRAME_KEYS = ("article_id", "text")
SOURCE = "source"  # an optional label column (key in JSONL): where a gold text comes from
REL_TOL = 1e-6
CHUNK = 200  # bootstrap resamples correlated at once
MISSES_IN_JSON = 50  # worst misses of each type written to the JSON report
MISSES_PRINTED = 5  # … and printed
TEXT_PRINTED = 90  # characters of a miss's text printed

QUOTE_EDGE = re.compile(r"^[\s\"'“”‘’«»„‚.,;:!?…—–-]+|[\s\"'“”‘’«»„‚.,;:!?…—–-]+$")
WHITESPACE_RUN = re.compile(r"\s+")
QUALIFIER_NONE = re.compile(r"^\s*(?:|none|nan|null|exact)\s*$", re.IGNORECASE)


# --------------------------------------------------------------------------------------------------------------
# gold files


@dataclass(frozen=True)
class Gold:
    """A parsed, checked gold file.

    Attributes:
        kind: the gold kind.
        path: the file.
        items: one row per gold unit (a text, or an article for article-keyed frames): ``item`` (0, 1, … in
            file order), ``line`` (where it starts), ``text``, and per kind ``score`` (sentiment) or
            ``article_id``/``key`` (frames).
        codes: the human codes: sentiment — none (the score is on ``items``); frames — one row per item and
            coder with a 0/1 column per frame; statistics — one row per gold number (``value``, ``high``,
            ``qualifier``); quotes — one row per gold quote (``quote``, ``speaker``, ``start``, ``end``).
        frames: the frame columns (frames only).
        coders: the coders, in file order (frames only; ``("gold",)`` without a ``coder`` column).
        has_qualifier: the statistics gold has a ``qualifier`` column.
        ignored_columns: columns the kind does not use, left aside.
    """

    kind: str
    path: Path
    items: pd.DataFrame
    codes: pd.DataFrame
    frames: tuple[str, ...] = ()
    coders: tuple[str, ...] = ()
    has_qualifier: bool = False
    ignored_columns: tuple[str, ...] = ()


def _fail(path: Path, where: str, reason: str) -> UsageError:
    where = f" {where}" if where else ""
    return UsageError(f"gold file {path}{where}: {reason}")


def _guess_kind(columns: Sequence[str], frames: Sequence[str]) -> str | None:
    cols = set(columns)
    if cols and next(iter(columns), "").lstrip().startswith("{"):
        return "quotes (JSONL)"
    if "score" in cols:
        return "sentiment"
    if "value" in cols:
        return "statistics"
    if cols & set(frames):
        return "frames"
    return None


def _read_text(path: Path) -> str:
    if not path.is_file():
        raise UsageError(f"gold file {path}: not found (pass an existing file with --gold)")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"gold file {path}: cannot be read: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _fail(path, f"line {line}", "not UTF-8 text; save the file as UTF-8") from exc
    if not text.strip():
        raise _fail(path, "", "is empty; it needs a header row and at least one coded row")
    return text


def _read_csv(
    path: Path, kind: str, required: Sequence[str], frames: Sequence[str]
) -> list[tuple[int, dict]]:
    """Rows of a CSV gold file as (line number, {column: stripped value}); checks header and field counts."""
    text = _read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    rows: list[tuple[int, dict]] = []
    try:
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = [cell.strip() for cell in record]
                missing = [c for c in required if c not in header]
                if missing:
                    guess = _guess_kind(header, frames)
                    hint = f"; it looks like a {guess} gold file" if guess and guess != kind else ""
                    shown = ", ".join(header[:8]) + (" …" if len(header) > 8 else "")
                    raise _fail(
                        path, f"line {reader.line_num}",
                        f"missing column {', '.join(repr(c) for c in missing)} for --kind {kind} "
                        f"(the header has {shown}){hint}",
                    )  # fmt: skip
                dupes = sorted({c for c in header if header.count(c) > 1})
                if dupes:
                    raise _fail(path, f"line {reader.line_num}", f"column {dupes[0]!r} appears twice")
                continue
            if len(record) != len(header):
                raise _fail(
                    path, f"line {reader.line_num}",
                    f"{len(record)} fields but the header has {len(header)}; quote fields that hold commas",
                )  # fmt: skip
            rows.append((reader.line_num, {c: v.strip() for c, v in zip(header, record, strict=True)}))
    except csv.Error as exc:
        raise _fail(path, f"line {reader.line_num}", f"not valid CSV: {exc}") from exc
    if not rows:
        raise _fail(path, "", "has a header but no coded rows")
    return rows


def _number(path: Path, line: int, column: str, value: str, *, allow_empty: bool = False) -> float:
    if value == "" and allow_empty:
        return math.nan
    if value == "":
        raise _fail(path, f"line {line}, column {column}", "empty; a number is required")
    try:
        number = float(value)
    except ValueError:
        raise _fail(
            path,
            f"line {line}, column {column}",
            f"{value!r} is not a number (write plain digits: 1300, 0.27)",
        ) from None
    if not math.isfinite(number):
        raise _fail(path, f"line {line}, column {column}", f"{value!r} is not a finite number")
    return number


def _gold_sentiment(path: Path, frames: Sequence[str]) -> Gold:
    rows = _read_csv(path, "sentiment", REQUIRED["sentiment"], frames)
    records = []
    for item, (line, row) in enumerate(rows):
        if not row["text"]:
            raise _fail(path, f"line {line}, column text", "empty; every row needs the text that was scored")
        records.append(
            {"item": item, "line": line, "text": row["text"],
             "score": _number(path, line, "score", row["score"]), "source": row.get(SOURCE, "")}
        )  # fmt: skip
    ignored = tuple(c for c in rows[0][1] if c not in (*REQUIRED["sentiment"], SOURCE))
    items = pd.DataFrame(records, columns=["item", "line", "text", "score", "source"])
    return Gold("sentiment", path, items, items.iloc[0:0], ignored_columns=ignored)


def _gold_frames(path: Path, frames: Sequence[str]) -> Gold:
    rows = _read_csv(path, "frames", (), frames)
    header = list(rows[0][1])
    if not any(k in header for k in FRAME_KEYS):
        raise _fail(
            path,
            "line 1",
            f"missing column 'article_id' or 'text' for --kind frames (the header has {', '.join(header)})",
        )
    frame_cols = tuple(c for c in header if c in frames)
    if not frame_cols:
        guess = _guess_kind(header, frames)
        hint = f"; it looks like a {guess} gold file" if guess else ""
        raise _fail(
            path,
            "line 1",
            f"no frame column for --kind frames; expected one or more of {', '.join(frames)}{hint}",
        )
    ignored = tuple(c for c in header if c not in (*FRAME_KEYS, "coder", SOURCE, *frame_cols))
    has_coder = "coder" in header
    items: dict[tuple[str, str], dict] = {}
    codes = []
    seen: dict[tuple[int, str], int] = {}
    for line, row in rows:
        text, article = row.get("text", ""), row.get("article_id", "")
        if text:
            key = ("text", text)
        elif article:
            key = ("article_id", article)
        else:
            raise _fail(path, f"line {line}", "neither 'text' nor 'article_id' is filled in")
        coder = row["coder"] if has_coder else "gold"
        if has_coder and not coder:
            raise _fail(path, f"line {line}, column coder", "empty; name the coder on every row")
        if key not in items:
            items[key] = {"item": len(items), "line": line, "key": key[0], "article_id": article, "text": text,
                          "source": row.get(SOURCE, "")}  # fmt: skip
        item = items[key]["item"]
        if (item, coder) in seen:
            what = "text" if key[0] == "text" else f"article {article}"
            raise _fail(
                path, f"line {line}",
                f"the same {what} is coded twice by coder {coder!r} (first on line {seen[(item, coder)]})",
            )  # fmt: skip
        seen[(item, coder)] = line
        code: dict[str, Any] = {"item": item, "coder": coder, "line": line}
        for frame in frame_cols:
            value = row[frame]
            if value in ("0", "1", "0.0", "1.0"):
                code[frame] = int(float(value))
            else:
                shown = repr(value) if value else "empty"
                raise _fail(path, f"line {line}, column {frame}", f"{shown}; code 0 (absent) or 1 (present)")
        codes.append(code)
    coders = tuple(dict.fromkeys(c["coder"] for c in codes))
    return Gold(
        "frames", path,
        pd.DataFrame(list(items.values()), columns=["item", "line", "key", "article_id", "text", "source"]),
        pd.DataFrame(codes, columns=["item", "coder", "line", *frame_cols]),
        frames=frame_cols, coders=coders, ignored_columns=ignored,
    )  # fmt: skip


def _gold_statistics(path: Path, frames: Sequence[str]) -> Gold:
    rows = _read_csv(path, "statistics", REQUIRED["statistics"], frames)
    header = list(rows[0][1])
    has_high, has_qualifier = "high" in header, "qualifier" in header
    ignored = tuple(c for c in header if c not in ("text", "value", "high", "qualifier", SOURCE))
    items: dict[str, dict] = {}
    empty_line: dict[int, int] = {}
    codes = []
    for line, row in rows:
        if not row["text"]:
            raise _fail(path, f"line {line}, column text", "empty; every row needs the text it codes")
        if row["text"] not in items:
            items[row["text"]] = {
                "item": len(items),
                "line": line,
                "text": row["text"],
                "source": row.get(SOURCE, ""),
            }
        item = items[row["text"]]["item"]
        value = _number(path, line, "value", row["value"], allow_empty=True)
        high = _number(path, line, "high", row["high"], allow_empty=True) if has_high else math.nan
        if math.isnan(value):
            if not math.isnan(high):
                raise _fail(
                    path, f"line {line}, column value", "empty but 'high' is filled; put the low end in value"
                )
            empty_line[item] = line
        else:
            codes.append(
                {"item": item, "line": line, "value": value, "high": high,
                 "qualifier": _qualifier(row.get("qualifier", "")) if has_qualifier else ""}
            )  # fmt: skip
    for item, line in empty_line.items():
        if any(c["item"] == item for c in codes):
            raise _fail(
                path, f"line {line}, column value",
                "empty, yet the same text has numbers on other rows; leave value empty only for a text with no number",
            )  # fmt: skip
    return Gold(
        "statistics", path,
        pd.DataFrame(list(items.values()), columns=["item", "line", "text", "source"]),
        pd.DataFrame(codes, columns=["item", "line", "value", "high", "qualifier"]),
        has_qualifier=has_qualifier, ignored_columns=ignored,
    )  # fmt: skip


def _gold_quotes(path: Path, frames: Sequence[str]) -> Gold:
    text = _read_text(path)
    items, codes = [], []
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            doc = json.loads(raw)
        except json.JSONDecodeError as exc:
            hint = (
                "; quotes gold is JSONL, one JSON object a line"
                if not raw.lstrip().startswith(("{", "[")) else ""
            )  # fmt: skip
            raise _fail(
                path, f"line {line}", f"not valid JSON ({exc.msg}, column {exc.colno}){hint}"
            ) from None
        if not isinstance(doc, dict):
            raise _fail(path, f"line {line}", 'not a JSON object; write {"text": ..., "quotes": [...]}')
        body = doc.get("text")
        if not isinstance(body, str) or not body.strip():
            raise _fail(
                path, f"line {line}, key text", "missing or empty; every line needs the text it codes"
            )
        quotes = doc.get("quotes")
        if not isinstance(quotes, list):
            raise _fail(
                path, f"line {line}, key quotes", "missing or not a list (use [] for a text without quotes)"
            )
        item = len(items)
        items.append({"item": item, "line": line, "text": body, "source": str(doc.get(SOURCE) or "")})
        cursor = 0
        for number, quote in enumerate(quotes):
            where = f"line {line}, quotes[{number}]"
            if (
                not isinstance(quote, dict)
                or not isinstance(quote.get("quote"), str)
                or not quote["quote"].strip()
            ):
                raise _fail(path, where, 'needs {"quote": "<the quoted words>", "speaker": "<name or null>"}')
            speaker = quote.get("speaker")
            if speaker is not None and not isinstance(speaker, str):
                raise _fail(path, f"{where}.speaker", "must be a string or null")
            content = quote["quote"].strip()
            start = body.find(content, cursor)
            if start < 0:
                start = body.find(content)
            if start < 0:
                raise _fail(
                    path, f"{where}.quote", f"{content[:60]!r} does not occur in the text; copy it exactly"
                )
            cursor = start + len(content)
            codes.append(
                {"item": item, "line": line, "quote": content, "speaker": speaker or "",
                 "start": start, "end": start + len(content)}
            )  # fmt: skip
    if not items:
        raise _fail(path, "", "has no coded lines")
    return Gold(
        "quotes", path,
        pd.DataFrame(items, columns=["item", "line", "text", "source"]),
        pd.DataFrame(codes, columns=["item", "line", "quote", "speaker", "start", "end"]),
    )  # fmt: skip


# Qualifiers compared by what they claim about the number, so "over" = "more than" = "surpassing"; words that
# only stress an exact number ("only 4", "another 270 days") count as no qualifier. Others compare as written.
QUALIFIER_CLASS = {
    **dict.fromkeys(
        ["over", "more than", "exceeding", "surpassing", "above", "upwards of", "in excess of", "topping",
         "greater than", "beyond"], "more than"),
    **dict.fromkeys(["under", "less than", "fewer than", "below"], "less than"),
    **dict.fromkeys(["about", "approximately", "approx.", "approx", "around", "roughly", "some", "circa",
                     "an estimated", "estimated", "~"], "about"),
    **dict.fromkeys(["nearly", "almost", "close to", "just under", "just shy of"], "nearly"),
    **dict.fromkeys(["up to", "as many as", "as much as", "within", "no more than", "at most"], "up to"),
    **dict.fromkeys(["at least", "no fewer than", "no less than", "a minimum of"], "at least"),
    **dict.fromkeys(["only", "just", "a mere", "another", "exactly", "an additional", "a further"], ""),
}  # fmt: skip


def _qualifier(value: object) -> str:
    """A statistic's qualifier for comparison: its class in :data:`QUALIFIER_CLASS`, else the words case-folded
    with whitespace collapsed; '' for none.

    Example:
        >>> [_qualifier(q) for q in ["Over", "surpassing", "about", "only", None, "give or take"]]
        ['more than', 'more than', 'about', '', '', 'give or take']
    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    text = WHITESPACE_RUN.sub(" ", str(value)).strip().casefold()
    if QUALIFIER_NONE.match(text):
        return ""
    return QUALIFIER_CLASS.get(text, text)


def read_gold(kind: Kind | str, path: str | os.PathLike[str], *, frames: Sequence[str] | None = None) -> Gold:
    """Parse and check a gold file of ``kind``.

    Args:
        kind: ``sentiment``, ``frames``, ``statistics`` or ``quotes``.
        path: the gold file (CSV; JSONL for quotes).
        frames: the frame ids a frames gold file may code (default :data:`FRAME_IDS`, or a codebook's).

    Raises:
        UsageError: unknown kind, missing or unreadable file, empty file, missing column, a non-numeric score
            or value, a frame code other than 0/1, an unreadable JSONL line … — one line naming the file and
            the line and column at fault.

    Example:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "gold.csv"
        >>> _ = path.write_text("text,score\\nGood.,0.5\\nBad.,x\\n")
        >>> read_gold("sentiment", path)
        Traceback (most recent call last):
        ...
        tiktok_study.errors.UsageError: gold file ...gold.csv line 3, column score: 'x' is not a number (write plain digits: 1300, 0.27)
    """
    if kind not in KINDS:
        raise UsageError(f"unknown validation kind {kind!r}; choose one of {', '.join(KINDS)}")
    known = tuple(frames) if frames is not None else FRAME_IDS
    parser = {
        "sentiment": _gold_sentiment,
        "frames": _gold_frames,
        "statistics": _gold_statistics,
        "quotes": _gold_quotes,
    }[kind]
    gold = parser(Path(path), known)
    if gold.ignored_columns:
        logger.info("gold file %s: ignoring columns %s", path, ", ".join(gold.ignored_columns))
    return gold


# --------------------------------------------------------------------------------------------------------------
# the report


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
    return [{k: (None if _isna(v) else v) for k, v in row.items()} for row in df.to_dict(orient="records")]


def _isna(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _fmt(value: Any, digits: int = 3) -> str:
    if _isna(value):
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
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(self.to_json())
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
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


# --------------------------------------------------------------------------------------------------------------
# scoring against the gold (pure: predictions in, report out)


def _prf_row(group: str, counts: np.ndarray, idx: np.ndarray, **extra: Any) -> dict[str, Any]:
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


def _miss(
    kind: str, item: int, line: int, group: str, gold: Any, tool: Any, text: str, *, detail: str = ""
) -> dict:
    return {"type": kind, "item": int(item), "line": int(line), "group": group, "gold": str(gold),
            "tool": str(tool), "text": str(text), "detail": detail}  # fmt: skip


MISS_TYPES = ("misclassified", "false_negative", "false_positive", "wrong_speaker")
MISS_COLUMNS = ["type", "item", "line", "group", "gold", "tool", "text", "detail"]


def _misses(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=MISS_COLUMNS).astype({"item": int, "line": int})
    rank = df["type"].map({t: n for n, t in enumerate(MISS_TYPES)})
    return df.iloc[np.argsort(rank.to_numpy(), kind="stable")].reset_index(drop=True)


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
        rows.append(_prf_row(c, counts.astype(int), idx))
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
        _miss("misclassified", r.item, r.line, f"{r.gold_class}→{r.tool_class}", f"{r.score:g}",
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
        "misses": _misses(misses),
        "details": {"pairs": pairs[cols].reset_index(drop=True), "correlation": correlation},
    }


def _eval_frames(gold: Gold, pred: pd.DataFrame, idx: np.ndarray) -> dict:
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
    for frame in frames:
        g = consensus[frame].to_numpy(dtype=bool)
        t = tool[frame].to_numpy(dtype=bool)
        counts = np.column_stack([g & t, ~g & t, g & ~t]).astype(int)
        alpha = metrics.krippendorff_alpha([g.astype(float), t.astype(float)])
        if len(coders) > 1:
            matrix = (
                codes.pivot(index="coder", columns="item", values=frame)
                .reindex(index=list(coders), columns=items["item"]).to_numpy(dtype=float)
            )  # fmt: skip
            alpha_coders = metrics.krippendorff_alpha(matrix)
        else:
            alpha_coders = math.nan
        rows.append(
            _prf_row(frame, counts, idx, prevalence=float(g.mean()) if n else math.nan,
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
            misses.append(_miss("false_negative", r.item, r.line, r.frame, 1, 0, r.shown,
                                detail=f"{r.hits} hit(s): {r.terms}" if r.hits else ""))  # fmt: skip
        for r in fp.itertuples():
            misses.append(_miss("false_positive", r.item, r.line, r.frame, 0, 1, r.shown,
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
    return {
        "summary": summary,
        "scores": scores,
        "misses": _misses(misses),
        "details": {"items": table.drop(columns=["shown"]) if len(table) else table},
    }


def _stat_numbers(row: Any) -> list[float]:
    """What a predicted statistic may match by: its value, both ends of a range, a ratio's stated parts."""
    parts = (row.value, row.low, row.high, getattr(row, "numerator", None), getattr(row, "denominator", None))
    return [float(x) for x in parts if x is not None and not _isna(x)]


def _by_item(df: pd.DataFrame) -> tuple[dict[int, pd.DataFrame], pd.DataFrame]:
    """Rows of ``df`` per item (index reset), and an empty frame with its columns."""
    groups = {int(k): g.reset_index(drop=True) for k, g in df.groupby("item", sort=True)} if len(df) else {}
    return groups, df.iloc[0:0].reset_index(drop=True)


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
        g_nums = [[v for v in (r.value, r.high) if not _isna(v)] for r in g.itertuples()]
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
                            "tool_qualifier": _qualifier(p.loc[a, "qualifier"]) if a is not None else "",
                            "span": str(p.loc[a, "span"]) if a is not None else "", "text": item.text})  # fmt: skip
            if a is None:
                misses.append(_miss("false_negative", item.item, r.line, "value", gold_text, "", item.text))
        for j in range(len(p)):
            if j not in matched_p:
                r = p.loc[j]
                matches.append({"item": item.item, "line": item.line, "status": "spurious", "gold": "",
                                "tool": _pred_number(r), "gold_qualifier": "",
                                "tool_qualifier": _qualifier(r["qualifier"]), "span": str(r["span"]),
                                "text": item.text})  # fmt: skip
                misses.append(
                    _miss("false_positive", item.item, item.line, "value", "", _pred_number(r), item.text,
                          detail=f"{r['span']!r} ({r['kind']})")
                )  # fmt: skip
    rows = [_prf_row(name, counts[name], idx) for name, _ in groups]
    scores = pd.DataFrame(rows)
    summary = {"n_items": len(items), "n_gold": len(gold.codes), "n_predicted": len(pred),
               "precision": rows[0]["precision"], "recall": rows[0]["recall"], "f1": rows[0]["f1"]}  # fmt: skip
    if gold.has_qualifier:
        summary["f1_with_qualifier"] = rows[1]["f1"]
    return {
        "summary": summary,
        "scores": scores,
        "misses": _misses(misses),
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
          and _qualifier(p.loc[a, "qualifier"]) == g.loc[b, "qualifier"]
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
    text = _num(r.value) if _isna(r.high) else f"{_num(r.value)}–{_num(r.high)}"
    return f"{text} ({r.qualifier})" if r.qualifier else text


def _pred_number(r: Any) -> str:
    low, high = r["low"], r["high"]
    text = f"{_num(low)}–{_num(high)}" if not _isna(low) and not _isna(high) else _num(r["value"])
    q = _qualifier(r["qualifier"])
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
            (a, b) for a, b in pairs["span_overlap"]
            if metrics.normalize_name(p.loc[a, "speaker"]) == metrics.normalize_name(g.loc[b, "speaker"])
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
            tool_speaker = "" if a is None or _isna(p.loc[a, "speaker"]) else str(p.loc[a, "speaker"])
            same = a is not None and metrics.normalize_name(tool_speaker) == metrics.normalize_name(
                g.loc[b, "speaker"]
            )
            matches.append({"item": item.item, "line": item.line, "status": status,
                            "gold_quote": g.loc[b, "quote"], "tool_quote": "" if a is None else str(p.loc[a, "text"]),
                            "gold_speaker": g.loc[b, "speaker"], "tool_speaker": tool_speaker,
                            "speaker_match": bool(same), "gold_start": int(gs[b]),
                            "tool_start": None if a is None else int(ps[a])})  # fmt: skip
            if a is None:
                misses.append(_miss("false_negative", item.item, item.line, "quote", g.loc[b, "speaker"],
                                    "", g.loc[b, "quote"]))  # fmt: skip
            elif not same:
                misses.append(_miss("wrong_speaker", item.item, item.line, "speaker", g.loc[b, "speaker"],
                                    tool_speaker, g.loc[b, "quote"]))  # fmt: skip
        matched_p = {a for a, _ in pairs["span_overlap"]}
        for a in range(len(p)):
            if a not in matched_p:
                tool_speaker = "" if _isna(p.loc[a, "speaker"]) else str(p.loc[a, "speaker"])
                matches.append({"item": item.item, "line": item.line, "status": "spurious", "gold_quote": "",
                                "tool_quote": str(p.loc[a, "text"]), "gold_speaker": "",
                                "tool_speaker": tool_speaker, "speaker_match": False, "gold_start": None,
                                "tool_start": int(ps[a])})  # fmt: skip
                misses.append(_miss("false_positive", item.item, item.line, "quote", "", tool_speaker,
                                    str(p.loc[a, "text"]), detail=str(p.loc[a, "kind"])))  # fmt: skip
    rows = [_prf_row(name, counts[name], idx) for name in names]
    scores = pd.DataFrame(rows)
    summary = {"n_items": len(items), "n_gold": len(gold.codes), "n_predicted": len(pred)}
    for row in rows:
        summary[f"{row['group']}_f1"] = row["f1"]
    cols = ["item", "line", "status", "gold_quote", "tool_quote", "gold_speaker", "tool_speaker",
            "speaker_match", "gold_start", "tool_start"]  # fmt: skip
    return {
        "summary": summary,
        "scores": scores,
        "misses": _misses(misses),
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
        result = _eval_frames(gold, pred, idx)
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


# --------------------------------------------------------------------------------------------------------------
# the tool's own predictions on the gold texts (the other modules are imported lazily)


def _doc_id(item: int) -> str:
    return f"gold-{item:05d}"


def predict_sentiment(items: pd.DataFrame) -> pd.DataFrame:
    """VADER on each gold text: the mean compound of its sentences (split by ``sentence_spans``)."""
    from tiktok_study.sentiment import score_sentiment
    from tiktok_study.text import sentence_spans

    rows = []
    for item, text in zip(items["item"], items["text"], strict=True):
        spans = sentence_spans(text) or [(0, len(text))]
        for sid, (a, b) in enumerate(spans):
            rows.append({"article_id": _doc_id(item), "paragraph_id": 0, "sentence_id": sid,
                         "text": text[a:b], "start": a, "end": b, "item": item})  # fmt: skip
    sentences = pd.DataFrame(
        rows, columns=["article_id", "paragraph_id", "sentence_id", "text", "start", "end", "item"]
    )
    scored = score_sentiment(sentences)
    scored = scored.merge(sentences[["article_id", "sentence_id", "item"]], on=["article_id", "sentence_id"])
    out = scored.groupby("item", sort=True)["compound"].agg(["mean", "size"]).reset_index()
    return out.rename(columns={"mean": "compound", "size": "n_sentences"})


def predict_frames(
    items: pd.DataFrame,
    *,
    codebook: Any = None,
    processed: str | os.PathLike[str] | None = None,
    presence: Presence = "auto",
) -> pd.DataFrame:
    """The tool's frames for each gold item: ``item, frame, present, hits, terms``.

    A text item is normalized with ``normalize_text`` (as any article is) and profiled with ``frame_profile``;
    an article item is looked up in the processed ``paragraphs`` table. With ``presence="auto"`` a text
    (paragraph-sized in practice) carries a frame when it has at least one hit, an article when
    ``article_frames.present`` says so; ``"hit"`` and ``"present"`` force one rule for both.
    """
    from tiktok_study.frames import frame_profile

    parts = []
    text_items = items[items["key"] == "text"]
    article_items = items[items["key"] == "article_id"]
    if len(text_items):
        from tiktok_study.normalize import normalize_text

        for item, text in zip(text_items["item"], text_items["text"], strict=True):
            tables = normalize_text(text, article_id=_doc_id(item))
            parts.append(tables.paragraphs)
    id_of: dict[str, int] = {_doc_id(i): int(i) for i in text_items["item"]}
    if len(article_items):
        from tiktok_study.config import processed_dir
        from tiktok_study.io import read_table

        folder = Path(processed) if processed is not None else processed_dir()
        table = folder / "paragraphs.parquet"
        if not table.is_file():
            raise UsageError(
                f"the frames gold file names articles by article_id, but there is no paragraphs table in {folder}: "
                "run `tiktok-study normalize` first, or code the gold by text"
            )
        paragraphs = read_table(table)
        wanted = article_items["article_id"].tolist()
        unknown = [a for a in wanted if a not in set(paragraphs["article_id"])]
        if unknown:
            known = sorted(set(paragraphs["article_id"]))
            raise UsageError(
                f"article_id {unknown[0]!r} of the frames gold file (line "
                f"{int(article_items.loc[article_items['article_id'] == unknown[0], 'line'].iloc[0])}) is not in "
                f"{folder}; known: {', '.join(known[:10])}{' …' if len(known) > 10 else ''}"
            )
        parts.append(paragraphs[paragraphs["article_id"].isin(wanted)])
        for a, item in zip(article_items["article_id"], article_items["item"], strict=True):
            id_of[a] = int(item)
    if not parts:
        return pd.DataFrame(columns=["item", "frame", "present", "hits", "terms"])
    paragraphs = pd.concat(parts, ignore_index=True)
    kwargs = {"codebook": codebook} if codebook is not None else {}
    hits, article_frames = frame_profile(paragraphs, **kwargs)
    rows = []
    key_of = dict(zip(items["item"], items["key"], strict=True))
    evidence = "match" if "match" in hits.columns else "term"
    terms = (
        hits.groupby(["article_id", "frame"], sort=True)[evidence]
        .agg(lambda s: ", ".join(dict.fromkeys(str(t) for t in s)))
        if len(hits) else pd.Series(dtype=str)
    )  # fmt: skip
    counts = hits.groupby(["article_id", "frame"], sort=True).size() if len(hits) else pd.Series(dtype=int)
    for r in article_frames.itertuples():
        if r.article_id not in id_of:
            continue
        item = id_of[r.article_id]
        n = int(counts.get((r.article_id, r.frame), 0))
        rule = presence if presence != "auto" else ("hit" if key_of[item] == "text" else "present")
        present = n > 0 if rule == "hit" else bool(r.present)
        rows.append({"item": item, "frame": r.frame, "present": present, "hits": n,
                     "terms": terms.get((r.article_id, r.frame), "")})  # fmt: skip
    # frames with hits but absent from article_frames (should not happen) still count under the hit rule
    return pd.DataFrame(rows, columns=["item", "frame", "present", "hits", "terms"])


def predict_statistics(items: pd.DataFrame) -> pd.DataFrame:
    """``extract_statistics`` on each gold text; vague quantities ("thousands of") and rows without any number
    are left out (the gold lists no number for them)."""
    from tiktok_study.statistics import extract_statistics

    parts = []
    for item, text in zip(items["item"], items["text"], strict=True):
        found = extract_statistics(text)
        if len(found):
            found = found.assign(
                item=item, span=[text[a:b] for a, b in zip(found["start"], found["end"], strict=True)]
            )
            parts.append(found)
    cols = ["item", "value", "low", "high", "kind", "qualifier", "span", "start", "end"]
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat(parts, ignore_index=True)
    cols += [c for c in ("numerator", "denominator") if c in out.columns]
    numbers = out[[c for c in ("value", "low", "high", "numerator", "denominator") if c in out.columns]]
    keep = numbers.notna().any(axis=1) & (out["kind"].astype(str) != "vague")
    return out.loc[keep, cols].reset_index(drop=True)


def predict_quotes(items: pd.DataFrame, *, kinds: Sequence[str] = ("speech",)) -> pd.DataFrame:
    """``extract_quotes`` on each gold text, keeping the quote kinds the gold codes (speech by default)."""
    from tiktok_study.quotes import extract_quotes

    parts = []
    for item, text in zip(items["item"], items["text"], strict=True):
        found = extract_quotes(text)
        if len(found):
            parts.append(found.assign(item=item))
    cols = ["item", "text", "speaker", "kind", "start", "end"]
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat(parts, ignore_index=True)
    return out.loc[out["kind"].isin(list(kinds)), cols].reset_index(drop=True)


def _load_codebook(codebook: Any) -> Any:
    """The codebook as an object (a path is loaded; None gives the shipped one)."""
    from tiktok_study.codebook import as_codebook

    return as_codebook(codebook)


def validate(
    kind: Kind | str,
    gold: str | os.PathLike[str],
    *,
    codebook: Any = None,
    processed: str | os.PathLike[str] | None = None,
    resamples: int = metrics.BOOTSTRAP_RESAMPLES,
    seed: int = metrics.BOOTSTRAP_SEED,
    gold_neutral: float = 0.0,
    presence: Presence = "auto",
) -> ValidationReport:
    """Run the tool on the gold texts and report its agreement with the human codes (nothing written).

    Args:
        kind: ``sentiment``, ``frames``, ``statistics`` or ``quotes``.
        gold: the gold file (formats in the module docstring).
        codebook: frames only — a codebook path or loaded codebook (default: the shipped one).
        processed: frames only — the processed folder for article-keyed gold rows (default data/processed).
        resamples: bootstrap resamples (default 1000).
        seed: bootstrap seed (fixed by default, so a report is reproducible).
        gold_neutral: sentiment only — the gold scale's neutral band (default 0: the sign decides).
        presence: frames only — when an item carries a frame (see :func:`predict_frames`).

    Raises:
        UsageError: a bad gold file or option (see :func:`read_gold`).
    """
    if kind not in KINDS:
        raise UsageError(f"unknown validation kind {kind!r}; choose one of {', '.join(KINDS)}")
    if resamples < 0:
        raise UsageError(f"resamples must be 0 or more, got {resamples}")
    if gold_neutral < 0:
        raise UsageError(f"gold_neutral must be 0 or more, got {gold_neutral}")
    if presence not in ("auto", "hit", "present"):
        raise UsageError(f"presence must be auto, hit or present, got {presence!r}")
    book = _load_codebook(codebook) if kind == "frames" else None
    parsed = read_gold(kind, gold, frames=book.frame_ids if book is not None else None)
    settings: dict[str, Any] = {}
    if kind == "sentiment":
        pred = predict_sentiment(parsed.items)
        settings["tool"] = "VADER compound, mean over the sentences of a text"
    elif kind == "frames":
        pred = predict_frames(parsed.items, codebook=book, processed=processed, presence=presence)
        settings["presence"] = presence
        settings["codebook"] = {
            "path": "shipped"
            if codebook is None
            else str(codebook)
            if isinstance(codebook, (str, os.PathLike))
            else (getattr(book, "path", None) or "<in memory>"),
            "name": getattr(book, "name", None),
            "version": getattr(book, "version", None),
        }
    elif kind == "statistics":
        pred = predict_statistics(parsed.items)
        settings["scored"] = "tool numbers with a value, vague quantities left out"
    else:
        pred = predict_quotes(parsed.items)
        settings["scored"] = "tool quotes of kind speech"
    return evaluate(
        parsed, pred, resamples=resamples, seed=seed, gold_neutral=gold_neutral, settings=settings
    )


def validate_file(
    kind: Kind | str,
    gold: str | os.PathLike[str],
    *,
    out: str | os.PathLike[str] | None = None,
    codebook: Any = None,
    processed: str | os.PathLike[str] | None = None,
    resamples: int = metrics.BOOTSTRAP_RESAMPLES,
    seed: int = metrics.BOOTSTRAP_SEED,
    gold_neutral: float = 0.0,
    presence: Presence = "auto",
) -> ValidationReport:
    """:func:`validate`, then write ``<out>/validation-<kind>.json`` (default out: ``reports/validation``).

    The returned report's ``path`` is the JSON file; ``str(report)`` prints the figures (what the CLI shows).

    Example:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "gold.csv").write_text("text,value\\nOver 900 posts.,900\\nNo number.,\\n")
        >>> report = validate_file("statistics", folder / "gold.csv", out=folder, resamples=100)
        >>> report.path.name, report.summary["f1"]
        ('validation-statistics.json', 1.0)
    """
    from tiktok_study import config

    report = validate(
        kind, gold, codebook=codebook, processed=processed, resamples=resamples, seed=seed,
        gold_neutral=gold_neutral, presence=presence,
    )  # fmt: skip
    folder = Path(out) if out is not None else config.reports_dir() / "validation"
    return replace(report, path=report.write(folder))


GOLD_FILE_NAMES = {
    "sentiment": "sentiment.csv",
    "frames": "frames.csv",
    "statistics": "statistics.csv",
    "quotes": "quotes.jsonl",
}


def gold_files(folder: str | os.PathLike[str]) -> dict[str, Path]:
    """The gold files present in ``folder``, by kind (``sentiment.csv``, ``frames.csv``, ``statistics.csv``,
    ``quotes.jsonl``).

    Raises:
        UsageError: the folder does not exist or holds none of them.
    """
    path = Path(folder)
    if not path.is_dir():
        raise UsageError(f"gold folder {path} does not exist")
    found = {kind: path / name for kind, name in GOLD_FILE_NAMES.items() if (path / name).is_file()}
    if not found:
        raise UsageError(f"gold folder {path} holds none of {', '.join(GOLD_FILE_NAMES.values())}")
    return found
