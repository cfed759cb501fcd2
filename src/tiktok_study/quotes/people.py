"""People: the speakers of one article tied to one ``speaker_id`` each, and :func:`sources` (who is quoted).

A speaker is named in many ways in one article — "Sen. Marco Rubio" (the title is kept apart, so the speaker is
"Marco Rubio"), then "Rubio", "Mr. Rubio" ("Rubio" again). :func:`speaker_ids` gives each the fullest form the
article uses for that person: the longest name of the article — a speaker's, or a run of two to four
capitalized words in its text — that ends with the same family name and agrees on the given names written
("Marco Rubio" and "M. Rubio", not "Jeb Rubio"). A family name that two people of the article share ("Clinton"
with both "Hillary Clinton" and "Bill Clinton" in the text) stays as written: guessing would merge two people.
Descriptions ("officials", "TikTok spokesperson") are their own id.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import Literal

import pandas as pd

from tiktok_study.quotes.lexicon import (
    _NOT_NAMES,
    _SPEECH_VERBS,
    _TITLES,
    PERSON_CANDIDATE_RE,
    SENTENCE_END_WORD_RE,
    WORD_RE,
)
from tiktok_study.schema import require_columns

__all__ = ["sources", "speaker_ids"]

logger = logging.getLogger(__name__)


def _name_tokens(name: str) -> list[str] | None:
    """The words of a person's name, or None for a description (a lower-case word, a single title)."""
    tokens = [t.strip(",") for t in name.split()]
    if not tokens or any(not t[:1].isupper() for t in tokens):
        return None
    return tokens


def _agrees(short: list[str], full: list[str]) -> bool:
    """Whether ``short`` can name the person ``full`` names: same family name, and each given name written
    in ``short`` matches one of ``full`` in order (a full word or an initial)."""
    if short[-1].lower() != full[-1].lower() or len(short) > len(full):
        return False
    rest = iter(full[:-1])
    for word in short[:-1]:
        w = word.rstrip(".").lower()
        if not any(f.rstrip(".").lower() == w or (len(w) == 1 and f.lower().startswith(w)) for f in rest):
            return False
    return True


def _text_forms(text: str, wanted: set[str]) -> Iterator[list[str]]:
    """The runs of two to four capitalized words of ``text`` that may be a person's full name, as tokens (a
    title, an owner's possessive, a leading function word trimmed), when their family name is in ``wanted``
    (lower case; a run's last word is its family name, whatever is trimmed from its front)."""
    for m in PERSON_CANDIDATE_RE.finditer(text):
        tokens = m.group("run").split()
        if tokens[-1].removesuffix("’s").removesuffix("'s").lower() not in wanted:
            continue
        titles = [i for i, t in enumerate(tokens) if t in _TITLES]
        tokens = tokens[titles[-1] + 1 :] if titles else tokens  # "Cleveland Police Chief Calvin Williams"
        for i in range(
            len(tokens) - 2, -1, -1
        ):  # "Washington Post’s Ishaan Tharoor", "Reuters. George Smith"
            if tokens[i].endswith(("’s", "'s")) or SENTENCE_END_WORD_RE.fullmatch(tokens[i]):
                tokens = tokens[i + 1 :]
                break
        while tokens and (tokens[0] in _NOT_NAMES or tokens[0].lower() in _SPEECH_VERBS):
            tokens.pop(0)  # "However Smith", "Continued Stone"
        if 2 <= len(tokens) <= 4 and not any(t in _NOT_NAMES for t in tokens):
            yield [t.removesuffix("’s").removesuffix("'s") for t in tokens]


def speaker_ids(text: str, speakers: Sequence[str | None]) -> list[str | None]:
    """One id per speaker of one article: the fullest form of the same person's name in the article.

    Args:
        text: the article text (its capitalized runs are candidate full names).
        speakers: the speakers of its quotations, as written (None: no speaker).

    Returns:
        The ids, in the order of ``speakers`` (None where the speaker is None).

    Example:
        >>> text = "Sen. Marco Rubio spoke. Rubio said: “Yes.” Mr. Rubio added: “No.” Clinton said: “Maybe.”"
        >>> speaker_ids(text + " Hillary Clinton and Bill Clinton came.", ["Marco Rubio", "Rubio", "Clinton", None])
        ['Marco Rubio', 'Marco Rubio', 'Clinton', None]
    """
    if not any(speakers):
        return [None] * len(speakers)
    # only the forms of the speakers' family names are ever looked up (see _text_forms)
    wanted = {tokens[-1].lower() for name in speakers if name and (tokens := _name_tokens(name))}
    if not wanted:
        return [name or None for name in speakers]
    forms: dict[str, list[list[str]]] = {}  # distinct multi-word names by family name, in text order
    seen: set[tuple[str, ...]] = set()

    def add(tokens: list[str]) -> None:
        if tuple(tokens) not in seen:
            seen.add(tuple(tokens))
            forms.setdefault(tokens[-1].lower(), []).append(tokens)

    for name in speakers:
        tokens = _name_tokens(name) if name else None
        if tokens and len(tokens) > 1:
            add(tokens)
    for tokens in _text_forms(text, wanted):
        add(tokens)
    out: list[str | None] = []
    for name in speakers:
        tokens = _name_tokens(name) if name else None
        if not name or tokens is None:
            out.append(name or None)
            continue
        fuller = [
            f for f in forms.get(tokens[-1].lower(), []) if len(f) >= len(tokens) and _agrees(tokens, f)
        ]
        given = {f[0].lower() for f in fuller if len(f) > len(tokens)}
        if len(tokens) == 1 and len(given) > 1:
            out.append(name)  # two people share the family name
            continue
        best = max(fuller, key=len, default=tokens)  # the first of the longest: text order
        out.append(" ".join(best) if len(best) > len(tokens) else name)
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
        by: ``"actor"`` to group by the actors list, ``"speaker"`` to keep every person apart. A person is the
            ``speaker_id`` of the table (one per person and article, see :func:`speaker_ids`), or the speaker
            for a table without it.

    Returns:
        Columns source, actor (None when no actor matched), speakers (distinct names as written, in corpus
        order), n_quotes,
        n_speech, n_term (terms used in someone's reported speech), n_articles, n_words (words of speech
        quoted); most quoted first. Quotations without a speaker are left out.

    Example:
        >>> from tiktok_study.quotes import extract_quotes
        >>> q = extract_quotes("“We will sue,” said Shou Chew. “We will win,” Chew added. A “win” it is.")
        >>> sources(q, by="speaker")[["source", "n_speech", "n_words"]].values.tolist()
        [['Shou Chew', 2, 6]]
    """
    require_columns(quotes, "quotes", where="sources")
    ordered = quotes.sort_values(["article_id", "start"], kind="mergesort")
    has_id = "speaker_id" in ordered.columns
    has_affiliation = "speaker_affiliation" in ordered.columns
    lookup: dict[str, str] | None = None
    if by == "actor":
        texts: list[str] = []
        for speaker, affiliation, person in zip(
            ordered["speaker"], ordered["speaker_affiliation"] if has_affiliation else [None] * len(ordered),
            ordered["speaker_id"] if has_id else [None] * len(ordered), strict=True,
        ):  # fmt: skip
            for t in (speaker, person, affiliation):
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
        person = getattr(row, "speaker_id", None) if has_id else None
        if not isinstance(person, str) or not person:
            person = speaker
        actor = None
        if lookup is not None:
            actor = (
                lookup.get(speaker)
                or lookup.get(person)
                or (lookup.get(affiliation) if isinstance(affiliation, str) else None)
            )
        key = actor or person
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
