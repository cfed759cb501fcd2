"""Framing by an editable codebook: every hit with its term and offsets, and a per-article profile.

How text is matched (one pass per paragraph or sentence):

* All indicators of all frames are compiled into **one** regular expression, run once over the text. It is tried
  where a word starts (or at a currency sign, for money patterns). At each such place, for each frame, the
  frame's first matching term form is a candidate — forms ordered by more words, then longer text, then codebook
  order, so the longest term wins there — and so is its first matching pattern. Terms are case-insensitive and
  whole-word (see ``data/codebook.yaml``); the parts of a hyphenated compound are words too ("anti-war" contains
  "war").
* A frame's ``exclude`` phrases and ``exclude_patterns`` veto any hit of that frame that overlaps them
  ("heart attack" removes the conflict hit "attack").
* Hits of one frame that overlap count once: the longest is kept (then the earlier; a term before a pattern of
  the same span). Hits of *different* frames may overlap: "trade war" is a conflict hit and an economic hit when
  both frames list it.
* Only body paragraphs (``kind == "body"``) are read; headings are not.

The article profile (``article_frames``, one row per article × codebook frame, zeros included):

* ``hits``: the article's rows in ``frames`` for that frame.
* ``n_words``: body words of the article, counted by :func:`count_words` (a run of letters or digits, joined
  through internal hyphens, apostrophes, periods or commas: "people-to-people", "China’s", "27.8" and
  "1,300" are one word each); ``hits_per_1k_words`` = 1000 × hits / n_words (0 when there are no words).
* ``share_paragraphs``: paragraphs with at least one hit of the frame / body paragraphs of the article.
* ``present``: ``hits >= min_hits`` (default 2) **and** ``hits_per_1k_words >= min_per_1k`` (default 1.0).
  One indicator word is not a frame; in a long article a handful of scattered words is not either. A frame
  with its own ``rule:`` in the codebook (written by ``tiktok-study calibrate``) is decided by that rule
  instead (:class:`~tiktok_study.codebook.PresenceRule`).
* ``rank``: 1 for the frame with the most hits in the article (the same order as hits per 1,000 words, which
  share the denominator), ties broken by more paragraphs carrying the frame, then by codebook order.
* ``dominant``: the rank-1 frame if it is present (at most one per article; none when no frame is present).

The module is over 600 lines because the matcher (one alternation of terms and reviewed patterns, with the
first-character guards of issue 16) and the overlap rules it feeds are one scan; ``docs/frames-speed.md`` says
how they fit. ``kwic`` and the profile could move out; they were left here to keep ``frames.*`` stable.

Example:
    >>> import pandas as pd
    >>> paragraphs = pd.DataFrame({
    ...     "article_id": ["a", "a"], "paragraph_id": [0, 1], "kind": ["body", "body"],
    ...     "text": ["The trade war escalated.", "Both sides called for dialogue."],
    ...     "start": [0, 26], "end": [24, 57]})
    >>> frames, article_frames = frame_profile(paragraphs)
    >>> frames[["paragraph_id", "frame", "term", "match", "start", "end"]].values.tolist()
    [[0, 'conflict', 'trade war*', 'trade war', 4, 13], [0, 'economic', 'trade war*', 'trade war', 4, 13], [0, 'conflict', 'escalate', 'escalated', 14, 23], [1, 'responsibility', 'call on', 'called for', 37, 47], [1, 'cooperation', 'dialogue', 'dialogue', 48, 56]]
    >>> article_frames.set_index("frame").loc["conflict", ["hits", "present", "dominant"]].to_dict()
    {'hits': 2, 'present': True, 'dominant': True}
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from tiktok_study.alternation import dispatch_trie, longest_first, not_vetoed
from tiktok_study.codebook import Codebook, Indicator, PresenceRule, as_codebook, load_codebook, term_atoms
from tiktok_study.schema import COLUMNS, require_columns, tidy
from tiktok_study.user_regex import first_char_class, pattern_pass, scan_pattern_pass

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
DISPATCH_DEPTH = 3  # leading letters/digits of a term that pick its branch of the matcher (see _Matcher)
PATTERN_TIMEOUT = 1.0  # seconds the patterns of one text may run (a user's regex may backtrack for hours)

#: Columns of the ``frames`` table (the contract's, then ``match``; ``sentence_id`` too when unit="sentence").
FRAME_COLUMNS = [*COLUMNS["frames"], "match"]
#: Columns of the ``article_frames`` table (the contract's, then the counts behind them).
ARTICLE_FRAME_COLUMNS = [
    *COLUMNS["article_frames"],
    "rank",
    "n_words",
    "n_paragraphs",
    "paragraphs_with_frame",
]


def count_words(text: str) -> int:
    """The number of words of ``text`` by the rule of the module docstring.

    Example:
        >>> count_words("People-to-people exchange grew 27.8% in China’s 1,300 firms.")
        8
    """
    return len(WORD.findall(text))


class _Matcher:
    """The codebook compiled into one regex; :meth:`find` returns the kept hits of one text.

    Layout of the regex, tried at each word start (or currency sign)::

        (?=[first characters of every pattern]             the shipped codebook's patterns, in one lookahead
           (?=[f](?P<p2>[f](pattern)|[f](pattern))|) ...   every frame's patterns (and exclude_patterns)
           (?(p2)|...(?!))(?P<pz>) |)                       pz: some pattern matched here
        (?:  [tT](?:[rR](?:[aA](?=rest of any term or exclusion that starts with tra)(?P<b5>)
                           |...)                         a sub-branch per second, then third letter
                   |[oO](...))
          |  [wW](...)                                   a branch per first letter of a term
          |  (?(pz)(?P<bz>)|(?!)) )                      only a pattern matched here

    Terms are routed by their first three letters (a trie of branches). A branch begins with a case class
    (``[tT]``), which the regex engine tests without entering the branch, so a word start costs a few character
    tests however many indicators there are. A branch matches only where the rest of one of its terms or
    exclusions follows, and a guard (a chain of ``(?(group)|...(?!))``, then ``pz``) makes the pattern-only
    branch fail where no pattern matched, so ``finditer`` passes over plain words inside the engine; the empty
    group closing each branch (``b5``) tells which one matched. Only there does :meth:`find` try, frame by frame and in the order
    of :func:`_sorted_forms`, the rests of the terms of that branch (one small alternation per frame,
    :func:`_rests_regex`): the first that matches is the frame's term at that place. (A capture group for every
    term inside the big regex gives the same answer, but setting a group makes the engine reset every group
    numbered between the last one set and it: with a thousand groups that cost more than the rest of the
    search.)

    Patterns: the shipped codebook's (reviewed) run in this pass, each behind a class of the characters it can
    start with (:func:`~tiktok_study.user_regex.first_char_class`, a necessary test: most word starts fail on a
    class instead of entering every alternative of every pattern); ``pz`` is set where one matched. A user's
    patterns run in a pass of their own with a timeout (:meth:`_find_patterns`).
    """

    __slots__ = (
        "any_pattern", "branch_sources", "branches", "frame_ids", "pattern_only", "pattern_parts", "pattern_regex",
        "pattern_slots", "regex", "reviewed_parts", "reviewed_slots", "terms_of", "timed_out",
    )  # fmt: skip

    def __init__(self, codebook: Codebook) -> None:
        counter = iter(range(1 << 30))
        terms_of: dict[str, str] = {}  # group name -> term

        def name_for(term: str) -> str:
            name = f"g{next(counter)}"
            terms_of[name] = term
            return name

        # dispatch key (the first DISPATCH_DEPTH letters/digits, as atoms) -> [(frame, is_exclusion, rests, terms)]
        dispatch: dict[tuple[str, ...], list[tuple[int, bool, list[str], list[str]]]] = {}
        pattern_parts: list[tuple[int, bool, str, list[str], str]] = []  # (frame, excl, slot, groups, regex)
        # the parts made of the shipped codebook's patterns only (run on `re`, see _find_patterns)
        reviewed_parts: list[tuple[int, bool, str, list[str], str]] = []
        shipped = _shipped_patterns()
        reviewed_texts: list[str] = []  # the patterns of reviewed_parts, for the pass's first-character test
        for i, frame in enumerate(codebook.frames):
            for is_excl, indicators in ((False, frame.indicators), (True, frame.exclusions)):
                slots: dict[tuple[str, ...], tuple[list[str], list[str]]] = {}
                for term, atoms in _sorted_forms(indicators):
                    depth = 1  # a term starts with a letter or digit
                    while depth < DISPATCH_DEPTH and (atoms[depth][1] or "").isalnum():
                        depth += 1
                    rests, terms = slots.setdefault(tuple(a for a, _ in atoms[:depth]), ([], []))
                    rests.append("".join(a for a, _ in atoms[depth:]))
                    terms.append(term)
                for key, (rests, terms) in slots.items():
                    dispatch.setdefault(key, []).append((i, is_excl, rests, terms))
                patterns = [ind for ind in indicators if ind.kind == "pattern"]
                if patterns:
                    slot = f"{'q' if is_excl else 'p'}{i}"
                    names = [] if is_excl else [name_for(ind.term) for ind in patterns]
                    bodies = [
                        f"(?i:{ind.forms[0]})" if is_excl else f"(?P<{name}>(?i:{ind.forms[0]}))"
                        for ind, name in zip(patterns, names or [""] * len(patterns), strict=True)
                    ]
                    reviewed = all(ind.forms[0] in shipped for ind in patterns)
                    texts = [f"(?i:{ind.forms[0]})" for ind in patterns]
                    lookahead = _pattern_lookahead(slot, bodies, texts, guarded=reviewed)
                    if reviewed:
                        reviewed_texts += texts
                    (reviewed_parts if reviewed else pattern_parts).append(
                        (i, is_excl, slot, names, lookahead)
                    )

        # A trie of branches on the dispatch keys; a key's lookahead sits where its last character is matched.
        trie: dict = {}
        # per key: (its length, ((frame, is_exclusion, rests, terms), ...)), compiled when first matched
        branch_slots: list[tuple[int, tuple]] = []
        for n, (key, slots_) in enumerate(dispatch.items()):
            rests = [rest for _, _, rests_, _ in slots_ for rest in rests_]
            node = trie
            for atom in key:
                node = node.setdefault(atom, {})
            node[None] = [
                f"(?=(?:{'|'.join(dict.fromkeys(rests))}))(?P<b{n}>)"
            ]  # one leaf: the key's lookahead
            branch_slots.append(
                (
                    len(key),  # every dispatch atom is one character
                    tuple((i, is_excl, tuple(rests_), tuple(terms)) for i, is_excl, rests_, terms in slots_),
                )
            )
        # The reviewed patterns (run on `re`) share the terms' pass: their lookaheads come first, tried only where
        # one of them can start (a necessary test, see first_char_class), and set `pz` when one matched; the last
        # branch (`bz`) matches where only a pattern did.
        alternatives = [dispatch_trie(trie)] if trie else []
        prefix = WORD_START
        if reviewed_parts:
            starts = first_char_class(*reviewed_texts)
            chain = "(?!)"  # matches the empty text if any slot group matched, and fails otherwise
            for _, _, slot, _, _ in reversed(reviewed_parts):
                chain = f"(?({slot})|{chain})"
            lookaheads = "".join(part for *_, part in reviewed_parts)
            prefix += f"(?={f'(?={starts})' if starts else ''}{lookaheads}{chain}(?P<pz>)|)"
            alternatives.append("(?(pz)(?P<bz>)|(?!))")
        self.regex = re.compile(f"{prefix}(?:{'|'.join(alternatives)})") if alternatives else None
        index = self.regex.groupindex if self.regex is not None else {}
        # group of a branch -> (key length, ((frame, is_exclusion, rests' alternation, terms by group), ...)):
        # filled when the branch first matches (on 2,000 articles, 81 of 279 branches did)
        self.branches: dict[int, tuple[int, tuple]] = {}
        self.branch_sources = {index[f"b{n}"]: slots for n, slots in enumerate(branch_slots)}
        self.reviewed_parts = reviewed_parts
        self.reviewed_slots = tuple(
            (i, is_excl, index[slot], tuple((index[g], terms_of[g]) for g in names))
            for i, is_excl, slot, names, _ in reviewed_parts
        )
        self.any_pattern = index.get("pz")  # set where a reviewed pattern matched
        self.pattern_only = index.get("bz")  # closes the branch taken where no term matched
        self.frame_ids = codebook.frame_ids
        self.terms_of = terms_of
        self.pattern_parts = pattern_parts
        self.timed_out: dict[str, str] = {}  # frame id -> where its patterns timed out (then switched off)
        self.pattern_regex, self.pattern_slots = pattern_pass(pattern_parts, terms_of, prefix=WORD_START)

    def _branch(self, group: int) -> tuple[int, tuple]:
        """The slots of the branch closed by ``group``, their rests compiled (:func:`_rests_regex`), cached."""
        key_length, sources = self.branch_sources[group]
        slots = tuple(
            (i, is_excl, *_rests_regex(list(rests), list(terms))) for i, is_excl, rests, terms in sources
        )
        self.branches[group] = (key_length, slots)
        return key_length, slots

    def _find_patterns(self, text: str, hits: list[list], vetoes: list[list]) -> None:
        """Add the hits (and vetoes) of the user's patterns in ``text``; a pattern that times out is switched off.

        The patterns of the shipped codebook (reviewed, tested, and free of nested repeats) run on the standard
        ``re`` engine, in the terms' pass (:meth:`find`). Any other pattern is a user's: those run in one pass of
        the ``regex`` package with :data:`PATTERN_TIMEOUT` seconds. On a timeout, each frame's patterns run alone
        (same bound) to find the culprit: a frame whose patterns time out is reported (a warning naming it and the
        text) and its patterns are switched off for the rest of the session — its hits then come from its terms
        only — while the other frames' patterns go on. (A frame's patterns, and its exclusion patterns, are in one
        pass each, so the order of its hits is the order of one pass.)
        """
        if self.pattern_regex is None:
            return
        found = self._find_user_patterns(text)
        found.sort(key=lambda f: f[0])  # in text order, as one pass would give them
        for _, i, is_excl, hit in found:
            (vetoes if is_excl else hits)[i].append(hit)

    def _find_user_patterns(self, text: str) -> list[tuple]:
        """The hits of the user's patterns, under the timeout (see :meth:`_find_patterns`)."""
        try:
            found = scan_pattern_pass(self.pattern_regex, self.pattern_slots, text, timeout=PATTERN_TIMEOUT)
        except TimeoutError:
            found = []
            for part in list(self.pattern_parts):
                alone, slots = pattern_pass([part], self.terms_of, prefix=WORD_START)
                try:
                    found.extend(scan_pattern_pass(alone, slots, text, timeout=PATTERN_TIMEOUT))
                except TimeoutError:
                    frame = self.frame_ids[part[0]]
                    where = WHITESPACE.sub(" ", text[:60])
                    self.timed_out.setdefault(frame, where)
                    logger.warning(
                        "frame %s: a pattern ran over %.1f s on the text starting %r; the frame's patterns are "
                        "switched off for the rest of this run (its hits come from its terms only)",
                        frame, PATTERN_TIMEOUT, where,
                    )  # fmt: skip
            self.pattern_parts = [p for p in self.pattern_parts if self.frame_ids[p[0]] not in self.timed_out]
            self.pattern_regex, self.pattern_slots = pattern_pass(
                self.pattern_parts, self.terms_of, prefix=WORD_START
            )
        return found

    def _add_reviewed(self, m: re.Match, start: int, hits: list[list], vetoes: list[list]) -> None:
        """Add the reviewed patterns' hits and vetoes at one place of the pass (the first pattern of each frame
        that matched there; an empty match is no hit)."""
        for i, is_excl, slot, term_groups in self.reviewed_slots:
            end = m.end(slot)
            if end <= start:
                continue
            if is_excl:
                vetoes[i].append((start, end))
                continue
            for group, term in term_groups:
                if m.start(group) >= 0:
                    hits[i].append((start, m.end(group), term))
                    break

    def find(self, text: str) -> list[tuple[int, str, int, int]]:
        """Kept hits of ``text`` as ``(frame index, term, start, end)``, sorted by start then frame index."""
        n = len(self.frame_ids)
        hits: list[list[tuple[int, int, str]]] = [[] for _ in range(n)]
        vetoes: list[list[tuple[int, int]]] = [[] for _ in range(n)]
        pattern_hits: list[list[tuple[int, int, str]]] = [[] for _ in range(n)]  # after the terms' hits
        branches = self.branches
        any_pattern, pattern_only = self.any_pattern, self.pattern_only
        for m in self.regex.finditer(text) if self.regex is not None else ():
            start = m.start()
            if any_pattern is not None and m.start(any_pattern) >= 0:
                self._add_reviewed(m, start, pattern_hits, vetoes)
                if m.lastindex == pattern_only:
                    continue
            branch = branches.get(m.lastindex)
            key_length, slots = branch if branch is not None else self._branch(m.lastindex)
            after_key = start + key_length
            for i, is_excl, rests, term_of in slots:  # terms first: they win ties
                found = rests.match(text, after_key)  # the first rest that matches (one alternation)
                if found is not None:
                    if is_excl:
                        vetoes[i].append((start, found.end()))
                    else:
                        hits[i].append((start, found.end(), term_of[found.lastindex]))
        for i, found_by_pattern in enumerate(pattern_hits):
            if found_by_pattern:
                hits[i] += found_by_pattern
        self._find_patterns(text, hits, vetoes)
        out: list[tuple[int, str, int, int]] = []
        for i in range(n):
            if not hits[i]:
                continue
            candidates = not_vetoed(hits[i], vetoes[i]) if vetoes[i] else hits[i]
            # one hit: nothing to choose
            kept = candidates if len(candidates) == 1 else longest_first(candidates)
            out.extend((i, term, s, e) for s, e, term in kept)
        out.sort(key=lambda h: (h[2], h[0]))
        return out


