"""Quoted statistics: the numeric claims of a text, with value in base units, kind, unit, qualifier and object.

A hand-written, linear scanner (regexes compiled once, below). Each sentence (``text.sentence_spans``) is
scanned left to right for number candidates — digits, word numerals, vague plural multipliers — and each
candidate is grown to the right (scale word, percent sign, currency, time unit, range, ratio, counted object,
rate) and to the left (currency sign, qualifier), or dropped as a trap.

Kinds and values (see ../shared/CONTRACT.md):

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
quantity: followed by a time or currency unit, a scale word, percent, "of", or a plural noun phrase; never after
a definite determiner or possessive ("the two countries"); "one" and "a"/"an" alone never ("one thing is
certain", "a U.S. official") — only "one in five", "one-third", "one million", "a dozen", "a decade"…; a
capitalized numeral inside a sentence or before a capitalized name is a name ("Thousand Talents Plan").

Not statistics: years (a bare 1000–2199 without separator, unit or counted noun: "2019", "By 2015"), decades
("the 1990s"), ordinals ("21st", "January 15th"), dates ("January 15", "November 2023"), times ("10:30", "5 pm"),
numbers glued to letters or after a letter and hyphen (H800, 5G, Lemon8, F-22, COVID-19), numbers after a
capitalized word or before a capitalized name ("Made in China 2025", "Summer Fest 2025", "2025 Consumer
Electronics Show", "Section 230"), section numbers at a line start ("01 Title", "2. Methods") and numbers with a
leading zero, ranks ("No. 1", "top 10"), codes (9/11, 24/7, 3.10.4, 555-123-4567), scores ("3-2", "a 5 to 4
vote") and anything inside a URL, e-mail address, @handle or #hashtag. "From 5 to 8" after a verb of change
("rose from 5 to 8") is two figures, not a range.

Example:
    >>> df = extract_statistics("The tag had over 90,000 posts, with views surpassing 110 million in 2024.")
    >>> df[["text", "value", "kind", "qualifier", "object"]].values.tolist()
    [['over 90,000 posts', 90000.0, 'count', 'over', 'posts'], ['surpassing 110 million', 110000000.0, 'count', 'surpassing', 'views']]
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from tiktok_study.schema import COLUMNS, SchemaError, require_columns, tidy
from tiktok_study.text import sentence_spans

__all__ = ["density", "extract_statistics", "repeated_figures", "statistics_table"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

# --------------------------------------------------------------------------------------------------------------
# Lexicons
# --------------------------------------------------------------------------------------------------------------


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_UNIT_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SCALE_ABBREVIATIONS = {"k": 10**3, "m": 10**6, "mn": 10**6, "b": 10**9, "bn": 10**9, "tn": 10**12}
_PLURAL_MULTIPLIERS = {
    "tens": 10, "dozens": 12, "hundreds": 100, "thousands": 10**3, "millions": 10**6, "billions": 10**9,
    "trillions": 10**12,
}  # fmt: skip
_FRACTION_WORDS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4, "fourths": 4,
    "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8,
    "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}  # fmt: skip
# time unit word (lower-case, singular or plural) -> (unit, factor into that unit)
_TIME_UNITS = {
    "second": ("second", 1), "minute": ("minute", 1), "hour": ("hour", 1), "day": ("day", 1),
    "week": ("week", 1), "fortnight": ("day", 14), "month": ("month", 1), "year": ("year", 1),
    "decade": ("year", 10), "century": ("year", 100), "centuries": ("year", 100),
}  # fmt: skip
_CURRENCY_SIGNS = {
    "$": "USD", "US$": "USD", "U.S.$": "USD", "HK$": "HKD", "NT$": "TWD", "A$": "AUD", "AU$": "AUD",
    "C$": "CAD", "CA$": "CAD", "S$": "SGD", "NZ$": "NZD", "€": "EUR", "£": "GBP", "¥": "CNY", "CN¥": "CNY",
    "JP¥": "JPY", "₹": "INR", "₩": "KRW", "RMB": "CNY", "CNY": "CNY", "USD": "USD", "EUR": "EUR",
    "GBP": "GBP", "JPY": "JPY", "HKD": "HKD",
}  # fmt: skip
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY",
    "usd": "USD", "euro": "EUR", "euros": "EUR", "eur": "EUR", "yen": "JPY", "jpy": "JPY",
    "pounds sterling": "GBP", "sterling": "GBP", "gbp": "GBP", "won": "KRW", "rupees": "INR",
    "rubles": "RUB", "roubles": "RUB", "hkd": "HKD",
}  # fmt: skip
_DOLLAR_NATIONS = {
    "u.s.": "USD", "us": "USD", "american": "USD", "hong kong": "HKD", "hk": "HKD", "australian": "AUD",
    "canadian": "CAD", "singapore": "SGD", "taiwan": "TWD", "new taiwan": "TWD", "new zealand": "NZD",
}  # fmt: skip
_RATE_WORDS = {
    "annually": "year", "yearly": "year", "annual": "year", "per annum": "year", "monthly": "month",
    "weekly": "week", "daily": "day", "hourly": "hour",
}  # fmt: skip
_QUALIFIERS = [
    "slightly more than", "slightly less than", "a little more than", "a little over", "no more than",
    "no less than", "no fewer than", "not more than", "not less than", "well over", "well above", "well below",
    "well under", "just over", "just under", "just below", "just above", "more than", "greater than",
    "higher than", "larger than", "less than", "fewer than", "lower than", "at least", "at most", "up to",
    "as many as", "as much as", "as few as", "as little as", "upwards of", "in excess of", "close to",
    "an estimated", "a mere", "an additional", "a further", "an extra", "a maximum of", "a minimum of",
    "maximum of", "minimum of", "nearly", "almost", "about", "approximately", "approx.", "approx", "around",
    "roughly", "circa", "some", "estimated", "over", "above", "under", "below", "exceeding", "surpassing",
    "topping", "only", "just", "merely", "exactly", "precisely", "another", "within", "~",
]  # fmt: skip
_QUALIFIER_CANONICAL = {"approx.": "approximately", "approx": "approximately", "~": "approximately"}
_PARTICIPLES = ("exceeding", "surpassing", "topping", "reaching", "totaling", "totalling", "numbering",
                "hitting", "nearing", "approaching", "exceeded", "surpassed", "topped", "reached", "totaled",
                "totalled", "numbered", "hit", "neared")  # fmt: skip
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
# function words: they end (or never start) a counted noun phrase
_STOPWORDS = _wordset("""a an the this that these those such all some any each every other another more most many much few
    several its their his her our your my whose which who whom what of in on at for to from with by about as
    into onto over under than and or but nor so yet if is are was were be been being has have had do does did
    will would shall should can could may might must not no per via versus vs across among between through
    during without within against toward towards upon while when where why how also only just even still
    already ago later earlier there here it they them he she we you i last next past first since until after
    before because whereas whether like including both either neither out up down off left remain remaining
    ever never now then""")  # fmt: skip
# -s verbs that follow a counted noun ("one in five Americans uses"): they end the noun phrase
_VERBS_IN_S = _wordset("""says uses makes takes goes seems becomes remains means includes gets gives comes knows thinks wants needs
    believes expects appears continues allows requires suggests owns lives""")  # fmt: skip
# -ly words that are adjectives inside a counted noun phrase ("150 million monthly users")
_LY_ADJECTIVES = _wordset("monthly daily weekly yearly hourly quarterly nightly elderly early friendly")
# capitalized words that label a number at a sentence start ("Section 230 protects …")
_LABEL_WORDS = _wordset("""section article chapter title part rule route flight room gate channel model series season episode
    volume vol amendment clause resolution bill act phase level stage item figure table appendix proposition
    interstate highway version windows iphone galaxy pixel""")  # fmt: skip
_DROPPED_DETERMINERS = _wordset("such the these those all other more its their his her our")
# verbs that end a mass-noun phrase ("a quarter of the budget went …")
_COMMON_VERBS = _wordset("went came said rose fell grew made took saw got gave became remained stood left")
_NOT_PLURAL = _wordset("""news always perhaps its was has does is this thus plus yes less unless across towards besides whereas
    sometimes afterwards nonetheless nevertheless us ours yours theirs hers his as whereas series
    various""")  # fmt: skip
_IRREGULAR_PLURALS = _wordset(
    "people persons children men women police staff personnel cattle feet teeth mice geese data media "
    "criteria phenomena"
)
_DEFINITE_BEFORE_WORD_NUMERAL = _wordset("the these those its their his her our your my both all every each")
_CHANGE_VERBS = (
    "rose|rise|rising|risen|increased?|increasing|grew|grow|growing|grown|fell|fall|falling|fallen|dropped|"
    "drop|dropping|declined?|declining|jumped|jump|surged?|surging|climbed?|climbing|went|gone|soared?|"
    "plunged?|plummeted|doubled|tripled|halved|shrank|shrunk|expanded|cut|reduced|raised|up|down|changed"
)

# --------------------------------------------------------------------------------------------------------------
# Compiled regexes (named for what they match)
# --------------------------------------------------------------------------------------------------------------

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_CURRENCY_SIGN = r"(?:U\.S\.\$|US\$|HK\$|NT\$|AU\$|A\$|CA\$|C\$|S\$|NZ\$|CN¥|JP¥|\$|€|£|¥|₹|₩|(?:RMB|CNY|USD|EUR|GBP|JPY|HKD)\s?)"


def _trie(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` (and their capitalized forms) as a trie: one branch per first letter."""
    root: dict = {}
    for word in words:
        for form in (word, word[:1].upper() + word[1:]):
            node = root
            for ch in form:
                node = node.setdefault(ch, {})
            node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


