"""Same input, byte-identical tables — across processes, not only within one.

Calling a function twice in one process cannot catch what changes between processes: the order of a ``set`` of
strings (Python salts string hashes per process), a dictionary filled in an order that depends on it, a time
stamp, an absolute path. Here ``normalize`` and ``analyze`` run through ``python -m tiktok_study`` in two fresh
processes with different hash seeds, on the seed fixtures, and every Parquet file must come out byte-identical.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import SEEDS


def _run_pipeline(out: Path, *, hash_seed: str) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    for verb in (
        ["normalize", "--raw", str(SEEDS), "--out", str(out)],
        ["analyze", "--processed", str(out)],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "tiktok_study", *verb],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, f"{verb[0]} failed:\n{done.stderr}"
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.parquet"))}


def test_normalize_and_analyze_give_the_same_bytes_in_separate_processes(tmp_path):
    first = _run_pipeline(tmp_path / "a", hash_seed="1")
    second = _run_pipeline(tmp_path / "b", hash_seed="2")
    # the analysis tables are there too, not only the normalized ones
    assert {"articles.parquet", "sentences.parquet", "statistics.parquet"} <= set(first)
    assert sorted(first) == sorted(second)
    differ = [name for name in first if first[name] != second[name]]
    assert not differ, f"tables that differ between two processes: {differ}"
