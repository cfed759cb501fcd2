"""Share of a py-spy profile (``py-spy record -f raw``) spent under each step of ``tiktok-study analyze`` (issue #16).

A sample counts for the first step (in the order of :data:`STEPS`) whose function appears on its stack, so the
rows add up to the total::

    py-spy record -r 200 -f raw -o analyze.raw -- .venv/bin/python -m tiktok_study analyze --processed P
    python benchmarks/profile_summary.py analyze.raw
"""

from __future__ import annotations

import sys
from pathlib import Path

#: (label, text that names the step's function in a py-spy frame), most specific first.
STEPS = (
    ("import nltk", "<module> (nltk/__init__.py"),
    ("VADER lexicon / constants", "scorer (tiktok_study/sentiment.py"),
    ("VADER scoring", "polarity_scores (tiktok_study/vader.py"),
    ("frames: building the matcher", "__init__ (tiktok_study/frames.py"),
    ("frames: users' own patterns (timed pass)", "_find_patterns (tiktok_study/frames.py"),
    ("frames: term matching", "find (tiktok_study/frames.py"),
    ("frames: words, profile, tables", "frame_profile (tiktok_study/frames.py"),
    ("actors", "find_actors (tiktok_study/actors.py"),
    ("statistics", "statistics_table (tiktok_study/statistics/"),
    ("quotes", "quotes_table (tiktok_study/quotes/"),
    ("sentiment table", "score_sentiment (tiktok_study/sentiment.py"),
    ("tidy (sorting tables)", "tidy (tiktok_study/schema.py"),
    ("warm-up", "_warm (tiktok_study/analyze.py"),
    ("analyze_tables (filters, excluded)", "analyze_tables (tiktok_study/analyze.py"),
    ("Arrow conversion", "to_arrow (tiktok_study/analyze.py"),
    ("reading Parquet", "_read_range (tiktok_study/analyze.py"),
    ("writing Parquet", "_analyze_locked (tiktok_study/analyze.py"),
    ("other imports (pandas, pyarrow, ...)", "_find_and_load (<frozen importlib._bootstrap>"),
)


def summarize(path: Path) -> list[tuple[str, int]]:
    """``[(step, samples)]`` in :data:`STEPS` order, then ``other`` and ``total``."""
    counts = dict.fromkeys([label for label, _ in STEPS] + ["other"], 0)
    total = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        stack, _, n = line.rpartition(" ")
        if not stack:
            continue
        total += int(n)
        label = next((lab for lab, key in STEPS if key in stack), "other")
        counts[label] += int(n)
    return [*counts.items(), ("total", total)]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    rows = summarize(Path(args[0]))
    total = rows[-1][1] or 1
    sys.stdout.write("| step | samples | share |\n|---|---:|---:|\n")
    for label, n in rows:
        sys.stdout.write(f"| {label} | {n} | {100 * n / total:.1f}% |\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
