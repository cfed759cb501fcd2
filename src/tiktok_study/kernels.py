"""Warm kernels for render: many runs of one notebook share a kernel instead of starting one per run.

Starting a kernel and importing pandas, matplotlib and the package costs about two seconds; a per-article report
takes a fraction of that to compute. :class:`KernelPool` keeps up to ``size`` kernels per notebook source alive
for the whole render and hands them to the runs of that notebook one at a time. Before every run the kernel is
brought back to the state of a fresh kernel, as far as a notebook can see it:

- the user namespace is emptied and the execution counter set back to 1 (``InteractiveShell.reset``);
- every matplotlib figure is closed; matplotlib's ``rcParams`` (but the backend and interactive mode, which the
  inline backend sets once, at the first figure) and pandas' options are restored to what they were right after
  the kernel imported them (before any notebook ran);
- the "warn once" registries of every module are cleared, so a warning shown by the first run is shown again;
- the working directory is the project root again.

Modules stay imported — that is the saving. What the imports (and each reset) leave behind is moved out of the
garbage collector's sight (``gc.freeze``), so a reset's collection, and those a run triggers, do not walk the
heap of pandas and matplotlib again (0.3-0.4 s a run otherwise). Only runs of the *same* notebook share a
kernel, so one notebook's module-level state never meets another's. ``tests/test_kernels.py`` compares warm-kernel outputs with separate
runs cell by cell.

Kernels use IPC sockets in a private temporary folder (no TCP port). :meth:`KernelPool.shutdown` stops every
kernel; :meth:`KernelPool.kill` kills them at once (Ctrl-C).
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections import defaultdict
from pathlib import Path
from typing import Any

from tiktok_study import resources

__all__ = ["ENGINE_NAME", "KernelPool", "WarmKernel", "register_engine"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

#: Imported once when a kernel starts; their import-time state is what each run starts from.
_WARM_UP = """
import matplotlib
import matplotlib.pyplot
import pandas
import tiktok_study
import warnings as __w
with __w.catch_warnings():
    __w.simplefilter("ignore")
    __tiktok_study_fresh = {
        # not the backend nor interactive mode: the inline backend turns that on at the first figure, once
        "rc": {k: v for k, v in matplotlib.rcParams.items() if k not in ("backend", "interactive")},
        "pandas": {k: pandas.get_option(k) for k in pandas._config.config._registered_options},
    }
import gc as __gc
__gc.collect()
__gc.freeze()  # what the imports built is never garbage: later collections (each reset's) skip it
"""

#: Run before every notebook run in a kernel, the first included (see the module docstring).
_RESET = """
def __tiktok_study_reset(root, fresh):
    import gc, os, sys, warnings
    import matplotlib, matplotlib.pyplot as plt, pandas
    plt.close("all")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        matplotlib.rcParams.update(fresh["rc"])
        for key, value in fresh["pandas"].items():
            try:
                pandas.set_option(key, value)
            except Exception:
                pass
    for module in list(sys.modules.values()):
        registry = getattr(module, "__warningregistry__", None)
        if isinstance(registry, dict):
            registry.clear()
    warnings._filters_mutated()
    os.chdir(root)
    ip = get_ipython()
    ip.reset(new_session=True)
    ip.user_ns["__tiktok_study_fresh"] = fresh
    gc.collect()
    gc.freeze()  # what survives a reset (modules and their caches) is left out of later collections
