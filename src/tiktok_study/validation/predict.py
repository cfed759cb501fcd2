"""The tool's own predictions on gold texts, and :func:`validate` / :func:`validate_file` that run them.

The measurement modules (sentiment, frames, statistics, quotes, normalize) are imported lazily, when a kind
needs them.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from tiktok_study import metrics
from tiktok_study.errors import UsageError
from tiktok_study.validation.gold import KINDS, Kind, read_gold
from tiktok_study.validation.report import ValidationReport
from tiktok_study.validation.scoring import evaluate

__all__ = [
    "gold_paragraphs",
    "predict_frames",
    "predict_quotes",
    "predict_sentiment",
    "predict_statistics",
    "validate",
    "validate_file",
]

logger = logging.getLogger(__name__)

Presence = Literal["auto", "hit", "present"]


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


def gold_paragraphs(
    items: pd.DataFrame, *, processed: str | os.PathLike[str] | None = None
) -> tuple[pd.DataFrame | None, dict[str, int]]:
    """The body paragraphs of frames gold items, and the item of each article id they carry.

    A text item is normalized with ``normalize_text`` (as any article is; its article id is ``gold-00012``);
    an article item is looked up in the processed ``paragraphs`` table. ``(None, {})`` for no items.

    Raises:
        UsageError: article items without a processed paragraphs table, or an article id not in it.
    """
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
        known_ids = set(paragraphs["article_id"])
        unknown = [a for a in wanted if a not in known_ids]
        if unknown:
            known = sorted(known_ids)
            raise UsageError(
                f"article_id {unknown[0]!r} of the frames gold file (line "
                f"{int(article_items.loc[article_items['article_id'] == unknown[0], 'line'].iloc[0])}) is not in "
                f"{folder}; known: {', '.join(known[:10])}{' …' if len(known) > 10 else ''}"
            )
        parts.append(paragraphs[paragraphs["article_id"].isin(wanted)])
        for a, item in zip(article_items["article_id"], article_items["item"], strict=True):
            id_of[a] = int(item)
    if not parts:
        return None, {}
    return pd.concat(parts, ignore_index=True), id_of


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

    paragraphs, id_of = gold_paragraphs(items, processed=processed)
    if paragraphs is None:
        return pd.DataFrame(columns=["item", "frame", "present", "hits", "terms"])
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


def predict_quotes(
    items: pd.DataFrame, *, kinds: Sequence[str] = ("speech",), partial: bool = False
) -> pd.DataFrame:
    """``extract_quotes`` on each gold text, keeping the quote kinds the gold codes (speech by default).

    A gold of direct quotations (PolNeAR's quotation-wrapped Contents, what a reader marks as "X said: “…”")
    does not code the fragments quoted inside the writer's paraphrase ("said the deal was “a disaster”"): the
    tool's ``partial`` rows are scored only with ``partial=True`` (a gold that codes them too).
    """
    from tiktok_study.quotes import extract_quotes

    parts = []
    for item, text in zip(items["item"], items["text"], strict=True):
        found = extract_quotes(text)
        if len(found):
            parts.append(found.assign(item=item))
    cols = ["item", "text", "speaker", "kind", "start", "end", "speaker_id", "resolved_from"]
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat(parts, ignore_index=True)
    keep = out["kind"].isin(list(kinds))
    if not partial:
        keep &= ~out["partial"].astype(bool)
    return out.loc[keep, cols].reset_index(drop=True)


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
    partial: bool = False,
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
        partial: quotes only — score the quotations inside the writer's paraphrase too (the tool's
            ``partial`` rows), for a gold that codes them; by default only direct quotations are scored.

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
        pred = predict_quotes(parsed.items, partial=partial)
        settings["scored"] = (
            "tool quotes of kind speech, partial quotations included"
            if partial
            else "tool quotes of kind speech, direct quotations only (partial ones left out)"
        )
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
    partial: bool = False,
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
        gold_neutral=gold_neutral, presence=presence, partial=partial,
    )  # fmt: skip
    folder = Path(out) if out is not None else config.reports_dir() / "validation"
    return replace(report, path=report.write(folder))
