"""Quotations: who is quoted saying what, and which words are only set in quotation marks (terms).

A hand-written, linear scanner in three steps:

1. **Marks.** Every quotation mark is classified from its neighbours: typographic double marks (“ ” « » „)
   open or close by shape; a straight ``"`` opens after a space or an opening bracket and closes before one;
   single marks (‘ ’ ') are quotation marks only at word edges — between letters they are apostrophes (don’t,
   TikTok’s, and ``Jinping‘s``, a left single mark typed as an apostrophe), before digits elisions (’90s); a
   closing ’ after an -s word and before a lower-case word ("the creators’ lawsuit") is a plural possessive when
   the next single mark closes too.
2. **Pairs.** Double and single quotations are paired independently, paragraph by paragraph. A paragraph that
   opens a quotation without closing it continues into the next paragraph when that one starts with an opening
   mark (the news convention); otherwise the stray opening mark is dropped — it never swallows the rest of the
   article. A second opening mark while one is open drops the first; a closing mark with nothing open is
   ignored.
3. **Attribution and kind.** The sentence around each quotation (``text.sentence_spans``) is searched for a
   speech verb (said, told, added, responded, remarked, argued, wrote, posted, …) with its subject: before the
   quotation ("X said:", "X responded on Weibo: “…”", "As he remarked, “…”", "X said the plan was “…”"), right
   after it ("“…,” said X", "“…,” X said") or "according to X". The subject is split into ``speaker`` (the name),
   ``speaker_title`` and ``speaker_affiliation`` ("Liang Liang from the Douyin Group" → Liang Liang / Douyin
   Group; "Jensen Huang, CEO of Nvidia" → Jensen Huang / CEO / Nvidia; "a Douyin spokesperson" → Douyin
   spokesperson / spokesperson / Douyin). A pronoun (he, she) is resolved to the nearest preceding person name
   (a run of two or three capitalized words that is not an organization or a place after "in"/"at"; titles
   stripped), recorded in ``resolved_from``; a pronoun with no such person leaves ``speaker`` None (``verb``
   kept). An unattributed full-sentence quotation right after a speech quotation of the same or the previous
   paragraph inherits its speaker (``resolved_from`` "previous quote"). A speaker with no name is kept as the
   description given, without its article ("the company" → company, "Officials" → officials).

   ``kind`` is ``term`` for a name or mention: after a naming cue (known as, called, dubbed, so-called, titled,
   author of, the hashtag …), a short quotation (≤ 4 words) after a determiner or possessive ("the “Thucydides
   Trap”", "TikTok’s “trusted technology provider”") or before a category noun (theory, law, hashtag, order,
   program, …), or a title-cased title; otherwise ``speech`` when a speaker is found or the quotation is a full
   sentence of its own (≥ 4 words, capitalized, opening its sentence or after "X:" / "X,"), and ``term`` for the
   remaining partial quotations (scare quotes, coined phrases: “TikTok refugees”, “resilience”). A term inside
   reported speech keeps the named speaker who used it ("a U.S. representative stated that the “Thucydides
   Trap” is not inevitable"); a title or a name after a naming cue is nobody's words (no speaker).

:func:`sources` counts who is quoted, grouped by the actors list of :mod:`tiktok_study.actors`.

Example:
    >>> q = extract_quotes('He called it a “win-win” deal. “We will fight on,” said Shou Chew, CEO of TikTok.')
    >>> q[["text", "speaker", "verb", "kind"]].values.tolist()
    [['win-win', None, None, 'term'], ['We will fight on,', 'Shou Chew', 'said', 'speech']]
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from tiktok_study.schema import COLUMNS, SchemaError, require_columns, tidy
from tiktok_study.text import sentence_spans

__all__ = ["extract_quotes", "quotes_table", "sources"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# --------------------------------------------------------------------------------------------------------------
# Lexicons
# --------------------------------------------------------------------------------------------------------------

_SPEECH_VERBS = _wordset(
    """say says said saying tell tells told telling add adds added adding note notes noted noting state states
    stated stating remark remarks remarked respond responds responded reply replies replied explain explains
    explained argue argues argued arguing claim claims claimed insist insists insisted warn warns warned warning
    write writes wrote written tweet tweets tweeted post posts posted announce announces announced declare
    declares declared emphasize emphasizes emphasized emphasise emphasises emphasised stress stresses stressed
    comment comments commented acknowledge acknowledges acknowledged admit admits admitted ask asks asked
    answer answers answered suggest suggests suggested observe observes observed recall recalls recalled
    confirm confirms confirmed deny denies denied contend contends contended assert asserts asserted predict
    predicts predicted promise promises promised vow vows vowed urge urges urged complain complains complained
    lament laments lamented quip quips quipped joke jokes joked concede concedes conceded recount recounts
    recounted mention mentions mentioned reveal reveals revealed describe describes described call calls called
    shout shouted exclaim exclaimed conclude concludes concluded testify testifies testified pledge pledged
    boast boasted caution cautioned counter countered continue continued agree agreed""".replace("\n", " ")
)  # fmt: skip
_PRONOUNS = _wordset("he she they we i it")
_PERSONAL_PRONOUNS = _wordset("he she")
_TITLES = _wordset(
    """President Vice Premier Chancellor Senator Sen. Rep. Representative Congressman Congresswoman Governor
    Gov. Mayor Minister Secretary Ambassador General Gen. Dr. Dr Mr. Mr Mrs. Mrs Ms. Ms Prof. Professor CEO
    CFO CTO COO Chairman Chairwoman Chair Chief Director Founder Co-founder President-elect Judge Justice
    Commissioner Spokesperson Spokesman Spokeswoman Deputy Editor Dean Lord Sir Speaker Leader""".replace("\n", " ")
)  # fmt: skip
_LOWER_TITLES = _wordset(
    """professor president senator minister secretary spokesperson spokesman spokeswoman ceo chairman founder
    director analyst researcher scholar economist official officials representative executive lawmaker
    journalist reporter author editor expert engineer chief head""".replace("\n", " ")
)  # fmt: skip
_ORG_WORDS = _wordset(
    """University College School Institute Group Company Corp Corp. Corporation Inc Inc. Ltd Co. Council Court
    Congress Senate House Ministry Department Administration Agency Bureau Commission Committee Office Center
    Centre Foundation Association Bank Fund Times News Post Journal Television Radio Network Store Party
    Republic States Kingdom Union Nations Act Plan Trap Show Fest Camp Circuit District Street Valley Race
    Council Daily Press Review Agency Media Technologies Technology Labs Security Services Police Army Navy
    Force Forces Government Parliament Embassy App Reuters Bloomberg""".replace("\n", " ")
)  # fmt: skip
_NOT_NAMES = _wordset(
    """January February March April May June July August September October November December Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday The A An As In On At But And However Meanwhile While When After
    Before Then Also Still Yet So Last This That These Those According Earlier Later Today Yesterday Moreover
    Additionally Nonetheless Nevertheless Instead Indeed Why How What Even If For From With Without Since Until
    Although Though Because Despite Under Over Through Of Its Their His Her Our Your My It He She They We I
    Some Many Most Both Each Every Other Another Such First Second Third Finally Once Now Here There Where
    Who Whom Which Whose By To Into Unlike Like Just Only Not No Yes Image Source Edited""".replace("\n", " ")
)  # fmt: skip
_FUNCTION_WORDS = _wordset(
    """a an the this that these those and or but nor so yet if as of in on at for to from with by about into
    over under than is are was were be been being has have had do does did will would shall should can could
    may might must not no also only just even still already while when where why how which who whom whose what
    there here it its they them their he she his her we our you your i my me us him""".replace("\n", " ")
)  # fmt: skip
_CATEGORY_NOUNS = _wordset(
    """theory law laws hashtag hashtags tag program programme programs plan plans initiative initiatives project
    projects act bill order orders mandate mandates campaign policy policies strategy doctrine movement slogan
    label era principle concept model framework deal rule rules mode option feature app account challenge
    trend meme memes deadline trap narrative label list status designation provision clause report book
    film song series term phrase word""".replace("\n", " ")
)  # fmt: skip
_DETERMINERS = _wordset("the a an this that these those its their his her our your my so-called")

# --------------------------------------------------------------------------------------------------------------
# Compiled regexes (named for what they match)
# --------------------------------------------------------------------------------------------------------------

# Letters that re.IGNORECASE matches besides the two ASCII cases (Python's simple case folding): the caseless
# tries below spell these out so that a plain (case-sensitive) regex matches exactly what re.IGNORECASE would.
_CASE_EXTRAS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}  # İ ı, the Kelvin sign, ſ


def _caseless_trie(words: Iterable[str]) -> str:
    r"""A regex matching each of ``words`` (letters) in any case, exactly as ``re.IGNORECASE`` would.

    Written as a trie of character classes (``[sSſ][aA](?:[iI..][dD]|[yY](?:[sS..])?)``) rather than an
    ignore-case alternation: the regex engine skips a class that does not match without entering the branch,
    so the cost per position no longer grows with the number of words. At a given position at most one word
    can be followed by a word boundary, so the order of the branches does not change what matches there.

    Example:
        >>> text = "SAYS say sayS \u212aiſſ sayings İt"  # \u212a: the Kelvin sign
        >>> new = re.compile(rf"\b(?:{_caseless_trie(['say', 'says', 'kiss', 'it'])})\b")
        >>> old = re.compile(r"\b(?:says|kiss|say|it)\b", re.I)
        >>> [m.group() for m in new.finditer(text)] == ["SAYS", "say", "sayS", "\u212aiſſ", "İt"]
        True
        >>> [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]
        True

        The extra letters of ``_CASE_EXTRAS`` are all that this Python's ``re.IGNORECASE`` adds:

        >>> every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
        >>> extra = sorted({x for x in re.findall("[a-z]", every, re.I) if not x.isascii()})
        >>> {c: "".join(x for x in extra if re.fullmatch(c, x, re.I)) for c in _CASE_EXTRAS} == _CASE_EXTRAS
        True
        >>> all(any(re.fullmatch(c, x, re.I) for c in _CASE_EXTRAS) for x in extra)
        True
    """
    root: dict = {}
    for word in words:
        node = root
        for ch in word.lower():
            node = node.setdefault(ch, {})
        node[""] = {}

    def atom(ch: str) -> str:
        if not ch.isascii() or not ch.isalpha():
            raise ValueError(f"_caseless_trie: only ASCII letters, not {ch!r}")
        return f"[{ch}{ch.upper()}{_CASE_EXTRAS.get(ch, '')}]"

    def build(node: dict) -> str:
        branches = [atom(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


QUOTE_MARK_RE = re.compile(r"[“”\"‘’'«»„]")
PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t]*\n\s*")
# a speech verb (any case) as a whole word; same matches as r"\b(?P<verb>say|says|…|put\s+it)\b" with re.I
SPEECH_VERB_RE = re.compile(
    rf"\b(?P<verb>{_caseless_trie(_SPEECH_VERBS)}|{_caseless_trie(['put'])}\s+{_caseless_trie(['it'])})\b"
)
_NAME_TOKEN = r"(?:[A-Z][\w’'&.-]*[\w.]|[A-Z])"
_NAME_RUN = rf"{_NAME_TOKEN}(?:\s+(?:(?:of|for|and|the|de|van|von|bin|al|da|di|le)\s+)*{_NAME_TOKEN})*"
NAME_RUN_END_RE = re.compile(rf"(?P<run>{_NAME_RUN})\s*$")
NAME_RUN_START_RE = re.compile(rf"\s*(?P<run>{_NAME_RUN})")
APPOSITION_END_RE = re.compile(rf"(?P<run>{_NAME_RUN}),\s+(?P<appos>[^,;:“”\"()]{{2,100}}?),\s*$")
APPOSITION_START_RE = re.compile(r",\s+(?P<appos>[^,;:“”\"()]{2,100}?)(?=[,.;]|$)")
AFFILIATION_END_RE = re.compile(
    rf"(?P<run>{_NAME_RUN})\s+(?:from|of|at|with|for)\s+(?:the\s+)?(?P<org>{_NAME_RUN})\s*$"
)
DESCRIPTOR_END_RE = re.compile(
    r"(?:^|(?<=\s))(?:(?P<det>[Aa]n?|[Tt]he|[Aa]nother|[Oo]ne)\s+)?"
    r"(?P<mods>(?:(?:[A-Z][\w’'.&-]*|[A-Z][\w.&-]*[’']s)\s+)*)"
    r"(?P<head>(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)\s*$"
)
APPOSITION_PARTS_RE = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?P<title>[\w .’'&-]+?)\s+(?:of|at|for|from|with)\s+(?:the\s+)?(?P<org>.+)$"
)
TRAILING_AUXILIARIES_RE = re.compile(
    r"(?:\s+(?:has|have|had|was|were|is|are|also|later|then|once|previously|reportedly|publicly|recently|"
    r"directly|not|never|further|would|will|could|may|might|had\s+previously|[a-z]+ly))+\s*$"
)
CLAUSE_BOUNDARY_RE = re.compile(
    r"[;:()“”\"—–]|,(?!\s+(?:CEO|CFO|CTO|chief|head|founder|president|director|spokes\w+|a|an|the)\b)"
    r"|\b(?:while|whereas|but|because|although|though|that|which|who|when|where|if|since|after|before|as|As"
    r"|and|so|then)\b"
)
VERB_TAIL_END_RE = re.compile(
    r"(?P<verb>\b[A-Za-z]+)(?P<tail>\s+(?:on|in|to|at|during|via|through|with|after|before|from|over|later|"
    r"earlier|yesterday|today|recently|publicly|privately|simply|bluntly|flatly|firmly|also|again)\b"
    r"[^,:;“”\"]{0,60}?)?\s*[:,]\s*(?:that\s+)?$"
)
ACCORDING_TO_RE = re.compile(r"\b[Aa]ccording\s+to\s+")
POST_LEAD_RE = re.compile(r"\s*[,—–-]?\s*")
NAMING_CUE_END_RE = re.compile(
    r"(?:\b(?:known\s+as|called|dubbed|termed|named|nicknamed|label(?:l)?ed|branded|coined|so-called|titled|"
    r"entitled|author\s+of|authors\s+of|book|article|report|essay|film|song|show|hashtags?|slogans?|the\s+term|"
    r"the\s+word|the\s+phrase|the\s+words|the\s+phrases|like|such\s+as)\s*[,:]?\s*)$",
    re.I,
)
DETERMINER_END_RE = re.compile(
    r"(?:\b(?:the|a|an|this|that|these|those|its|their|his|her|our|your|my|so-called)|[A-Za-z][’']s|s[’'])"
    r"(?:\s+[a-z][\w-]*(?:ed|al|ive|ous|ic|ful|less|able|ible|ary|ant|ent|ish|called))?\s*$",
    re.I,
)
CATEGORY_AFTER_RE = re.compile(r"\s*(?P<noun>[a-z][\w-]*)\b")
WORD_RE = re.compile(r"[A-Za-z][\w’'-]*")
LOWER_WORD_AFTER_RE = re.compile(r"\s+[a-z]")
FULL_STOP_WORD_RE = re.compile(r"[A-Z][a-z]+\.")
POSSESSIVE_END_RE = re.compile(r"[’']s$")
PRONOUN_START_RE = re.compile(r"\s*(?P<p>he|she|they|we|I|it)\b")
DESCRIPTOR_START_RE = re.compile(
    r"\s*(?:(?:a|an|the|another|one)\s+)?(?P<mods>(?:[A-Z][\w’'.&-]*\s+)*)(?P<head>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)"
)
FIRST_WORD_RE = re.compile(r"(?P<verb>[A-Za-z]+)\b")
ACCORDING_TO_START_RE = re.compile(r"[Aa]ccording\s+to\b")
CLAUSE_PUNCTUATION_RE = re.compile(r"[.!?;:“”\"]")
PUT_IT_END_RE = re.compile(r"\bput\s+it\s*[:,]\s*$")
COMMA_END_RE = re.compile(r",\s*$")
INTRODUCING_PUNCTUATION_END_RE = re.compile(r"[:,]\s*$")
INNER_SENTENCE_END_RE = re.compile(r"[.!?]\s+\S")
PERSON_CANDIDATE_RE = re.compile(rf"(?P<run>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,4}})")
LOCATIVE_BEFORE_RE = re.compile(r"\b(?:in|at|from|to|near|across|of|into|via|on)\s+(?:the\s+)?$")
ELISION_AFTER_RE = re.compile(r"(?:\d|em\b|tis\b|twas\b|n\b|cause\b)", re.I)


# --------------------------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Speaker:
    name: str | None
    title: str | None = None
    affiliation: str | None = None
    pronoun: str | None = None


@dataclass(slots=True)
class _Quote:
    block: int  # index into the blocks list
    open: int  # position of the opening mark
    close: int  # position of the closing mark
    segments: list[tuple[int, int]] = field(default_factory=list)  # content spans (one per paragraph)
    speaker: _Speaker | None = None
    verb: str | None = None
    kind: str = "term"
    resolved_from: str | None = None
    full: bool = False


# --------------------------------------------------------------------------------------------------------------
# 1. Marks
# --------------------------------------------------------------------------------------------------------------

_OPENING_CONTEXT = " \t\n([{—–-/"


def _mark_role(text: str, i: int, lo: int, hi: int) -> tuple[str, str] | None:
    """(family, role) of the mark at ``i`` — family double/single, role open/close/either — or None."""
    ch = text[i]
    prev = text[i - 1] if i > lo else "\n"
    nxt = text[i + 1] if i + 1 < hi else "\n"
    if ch in "“«„":
        return "double", "open"
    if ch in "”»":
        return "double", "close"
    if ch == '"':
        if prev.isdigit():
            return None  # inches: 5'10"
        opens = prev in _OPENING_CONTEXT or prev in "“‘'"
        closes = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
        if opens and not nxt.isspace():
            return "double", "open"
        if closes:
            return "double", "close"
        return "double", "either"
    # single marks
    if prev.isalpha() and nxt.isalpha():
        return None  # don’t, TikTok’s, Jinping‘s
    if ch == "‘":
        if ELISION_AFTER_RE.match(text, i + 1) and not nxt.isupper():
            return None  # ‘90s
        return ("single", "close") if (prev.isalnum() and not nxt.isalnum()) else ("single", "open")
    if ch == "’":
        if prev.isspace() or prev in _OPENING_CONTEXT:
            return None  # ’90s, ’em
        return "single", "close"
    # straight '
    if prev.isdigit():
        return None  # feet
    if prev in _OPENING_CONTEXT or prev in '“"':
        if ELISION_AFTER_RE.match(text, i + 1) or nxt.isspace():
            return None
        return "single", "open"
    if not nxt.isalnum():
        return "single", "close"
    return None


# --------------------------------------------------------------------------------------------------------------
# 2. Pairs
# --------------------------------------------------------------------------------------------------------------


def _pair(text: str, blocks: list[tuple[int, int, int]], family: str) -> list[_Quote]:
    """Pair the marks of one family across ``blocks`` (paragraph_id, start, end)."""
    marks: list[list[tuple[int, str]]] = []
    for _, lo, hi in blocks:
        found = []
        for m in QUOTE_MARK_RE.finditer(text, lo, hi):
            role = _mark_role(text, m.start(), lo, hi)
            if role and role[0] == family:
                found.append((m.start(), role[1]))
        marks.append(found)
    quotes: list[_Quote] = []
    current: _Quote | None = None
    seg_start = 0
    for b, found in enumerate(marks):
        lo, hi = blocks[b][1], blocks[b][2]
        skip_first = False
        if current is not None:  # a quotation carried over from the paragraph before
            first = found[0] if found else None
            lead = text[lo : first[0]] if first else None
            if first and lead is not None and lead.strip() == "" and first[1] in ("open", "either"):
                seg_start, skip_first = first[0] + 1, True
            else:
                logger.debug("unclosed quotation mark at %d dropped", current.open)
                current = None
        for k, (pos, role) in enumerate(found):
            if skip_first and k == 0:
                continue
            if current is None:
                if role in ("open", "either"):
                    current, seg_start = _Quote(block=b, open=pos, close=-1), pos + 1
                continue
            if role == "open" and current.block == b and not current.segments:
                logger.debug("stray opening mark at %d dropped", current.open)
                current, seg_start = _Quote(block=b, open=pos, close=-1), pos + 1
                continue
            if role == "open":
                continue
            if family == "single" and _possessive_not_closer(text, pos, found[k + 1 :]):
                continue
            current.segments.append((seg_start, pos))
            current.close = pos
            quotes.append(current)
            current = None
        if current is not None:
            current.segments.append((seg_start, _rstrip(text, seg_start, hi)))
    return quotes


def _possessive_not_closer(text: str, pos: int, later: list[tuple[int, str]]) -> bool:
    """A ’ after an -s word before a lower-case word is a plural possessive when the next mark closes too."""
    if not (pos > 0 and text[pos - 1] in "sS" and LOWER_WORD_AFTER_RE.match(text, pos + 1)):
        return False
    return bool(later) and later[0][1] in ("close", "either")


def _rstrip(text: str, lo: int, hi: int) -> int:
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return hi


# --------------------------------------------------------------------------------------------------------------
# 3. Attribution and kind
# --------------------------------------------------------------------------------------------------------------


def _clean_run(run: str) -> list[str]:
    """Tokens of a capitalized run without leading function words ("As", "The", "However")."""
    tokens = run.split()
    while tokens and (tokens[0] in _NOT_NAMES or tokens[0].lower() in _FUNCTION_WORDS):
        tokens.pop(0)
    return tokens


def _is_org(tokens: list[str]) -> bool:
    return any(t.strip(".,’'") in _ORG_WORDS for t in tokens)


def _person_from_run(run: str, before: str = "") -> _Speaker | None:
    """Split a capitalized run into title, affiliation and name ("U.S. President Donald Trump")."""
    tokens = _clean_run(run)
    if not tokens:
        return None
    if " of " in " ".join(tokens) and not _is_org(tokens[: tokens.index("of")] if "of" in tokens else tokens):
        i = tokens.index("of")
        person = _person_from_run(" ".join(tokens[:i]))
        if person is not None:
            person.affiliation = " ".join(tokens[i + 1 :]).removeprefix("the ") or None
            return person
    title_at = max(
        (i for i, t in enumerate(tokens) if t in _TITLES or t.lower() in _LOWER_TITLES), default=-1
    )
    title = affiliation = None
    if title_at >= 0 and title_at < len(tokens) - 1:
        title = tokens[title_at]
        j = title_at
        while j > 0 and tokens[j - 1] in _TITLES:  # "Vice President"
            j -= 1
            title = f"{tokens[j]} {title}"
        affiliation = " ".join(tokens[:j]) or None
        tokens = tokens[title_at + 1 :]
    elif before:
        words = before.split()
        if words and words[-1].lower() in _LOWER_TITLES:  # "Harvard University professor Graham Allison"
            title = words[-1]
            caps = []
            for w in reversed(words[:-1]):
                if not w[:1].isupper() or w in _NOT_NAMES:
                    break
                caps.insert(0, w)
            affiliation = " ".join(caps) or None
    if not tokens:
        return None
    if len(tokens) == 1 and tokens[0].lower().rstrip(".") in _LOWER_TITLES:
        return _Speaker(name=tokens[0].lower().rstrip("."))  # "Officials said": a description, not a name
    if FULL_STOP_WORD_RE.fullmatch(tokens[-1]):
        tokens[-1] = tokens[-1][:-1]  # a sentence's full stop, not an abbreviation
    name = POSSESSIVE_END_RE.sub("", " ".join(tokens))
    return _Speaker(name=name, title=title, affiliation=affiliation)


def _descriptor(m: re.Match[str]) -> _Speaker | None:
    head = m.group("head")
    last = head.split()[-1]
    if last in _FUNCTION_WORDS or last.endswith("ly") or last in _SPEECH_VERBS:
        return None
    if any(w in _FUNCTION_WORDS for w in head.split()):
        return None
    mods = m.group("mods").strip()
    mod_tokens = [t for t in mods.split() if t not in _NOT_NAMES]
    mods = " ".join(mod_tokens)
    name = f"{mods} {head}".strip()
    affiliation = POSSESSIVE_END_RE.sub("", mods) or None
    return _Speaker(name=name, title=head if affiliation else None, affiliation=affiliation)


def _subject_before(text: str, lo: int, verb_start: int) -> _Speaker | None:
    """The subject of a speech verb at ``verb_start``, read backwards within ``text[lo:verb_start]``."""
    window = text[lo:verb_start]
    window = TRAILING_AUXILIARIES_RE.sub("", window.rstrip()).rstrip()
    if not window:
        return None
    m = APPOSITION_END_RE.search(window)
    if m:
        person = _person_from_run(m.group("run"), window[: m.start("run")])
        if person is not None and _clean_run(m.group("run")):
            _apposition(person, m.group("appos"))
            return person
    cuts = [c.end() for c in CLAUSE_BOUNDARY_RE.finditer(window)]
    clause_start = cuts[-1] if cuts else 0
    # "TikTok and ByteDance argued": an "and" between two names does not end the clause
    while clause_start >= 4 and window[clause_start - 3 : clause_start] == "and":
        left = NAME_RUN_END_RE.search(window[: clause_start - 3].rstrip())
        if not left or not _clean_run(left.group("run")):
            break
        clause_start = left.start("run")
    clause = window[clause_start:].strip()
    if not clause:
        return None
    words = clause.split()
    if words[-1].lower() in _PRONOUNS and all(w in _NOT_NAMES or w.lower() in _FUNCTION_WORDS for w in words):
        return _Speaker(name=None, pronoun=words[-1].lower())  # "he", "Then she", "And they"
    m = AFFILIATION_END_RE.search(clause)
    if m and not _is_org(m.group("run").split()):
        person = _person_from_run(m.group("run"), clause[: m.start("run")])
        if person is not None:
            person.affiliation = m.group("org").removeprefix("the ")
            return person
    m = NAME_RUN_END_RE.search(clause)
    if m and m.end() == len(clause) and _clean_run(m.group("run")):
        before = clause[: m.start("run")]
        if before.strip() and before.strip().split()[-1].lower() in ("a", "an", "the"):
            pass  # "the Ministry": a descriptor
        else:
            run = m.group("run")
            if " and " in run and _is_org(run.split()):
                return _Speaker(name=" ".join(_clean_run(run)))
            return _person_from_run(run, before)
    m = DESCRIPTOR_END_RE.search(clause)
    if m:
        return _descriptor(m)
    return None


def _apposition(person: _Speaker, appos: str) -> None:
    appos = appos.strip()
    m = APPOSITION_PARTS_RE.match(appos)
    if m:
        person.title = person.title or m.group("title").strip()
        person.affiliation = person.affiliation or m.group("org").strip()
    elif appos.split() and appos.split()[0].lower() in ("a", "an", "the"):
        person.title = person.title or " ".join(appos.split()[1:])


def _subject_after(text: str, pos: int, hi: int) -> tuple[_Speaker | None, int]:
    """A subject read forwards from ``pos`` ("said Liang Liang, a spokesperson for Douyin", "according to X")."""
    rest = text[pos:hi]
    m = PRONOUN_START_RE.match(rest)
    if m:
        return _Speaker(name=None, pronoun=m.group("p").lower()), pos + m.end()
    m = NAME_RUN_START_RE.match(rest)
    if m and _clean_run(m.group("run")):
        person = _person_from_run(m.group("run"))
        end = m.end()
        ap = APPOSITION_START_RE.match(rest, end)
        if person is not None and ap:
            _apposition(person, ap.group("appos"))
            end = ap.end()
        return person, pos + end
    m = DESCRIPTOR_START_RE.match(rest)
    if m:
        head_words = m.group("head").split()
        while head_words and (head_words[-1] in _FUNCTION_WORDS or head_words[-1].lower() in _SPEECH_VERBS):
            head_words.pop()
        if head_words and head_words[0] not in _FUNCTION_WORDS:
            mods = m.group("mods").strip()
            name = f"{mods} {' '.join(head_words)}".strip()
            return _Speaker(
                name=name, title=" ".join(head_words) if mods else None, affiliation=mods or None
            ), pos + m.end()
    return None, pos


def _post_attribution(text: str, close: int, hi: int) -> tuple[_Speaker | None, str | None]:
    """“…,” said X / “…,” X said / “…,” according to X."""
    lead = POST_LEAD_RE.match(text, close + 1, hi)
    pos = lead.end() if lead else close + 1
    window = text[pos:hi]
    m = FIRST_WORD_RE.match(window)
    if m and m.group("verb").lower() in _SPEECH_VERBS:
        speaker, _ = _subject_after(text, pos + m.end(), hi)
        if speaker is not None:
            return speaker, m.group("verb").lower()
    m = ACCORDING_TO_START_RE.match(window)
    if m:
        speaker, _ = _subject_after(text, pos + m.end(), hi)
        if speaker is not None:
            return speaker, "according to"
    for v in SPEECH_VERB_RE.finditer(text, pos, min(hi, pos + 120)):
        speaker = _subject_before(text, pos, v.start())
        subject_text = text[pos : v.start()].strip()
        if speaker is not None and subject_text and not CLAUSE_PUNCTUATION_RE.search(subject_text):
            return speaker, v.group("verb").lower()
        break
    return None, None


def _ends_introducing(pre: str) -> bool:
    """Whether ``pre`` ends like ``VERB_TAIL_END_RE`` needs: ``:`` or ``,``, blanks, maybe "that" and blanks.

    A cheap test that lets the backward search be skipped where it cannot match (``str.rstrip`` strips what
    ``\\s`` matches).

    Example:
        >>> [_ends_introducing(p) for p in ("He said: ", "He said, that ", "He said, that", "He said")]
        [True, True, False, False]
    """
    tail = pre.rstrip()
    if tail.endswith("that") and len(tail) < len(pre):
        tail = tail[:-4].rstrip()
    return tail.endswith((":", ","))


def _pre_attribution(text: str, lo: int, open_: int) -> tuple[_Speaker | None, str | None, bool]:
    """Attribution before a quotation: (speaker, verb, introduces) — introduces: "X said: “…”"."""
    pre = text[lo:open_]
    m = VERB_TAIL_END_RE.search(pre) if _ends_introducing(pre) else None
    if m and m.group("verb").lower() in _SPEECH_VERBS:
        speaker = _subject_before(text, lo, lo + m.start("verb"))
        if speaker is not None:
            return speaker, m.group("verb").lower(), True
    if m and m.group("verb") == "it" and PUT_IT_END_RE.search(pre):
        v = PUT_IT_END_RE.search(pre)
        assert v is not None
        speaker = _subject_before(text, lo, lo + v.start())
        if speaker is not None:
            return speaker, "put it", True
    according = list(ACCORDING_TO_RE.finditer(text, lo, open_)) if "ccording" in pre else []
    acc = according[-1] if according else None  # the last "according to" before the quotation
    if acc is not None:
        speaker, _ = _subject_after(text, acc.end(), open_)
        if speaker is not None:
            return speaker, "according to", bool(COMMA_END_RE.search(pre))
    verbs = list(SPEECH_VERB_RE.finditer(text, lo, open_))
    for v in reversed(verbs):
        speaker = _subject_before(text, lo, v.start())
        if speaker is not None:
            return speaker, v.group("verb").lower(), False
    return None, None, False


def _is_title_case(content: str) -> bool:
    """A title: at least two content words, every one capitalized ("The China Race: Competition for …")."""
    words = [w for w in WORD_RE.findall(content) if w.lower() not in _FUNCTION_WORDS]
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


def _tail_start(pre: str, tokens: int, *, punctuation: str = "") -> int:
    """Where the last ``tokens`` blank-separated tokens of ``pre`` begin (trailing blanks ignored, and one
    trailing character of ``punctuation`` with the blanks around it).

    A phrase of at most ``tokens`` words that must end at the end of ``pre`` (``…\\s*$``) cannot start before
    this index, so an end-anchored search may start here and find the same match without trying every earlier
    position (``str.isspace`` is what ``\\s`` matches).

    Example:
        >>> pre = "a theory he once called , "
        >>> pre[_tail_start(pre, 2, punctuation=",:") :]
        'once called , '
    """
    end = len(pre.rstrip())
    if punctuation and end and pre[end - 1] in punctuation:
        end = len(pre[: end - 1].rstrip())
    i = end
    for k in range(tokens):
        while i > 0 and not pre[i - 1].isspace():
            i -= 1
        if k < tokens - 1:
            while i > 0 and pre[i - 1].isspace():
                i -= 1
    return i


def _naming_cue_before(pre: str) -> bool:
    """Whether ``pre`` ends with a naming cue (``NAMING_CUE_END_RE``: a cue of one or two words, then maybe
    a comma or colon)."""
    return bool(NAMING_CUE_END_RE.search(pre, _tail_start(pre, 2, punctuation=",:")))


def _is_mention(text: str, q: _Quote, lo: int, content: str) -> bool:
    """A name or a mention rather than someone's words (see the module docstring)."""
    pre = text[lo : q.open]
    n_words = len(WORD_RE.findall(content))
    if _naming_cue_before(pre):
        return True
    first = content.split()[0].lower() if content.split() else ""
    if n_words <= 4 and first not in _DETERMINERS and DETERMINER_END_RE.search(pre, _tail_start(pre, 2)):
        return True
    after = CATEGORY_AFTER_RE.match(text, q.close + 1)
    if n_words <= 4 and after and after.group("noun") in _CATEGORY_NOUNS:
        return True
    return _is_title_case(content) and not INNER_SENTENCE_END_RE.search(content)


