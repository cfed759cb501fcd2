"""The public entry points: ``extract_quotes`` (one text) and ``quotes_table`` (the corpus)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from itertools import pairwise

import numpy as np
import pandas as pd

from tiktok_study.quotes.attribution import _find
from tiktok_study.quotes.lexicon import PARAGRAPH_BREAK_RE
from tiktok_study.quotes.marks import _Quote
from tiktok_study.quotes.people import speaker_ids
from tiktok_study.schema import COLUMNS, SchemaError, require_columns, tidy

__all__ = ["extract_quotes", "quotes_table"]

logger = logging.getLogger(__name__)


_EXTRA_COLUMNS = [
    "speaker_title",
    "speaker_affiliation",
    "resolved_from",
    "n_paragraphs",
    "speaker_id",
    "partial",
]


def _rows(text: str, quotes: list[_Quote], blocks: list[tuple[int, int, int]], article_id: str) -> list[dict]:
    rows = []
    ids = speaker_ids(text, [q.speaker.name if q.speaker is not None else None for q in quotes])
    for q, speaker_id in zip(quotes, ids, strict=True):
        speaker = q.speaker if q.speaker is not None and q.speaker.name else None
        rows.append(
            {
                "article_id": article_id,
                "paragraph_id": blocks[q.block][0],
                "text": "\n".join(text[a:b] for a, b in q.segments),
                "speaker": speaker.name if speaker else None,
                "verb": q.verb,
                "kind": q.kind,
                "start": q.segments[0][0],
                "end": q.segments[-1][1],
                "speaker_title": speaker.title if speaker else None,
                "speaker_affiliation": speaker.affiliation if speaker else None,
                "resolved_from": q.resolved_from,
                "n_paragraphs": len(q.segments),
                "speaker_id": speaker_id if speaker else None,
                "partial": q.kind == "speech" and q.embedded,
            }
        )
    return rows


_INT_COLUMNS = ("paragraph_id", "start", "end", "n_paragraphs")


def _frame(rows: list[dict]) -> pd.DataFrame:
    """The ``quotes`` table of ``rows``: contract columns first, int64 offsets, text columns of dtype object,
    sorted by article and start (what :func:`tiktok_study.schema.tidy` gives; rows already in that order, as
    the finder makes them, are not sorted again)."""
    columns = COLUMNS["quotes"] + _EXTRA_COLUMNS
    df = pd.DataFrame({col: [r[col] for r in rows] for col in columns}, columns=columns, dtype=object)
    for col in _INT_COLUMNS:  # one int64 array per offset column (astype on the frame costs more)
        df[col] = np.fromiter((r[col] for r in rows), dtype=np.int64, count=len(rows))
    keys = [(r["article_id"], r["start"]) for r in rows]
    if all(a <= b for a, b in pairwise(keys)):
        return df
    return tidy(df, "quotes")


def _blank_line_blocks(text: str) -> list[tuple[int, int, int]]:
    blocks, start = [], 0
    for m in PARAGRAPH_BREAK_RE.finditer(text):
        blocks.append((start, m.start()))
        start = m.end()
    blocks.append((start, len(text)))
    return [(i, a, b) for i, (a, b) in enumerate(blocks)]


def extract_quotes(text: str, *, article_id: str = "doc") -> pd.DataFrame:
    """The quotations of ``text``: one row per quotation, CONTRACT ``quotes`` columns plus extras.

    Args:
        text: any English text; paragraphs are blocks separated by blank lines (a text without blank lines is
            paragraph 0).
        article_id: the value of the ``article_id`` column.

    Returns:
        Columns article_id, paragraph_id, text (the content without the marks; a quotation spanning paragraphs
        joins its parts with a newline), speaker, verb, kind (``speech`` / ``term``), start, end (offsets of the
        content in ``text``), then speaker_title, speaker_affiliation, resolved_from (the pronoun resolved, or
        "previous quote"), n_paragraphs, speaker_id (one person's fullest name in the text: "Sen. Marco Rubio",
        "Rubio" and "Mr. Rubio" → Marco Rubio; see :func:`tiktok_study.quotes.people.speaker_ids`), partial
        (True for speech quoted inside the writer's own clause — "said the plan was “a giveaway”" — rather than
        opening a sentence or following "X said:"). Rows in text order.

    Example:
        >>> q = extract_quotes("Liang Liang from the Douyin Group responded on Weibo: “We act fast.”")
        >>> q[["text", "speaker", "speaker_affiliation", "verb", "kind"]].values.tolist()
        [['We act fast.', 'Liang Liang', 'Douyin Group', 'responded', 'speech']]
    """
    blocks = _blank_line_blocks(text)
    return _frame(_rows(text, _find(text, blocks), blocks, article_id))


def quotes_table(
    articles: pd.DataFrame, paragraphs: pd.DataFrame, *, sentences: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Run the quotation finder over the corpus: paragraphs from the ``paragraphs`` table.

    Args:
        articles: the ``articles`` table (article_id and text are used).
        paragraphs: the ``paragraphs`` table (article_id, paragraph_id, start, end into the article text).
        sentences: optionally, the ``sentences`` table of the same normalization. Its spans (the same
            :func:`~tiktok_study.text.sentence_spans` of each body paragraph) are used instead of splitting
            those paragraphs again; a paragraph without sentences there, or whose spans do not lie inside it, is
            split as without the table. The result is the same; only the work is saved.

    Returns:
        The ``quotes`` table with offsets into the article text and paragraph_id from ``paragraphs``.

    Example:
        >>> import pandas as pd
        >>> text = "Title\\n\\nHe said: “We will sue.”"
        >>> arts = pd.DataFrame({"article_id": ["a"], "text": [text]})
        >>> paras = pd.DataFrame({"article_id": ["a"], "paragraph_id": [0], "kind": ["body"],
        ...                       "text": [text[7:]], "start": [7], "end": [len(text)]})
        >>> quotes_table(arts, paras)[["paragraph_id", "text", "kind", "start"]].values.tolist()
        [[0, 'We will sue.', 'speech', 17]]
        >>> sents = pd.DataFrame({"article_id": ["a"], "paragraph_id": [0], "sentence_id": [0],
        ...                       "text": [text[7:]], "start": [7], "end": [len(text)]})
        >>> quotes_table(arts, paras, sentences=sents).equals(quotes_table(arts, paras))
        True
    """
    missing = [c for c in ("article_id", "text") if c not in articles.columns]
    if missing:
        raise SchemaError(f"quotes_table: the articles table lacks columns {', '.join(missing)}")
    require_columns(paragraphs, "paragraphs", where="quotes_table")
    # Plain lists, grouped once (a pandas group per article costs more than finding its quotations).
    grouped = _group_rows(
        paragraphs["article_id"].tolist(),
        zip(
            paragraphs["paragraph_id"].tolist(),
            paragraphs["start"].tolist(),
            paragraphs["end"].tolist(),
            strict=True,
        ),
    )
    known: dict[object, dict[int, list[tuple[int, int]]]] = {}
    if sentences is not None:
        require_columns(sentences, "sentences", where="quotes_table")
        ordered = sentences.sort_values(["article_id", "sentence_id"], kind="mergesort")
        for article_id, (paragraph_id, start, end) in zip(
            ordered["article_id"].tolist(),
            zip(
                ordered["paragraph_id"].tolist(),
                ordered["start"].tolist(),
                ordered["end"].tolist(),
                strict=True,
            ),
            strict=True,
        ):
            known.setdefault(article_id, {}).setdefault(int(paragraph_id), []).append((int(start), int(end)))
    rows: list[dict] = []
    for article_id, text in sorted(zip(articles["article_id"], articles["text"], strict=True)):
        mine = grouped.get(article_id)
        if mine is None or not isinstance(text, str):
            continue
        mine.sort(key=lambda r: r[0])  # stable, like a mergesort on paragraph_id
        blocks = [(int(p), int(a), int(b)) for p, a, b in mine]
        rows.extend(_rows(text, _find(text, blocks, known.get(article_id)), blocks, article_id))
    return _frame(rows)


def _group_rows(keys: list, rows: Iterable[tuple]) -> dict[object, list[tuple]]:
    """Rows grouped by key in their order; missing keys (None, NaN, NA) are left out, as pandas groupby does."""
    out: dict[object, list[tuple]] = {}
    for key, row in zip(keys, rows, strict=True):
        if key is None or key is pd.NA or (isinstance(key, float) and key != key):
            continue
        out.setdefault(key, []).append(row)
    return out