__tiktok_study_reset({root!r}, __tiktok_study_fresh)
"""


#: The papermill engine that runs a notebook in a :class:`WarmKernel` (``pm.execute_notebook(engine_name=...)``).
ENGINE_NAME = "tiktok-study-warm"
_registered = threading.Lock()


def register_engine() -> str:
    """Register with papermill the engine that executes in an already started kernel; return its name.

    papermill's own engine creates a new kernel client per run (and never stops its channels when it does not
    own the kernel, which is what makes jupyter_client warn "Could not destroy zmq context"). This one uses the
    client of the warm kernel, passed as ``warm_kc``.
    """
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.utils import merge_kwargs, remove_args

    class WarmKernelEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(
            cls, nb_man, kernel_name, log_output=False, stdout_file=None, stderr_file=None,
            start_timeout=60, execution_timeout=None, **kwargs,
        ):  # fmt: skip
            kc = kwargs.pop("warm_kc")
            kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
            client = PapermillNotebookClient(
                nb_man,
                **merge_kwargs(
                    kwargs, timeout=execution_timeout, startup_timeout=start_timeout, kernel_name=kernel_name,
                    log=logging.getLogger("papermill"), log_output=log_output, stdout_file=stdout_file,
                    stderr_file=stderr_file,
                ),
            )  # fmt: skip
            client.kc = kc
            nb_man.save = _saving_rarely(nb_man)  # shadows the method for this run's cells only
            try:
                return client.execute()
            finally:
                del nb_man.save  # papermill's last writes (notebook_complete, execute_notebook) are whole

    with _registered:
        if ENGINE_NAME not in papermill_engines._engines:
            papermill_engines.register(ENGINE_NAME, WarmKernelEngine)
    return ENGINE_NAME


def _saving_rarely(nb_man: Any) -> Any:
    """``nb_man.save`` for the cells of a warm-kernel run: write the output notebook only when papermill's
    autosave interval (``autosave_cell_every``, 30 s) has passed since the last write.

    papermill writes the whole notebook, validated, before and after every cell (40 writes for the 20 cells of
    an article report, about half a second); the notebook it writes at the end is the same either way, and a
    long cell is still saved every 30 s.
    """
    save = type(nb_man).save.__get__(nb_man)

    def save_rarely(**kwargs: Any) -> None:
        if kwargs.get("nb") is not None:
            nb_man.nb = kwargs["nb"]
        if (nb_man.now() - nb_man.last_save_time).total_seconds() >= (nb_man.autosave_cell_every or 30):
            save(**kwargs)

    return save_rarely


class KernelError(RuntimeError):
    """A kernel that could not be started or brought back to a fresh state."""


class WarmKernel:
    """One kernel of the project's kernelspec, kept alive across notebook runs.

    Args:
        cwd: the working directory of the kernel (the project root).
    """

    def __init__(self, *, cwd: Path) -> None:
        from jupyter_client.manager import AsyncKernelManager

        self.cwd = Path(cwd)
        self._sockets = Path(tempfile.mkdtemp(prefix="tiktok-study-kernel-"))
        # asynchronous manager and client, as nbclient expects: a blocking client would block nbclient's event
        # loop in get_msg, so a kernel that dies mid-cell would never be noticed
        self.km = AsyncKernelManager(
            kernel_name=resources.KERNEL_NAME, transport="ipc", ip=str(self._sockets / "kernel")
        )
        self.kc: Any = None
        self.runs = 0

    def start(self, *, timeout: float = 60) -> None:
        """Start the kernel and its client, and import the warm-up modules."""
        from jupyter_core.utils import run_sync

        run_sync(self.km.start_kernel)(cwd=str(self.cwd))
        self.kc = self.km.client()
        self.kc.start_channels()
        run_sync(self.kc.wait_for_ready)(timeout=timeout)
        self.kc.allow_stdin = False
        self._run_silently(_WARM_UP, timeout=timeout)

    def _run_silently(self, code: str, *, timeout: float) -> None:
        from jupyter_core.utils import run_sync

        reply = run_sync(self.kc.execute_interactive)(
            code, silent=False, store_history=False, output_hook=lambda msg: None, timeout=timeout
        )
        content = reply.get("content", {})
        if content.get("status") != "ok":
            raise KernelError(f"kernel set-up failed: {content.get('ename')}: {content.get('evalue')}")

    def prepare(self, *, timeout: float = 60) -> None:
        """Bring the kernel back to a fresh state before a run (the warm-up counts as a run before the first)."""
        self._run_silently(_RESET.format(root=str(self.cwd)), timeout=timeout)
        self.runs += 1

    @property
    def _process(self) -> Any:
        return getattr(getattr(self.km, "provisioner", None), "process", None)

    @property
    def alive(self) -> bool:
        """The kernel process runs (asked of the process, not through jupyter_client's event loop)."""
        process = self._process
        return process is not None and process.poll() is None

    def kill(self) -> None:
        """Kill the kernel's process group at once and close the client (Ctrl-C).

        Signals only: after an interrupted or failed execution (a dead kernel) this thread's event loop may
        still hold the client's pending tasks, so nothing here may run it (``KernelManager.shutdown_kernel``
        would, and would wait for a reply that never comes).
        """
        process = self._process
        if process is not None and process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGKILL)  # the kernel leads its own session (jupyter_client)
            except (AttributeError, OSError):
                process.kill()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                logger.warning("kernel process %s did not end after SIGKILL", process.pid)
        try:
            if self.kc is not None:
                self.kc.stop_channels()
        except Exception as exc:
            logger.debug("closing the kernel client: %s", exc)
        shutil.rmtree(self._sockets, ignore_errors=True)

    def shutdown(self, *, now: bool = False) -> None:
        """Stop the client's channels and the kernel; remove the socket folder."""
        from jupyter_core.utils import run_sync

        try:
            if self.kc is not None:
                self.kc.stop_channels()
            if self.km.has_kernel:
                run_sync(self.km.shutdown_kernel)(now=now)
        except Exception as exc:  # a kernel already gone: nothing left to stop
            logger.debug("kernel shutdown: %s", exc)
        finally:
            shutil.rmtree(self._sockets, ignore_errors=True)


