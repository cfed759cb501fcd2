"""The tables of the data contract (docs/contract.md): Arrow schemas, required columns, row order, a check on entry.

Example:
    >>> import pandas as pd
    >>> require_columns(pd.DataFrame({"article_id": []}), "sentences", where="score_sentiment")
    Traceback (most recent call last):
    ...
    tiktok_study.schema.SchemaError: score_sentiment: the sentences table lacks columns paragraph_id, sentence_id, text, start, end
"""

from __future__ import annotations

from itertools import pairwise

import pandas as pd
import pyarrow as pa

__all__ = ["COLUMNS", "SCHEMAS", "SORT_KEYS", "TABLE_ROWS", "SchemaError", "empty", "require_columns", "tidy"]

_S, _I, _F, _B = pa.string(), pa.int64(), pa.float64(), pa.bool_()
_T, _L = pa.large_string(), pa.list_(pa.string())

# Every table: its contract columns (the stable interface, in this order), then the extras of each module.
_TABLES: dict[str, tuple[list[tuple[str, pa.DataType]], list[tuple[str, pa.DataType]]]] = {
    "articles": (
        [("article_id", _S), ("source_path", _S), ("raw_sha256", _S), ("title", _S), ("subtitle", _S),
         ("authors", _L), ("editors", _L), ("source", _S), ("section", _S), ("published", _S), ("language", _S),
         ("text", _T), ("n_paragraphs", _I), ("n_sentences", _I), ("n_words", _I)],
        [("n_headings", _I), ("n_removed", _I), ("dateline", _S), ("url", _S), ("paywalled", _B),
         ("language_score", _F), ("format", _S), ("encoding", _S), ("source_row", _I), ("stated_words", _I),
         ("duplicate_of", _S), ("repaired", _S)],
    ),
    "paragraphs": (
        [("article_id", _S), ("paragraph_id", _I), ("kind", _S), ("text", _T), ("start", _I), ("end", _I)],
        [("line_no", _I)],
    ),
    "sentences": (
        [("article_id", _S), ("paragraph_id", _I), ("sentence_id", _I), ("text", _T), ("start", _I), ("end", _I)],
        [],
    ),
    "removed": ([("article_id", _S), ("line_no", _I), ("text", _T), ("rule", _S)], []),
    "skipped": ([("source_path", _S), ("reason", _S)], [("article_id", _S)]),
    "sentiment": (
        [("article_id", _S), ("paragraph_id", _I), ("sentence_id", _I), ("neg", _F), ("neu", _F), ("pos", _F),
         ("compound", _F)],
        [("label", _S)],
    ),
    "actors": (
        [("article_id", _S), ("sentence_id", _I), ("actor", _S), ("alias", _S)],
        [("paragraph_id", _I), ("start", _I), ("end", _I), ("match", _S)],
    ),
    "frames": (
        [("article_id", _S), ("paragraph_id", _I), ("frame", _S), ("term", _S), ("start", _I), ("end", _I)],
        [("match", _S)],
    ),
    "article_frames": (
        [("article_id", _S), ("frame", _S), ("hits", _I), ("hits_per_1k_words", _F), ("share_paragraphs", _F),
         ("present", _B), ("dominant", _B)],
        [("rank", _I), ("n_words", _I), ("n_paragraphs", _I), ("paragraphs_with_frame", _I)],
    ),
    "statistics": (
        [("article_id", _S), ("sentence_id", _I), ("text", _S), ("value", _F), ("low", _F), ("high", _F),
         ("kind", _S), ("unit", _S), ("qualifier", _S), ("object", _S), ("start", _I), ("end", _I)],
        [("sentence", _T), ("per", _S), ("numerator", _F), ("denominator", _F), ("inferred", _B),
         ("paragraph_id", _I)],
    ),
    "quotes": (
        [("article_id", _S), ("paragraph_id", _I), ("text", _T), ("speaker", _S), ("verb", _S), ("kind", _S),
         ("start", _I), ("end", _I)],
        [("speaker_title", _S), ("speaker_affiliation", _S), ("resolved_from", _S), ("n_paragraphs", _I),
         ("speaker_id", _S), ("partial", _B)],
    ),
    "excluded": ([("article_id", _S), ("reason", _S)], []),
}  # fmt: skip

#: Arrow schema of every table written: the contract's columns first, then the extras.
SCHEMAS: dict[str, pa.Schema] = {name: pa.schema(c + e) for name, (c, e) in _TABLES.items()}
#: The contract's (required) columns of each table, derived from :data:`SCHEMAS`.
COLUMNS: dict[str, list[str]] = {name: [n for n, _ in c] for name, (c, _) in _TABLES.items()}

#: What one row of each table is (for the contract document).
TABLE_ROWS: dict[str, str] = {
    "articles": "article (its clean text and metadata)",
    "paragraphs": "body paragraph or in-body heading",
    "sentences": "sentence of a body paragraph",
    "removed": "line cut from the raw text, with the rule that cut it",
    "skipped": "raw file (or export row) not turned into an article, with the reason",
    "sentiment": "scored sentence (NLTK VADER)",
    "actors": "actor mention in a sentence",
    "frames": "frame indicator hit in a paragraph",
    "article_frames": "article × frame",
    "statistics": "quoted number",
    "quotes": "quotation",
    "excluded": "article left out of the analyses, with the reason",
}

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
    "excluded": ["article_id"],
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
    if _in_order(
        out, keys
    ):  # most tables are built in key order: a stable sort would keep every row in place
        return out.reset_index(drop=True)
    return out.sort_values(keys, kind="mergesort").reset_index(drop=True)


def _in_order(df: pd.DataFrame, keys: list[str]) -> bool:
    """Whether the rows of ``df`` are already in ascending order of ``keys`` (False when unsure: a missing
    value, or values that do not compare, leave the decision to pandas' sort)."""
    if len(df) < 2:
        return True
    if not keys:
        return False
    rows = list(zip(*(df[k].tolist() for k in keys), strict=True))
    try:
        return all(a <= b for a, b in pairwise(rows))
    except TypeError:  # None against a string, pd.NA
        return False
