"""Statistics on real news and on hostile input: units, scores, word counts, percent and money spellings; the
hand-checked real-news set; time linear in the input; no exception and exact offsets on any text."""

from __future__ import annotations

import csv
import math
import time
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from tiktok_study import metrics, statistics

GOLD = Path(__file__).resolve().parent / "fixtures" / "gold"

# (sentence, [(text, value, high, kind, unit), ...]) — what issue 12 asks for, one spelling at a time
CASES = [
    ("The drive holds 2TB and the file is 700MB.", [("2TB", 2, None, "measure", "TB"), ("700MB", 700, None, "measure", "MB")]),
    ("The phone has 128 GB of storage.", [("128 GB", 128, None, "measure", "GB")]),
    ("The engine makes 300hp, or 320 bhp.", [("300hp", 300, None, "measure", "hp"), ("320 bhp", 320, None, "measure", "bhp")]),
    ("The charger delivers 65W; the plant 500 kW.", [("65W", 65, None, "measure", "W"), ("500 kW", 500, None, "measure", "kW")]),
    ("It runs at 3.2GHz and samples at 48kHz.", [("3.2GHz", 3.2, None, "measure", "GHz"), ("48kHz", 48, None, "measure", "kHz")]),
    ("The lens is 50mm and the gap 2 cm.", [("50mm", 50, None, "measure", "mm"), ("2 cm", 2, None, "measure", "cm")]),
    ("The road is 12 km long, or 7.5 mi.", [("12 km", 12, None, "measure", "km"), ("7.5 mi", 7.5, None, "measure", "mi")]),
    ("The dog weighs 40 lb and the bag 23kg.", [("40 lb", 40, None, "measure", "lb"), ("23kg", 23, None, "measure", "kg")]),
    ("It was 35°C in Beijing and 95°F in Texas.", [("35°C", 35, None, "measure", "°C"), ("95°F", 95, None, "measure", "°F")]),
    ("Laptops draw only three watts.", [("only three watts", 3, None, "measure", "W")]),
    ("A 6-inch screen and a 100-mile trip.", [("6-inch", 6, None, "measure", "in"), ("100-mile", 100, None, "measure", "mi")]),
    ("The 6ft 6in lock left.", [("6ft 6in", 6, None, "measure", "ft")]),
    ("Prices rose 3 per cent.", [("3 per cent", 3, None, "percent", "%")]),
    ("Shares fell 4 pct.", [("4 pct", 4, None, "percent", "%")]),
    ("Support fell 1.5 percentage points.", [("1.5 percentage points", 1.5, None, "percent", "pp")]),
    ("It raised $5bn.", [("$5bn", 5e9, None, "money", "USD")]),
    ("It raised 5 billion dollars.", [("5 billion dollars", 5e9, None, "money", "USD")]),
    ("It raised US$5 billion.", [("US$5 billion", 5e9, None, "money", "USD")]),
    ("It cost ¥300, €20 and £15.", [("¥300", 300, None, "money", "CNY"), ("€20", 20, None, "money", "EUR"), ("£15", 15, None, "money", "GBP")]),
    ("Exports hit RMB 10 billion.", [("RMB 10 billion", 1e10, None, "money", "CNY")]),
    ("Exports hit 10 billion yuan.", [("10 billion yuan", 1e10, None, "money", "CNY")]),
    ("It lost 27.2m euros.", [("27.2m euros", 2.72e7, None, "money", "EUR")]),
    ("It raised $5 bln and 300 mln euros.", [("$5 bln", 5e9, None, "money", "USD"), ("300 mln euros", 3e8, None, "money", "EUR")]),
    ("It cost Rs 500.", [("Rs 500", 500, None, "money", "INR")]),
    ("The €5bn deal and the £2.5m fine.", [("€5bn", 5e9, None, "money", "EUR"), ("£2.5m", 2.5e6, None, "money", "GBP")]),
    ("She was one of the three finalists.", [("one", 1, None, "count", None)]),
    ("One of the richest men in the world left.", [("One", 1, None, "count", None)]),
    ("But that's one of the benefits.", [("one", 1, None, "count", None)]),
    ("It's two hours away, China's two largest banks said.", [("two hours", 2, None, "duration", "hour")]),
    ("The House passed it 352-65.", [("352-65", 352, 352, "score", None)]),
    ("The team won 50-0 at home.", [("50-0", 50, 50, "score", None)]),
    ("He went down 7-6 (7-4) 6-3.", [("7-6", 7, 7, "score", None), ("7-4", 7, 7, "score", None), ("6-3", 6, 6, "score", None)]),
    ("The decision comes after a four-year-long probe.", [("four-year-long", 4, None, "duration", "year")]),
    ("They bought a dozen or more songs.", [("a dozen", 12, None, "count", None)]),
    ("Around half the squad are leaving.", [("Around half the squad", 0.5, None, "ratio", None)]),
    ("Adriano has 14 goals in 20 Serie A appearances.", [("14 goals", 14, None, "count", None), ("20", 20, None, "count", None)]),
    ("The total rose by 12% to 100 million.", [("12%", 12, None, "percent", "%"), ("100 million", 1e8, None, "count", None)]),
    ("Oil fell $2.15 to $68.40 a barrel.", [("$2.15", 2.15, None, "money", "USD"), ("$68.40", 68.4, None, "money", "USD")]),
    ("Shares rose 5% to 10% in a day.", [("5%", 5, None, "percent", "%"), ("10%", 10, None, "percent", "%")]),
    ("Sales grew 3 to 4 percent.", [("3 to 4 percent", 3, 4, "percent", "%")]),
    # a bare unit of time with nothing measured; traps: names, models, versions, dates, codes
    ("He lived there for a decade.", []),
    ("It happened a century ago.", []),
    ("It came just a week after.", []),
    ("Its 5G network, Windows 11 and iPhone 16.", []),
    ("Net browser Opera 8.0 is due.", []),
    ("Users running versions 4.7 and earlier.", []),
    ("The meeting is on 5-6 March.", []),
    ("COVID-19 grounded the F-16 and the B-52.", []),
    ("In the 2019-20 season, open 24/7.", []),
    ("In the first half of the year, sales slowed.", []),
    ("The two countries agreed.", []),
    ("Only one aspect matters.", []),
]  # fmt: skip


