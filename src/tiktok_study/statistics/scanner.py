"""The scanner: every statistic of one sentence, left to right, in time linear in the sentence's length."""

from __future__ import annotations

import logging
import math
import re
from itertools import chain, islice

from tiktok_study.statistics.amounts import (
    _as_float,
    _currency_code,
    _digits_amount,
    _digits_trap,
    _grow_amount,
    _in_name,
    _plain_is_year,
    _time_unit,
    _word_amount,
)
from tiktok_study.statistics.lexicon import (
    _BOUNDING_QUALIFIERS,
    _CHANGE_WORDS,
    _DEFINITE_BEFORE_WORD_NUMERAL,
    _FRACTION_WORDS,
    _PERIOD_ORDINALS,
    _PLURAL_MULTIPLIERS,
    _RATE_WORDS,
    _SCALE_WORDS,
    _TIME_UNITS,
    _UNIT_WORDS,
    BETWEEN_FROM_BEFORE_RE,
    CANDIDATE_RE,
    CANDIDATE_WORD_AFTER_NON_WORD_RE,
    CANDIDATE_WORD_RE,
    CAPITALIZED_RUN_AFTER_RE,
    CHANGE_VERB_BEFORE_RE,
    CONTRACTION_BEFORE_RE,
    CURRENCY_WORD_AFTER_RE,
    DEFINITE_WORD_BEFORE_RE,
    DIGIT_RE,
    DIGITS_CANDIDATE_RE,
    HALF_DETERMINER_AFTER_RE,
    IN_AFTER_RE,
    IN_THE_BEFORE_RE,
    MASK_HINT_RE,
    MASK_RE,
    MEASURE_AFTER_RE,
    MONTH_AFTER_RE,
    NAME_AFTER_RE,
    OF_AFTER_RE,
    OF_CURRENCY_AFTER_RE,
    OF_RELATIVE_AFTER_RE,
    OF_TIME_UNIT_AFTER_RE,
    ONE_OF_AFTER_RE,
    OR_MORE_AFTER_RE,
    PARTITIVE_AFTER_RE,
    PERCENT_AFTER_RE,
    RANGE_SEPARATOR_RE,
    RANK_BEFORE_RE,
    RATE_AFTER_RE,
    RATIO_ANAPHOR_AFTER_RE,
    RATIO_DIGITS_AFTER_RE,
    SCORE_AFTER_RE,
    SCORE_SIDE_AFTER_RE,
    SCORE_TO_AFTER_RE,
    SPACE_OR_HYPHEN_RE,
    SPACES_RE,
    TIME_UNIT_AFTER_RE,
    VAGUE_CHAIN_AFTER_RE,
    WORD_CANDIDATE_RE,
    WORD_RE,
)
from tiktok_study.statistics.objects import (
    LOOK_BACK,
    _at_sentence_start,
    _count_object,
    _noun_before_comma,
    _noun_phrase,
    _qualifier_before,
    _word_before,
)
from tiktok_study.statistics.records import _SKIP, _Amount, _Stat

__all__: list[str] = []

logger = logging.getLogger(__name__)

# --------------------------------------------------------------------------------------------------------------
# The scanner
# --------------------------------------------------------------------------------------------------------------


def _scan(s: str, *, previous: list[_Stat] | None = None, before: str = "") -> list[_Stat]:
    """All statistics of one sentence ``s``, offsets into ``s``; ``previous``: the sentence before's;
    ``before``: the end of the text before the sentence — a rank mark there ("No." split off "No. 1" by the
    sentence splitter) makes the sentence's leading number a rank."""
    digits = DIGIT_RE.search(s) is not None
    words = CANDIDATE_WORD_RE.match(s) is not None or CANDIDATE_WORD_AFTER_NON_WORD_RE.search(s) is not None
    if not digits and not words:
        return []  # no candidate can start anywhere (every CANDIDATE_RE match holds a digit or such a word)
    # where one branch of CANDIDATE_RE cannot match, the other alone finds the same candidates
    candidates = CANDIDATE_RE if digits and words else DIGITS_CANDIDATE_RE if digits else WORD_CANDIDATE_RE
    masked = [(m.start(), m.end()) for m in MASK_RE.finditer(s)] if MASK_HINT_RE.search(s) else []
    out: list[_Stat] = []
    consumed = _rank_lead_end(s, before)
    mask = 0  # masked spans and candidates both come in text order: one pointer, no rescan
    for m in candidates.finditer(s):
        if m.start() < consumed:
            continue
        while mask < len(masked) and masked[mask][1] <= m.start():
            mask += 1
        if mask < len(masked) and masked[mask][0] <= m.start():
            continue
        branch = m.lastgroup
        if branch == "digits":
            stat = _parse_digits(s, m, out, previous or [])
        elif branch in ("vague", "few"):
            stat = _parse_vague(s, m)
        elif branch == "fraction":
            stat = _parse_fraction(s, m)
        else:
            stat = _parse_words(s, m, out, previous or [])
        if stat is not None:
            out.append(stat)
            consumed = stat.end
    return out


