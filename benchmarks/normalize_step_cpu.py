"""CPU seconds of each step of ``normalize`` in one process (issue #16): steadier than a sampling profile on a
shared machine, where a process waiting for a core is still sampled.

Each step's function is wrapped with a ``time.process_time`` counter, then the real ``normalize_folder`` runs
(``--jobs 1``). ``assemble``, ``layout`` and ``detect_language`` are parts of ``article_rows``; the first
``detect_language`` call includes loading py3langid's model. Run it on a raw folder, optionally against an older
source tree::

    python benchmarks/normalize_step_cpu.py /tmp/nf/c2000/raw /tmp/nf/out
    PYTHONPATH=/tmp/before/src python benchmarks/normalize_step_cpu.py /tmp/nf/c2000/raw /tmp/nf/out-before
"""

from __future__ import annotations

import sys
import time

STARTED = time.process_time()
from cpu_steps import SPENT, report, timed, timed_items  # noqa: E402 - before the package: its import is timed

from tiktok_study.normalize import pipeline, rows, units  # noqa: E402 - the import is the first step timed

SPENT["imports (pandas, pyarrow, the package)"] = time.process_time() - STARTED


def main() -> int:
    raw, out = sys.argv[1], sys.argv[2]
    units.jsonl_documents = timed_items("reading export rows (jsonl_documents)", units.jsonl_documents)
    units.article_rows = timed("article_rows (all)", units.article_rows)
    rows.assemble = timed("  assemble (page rules)", rows.assemble)
    rows.layout = timed("  layout (sentence splitting)", rows.layout)
    rows.detect_language = timed("  detect_language (model load included)", rows.detect_language)
    units.part_tables = timed("Arrow tables of a part", units.part_tables)
    units.write_part = timed("spilling a part (Arrow IPC)", units.write_part)
    started = time.process_time()
    pipeline.normalize_folder(raw, out)
    SPENT["normalize_folder (all but imports)"] = time.process_time() - started
    report()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
