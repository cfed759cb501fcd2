"""CPU seconds of each step of ``analyze`` in one process (issue #16): steadier than a sampling profile on a
shared machine, where a process waiting for a core is still sampled.

Each step's function is wrapped with a ``time.process_time`` counter; the first calls of the cached builders
(the VADER scorer, the frame matcher) are timed on their own. Run it on a processed folder, optionally against
an older source tree::

    python benchmarks/step_cpu.py /tmp/speed/p2000
    PYTHONPATH=/tmp/before/src python benchmarks/step_cpu.py /tmp/speed/p2000
"""

from __future__ import annotations

import functools
import json
import sys
import time

STARTED = time.process_time()
import tiktok_study.analyze as analyze  # noqa: E402 - the import is the first step timed
from tiktok_study import actors, frames, quotes, sentiment, statistics  # noqa: E402
from tiktok_study.codebook import as_codebook  # noqa: E402

SPENT: dict[str, float] = {"imports (pandas, pyarrow, the package)": time.process_time() - STARTED}


def _timed(label: str, fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        started = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            SPENT[label] = SPENT.get(label, 0.0) + time.process_time() - started

    return wrapper


def main() -> int:
    folder = sys.argv[1]
    started = time.process_time()
    sentiment.scorer()  # the first call loads the lexicon (and, before issue #16, imported nltk)
    SPENT["VADER scorer set-up (lexicon, nltk import if any)"] = time.process_time() - started
    started = time.process_time()
    frames._matcher(as_codebook(None))
    SPENT["frames: building the matcher"] = time.process_time() - started
    frames._Matcher._find_patterns = _timed(
        "frames: users' own patterns (timed pass)", frames._Matcher._find_patterns
    )
    sentiment.score_sentiment = _timed("sentiment (VADER scoring + table)", sentiment.score_sentiment)
    frames.frame_profile = _timed("frames (all)", frames.frame_profile)
    actors.find_actors = _timed("actors", actors.find_actors)
    statistics.statistics_table = _timed("statistics", statistics.statistics_table)
    quotes.quotes_table = _timed("quotes", quotes.quotes_table)
    analyze.to_arrow = _timed("Arrow conversion", analyze.to_arrow)
    analyze.analyze_tables = _timed("analyze_tables (all analyses)", analyze.analyze_tables)
    started = time.process_time()
    analyze.analyze_folder(folder, jobs=1)
    SPENT["analyze_folder (all but imports and set-up)"] = time.process_time() - started
    SPENT["process total"] = time.process_time()
    sys.stdout.write(json.dumps({k: round(v, 2) for k, v in SPENT.items()}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