def _rank_lead_end(s: str, before: str) -> int:
    """Where the sentence's leading number ends when the text before it ends with a rank mark ("No."), else 0."""
    if not before or not RANK_BEFORE_RE.search(before[-12:].rstrip() + " "):
        return 0
    lead = CANDIDATE_RE.match(s, len(s) - len(s.lstrip()))
    return lead.end() if lead is not None and lead.group("digits") is not None else 0


def _rate(s: str, stat: _Stat) -> None:
    """Extend ``stat`` over a rate ("annually", "a year") right after it."""
    m = RATE_AFTER_RE.match(s, stat.end)
    if m:
        word = m.group("word")
        stat.per = _RATE_WORDS[SPACES_RE.sub(" ", word.lower())] if word else m.group("unit").lower()
        stat.end = m.end()


def _finish(s: str, amount: _Amount, *, other: _Amount | None, out: list[_Stat]) -> _Stat:
    """Decide kind, unit, qualifier and object of an amount (or of the range ``amount`` to ``other``)."""
    end = (other or amount).end
    unit: str | None = None
    factor = 1
    kind = "count"
    tu = None if (amount.currency or amount.percent or amount.measure) else _time_unit(s, end)
    if amount.percent:
        kind, unit = "percent", amount.percent
    elif amount.currency:
        kind, unit = "money", amount.currency
    elif amount.measure:
        kind, unit = "measure", amount.measure
    elif tu:
        kind, (unit, factor, end) = "duration", tu
    low = _as_float(amount.value * factor)
    qualifier, start = _qualifier_before(s, amount.start)
    stat = _Stat(start=start, end=end, value=low, kind=kind, unit=unit, qualifier=qualifier)
    if other is not None:
        stat.low, stat.high = low, _as_float(other.value * factor)
        between = _between_or_from(s, amount.start)
        if between and between.group("w").lower() == "between" and qualifier is None:
            stat.start = between.start()
    if kind == "count":
        _count_object(s, stat, out)
        _rate(s, stat)
    elif kind == "percent":
        _percent_object(s, stat)
    elif kind == "money":
        _rate(s, stat)
        inn = IN_AFTER_RE.match(s, stat.end)  # "$27.8 billion in foreign investment"
        obj, obj_end = _noun_phrase(s, inn.end(), plural=False, max_words=3) if inn else (None, stat.end)
        if obj and obj[:1].islower():
            stat.object, stat.end = obj, obj_end
            if stat.per is None:
                _rate(s, stat)
    return stat


def _parse_digits(s: str, m: re.Match[str], out: list[_Stat], previous: list[_Stat]) -> _Stat | None:
    amount = _digits_amount(s, m)
    reason = _digits_trap(s, amount)
    if reason:
        logger.debug("not a statistic (%s): %r", reason, s[amount.start : amount.end])
        return None
    other = _range_end(s, amount)
    if other is not None:
        if _plain_is_year(amount) and _plain_is_year(other):
            return _Stat(start=amount.start, end=other.end, value=math.nan, kind=_SKIP)  # "2019-2021"
        if amount.plain and other.plain and MONTH_AFTER_RE.match(s, other.end):
            return _Stat(start=amount.start, end=other.end, value=math.nan, kind=_SKIP)  # "5-6 March"
        return _finish(s, amount, other=other, out=out)
    if amount.plain:
        score = _score_after(s, amount)
        if score is not None:
            return score if score.kind == "score" else None
    if not (amount.currency or amount.percent):
        ratio = _ratio(s, amount, out, previous)
        if ratio is not None:
            return ratio
    if _name_or_year(s, amount):
        return None
    return _finish(s, amount, other=None, out=out)


