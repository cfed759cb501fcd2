"""What keeps one odd article or one killed run from spoiling a corpus run.

* :func:`bound_metadata` — metadata values as single-line strings of bounded length (control characters out,
  a 100k-character title cut), each cut noted;
* :func:`repair_rows` — strings that UTF-8 cannot encode (lone surrogates from a JSON ``\\ud800``, undecodable
  bytes of a file name) replaced by U+FFFD, one character for one, so offsets stay exact;
* :func:`spill_folder`, :func:`terminate_as_exit` and :func:`remove_stale` — the run's temporary folder is named
  for its process and removed on exit (also on SIGTERM), and a later run removes what a run killed with SIGKILL
  left (spill folders of dead processes, temporary table files).

Example:
    >>> article = {"title": "A\\x00B " + "x" * 600, "authors": ["Ann\\x07 Lee"], "url": None}
    >>> bound_metadata(article), article["title"][:6], len(article["title"]), article["authors"]
    (['title cut to 500 characters'], 'A B xx', 500, ['Ann Lee'])
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = [
    "MAX_NAMES",
    "META_LIMITS",
    "bound_metadata",
    "remove_stale",
    "repair_rows",
    "spill_folder",
    "terminate_as_exit",
]

logger = logging.getLogger(__name__)

#: Longest value kept in a metadata column (characters; ``names``: each author or editor). A longer value is cut
#: (ending in "…") and the cut noted in ``articles.repaired``.
META_LIMITS: dict[str, int] = {
    "title": 500, "subtitle": 1000, "source": 200, "section": 200, "published": 40, "dateline": 200, "url": 2048,
    "names": 200,
}  # fmt: skip
#: Most names kept in ``authors`` / ``editors``.
MAX_NAMES = 50

# --- compiled regexes, together -------------------------------------------------------------------------------
# Control characters (C0, DEL, C1) and line breaks in a metadata value: each becomes a space.
META_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Spill folders: ".normalize-spill-<pid>-<random>" (runs before pids were recorded: ".normalize-spill-<random>").
SPILL_NAME = re.compile(r"^\.normalize-spill-(?:(\d+)-)?[\w-]+$")
# Temporary table files written by tiktok_study.io: ".<table>.parquet.<random>.tmp".
TMP_TABLE_NAME = re.compile(r"^\..+\.parquet\.[\w-]+\.tmp$")
# The probe file of the writability check: ".write-check.<random>".
WRITE_CHECK_NAME = re.compile(r"^\.write-check\.[\w-]+$")
SPILL_PREFIX = ".normalize-spill-"


def _bounded(value: str, limit: int) -> tuple[str, bool]:
    text = " ".join(META_CONTROL.sub(" ", LONE_SURROGATE.sub("\ufffd", value)).split())
    if len(text) <= limit:
        return text, False
    return text[: limit - 1].rstrip() + "…", True


def bound_metadata(article: dict[str, Any]) -> list[str]:
    """Make the metadata of an ``articles`` row single-line strings of bounded length, in place; the cuts made.

    Args:
        article: a row of ``articles`` as a dict (``title``, ``authors`` … as the pipeline builds them).

    Returns:
        One note per value cut or list shortened (control characters dropped are not noted: they are never
        part of a title or a name).
    """
    notes: list[str] = []
    for key, limit in META_LIMITS.items():
        value = article.get(key)
        if isinstance(value, str):
            text, cut = _bounded(value, limit)
            article[key] = text or None
            if cut:
                notes.append(f"{key} cut to {limit} characters")
    for key in ("authors", "editors"):
        names = article.get(key)
        if not names:
            continue
        kept = [n for n in (_bounded(str(name), META_LIMITS["names"])[0] for name in names) if n]
        if len(kept) > MAX_NAMES:
            notes.append(f"{key}: {len(kept)} names, first {MAX_NAMES} kept")
            kept = kept[:MAX_NAMES]
        article[key] = kept
    return notes


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _fix(value: Any) -> Any:
    if isinstance(value, str):
        return LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_fix(v) for v in value]
    return value


def repair_rows(
    article: dict[str, Any], tables: dict[str, list[tuple[Any, ...]]]
) -> tuple[dict[str, Any], dict[str, list[tuple[Any, ...]]], bool]:
    """The rows of one article with every string UTF-8 can encode (lone surrogates → U+FFFD, one for one).

    Cheap when nothing needs repair: the article's strings and the ``removed`` texts are encoded once (the texts
    of ``paragraphs`` and ``sentences`` are slices of ``article["text"]``). Returns the rows and whether any
    changed.
    """
    strings = [v for v in article.values() if isinstance(v, str)]
    strings += [n for key in ("authors", "editors") for n in article.get(key) or [] if isinstance(n, str)]
    strings += [v for row in tables.get("removed", ()) for v in row if isinstance(v, str)]
    if all(_encodable(s) for s in strings):
        return article, tables, False
    fixed = {k: _fix(v) for k, v in article.items()}
    rows = {name: [tuple(_fix(v) for v in row) for row in table] for name, table in tables.items()}
    return fixed, rows, True


def spill_folder(out_dir: Path) -> Path:
    """A new temporary folder for this run inside ``out_dir``, named for this process."""
    return Path(tempfile.mkdtemp(prefix=f"{SPILL_PREFIX}{os.getpid()}-", dir=out_dir))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True


def remove_stale(out_dir: Path) -> list[str]:
    """Remove what killed runs left in ``out_dir``: spill folders of dead processes, temporary table files.

    Temporary table files (``.<table>.parquet.<random>.tmp``) are only ever half-written tables of a run that
    did not finish: a run that finishes renames or removes its own. Call this only while no other run writes
    ``out_dir`` (the processed folder's lock).

    Returns:
        The names removed (for the log).
    """
    removed: list[str] = []
    try:
        entries = sorted(os.scandir(out_dir), key=lambda e: e.name)
    except OSError:
        return removed
    others = False  # another live run spilling here: its temporary tables are not stale
    for entry in entries:
        m = SPILL_NAME.match(entry.name)
        if m and entry.is_dir(follow_symlinks=False):
            if m.group(1) is not None and _alive(int(m.group(1))):
                others = others or int(m.group(1)) != os.getpid()
                continue
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(entry.name)
    for entry in entries:
        leftover = (not others and TMP_TABLE_NAME.match(entry.name)) or WRITE_CHECK_NAME.match(entry.name)
        if leftover and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
            except OSError:
                continue
            removed.append(entry.name)
    if removed:
        logger.info(
            "removed %d leftover temporary file(s) of an interrupted run in %s", len(removed), out_dir
        )
    return removed


@contextmanager
def terminate_as_exit() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`SystemExit` (status 143), so ``finally`` clauses clean up.

    Only in the main thread and where SIGTERM still has its default action (a host application's own handler
    is left alone).
    """
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGTERM) not in (
        signal.SIG_DFL,
        None,
    ):
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        logger.warning("terminated (signal %d): removing temporary files", signum)
        sys.exit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
