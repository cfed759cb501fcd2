"""Amounts as written — digits, word numerals, scale words, currency and percent — and the trap checks that
rule a number out (years, dates, ordinals, codes, names).
"""

from __future__ import annotations

import logging
import re
from decimal import Decimal

from tiktok_study.statistics.lexicon import (
    _CURRENCY_SIGNS,
    _CURRENCY_WORDS,
    _DOLLAR_NATIONS,
    _GLUED_ONLY_UNITS,
    _LABEL_WORDS,
    _MEASURE_UNITS,
    _MONTH_WORDS,
    _RANK_WORDS,
    _SCALE_ABBREVIATIONS,
    _SCALE_WORDS,
    _STOPWORDS,
    _TENS_WORDS,
    _TIME_UNITS,
    _UNIT_WORDS,
    CAPITALIZED_RUN_AFTER_RE,
    CAPITALIZED_RUN_COUNTED_AFTER_RE,
    CAPITALIZED_WORD_BEFORE_RE,
    CODE_AFTER_RE,
    CURRENCY_WORD_AFTER_RE,
    DECIMAL_RE,
    FEET_INCHES_AFTER_RE,
    LETTERS_RE,
    MEASURE_AFTER_RE,
    MONTH_AFTER_RE,
    MONTH_BEFORE_RE,
    ORDINAL_OR_DECADE_AFTER_RE,
    PERCENT_AFTER_RE,
    RANK_BEFORE_RE,
    SCALE_ABBREVIATION_AFTER_RE,
    SCALE_WORD_AFTER_RE,
    SECTION_AFTER_RE,
    SPACES_RE,
    TIME_OF_DAY_AFTER_RE,
    TIME_UNIT_AFTER_RE,
)
from tiktok_study.statistics.objects import _at_sentence_start, _is_capitalized, _is_plural, _word_before
from tiktok_study.statistics.records import _Amount

__all__: list[str] = []

logger = logging.getLogger(__name__)

#: The first characters of the units of :data:`MEASURE_AFTER_RE` that are not letters ("°C", "℃").
_MEASURE_SIGNS = frozenset(u[0] for u in _MEASURE_UNITS if not u[0].isalpha())


def _digits_amount(s: str, m: re.Match[str]) -> _Amount:
    """Parse currency sign + digits + scale + percent + currency word at a ``digits`` candidate."""
    sign = m.group("cur")
    currency = _CURRENCY_SIGNS[sign.strip()] if sign else None
    raw = m.group("num")
    amount = _Amount(start=m.start() if currency else m.start("num"), end=m.end("num"),
                     mantissa=Decimal(raw.replace(",", "")), currency=currency)  # fmt: skip
    amount.plain = currency is None and "," not in raw and "." not in raw
    _grow_amount(s, amount)
    return amount


def _grow_amount(s: str, amount: _Amount) -> None:
    """Extend an amount over a scale word, a percent sign or word, and a currency word."""
    sc = SCALE_WORD_AFTER_RE.match(s, amount.end)
    if sc:
        amount.scale, amount.end, amount.plain = _SCALE_WORDS[sc.group("scale").lower()], sc.end(), False
    elif not amount.words:
        ab = SCALE_ABBREVIATION_AFTER_RE.match(s, amount.end)
        if ab and (ab.group("scale") or amount.currency or ab.group("short") in "kK"):
            key = (ab.group("scale") or ab.group("short")).lower()
            amount.scale, amount.end, amount.plain = _SCALE_ABBREVIATIONS[key], ab.end(), False
    if not amount.words and amount.scale == 1 and amount.currency is None:
        ab = SCALE_ABBREVIATION_AFTER_RE.match(s, amount.end)
        if (
            ab
            and (ab.group("scale") or ab.group("short") in "mMbB")
            and CURRENCY_WORD_AFTER_RE.match(s, ab.end())
        ):
            key = (ab.group("scale") or ab.group("short")).lower()  # "27.2m euros", "5bn yuan"
            amount.scale, amount.end, amount.plain = _SCALE_ABBREVIATIONS[key], ab.end(), False
    pc = PERCENT_AFTER_RE.match(s, amount.end)
    if pc and amount.currency is None:
        amount.percent = "pp" if pc.group("pp") else "bp" if pc.group("bp") else "%"
        amount.end, amount.plain = pc.end(), False
        return
    cw = CURRENCY_WORD_AFTER_RE.match(s, amount.end)
    if cw:
        code = _currency_code(cw)
        if amount.currency is None or amount.currency == code:
            amount.currency, amount.end, amount.plain = code, cw.end(), False
        return
    if amount.currency is None:
        _measure(s, amount)


