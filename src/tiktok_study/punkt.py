"""NLTK's Punkt sentence splitter (English), with the same spans and without importing NLTK.

``nltk.tokenize.punkt.PunktTokenizer("english").span_tokenize`` is how this project splits sentences. Two of its
costs have nothing to do with the splitting: ``import nltk`` (seconds: it imports SciPy) and the machinery
around each decision (an object per word token, its properties recomputed on every access, every regular
expression run under a timeout wrapper). :class:`ExactPunkt` takes the same steps in the same order with plain
functions:

1. **Candidates.** NLTK's ``period_context`` expression finds each ``.``, ``?`` or ``!`` followed by a
   non-word character or by whitespace and a token; the word before it is found by NLTK's last-whitespace
   rule, and a candidate whose word overlaps the next candidate's is dropped, as in
   ``_match_potential_end_contexts``. The decision text is that word, the mark and what follows it.
2. **Decision.** The decision text is cut into words by NLTK's word expression, line by line; each word's
   first-pass facts (sentence break, abbreviation, ellipsis, type, initial, case, orthographic context) are
   computed once per distinct word and cached; a pair of neighbouring words gives the second pass
   (collocation, orthographic and sentence-starter heuristics, initials and ordinals) exactly as
   ``_second_pass_annotation``. The text contains a break when a word other than the last is a break.
3. **Spans.** Breaks give slices as in ``_slices_from_text``, then ``_realign_boundaries`` moves closing
   quotes and brackets onto the sentence they close.

The expressions are NLTK's own text, compiled with the same engine NLTK uses (the ``regex`` package), so that
``\\s``, ``\\W`` and ``\\d`` mean the same characters. The parameters are NLTK's ``punkt_tab/english`` files,
found on NLTK's search path (:func:`find_params`) and read as ``load_punkt_params`` reads them
(:func:`read_params`). ``tests/test_punkt.py`` compares every span with NLTK's on the seeds, the real articles,
the benchmark generator's articles and generated strings of tricky tokens.

Example:
    >>> punkt = ExactPunkt.from_data()
    >>> punkt.span_tokenize("Dr. Smith met U.S. officials. Then he left.")
    [(0, 29), (30, 43)]
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any, NamedTuple

import regex

from tiktok_study.nltk_paths import private, search_path

__all__ = ["PARAMS_DIR", "ExactPunkt", "PunktParams", "find_params", "read_params"]

logger = logging.getLogger(__name__)

#: The folder ``PunktTokenizer("english")`` loads, relative to a folder of NLTK's search path.
PARAMS_DIR = "tokenizers/punkt_tab/english"
_PARAM_FILES = ("collocations.tab", "sent_starters.txt", "abbrev_types.txt", "ortho_context.tab")

# --- NLTK's PunktLanguageVars, PunktToken and orthographic constants (same text, same engine) -------------------

_SENT_END_CHARS = (".", "?", "!")
_PUNCTUATION = tuple(";:,.!?")  # PunktSentenceTokenizer.PUNCTUATION: never starts a sentence
_NON_WORD = r"(?:[)\";}\]\*:@\'\({\[\u2018\u2019\u201c\u201d\xab\xbb\?!])"
_MULTI_CHAR = r"(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)"
_WORD_START = r"[^\(\"\`{\[:;&\#\*@\)}\]\-,]"
_WORD_TOKENIZE_FMT = r"""(
        %(MultiChar)s
        |
        (?=%(WordStart)s)\S+?  # Accept word characters until end is found
        (?= # Sequences marking a word's end
            \s|                                 # White-space
            $|                                  # End-of-string
            %(NonWord)s|%(MultiChar)s|          # Punctuation
            ,(?=$|\s|%(NonWord)s|%(MultiChar)s) # Comma if at end of word
        )
        |
        \S
    )"""
_PERIOD_CONTEXT_FMT = r"""
        %(SentEndChars)s             # a potential sentence ending
        (?=(?P<after_tok>
            %(NonWord)s              # either other punctuation
            |
            \s+(?P<next_tok>\S+)     # or whitespace and some other token
        ))"""

#: A word of NLTK's Punkt word tokenizer (punctuation other than periods split off).
_PUNKT_WORD = regex.compile(
    _WORD_TOKENIZE_FMT % {"NonWord": _NON_WORD, "MultiChar": _MULTI_CHAR, "WordStart": _WORD_START},
    regex.UNICODE | regex.VERBOSE,
)
#: A possible sentence end: the mark, and (looked ahead) a non-word character or whitespace and the next token.
_SENTENCE_END_CONTEXT = regex.compile(
    _PERIOD_CONTEXT_FMT % {"NonWord": _NON_WORD, "SentEndChars": r"[\.\?!]"},
    regex.UNICODE | regex.VERBOSE,
)
#: Closing quotes and brackets at the start of the next sentence, which belong to the one before.
_CLOSING_PUNCTUATION = regex.compile(
    r'["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)', regex.MULTILINE
)
_CLOSING_FIRST = frozenset("\"')]}\u2018\u2019\u201c\u201d\xab\xbb")
#: An ellipsis token, a number token (its type becomes ``##number##``), an initial ("J.").
_ELLIPSIS = regex.compile(r"\.\.+$")
_NUMERIC = regex.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")
_INITIAL = regex.compile(r"[^\W\d]\.$", regex.UNICODE)
#: Everything up to the last ASCII whitespace character (string.whitespace, what NLTK's
#: ``_get_last_whitespace_index`` looks for).
_UP_TO_LAST_ASCII_SPACE = re.compile(r".*[ \t\n\r\x0b\x0c]", re.DOTALL)

_ORTHO_BEG_UC, _ORTHO_MID_UC, _ORTHO_UNK_UC = 1 << 1, 1 << 2, 1 << 3
_ORTHO_BEG_LC, _ORTHO_MID_LC, _ORTHO_UNK_LC = 1 << 4, 1 << 5, 1 << 6
_ORTHO_UC = _ORTHO_BEG_UC + _ORTHO_MID_UC + _ORTHO_UNK_UC
_ORTHO_LC = _ORTHO_BEG_LC + _ORTHO_MID_LC + _ORTHO_UNK_LC
_UNKNOWN, _STARTS, _CONTINUES = 0, 1, -1  # the orthographic heuristic's three answers
_NUMBER_TYPE = "##number##"
_CACHE_LIMIT = 200_000  # entries of each cache (word facts, decisions); a full cache is cleared, not grown


class PunktParams(NamedTuple):
    """NLTK's ``PunktParameters`` for one language, as ``load_punkt_params`` reads them."""

    abbrev_types: frozenset[str]
    collocations: frozenset[tuple[str, ...]]
    sent_starters: frozenset[str]
    ortho_context: dict[str, int]


