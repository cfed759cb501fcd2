"""Word lists and compiled regexes of the statistics scanner, named for what they match.

Every regex is compiled once, at import; the scanner matches them at a position (``match(s, pos)``) or in a
bounded window before it (``search(s, max(0, pos - N), pos)``), never over the whole sentence again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tiktok_study.alternation import word_trie
from tiktok_study.text import wordset

__all__: list[str] = [
    "BETWEEN_FROM_BEFORE_RE",
    "CANDIDATE_RE",
    "CANDIDATE_WORD_AFTER_NON_WORD_RE",
    "CANDIDATE_WORD_RE",
    "CAPITALIZED_RUN_AFTER_RE",
    "CAPITALIZED_RUN_COUNTED_AFTER_RE",
    "CAPITALIZED_WORD_BEFORE_RE",
    "CHANGE_VERB_BEFORE_RE",
    "CODE_AFTER_RE",
    "CONTRACTION_BEFORE_RE",
    "CURRENCY_WORD_AFTER_RE",
    "DECIMAL_RE",
    "DEFINITE_WORD_BEFORE_RE",
    "DIGITS_CANDIDATE_RE",
    "DIGIT_RE",
    "HALF_DETERMINER_AFTER_RE",
    "IN_AFTER_RE",
    "IN_THE_BEFORE_RE",
    "LETTERS_RE",
    "LINE_START_BEFORE_RE",
    "MASK_HINT_RE",
    "MASK_RE",
    "MONTH_AFTER_RE",
    "MONTH_BEFORE_RE",
    "NAME_AFTER_RE",
    "NOUN_BEFORE_COMMA_RE",
    "NOUN_BEFORE_RE",
    "NP_TOKEN_RE",
    "NUMBER_RE",
    "OF_AFTER_RE",
    "OF_CURRENCY_AFTER_RE",
    "OF_RELATIVE_AFTER_RE",
    "OF_TIME_UNIT_AFTER_RE",
    "ONE_OF_AFTER_RE",
    "ORDINAL_OR_DECADE_AFTER_RE",
    "OR_MORE_AFTER_RE",
    "PARTICIPLE_BEFORE_RE",
    "PARTITIVE_AFTER_RE",
    "PERCENT_AFTER_RE",
    "QUALIFIER_BEFORE_RE",
    "RANGE_SEPARATOR_RE",
    "RANK_BEFORE_RE",
    "RATE_AFTER_RE",
    "RATIO_ANAPHOR_AFTER_RE",
    "RATIO_DIGITS_AFTER_RE",
    "SCALE_ABBREVIATION_AFTER_RE",
    "SCALE_WORD_AFTER_RE",
    "SCORE_AFTER_RE",
    "SCORE_SIDE_AFTER_RE",
    "SCORE_TO_AFTER_RE",
    "SECTION_AFTER_RE",
    "SPACES_RE",
    "SPACE_OR_HYPHEN_RE",
    "TIME_OF_DAY_AFTER_RE",
    "TIME_UNIT_AFTER_RE",
    "VAGUE_CHAIN_AFTER_RE",
    "WORD_CANDIDATE_RE",
    "WORD_COUNT_RE",
    "WORD_RE",
]

# --------------------------------------------------------------------------------------------------------------
# Lexicons
# --------------------------------------------------------------------------------------------------------------


_UNIT_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SCALE_ABBREVIATIONS = {
    "k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "b": 10**9, "bn": 10**9, "bln": 10**9, "tn": 10**12,
    "trn": 10**12, "trln": 10**12,
}  # fmt: skip
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
    "GBP": "GBP", "JPY": "JPY", "HKD": "HKD", "INR": "INR", "Rs": "INR", "Rs.": "INR",
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
# physical and digital units as written (lower-cased; "GB" and "gb" alike) -> the unit recorded
_MEASURE_UNITS = {
    "kb": "KB", "mb": "MB", "gb": "GB", "tb": "TB", "pb": "PB", "kilobytes": "KB", "megabytes": "MB",
    "gigabytes": "GB", "terabytes": "TB", "petabytes": "PB", "kbps": "kbps", "mbps": "Mbps", "gbps": "Gbps",
    "kbit/s": "kbps", "mbit/s": "Mbps", "gbit/s": "Gbps", "hz": "Hz", "khz": "kHz", "mhz": "MHz", "ghz": "GHz",
    "nm": "nm", "mm": "mm", "cm": "cm", "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km",
    "kilometer": "km", "metres": "m", "meters": "m", "metre": "m", "meter": "m", "centimetres": "cm",
    "centimeters": "cm", "millimetres": "mm", "millimeters": "mm", "miles": "mi", "mile": "mi", "mi": "mi",
    "ft": "ft", "feet": "ft", "foot": "ft", "inches": "in", "inch": "in", "in": "in", "yards": "yd", "yd": "yd",
    "kg": "kg", "kilograms": "kg", "kilogram": "kg", "kilos": "kg", "g": "g", "grams": "g", "gram": "g",
    "mg": "mg", "lb": "lb", "lbs": "lb", "tonnes": "t", "tonne": "t", "tons": "t", "ton": "t", "oz": "oz",
    "ounces": "oz", "hp": "hp", "bhp": "bhp", "horsepower": "hp", "w": "W", "kw": "kW", "mw": "MW", "gw": "GW",
    "kwh": "kWh", "mwh": "MWh", "gwh": "GWh", "twh": "TWh", "watts": "W", "watt": "W", "kilowatts": "kW",
    "megawatts": "MW", "gigawatts": "GW", "volts": "V", "v": "V", "kv": "kV", "mah": "mAh", "°c": "°C",
    "°f": "°F", "℃": "°C", "℉": "°F", "degrees celsius": "°C", "degrees fahrenheit": "°F", "mph": "mph",
    "km/h": "km/h", "kph": "km/h", "megapixels": "MP", "megapixel": "MP", "mp": "MP", "litres": "l",
    "liters": "l", "litre": "l", "liter": "l", "barrels": "bbl", "hectares": "ha", "acres": "acre",
    "square miles": "sq mi", "square kilometres": "km²", "square kilometers": "km²", "km²": "km²",
    "qubits": "qubit", "teraflops": "TFLOPS", "petaflops": "PFLOPS", "exaflops": "EFLOPS",
}  # fmt: skip
# units that read as a word or an initial when written apart from the number ("5 in 10", "2 g"): glued only
_GLUED_ONLY_UNITS = frozenset({"in", "g", "w", "v", "mp", "nm"})
# qualifiers that bound a stated duration: "more than a decade" is a statistic, "a decade ago" is not
_BOUNDING_QUALIFIERS = frozenset({
    "more than", "over", "nearly", "almost", "about", "around", "roughly", "approximately", "at least", "at most",
    "up to", "less than", "under", "within", "close to", "well over", "just over", "just under", "upwards of",
    "no more than", "no less than", "some",
})  # fmt: skip
# ordinals before "half"/"quarter" that make it a period, not a share ("the first half of the year")
_PERIOD_ORDINALS = frozenset({"first", "second", "third", "fourth", "last", "final", "latter", "former"})
_QUALIFIER_CANONICAL = {"approx.": "approximately", "approx": "approximately", "~": "approximately"}
_PARTICIPLES = ("exceeding", "surpassing", "topping", "reaching", "totaling", "totalling", "numbering",
                "hitting", "nearing", "approaching", "exceeded", "surpassed", "topped", "reached", "totaled",
                "totalled", "numbered", "hit", "neared")  # fmt: skip
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_MONTH_WORDS = frozenset(m.lower() for m in _MONTHS.split("|"))
# the word right before a rank ("No. 1", "top 10", "#1") — a gate in front of RANK_BEFORE_RE
_RANK_WORDS = frozenset(
    [
        "no.",
        "nos.",
        "#",
        "number",
        "top",
        "rank",
        "ranked",
        "page",
        "p.",
        "pp.",
        "level",
        "phase",
        "tier",
        "version",
        "versions",
        "v",
    ]
)
# function words: they end (or never start) a counted noun phrase
_STOPWORDS = wordset("""a an the this that these those such all some any each every other another more most many much few
    several its their his her our your my whose which who whom what of in on at for to from with by about as
    into onto over under than and or but nor so yet if is are was were be been being has have had do does did
    will would shall should can could may might must not no per via versus vs across among between through
    during without within against toward towards upon while when where why how also only just even still
    already ago later earlier there here it they them he she we you i last next past first since until after
    before because whereas whether like including both either neither out up down off left remain remaining
    ever never now then""")  # fmt: skip
# -s verbs that follow a counted noun ("one in five Americans uses"): they end the noun phrase
_VERBS_IN_S = wordset("""says uses makes takes goes seems becomes remains means includes gets gives comes knows thinks wants needs
    believes expects appears continues allows requires suggests owns lives""")  # fmt: skip
# -ly words that are adjectives inside a counted noun phrase ("150 million monthly users")
_LY_ADJECTIVES = wordset("monthly daily weekly yearly hourly quarterly nightly elderly early friendly")
# capitalized words that label a number at a sentence start ("Section 230 protects …")
_LABEL_WORDS = wordset("""section article chapter title part rule route flight room gate channel model series season episode
    volume vol amendment clause resolution bill act phase level stage item figure table appendix proposition
    interstate highway version windows iphone galaxy pixel""")  # fmt: skip
_DROPPED_DETERMINERS = wordset("such the these those all other more its their his her our")
# verbs that end a mass-noun phrase ("a quarter of the budget went …")
_COMMON_VERBS = wordset("went came said rose fell grew made took saw got gave became remained stood left")
_NOT_PLURAL = wordset("""news always perhaps its was has does is this thus plus yes less unless across towards besides whereas
    sometimes afterwards nonetheless nevertheless us ours yours theirs hers his as whereas series
    various""")  # fmt: skip
_IRREGULAR_PLURALS = wordset(
    "people persons children men women police staff personnel cattle feet teeth mice geese data media "
    "criteria phenomena"
)
_DEFINITE_BEFORE_WORD_NUMERAL = wordset("the these those its their his her our your my both all every each")
_CHANGE_VERBS = (
    "rose|rise|rising|risen|increased?|increasing|grew|grow|growing|grown|fell|fall|falling|fallen|dropped|"
    "drop|dropping|declined?|declining|jumped|jump|surged?|surging|climbed?|climbing|went|gone|soared?|"
    "plunged?|plummeted|doubled|tripled|halved|shrank|shrunk|expanded|cut|reduced|raised|up|down|changed"
)

_CHANGE_WORDS = frozenset(_CHANGE_VERBS.replace("?", "").split("|")) | {
    "by",
    "increased",
    "declined",
    "climbed",
}

# --------------------------------------------------------------------------------------------------------------
# Compiled regexes (named for what they match)
# --------------------------------------------------------------------------------------------------------------

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_CURRENCY_SIGN = r"(?:U\.S\.\$|US\$|HK\$|NT\$|AU\$|A\$|CA\$|C\$|S\$|NZ\$|CN¥|JP¥|\$|€|£|¥|₹|₩|(?:RMB|CNY|USD|EUR|GBP|JPY|HKD|INR|Rs\.?)\s?)"


def _trie(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` and their capitalized forms, as a character trie."""
    return word_trie(dict.fromkeys(f for w in words for f in (w, w[:1].upper() + w[1:])))


