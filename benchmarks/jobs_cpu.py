"""Where the CPU of ``analyze --jobs N`` goes: this process (start-up, warm-up, writing) against its workers
(issue #16; not part of the test suite).

On a shared machine the wall time of a parallel run says little; the CPU seconds of the parent and of the
workers (``resource.getrusage``) say what the parallel run costs beyond one process. ``--pieces`` runs the
pieces of work that ``--jobs 2`` would hand out, one after the other in this process, against the row groups of
``--jobs 1``, to show what cutting the corpus into pieces costs by itself::

    python benchmarks/jobs_cpu.py /tmp/af/p2000 --jobs 2
    PYTHONPATH=/tmp/before/src python benchmarks/jobs_cpu.py /tmp/af/p2000 --jobs 1
    python benchmarks/jobs_cpu.py /tmp/af/p2000 --pieces 1000 250 125
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _jobs(folder: Path, jobs: int) -> str:
    from tiktok_study.analyze import analyze_folder

    started = time.perf_counter()
    analyze_folder(folder, jobs=jobs)
    return (
        f"jobs {jobs}: parent {_cpu(resource.RUSAGE_SELF):.2f} s CPU (start-up included), workers "
        f"{_cpu(resource.RUSAGE_CHILDREN):.2f} s CPU, wall {time.perf_counter() - started:.1f} s"
    )


def _pieces(folder: Path, sizes: list[int]) -> list[str]:
    import tiktok_study.analyze as analyze
    from tiktok_study.actors import load_actors
    from tiktok_study.codebook import as_codebook

    shared = (as_codebook(None), load_actors(None))
    analyze._warm(shared)
    ids = analyze._article_ids(folder)
    lines = []
    for size in sizes:
        pieces = analyze._pieces(folder, ids, batch=analyze.BATCH_ARTICLES, size=size)
        started = time.process_time()
        for piece in pieces:
            analyze._analyze_piece(piece, shared)
        lines.append(f"pieces of {size}: {len(pieces)} pieces, {time.process_time() - started:.2f} s CPU")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a processed folder (after `tiktok-study normalize`)")
    parser.add_argument("--jobs", type=int, default=None, help="run analyze with this many processes")
    parser.add_argument("--pieces", type=int, nargs="+", default=None, help="piece sizes to run in turn")
    args = parser.parse_args(argv)
    lines = [_jobs(args.folder, args.jobs)] if args.jobs else []
    lines += _pieces(args.folder, args.pieces) if args.pieces else []
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
