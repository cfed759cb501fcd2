"""CPU seconds per step, shared by ``step_cpu.py`` (analyze) and ``normalize_step_cpu.py`` (normalize).

A step is a function wrapped with a ``time.process_time`` counter; the counters add up in :data:`SPENT`, which a
script prints as JSON with :func:`report`. Imports nothing of the package, so a script can time its import.
"""

from __future__ import annotations

import functools
import json
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

#: CPU seconds by step label, in the order the steps were first timed.
SPENT: dict[str, float] = {}


def add(label: str, started: float) -> None:
    """Add the CPU time since ``started`` (a ``time.process_time()`` value) to ``label``."""
    SPENT[label] = SPENT.get(label, 0.0) + time.process_time() - started


def timed(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn`` with its CPU time added to ``label`` at every call."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            add(label, started)

    return wrapper


def timed_items(label: str, fn: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    """A generator function whose own work (not its consumer's) is timed, item by item."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
        items = fn(*args, **kwargs)
        while True:
            started = time.process_time()
            try:
                item = next(items)
            except StopIteration:
                add(label, started)
                return
            add(label, started)
            yield item

    return wrapper


def report() -> None:
    """Add the process total and print every step's CPU seconds as JSON."""
    SPENT["process total"] = time.process_time()
    sys.stdout.write(json.dumps({k: round(v, 2) for k, v in SPENT.items()}, indent=2) + "\n")