class _Word(NamedTuple):
    """What the two annotation passes need to know about one word token (computed once per distinct word)."""

    period_final: bool
    sentbreak: bool  # the first pass's decision
    abbr_or_ellipsis: bool
    initial: bool
    type_no_period: str
    type_no_sentperiod: str
    first_upper: bool
    ortho: int  # the orthographic heuristic on this word as the next word: _STARTS, _CONTINUES or _UNKNOWN
    starter: bool  # first letter upper case and a frequent sentence starter
    never_lower: bool  # first letter upper case and never seen in lower case (the initials' special rule)


class ExactPunkt:
    """Sentence spans equal to NLTK's ``PunktSentenceTokenizer.span_tokenize(text)`` with these parameters.

    Args:
        params: the Punkt parameters (:func:`read_params`, or :meth:`from_nltk`).
    """

    __slots__ = ("_abbrev", "_colloc", "_decisions", "_ortho", "_starters", "_words")

    def __init__(self, params: PunktParams) -> None:
        self._abbrev = params.abbrev_types
        self._colloc = params.collocations
        self._starters = params.sent_starters
        self._ortho = params.ortho_context
        self._words: dict[str, _Word] = {}
        self._decisions: dict[str, bool] = {}

    @classmethod
    def from_nltk(cls, tokenizer: Any) -> ExactPunkt:
        """The splitter with the parameters of an NLTK ``PunktSentenceTokenizer``."""
        p = tokenizer._params
        return cls(
            PunktParams(
                frozenset(p.abbrev_types),
                frozenset(p.collocations),
                frozenset(p.sent_starters),
                dict(p.ortho_context),
            )
        )

    @classmethod
    def from_data(cls) -> ExactPunkt | None:
        """The splitter with NLTK's English parameter files read as NLTK reads them, without importing NLTK; None
        when that cannot be done with certainty (see :func:`find_params`)."""
        folder = find_params()
        return None if folder is None else cls(read_params(folder))

    # --- first pass: facts of one word ---------------------------------------------------------------------------

    def _word(self, tok: str) -> _Word:
        """The facts of the word token ``tok`` (``PunktToken`` and ``_first_pass_annotation``), cached."""
        facts = self._words.get(tok)
        if facts is not None:
            return facts
        period_final = tok.endswith(".")
        sentbreak = abbr_or_ellipsis = False
        if tok in _SENT_END_CHARS:
            sentbreak = True
        elif _ELLIPSIS.match(tok):
            abbr_or_ellipsis = True
        elif period_final and not tok.endswith(".."):
            low = tok[:-1].lower()
            if low in self._abbrev or low.split("-")[-1] in self._abbrev:
                abbr_or_ellipsis = True
            else:
                sentbreak = True
        typ = _NUMERIC.sub(_NUMBER_TYPE, tok.lower())
        type_no_period = typ[:-1] if len(typ) > 1 and typ[-1] == "." else typ
        next_type = type_no_period if sentbreak else typ
        context = self._ortho.get(next_type, 0)
        first_upper, first_lower = tok[0].isupper(), tok[0].islower()
        if tok in _PUNCTUATION:
            ortho = _CONTINUES
        elif first_upper and context & _ORTHO_LC and not context & _ORTHO_MID_UC:
            ortho = _STARTS
        elif first_lower and (context & _ORTHO_UC or not context & _ORTHO_BEG_LC):
            ortho = _CONTINUES
        else:
            ortho = _UNKNOWN
        facts = _Word(
            period_final=period_final,
            sentbreak=sentbreak,
            abbr_or_ellipsis=abbr_or_ellipsis,
            initial=_INITIAL.match(tok) is not None,
            type_no_period=type_no_period,
            type_no_sentperiod=next_type,
            first_upper=first_upper,
            ortho=ortho,
            starter=first_upper and next_type in self._starters,
            never_lower=first_upper and not context & _ORTHO_LC,
        )
        if len(self._words) >= _CACHE_LIMIT:
            self._words.clear()
        self._words[tok] = facts
        return facts

    # --- second pass: a word and the next --------------------------------------------------------------------------

    def _breaks(self, w1: _Word, w2: _Word) -> bool:
        """Whether the first word ends a sentence, given the next (``_second_pass_annotation``)."""
        if not w1.period_final:
            return w1.sentbreak
        if (w1.type_no_period, w2.type_no_sentperiod) in self._colloc:
            return False
        if w1.abbr_or_ellipsis and not w1.initial and (w2.ortho == _STARTS or w2.starter):
            return True
        if w1.initial or w1.type_no_period == _NUMBER_TYPE:
            if w2.ortho == _CONTINUES:
                return False
            if w2.ortho == _UNKNOWN and w1.initial and w2.never_lower:
                return False
        return w1.sentbreak

    def _contains_break(self, context: str) -> bool:
        """NLTK's ``text_contains_sentbreak``: a word other than the last one ends a sentence (cached by text)."""
        found = self._decisions.get(context)
        if found is not None:
            return found
        if "\n" in context:
            tokens: list[str] = []
            for line in context.split("\n"):
                if line.strip():
                    tokens += _PUNKT_WORD.findall(line)
        elif context.strip():
            tokens = _PUNKT_WORD.findall(context)
        else:
            tokens = []
        word, breaks = self._word, self._breaks
        words = [word(t) for t in tokens]
        found = any(breaks(words[k], words[k + 1]) for k in range(len(words) - 1))
        if len(self._decisions) >= _CACHE_LIMIT:
            self._decisions.clear()
        self._decisions[context] = found
        return found

    # --- candidates, slices, realignment -----------------------------------------------------------------------------

    @staticmethod
    def _candidates(text: str) -> list[tuple[Any, int]]:
        """NLTK's ``_match_potential_end_contexts``: each kept candidate match and where the word before it starts.

        The word starts after the last ASCII whitespace between the previous candidate's mark and this one's; with
        none there, or only right at the previous mark (NLTK reads index 0 as "none"), where the previous word
        started. A candidate whose word starts before the next candidate's mark is dropped.
        """
        kept: list[tuple[Any, int]] = []
        prev_start = prev_stop = 0
        prev_match = None
        for match in _SENTENCE_END_CONTEXT.finditer(text):
            start = match.start()
            space = _UP_TO_LAST_ASCII_SPACE.match(text, prev_stop, start)
            word_start = space.end() if space is not None and space.end() - 1 > prev_stop else prev_start
            if prev_match is not None and prev_stop <= word_start:
                kept.append((prev_match, prev_start))
            prev_match, prev_start, prev_stop = match, word_start, start
        if prev_match is not None:
            kept.append((prev_match, prev_start))
        return kept

    def _slices(self, text: str) -> list[tuple[int, int]]:
        """NLTK's ``_slices_from_text``: sentences ending at each candidate whose decision text has a break."""
        slices = []
        last_break = 0
        for match, word_start in self._candidates(text):
            # NLTK's decision text: the word, the mark and what the lookahead after the mark captured ("after_tok")
            if self._contains_break(text[word_start : match.end("after_tok")]):
                end = match.end()
                slices.append((last_break, end))
                next_start = match.start("next_tok")
                last_break = next_start if next_start >= 0 else end
        slices.append((last_break, len(text.rstrip())))
        return slices

    def span_tokenize(self, text: str) -> list[tuple[int, int]]:
        """The ``(start, end)`` character spans of the sentences of ``text``, as NLTK's ``span_tokenize(text)``
        gives them (``realign_boundaries=True``)."""
        slices = self._slices(text)
        n = len(text)
        spans: list[tuple[int, int]] = []
        realign = 0
        last = len(slices) - 1
        for k, (start, stop) in enumerate(slices):
            start += realign
            if k == last:
                if start < min(stop, n):
                    spans.append((start, stop))
                break
            start2, stop2 = slices[k + 1]
            m = None
            if start2 < stop2 and text[start2] in _CLOSING_FIRST:
                m = _CLOSING_PUNCTUATION.match(text[start2:stop2])
            if m:
                spans.append((start, start2 + len(m.group(0).rstrip())))
                realign = m.end()
            else:
                realign = 0
                if start < min(stop, n):
                    spans.append((start, stop))
        return spans


