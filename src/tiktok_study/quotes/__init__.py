"""Quotations: who is quoted saying what, and which words are only set in quotation marks (terms).

A hand-written, linear scanner in three steps:

1. **Marks.** Every quotation mark is classified from its neighbours: typographic double marks (“ ” « » „)
   open or close by shape; a straight ``"`` opens after a space or an opening bracket and closes before one;
   single marks (‘ ’ ') are quotation marks only at word edges — between letters they are apostrophes (don’t,
   TikTok’s, and ``Jinping‘s``, a left single mark typed as an apostrophe), before digits elisions (’90s); a
   closing ’ after an -s word and before a lower-case word ("the creators’ lawsuit") is a plural possessive when
   the next single mark closes too.
   Doubled ASCII marks (``''`` and two backticks, the New York Times archive's convention) are double marks.
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
   spokesperson / spokesperson / Douyin). A pronoun (he, she) is resolved to the nearer of the previous speech
   quotation's speaker and the last person named as a sentence's subject (honorifics must agree; the nearest
   person named as a fallback), recorded in ``resolved_from``; a pronoun with no such person leaves ``speaker``
   None (``verb`` kept). A quotation that opens its sentence with no attribution continues the speech
   quotation of the same or the previous paragraph (``resolved_from`` "previous quote"). ``speaker_id`` ties
   the names of one person within an article (:mod:`tiktok_study.quotes.people`). A speaker with no name is
   kept as the description given, without its article ("the company" → company, "Officials" → officials).

   ``kind`` is ``term`` for a name or mention: after a naming cue (known as, called, dubbed, so-called, titled,
   author of, the hashtag …), a short quotation (≤ 4 words) after a determiner or possessive ("the “Thucydides
   Trap”", "TikTok’s “trusted technology provider”") or before a category noun (theory, law, hashtag, order,
   program, …), or a title-cased title; otherwise ``speech`` when a speaker is found or the quotation is a full
   sentence of its own (≥ 4 words, capitalized, opening its sentence or after "X:" / "X,"), and ``term`` for the
   remaining partial quotations (scare quotes, coined phrases: “TikTok refugees”, “resilience”). A term inside
   reported speech keeps the named speaker who used it ("a U.S. representative stated that the “Thucydides
   Trap” is not inevitable"); a title or a name after a naming cue is nobody's words (no speaker). A speech
   quotation set inside the writer's own clause ("said the plan was “a giveaway”") is flagged ``partial``: it
   keeps the paraphrase's speaker, and a score against direct quotations leaves it out.

:func:`sources` counts who is quoted, grouped by the actors list of :mod:`tiktok_study.actors`. The rules in full,
why they are hand-written, and the development figures on PolNeAR: ``docs/quotes.md``. Modules: ``lexicon``
(word lists, regexes), ``marks`` (1, 2), ``speakers`` and ``attribution`` (3), ``people`` (speaker ids,
sources), ``table`` (the public functions).

Example:
    >>> q = extract_quotes('He called it a “win-win” deal. “We will fight on,” said Shou Chew, CEO of TikTok.')
    >>> q[["text", "speaker", "verb", "kind"]].values.tolist()
    [['win-win', None, None, 'term'], ['We will fight on,', 'Shou Chew', 'said', 'speech']]
"""

from __future__ import annotations

import logging

from tiktok_study.quotes.people import sources
from tiktok_study.quotes.table import extract_quotes, quotes_table

__all__ = ["extract_quotes", "quotes_table", "sources"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