def _percent_object(s: str, stat: _Stat) -> None:
    """The object of a percentage: "X% of NP", or the plural noun before "…, X% of whom"."""
    relative = OF_RELATIVE_AFTER_RE.match(s, stat.end)
    of = OF_AFTER_RE.match(s, stat.end)
    if relative:  # "Sino-American users, over 95% of whom …"
        stat.end = relative.end()
        stat.object = _noun_before_comma(s, stat.start)
        stat.inferred = stat.object is not None
    elif of:
        obj, obj_end = _noun_phrase(s, of.end(), plural=False)
        if obj:
            stat.object, stat.end = obj, obj_end


def _score_after(s: str, amount: _Amount) -> _Stat | None:
    """A score starting with the plain ``amount`` ("352-65", "a 5 to 4 vote"); a ``_SKIP`` record for a dash
    that joins a code ("2019-20", "24/7", "3-2-1"); None when neither follows."""
    side = SCORE_SIDE_AFTER_RE.match(s, amount.end)
    if side and amount.mantissa < 1000 and not MONTH_AFTER_RE.match(s, side.end()):
        return _score(s, amount, int(side.group("n")), side.end())  # "352-65", "2-1", "7-6"
    if SCORE_AFTER_RE.match(s, amount.end):
        return _Stat(start=amount.start, end=amount.end, value=math.nan, kind=_SKIP)
    score = SCORE_TO_AFTER_RE.match(s, amount.end)
    if score and int(score.group("n")) < amount.mantissa and not _between_or_from(s, amount.start):
        return _score(s, amount, int(score.group("n")), score.end())  # a 5 to 4 vote
    return None


def _name_or_year(s: str, amount: _Amount) -> bool:
    """A number that names ("Opera 8.0", "Section 230") or dates ("in 2019"; but "2000 people" counts)."""
    if not amount.plain:
        return _in_name(s, amount)
    if _time_unit(s, amount.end) is not None:
        return False
    if _in_name(s, amount):
        return True
    if _plain_is_year(amount):
        counted, _ = _noun_phrase(s, amount.end, plural=True)
        return counted is None or not counted[:1].islower()
    return False


def _between_or_from(s: str, pos: int) -> re.Match[str] | None:
    """ "between" or "from" right before ``pos`` (group ``w``), or None."""
    if _word_before(s, pos).lower() not in ("between", "from"):
        return None
    return BETWEEN_FROM_BEFORE_RE.search(s, max(0, pos - 12), pos)


def _score(s: str, amount: _Amount, other: int, end: int) -> _Stat:
    """A score or vote tally as one statistic with both sides: ``value`` the first side as written, ``low`` and
    ``high`` the smaller and the larger side ("352-65" → 352, 65, 352; "lost 2-3" → 2, 2, 3)."""
    first = _as_float(amount.mantissa)
    qualifier, start = _qualifier_before(s, amount.start)
    low, high = sorted((first, float(other)))
    return _Stat(start=start, end=end, value=first, kind="score", low=low, high=high, qualifier=qualifier)


def _range_end(s: str, amount: _Amount) -> _Amount | None:
    """The upper end of a range starting with ``amount`` ("60 to 90", "$10-$30 billion"), adjusted in place."""
    sep = RANGE_SEPARATOR_RE.match(s, amount.end)
    if not sep or not _range_separator_fits(s, amount, sep):
        return None
    word = sep.group("sep").lower()
    m = CANDIDATE_RE.match(s, sep.end())
    if m is None or m.group("word" if amount.words else "digits") is None:
        return None
    if amount.words:
        other = _word_amount(s, sep.end())
        if other is not None:
            _grow_amount(s, other)
    else:
        other = _digits_amount(s, m)
    if other is None or not _ends_agree(s, amount, other, word):
        return None
    # a scale, currency, percent or unit written once applies to both ends ("$10-$30 billion", "10-20%")
    scale = (
        other.scale
        if amount.scale == 1 and other.scale > 1 and amount.mantissa <= other.mantissa
        else amount.scale
    )
    if amount.mantissa * scale >= other.value:
        return None
    if scale == 1 and other.scale > 1 and amount.plain and amount.value < 1000:
        return None  # "5 to 4 million": no reading makes it a range
    currency = amount.currency or other.currency
    percent = amount.percent or other.percent
    measure = amount.measure or other.measure
    amount.scale, amount.currency, amount.percent, amount.measure = scale, currency, percent, measure
    other.currency, other.percent, other.measure = currency, percent, measure
    amount.plain = amount.plain and other.plain
    return other


