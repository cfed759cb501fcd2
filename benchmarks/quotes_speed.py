"""Time quotation extraction per sentence on a quotes gold JSONL (the texts only; nothing is scored).

Usage::

    python benchmarks/quotes_speed.py GOLD.jsonl                      # this checkout's extract_quotes
    python benchmarks/quotes_speed.py GOLD.jsonl --baseline OLD.py    # also a saved copy of an older quotes.py

Prints the sentences (``tiktok_study.text.sentence_spans`` of every text), the best of ``--repeat`` wall times of
``extract_quotes`` over all texts, and microseconds per sentence; with ``--baseline`` the same for the old module
(loaded from its file) and the ratio new / old. Runs alternate between the two so that machine load hits both.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

from tiktok_study.quotes import extract_quotes
from tiktok_study.text import sentence_spans


def _load(path: Path):
    spec = importlib.util.spec_from_file_location("baseline_quotes", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module.extract_quotes


def _time(fn, texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        fn(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--baseline", type=Path, help="a copy of an older quotes.py to compare with")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = [
        json.loads(line)["text"]
        for line in args.gold.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    n_sentences = sum(len(sentence_spans(t)) for t in texts)
    runs = {"new": (extract_quotes, [])}
    if args.baseline:
        runs["old"] = (_load(args.baseline), [])
    for _ in range(args.repeat):
        for fn, times in runs.values():
            times.append(_time(fn, texts))
    print(f"{len(texts)} texts, {n_sentences} sentences")
    best = {}
    for name, (_, times) in runs.items():
        best[name] = min(times)
        print(f"{name}: {best[name]:.2f} s, {1e6 * best[name] / n_sentences:.0f} µs per sentence")
    if "old" in best:
        print(f"ratio new/old: {best['new'] / best['old']:.2f}")


if __name__ == "__main__":
    main()