def _plain(x):
    return None if isinstance(x, float) and math.isnan(x) else x


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_units_scores_counts_and_spellings(sentence, expected):
    df = statistics.extract_statistics(sentence)
    got = [
        tuple(_plain(v) for v in row)
        for row in df[["text", "value", "high", "kind", "unit"]].itertuples(index=False)
    ]
    assert len(got) == len(expected), got
    for g, w in zip(got, expected, strict=True):
        assert g[0] == w[0] and g[3:] == w[3:], got
        assert math.isclose(g[1], w[1], rel_tol=1e-12), got
        assert (g[2] is None and w[2] is None) or math.isclose(g[2], w[2], rel_tol=1e-12), got


def test_a_score_keeps_both_sides_and_its_offsets():
    text = "The Senate voted 68-32 on Tuesday."
    row = statistics.extract_statistics(text).iloc[0]
    assert (row["kind"], row["value"], row["low"], row["high"]) == ("score", 68.0, 32.0, 68.0)
    assert text[row["start"] : row["end"]] == "68-32"


def test_density_counts_the_new_kinds():
    stats = statistics.extract_statistics("It has 64GB. They won 2-1. It has 5 users.", article_id="a")
    df = statistics.density(stats, pd.DataFrame({"article_id": ["a"], "n_words": [100]}))
    assert df[["n_statistics", "n_count", "n_measure", "n_score"]].values.tolist() == [[3, 1, 1, 1]]


# --------------------------------------------------------------------------------------------------------------
# The hand-checked real-news set (tests/fixtures/gold/statistics-real.csv, PROVENANCE beside it)
# --------------------------------------------------------------------------------------------------------------


