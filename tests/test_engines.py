"""The local pool of :mod:`tiktok_study.engines`: results in item order, and where the warm-up runs (issue #16).

Forked workers are copies of the parent: the warm-up (imports, lexicons, compiled matchers) runs once, in the
parent, and the workers start warm. Spawned workers share nothing: each one runs the warm-up itself.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import sys

import pytest

from tiktok_study import engines

# The functions a worker runs must be importable by name in a spawned worker: a small module written per test.
PROBE = """
import os

warmed_in = []  # the pids of the processes where warm ran (each process has its own copy)


def warm(shared):
    warmed_in.append(os.getpid())


def where(item, shared):
    return item + shared, os.getpid(), list(warmed_in)
"""


@pytest.fixture
def probe(tmp_path, monkeypatch):
    (tmp_path / "engine_probe.py").write_text(PROBE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("engine_probe", None)
    module = importlib.import_module("engine_probe")
    yield module
    sys.modules.pop("engine_probe", None)


def _run(probe, jobs: int, items: list[int]) -> list[tuple]:
    with engines.executor(engine="local", jobs=jobs, shared=100, warm=probe.warm) as ex:
        return list(ex.map(probe.where, items))


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="workers are not forked here")
def test_forked_workers_start_warm_from_the_parent(probe):
    out = _run(probe, 2, list(range(12)))
    assert [value for value, _, _ in out] == [100 + i for i in range(12)]  # in item order
    parent = os.getpid()
    assert probe.warmed_in == [parent]  # warmed once, here
    workers = {pid for _, pid, _ in out}
    assert parent not in workers and 1 <= len(workers) <= 2
    assert all(warmed == [parent] for _, _, warmed in out)  # inherited, never run again in a worker


def test_spawned_workers_warm_themselves(probe, monkeypatch):
    spawn = multiprocessing.get_context("spawn")
    monkeypatch.setattr(engines.multiprocessing, "get_context", lambda: spawn)
    out = _run(probe, 2, [1, 2, 3])
    assert [value for value, _, _ in out] == [101, 102, 103]
    assert probe.warmed_in == []  # not in the parent
    for _, pid, warmed in out:
        assert warmed == [pid]  # each worker ran the warm-up itself, once


def test_one_job_runs_inline_and_lazily(probe):
    assert _run(probe, 1, [5]) == [(105, os.getpid(), [])]  # here; the first task warms what it needs itself