def _range_separator_fits(s: str, amount: _Amount, sep: re.Match[str]) -> bool:
    """Whether the separator after ``amount`` can join a range: "and" only after "between", "or" only between
    word numerals, a dash only unspaced, and "from … to" not after a verb of change ("rose from 5 to 8")."""
    word = sep.group("sep").lower()
    before = _between_or_from(s, amount.start)
    if word == "and" and not (before and before.group("w").lower() == "between"):
        return False
    if word == "or" and not amount.words:
        return False
    if word in ("-", "–", "—") and sep.group() != word:
        return False  # a spaced dash is punctuation, not a range
    return not (
        before
        and before.group("w").lower() == "from"
        and CHANGE_VERB_BEFORE_RE.search(s, max(0, amount.start - 120), amount.start)
    )


def _ends_agree(s: str, amount: _Amount, other: _Amount, word: str) -> bool:
    """Whether two amounts can be the ends of one range: compatible units, and not a change followed by the
    level it reached."""
    own_marks = (amount.currency and other.currency) or (amount.percent and other.percent)
    if word == "to" and own_marks and _word_before(s, amount.start).lower() in _CHANGE_WORDS:
        return False  # "fell $2.15 to $68.40", "rose 5% to 10%" (a range writes its unit once: "grew 3 to 4 percent")
    if s[other.end : other.end + 1].isalnum() and not other.words:
        return False
    if amount.percent and not other.percent:
        return False  # "rose by 12% to 100 million": two figures
    return not (
        (amount.measure and other.measure and amount.measure != other.measure)
        or (amount.currency and other.currency and amount.currency != other.currency)
        or (amount.percent and other.percent and amount.percent != other.percent)
    )


def _ratio(s: str, amount: _Amount, out: list[_Stat], previous: list[_Stat]) -> _Stat | None:
    """'12 of 16', '1 in 5', 'one out of three', '12 of these' — or None."""
    ana = RATIO_ANAPHOR_AFTER_RE.match(s, amount.end)
    if ana:  # the denominator is the nearest earlier count, in this sentence or the one before
        qualifier, q_start = _qualifier_before(s, amount.start)
        stat = _Stat(start=q_start, end=ana.end(), value=math.nan, kind="ratio", qualifier=qualifier,
                     numerator=_as_float(amount.value))  # fmt: skip
        for earlier in islice(chain(reversed(out), reversed(previous)), LOOK_BACK):
            if earlier.kind == "count" and earlier.value > stat.numerator:
                stat.denominator, stat.object, stat.inferred = earlier.value, earlier.object, True
                stat.value = stat.numerator / stat.denominator
                break
        return stat
    op = RATIO_DIGITS_AFTER_RE.match(s, amount.end)
    m = CANDIDATE_RE.match(s, op.end()) if op else None
    if op is None or m is None:
        return None
    if m.group("digits") is not None:
        other = _digits_amount(s, m)
    elif m.group("word") is not None:
        other = _word_amount(s, op.end())
    else:
        return None
    if other is None or other.currency or other.percent or other.value <= amount.value:
        return None
    if other.plain and (_digits_trap(s, other) or _plain_is_year(other)):
        return None  # "5 of 2019", "3 in 2020"
    if op.group("op").lower() == "in" and other.value > 1000:
        return None
    if amount.words and amount.value == 1 and op.group("op").lower() == "of":
        return None  # "one of the two founders" names one, it states no ratio
    qualifier, q_start = _qualifier_before(s, amount.start)
    stat = _Stat(start=q_start, end=other.end, value=_as_float(amount.value / other.value), kind="ratio",
                 qualifier=qualifier, numerator=_as_float(amount.value),
                 denominator=_as_float(other.value))  # fmt: skip
    obj, obj_end = _noun_phrase(s, other.end, plural=True)
    if obj:
        stat.object, stat.end = obj, obj_end
    return stat


