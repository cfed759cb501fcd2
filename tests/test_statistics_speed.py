"""Statistics on dense numeric input (issue 12, "Bad input": linear, at most 1 s per 100 KB): what each number
costs must not depend on how much text follows it in the sentence."""

from __future__ import annotations

import time

from tiktok_study import statistics


def _best(text: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        statistics.extract_statistics(text)
        best = min(best, time.perf_counter() - started)
    return best


def test_a_number_costs_the_same_however_long_the_rest_of_the_sentence():
    # 10,000 bare numbers, then one 3 MB word in the same sentence: the tail is scanned once (the last number's
    # look-aheads, the sentence splitter); a check that copied the rest of the sentence at every number would
    # copy 30 GB (measured before the fix: 0.38 s against 2.45 s, 6.4 times; after it about 2 times).
    numbers = "1 " * 10_000
    statistics.extract_statistics(numbers)  # warm-up
    short = _best(numbers + "x.")
    long = _best(numbers + "x" * 3_000_000 + ".")
    assert long < 5 * short, f"short {short:.3f} s, long {long:.3f} s"
