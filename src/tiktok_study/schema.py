"""The tables of ../shared/CONTRACT.md: their required columns, their row order, and a check on entry.

Example:
    >>> import pandas as pd
    >>> require_columns(pd.DataFrame({"article_id": []}), "sentences", where="score_sentiment")
    Traceback (most recent call last):
    ...
    tiktok_study.schema.SchemaError: score_sentiment: the sentences table lacks columns paragraph_id, sentence_id, text, start, end
"""

from __future__ import annotations

import pandas as pd

__all__ = ["COLUMNS", "SORT_KEYS", "SchemaError", "empty", "require_columns", "tidy"]

COLUMNS: dict[str, list[str]] = {
    "articles": [
        "article_id", "source_path", "raw_sha256", "title", "subtitle", "authors", "editors", "source",
        "section", "published", "language", "text", "n_paragraphs", "n_sentences", "n_words",
    ],
    "paragraphs": ["article_id", "paragraph_id", "kind", "text", "start", "end"],
    "sentences": ["article_id", "paragraph_id", "sentence_id", "text", "start", "end"],
    "removed": ["article_id", "line_no", "text", "rule"],
    "skipped": ["source_path", "reason"],
    "sentiment": ["article_id", "paragraph_id", "sentence_id", "neg", "neu", "pos", "compound"],
    "actors": ["article_id", "sentence_id", "actor", "alias"],
    "frames": ["article_id", "paragraph_id", "frame", "term", "start", "end"],
    "article_frames": [
        "article_id", "frame", "hits", "hits_per_1k_words", "share_paragraphs", "present", "dominant",
    ],
    "statistics": [
        "article_id", "sentence_id", "text", "value", "low", "high", "kind", "unit", "qualifier", "object",
        "start", "end",
    ],
    "quotes": ["article_id", "paragraph_id", "text", "speaker", "verb", "kind", "start", "end"],
}  # fmt: skip

SORT_KEYS: dict[str, list[str]] = {
    "articles": ["article_id"],
    "paragraphs": ["article_id", "paragraph_id"],
    "sentences": ["article_id", "sentence_id"],
    "removed": ["article_id", "line_no"],
    "skipped": ["source_path"],
    "sentiment": ["article_id", "sentence_id"],
    "actors": ["article_id", "sentence_id", "actor", "alias"],
    "frames": ["article_id", "paragraph_id", "start", "frame"],
    "article_frames": ["article_id", "frame"],
    "statistics": ["article_id", "start"],
    "quotes": ["article_id", "start"],
}


class SchemaError(ValueError):
    """A table handed to the library lacks required columns."""


def require_columns(df: pd.DataFrame, table: str, *, where: str) -> None:
    """Raise :class:`SchemaError` naming the caller and the missing columns of ``table``."""
    missing = [c for c in COLUMNS[table] if c not in df.columns]
    if missing:
        raise SchemaError(f"{where}: the {table} table lacks columns {', '.join(missing)}")


def empty(table: str) -> pd.DataFrame:
    """An empty frame with the required columns of ``table``."""
    return pd.DataFrame({c: [] for c in COLUMNS[table]})


def tidy(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Put the required columns first (extra columns after, in their order), sort rows by the table's key."""
    require_columns(df, table, where=f"tidy({table})")
    extra = [c for c in df.columns if c not in COLUMNS[table]]
    out = df[COLUMNS[table] + extra]
    keys = [k for k in SORT_KEYS[table] if k in out.columns]
    return out.sort_values(keys, kind="mergesort").reset_index(drop=True)