def _parse_words(s: str, m: re.Match[str], out: list[_Stat], previous: list[_Stat]) -> _Stat | None:
    stat = _word_numeral(s, m.start(), out, previous)
    if stat is None and m.group("word").lower().startswith(("a ", "an ", "a\n", "an\n")):
        # "a three-day visit", "a four-year-long probe": the article is not part of the number
        numeral = WORD_RE.search(s, m.start() + 1, m.end())
        if numeral is not None:
            stat = _word_numeral(s, numeral.start(), out, previous)
    return stat


def _word_numeral(s: str, start: int, out: list[_Stat], previous: list[_Stat]) -> _Stat | None:
    """A statistic starting with a word numeral at ``start`` ("three days", "a dozen lawmakers"), or None."""
    head = WORD_RE.match(s, start).group()
    lead = head.lower()
    sentence_start = _at_sentence_start(s, start)
    if head[:1].isupper() and not sentence_start:
        return None  # "Thousand Talents Plan"
    amount = _word_amount(s, start)
    if amount is None:
        return None
    if _not_a_word_count(s, start, amount):
        return None
    _grow_amount(s, amount)
    if lead in ("a", "an") and amount.value == 1:
        qualifier, _ = _qualifier_before(s, start)
        if qualifier not in _BOUNDING_QUALIFIERS or _time_unit(s, amount.end) is None:
            return None  # "a decade ago", "a century": a bare unit of time; but "more than a decade"
    if not (amount.currency or amount.percent):
        ratio = _ratio(s, amount, out, previous)
        if ratio is not None:
            return ratio
    if lead == "one" and amount.value == 1:
        return _one(s, amount)  # "one of the world's …", "only one official"; not "one thing is certain"
    other = _range_end(s, amount)
    if other is not None:
        return _finish(s, amount, other=other, out=out)
    states_quantity = (
        amount.currency
        or amount.percent
        or amount.measure
        or amount.scale > 1
        or amount.mantissa >= 100
        or _time_unit(s, amount.end) is not None
        or _noun_phrase(s, amount.end, plural=True)[0] is not None
        or PARTITIVE_AFTER_RE.match(s, amount.end)
        or _or_more_counted(s, amount.end)
    )
    return _finish(s, amount, other=None, out=out) if states_quantity else None


def _not_a_word_count(s: str, start: int, amount: _Amount) -> bool:
    """Word numerals that name or refer back rather than count: "a Thousand Talents", "Three Gorges Dam",
    "the two countries", "its three founders", "two-way" (but "three-day", "five-percent", "six-inch")."""
    head = WORD_RE.match(s, start).group()
    if any(w[:1].isupper() for w in WORD_RE.findall(s[start : amount.end])[1:]):
        return True  # "a Thousand Talents", "Three Hundred"
    if CAPITALIZED_RUN_AFTER_RE.match(s, amount.end) or (
        head[:1].isupper() and NAME_AFTER_RE.match(s, amount.end)
    ):
        return True  # "Three Gorges Dam", "Five Eyes"
    if head.lower() not in ("a", "an"):
        before = DEFINITE_WORD_BEFORE_RE.search(s, max(0, start - 20), start)
        possessive = (
            before is not None
            and before.group("w") in ("'s", "’s")
            and not CONTRACTION_BEFORE_RE.search(s, max(0, start - 12), start)  # "that's one of", "it's two"
        )
        if before and (before.group("w").lower() in _DEFINITE_BEFORE_WORD_NUMERAL or possessive):
            return True  # "the two countries", "its three founders", "China's two": a reference back
    return (
        s[amount.end : amount.end + 1] == "-"
        and _time_unit(s, amount.end) is None
        and not PERCENT_AFTER_RE.match(s, amount.end)
        and not MEASURE_AFTER_RE.match(s, amount.end)
    )


def _or_more_counted(s: str, pos: int) -> bool:
    """Whether "or more" / "or so" and a counted plural noun follow ("a dozen or more songs")."""
    m = OR_MORE_AFTER_RE.match(s, pos)
    return m is not None and _noun_phrase(s, m.end(), plural=True)[0] is not None