def _measure(s: str, amount: _Amount) -> None:
    """Extend an amount over a physical or digital unit ("50GB", "6 km", "three watts", "6ft 6in")."""
    first = s[amount.end : amount.end + 1]
    if first.isspace() or first == "-":
        first = s[amount.end + 1 : amount.end + 2]
    if not (first.isalpha() or first in _MEASURE_SIGNS):
        return  # no unit can start here: the long alternation is not tried (dense runs of bare numbers)
    m = MEASURE_AFTER_RE.match(s, amount.end)
    if not m:
        return
    written = m.group("unit")
    word = SPACES_RE.sub(" ", written.lower())
    if m.group("gap") and word in _GLUED_ONLY_UNITS:
        return
    if len(written) == 1 and written != _MEASURE_UNITS[word]:
        return  # "5G" networks, "4k" views: a one-letter unit only in its own case ("5g", "60W")
    if m.group("gap") == "-" and not m.group("unit")[:1].islower():
        return  # "F-16 GB"? a hyphen joins only a written-out unit: "a 6-inch screen", "a 100-mile trip"
    amount.measure, amount.end, amount.plain = _MEASURE_UNITS[word], m.end(), False
    if amount.measure == "ft":
        inches = FEET_INCHES_AFTER_RE.match(s, amount.end)  # "6ft 6in" is one height
        if inches:
            amount.end = inches.end()


def _currency_code(m: re.Match[str]) -> str:
    """The ISO code of a currency word match (groups ``word`` and ``nation``)."""
    word = SPACES_RE.sub(" ", m.group("word").lower())
    if word.startswith("dollar") and m.group("nation"):
        return _DOLLAR_NATIONS.get(SPACES_RE.sub(" ", m.group("nation").lower()), "USD")
    return _CURRENCY_WORDS.get(word, "USD")


def _word_amount(s: str, start: int) -> _Amount | None:
    """Parse a run of number words ("two hundred fifty thousand", "a dozen", "a decade")."""
    pos = start
    total, current = 0, 0
    last = None  # category of the previous word
    end = start
    seen = 0
    article = False
    for m in LETTERS_RE.finditer(s, start, start + 80):
        a, b = m.start(), m.end()
        gap = s[pos:a]
        if seen and gap not in (" ", "-"):
            break
        w = m.group().lower()
        if seen == 0 and w in ("a", "an"):
            article, pos, seen = True, b, 1
            continue
        if w in _UNIT_WORDS and last in (None, "tens", "hundred", "scale") and not (article and last is None):
            if last == "tens" and _UNIT_WORDS[w] >= 10:
                break
            current += _UNIT_WORDS[w]
            last = "units" if last != "tens" else "done"
        elif w in _TENS_WORDS and last in (None, "hundred", "scale") and not (article and last is None):
            current += _TENS_WORDS[w]
            last = "tens"
        elif w in ("hundred", "dozen") and last != "hundred":
            current = (current or 1) * (100 if w == "hundred" else 12)
            last = "hundred"
        elif w in _SCALE_WORDS and last != "scale":
            total += (current or 1) * _SCALE_WORDS[w]
            current, last = 0, "scale"
        elif w in ("decade", "century") and last is None and article:
            # "a decade": the number is the article, the time unit follows it
            return _Amount(start=start, end=pos, mantissa=Decimal(1), words=True, plain=False)
        else:
            break
        pos, end, seen = b, b, seen + 1
        if last == "done":
            break
    if end == start or (article and last not in ("hundred", "scale")):
        return None
    return _Amount(start=start, end=end, mantissa=Decimal(total + current), words=True, plain=False)