def _score_real(part: str | None) -> tuple[float, float, float, int]:
    with (GOLD / "statistics-real.csv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if part is None or r["part"] == part]
    gold: dict[str, list[list[float]]] = {}
    for r in rows:
        nums = gold.setdefault(r["text"], [])
        if r["value"]:
            nums.append([float(r["value"])] + ([float(r["high"])] if r["high"] else []))
    tp = fp = fn = 0
    for text, g in gold.items():
        df = statistics.extract_statistics(text)
        df = df[df["kind"] != "vague"]  # as the validator: the gold lists no number for "thousands of"
        p = [
            [float(x) for x in row if not math.isnan(x)]
            for row in df[["value", "low", "high", "numerator", "denominator"]].itertuples(index=False)
        ]
        p = [nums for nums in p if nums]
        n = len(metrics.match_numbers(p, g, rel_tol=1e-6))
        tp, fp, fn = tp + n, fp + len(p) - n, fn + len(g) - n
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return precision, recall, 2 * precision * recall / (precision + recall), len(gold)


def test_real_news_set_is_big_enough_and_well_formed():
    with (GOLD / "statistics-real.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    texts = {r["text"] for r in rows}
    assert len(texts) >= 300
    assert {r["part"] for r in rows} == {"dev", "check"}
    assert all(r["source"].startswith(("corpus-dev:", "bbc:")) for r in rows)
    for part in ("dev", "check"):
        with (GOLD / f"statistics-real-{part}.csv").open(encoding="utf-8", newline="") as f:
            assert [r["text"] for r in csv.DictReader(f)] == [r["text"] for r in rows if r["part"] == part]


@pytest.mark.parametrize("part", ["dev", "check"])
def test_real_news_values(part):
    """Value precision and F1 on each part (measured: dev 97.9/97.9, check 98.7/97.5; targets 90/92)."""
    precision, recall, f1, n = _score_real(part)
    assert n > 150
    assert precision >= 0.95 and f1 >= 0.95, (precision, recall, f1)


# --------------------------------------------------------------------------------------------------------------
# Linear time (issue 17): a run of numbers and a table of numbers, 10 KB against 100 KB
# --------------------------------------------------------------------------------------------------------------


def _seconds(text: str) -> float:
    best = math.inf
    for _ in range(3):
        t0 = time.perf_counter()
        statistics.extract_statistics(text)
        best = min(best, time.perf_counter() - t0)
    return best


def _ratio(unit: str) -> float:
    statistics.extract_statistics(unit)  # warm-up
    small = (unit * (10_000 // len(unit) + 1))[:10_000]
    large = (unit * (100_000 // len(unit) + 1))[:100_000]
    return _seconds(large) / _seconds(small)


@pytest.mark.parametrize(
    "unit",
    [
        " ".join(str(i) for i in range(1, 400))
        + " ",  # a run of bare numbers: once quadratic (10 KB 0.76 s, 100 KB 50 s)
        "| 2,345 | 12.5% | $3.1bn | 7-5 | 64GB | 17 |\n",  # a table of numbers
        "One of the 12 of these, over 5 of them. ",  # elided objects and anaphoric ratios: the look-backs
        "Call www.x.com or a@b.com about #tag 5 users. ",  # masked spans
    ],
    ids=["run", "table", "look-back", "masks"],
)
def test_time_grows_linearly_with_the_input(unit):
    ratio = _ratio(unit)
    assert ratio < 25, f"100 KB took {ratio:.1f}× the time of 10 KB (linear: about 10; quadratic: about 100)"


# --------------------------------------------------------------------------------------------------------------
# Bad input: no exception, offsets always slice the text
# --------------------------------------------------------------------------------------------------------------

_DIGITS = "".join(chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Nd")


def _slices(text: str) -> pd.DataFrame:
    df = statistics.extract_statistics(text)
    for row in df.itertuples():
        assert text[row.start : row.end] == row.text
        assert 0 <= row.start < row.end <= len(text)
    return df


@pytest.mark.parametrize(
    "text",
    [
        "1" * 1_000_000,
        ("1-" * 500_000),
        ("1." * 500_000),
        (" 12,345,678" * 100_000)[:1_000_000],
    ],
    ids=["digits", "dashes", "dots", "separators"],
)
def test_a_megabyte_paragraph_of_digits(text):
    t0 = time.perf_counter()
    _slices(text)
    assert time.perf_counter() - t0 < 60


@pytest.mark.parametrize(
    "text",
    [
        _DIGITS,
        " ".join(_DIGITS),
        " ".join(_DIGITS[i : i + 3] + " users" for i in range(0, len(_DIGITS), 3)),
        "Ⅻ ½ ¾ ² ³ ① ⑩ ５０％ ３ billion dollars ٣٠٪ ۱۲۳ ₹५००",
    ],
    ids=["all-digits", "spaced", "counted", "numeric-forms"],
)
def test_every_unicode_digit_form(text):
    _slices(text)


def test_unicode_digits_read_as_their_values():
    df = _slices("٣٠٠ users and ５０％ of them")
    assert df[["value", "kind"]].values.tolist() == [[300.0, "count"], [50.0, "percent"]]


def test_right_to_left_text():
    text = "قال المسؤول إن ٣٠٠ شخص و 45% من السكان \u200fدفعوا $5 مليار. שלום 12 אנשים\u200f 7-5 \u202e1234\u202c"
    df = _slices(text)
    assert {45.0, 5.0} <= set(df["value"])