# --- NLTK's parameter files without NLTK ---------------------------------------------------------------------------


def _entries_private(top: str) -> bool:
    """NLTK's test of a data folder it reads whole: every entry under it private (links judged themselves)."""
    for current, dirs, files in os.walk(top, onerror=_raise):
        for name in dirs + files:
            entry = os.path.join(current, name)
            if os.path.islink(entry):
                if os.lstat(entry).st_uid not in (os.geteuid(), 0):
                    return False
            elif not private(entry, follow=False):
                return False
    return True


def _raise(error: OSError) -> None:
    raise error


def find_params() -> Path | None:
    """The ``punkt_tab/english`` folder that ``nltk.data.find`` resolves for ``PunktTokenizer("english")``, or None.

    The first folder of NLTK's search path (:func:`~tiktok_study.nltk_paths.search_path`) holding
    ``tokenizers/punkt_tab/english/`` gives it, as in NLTK. None — the caller then asks NLTK itself — whenever
    NLTK might decide otherwise or fail: not POSIX, an entry of the path is a zip file, no folder has the
    parameters (NLTK then tries zip files, or raises its own error), a folder or file fails NLTK's trust test
    (NLTK would skip it), one of the four parameter files is missing, or one resolves (through a link) outside
    the data folder.
    """
    if os.name != "posix":
        return None
    for root in search_path():
        if root.endswith(".zip") and os.path.isfile(root):
            return None
        if not os.path.isdir(root):
            continue
        candidate = os.path.join(root, *PARAMS_DIR.split("/"), "")
        if not os.path.exists(candidate):
            continue
        folder = candidate.rstrip(os.sep)
        parts = PARAMS_DIR.split("/")
        chain = [os.path.join(root, *parts[:i]) for i in range(len(parts) + 1)]
        try:
            if not all(private(p) for p in chain) or not _entries_private(folder):
                return None
            files = [os.path.join(folder, name) for name in _PARAM_FILES]
            if not all(os.path.isfile(f) for f in files):
                return None
            real_root = os.path.realpath(root)  # NLTK opens only files that resolve inside its data folders
            if any(os.path.commonpath([real_root, os.path.realpath(f)]) != real_root for f in files):
                return None
        except OSError:
            return None
        return Path(folder)
    return None


