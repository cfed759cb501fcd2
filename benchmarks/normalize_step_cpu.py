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

import functools
import json
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

STARTED = time.process_time()
from tiktok_study.normalize import pipeline, rows, units  # noqa: E402 - the import is the first step timed

SPENT: dict[str, float] = {"imports (pandas, pyarrow, the package)": time.process_time() - STARTED}


def _add(label: str, started: float) -> None:
    SPENT[label] = SPENT.get(label, 0.0) + time.process_time() - started


def _timed(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            _add(label, started)

    return wrapper


def _timed_items(label: str, fn: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    """A generator function whose own work (not its consumer's) is timed, item by item."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
        items = fn(*args, **kwargs)
        while True:
            started = time.process_time()
            try:
                item = next(items)
            except StopIteration:
                _add(label, started)
                return
            _add(label, started)
            yield item

    return wrapper


def main() -> int:
    raw, out = sys.argv[1], sys.argv[2]
    units.jsonl_documents = _timed_items("reading export rows (jsonl_documents)", units.jsonl_documents)
    units.article_rows = _timed("article_rows (all)", units.article_rows)
    rows.assemble = _timed("  assemble (page rules)", rows.assemble)
    rows.layout = _timed("  layout (sentence splitting)", rows.layout)
    rows.detect_language = _timed("  detect_language (model load included)", rows.detect_language)
    units.part_tables = _timed("Arrow tables of a part", units.part_tables)
    units.write_part = _timed("spilling a part (Arrow IPC)", units.write_part)
    started = time.process_time()
    pipeline.normalize_folder(raw, out)
    SPENT["normalize_folder (all but imports)"] = time.process_time() - started
    SPENT["process total"] = time.process_time()
    sys.stdout.write(json.dumps({k: round(v, 2) for k, v in SPENT.items()}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