_NUMBER_WORDS = _trie([*_UNIT_WORDS, *_TENS_WORDS, "hundred", "dozen", *_SCALE_WORDS, "decade", "century"])
_SCALE_TRIE = _trie(["dozen", "hundred", *_SCALE_WORDS])
# one regex finds every candidate; each branch starts with a cheap look-ahead so most positions fail at once
CANDIDATE_RE = re.compile(
    rf"(?P<digits>(?=[\dA-Z$€£¥₹₩])(?:(?P<cur>{_CURRENCY_SIGN})\s?)?(?P<num>{_NUM}))"
    r"|\b(?=[abcdefhmnostzABCDEFHMNOSTZ])(?:"
    rf"(?P<vague>{_trie(_PLURAL_MULTIPLIERS)})"
    rf"|(?P<few>(?:{_trie(['several'])}|[Aa]\s+few)\s+{_SCALE_TRIE})"
    rf"|(?P<fraction>(?:{_trie(list(_UNIT_WORDS)[1:11])}|[Aa]n?)[\s-]{_trie(_FRACTION_WORDS)}|{_trie(['half'])})"
    rf"|(?P<word>(?:[Aa]n?\s+)?{_NUMBER_WORDS})"
    r")\b"
)
NUMBER_RE = re.compile(_NUM)
SCALE_WORD_AFTER_RE = re.compile(r"(?:\s+|-)(?P<scale>thousand|million|billion|trillion)\b", re.I)
SCALE_ABBREVIATION_AFTER_RE = re.compile(r"\s?(?P<scale>bn|mn|tn)\b|(?P<short>[kKmMbB])\b")
PERCENT_AFTER_RE = re.compile(
    r"(?P<sign>\s?%)|(?:\s+|-)(?P<word>percent|per\s?cent|pct)\b|\s+(?P<pp>percentage\s+points?)\b"
    r"|\s+(?P<bp>basis\s+points?)\b",
    re.I,
)
CURRENCY_WORD_AFTER_RE = re.compile(
    r"\s+(?:(?P<nation>U\.S\.|US|American|Hong\s+Kong|HK|Australian|Canadian|Singapore|New\s+Taiwan|Taiwan"
    r"|New\s+Zealand)\s+)?(?P<word>dollars?|yuan|renminbi|RMB|CNY|USD|euros?|EUR|yen|JPY|pounds\s+sterling"
    r"|GBP|HKD|rupees|rubles|roubles|won(?=\W*$|\s+(?:a|per|in|each|annually|and|or|to)\b|[,.;:)]))\b",
)
TIME_UNIT_AFTER_RE = re.compile(
    r"(?:\s+|-)(?:(?:calendar|business|working)[\s-])?(?P<unit>seconds?|minutes?|hours?|days?|weeks?"
    r"|fortnights?|months?|years?|decades?|century|centuries)\b(?P<old>-old|-long)?",
    re.I,
)
OF_CURRENCY_AFTER_RE = re.compile(
    r"\s+of\s+(?:(?P<nation>U\.S\.|US|American|Hong\s+Kong|Australian|Canadian|Singapore|Taiwan)\s+)?"
    r"(?P<word>dollars|yuan|renminbi|euros|yen|pounds\s+sterling|rupees|rubles|won)\b",
    re.I,
)
OF_TIME_UNIT_AFTER_RE = re.compile(r"\s+of\s+(?P<unit>seconds|minutes|hours|days|weeks|months|years)\b", re.I)
RANGE_SEPARATOR_RE = re.compile(r"\s*(?P<sep>[-–—]|\bto\b|\band\b|\bor\b)\s*", re.I)
RATIO_DIGITS_AFTER_RE = re.compile(r"\s+(?P<op>out\s+of|of|in)\s+(?:the\s+|every\s+)?", re.I)
RATIO_ANAPHOR_AFTER_RE = re.compile(r"\s+(?:out\s+of|of)\s+(?P<anaphor>these|those|them|which|whom)\b", re.I)
PARTITIVE_AFTER_RE = re.compile(r"\s+of\s+(?:the|these|those|its|their|his|her|our)\b", re.I)
OF_AFTER_RE = re.compile(r"\s+of\b", re.I)
IN_AFTER_RE = re.compile(r"\s+in\b")
RATE_AFTER_RE = re.compile(
    r"\s+(?:(?P<word>annually|yearly|per\s+annum|monthly|weekly|daily|hourly)"
    r"|(?:a|an|per|each|every)\s+(?P<unit>year|month|week|day|hour))\b",
    re.I,
)
NP_TOKEN_RE = re.compile(r"\s+(?P<tok>“[^”\n]{1,60}”|\"[^\"\n]{1,60}\"|(?:[A-Z]\.){2,}|[A-Za-z][\w’'&-]*)")
QUALIFIER_BEFORE_RE = re.compile(
    r"(?<![\w-])(?P<q>"
    + "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in sorted(_QUALIFIERS, key=len, reverse=True))
    + r")\s*$",
    re.I,
)
BETWEEN_FROM_BEFORE_RE = re.compile(r"(?<![\w-])(?P<w>between|from)\s+$", re.I)
CHANGE_VERB_BEFORE_RE = re.compile(rf"\b(?:{_CHANGE_VERBS})\b(?:\s+\S+){{0,3}}\s+from\s+$", re.I)
PARTICIPLE_BEFORE_RE = re.compile(
    rf"(?P<noun>[A-Za-z][\w’'-]*)\s+(?:{'|'.join(_PARTICIPLES)})\s+$",
    re.I,
)
OF_RELATIVE_AFTER_RE = re.compile(r"\s+of\s+(?:whom|which)\b", re.I)
NOUN_BEFORE_COMMA_RE = re.compile(r"(?P<np>(?:[A-Za-z][\w’'-]*\s+){0,2}[A-Za-z][\w’'-]*)\s*,\s*$")
NOUN_BEFORE_RE = re.compile(r"(?P<noun>[A-Za-z][\w’'-]*)\s+$")
NAME_AFTER_RE = re.compile(r"\s+[A-Z][\w’'-]*(?!\s+[a-z])")
VAGUE_CHAIN_AFTER_RE = re.compile(
    r"\s+of\s+(?P<w>tens|dozens|hundreds|thousands|millions|billions|trillions)\b", re.I
)
IN_THE_BEFORE_RE = re.compile(r"\b(?:in|into)\s+the\s+$", re.I)
DEFINITE_WORD_BEFORE_RE = re.compile(r"(?P<w>[A-Za-z]+|[’']s)\s+$")
MONTH_BEFORE_RE = re.compile(rf"\b(?:{_MONTHS})\.?\s+$")
MONTH_AFTER_RE = re.compile(rf"\s+(?:of\s+)?(?:{_MONTHS})\b")
RANK_BEFORE_RE = re.compile(
    r"(?:\bNo\.|\bNos\.|#|\b(?:number|top|rank|ranked|page|pp?\.|level|phase|tier|version|v)\s+)\s*$", re.I
)
CAPITALIZED_WORD_BEFORE_RE = re.compile(r"(?P<w>[A-Za-z][\w’'&.-]*)\s$")
CAPITALIZED_RUN_AFTER_RE = re.compile(r"\s+[A-Z][\w’'&-]*\s+[A-Z][\w’'&-]*")
ORDINAL_OR_DECADE_AFTER_RE = re.compile(r"(?:st|nd|rd|th|s|['’]s)\b", re.I)
TIME_OF_DAY_AFTER_RE = re.compile(
    r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|o['’]clock\b|GMT\b|UTC\b|EST\b|EDT\b|PST\b|ET\b|BST\b)"
)
CODE_AFTER_RE = re.compile(r"[/:]\d|\.\d|[-–]\d+[-–]\d")
SCORE_AFTER_RE = re.compile(r"[-–/]\d")
SCORE_TO_AFTER_RE = re.compile(
    r"\s+to\s+(?P<n>\d{1,3})\b(?![,.]\d|\s*(?:%|percent|per\s?cent)|\s+(?:thousand|million|billion))"
)
MASK_RE = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+|(?<![\w])[@#][A-Za-z_][\w.]*"
    r"|\b[\w-]+\.(?:com|org|net|gov|edu|cn|io|ly|me|co|uk)\b\S*"
)
# cheap pre-check for MASK_RE; every branch starts with a literal, so the engine scans for those characters only
MASK_HINT_RE = re.compile(r"@|#|://|www\.|\.(?:com|org|net|gov|edu|cn|io|ly|me|co|uk)\b")
LINE_START_BEFORE_RE = re.compile(r"(?:^|\n)[ \t]*$")
SECTION_AFTER_RE = re.compile(r"[.)]?\s+[A-Z“\"‘]")
WORD_RE = re.compile(r"[A-Za-z][\w’'-]*")
LETTERS_RE = re.compile(r"[A-Za-z]+")
SPACES_RE = re.compile(r"\s+")
SPACE_OR_HYPHEN_RE = re.compile(r"[\s-]+")
WORD_COUNT_RE = re.compile(r"\w[\w’'-]*")  # words for density: "It has 5 users." has 4


# --------------------------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------------------------


_SKIP = "_skip"  # a consumed span that is not a statistic (a year range)


@dataclass(slots=True)
class _Amount:
    """One number as written: where it is, its value, and the unit words glued to it."""

    start: int
    end: int
    mantissa: Decimal
    scale: int = 1
    currency: str | None = None
    percent: str | None = None  # '%', 'pp', 'bp'
    words: bool = False
    plain: bool = True  # digits only: no thousands separator, decimals, currency, scale or percent

    @property
    def value(self) -> Decimal:
        return self.mantissa * self.scale


@dataclass(slots=True)
class _Stat:
    start: int
    end: int
    value: float
    kind: str
    low: float = math.nan
    high: float = math.nan
    unit: str | None = None
    qualifier: str | None = None
    object: str | None = None
    per: str | None = None
    numerator: float = math.nan
    denominator: float = math.nan
    inferred: bool = False


# --------------------------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------------------------


def _is_plural(token: str) -> bool:
    word = token.strip('“”"').split()[-1] if token.strip('“”"').split() else ""
    low = word.lower().rstrip(".")
    if low in _IRREGULAR_PLURALS:
        return True
    if low in _STOPWORDS or low in _NOT_PLURAL or len(low) < 3 or not low.endswith("s"):
        return False
    return not low.endswith(("ss", "us", "is", "ous", "'s", "’s"))


def _at_sentence_start(s: str, pos: int) -> bool:
    head = s[:pos].rstrip(" \t“\"‘'([—–-")
    return head == "" or head.endswith(("\n", ".", "!", "?", ":"))


def _is_capitalized(word: str) -> bool:
    return any(c.isupper() for c in word)


def _qualifier_before(s: str, pos: int) -> tuple[str | None, int]:
    m = QUALIFIER_BEFORE_RE.search(s, max(0, pos - 40), pos)
    if not m:
        return None, pos
    q = SPACES_RE.sub(" ", m.group("q").lower())
    return _QUALIFIER_CANONICAL.get(q, q), m.start("q")


def _noun_phrase(s: str, pos: int, *, plural: bool, max_words: int = 4) -> tuple[str | None, int]:
    """The counted noun phrase starting after ``pos`` (see the module docstring); (phrase, end) or (None, pos)."""
    tokens: list[tuple[int, int, str]] = []
    cursor = pos
    while len(tokens) < max_words:
        m = NP_TOKEN_RE.match(s, cursor)
        if not m:
            break
        tok = m.group("tok")
        low = tok.lower()
        adverb = low.endswith("ly") and len(low) > 4 and low not in _LY_ADJECTIVES
        if not tok.startswith(("“", '"')) and (low in _STOPWORDS or adverb):
            if not tokens and low in _DROPPED_DETERMINERS:
                cursor = m.end()
                continue
            break
        if low in _TIME_UNITS or low.rstrip("s") in _TIME_UNITS or (tokens and low in _VERBS_IN_S):
            break
        tokens.append((m.start("tok"), m.end("tok"), tok))
        cursor = m.end()
        if tok.startswith(("“", '"')):
            break
    if not tokens:
        return None, pos
    heads = [i for i, t in enumerate(tokens) if _is_plural(t[2])]
    if heads:
        tokens = tokens[: heads[-1] + 1]
    elif plural:
        return None, pos
    else:
        for i, (_, _, tok) in enumerate(tokens[1:], start=1):
            if tok.lower() in _COMMON_VERBS or tok.lower().endswith("ed"):
                tokens = tokens[:i]
                break
        tokens = tokens[:3]
    first, last = tokens[0][0], tokens[-1][1]
    phrase = s[first:last]
    if len(tokens) == 1 and phrase[:1] in '“"':
        phrase = phrase[1:-1].strip().rstrip(".,")
    return phrase, last


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
    if before.isalnum() or before in "_@#/\\.":
        return "code"  # H800, Lemon8, 3.10.4
    if before in "-–" and a >= 2 and s[a - 2].isalnum():
        return "code"  # F-22, COVID-19, the 2 of a score 3-2
    tail = s[e:]
    if amount.plain:
        if ORDINAL_OR_DECADE_AFTER_RE.match(tail):
            return "ordinal/decade"  # 21st, 15th, 1990s
        if tail[:1].isalpha() or tail[:1] == "_":
            return "code"  # 5G, 4K
        if CODE_AFTER_RE.match(tail):
            return "code"  # 9/11, 10:30, 3.10.4, 555-123-4567
        if TIME_OF_DAY_AFTER_RE.match(tail):
            return "time"
    elif tail[:1].isalpha():
        return "code"
    if MONTH_BEFORE_RE.search(s, max(0, a - 12), a) or (amount.plain and MONTH_AFTER_RE.match(s, e)):
        return "date"
    if RANK_BEFORE_RE.search(s, max(0, a - 10), a):
        return "rank"
    raw = s[a:e]
    if amount.plain and len(raw) >= 2 and raw.startswith("0"):
        return "code"  # 01, 007
    if amount.plain and LINE_START_BEFORE_RE.search(s, max(0, a - 40), a) and SECTION_AFTER_RE.match(s, e):
        return "section"  # "2 Methods", "3. Results" at a line start
    return None


def _plain_is_year(amount: _Amount) -> bool:
    return amount.plain and 1000 <= amount.mantissa <= 2199 and amount.mantissa == int(amount.mantissa)


def _in_name(s: str, amount: _Amount) -> bool:
    """A bare number inside a name: after a capitalized word, or before a capitalized multi-word name."""
    if not amount.plain:
        return False
    m = CAPITALIZED_WORD_BEFORE_RE.search(s, max(0, amount.start - 40), amount.start)
    if m and _is_capitalized(m.group("w")):
        word = m.group("w")
        if not _at_sentence_start(s, m.start("w")):
            return word.lower() not in _STOPWORDS  # "Made in China 2025", "Summer Fest 2025"
        if word.lower() in _LABEL_WORDS:
            return True  # "Section 230 protects …"
    return bool(CAPITALIZED_RUN_AFTER_RE.match(s, amount.end))  # "2025 Consumer Electronics Show"


# --------------------------------------------------------------------------------------------------------------
# The scanner
# --------------------------------------------------------------------------------------------------------------


def _scan(s: str, *, previous: list[_Stat] | None = None) -> list[_Stat]:
    """All statistics of one sentence ``s``, offsets into ``s``; ``previous``: the sentence before's."""
    masked = [(m.start(), m.end()) for m in MASK_RE.finditer(s)] if MASK_HINT_RE.search(s) else []
    out: list[_Stat] = []
    consumed = 0
    for m in CANDIDATE_RE.finditer(s):
        if m.start() < consumed:
            continue
        if any(x <= m.start() < y for x, y in masked):
            continue
        if m.group("digits") is not None:
            stat = _parse_digits(s, m, out, previous or [])
        elif m.group("vague") is not None or m.group("few") is not None:
            stat = _parse_vague(s, m)
        elif m.group("fraction") is not None:
            stat = _parse_fraction(s, m)
        else:
            stat = _parse_words(s, m, out, previous or [])
        if stat is not None:
            out.append(stat)
            consumed = stat.end
    return out


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
    tu = None if (amount.currency or amount.percent) else _time_unit(s, end)
    if amount.percent:
        kind, unit = "percent", amount.percent
    elif amount.currency:
        kind, unit = "money", amount.currency
    elif tu:
        kind, (unit, factor, end) = "duration", tu
    low = _as_float(amount.value * factor)
    qualifier, start = _qualifier_before(s, amount.start)
    stat = _Stat(start=start, end=end, value=low, kind=kind, unit=unit, qualifier=qualifier)
    if other is not None:
        stat.low, stat.high = low, _as_float(other.value * factor)
        between = BETWEEN_FROM_BEFORE_RE.search(s, max(0, amount.start - 12), amount.start)
        if between and between.group("w").lower() == "between" and qualifier is None:
            stat.start = between.start()
    if kind == "count":
        _count_object(s, stat, out)
        _rate(s, stat)
    elif kind == "percent":
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
    elif kind == "money":
        _rate(s, stat)
        inn = IN_AFTER_RE.match(s, stat.end)  # "$27.8 billion in foreign investment"
        obj, obj_end = _noun_phrase(s, inn.end(), plural=False, max_words=3) if inn else (None, stat.end)
        if obj and obj[:1].islower():
            stat.object, stat.end = obj, obj_end
            if stat.per is None:
                _rate(s, stat)
    return stat


def _noun_before_comma(s: str, pos: int) -> str | None:
    """The plural noun phrase that ends right before ", " at ``pos`` ("for Sino-American users, …")."""
    m = NOUN_BEFORE_COMMA_RE.search(s, max(0, pos - 60), pos)
    if not m:
        return None
    words = m.group("np").split()
    while words and words[0].lower() in _STOPWORDS:
        words.pop(0)
    if not words or not _is_plural(words[-1]) or any(w.lower() in _STOPWORDS for w in words):
        return None
    return " ".join(words)


def _count_object(s: str, stat: _Stat, out: list[_Stat]) -> None:
    """Fill the counted object of a count (see the module docstring for the order of the rules)."""
    obj, obj_end = _noun_phrase(s, stat.end, plural=True)
    if obj is None and s[stat.end : stat.end + 1] == "-":
        m = WORD_RE.match(s, stat.end + 1)
        if m and m.group()[:1].islower():  # "a 25-member committee"
            obj, obj_end = m.group(), m.end()
    partitive = PARTITIVE_AFTER_RE.match(s, stat.end) if obj is None else None
    if partitive:  # "12 of the states"
        obj, obj_end = _noun_phrase(s, partitive.end(), plural=True)
    if obj is not None:
        stat.object, stat.end = obj, obj_end
        return
    if stat.qualifier in _PARTICIPLES:  # "views surpassing 110 million"
        m = NOUN_BEFORE_RE.search(s, max(0, stat.start - 40), stat.start)
    else:  # "views reaching over 110 million"
        m = PARTICIPLE_BEFORE_RE.search(s, max(0, stat.start - 60), stat.start)
    if m and _is_plural(m.group("noun")):
        stat.object = m.group("noun")
        return
    for earlier in reversed(out):  # ellipsis: "12 of these ended in war, while only 4 did not"
        if earlier.kind in ("count", "ratio") and earlier.object:
            stat.object, stat.inferred = earlier.object, True
            return


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
        return _finish(s, amount, other=other, out=out)
    if amount.plain and SCORE_AFTER_RE.match(s, amount.end):
        return None  # "3-2", "65-35", "2019-20", "24/7"
    score = SCORE_TO_AFTER_RE.match(s, amount.end)
    before = BETWEEN_FROM_BEFORE_RE.search(s, max(0, amount.start - 12), amount.start)
    if amount.plain and score and int(score.group("n")) < amount.mantissa and not before:
        return _Stat(start=amount.start, end=score.end(), value=math.nan, kind=_SKIP)  # a 5 to 4 vote
    if not (amount.currency or amount.percent):
        ratio = _ratio(s, amount, out, previous)
        if ratio is not None:
            return ratio
    if amount.plain and _time_unit(s, amount.end) is None:
        if _in_name(s, amount):
            return None
        counted, _ = _noun_phrase(s, amount.end, plural=True)
        if _plain_is_year(amount) and (counted is None or not counted[:1].islower()):
            return None  # "in 2019", "By 2015,"; but "2000 people" is a count
    return _finish(s, amount, other=None, out=out)


def _range_end(s: str, amount: _Amount) -> _Amount | None:
    """The upper end of a range starting with ``amount`` ("60 to 90", "$10-$30 billion"), adjusted in place."""
    sep = RANGE_SEPARATOR_RE.match(s, amount.end)
    if not sep:
        return None
    word = sep.group("sep").lower()
    before = BETWEEN_FROM_BEFORE_RE.search(s, max(0, amount.start - 12), amount.start)
    if word == "and" and not (before and before.group("w").lower() == "between"):
        return None
    if word == "or" and not amount.words:
        return None
    if before and before.group("w").lower() == "from" and CHANGE_VERB_BEFORE_RE.search(s, 0, amount.start):
        return None
    if word in ("-", "–", "—") and sep.group() != word:
        return None  # a spaced dash is punctuation, not a range
    if amount.words:
        m = CANDIDATE_RE.match(s, sep.end())
        if not m or m.group("word") is None:
            return None
        other = _word_amount(s, sep.end())
        if other is not None:
            _grow_amount(s, other)
    else:
        m = CANDIDATE_RE.match(s, sep.end())
        if not m or m.group("digits") is None:
            return None
        other = _digits_amount(s, m)
    if other is None:
        return None
    if s[other.end : other.end + 1].isalnum() and not other.words:
        return None
    # a scale, currency or percent written once applies to both ends ("$10-$30 billion", "10-20%")
    scale = (
        other.scale
        if amount.scale == 1 and other.scale > 1 and amount.mantissa <= other.mantissa
        else amount.scale
    )
    currency = amount.currency or other.currency
    percent = amount.percent or other.percent
    if (amount.currency and other.currency and amount.currency != other.currency) or (
        amount.percent and other.percent and amount.percent != other.percent
    ):
        return None
    if amount.mantissa * scale >= other.value:
        return None
    if scale == 1 and other.scale > 1 and amount.plain and amount.value < 1000:
        return None  # "5 to 4 million": no reading makes it a range
    amount.scale, amount.currency, amount.percent = scale, currency, percent
    other.currency, other.percent = currency, percent
    amount.plain = amount.plain and other.plain
    return other


def _ratio(s: str, amount: _Amount, out: list[_Stat], previous: list[_Stat]) -> _Stat | None:
    """'12 of 16', '1 in 5', 'one out of three', '12 of these' — or None."""
    qualifier, q_start = _qualifier_before(s, amount.start)
    ana = RATIO_ANAPHOR_AFTER_RE.match(s, amount.end)
    if ana:  # the denominator is the nearest earlier count, in this sentence or the one before
        stat = _Stat(start=q_start, end=ana.end(), value=math.nan, kind="ratio", qualifier=qualifier,
                     numerator=_as_float(amount.value))  # fmt: skip
        for earlier in [*reversed(out), *reversed(previous)]:
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
    stat = _Stat(start=q_start, end=other.end, value=_as_float(amount.value / other.value), kind="ratio",
                 qualifier=qualifier, numerator=_as_float(amount.value),
                 denominator=_as_float(other.value))  # fmt: skip
    obj, obj_end = _noun_phrase(s, other.end, plural=True)
    if obj:
        stat.object, stat.end = obj, obj_end
    return stat


def _parse_words(s: str, m: re.Match[str], out: list[_Stat], previous: list[_Stat]) -> _Stat | None:
    start = m.start()
    head = m.group().split()[0]
    lead = head.lower()
    sentence_start = _at_sentence_start(s, start)
    if head[:1].isupper() and not sentence_start:
        return None  # "Thousand Talents Plan"
    amount = _word_amount(s, start)
    if amount is None:
        return None
    if any(w[:1].isupper() for w in WORD_RE.findall(s[start : amount.end])[1:]):
        return None  # "a Thousand Talents", "Three Hundred"
    if CAPITALIZED_RUN_AFTER_RE.match(s, amount.end) or (
        head[:1].isupper() and NAME_AFTER_RE.match(s, amount.end)
    ):
        return None  # "Three Gorges Dam", "Five Eyes"
    if lead not in ("a", "an"):
        before = DEFINITE_WORD_BEFORE_RE.search(s, max(0, start - 20), start)
        if before and (
            before.group("w").lower() in _DEFINITE_BEFORE_WORD_NUMERAL or before.group("w") in ("'s", "’s")
        ):
            return None  # "the two countries", "its three founders"
    if (
        s[amount.end : amount.end + 1] == "-"
        and _time_unit(s, amount.end) is None
        and not PERCENT_AFTER_RE.match(s, amount.end)
    ):
        return None  # "two-way", "one-sided" (but "three-day", "five-percent")
    _grow_amount(s, amount)
    if lead in ("a", "an") and amount.value == 1 and _time_unit(s, amount.end) is None:
        return None  # "a" + unit counts only as "a decade" / "a century"
    if not (amount.currency or amount.percent):
        ratio = _ratio(s, amount, out, previous)
        if ratio is not None:
            return ratio
    if lead == "one" and amount.value == 1:
        return None  # "one thing is certain", "one AI model"
    other = _range_end(s, amount)
    if other is not None:
        return _finish(s, amount, other=other, out=out)
    states_quantity = (
        amount.currency
        or amount.percent
        or amount.scale > 1
        or amount.mantissa >= 100
        or _time_unit(s, amount.end) is not None
        or _noun_phrase(s, amount.end, plural=True)[0] is not None
        or PARTITIVE_AFTER_RE.match(s, amount.end)
    )
    return _finish(s, amount, other=None, out=out) if states_quantity else None


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
    """'two-thirds of', 'a quarter of', 'half of' (always followed by 'of')."""
    start = m.start()
    if m.group()[:1].isupper() and not _at_sentence_start(s, start):
        return None
    parts = SPACE_OR_HYPHEN_RE.split(m.group().lower())
    num = 1 if parts[0] in ("a", "an", "half") else _UNIT_WORDS[parts[0]]
    den = _FRACTION_WORDS[parts[-1]]
    of = OF_AFTER_RE.match(s, m.end())
    if not of or num >= den:
        return None
    before = DEFINITE_WORD_BEFORE_RE.search(s, max(0, start - 20), start)
    if before and before.group("w").lower() in _DEFINITE_BEFORE_WORD_NUMERAL:
        return None  # "the third of five", "its fifth of July"
    qualifier, q_start = _qualifier_before(s, start)
    stat = _Stat(start=q_start, end=m.end(), value=num / den, kind="ratio", qualifier=qualifier,
                 numerator=float(num), denominator=float(den))  # fmt: skip
    obj, obj_end = _noun_phrase(s, of.end(), plural=False)
    if obj:
        stat.object, stat.end = obj, obj_end
    return stat


# --------------------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------------------

_EXTRA_COLUMNS = ["sentence", "per", "numerator", "denominator", "inferred"]


def _rows(
    stats: Iterable[_Stat], *, article_id: str, sentence_id: int, sentence: str, offset: int, s: str
) -> list[dict]:
    rows = []
    for st in stats:
        if st.kind == _SKIP:
            continue
        rows.append(
            {
                "article_id": article_id,
                "sentence_id": sentence_id,
                "text": s[st.start : st.end],
                "value": st.value,
                "low": st.low,
                "high": st.high,
                "kind": st.kind,
                "unit": st.unit,
                "qualifier": st.qualifier,
                "object": st.object,
                "start": offset + st.start,
                "end": offset + st.end,
                "sentence": sentence,
                "per": st.per,
                "numerator": st.numerator,
                "denominator": st.denominator,
                "inferred": st.inferred,
            }
        )
    return rows


_FLOAT_COLUMNS = ("value", "low", "high", "numerator", "denominator")


def _frame(rows: list[dict], *, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    columns = COLUMNS["statistics"] + _EXTRA_COLUMNS + list(extra)
    data = {}
    for col in columns:
        values = [r[col] for r in rows]
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
        (the full sentence), ``per`` (rate: "year" for "annually"), ``numerator``, ``denominator`` (ratios),
        ``inferred`` (object or denominator taken from an earlier figure). Rows in text order.

    Example:
        >>> df = extract_statistics("Trump may delay the ban by 60 to 90 days, costing about $1.5 billion.")
        >>> df[["text", "value", "low", "high", "kind", "unit"]].values.tolist()
        [['60 to 90 days', 60.0, 60.0, 90.0, 'duration', 'day'], ['about $1.5 billion', 1500000000.0, nan, nan, 'money', 'USD']]
    """
    rows: list[dict] = []
    previous: list[_Stat] = []
    for sid, (a, b) in enumerate(sentence_spans(text)):
        sentence = text[a:b]
        stats = _scan(sentence, previous=previous)
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
    rows: list[dict] = []
    previous: list[_Stat] = []
    last_article = None
    # plain lists: iterating pandas columns value by value costs more than scanning the sentences
    for article_id, paragraph_id, sentence_id, s, start in zip(
        ordered["article_id"].tolist(), ordered["paragraph_id"].tolist(), ordered["sentence_id"].tolist(),
        ordered["text"].tolist(), ordered["start"].tolist(), strict=True,
    ):  # fmt: skip
        if article_id != last_article:
            previous, last_article = [], article_id
        s = "" if s is None or (isinstance(s, float) and math.isnan(s)) else str(s)
        stats = _scan(s, previous=previous)
        new = _rows(
            stats, article_id=article_id, sentence_id=int(sentence_id), sentence=s, offset=int(start), s=s
        )
        for row in new:
            row["paragraph_id"] = int(paragraph_id)
        rows.extend(new)
        previous = stats
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


_KINDS = ["count", "money", "percent", "duration", "ratio", "vague"]


def density(statistics: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Statistics per article: how many, per 1,000 words, and how many of each kind.

    Args:
        statistics: a ``statistics`` table.
        articles: the ``articles`` table; needs article_id and n_words (or text, whose words are counted).

    Returns:
        One row per article (articles without statistics included): article_id, n_statistics, n_words,
        per_1k_words, then n_count, n_money, n_percent, n_duration, n_ratio, n_vague; sorted by article_id.

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
        for kind in _KINDS:
            row[f"n_{kind}"] = int((mine["kind"] == kind).sum())
        rows.append(row)
    return pd.DataFrame(rows, columns=["article_id", "n_statistics", "n_words", "per_1k_words"]
                        + [f"n_{k}" for k in _KINDS])  # fmt: skip
