"""Framing by an editable codebook: every hit with its term and offsets, and a per-article profile.

How text is matched (one pass per paragraph or sentence):

* All indicators of all frames are compiled into **one** regular expression. It is tried where a word starts
  (or at a currency sign, for money patterns); at each such place every frame's indicators are tried at once,
  and for each frame the longest indicator wins there: a phrase with more words first, then the longer text
  (patterns after terms). Terms are case-insensitive and whole-word (see ``data/codebook.yaml``); the parts of
  a hyphenated compound are words too ("anti-war" contains "war").
* A frame's ``exclude`` phrases and ``exclude_patterns`` veto any hit of that frame that overlaps them
  ("heart attack" removes the conflict hit "attack").
* Hits of one frame that overlap count once: the longest is kept (then the earlier). Hits of *different*
  frames may overlap: "trade war" is a conflict hit and an economic hit when both frames list it.
* Only body paragraphs (``kind == "body"``) are read; headings are not.

The article profile (``article_frames``, one row per article × codebook frame, zeros included):

* ``hits``: the article's rows in ``frames`` for that frame.
* ``n_words``: body words of the article, counted by :func:`count_words` (a run of letters or digits, joined
  through internal hyphens, apostrophes, periods or commas: "people-to-people", "China’s", "27.8" and
  "1,300" are one word each); ``hits_per_1k_words`` = 1000 × hits / n_words (0 when there are no words).
* ``share_paragraphs``: paragraphs with at least one hit of the frame / body paragraphs of the article.
* ``present``: ``hits >= min_hits`` (default 2) **and** ``hits_per_1k_words >= min_per_1k`` (default 1.0).
  One indicator word is not a frame; in a long article a handful of scattered words is not either.
* ``rank``: 1 for the frame with the most hits in the article (the same order as hits per 1,000 words, which
  share the denominator), ties broken by more paragraphs carrying the frame, then by codebook order.
* ``dominant``: the rank-1 frame if it is present (at most one per article; none when no frame is present).

Example:
    >>> import pandas as pd
    >>> paragraphs = pd.DataFrame({
    ...     "article_id": ["a", "a"], "paragraph_id": [0, 1], "kind": ["body", "body"],
    ...     "text": ["The trade war escalated.", "Both sides called for dialogue."],
    ...     "start": [0, 26], "end": [24, 57]})
    >>> frames, article_frames = frame_profile(paragraphs)
    >>> frames[["paragraph_id", "frame", "term", "match", "start", "end"]].values.tolist()
    [[0, 'conflict', 'trade war*', 'trade war', 4, 13], [0, 'economic', 'trade war*', 'trade war', 4, 13], [0, 'conflict', 'escalate', 'escalated', 14, 23], [1, 'responsibility', 'call on', 'called for', 37, 47], [1, 'cooperation', 'dialogue', 'dialogue', 48, 56]]
    >>> article_frames.set_index("frame").loc["conflict", ["hits", "present", "dominant"]].tolist()
    [2, True, True]
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Literal

import numpy as np
import pandas as pd

from tiktok_study.codebook import Codebook, Indicator, as_codebook
from tiktok_study.schema import COLUMNS, require_columns, tidy

__all__ = [
    "ARTICLE_FRAME_COLUMNS",
    "FRAME_COLUMNS",
    "count_words",
    "frame_profile",
    "kwic",
    "match_text",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# --- compiled regexes, together -------------------------------------------------------------------------------
WORD = re.compile(r"[^\W_]+(?:['’.,\-‐‑][^\W_]+)*")  # one body word (see count_words)
WORD_START = r"(?<!\w)(?=[\w$€£¥§])"  # where indicators are tried: a word start or a currency/section sign
WHITESPACE = re.compile(r"\s+")

#: Columns of the ``frames`` table (the contract's, then ``match``; ``sentence_id`` too when unit="sentence").
FRAME_COLUMNS = [*COLUMNS["frames"], "match"]
#: Columns of the ``article_frames`` table (the contract's, then the counts behind them).
ARTICLE_FRAME_COLUMNS = [*COLUMNS["article_frames"], "rank", "n_words", "n_paragraphs", "paragraphs_with_frame"]


def count_words(text: str) -> int:
    """The number of words of ``text`` by the rule of the module docstring.

    Example:
        >>> count_words("People-to-people exchange grew 27.8% in China’s 1,300 firms.")
        8
    """
    return sum(1 for _ in WORD.finditer(text))


class _Matcher:
    """The codebook compiled into one regex; :meth:`find` returns the kept hits of one text."""

    __slots__ = ("frame_ids", "layout", "regex")

    def __init__(self, codebook: Codebook) -> None:
        parts: list[str] = [WORD_START]
        guards: list[str] = []
        layout_names: list[tuple[str, list[tuple[str, str]], str | None]] = []
        for i, frame in enumerate(codebook.frames):
            terms = sorted(
                (ind for ind in frame.indicators if ind.kind == "term"), key=lambda ind: (-ind.words, -ind.length)
            )  # stable: equal keys keep codebook order
            patterns = [ind for ind in frame.indicators if ind.kind == "pattern"]
            names = [(f"t{i}_{k}", ind.term) for k, ind in enumerate([*terms, *patterns])]
            alternation = "|".join(
                f"(?P<{name}>{ind.regex})" for (name, _), ind in zip(names, [*terms, *patterns], strict=True)
            )
            parts.append(f"(?:(?=(?P<f{i}>{alternation})))?")
            guards.append(f"f{i}")
            excl_name = None
            if frame.exclusions:
                excl_name = f"x{i}"
                parts.append(f"(?:(?=(?P<{excl_name}>{_alternation(frame.exclusions)})))?")
                guards.append(excl_name)
            layout_names.append((f"f{i}", names, excl_name))
        # Succeed only where some frame or exclusion matched, so finditer skips the other word starts in C.
        tail = "(?!)"
        for name in reversed(guards):
            tail = f"(?({name})|{tail})"
        self.regex = re.compile("".join(parts) + tail, re.IGNORECASE)
        index = self.regex.groupindex
        self.layout = tuple(
            (index[f], tuple((index[n], term) for n, term in names), index[x] if x else None)
            for f, names, x in layout_names
        )
        self.frame_ids = codebook.frame_ids

    def find(self, text: str) -> list[tuple[int, str, int, int]]:
        """Kept hits of ``text`` as ``(frame index, term, start, end)``, sorted by start then frame index."""
        n = len(self.layout)
        hits: list[list[tuple[int, int, str]]] = [[] for _ in range(n)]
        vetoes: list[list[tuple[int, int]]] = [[] for _ in range(n)]
        for m in self.regex.finditer(text):
            start = m.start()
            for i, (frame_group, term_groups, excl_group) in enumerate(self.layout):
                end = m.end(frame_group)
                if end > start:
                    for group, term in term_groups:
                        if m.start(group) >= 0:
                            hits[i].append((start, end, term))
                            break
                if excl_group is not None and (x_end := m.end(excl_group)) > start:
                    vetoes[i].append((start, x_end))
        out: list[tuple[int, str, int, int]] = []
        for i in range(n):
            if not hits[i]:
                continue
            candidates = [h for h in hits[i] if not any(h[0] < xe and xs < h[1] for xs, xe in vetoes[i])]
            kept: list[tuple[int, int, str]] = []
            for h in sorted(candidates, key=lambda h: (h[0] - h[1], h[0])):  # longest first, then earlier
                if all(h[1] <= k[0] or k[1] <= h[0] for k in kept):
                    kept.append(h)
            out.extend((i, term, s, e) for s, e, term in kept)
        out.sort(key=lambda h: (h[2], h[0]))
        return out


def _alternation(indicators: tuple[Indicator, ...]) -> str:
    terms = sorted((i for i in indicators if i.kind == "term"), key=lambda i: (-i.words, -i.length))
    return "|".join(i.regex for i in [*terms, *(i for i in indicators if i.kind == "pattern")])


@lru_cache(maxsize=8)
def _matcher(codebook: Codebook) -> _Matcher:
    return _Matcher(codebook)


def match_text(text: str, *, codebook: Codebook | str | None = None) -> pd.DataFrame:
    """The frame hits of one text: frame, term, match, start, end (offsets into ``text``).

    The same matching as :func:`frame_profile` (see the module docstring), for trying a codebook on a sentence.

    Example:
        >>> match_text("He had a heart attack; then the attack on the court's ruling began.")[
        ...     ["frame", "term", "match"]].values.tolist()
        [['conflict', 'attack', 'attack'], ['legal', 'court', 'court'], ['legal', 'ruling', 'ruling']]
    """
    cb = as_codebook(codebook)
    found = _matcher(cb).find(text)
    return pd.DataFrame(
        {
            "frame": pd.Series([cb.frame_ids[i] for i, _, _, _ in found], dtype=object),
            "term": pd.Series([t for _, t, _, _ in found], dtype=object),
            "match": pd.Series([text[s:e] for _, _, s, e in found], dtype=object),
            "start": np.array([s for _, _, s, _ in found], dtype=np.int64),
            "end": np.array([e for _, _, _, e in found], dtype=np.int64),
        }
    )


def frame_profile(
    paragraphs: pd.DataFrame,
    *,
    codebook: Codebook | str | None = None,
    unit: Literal["paragraph", "sentence"] = "paragraph",
    sentences: pd.DataFrame | None = None,
    min_hits: int = 2,
    min_per_1k: float = 1.0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Find every frame hit in the body text and profile each article (see the module docstring for the rules).

    Args:
        paragraphs: the ``paragraphs`` table (article_id, paragraph_id, kind, text, start, end).
        codebook: a :class:`~tiktok_study.codebook.Codebook`, a path to a codebook YAML, or None for the shipped
            codebook.
        unit: match within each body paragraph (default) or within each sentence; a phrase split across a
            sentence boundary is found only with ``"paragraph"``.
        sentences: the ``sentences`` table; required when ``unit="sentence"`` (sentences outside body
            paragraphs are ignored).
        min_hits: ``present`` needs at least this many hits.
        min_per_1k: ``present`` needs at least this many hits per 1,000 body words.

    Returns:
        ``(frames, article_frames)``: ``frames`` has one row per hit (article_id, paragraph_id, frame, term,
        start, end as offsets into the article text, the matched text in ``match``, and ``sentence_id`` when
        ``unit="sentence"``); ``article_frames`` has one row per article of ``paragraphs`` × codebook frame,
        with :data:`ARTICLE_FRAME_COLUMNS`.

    Raises:
        SchemaError: a table lacks a required column (named).
        ValueError: a bad ``unit``, ``min_hits`` or ``min_per_1k``, or ``unit="sentence"`` without ``sentences``.
    """
    require_columns(paragraphs, "paragraphs", where="frame_profile")
    if unit not in ("paragraph", "sentence"):
        raise ValueError(f"frame_profile: unit must be 'paragraph' or 'sentence', not {unit!r}")
    if min_hits < 1 or min_per_1k < 0:
        raise ValueError(f"frame_profile: need min_hits >= 1 and min_per_1k >= 0, got {min_hits}, {min_per_1k}")
    cb = as_codebook(codebook)
    matcher = _matcher(cb)
    body = paragraphs[paragraphs["kind"] == "body"]

    if unit == "sentence":
        if sentences is None:
            raise ValueError("frame_profile: unit='sentence' needs the sentences table (sentences=...)")
        require_columns(sentences, "sentences", where="frame_profile")
        keys = pd.MultiIndex.from_frame(body[["article_id", "paragraph_id"]])
        units = sentences[pd.MultiIndex.from_frame(sentences[["article_id", "paragraph_id"]]).isin(keys)]
        unit_ids = units["sentence_id"].tolist()
    else:
        units = body
        unit_ids = None

    cols: dict[str, list] = {c: [] for c in ("article_id", "paragraph_id", "frame", "term", "start", "end", "match")}
    sentence_col: list[int] = []
    frame_ids = cb.frame_ids
    rows = zip(
        units["article_id"].tolist(),
        units["paragraph_id"].tolist(),
        units["text"].tolist(),
        units["start"].tolist(),
        strict=True,
    )
    for n, (article_id, paragraph_id, text, offset) in enumerate(rows):
        if not isinstance(text, str) or not text:
            continue
        for i, term, s, e in matcher.find(text):
            cols["article_id"].append(article_id)
            cols["paragraph_id"].append(paragraph_id)
            cols["frame"].append(frame_ids[i])
            cols["term"].append(term)
            cols["start"].append(offset + s)
            cols["end"].append(offset + e)
            cols["match"].append(text[s:e])
            if unit_ids is not None:
                sentence_col.append(unit_ids[n])
    frames = pd.DataFrame(
        {
            "article_id": pd.Series(cols["article_id"], dtype=object),
            "paragraph_id": np.array(cols["paragraph_id"], dtype=np.int64),
            "frame": pd.Series(cols["frame"], dtype=object),
            "term": pd.Series(cols["term"], dtype=object),
            "start": np.array(cols["start"], dtype=np.int64),
            "end": np.array(cols["end"], dtype=np.int64),
            "match": pd.Series(cols["match"], dtype=object),
        }
    )
    if unit_ids is not None:
        frames["sentence_id"] = np.array(sentence_col, dtype=np.int64)
    frames = tidy(frames, "frames")

    article_frames = _profile(
        frames, paragraphs, body, frame_ids=frame_ids, min_hits=min_hits, min_per_1k=min_per_1k
    )
    logger.debug("frame_profile: %d hits in %d articles", len(frames), article_frames["article_id"].nunique())
    return frames, article_frames