def _time_unit(s: str, pos: int) -> tuple[str, int, int] | None:
    m = TIME_UNIT_AFTER_RE.match(s, pos)
    if not m:
        return None
    word = m.group("unit").lower()
    key = word if word in _TIME_UNITS else word[:-1] if word.endswith("s") else word
    unit, factor = _TIME_UNITS[key]
    return unit, factor, m.end()


def _as_float(x: Decimal) -> float:
    return float(x)


# --------------------------------------------------------------------------------------------------------------
# Trap checks
# --------------------------------------------------------------------------------------------------------------


def _digits_trap(s: str, amount: _Amount) -> str | None:
    """Why a digit amount is not a statistic (None when it may still be one)."""
    a, e = amount.start, amount.end
    before = s[a - 1] if a else ""
    if before and (before.isalnum() or before in "_@#/\\."):  # ("" is in every string: text start)
        return "code"  # H800, Lemon8, 3.10.4
    if before in "-–" and a >= 2 and s[a - 2].isalnum():
        return "code"  # F-22, COVID-19, the 2 of a score 3-2
    after = s[e : e + 1]  # matched at ``e`` below, never copied: a 1 MB run of numbers stays linear
    if amount.plain:
        if ORDINAL_OR_DECADE_AFTER_RE.match(s, e):
            return "ordinal/decade"  # 21st, 15th, 1990s
        if after.isalpha() or after == "_":
            return "code"  # 5G, 4K
        if CODE_AFTER_RE.match(s, e):
            return "code"  # 9/11, 10:30, 3.10.4, 555-123-4567
        if TIME_OF_DAY_AFTER_RE.match(s, e):
            return "time"
    elif after.isalpha():
        return "code"
    word = _word_before(s, a).lower()
    if (word.rstrip(".") in _MONTH_WORDS and MONTH_BEFORE_RE.search(s, max(0, a - 12), a)) or (
        amount.plain and MONTH_AFTER_RE.match(s, e)
    ):
        return "date"
    if word in _RANK_WORDS and RANK_BEFORE_RE.search(s, max(0, a - 10), a):
        return "rank"
    raw = s[a:e]
    if amount.plain and len(raw) >= 2 and raw.startswith("0"):
        return "code"  # 01, 007
    if amount.plain and _at_line_start(s, a) and SECTION_AFTER_RE.match(s, e):
        return "section"  # "2 Methods", "3. Results" at a line start
    return None


def _at_line_start(s: str, pos: int) -> bool:
    """Whether only spaces and tabs stand between ``pos`` and the start of its line (40 characters at most)."""
    low = max(0, pos - 40)
    i = pos
    while i > low and s[i - 1] in " \t":
        i -= 1
    return i == 0 or s[i - 1] == "\n"


def _plain_is_year(amount: _Amount) -> bool:
    return amount.plain and 1000 <= amount.mantissa <= 2199 and amount.mantissa == int(amount.mantissa)


def _in_name(s: str, amount: _Amount) -> bool:
    """A bare number inside a name: after a capitalized word, or before a capitalized multi-word name.

    A bare decimal after a capitalized word is a version ("Opera 8.0"); a capitalized run followed by a
    plural noun only qualifies what is counted ("20 Serie A appearances").
    """
    version = (
        amount.scale == 1
        and not (amount.currency or amount.percent or amount.measure)
        and DECIMAL_RE.fullmatch(s, amount.start, amount.end) is not None
    )
    if not (amount.plain or version):
        return False
    before = _word_before(s, amount.start)
    m = (
        CAPITALIZED_WORD_BEFORE_RE.search(s, max(0, amount.start - 40), amount.start)
        if before != before.lower() or not before
        else None
    )
    if m and _is_capitalized(m.group("w")):
        word = m.group("w")
        if not _at_sentence_start(s, m.start("w")):
            return word.lower() not in _STOPWORDS  # "Made in China 2025", "Summer Fest 2025", "Opera 8.0"
        if word.lower() in _LABEL_WORDS:
            return True  # "Section 230 protects …"
    if version:
        return False
    counted = CAPITALIZED_RUN_COUNTED_AFTER_RE.match(s, amount.end)
    if counted and _is_plural(counted.group("noun")):
        return False
    return bool(CAPITALIZED_RUN_AFTER_RE.match(s, amount.end))  # "2025 Consumer Electronics Show"
