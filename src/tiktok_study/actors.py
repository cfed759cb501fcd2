"""Actors named in sentences, and the tone of the sentences that name them.

The actors list is data: ``data/actors.yaml`` in the package (the US government, Congress, courts, Trump, Biden,
the United States, China, Xi Jinping, TikTok, ByteDance, Xiaohongshu, Douyin, users, Oracle, Nvidia, …), or a
file of your own in the same format (its header comment is the syntax reference).

Matching rules (:func:`find_actors`):

* Aliases match whole words. An alias written with a capital letter matches only as written ("US" is not "us",
  "Oracle" is not "an oracle"); an alias written all in lower case matches in any case ("users" finds "Users").
  An alias entry may override this with ``case: sensitive`` or ``case: insensitive``.
* Where aliases overlap, the longest mention wins and shorter aliases inside it are not counted again:
  "U.S. government" is one mention of the US government (not also of the United States), "Chinese President Xi
  Jinping" one mention of Xi Jinping, "TikTok users" one mention of users. Ties: the earlier mention.
* An actor's ``exclude`` phrases are tried like aliases; a mention of that actor overlapping one is dropped
  ("Washington Post" is not the US government).

:func:`actor_tone` gives the tone of the sentences that mention each actor. That is **not** the tone toward the
actor, nor anyone's stance: VADER scores the words of the whole sentence (see :mod:`tiktok_study.sentiment`),
and a sentence naming two actors counts for both. Small ``n_sentences`` means little; it is shown on every row.

Example:
    >>> import pandas as pd
    >>> sentences = pd.DataFrame({"article_id": ["a"], "paragraph_id": [0], "sentence_id": [0],
    ...     "text": ["The U.S. government and Chinese President Xi Jinping discussed TikTok users."],
    ...     "start": [0], "end": [76]})
    >>> find_actors(sentences)[["actor", "alias", "start", "end"]].values.tolist()
    [['US government', 'U.S. government', 4, 19], ['Xi Jinping', 'Chinese President Xi Jinping', 24, 52], ['users', 'TikTok users', 63, 75]]
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from tiktok_study.alternation import dispatch_trie, longest_first, not_vetoed
from tiktok_study.codebook import read_yaml
from tiktok_study.errors import UsageError
from tiktok_study.schema import COLUMNS, require_columns, tidy
from tiktok_study.sentiment import label_compound

__all__ = [
    "ACTOR_COLUMNS",
    "Actor",
    "ActorsError",
    "Alias",
    "actor_tone",
    "default_actors_path",
    "find_actors",
    "load_actors",
    "parse_actors",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# --- compiled regexes, together -------------------------------------------------------------------------------
ALIAS_SPACE = re.compile(r"\s+")
WORD_START = r"(?<!\w)"

#: Columns of the ``actors`` table (the contract's, then where the mention is).
ACTOR_COLUMNS = [*COLUMNS["actors"], "paragraph_id", "start", "end", "match"]
DISPATCH_DEPTH = 3  # leading letters/digits of an alias that pick its branch of the regex (speed only)

_TOP_KEYS = {"version", "description", "actors"}
_ACTOR_KEYS = {"name", "kind", "country", "aliases", "exclude", "notes"}
_ALIAS_KEYS = {"alias", "case"}


class ActorsError(UsageError):
    """An actors list that cannot be used; the message names the file, the actor and the field (a ValueError)."""

    def __init__(self, message: str, *, actor: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.actor = actor
        self.field = field


@dataclass(frozen=True)
class Alias:
    """One name of an actor and whether it matches only in the case written."""

    text: str
    case_sensitive: bool


@dataclass(frozen=True)
class Actor:
    """An actor: its name (as reported in the ``actors`` table), aliases and optional exclusions."""

    name: str
    aliases: tuple[Alias, ...]
    exclude: tuple[Alias, ...] = ()
    kind: str | None = None
    country: str | None = None
    notes: str | None = None


def default_actors_path() -> Path:
    """The path of the actors list shipped in the package (``tiktok_study/data/actors.yaml``)."""
    return Path(str(resources.files("tiktok_study") / "data" / "actors.yaml"))


def _fail(source: str, actor: str | None, fld: str, problem: str) -> ActorsError:
    where = f"actor {actor!r}, field {fld!r}" if actor else f"field {fld!r}"
    return ActorsError(f"{source}: {where}: {problem}", actor=actor, field=fld)


def _opt_text(value: Any, source: str, actor: str, fld: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _fail(source, actor, fld, f"must be a text, not {type(value).__name__}")
    return str(value).strip() or None


def _aliases(value: Any, source: str, actor: str, fld: str, *, required: bool) -> tuple[Alias, ...]:
    if value is None:
        if required:
            raise _fail(source, actor, fld, "missing (a list of at least one alias is required)")
        return ()
    if not isinstance(value, list) or (required and not value):
        raise _fail(source, actor, fld, "must be a non-empty list of aliases")
    out = []
    for n, item in enumerate(value):
        where = f"{fld}[{n}]"
        case: Any = None
        if isinstance(item, dict):
            unknown = sorted(set(map(str, item)) - _ALIAS_KEYS)
            if unknown:
                raise _fail(
                    source, actor, where, f"unknown key {unknown[0]!r} (an alias entry has: alias, case)"
                )
            text, case = item.get("alias"), item.get("case")
        else:
            text = item
        if isinstance(text, bool) or not isinstance(text, str | int):
            raise _fail(source, actor, where, f"an alias must be a text, not {type(text).__name__}")
        text = " ".join(str(text).split())
        if not text or not re.match(r"\w", text):
            raise _fail(source, actor, where, f"the alias {text!r} must start with a letter or digit")
        if case not in (None, "sensitive", "insensitive"):
            raise _fail(source, actor, f"{where}.case", f"{case!r} is not 'sensitive' or 'insensitive'")
        sensitive = text != text.lower() if case is None else case == "sensitive"
        out.append(Alias(text, sensitive))
    return tuple(out)


def parse_actors(data: Any, *, source: str = "<dict>") -> list[Actor]:
    """Check an actors list given as Python data (what the YAML file holds) and return the :class:`Actor` list.

    Raises:
        ActorsError: naming ``source``, the actor and the field at fault; also when two actors share an alias.
    """
    if not isinstance(data, dict):
        raise ActorsError(
            f"{source}: an actors list is a mapping with an 'actors' list, not {type(data).__name__}"
        )
    unknown = sorted(set(map(str, data)) - _TOP_KEYS)
    if unknown:
        raise _fail(
            source, None, unknown[0], f"unknown key (an actors file has: {', '.join(sorted(_TOP_KEYS))})"
        )
    raw = data.get("actors")
    if not isinstance(raw, list) or not raw:
        raise _fail(source, None, "actors", "missing or empty (a list of actors is required)")
    actors: list[Actor] = []
    owner: dict[str, str] = {}  # lower-case alias -> actor
    for n, item in enumerate(raw):
        if not isinstance(item, dict):
            raise _fail(source, None, f"actors[{n}]", f"must be a mapping, not {type(item).__name__}")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise _fail(source, None, f"actors[{n}].name", "missing (each actor needs a name)")
        name = name.strip()
        unknown = sorted(set(map(str, item)) - _ACTOR_KEYS)
        if unknown:
            raise _fail(
                source, name, unknown[0], f"unknown key (an actor has: {', '.join(sorted(_ACTOR_KEYS))})"
            )
        if any(a.name == name for a in actors):
            raise _fail(source, name, "name", "the name is used by two actors")
        aliases = _aliases(item.get("aliases"), source, name, "aliases", required=True)
        for alias in aliases:
            key = alias.text.lower()
            other = owner.get(key)
            if other is not None and other != name:
                raise _fail(
                    source, name, "aliases", f"the alias {alias.text!r} is also an alias of {other!r}"
                )
            owner[key] = name
        texts = [a.text for a in aliases]
        if len(set(texts)) < len(texts):
            twice = next(t for t in texts if texts.count(t) > 1)
            raise _fail(source, name, "aliases", f"the alias {twice!r} is listed twice")
        actors.append(
            Actor(
                name=name,
                aliases=aliases,
                exclude=_aliases(item.get("exclude"), source, name, "exclude", required=False),
                kind=_opt_text(item.get("kind"), source, name, "kind"),
                country=_opt_text(item.get("country"), source, name, "country"),
                notes=_opt_text(item.get("notes"), source, name, "notes"),
            )
        )
    return actors


def load_actors(path: str | Path | None = None) -> list[Actor]:
    """Load and check an actors list YAML (the shipped one when ``path`` is None).

    A file is read once per session while it is unchanged (same modification time and size).

    Raises:
        ActorsError: the file is missing or not YAML, or an actor or field is malformed (named in the message).

    Example:
        >>> [a.name for a in load_actors()][:3]
        ['US government', 'Congress', 'courts']
    """
    target = Path(path) if path is not None else default_actors_path()
    try:
        stat = target.stat()
    except OSError:
        return list(_load_actors(target, None))  # raises, naming the file
    return list(_load_actors(target, (stat.st_mtime_ns, stat.st_size)))


@lru_cache(maxsize=16)
def _load_actors(target: Path, stamp: tuple[int, int] | None) -> tuple[Actor, ...]:
    actors = parse_actors(read_yaml(target, error=ActorsError), source=str(target))
    logger.debug("loaded %d actors from %s", len(actors), target)
    return tuple(actors)


def _alias_atoms(alias: Alias) -> list[tuple[str, str, bool]]:
    """Regex atoms of an alias: ``(caseless atom, atom as matched, is a letter/digit)``.

    The caseless atoms of the leading letters route an alias in the regex's trie, so that aliases differing only
    in case share a branch and the longest one is tried first; a case-sensitive alias then checks its exact
    leading letters with a lookbehind.
    """
    atoms: list[tuple[str, str, bool]] = []
    for n, word in enumerate(ALIAS_SPACE.split(alias.text)):
        if n:
            atoms.append((r"\s+", r"\s+", False))
        for ch in word:
            if ch in "'’":
                atoms.append(("['’]", "['’]", False))
            elif ch in "-‐‑":
                atoms.append(("[-‐‑]", "[-‐‑]", False))
            elif ch.lower() != ch.upper() and len(ch.lower()) == len(ch.upper()) == 1:
                caseless = f"[{ch.lower()}{ch.upper()}]"
                atoms.append((caseless, re.escape(ch) if alias.case_sensitive else caseless, True))
            else:
                atoms.append((re.escape(ch), re.escape(ch), ch.isalnum()))
    atoms.append((r"(?!\w)", r"(?!\w)", False))
    return atoms


class _AliasMatcher:
    """All aliases and exclusions in one regex (a trie on their first characters, longest alias first)."""

    __slots__ = ("after_non_word", "groups", "regex")

    def __init__(self, actors: tuple[Actor, ...]) -> None:
        entries = []  # (-length, order, actor, alias text, is_exclusion, atoms, case_sensitive)
        order = 0
        for actor in actors:
            for is_excl, aliases in ((False, actor.aliases), (True, actor.exclude)):
                for alias in aliases:
                    entries.append(
                        (-len(alias.text), order, actor.name, alias.text, is_excl, _alias_atoms(alias),
                         alias.case_sensitive)
                    )  # fmt: skip
                    order += 1
        entries.sort(key=lambda e: e[:2])
        trie: dict = {}
        groups: dict[str, tuple[str, str, bool]] = {}
        for n, (_, _, actor, text, is_excl, atoms, sensitive) in enumerate(entries):
            depth = 1
            while depth < min(DISPATCH_DEPTH, len(atoms)) and atoms[depth][2]:
                depth += 1
            node = trie
            for caseless, _, _ in atoms[:depth]:
                node = node.setdefault(caseless, {})
            check = f"(?<={''.join(exact for _, exact, _ in atoms[:depth])})" if sensitive else ""
            rest = "".join(exact for _, exact, _ in atoms[depth:])
            node.setdefault(None, []).append(f"{check}(?P<a{n}>{rest})")
            groups[f"a{n}"] = (actor, text, is_excl)
        aliases = dispatch_trie(trie)
        self.regex = re.compile(f"{WORD_START}(?={aliases})")
        # the same after a non-word character, which the match consumes: every word start but the text's first
        # follows one, and the regex engine finds those characters faster than it tries WORD_START at every
        # position (speed only; the same groups, spans taken from the groups)
        self.after_non_word = re.compile(rf"\W(?={aliases})")
        self.groups = {self.regex.groupindex[name]: value for name, value in groups.items()}

    def find(self, text: str) -> list[tuple[str, str, int, int]]:
        """Kept mentions of ``text`` as ``(actor, alias, start, end)``, in order of start."""
        candidates, vetoes = [], []
        first = self.regex.match(text)
        for m in chain((first,) if first else (), self.after_non_word.finditer(text)):
            actor, alias, is_excl = self.groups[m.lastindex]
            span = (m.end(), m.end(m.lastindex))  # the word start: after the non-word character, if any
            (vetoes if is_excl else candidates).append((*span, actor, alias))
        if not vetoes and _disjoint_in_order(candidates):
            return [(actor, alias, s, e) for s, e, actor, alias in candidates]  # as the general path
        if vetoes:  # an exclusion vetoes the overlapping mentions of its own actor
            by_actor: dict[str, list[tuple]] = {}
            for v in vetoes:
                by_actor.setdefault(v[2], []).append(v)
            vetoed: set[int] = set()
            for actor, actor_vetoes in by_actor.items():
                mine = [(c[0], c[1], k) for k, c in enumerate(candidates) if c[2] == actor]
                vetoed |= {k for _, _, k in mine} - {k for _, _, k in not_vetoed(mine, actor_vetoes)}
            candidates = [c for k, c in enumerate(candidates) if k not in vetoed]
        kept = longest_first(candidates)
        return [(actor, alias, s, e) for s, e, actor, alias in sorted(kept)]


def _disjoint_in_order(spans: list[tuple[int, int, str, str]]) -> bool:
    """Whether the non-empty ``spans`` follow one another without overlapping: then :func:`longest_first` keeps
    them all and they are already in order of start (the common case, checked in one pass)."""
    end = -1
    for start, stop, _, _ in spans:
        if start < end or stop <= start:
            return False
        end = stop
    return True


@lru_cache(maxsize=8)
def _matcher(actors: tuple[Actor, ...]) -> _AliasMatcher:
    return _AliasMatcher(actors)


def _as_actors(actors: list[Actor] | tuple[Actor, ...] | str | Path | None) -> tuple[Actor, ...]:
    if actors is None or isinstance(actors, str | Path):
        return tuple(load_actors(actors))
    return tuple(actors)


def find_actors(
    sentences: pd.DataFrame, *, actors: list[Actor] | tuple[Actor, ...] | str | Path | None = None
) -> pd.DataFrame:
    """The ``actors`` table: every mention of a listed actor in the sentences (rules in the module docstring).

    Args:
        sentences: the ``sentences`` table (article_id, paragraph_id, sentence_id, text, start, end).
        actors: a list of :class:`Actor`, a path to an actors YAML, or None for the shipped list.

    Returns:
        One row per mention: article_id, sentence_id, actor, alias (as listed), paragraph_id, start and end
        (offsets into the sentence text), match (the text as written), sorted by article, sentence, actor, alias.

    Raises:
        SchemaError: a required column is missing (named).
        ActorsError: the actors file is malformed.
    """
    require_columns(sentences, "sentences", where="find_actors")
    matcher = _matcher(_as_actors(actors))
    cols: dict[str, list] = {c: [] for c in ACTOR_COLUMNS}
    rows = zip(
        sentences["article_id"].tolist(),
        sentences["paragraph_id"].tolist(),
        sentences["sentence_id"].tolist(),
        sentences["text"].tolist(),
        strict=True,
    )
    for article_id, paragraph_id, sentence_id, text in rows:
        if not isinstance(text, str):
            continue
        for actor, alias, s, e in matcher.find(text):
            cols["article_id"].append(article_id)
            cols["sentence_id"].append(sentence_id)
            cols["actor"].append(actor)
            cols["alias"].append(alias)
            cols["paragraph_id"].append(paragraph_id)
            cols["start"].append(s)
            cols["end"].append(e)
            cols["match"].append(text[s:e])
    out = pd.DataFrame(
        {
            c: (np.array(v, dtype=np.int64) if c in ("sentence_id", "paragraph_id", "start", "end") else
                pd.Series(v, dtype=object))
            for c, v in cols.items()
        }
    )  # fmt: skip
    logger.debug("find_actors: %d mentions in %d sentences", len(out), len(sentences))
    return tidy(out, "actors")


def actor_tone(
    actors: pd.DataFrame, sentiment: pd.DataFrame, *, by: Literal["actor", "article"] = "actor"
) -> pd.DataFrame:
    """Tone of the sentences that mention each actor (not tone toward the actor; see the module docstring).

    Args:
        actors: the ``actors`` table.
        sentiment: the ``sentiment`` table; mentions in sentences it does not score are left out.
        by: ``"actor"`` for one row per actor over the corpus; ``"article"`` for one row per actor × article.

    Returns:
        actor (and article_id), n_sentences (distinct sentences that mention the actor and were scored),
        n_mentions, n_articles (``by="actor"`` only), mean_compound, sd_compound (ddof=1; NaN when n is 1),
        se_compound (sd / √n), share_positive, share_neutral, share_negative — all rounded to 4 decimals.
        Sorted by actor (and article).

    Example:
        >>> import pandas as pd
        >>> mentions = pd.DataFrame({"article_id": ["a", "a", "a"], "sentence_id": [0, 0, 1],
        ...     "actor": ["China", "China", "TikTok"], "alias": ["China", "Beijing", "TikTok"]})
        >>> scores = pd.DataFrame({"article_id": ["a", "a"], "paragraph_id": [0, 0], "sentence_id": [0, 1],
        ...     "neg": [0.0, 0.3], "neu": [0.5, 0.7], "pos": [0.5, 0.0], "compound": [0.6, -0.4]})
        >>> actor_tone(mentions, scores)[["actor", "n_sentences", "n_mentions", "mean_compound"]].values.tolist()
        [['China', 1, 2, 0.6], ['TikTok', 1, 1, -0.4]]
    """
    require_columns(actors, "actors", where="actor_tone")
    require_columns(sentiment, "sentiment", where="actor_tone")
    if by not in ("actor", "article"):
        raise ValueError(f"actor_tone: by must be 'actor' or 'article', not {by!r}")
    per_sentence = (
        actors.groupby(["article_id", "sentence_id", "actor"], sort=False)
        .size()
        .rename("n_mentions")
        .reset_index()
    )
    scored = per_sentence.merge(
        sentiment[["article_id", "sentence_id", "compound"]], on=["article_id", "sentence_id"], how="inner"
    )
    if len(scored) < len(per_sentence):
        logger.info(
            "actor_tone: %d actor-sentences are not in the sentiment table", len(per_sentence) - len(scored)
        )
    labels = label_compound(scored["compound"].to_numpy(dtype=float))
    scored = scored.assign(
        positive=labels == "positive", neutral=labels == "neutral", negative=labels == "negative"
    )
    keys = ["actor"] if by == "actor" else ["actor", "article_id"]
    grouped = scored.groupby(keys, sort=True)
    out = pd.DataFrame(
        {
            "n_sentences": grouped.size(),
            "n_mentions": grouped["n_mentions"].sum(),
            **({"n_articles": grouped["article_id"].nunique()} if by == "actor" else {}),
            "mean_compound": grouped["compound"].mean(),
            "sd_compound": grouped["compound"].std(ddof=1),
            "share_positive": grouped["positive"].mean(),
            "share_neutral": grouped["neutral"].mean(),
            "share_negative": grouped["negative"].mean(),
        }
    )
    out.insert(
        out.columns.get_loc("sd_compound") + 1,
        "se_compound",
        out["sd_compound"] / np.sqrt(out["n_sentences"]),
    )
    out = out.reset_index()
    for col in ("n_sentences", "n_mentions", "n_articles"):
        if col in out:
            out[col] = out[col].astype("int64")
    for col in (
        "mean_compound",
        "sd_compound",
        "se_compound",
        "share_positive",
        "share_neutral",
        "share_negative",
    ):
        out[col] = out[col].astype(float).round(4)
    return out