def _sentence_bounds(spans: list[tuple[int, int]], pos: int, lo: int, hi: int) -> tuple[int, int]:
    for a, b in spans:
        if a <= pos < b:
            return a, b
    return lo, hi


def _nearest_person(text: str, before: int, floor: int) -> _Speaker | None:
    """The nearest person named before ``before`` (not before ``floor``), with the title and affiliation given
    where the name stands ("Jensen Huang, CEO of Nvidia"); see the module docstring for what counts."""
    best = None
    for m in PERSON_CANDIDATE_RE.finditer(text, floor, before):
        run = m.group("run")
        tokens = _clean_run(run)
        if _is_org(tokens) or any(t in _NOT_NAMES for t in tokens):
            continue
        if LOCATIVE_BEFORE_RE.search(text, max(floor, m.start() - 12), m.start()):
            continue  # "in Las Vegas", "at the Supreme Court"
        person = _person_from_run(run, text[max(floor, m.start() - 60) : m.start()])
        if person is None or person.name is None or len(person.name.split()) > 3:
            continue
        if len(person.name.split()) < 2 and person.title is None:
            continue
        appos = APPOSITION_START_RE.match(text, m.end(), before)
        if appos:
            _apposition(person, appos.group("appos"))
        best = person
    return best


def _attribute(
    text: str, q: _Quote, blocks: list[tuple[int, int, int]], spans: list[tuple[int, int]]
) -> None:
    """Fill speaker, verb, kind of a quotation."""
    lo_block, hi_block = blocks[q.block][1], blocks[q.block][2]
    s_lo, _ = _sentence_bounds(spans, q.open, lo_block, hi_block)
    s_lo = min(s_lo, q.open)
    last_block = blocks[_block_of(blocks, q.close)] if q.close >= 0 else blocks[q.block]
    _, s_hi = _sentence_bounds(spans, q.close, last_block[1], last_block[2])
    content = " ".join(text[a:b] for a, b in q.segments).strip()
    pre = text[s_lo : q.open]
    starts_sentence = pre.strip() == "" or bool(INTRODUCING_PUNCTUATION_END_RE.search(pre))
    q.full = starts_sentence and len(WORD_RE.findall(content)) >= 4 and content[:1].isupper()
    speaker, verb = _post_attribution(text, q.close, max(s_hi, q.close + 1))
    introduces = False
    if speaker is None:
        speaker, verb, introduces = _pre_attribution(text, s_lo, q.open)
    mention = _is_mention(text, q, s_lo, content) and not introduces
    if speaker is not None and speaker.pronoun in _PERSONAL_PRONOUNS:
        person = _nearest_person(text, q.open, max(0, q.open - 3000))
        if person is not None:
            q.resolved_from, speaker = speaker.pronoun, person
    if (
        speaker is not None
        and speaker.name is None
        and speaker.pronoun is not None
        and q.resolved_from is None
    ):
        q.resolved_from = speaker.pronoun  # unresolved: speaker stays None
    if mention:
        q.kind = "term"
        if _naming_cue_before(text[s_lo : q.open]):  # a title or a name: nobody's words
            speaker, verb, q.resolved_from = None, None, None
        elif speaker is not None and speaker.name is None:
            speaker, verb, q.resolved_from = None, None, None  # a term is credited only to someone named
    elif speaker is not None or q.full:
        q.kind = "speech"
    else:
        q.kind = "term"
    q.speaker, q.verb = speaker, verb