def _profile(
    frames: pd.DataFrame,
    paragraphs: pd.DataFrame,
    body: pd.DataFrame,
    *,
    frame_ids: tuple[str, ...],
    min_hits: int,
    min_per_1k: float,
) -> pd.DataFrame:
    articles = sorted(pd.unique(paragraphs["article_id"]).tolist())
    words = pd.Series(
        [count_words(t) if isinstance(t, str) else 0 for t in body["text"].tolist()], index=body.index, dtype="int64"
    )
    per_article = pd.DataFrame(
        {
            "n_words": words.groupby(body["article_id"]).sum(),
            "n_paragraphs": body.groupby("article_id").size(),
        }
    ).reindex(articles, fill_value=0)
    grid = pd.MultiIndex.from_product([articles, list(frame_ids)], names=["article_id", "frame"])
    grouped = frames.groupby(["article_id", "frame"])
    counts = pd.DataFrame(
        {"hits": grouped.size(), "paragraphs_with_frame": grouped["paragraph_id"].nunique()}
    ).reindex(grid, fill_value=0)
    out = counts.reset_index()
    out = out.join(per_article, on="article_id")
    n_words = out["n_words"].to_numpy(dtype=float)
    n_par = out["n_paragraphs"].to_numpy(dtype=float)
    hits = out["hits"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["hits_per_1k_words"] = np.where(n_words > 0, 1000.0 * hits / n_words, 0.0)
        out["share_paragraphs"] = np.where(n_par > 0, out["paragraphs_with_frame"].to_numpy() / n_par, 0.0)
    out["present"] = (out["hits"] >= min_hits) & (out["hits_per_1k_words"] >= min_per_1k)
    out["_order"] = out["frame"].map({f: n for n, f in enumerate(frame_ids)})
    ranked = out.sort_values(
        ["article_id", "hits", "paragraphs_with_frame", "_order"],
        ascending=[True, False, False, True],
        kind="mergesort",
    )
    out.loc[ranked.index, "rank"] = ranked.groupby("article_id").cumcount().to_numpy() + 1
    out["rank"] = out["rank"].astype("int64")
    out["dominant"] = (out["rank"] == 1) & out["present"]
    for col in ("hits", "n_words", "n_paragraphs", "paragraphs_with_frame"):
        out[col] = out[col].astype("int64")
    return tidy(out[ARTICLE_FRAME_COLUMNS], "article_frames")


def kwic(hits: pd.DataFrame, texts: pd.DataFrame, *, width: int = 60) -> pd.DataFrame:
    """Keyword in context: each hit with up to ``width`` characters of text on either side.

    Args:
        hits: the ``frames`` table (or any table with article_id, start, end offsets into the article text,
            and paragraph_id when ``texts`` is the paragraphs table).
        texts: the ``articles`` table (article_id, text) — context runs across paragraphs — or the
            ``paragraphs`` table (article_id, paragraph_id, text, start) — context stays in the paragraph.
        width: characters of context on each side; line breaks and runs of spaces show as one space.

    Returns:
        The rows of ``hits`` with ``left``, ``keyword`` and ``right`` added.

    Raises:
        ValueError: a hit whose article (or paragraph) is not in ``texts``, or ``width < 0``.

    Example:
        >>> import pandas as pd
        >>> paragraphs = pd.DataFrame({"article_id": ["a"], "paragraph_id": [0], "kind": ["body"],
        ...     "text": ["Lawmakers fear espionage by foreign apps."], "start": [0], "end": [41]})
        >>> frames, _ = frame_profile(paragraphs)
        >>> kwic(frames, paragraphs, width=10)[["left", "keyword", "right"]].values.tolist()
        [['kers fear ', 'espionage', ' by foreig']]
    """
    if width < 0:
        raise ValueError(f"kwic: width must be >= 0, not {width}")
    for col in ("article_id", "start", "end"):
        if col not in hits.columns:
            raise ValueError(f"kwic: the hits table lacks the column {col}")
    by_paragraph = "paragraph_id" in texts.columns and "start" in texts.columns
    if by_paragraph:
        if "paragraph_id" not in hits.columns:
            raise ValueError("kwic: paragraphs given as texts, but the hits table lacks paragraph_id")
        lookup = {
            (a, p): (t, s)
            for a, p, t, s in zip(
                texts["article_id"].tolist(),
                texts["paragraph_id"].tolist(),
                texts["text"].tolist(),
                texts["start"].tolist(),
                strict=True,
            )
        }
        keys = list(zip(hits["article_id"].tolist(), hits["paragraph_id"].tolist(), strict=True))
    else:
        if "text" not in texts.columns or "article_id" not in texts.columns:
            raise ValueError("kwic: texts must be the articles table (article_id, text) or the paragraphs table")
        lookup = {a: (t, 0) for a, t in zip(texts["article_id"].tolist(), texts["text"].tolist(), strict=True)}
        keys = hits["article_id"].tolist()
    left, keyword, right = [], [], []
    for key, start, end in zip(keys, hits["start"].tolist(), hits["end"].tolist(), strict=True):
        if key not in lookup:
            what = "paragraph (article_id, paragraph_id)" if by_paragraph else "article"
            raise ValueError(f"kwic: the {what} {key!r} of a hit is not in the texts given")
        text, offset = lookup[key]
        s, e = start - offset, end - offset
        left.append(WHITESPACE.sub(" ", text[max(0, s - width) : s]))
        keyword.append(text[s:e])
        right.append(WHITESPACE.sub(" ", text[e : e + width]))
    out = hits.copy()
    out["left"] = pd.Series(left, index=out.index, dtype=object)
    out["keyword"] = pd.Series(keyword, index=out.index, dtype=object)
    out["right"] = pd.Series(right, index=out.index, dtype=object)
    return out