_NUMBER_WORDS = _trie([*_UNIT_WORDS, *_TENS_WORDS, "hundred", "dozen", *_SCALE_WORDS, "decade", "century"])
_SCALE_TRIE = _trie(["dozen", "hundred", *_SCALE_WORDS])
# one regex finds every candidate; each branch starts with a cheap look-ahead so most positions fail at once
_DIGITS_CANDIDATE = rf"(?P<digits>(?=[\dA-Z$€£¥₹₩])(?:(?P<cur>{_CURRENCY_SIGN})\s?)?(?P<num>{_NUM}))"
_WORD_CANDIDATE = (
    r"\b(?=[abcdefhmnostzABCDEFHMNOSTZ])(?:"
    rf"(?P<vague>{_trie(_PLURAL_MULTIPLIERS)})"
    rf"|(?P<few>(?:{_trie(['several'])}|[Aa]\s+few)\s+{_SCALE_TRIE})"
    rf"|(?P<fraction>(?:{_trie(list(_UNIT_WORDS)[1:11])}|[Aa]n?)[\s-]{_trie(_FRACTION_WORDS)}|{_trie(['half'])})"
    rf"|(?P<word>(?:[Aa]n?\s+)?{_NUMBER_WORDS})"
    r")\b"
)
CANDIDATE_RE = re.compile(f"{_DIGITS_CANDIDATE}|{_WORD_CANDIDATE}")
# CANDIDATE_RE's branches alone, for a sentence in which the other branch cannot match (see CANDIDATE_WORD_RE);
# a match's ``lastgroup`` names its branch (digits, vague, few, fraction, word) in all three
DIGITS_CANDIDATE_RE = re.compile(_DIGITS_CANDIDATE)
WORD_CANDIDATE_RE = re.compile(_WORD_CANDIDATE)
NUMBER_RE = re.compile(_NUM)
# the gates in front of CANDIDATE_RE: every match of its digits branch holds a digit, every match of its word
# branches one of these words whole (between word boundaries). A sentence with neither (about three in four in
# news text) has no candidate; one with only one kind is scanned with that branch alone. Two cheap searches
# instead of trying both branches at every position.
DIGIT_RE = re.compile(r"\d")
_CANDIDATE_WORDS = [*_PLURAL_MULTIPLIERS, "several", "few", *_FRACTION_WORDS, *_UNIT_WORDS, *_TENS_WORDS, "hundred",
                    "dozen", *_SCALE_WORDS, "decade", "century"]  # fmt: skip
