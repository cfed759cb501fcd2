"""Where the work of ``normalize`` and ``analyze`` runs: in this process, in worker processes, or on Dask.

An :class:`Executor` maps ``fn(item, shared)`` over work items and yields the results **in the order of the
items**, whatever order the workers finish in, with a bounded number of items in flight (results waiting to be
written never pile up). The callers write the tables themselves, in that order, which is why a table is the
same, byte for byte, whatever the engine and the number of workers.

* ``engine="local"``, ``jobs=1``: in this process; nothing is pickled.
* ``engine="local"``, ``jobs > 1``: a pool of worker processes started once per run. ``shared`` (the state every
  task needs: a codebook, a folder name …) is sent to each worker once, when it starts; a task sends only its
  item (file names, an id range) and gets back small Arrow tables or a summary. Where workers are forked (the
  default start method on Linux), ``warm`` runs once in this process before the workers start, and they inherit
  its warm state; otherwise (spawn, forkserver) each worker runs ``warm`` when it starts.
* ``engine="dask"``: the futures of a ``distributed`` client, on the cluster whose scheduler listens at
  ``scheduler`` (``tcp://host:8786``), or on a ``LocalCluster`` of ``jobs`` single-threaded worker processes
  when no address is given. ``shared`` is scattered to every worker once. The workers must see the input files
  at the same paths (a shared file system) and have this package installed; the output is written by the
  client.

Example:
    >>> import operator
    >>> with executor(engine="local", jobs=1, shared=10) as ex:
    ...     list(ex.map(operator.add, [1, 2, 3]))
    [11, 12, 13]
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, Literal

from tiktok_study.errors import RunError, UsageError

__all__ = [
    "DASK_CONNECT_TIMEOUT",
    "ENGINES",
    "IN_FLIGHT_PER_WORKER",
    "Engine",
    "Executor",
    "check_engine",
    "dask_client",
    "executor",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

Engine = Literal["local", "dask"]
ENGINES: tuple[str, ...] = ("local", "dask")
#: Seconds to wait for the Dask scheduler named with ``scheduler``.
DASK_CONNECT_TIMEOUT = 20
#: Work items in flight per worker process (local) or worker thread (Dask).
IN_FLIGHT_PER_WORKER = 4

_SHARED: Any = None  # the shared state of a pool worker (set once per worker process by _pool_init)


def _pool_init(shared: Any, warm: Callable[[Any], Any] | None) -> None:
    global _SHARED
    _SHARED = shared
    if warm is not None:
        warm(shared)


def _pool_call(fn: Callable[[Any, Any], Any], item: Any) -> Any:
    return fn(item, _SHARED)


def _ordered(
    submit: Callable[[Any], Any], get: Callable[[Any], Any], items: Iterable[Any], window: int
) -> Iterator[Any]:
    """Results of ``get(submit(item))`` in item order, at most ``window`` items submitted and not yet yielded."""
    pending: deque[Any] = deque()
    try:
        for item in items:
            pending.append(submit(item))
            if len(pending) >= window:
                yield get(pending.popleft())
        while pending:
            yield get(pending.popleft())
    finally:
        for future in pending:
            future.cancel()


class Executor:
    """Runs ``fn(item, shared)`` for each item; :meth:`map` yields the results in item order.

    Attributes:
        workers: how many items run at once (processes or Dask worker threads).
    """

    workers: int = 1

    def map(self, fn: Callable[[Any, Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        """Yield ``fn(item, shared)`` for each of ``items``, in order (``fn`` must be a module-level function)."""
        raise NotImplementedError


class _Inline(Executor):
    def __init__(self, shared: Any, warm: Callable[[Any], Any] | None) -> None:
        self.shared = shared
        self.workers = 1

    def map(self, fn: Callable[[Any, Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        for item in items:
            yield fn(item, self.shared)


class _Pool(Executor):
    def __init__(self, jobs: int, shared: Any, warm: Callable[[Any], Any] | None) -> None:
        self.workers = jobs
        context = multiprocessing.get_context()
        if warm is not None and context.get_start_method() == "fork":
            # Forked workers start as copies of this process: warmed here once, every worker starts warm
            # (imports, lexicons, compiled matchers) instead of each paying for it on a core the others need.
            warm(shared)
            warm = None
        self.pool = ProcessPoolExecutor(
            max_workers=jobs, mp_context=context, initializer=_pool_init, initargs=(shared, warm)
        )

    def map(self, fn: Callable[[Any, Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        def get(future: Any) -> Any:
            try:
                return future.result()
            except BrokenProcessPool as exc:
                raise RunError(
                    f"a worker process died ({exc}); the machine may be out of memory: try fewer --jobs"
                ) from exc

        yield from _ordered(
            lambda item: self.pool.submit(_pool_call, fn, item),
            get,
            items,
            self.workers * IN_FLIGHT_PER_WORKER,
        )


class _Dask(Executor):
    def __init__(self, client: Any, shared: Any, warm: Callable[[Any], Any] | None) -> None:
        self.client = client
        self.workers = max(1, sum(client.nthreads().values()))
        # a list of one element: scatter sends the object as a whole (a tuple would be split into its items)
        self.shared = client.scatter([shared], broadcast=True, hash=False)[0] if shared is not None else None

    def map(self, fn: Callable[[Any, Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        def get(future: Any) -> Any:
            try:
                return future.result()
            finally:
                future.release()

        yield from _ordered(
            lambda item: self.client.submit(fn, item, self.shared, pure=False),
            get,
            items,
            self.workers * IN_FLIGHT_PER_WORKER,
        )


def check_engine(engine: str, jobs: int, scheduler: str | None) -> None:
    """Check the engine options before any work.

    Raises:
        UsageError: unknown engine, ``jobs`` < 1, or ``scheduler`` without ``engine="dask"``.

    Example:
        >>> check_engine("local", 0, None)
        Traceback (most recent call last):
        ...
        tiktok_study.errors.UsageError: --jobs must be 1 or more, got 0
    """
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; choose local or dask")
    if jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, got {jobs}")
    if scheduler and engine != "dask":
        raise UsageError(f"--scheduler {scheduler} needs --engine dask")


@contextmanager
def dask_client(*, scheduler: str | None = None, workers: int = 1) -> Iterator[Any]:
    """A ``distributed.Client`` on the scheduler at ``scheduler``, or on a new ``LocalCluster`` of ``workers``
    single-threaded processes; closed (the local cluster shut down) on leaving the block.

    Raises:
        UsageError: the scheduler cannot be reached in :data:`DASK_CONNECT_TIMEOUT` seconds (names the address).
    """
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=DASK_CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise UsageError(
                f"cannot reach the Dask scheduler at {scheduler} ({exc}); check the address "
                "(e.g. tcp://host:8786) and that the scheduler is running"
            ) from exc
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        client = Client(cluster, set_as_default=False)
        try:
            yield client
        finally:
            client.close()
    finally:
        cluster.close()


@contextmanager
def executor(
    *,
    engine: Engine = "local",
    jobs: int = 1,
    scheduler: str | None = None,
    shared: Any = None,
    warm: Callable[[Any], Any] | None = None,
) -> Iterator[Executor]:
    """The executor of a run (a context manager; worker processes or the Dask client live as long as the block).

    Args:
        engine: ``"local"`` (this machine) or ``"dask"``.
        jobs: worker processes (local), or workers of the ``LocalCluster`` started when ``engine="dask"`` has no
            ``scheduler``; 1 runs in this process.
        scheduler: address of a running Dask scheduler (``engine="dask"`` only).
        shared: the state passed to every call as its second argument (sent to each worker once).
        warm: ``warm(shared)`` is called once in each local pool worker before its first task (load models,
            build matchers), so no task pays for it — once in this process instead when the workers are forked
            from it; Dask workers warm up on their first task.

    Raises:
        UsageError: unknown engine, ``jobs`` < 1, ``scheduler`` without ``engine="dask"``, or an unreachable
            scheduler.
    """
    check_engine(engine, jobs, scheduler)
    if engine == "dask":
        with dask_client(scheduler=scheduler, workers=jobs) as client:
            logger.info("dask: %s", client)
            yield _Dask(client, shared, warm)
        return
    if jobs == 1:
        yield _Inline(shared, warm)
        return
    pool = _Pool(jobs, shared, warm)
    try:
        yield pool
    except BaseException:
        pool.pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.pool.shutdown(wait=True)