def _lines(path: Path) -> list[str]:
    """The lines of a parameter file as NLTK's ``TabDecoder`` reads them: UTF-8, split where ``str.splitlines``
    splits (NLTK's ``SeekableUnicodeStreamReader.readline``), a final ``"\\n"`` cut (``rm_nl``)."""
    lines = path.read_bytes().decode("utf-8").splitlines(keepends=True)
    return [line[:-1] if line[-1] == "\n" else line for line in lines]


def read_params(folder: Path) -> PunktParams:
    """The Punkt parameters in ``folder`` (a ``punkt_tab/<language>`` folder), as ``load_punkt_params`` reads them.

    Raises:
        FileNotFoundError: a parameter file is missing (the message names it).
        ValueError: a line of ``ortho_context.tab`` is not ``word<TAB>integer`` (the message names file and line).
    """
    folder = Path(folder)
    ortho: dict[str, int] = {}
    ortho_file = folder / "ortho_context.tab"
    for number, line in enumerate(_lines(ortho_file), start=1):
        fields = line.split("\t")
        try:
            word, value = fields
            ortho[word] = int(value)
        except ValueError as exc:
            raise ValueError(f"{ortho_file}: line {number} is not 'word<TAB>integer': {line!r}") from exc
    params = PunktParams(
        abbrev_types=frozenset(_lines(folder / "abbrev_types.txt")),
        collocations=frozenset(tuple(line.split("\t")) for line in _lines(folder / "collocations.tab")),
        sent_starters=frozenset(_lines(folder / "sent_starters.txt")),
        ortho_context=ortho,
    )
    logger.debug("Punkt parameters read from %s: %d abbreviations", folder, len(params.abbrev_types))
    return params