def _one(s: str, amount: _Amount) -> _Stat | None:
    """ "one" as a count: one member of a group ("one of the richest men", "one of several cases") or one
    thing bounded by a qualifier ("only one senior official", "at least one"); otherwise a pronoun or
    determiner ("one thing is certain", "one day") and None. The group's noun is the object, not the span."""
    one_of = ONE_OF_AFTER_RE.match(s, amount.end)
    if one_of is None:
        return None
    qualifier, start = _qualifier_before(s, amount.start)
    stat = _Stat(start=start, end=amount.end, value=1.0, kind="count", qualifier=qualifier)
    obj = _noun_phrase(s, one_of.end(), plural=True)[0]
    if obj is not None:
        words = obj.split()
        stat.object = " ".join(words[1:]) if len(words) > 1 and words[0].lower() in _UNIT_WORDS else obj
    return stat


def _parse_vague(s: str, m: re.Match[str]) -> _Stat | None:
    """'hundreds of thousands of X', 'tens of billions of dollars', 'several thousand X', 'in the millions'."""
    start = m.start()
    if m.group("few") is not None:
        mult = {"dozen": 12, "hundred": 100, **_SCALE_WORDS}[m.group().split()[-1].lower()]
        low, end = 2 * mult, m.end()
    else:
        if m.group()[:1].isupper() and not _at_sentence_start(s, start):
            return None
        mult, end = _PLURAL_MULTIPLIERS[m.group().lower()], m.end()
        while chain := VAGUE_CHAIN_AFTER_RE.match(s, end):  # "hundreds of thousands", "tens of billions"
            mult, end = mult * _PLURAL_MULTIPLIERS[chain.group("w").lower()], chain.end()
        low = mult
        in_the = IN_THE_BEFORE_RE.search(s, max(0, start - 10), start)
        if not (OF_AFTER_RE.match(s, end) or in_the):
            return None  # "thousands" must count something: "thousands of …", "in the thousands"
    qualifier, q_start = _qualifier_before(s, start)
    stat = _Stat(start=q_start, end=end, value=float(low), kind="vague", low=float(low), high=float(10 * mult),
                 qualifier=qualifier)  # fmt: skip
    cur = OF_CURRENCY_AFTER_RE.match(s, end) or CURRENCY_WORD_AFTER_RE.match(s, end)
    tu = OF_TIME_UNIT_AFTER_RE.match(s, end) or TIME_UNIT_AFTER_RE.match(s, end)
    if cur:
        stat.unit, stat.end = _currency_code(cur), cur.end()
        _rate(s, stat)
    elif tu:
        word = tu.group("unit").lower()
        unit, factor = _TIME_UNITS[word if word in _TIME_UNITS else word[:-1]]
        stat.unit, stat.end = unit, tu.end()
        stat.low, stat.high, stat.value = stat.low * factor, stat.high * factor, stat.value * factor
    else:
        of = OF_AFTER_RE.match(s, end)
        obj, obj_end = _noun_phrase(s, of.end() if of else end, plural=True)
        if obj:
            stat.object, stat.end = obj, obj_end
    return stat


def _parse_fraction(s: str, m: re.Match[str]) -> _Stat | None:
    """'two-thirds of', 'a quarter of', 'half of', 'half the squad' (followed by 'of', or 'half' by a
    determiner); not a period ("the first half of the year")."""
    start = m.start()
    if m.group()[:1].isupper() and not _at_sentence_start(s, start):
        return None
    parts = SPACE_OR_HYPHEN_RE.split(m.group().lower())
    num = 1 if parts[0] in ("a", "an", "half") else _UNIT_WORDS[parts[0]]
    den = _FRACTION_WORDS[parts[-1]]
    of = OF_AFTER_RE.match(s, m.end())
    if of is None and parts == ["half"]:
        of = HALF_DETERMINER_AFTER_RE.match(s, m.end())  # "half the squad": the determiner starts the phrase
    if not of or num >= den:
        return None
    before = DEFINITE_WORD_BEFORE_RE.search(s, max(0, start - 20), start)
    if before and before.group("w").lower() in _DEFINITE_BEFORE_WORD_NUMERAL | _PERIOD_ORDINALS:
        return None  # "the third of five", "its fifth of July", "the first half of the year"
    qualifier, q_start = _qualifier_before(s, start)
    stat = _Stat(start=q_start, end=m.end(), value=num / den, kind="ratio", qualifier=qualifier,
                 numerator=float(num), denominator=float(den))  # fmt: skip
    obj, obj_end = _noun_phrase(s, of.end(), plural=False)
    if obj:
        stat.object, stat.end = obj, obj_end
    return stat