def _rests_regex(rests: list[str], terms: list[str]) -> tuple[re.Pattern, dict[int, str]]:
    """One slot's term rests as one regex, ``(?:(?:rest)(?P<t0>)|(?:rest)(?P<t1>)|…)``, and its closing groups' terms.

    Matched at the end of a dispatch key, the alternation takes the first rest that matches there, as trying
    them one by one in this order would; the empty group closing each alternative is the last group set, so
    ``lastindex`` names the term (one match per slot instead of one per rest tried).
    """
    regex = re.compile("(?:" + "|".join(f"(?:{rest})(?P<t{k}>)" for k, rest in enumerate(rests)) + ")")
    return regex, {regex.groupindex[f"t{k}"]: term for k, term in enumerate(terms)}


def _pattern_lookahead(slot: str, bodies: list[str], texts: list[str], *, guarded: bool) -> str:
    """The lookahead of one frame's patterns (or exclude_patterns): ``(?=(?P<slot>body|body…)|)``.

    ``guarded`` (a pass on ``re``): each pattern, and the frame's patterns together, are tried only where a
    character they can start with follows (:func:`~tiktok_study.user_regex.first_char_class`, a necessary test,
    so no hit is lost); most word starts then fail on a character class or two instead of entering every
    alternative of every pattern.
    """
    if not guarded:
        return f"(?=(?P<{slot}>{'|'.join(bodies)})|)"
    tested = []
    for body, text in zip(bodies, texts, strict=True):
        guard = first_char_class(text)
        tested.append(f"(?={guard}){body}" if guard else body)
    whole = first_char_class(*texts) if len(texts) > 1 else None
    return f"(?={f'(?={whole})' if whole else ''}(?P<{slot}>{'|'.join(tested)})|)"


