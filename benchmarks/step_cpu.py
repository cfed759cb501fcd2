"""CPU seconds of each step of ``analyze`` in one process (issue #16): steadier than a sampling profile on a
shared machine, where a process waiting for a core is still sampled.

Each step's function is wrapped with a ``time.process_time`` counter; the first calls of the cached builders
(the VADER scorer, the frame matcher) are timed on their own. Run it on a processed folder, optionally against
an older source tree::

    python benchmarks/step_cpu.py /tmp/speed/p2000
    PYTHONPATH=/tmp/before/src python benchmarks/step_cpu.py /tmp/speed/p2000
"""

from __future__ import annotations

import sys
import time

STARTED = time.process_time()
from cpu_steps import SPENT, report, timed  # noqa: E402 - before the package: its import is timed

import tiktok_study.analyze as analyze  # noqa: E402 - the import is the first step timed
from tiktok_study import actors, frames, quotes, sentiment, statistics  # noqa: E402
from tiktok_study.codebook import as_codebook  # noqa: E402

SPENT["imports (pandas, pyarrow, the package)"] = time.process_time() - STARTED


def main() -> int:
    folder = sys.argv[1]
    started = time.process_time()
    sentiment.scorer()  # the first call loads the lexicon (and, before issue #16, imported nltk)
    SPENT["VADER scorer set-up (lexicon, nltk import if any)"] = time.process_time() - started
    started = time.process_time()
    frames._matcher(as_codebook(None))
    SPENT["frames: building the matcher"] = time.process_time() - started
    frames._Matcher._find_patterns = timed(
        "frames: users' own patterns (timed pass)", frames._Matcher._find_patterns
    )
    sentiment.score_sentiment = timed("sentiment (VADER scoring + table)", sentiment.score_sentiment)
    frames.frame_profile = timed("frames (all)", frames.frame_profile)
    actors.find_actors = timed("actors", actors.find_actors)
    statistics.statistics_table = timed("statistics", statistics.statistics_table)
    quotes.quotes_table = timed("quotes", quotes.quotes_table)
    analyze.to_arrow = timed("Arrow conversion", analyze.to_arrow)
    analyze.analyze_tables = timed("analyze_tables (all analyses)", analyze.analyze_tables)
    started = time.process_time()
    analyze.analyze_folder(folder, jobs=1)
    SPENT["analyze_folder (all but imports and set-up)"] = time.process_time() - started
    report()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