CANDIDATE_WORD_RE = re.compile(rf"\b(?:{_trie(_CANDIDATE_WORDS)})\b")
# the same words after a non-word character (the words start with letters: a word boundary before one is the text
# start or such a character); searched faster than CANDIDATE_WORD_RE, whose ``\b`` is tried at every position
CANDIDATE_WORD_AFTER_NON_WORD_RE = re.compile(rf"\W(?:{_trie(_CANDIDATE_WORDS)})\b")
SCALE_WORD_AFTER_RE = re.compile(r"(?:\s+|-)(?P<scale>thousand|million|billion|trillion)\b", re.I)
SCALE_ABBREVIATION_AFTER_RE = re.compile(r"\s?(?P<scale>bn|mn|tn|bln|mln|trln|trn)\b|(?P<short>[kKmMbB])\b")
# a unit right after a number: glued ("50GB", "6km", "20°C"), spaced ("8 Mbps", "three watts") or hyphenated
# ("a 6-inch screen"); the unit ends at a word boundary ("5 min" is not "5 mi")
MEASURE_AFTER_RE = re.compile(
    r"(?P<gap>\s?|-)(?P<unit>"
    + "|".join(re.escape(u).replace(r"\ ", r"\s+") for u in sorted(_MEASURE_UNITS, key=len, reverse=True))
    + r")(?![\w°/])",
    re.I,
)
FEET_INCHES_AFTER_RE = re.compile(r"\s?\d{1,2}(?:in\b|\"|”|″)")
PERCENT_AFTER_RE = re.compile(
    r"(?P<sign>\s?[%％])|(?:\s+|-)(?P<word>percent|per\s?cent|pct|per\s+centum)(?![\w])|\s+(?P<pp>percentage\s+points?)\b"
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
# "one of the …", "one of its …", "one of several …", "one of America's …": one member of a counted group
ONE_OF_AFTER_RE = re.compile(
    r"\s+of\s+(?:the|its|his|her|their|our|your|these|those|several|many|two|three|four|five|six|seven|eight|nine"
    r"|ten|dozens|hundreds|thousands|[A-Z][\w.&-]*['’]s?)\b"
)
OR_MORE_AFTER_RE = re.compile(r"\s+(?:or|and)\s+(?:more|so|fewer|less)\b", re.I)
# "half the squad", "half its revenue": after "half" a determiner (not consumed) plays the role of "of"
HALF_DETERMINER_AFTER_RE = re.compile(r"(?=\s+(?:the|its|their|his|her|our|all)\b)", re.I)
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
# "'s" as "is", not a possessive: "that's one of the …", "it's two hours away"
CONTRACTION_BEFORE_RE = re.compile(r"\b(?:it|that|he|she|there|here|what|who|where|this|let)['’]s\s+$", re.I)
DEFINITE_WORD_BEFORE_RE = re.compile(r"(?P<w>[A-Za-z]+|[’']s)\s+$")
MONTH_BEFORE_RE = re.compile(rf"\b(?:{_MONTHS})\.?\s+$")
MONTH_AFTER_RE = re.compile(rf"\s+(?:of\s+)?(?:{_MONTHS})\b")
RANK_BEFORE_RE = re.compile(
    r"(?:\bNo\.|\bNos\.|#|\b(?:number|top|rank|ranked|page|pp?\.|level|phase|tier|versions?|v)\s+)\s*$", re.I
)
CAPITALIZED_WORD_BEFORE_RE = re.compile(r"(?P<w>[A-Za-z][\w’'&.-]*)\s$")
CAPITALIZED_RUN_AFTER_RE = re.compile(r"\s+[A-Z][\w’'&-]*\s+[A-Z][\w’'&-]*")
# a capitalized run that only qualifies a counted noun: "20 Serie A appearances", "14 Premier League goals"
CAPITALIZED_RUN_COUNTED_AFTER_RE = re.compile(r"(?:\s+[A-Z][\w’'&-]*){1,3}\s+(?P<noun>[a-z][\w’'-]*)")
DECIMAL_RE = re.compile(r"\d+\.\d+")
ORDINAL_OR_DECADE_AFTER_RE = re.compile(r"(?:st|nd|rd|th|s|['’]s)\b", re.I)
TIME_OF_DAY_AFTER_RE = re.compile(
    r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|o['’]clock\b|GMT\b|UTC\b|EST\b|EDT\b|PST\b|ET\b|BST\b)"
)
CODE_AFTER_RE = re.compile(r"[/:]\d|\.\d|[-–]\d+[-–]\d")
SCORE_AFTER_RE = re.compile(r"[-–/]\d")
# the second side of a score or tally glued to the first by a dash: "352-65", "7-6", "2-1" (not "3-2-1", "2-1.5")
SCORE_SIDE_AFTER_RE = re.compile(r"[-–](?P<n>0|[1-9]\d{0,2})(?![\d\w]|[.,:/]\d|[-–]\d)")
SCORE_TO_AFTER_RE = re.compile(
    r"\s+to\s+(?P<n>\d{1,3})\b(?![,.]\d|\s*(?:%|percent|per\s?cent)|\s+(?:thousand|million|billion))"
)
MASK_RE = re.compile(
    r"https?://\S+|www\.\S+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+|(?<![\w])[@#][A-Za-z_][\w.]*"
    r"|(?<![\w-])[\w-]+\.(?:com|org|net|gov|edu|cn|io|ly|me|co|uk)\b\S*"
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
