"""Wall and CPU seconds of ``tiktok-study analyze`` for two source trees, runs interleaved (issue #16).

On a shared machine the load changes from minute to minute; running "before" and "after" in turn, several
times, and reporting each one's median keeps the comparison fair. CPU seconds (user + system, workers
included, from ``os.wait4``) are steadier than wall seconds. Also times bare NLTK VADER over the same sentences
(``bench._child_vader``) and ``tiktok-study --help``::

    python benchmarks/measure_analyze.py /tmp/speed/p2000 --before /tmp/before_src/src --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Wall and CPU seconds (this child and its children) of one command; it must succeed."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{stderr}")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime}


def _env(src: str | None) -> dict[str, str]:
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("processed", type=Path)
    parser.add_argument("--before", default=None, help="a src/ folder of the earlier code (PYTHONPATH)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1])
    args = parser.parse_args(argv)
    cli = [sys.executable, "-m", "tiktok_study"]
    trees = {"after": None} if args.before is None else {"before": args.before, "after": None}
    runs: dict[str, list[dict[str, float]]] = {}
    for _ in range(args.runs):
        for label, src in trees.items():
            for jobs in args.jobs:
                cmd = [*cli, "analyze", "--processed", str(args.processed), "--jobs", str(jobs)]
                runs.setdefault(f"{label} analyze --jobs {jobs}", []).append(timed(cmd, _env(src)))
            runs.setdefault(f"{label} --help", []).append(timed([*cli, "--help"], _env(src)))
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "vader.json"
            timed([sys.executable, str(HERE / "bench.py"), "_vader", str(args.processed), str(out)])
            vader = json.loads(out.read_text(encoding="utf-8"))
        runs.setdefault("bare NLTK VADER (scoring loop)", []).append(
            {"wall_s": vader["score_s"], "cpu_s": vader["score_cpu_s"]}
        )
    result = {
        name: {k: round(statistics.median(r[k] for r in rs), 3) for k in ("wall_s", "cpu_s")} | {"n": len(rs)}
        for name, rs in runs.items()
    }
    result["n_sentences"] = vader["n_sentences"]
    sys.stdout.write(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