def _sorted_forms(indicators: tuple[Indicator, ...]) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """``(term, atoms)`` of every term form: more words first, then longer text, then codebook order.

    At one place the first form in this order that matches is kept, so the longest indicator wins there.
    """
    entries = []
    for order, ind in enumerate(indicators):
        if ind.kind != "term":
            continue
        for form in ind.forms:
            atoms, words = term_atoms(form, explicit_case=True)
            entries.append((-words, -len(form.replace("*", "")), order, ind.term, atoms))
    entries.sort(key=lambda e: e[:3])
    return [(term, atoms) for _, _, _, term, atoms in entries]


@lru_cache(maxsize=1)
def _shipped_patterns() -> frozenset[str]:
    """The regex texts of the shipped codebook's patterns and exclude_patterns (reviewed: run on ``re``)."""
    shipped = load_codebook(None)
    return frozenset(
        ind.forms[0]
        for frame in shipped.frames
        for ind in (*frame.indicators, *frame.exclusions)
        if ind.kind == "pattern"
    )


@lru_cache(maxsize=8)
def _matcher(codebook: Codebook) -> _Matcher:
    return _Matcher(codebook)


def match_text(text: str, *, codebook: Codebook | str | Path | None = None) -> pd.DataFrame:
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
    codebook: Codebook | str | Path | None = None,
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
        raise ValueError(
            f"frame_profile: need min_hits >= 1 and min_per_1k >= 0, got {min_hits}, {min_per_1k}"
        )
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

    cols: dict[str, list] = {
        c: [] for c in ("article_id", "paragraph_id", "frame", "term", "start", "end", "match")
    }
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
        frames, paragraphs, body, frame_ids=frame_ids, min_hits=min_hits, min_per_1k=min_per_1k,
        rules={f.id: f.rule for f in cb.frames if f.rule is not None},
    )  # fmt: skip
    _report_timeouts(matcher)
    logger.debug("frame_profile: %d hits in %d articles", len(frames), article_frames["article_id"].nunique())
    return frames, article_frames


