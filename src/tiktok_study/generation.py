"""One processed folder, one generation of tables: a lock for writers, a record of what each run wrote.

``normalize`` and ``analyze`` each write several tables into the processed folder. Each table is written
atomically, but a run that is killed between two renames, or two runs writing the same folder at once, could leave
tables of different runs side by side — analysis rows for articles that no longer exist. This module prevents and
detects that:

- :func:`writing` is held by every run that writes the folder: an exclusive lock on ``.tiktok-study.lock`` (the
  operating system releases it when the process ends, even on ``kill -9``; the file is removed when the run
  ends), so a second run waits for the first and says so, and a record in ``generation.json`` that the stage is being written, replaced by the list of
  tables and their sha256 when the stage finished.
- :func:`check` (called by :func:`tiktok_study.load_corpus`) refuses a folder whose last run did not finish, a
  table that is not the one its run wrote, and analysis tables computed from another ``articles`` table.

Folders written before this record existed (no ``generation.json``) are read as they are.

Example:
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with writing(folder, "normalize") as run:
    ...     _ = (folder / "articles.parquet").write_bytes(b"new articles")
    ...     run.wrote("articles")
    >>> check(folder, ["articles"])
    >>> _ = (folder / "articles.parquet").write_bytes(b"changed by hand")
    >>> check(folder, ["articles"])
    Traceback (most recent call last):
    ...
    tiktok_study.errors.UsageError: ...articles.parquet is not the table normalize wrote ...
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from tiktok_study.errors import UsageError
from tiktok_study.io import atomic_write_text, sha256_file

__all__ = ["GENERATION_FILE", "LOCK_FILE", "Run", "check", "writing"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

#: The record of the runs that wrote a processed folder.
GENERATION_FILE = "generation.json"
#: The lock file every writing run holds.
LOCK_FILE = ".tiktok-study.lock"

Stage = Literal["normalize", "analyze"]


def _read(folder: Path) -> dict[str, Any]:
    path = folder / GENERATION_FILE
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path} is unreadable ({exc}); run `tiktok-study normalize` again") from exc
    return data if isinstance(data, dict) else {}


def _write(folder: Path, data: dict[str, Any]) -> None:
    atomic_write_text(folder / GENERATION_FILE, json.dumps(data, indent=2, sort_keys=True) + "\n")


def _fingerprint(path: Path) -> dict[str, Any]:
    return {"sha256": sha256_file(path), "bytes": path.stat().st_size}


class Run:
    """The tables one run wrote (see :func:`writing`)."""

    __slots__ = ("_data", "folder", "stage", "started", "tables")

    def __init__(self, folder: Path, stage: Stage, data: dict[str, Any]) -> None:
        self.folder = folder
        self.stage = stage
        self.tables: list[str] = []
        self.started = False
        self._data = data

    def start(self) -> None:
        """Record that the run is about to replace tables (called once, before the first table is replaced).

        From here until the run finishes, :func:`check` refuses the folder: a run that dies halfway leaves it
        marked as unfinished. :meth:`wrote` starts the run too.
        """
        if not self.started:
            self.started = True
            _write(self.folder, self._data)

    def wrote(self, *names: str) -> None:
        """Record that the run has written (renamed into place) these tables."""
        self.start()
        self.tables += [n for n in names if n not in self.tables]


def _acquire(path: Path, stage: Stage) -> Any:
    """Open and lock the lock file; wait (saying so) while another run holds it."""
    while True:
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 (closed by writing(), which holds it)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another tiktok-study run"
            logger.warning("%s is being written by %s; waiting for it to finish", path.parent, holder)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            same = os.fstat(handle.fileno()).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:  # not a file that the run before us removed while we waited: we hold the folder's lock
            return handle
        handle.close()


@contextlib.contextmanager
def _locked(folder: Path, stage: Stage) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_FILE
    handle = _acquire(path, stage)
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(f"{stage} (pid {os.getpid()})\n")
        handle.flush()
        yield
    finally:
        path.unlink(
            missing_ok=True
        )  # removed while still held: a waiting run sees it gone and opens a new one
        handle.close()


@contextlib.contextmanager
def writing(folder: str | os.PathLike[str], stage: Stage) -> Iterator[Run]:
    """Hold the folder's lock while a run writes its tables, and record them when it finishes.

    ``normalize`` makes every analysis table stale, so its record replaces the whole file; ``analyze`` records
    the ``articles`` table it read. Once the run has started replacing tables (:meth:`Run.start`), a block that
    raises (or a process that dies) leaves the record saying the stage is being written, and :func:`check`
    refuses the folder until a run finishes; before that, an error leaves the folder and its record as they were.
    """
    path = Path(folder)
    with _locked(path, stage):
        data = {} if stage == "normalize" else _read(path)
        data.pop("analyze", None)  # a new normalize or a new analyze: the old analysis is no longer current
        data[stage] = {"state": "writing"}
        run = Run(path, stage, data)
        yield run
        run.start()
        entry: dict[str, Any] = {
            "state": "done",
            "tables": {n: _fingerprint(path / f"{n}.parquet") for n in sorted(run.tables)},
        }
        if stage == "analyze" and (path / "articles.parquet").is_file():
            entry["articles_sha256"] = sha256_file(path / "articles.parquet")
        data[stage] = entry
        _write(path, data)


def check(folder: str | os.PathLike[str], names: list[str]) -> None:
    """Refuse tables of ``folder`` that do not belong together (see the module doc).

    Raises:
        UsageError: a run did not finish, a table differs from the one its run wrote, or the analysis tables
            were computed from another ``articles`` table. The message names the folder and what to run.
    """
    path = Path(folder)
    data = _read(path)
    for stage in ("normalize", "analyze"):
        entry = data.get(stage)
        if not isinstance(entry, dict):
            continue
        if entry.get("state") != "done":
            raise UsageError(
                f"the last `tiktok-study {stage}` of {path} did not finish (interrupted?): "
                f"run `tiktok-study {stage}` again before reading it"
            )
        tables = entry.get("tables") or {}
        for name in names:
            if name not in tables or not (path / f"{name}.parquet").is_file():
                continue
            if _fingerprint(path / f"{name}.parquet") != tables[name]:
                raise UsageError(
                    f"{path / (name + '.parquet')} is not the table {stage} wrote (changed since); "
                    f"run `tiktok-study {stage}` again"
                )
    analysis = data.get("analyze")
    if (
        isinstance(analysis, dict)
        and analysis.get("articles_sha256")
        and any(n in (analysis.get("tables") or {}) for n in names)
        and (path / "articles.parquet").is_file()
        and sha256_file(path / "articles.parquet") != analysis["articles_sha256"]
    ):
        raise UsageError(
            f"the analysis tables of {path} were computed from another articles table: "
            "run `tiktok-study analyze` again"
        )
