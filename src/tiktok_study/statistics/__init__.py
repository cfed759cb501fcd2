"""Quoted statistics: the numeric claims of a text, with value in base units, kind, unit, qualifier and object.

A hand-written scanner, linear in the length of the text (why hand-written, and its figures on real news:
``docs/statistics.md``). Each sentence (``text.sentence_spans``) is scanned left to right for number
candidates — digits, word numerals, vague plural multipliers — and each candidate is grown to the right (scale
word, percent sign, currency, physical unit, time unit, range, score, ratio, counted object, rate) and to the
left (currency sign, qualifier), or dropped as a trap. The parts: :mod:`.lexicon` (word lists and compiled
regexes), :mod:`.records`, :mod:`.amounts` (numbers as written and the trap checks), :mod:`.objects`
(counted-object phrases and qualifiers), :mod:`.scanner` (one sentence); this module is the API.

Kinds and values (see docs/contract.md):

- ``money``: a currency sign or word; ``value`` in currency units ("$27.8 billion" → 27800000000), ``unit`` the
  ISO code (``$`` → USD, ``€`` EUR, ``£`` GBP, ``¥``/yuan/RMB → CNY — a corpus about China; write ``JP¥`` or
  "yen" for JPY).
- ``percent``: ``value`` in percent ("27%" → 27), ``unit`` ``%`` (``pp`` for percentage points).
- ``duration``: a time unit; ``value`` in the stated unit (decades and centuries in years), ``unit``
  ``day``/``week``/``month``/``year``/…
- ``ratio``: "12 of 16", "one in five", "two-thirds of"; ``value`` the fraction (0.75), extra columns
  ``numerator``, ``denominator``. "12 of these" takes its denominator (and object) from the nearest earlier
  count in the sentence or the sentence before (``inferred`` True); without one ``value`` is NaN.
- ``vague``: "hundreds of thousands", "tens of billions of dollars", "dozens of", "millions of Americans": a
  plural multiplier is read as its order of magnitude, ``low`` = the multiplier ("hundreds of thousands" →
  100000), ``high`` = ten times it (1000000); "several"/"a few" + scale ("several thousand") → 2× to 10× the
  scale; ``value`` = ``low``; ``unit`` the currency or time unit when one follows ("of dollars", "of years").
  A plural multiplier must count something ("thousands of …", "in the millions").
- ``measure``: a physical or digital unit; ``value`` as written in that unit ("64GB" → 64, "3.2 GHz" → 3.2,
  "6-inch" → 6), ``unit`` its symbol (KB/MB/GB/TB, kbps/Mbps/Gbps, Hz/kHz/MHz/GHz, nm/mm/cm/m/km/in/ft/yd/mi,
  g/mg/kg/lb/oz/t, W/kW/MW/GW/kWh…, V, mAh, hp/bhp, °C/°F, mph, km/h, MP, l, ha, …).
- ``score``: a score or vote tally, one statistic with both sides ("352-65", "won 2-1", "a 5 to 4 vote"):
  ``value`` the first side as written, ``low``/``high`` the smaller and larger side (352; 65, 352). A dash
  from a smaller to a larger number ("6-7", "10-20") is read as a range.
- ``count``: any other number.

A range ("60 to 90 days", "$10-$30 billion", "between 5 and 8 percent") fills ``low``/``high`` with
``value`` = ``low``; a shared scale, currency, percent or unit applies to both ends.

``qualifier``: the hedge or bound right before the number, lower-cased (over, more than, exceeding, surpassing,
nearly, about, approximately, around, up to, at least, only, almost, another, within, …); None when absent.

``object`` (a documented heuristic, no tagger): the noun phrase after the number, up to four content words,
cut after its last plural-looking word (a word in -s that is not -ss/-us/-is/-ous, or people, children, …),
leading determiners (such, the, these, all, its, other, more) dropped, quotation marks stripped ("over 1,300
Chinese companies participated" → "Chinese companies"); for percentages and fractions "X% of NP" the phrase after
"of" (singular allowed), and for "X% of whom" the plural noun before the comma ("Sino-American users, over 95% of
whom"); for money "$N in NP" ("in foreign investment"); for a number after a participle or such a verb ("views
surpassing 110 million", "staff numbered 7,000") the noun before it; for a bare number with none of these
("while only 4 did not") the object of the nearest earlier count of the same sentence. ``inferred`` is True when
the object (or a ratio's denominator) was taken from elsewhere. Durations carry none. ``per``: a rate right after
the figure ("annually", "a year" → ``year``).

Word numerals ("three days", "a dozen", "two-thirds of", "more than a decade") count only when they state a
quantity: followed by a time, currency or physical unit, a scale word, percent, "of", "or more", or a plural
noun phrase; never after a definite determiner or possessive ("the two countries": a reference back); "one"
counts as a member of a group ("one of the richest men", "one of several cases" → 1, object the group), never
alone ("one thing is certain", "only one aspect"); "a"/"an" + a unit of time only with a bound ("more than a
decade" → 10 years; a bare "a decade", "a century ago" measure nothing); "half" also before a determiner
("around half the squad"), not as a period ("the first half of the year"); a capitalized numeral inside a
sentence or before a capitalized name is a name ("Thousand Talents Plan").

Not statistics: years (a bare 1000–2199 without separator, unit or counted noun: "2019", "By 2015"), decades
("the 1990s"), ordinals ("21st", "January 15th"), dates ("January 15", "November 2023"), times ("10:30", "5 pm"),
numbers glued to letters or after a letter and hyphen (H800, 5G, Lemon8, F-22, COVID-19), numbers after a
capitalized word or before a capitalized name ("Made in China 2025", "Summer Fest 2025", "2025 Consumer
Electronics Show", "Section 230"; but "20 Serie A appearances" counts), versions ("Opera 8.0", "versions 4.7"),
section numbers at a line start ("01 Title", "2. Methods") and numbers with a leading zero, ranks ("No. 1", "top
10"), codes (9/11, 24/7, 3.10.4, 555-123-4567), date ranges ("5-6 March") and anything inside a URL, e-mail
address, @handle or #hashtag. "From 5 to 8" after a verb of change
("rose from 5 to 8") is two figures, not a range.

Example:
    >>> df = extract_statistics("The tag had over 90,000 posts, with views surpassing 110 million in 2024.")
    >>> df[["text", "value", "kind", "qualifier", "object"]].values.tolist()
    [['over 90,000 posts', 90000.0, 'count', 'over', 'posts'], ['surpassing 110 million', 110000000.0, 'count', 'surpassing', 'views']]
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable

import pandas as pd

from tiktok_study.schema import COLUMNS, SchemaError, require_columns, tidy
from tiktok_study.statistics.lexicon import (
    WORD_COUNT_RE,
)
from tiktok_study.statistics.records import _SKIP, _Stat
from tiktok_study.statistics.scanner import _scan
from tiktok_study.text import sentence_spans

__all__ = [
    "KINDS",
    "SENTENCE_CONTEXT",
    "SENTENCE_SIDE",
    "density",
    "extract_statistics",
    "repeated_figures",
    "sentence_context",
    "statistics_table",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# --------------------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------------------

_EXTRA_COLUMNS = ["sentence", "per", "numerator", "denominator", "inferred"]


#: The fields of a row of :func:`_rows`, in order (the statistics contract's columns and the extras, mixed).
_ROW_FIELDS = ("article_id", "sentence_id", "text", "value", "low", "high", "kind", "unit", "qualifier", "object",
               "start", "end", "sentence", "per", "numerator", "denominator", "inferred")  # fmt: skip


#: The ``sentence`` column holds the whole sentence up to this many characters; a longer sentence is cut to
#: :data:`SENTENCE_SIDE` characters on each side of the statistic, each cut marked with "…". Without the cut a
#: run of numbers in one long sentence would repeat the whole sentence in every row: 100 KB of "1 1 1 …" gave
#: 50,000 rows of 100 KB (6.6 GB in analyze). ``sentence_id`` and the offsets still point to the whole sentence.
SENTENCE_CONTEXT = 1000
SENTENCE_SIDE = 200


def sentence_context(sentence: str, start: int, end: int) -> str:
    """The ``sentence`` column's value for a statistic at ``start:end`` of ``sentence`` (see SENTENCE_CONTEXT).

    Example:
        >>> sentence_context("Over 900 posts.", 5, 8)
        'Over 900 posts.'
        >>> context = sentence_context("1 " * 2000, 2000, 2001)
        >>> len(context), context[0], context[-1]
        (403, '…', '…')
    """
    if len(sentence) <= SENTENCE_CONTEXT:
        return sentence
    a, b = max(0, start - SENTENCE_SIDE), min(len(sentence), end + SENTENCE_SIDE)
    return ("…" if a > 0 else "") + sentence[a:b] + ("…" if b < len(sentence) else "")


def _rows(
    stats: Iterable[_Stat], *, article_id: str, sentence_id: int, sentence: str, offset: int, s: str
) -> list[tuple]:
    """One tuple per statistic (fields :data:`_ROW_FIELDS`; tuples, not dicts: a run of numbers has many)."""
    long = len(sentence) > SENTENCE_CONTEXT
    return [
        (
            article_id,
            sentence_id,
            s[st.start : st.end],
            st.value,
            st.low,
            st.high,
            st.kind,
            st.unit,
            st.qualifier,
            st.object,
            offset + st.start,
            offset + st.end,
            sentence_context(sentence, st.start, st.end) if long else sentence,
            st.per,
            st.numerator,
            st.denominator,
            st.inferred,
        )
        for st in stats
        if st.kind != _SKIP
    ]


_FLOAT_COLUMNS = ("value", "low", "high", "numerator", "denominator")


def _frame(rows: list[tuple], *, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """The rows of :func:`_rows` (each followed by the values of ``extra``) as a table, column by column."""
    fields = (*_ROW_FIELDS, *extra)
    by_field = dict(zip(fields, zip(*rows, strict=True), strict=True)) if rows else {f: () for f in fields}
    columns = COLUMNS["statistics"] + _EXTRA_COLUMNS + list(extra)
    data = {}
    for col in columns:
        values = list(by_field[col])
        if col in _FLOAT_COLUMNS:
            data[col] = pd.Series(values, dtype="float64")
        elif col in ("sentence_id", "start", "end", *extra):
            data[col] = pd.Series(values, dtype="int64")
        elif col == "inferred":
            data[col] = pd.Series(values, dtype="bool")
        else:
            data[col] = pd.Series(values, dtype="object")
    return tidy(pd.DataFrame(data, columns=columns), "statistics")


def extract_statistics(text: str, *, article_id: str = "doc") -> pd.DataFrame:
    """The numeric claims of ``text``: one row per claim, CONTRACT ``statistics`` columns plus extras.

    Args:
        text: any English text; sentences are found with :func:`tiktok_study.text.sentence_spans`.
        article_id: the value of the ``article_id`` column.

    Returns:
        Columns article_id, sentence_id (index of the sentence in ``text``), text (the claim's surface span),
        value, low, high, kind, unit, qualifier, object, start, end (offsets into ``text``), then ``sentence``
        (the full sentence; cut around the claim past :data:`SENTENCE_CONTEXT` characters), ``per`` (rate: "year" for "annually"), ``numerator``, ``denominator`` (ratios),
        ``inferred`` (object or denominator taken from an earlier figure). Rows in text order.

    Example:
        >>> df = extract_statistics("Trump may delay the ban by 60 to 90 days, costing about $1.5 billion.")
        >>> df[["text", "value", "low", "high", "kind", "unit"]].values.tolist()
        [['60 to 90 days', 60.0, 60.0, 90.0, 'duration', 'day'], ['about $1.5 billion', 1500000000.0, nan, nan, 'money', 'USD']]
    """
    rows: list[tuple] = []
    previous: list[_Stat] = []
    for sid, (a, b) in enumerate(sentence_spans(text)):
        sentence = text[a:b]
        stats = _scan(sentence, previous=previous, before=text[max(0, a - 12) : a])
        rows.extend(
            _rows(stats, article_id=article_id, sentence_id=sid, sentence=sentence, offset=a, s=sentence)
        )
        previous = stats
    return _frame(rows)


def statistics_table(sentences: pd.DataFrame) -> pd.DataFrame:
    """Run :func:`extract_statistics`'s scanner over every sentence of the corpus ``sentences`` table.

    Args:
        sentences: the CONTRACT ``sentences`` table (article_id, paragraph_id, sentence_id, text, start, end;
            ``start`` is the sentence's offset in the article text).

    Returns:
        The ``statistics`` table: ``start``/``end`` into the article text, ``sentence_id`` from the table, an
        extra ``paragraph_id`` column; sorted by article_id and start.

    Example:
        >>> import pandas as pd
        >>> s = pd.DataFrame({"article_id": ["a"], "paragraph_id": [0], "sentence_id": [0],
        ...                   "text": ["Up to 600,000 Chinese students may come."], "start": [10], "end": [50]})
        >>> statistics_table(s)[["sentence_id", "text", "object", "start", "end"]].values.tolist()
        [[0, 'Up to 600,000 Chinese students', 'Chinese students', 10, 40]]
    """
    require_columns(sentences, "sentences", where="statistics_table")
    ordered = sentences.sort_values(["article_id", "sentence_id"], kind="mergesort")
    rows: list[tuple] = []
    previous: list[_Stat] = []
    last_article = None
    last_text = ""
    # plain lists: iterating pandas columns value by value costs more than scanning the sentences
    for article_id, paragraph_id, sentence_id, s, start in zip(
        ordered["article_id"].tolist(), ordered["paragraph_id"].tolist(), ordered["sentence_id"].tolist(),
        ordered["text"].tolist(), ordered["start"].tolist(), strict=True,
    ):  # fmt: skip
        if article_id != last_article:
            previous, last_article, last_text = [], article_id, ""
        s = "" if s is None or (isinstance(s, float) and math.isnan(s)) else str(s)
        stats = _scan(s, previous=previous, before=last_text[-12:])
        if stats:  # most sentences have none
            new = _rows(
                stats, article_id=article_id, sentence_id=int(sentence_id), sentence=s, offset=int(start), s=s
            )
            rows.extend((*row, int(paragraph_id)) for row in new)
        previous = stats
        last_text = s
    return _frame(rows, extra=("paragraph_id",))


def _figure_key(row: pd.Series) -> tuple:
    def num(x: float) -> float | str:
        return "" if pd.isna(x) else round(float(x), 9)

    return (
        row["kind"],
        row["unit"] if isinstance(row["unit"], str) else "",
        num(row["value"]),
        num(row["high"]),
    )


def repeated_figures(
    statistics: pd.DataFrame, *, min_mentions: int = 2, min_articles: int = 1
) -> pd.DataFrame:
    """Figures quoted more than once: the same kind, unit, value (and upper end, for ranges).

    Args:
        statistics: a ``statistics`` table.
        min_mentions: keep figures quoted at least this often (anywhere).
        min_articles: keep figures quoted in at least this many articles (2 = the cross-article view).

    Returns:
        One row per figure: kind, unit, value, low, high, n_mentions, n_articles, article_ids (sorted list),
        texts (the surface forms, in corpus order), objects (distinct, in order); most-quoted first.

    Example:
        >>> stats = extract_statistics("Only three days remain. It will be decided in three days.")
        >>> repeated_figures(stats)[["kind", "unit", "value", "n_mentions"]].values.tolist()
        [['duration', 'day', 3.0, 2]]
    """
    require_columns(statistics, "statistics", where="repeated_figures")
    columns = [
        "kind",
        "unit",
        "value",
        "low",
        "high",
        "n_mentions",
        "n_articles",
        "article_ids",
        "texts",
        "objects",
    ]
    ordered = statistics.sort_values(["article_id", "start"], kind="mergesort")
    groups: dict[tuple, list[pd.Series]] = {}
    for _, row in ordered.iterrows():
        if row["kind"] == "ratio" and pd.isna(row["value"]):
            continue
        groups.setdefault(_figure_key(row), []).append(row)
    out = []
    for rows in groups.values():
        articles = sorted({r["article_id"] for r in rows})
        if len(rows) < min_mentions or len(articles) < min_articles:
            continue
        objects: list[str] = []
        for r in rows:
            if isinstance(r["object"], str) and r["object"] not in objects:
                objects.append(r["object"])
        first = rows[0]
        out.append({
            "kind": first["kind"], "unit": first["unit"], "value": first["value"], "low": first["low"],
            "high": first["high"], "n_mentions": len(rows), "n_articles": len(articles), "article_ids": articles,
            "texts": [r["text"] for r in rows], "objects": objects,
        })  # fmt: skip
    df = pd.DataFrame(out, columns=columns)
    if df.empty:
        return df
    df = df.sort_values(["n_articles", "n_mentions", "kind", "value"], ascending=[False, False, True, True],
                        kind="mergesort")  # fmt: skip
    return df.reset_index(drop=True)


#: The kinds of a quoted statistic (the ``kind`` column).
KINDS = ["count", "money", "percent", "duration", "ratio", "vague", "measure", "score"]


def density(statistics: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Statistics per article: how many, per 1,000 words, and how many of each kind.

    Args:
        statistics: a ``statistics`` table.
        articles: the ``articles`` table; needs article_id and n_words (or text, whose words are counted).

    Returns:
        One row per article (articles without statistics included): article_id, n_statistics, n_words,
        per_1k_words, then n_count, n_money, n_percent, n_duration, n_ratio, n_vague, n_measure, n_score; sorted
        by article_id.

    Example:
        >>> import pandas as pd
        >>> stats = extract_statistics("It has 170 million users and 27% of the market.", article_id="a")
        >>> density(stats, pd.DataFrame({"article_id": ["a"], "n_words": [500]}))[
        ...     ["article_id", "n_statistics", "per_1k_words", "n_percent"]].values.tolist()
        [['a', 2, 4.0, 1]]
    """
    require_columns(statistics, "statistics", where="density")
    missing = [c for c in ("article_id",) if c not in articles.columns]
    if "n_words" not in articles.columns and "text" not in articles.columns:
        missing.append("n_words (or text)")
    if missing:
        raise SchemaError(f"density: the articles table lacks columns {', '.join(missing)}")
    if "n_words" in articles.columns:
        words = dict(zip(articles["article_id"], articles["n_words"], strict=True))
    else:
        words = {
            a: len(WORD_COUNT_RE.findall(str(t)))
            for a, t in zip(articles["article_id"], articles["text"], strict=True)
        }
    rows = []
    for article_id in sorted(words):
        mine = statistics[statistics["article_id"] == article_id]
        n_words = int(words[article_id])
        row = {
            "article_id": article_id,
            "n_statistics": len(mine),
            "n_words": n_words,
            "per_1k_words": 1000 * len(mine) / n_words if n_words else math.nan,
        }
        for kind in KINDS:
            row[f"n_{kind}"] = int((mine["kind"] == kind).sum())
        rows.append(row)
    return pd.DataFrame(rows, columns=["article_id", "n_statistics", "n_words", "per_1k_words"]
                        + [f"n_{k}" for k in KINDS])  # fmt: skip