class KernelPool:
    """Up to ``size`` warm kernels per notebook source; :meth:`acquire` one, :meth:`release` it after the run.

    Args:
        cwd: the kernels' working directory.
        size: kernels per notebook source at most (the render's ``jobs``).
    """

    def __init__(self, *, cwd: Path, size: int = 1) -> None:
        self.cwd = Path(cwd)
        self.size = max(1, size)
        self._idle: dict[str, list[WarmKernel]] = defaultdict(list)
        self._all: list[WarmKernel] = []
        self._count: dict[str, int] = defaultdict(int)
        self._cond = threading.Condition()
        self._closed = False

    def acquire(self, key: str) -> WarmKernel:
        """A kernel for notebook ``key``: an idle warm one, a new one, or the next one released."""
        with self._cond:
            while True:
                if self._closed:
                    raise KernelError("the kernel pool was shut down")
                idle = self._idle[key]
                while idle:
                    kernel = idle.pop()
                    if kernel.alive:
                        return kernel
                    self._count[key] -= 1
                    kernel.kill()
                if self._count[key] < self.size:
                    self._count[key] += 1
                    kernel = WarmKernel(cwd=self.cwd)
                    self._all.append(kernel)
                    break
                self._cond.wait()
        try:
            kernel.start()
        except BaseException:  # a failed start or Ctrl-C: kill by signal (see WarmKernel.kill)
            self.release(key, kernel, broken=True)
            raise
        return kernel

    def release(self, key: str, kernel: WarmKernel, *, broken: bool = False) -> None:
        """Give ``kernel`` back; a broken or dead kernel is shut down and replaced on demand."""
        with self._cond:
            if broken or not kernel.alive:
                self._count[key] -= 1
                kernel.kill()
            elif self._closed:
                self._count[key] -= 1
                kernel.shutdown(now=True)
            else:
                self._idle[key].append(kernel)
            self._cond.notify_all()

    def retire(self, key: str) -> None:
        """Shut down the idle kernels of ``key`` (its last run is done)."""
        with self._cond:
            for kernel in self._idle.pop(key, []):
                self._count[key] -= 1
                kernel.shutdown()
            self._cond.notify_all()

    def shutdown(self, *, now: bool = False) -> None:
        """Stop every kernel of the pool (``now``: kill them without waiting)."""
        with self._cond:
            self._closed = True
            kernels, self._all = self._all, []
            self._idle.clear()
            self._cond.notify_all()
        for kernel in kernels:
            kernel.shutdown(now=now)

    def kill(self) -> None:
        """Kill every kernel at once (Ctrl-C); see :meth:`WarmKernel.kill`."""
        with self._cond:
            self._closed = True
            kernels, self._all = self._all, []
            self._idle.clear()
            self._cond.notify_all()
        for kernel in kernels:
            kernel.kill()