def _block_of(blocks: list[tuple[int, int, int]], pos: int) -> int:
    for i, (_, lo, hi) in enumerate(blocks):
        if lo <= pos <= hi:
            return i
    return len(blocks) - 1


def _known_spans(spans: list[tuple[int, int]] | None, lo: int, hi: int) -> list[tuple[int, int]] | None:
    """``spans`` if they are sentence spans lying in order inside ``lo``–``hi``, else None (split again)."""
    if not spans:
        return None
    last = lo
    for a, e in spans:
        if not last <= a < e <= hi:
            return None
        last = e
    return spans


def _find(
    text: str,
    blocks: list[tuple[int, int, int]],
    known: dict[int, list[tuple[int, int]]] | None = None,
) -> list[_Quote]:
    """The quotations of ``text``; ``known``: sentence spans by paragraph id, already split (offsets in text)."""
    quotes = _pair(text, blocks, "double") + _pair(text, blocks, "single")
    quotes = [q for q in quotes if len("".join(text[a:b] for a, b in q.segments).strip(" ,.;:!?-—")) >= 2]
    quotes.sort(key=lambda q: q.open)
    spans_cache: dict[int, list[tuple[int, int]]] = {}
    for q in quotes:
        for b in {q.block, _block_of(blocks, q.close)}:
            if b not in spans_cache:
                pid, lo, hi = blocks[b]
                given = _known_spans(known.get(pid), lo, hi) if known else None
                if given is None:
                    given = [(lo + a, lo + e) for a, e in sentence_spans(text[lo:hi])]
                spans_cache[b] = given
        spans = spans_cache[q.block] + (spans_cache.get(_block_of(blocks, q.close), []))
        _attribute(text, q, blocks, spans)
    # an unattributed full quotation continues the speech quotation just before it (same or previous paragraph)
    previous: _Quote | None = None
    for q in quotes:
        if (q.kind == "speech" and q.full and (q.speaker is None or q.speaker.name is None) and previous
                and previous.speaker is not None and previous.speaker.name and q.block - previous.block <= 1
                and q.resolved_from is None):  # fmt: skip
            q.speaker, q.verb, q.resolved_from = previous.speaker, previous.verb, "previous quote"
        if q.kind == "speech":
            previous = q
    return quotes


# --------------------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------------------

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