def _report_timeouts(matcher: _Matcher) -> None:
    """Say which frames run without their patterns (a pattern timed out earlier in this session)."""
    for frame, where in matcher.timed_out.items():
        logger.warning(
            "frame %s: its patterns were switched off after a timeout (text starting %r)", frame, where
        )


def _profile(
    frames: pd.DataFrame,
    paragraphs: pd.DataFrame,
    body: pd.DataFrame,
    *,
    frame_ids: tuple[str, ...],
    min_hits: int,
    min_per_1k: float,
    rules: dict[str, PresenceRule] | None = None,
) -> pd.DataFrame:
    """The article × frame grid of the module docstring, counted in one pass over each table (plain dicts: a
    pandas group-by per piece of work cost more than the counting)."""
    articles = sorted(pd.unique(paragraphs["article_id"]).tolist())
    n_words_of: dict[str, int] = {}
    n_paragraphs_of: dict[str, int] = {}
    for article_id, text in zip(body["article_id"].tolist(), body["text"].tolist(), strict=True):
        n_words_of[article_id] = n_words_of.get(article_id, 0) + (
            count_words(text) if isinstance(text, str) else 0
        )
        n_paragraphs_of[article_id] = n_paragraphs_of.get(article_id, 0) + 1
    hits_of: dict[tuple[str, str], int] = {}
    paragraphs_of: dict[tuple[str, str], set[int]] = {}
    for article_id, frame, paragraph_id in zip(
        frames["article_id"].tolist(), frames["frame"].tolist(), frames["paragraph_id"].tolist(), strict=True
    ):
        hits_of[article_id, frame] = hits_of.get((article_id, frame), 0) + 1
        paragraphs_of.setdefault((article_id, frame), set()).add(paragraph_id)
    grid = [(a, f) for a in articles for f in frame_ids]  # article by article, frames in codebook order
    hits = np.array([hits_of.get(key, 0) for key in grid], dtype=np.int64)
    with_frame = np.array([len(paragraphs_of.get(key, ())) for key in grid], dtype=np.int64)
    n_words = np.repeat(np.array([n_words_of.get(a, 0) for a in articles], dtype=np.int64), len(frame_ids))
    n_par = np.repeat(np.array([n_paragraphs_of.get(a, 0) for a in articles], dtype=np.int64), len(frame_ids))
    # rank: more hits first, then more paragraphs with the frame, then codebook order
    rank = np.zeros(len(grid), dtype=np.int64)
    for base in range(0, len(grid), len(frame_ids)):
        order = sorted(range(len(frame_ids)), key=lambda j: (-hits[base + j], -with_frame[base + j], j))
        for position, j in enumerate(order, start=1):
            rank[base + j] = position
    with np.errstate(divide="ignore", invalid="ignore"):
        per_1k = np.where(n_words > 0, 1000.0 * hits.astype(float) / n_words.astype(float), 0.0)
        share = np.where(n_par > 0, with_frame / n_par.astype(float), 0.0)
    out = pd.DataFrame(
        {
            # strings as pandas infers them (an empty grid: object columns)
            "article_id": [a for a, _ in grid] if grid else pd.Series([], dtype=object),
            "frame": [f for _, f in grid] if grid else pd.Series([], dtype=object),
            "hits": hits,
            "paragraphs_with_frame": with_frame,
            "n_words": n_words,
            "n_paragraphs": n_par,
            "hits_per_1k_words": per_1k,
            "share_paragraphs": share,
        }
    )
    present = (out["hits"] >= min_hits) & (out["hits_per_1k_words"] >= min_per_1k)
    for frame, rule in (rules or {}).items():  # a frame's own rule from the codebook (see `calibrate`)
        rows = (out["frame"] == frame).to_numpy()
        present[rows] = rule.decide(
            hits=out.loc[rows, "hits"], per_1k=out.loc[rows, "hits_per_1k_words"],
            share=out.loc[rows, "share_paragraphs"],
        )  # fmt: skip
    out["present"] = present.astype(bool)
    out["rank"] = rank
    out["dominant"] = (out["rank"] == 1) & out["present"]
    return tidy(out[ARTICLE_FRAME_COLUMNS], "article_frames")


