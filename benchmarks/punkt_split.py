"""CPU seconds of sentence splitting: NLTK's Punkt against ``tiktok_study.punkt.ExactPunkt`` (issue #16).

Splits the body paragraphs of a processed folder (after ``tiktok-study normalize``) with both, checks that every
span is the same, and prints the CPU seconds of each round (a fresh ExactPunkt, so cold caches, every round)::

    python benchmarks/punkt_split.py /tmp/pk/p2000 --rounds 3
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a processed folder (its paragraphs.parquet is read)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of both splitters (default 3)")
    args = parser.parse_args(argv)
    import pyarrow.parquet as pq

    table = pq.read_table(args.folder / "paragraphs.parquet", columns=["kind", "text"]).to_pydict()
    paragraphs = [t for k, t in zip(table["kind"], table["text"], strict=True) if k == "body"]
    out = sys.stdout
    out.write(f"body paragraphs: {len(paragraphs)}, characters: {sum(map(len, paragraphs))}\n")
    started = time.process_time()
    from tiktok_study.punkt import ExactPunkt

    exact = ExactPunkt.from_data()
    if exact is None:
        raise SystemExit("punkt_split: NLTK's punkt_tab parameters were not found without NLTK")
    out.write(f"ExactPunkt import + parameters: {time.process_time() - started:.3f} s CPU\n")
    started = time.process_time()
    from nltk.tokenize.punkt import PunktTokenizer

    nltk_punkt = PunktTokenizer("english")
    out.write(f"import nltk + PunktTokenizer('english'): {time.process_time() - started:.3f} s CPU\n")
    for n in range(args.rounds):
        exact = ExactPunkt.from_data()
        t0 = time.process_time()
        theirs = [list(nltk_punkt.span_tokenize(p)) for p in paragraphs]
        t1 = time.process_time()
        ours = [exact.span_tokenize(p) for p in paragraphs]
        t2 = time.process_time()
        if ours != theirs:
            raise SystemExit("punkt_split: the spans differ from NLTK's")
        out.write(
            f"round {n}: NLTK {t1 - t0:.3f} s, ExactPunkt {t2 - t1:.3f} s ({(t1 - t0) / (t2 - t1):.1f}x), "
            f"{sum(map(len, theirs))} sentences, identical\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
