"""Per-sentence speed of the statistics scanner on real news sentences (not part of the test suite).

Runs ``statistics_table`` — the path ``analyze`` takes — over the sentences of
``tests/fixtures/gold/statistics-real.csv`` (357 real news sentences), repeated, and prints microseconds per
sentence (best of ``--runs``). To compare with another version of the package, run it twice, the second time
with that version's ``src`` first on ``PYTHONPATH``::

    python benchmarks/statistics_speed.py
    PYTHONPATH=/path/to/other/checkout/src python benchmarks/statistics_speed.py
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

import pandas as pd

import tiktok_study.statistics as statistics

GOLD = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "gold" / "statistics-real.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="copies of the sentence set per run")
    parser.add_argument("--runs", type=int, default=5, help="runs; the best is reported")
    args = parser.parse_args()
    with GOLD.open(encoding="utf-8", newline="") as f:
        texts = list(dict.fromkeys(row["text"] for row in csv.DictReader(f)))
    texts = texts * args.repeat
    sentences = pd.DataFrame({
        "article_id": [f"a{i // 20:05d}" for i in range(len(texts))], "paragraph_id": 0,
        "sentence_id": [i % 20 for i in range(len(texts))], "text": texts, "start": 0, "end": 0,
    })  # fmt: skip
    statistics.statistics_table(sentences.head(5))  # warm-up: regexes and imports
    best = float("inf")
    for _ in range(args.runs):
        t0 = time.perf_counter()
        table = statistics.statistics_table(sentences)
        best = min(best, time.perf_counter() - t0)
    print(f"{statistics.__file__.rsplit('src', 1)[-1]}: {len(texts)} sentences, {len(table)} statistics, "
          f"{1e6 * best / len(texts):.1f} µs per sentence (best of {args.runs})")  # fmt: skip


if __name__ == "__main__":
    main()