def kwic(frames: pd.DataFrame, texts: pd.DataFrame, *, width: int = 60) -> pd.DataFrame:
    """Keyword in context: each hit with up to ``width`` characters of text on either side.

    Args:
        frames: the ``frames`` table (or any table of hits with article_id and start, end offsets into the
            article text, and paragraph_id when ``texts`` is the paragraphs table).
        texts: the ``articles`` table (article_id, text) — context runs across paragraphs — or the
            ``paragraphs`` table (article_id, paragraph_id, text, start) — context stays in the paragraph.
        width: characters of context on each side; line breaks and runs of spaces show as one space.

    Returns:
        The rows of ``frames`` with ``left``, ``keyword`` and ``right`` added.

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
        if col not in frames.columns:
            raise ValueError(f"kwic: the frames table lacks the column {col}")
    by_paragraph = "paragraph_id" in texts.columns and "start" in texts.columns
    if by_paragraph:
        if "paragraph_id" not in frames.columns:
            raise ValueError("kwic: paragraphs given as texts, but the frames table lacks paragraph_id")
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
        keys = list(zip(frames["article_id"].tolist(), frames["paragraph_id"].tolist(), strict=True))
    else:
        if "text" not in texts.columns or "article_id" not in texts.columns:
            raise ValueError(
                "kwic: texts must be the articles table (article_id, text) or the paragraphs table"
            )
        lookup = {
            a: (t, 0) for a, t in zip(texts["article_id"].tolist(), texts["text"].tolist(), strict=True)
        }
        keys = frames["article_id"].tolist()
    left, keyword, right = [], [], []
    for key, start, end in zip(keys, frames["start"].tolist(), frames["end"].tolist(), strict=True):
        if key not in lookup:
            what = "paragraph (article_id, paragraph_id)" if by_paragraph else "article"
            raise ValueError(f"kwic: the {what} {key!r} of a hit is not in the texts given")
        text, offset = lookup[key]
        s, e = start - offset, end - offset
        left.append(WHITESPACE.sub(" ", text[max(0, s - width) : s]))
        keyword.append(text[s:e])
        right.append(WHITESPACE.sub(" ", text[e : e + width]))
    out = frames.copy()
    out["left"] = pd.Series(left, index=out.index, dtype=object)
    out["keyword"] = pd.Series(keyword, index=out.index, dtype=object)
    out["right"] = pd.Series(right, index=out.index, dtype=object)
    return out
