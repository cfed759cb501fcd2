"""Where the time of warm-kernel article reports goes: ``render`` of N article reports, timed per phase.

Usage (from the project root, with the project's environment)::

    python benchmarks/report_phases.py PROCESSED N OUT

renders ``3.0-article-report`` for the first N articles of the processed folder PROCESSED into OUT (one kernel,
``--jobs 1``) and prints, per phase, the number of calls and their wall seconds: kernel start, the reset before
each run (``prepare``), papermill's execution, the HTML (on its own thread), the manifest; then the CPU seconds
of this process and of its children (the kernel). Put an older ``src/`` first on ``PYTHONPATH`` to measure it
the same way.
"""

from __future__ import annotations

import os
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import papermill as pm

import tiktok_study.kernels as kernels
import tiktok_study.render as render
import tiktok_study.report_html as report_html
from tiktok_study.corpus import load_corpus

SECONDS: dict[str, list[float]] = defaultdict(list)


def _timed(owner: Any, name: str, label: str) -> None:
    if not hasattr(owner, name):  # an older render has no such step
        return
    original = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            SECONDS[label].append(time.perf_counter() - started)

    setattr(owner, name, wrapper)


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    processed, n, out = Path(argv[0]), int(argv[1]), Path(argv[2])
    _timed(kernels.WarmKernel, "start", "kernel start")
    _timed(kernels.WarmKernel, "prepare", "prepare")
    _timed(pm, "execute_notebook", "execute")
    _timed(report_html, "write_html", "html")
    _timed(render, "_write_outputs", "outputs (thread)")
    _timed(render, "write_manifest", "manifest")
    ids = load_corpus(processed, tables=["articles"]).article_ids[:n]
    started = time.perf_counter()
    result = render.render(notebooks=["3.0-article-report"], processed=processed, out=out, articles=ids)
    wall = time.perf_counter() - started
    failed = [r.notebook for r in result.runs if r.status != "ok"]
    print(
        f"{len(ids)} reports in {wall:.2f} s ({wall / max(1, len(ids)):.3f} s each); not ok: {failed or 'none'}"
    )
    for label, values in SECONDS.items():
        print(
            f"  {label:17} n={len(values):4}  sum {sum(values):7.2f} s  mean {sum(values) / len(values):.3f} s"
        )
    t = os.times()
    print(
        f"CPU s: this process {t.user + t.system:.2f}, children (the kernel) {t.children_user + t.children_system:.2f}"
    )
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
