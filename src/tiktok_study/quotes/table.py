"""The public entry points: ``extract_quotes`` (one text) and ``quotes_table`` (the corpus), and ``sources``."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Literal

import pandas as pd

from tiktok_study.quotes.attribution import _find
from tiktok_study.quotes.lexicon import PARAGRAPH_BREAK_RE, WORD_RE
from tiktok_study.quotes.marks import _Quote
from tiktok_study.schema import COLUMNS, SchemaError, require_columns, tidy

__all__ = ["extract_quotes", "quotes_table", "sources"]

logger = logging.getLogger(__name__)


_EXTRA_COLUMNS = ["speaker_title", "speaker_affiliation", "resolved_from", "n_paragraphs"]


def _rows(text: str, quotes: list[_Quote], blocks: list[tuple[int, int, int]], article_id: str) -> list[dict]:
    rows = []
    for q in quotes:
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
            }
        )
    return rows


def _frame(rows: list[dict]) -> pd.DataFrame:
    columns = COLUMNS["quotes"] + _EXTRA_COLUMNS
    data = {}
    for col in columns:
        values = [r[col] for r in rows]
        dtype = "int64" if col in ("paragraph_id", "start", "end", "n_paragraphs") else "object"
        data[col] = pd.Series(values, dtype=dtype)
    return tidy(pd.DataFrame(data, columns=columns), "quotes")


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
        "previous quote"), n_paragraphs. Rows in text order.

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


def _actor_lookup(texts: list[str], actors: object | None) -> dict[str, str] | None:
    """Map each of ``texts`` to the actor of ``tiktok_study.actors`` mentioned first in it (None: no module)."""
    try:
        from tiktok_study.actors import find_actors  # imported lazily: the actors list is another module's
    except ImportError:
        logger.info("tiktok_study.actors is not available: sources are grouped by speaker")
        return None
    if not texts:
        return {}
    frame = pd.DataFrame(
        {"article_id": "speakers", "paragraph_id": 0, "sentence_id": range(len(texts)), "text": texts,
         "start": 0, "end": [len(t) for t in texts]}
    )  # fmt: skip
    found = find_actors(frame, actors=actors).sort_values(["sentence_id", "start"], kind="mergesort")
    lookup: dict[str, str] = {}
    for sentence_id, actor in zip(found["sentence_id"], found["actor"], strict=True):
        lookup.setdefault(texts[int(sentence_id)], actor)
    return lookup


def sources(
    quotes: pd.DataFrame, *, actors: object | None = None, by: Literal["actor", "speaker"] = "actor"
) -> pd.DataFrame:
    """Who is quoted and how often: one row per source — an actor of the actors list, or a speaker.

    Args:
        quotes: a ``quotes`` table.
        actors: what :func:`tiktok_study.actors.find_actors` accepts — a list of ``Actor``, a path to an actors
            YAML, or None for the shipped list. A speaker belongs to the actor first mentioned in its name
            ("TikTok spokesperson" → TikTok), else in its affiliation ("Liang Liang", Douyin Group → Douyin);
            speakers matching no actor are sources of their own.
        by: ``"actor"`` to group by the actors list, ``"speaker"`` to keep every speaker apart.

    Returns:
        Columns source, actor (None when no actor matched), speakers (distinct names, in corpus order), n_quotes,
        n_speech, n_term (terms used in someone's reported speech), n_articles, n_words (words of speech
        quoted); most quoted first. Quotations without a speaker are left out.

    Example:
        >>> q = extract_quotes("“We will sue,” said Shou Chew. “We will win,” Chew added. A “win” it is.")
        >>> sources(q, by="speaker")[["source", "n_speech", "n_words"]].values.tolist()
        [['Chew', 1, 3], ['Shou Chew', 1, 3]]
    """
    require_columns(quotes, "quotes", where="sources")
    ordered = quotes.sort_values(["article_id", "start"], kind="mergesort")
    has_affiliation = "speaker_affiliation" in ordered.columns
    lookup: dict[str, str] | None = None
    if by == "actor":
        texts: list[str] = []
        for speaker, affiliation in zip(
            ordered["speaker"], ordered["speaker_affiliation"] if has_affiliation else [None] * len(ordered),
            strict=True,
        ):  # fmt: skip
            for t in (speaker, affiliation):
                if isinstance(t, str) and t and t not in texts:
                    texts.append(t)
        lookup = _actor_lookup(texts, actors)
    columns = ["source", "actor", "speakers", "n_quotes", "n_speech", "n_term", "n_articles", "n_words"]
    groups: dict[str, dict] = {}
    for row in ordered.itertuples(index=False):
        speaker = row.speaker
        if not isinstance(speaker, str) or not speaker:
            continue
        affiliation = getattr(row, "speaker_affiliation", None) if has_affiliation else None
        actor = None
        if lookup is not None:
            actor = lookup.get(speaker) or (lookup.get(affiliation) if isinstance(affiliation, str) else None)
        key = actor or speaker
        g = groups.setdefault(key, {"source": key, "actor": actor, "speakers": [], "n_quotes": 0, "n_speech": 0,
                                    "n_term": 0, "articles": [], "n_words": 0})  # fmt: skip
        if speaker not in g["speakers"]:
            g["speakers"].append(speaker)
        if row.article_id not in g["articles"]:
            g["articles"].append(row.article_id)
        g["n_quotes"] += 1
        if row.kind == "speech":
            g["n_speech"] += 1
            g["n_words"] += len(WORD_RE.findall(str(row.text)))
        else:
            g["n_term"] += 1
    rows = []
    for g in groups.values():
        g["n_articles"] = len(g.pop("articles"))
        rows.append(g)
    df = pd.DataFrame(
        {
            c: pd.Series([r[c] for r in rows], dtype="int64" if c.startswith("n_") else "object")
            for c in columns
        }
    )
    df = df.sort_values(["n_speech", "n_quotes", "source"], ascending=[False, False, True], kind="mergesort")
    return df.reset_index(drop=True)
