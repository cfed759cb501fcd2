"""Where things live: one place for every path the project uses.

The project root is, in order: the ``TIKTOK_STUDY_ROOT`` environment variable; the nearest folder above the
current directory holding a ``pyproject.toml`` of this project or the marker ``tiktok-study.toml`` (a project
made by ``tiktok-study init``); the checkout this package was installed from
(editable install). Every path below can also be passed explicitly to the functions and commands that use it.

Example:
    >>> from tiktok_study import config
    >>> config.processed_dir().name
    'processed'
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

__all__ = [
    "ENV_ROOT",
    "PROJECT_MARKER",
    "figures_dir",
    "notebooks_dir",
    "processed_dir",
    "project_root",
    "raw_dir",
    "reports_dir",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

ENV_ROOT = "TIKTOK_STUDY_ROOT"
_MARKER = 'name = "tiktok_study"'
PROJECT_MARKER = "tiktok-study.toml"


def _is_root(folder: Path) -> bool:
    if (folder / PROJECT_MARKER).is_file():
        return True
    pyproject = folder / "pyproject.toml"
    try:
        return pyproject.is_file() and _MARKER in pyproject.read_text(encoding="utf-8")
    except OSError:
        return False


def project_root() -> Path:
    """Return the project root folder (see the module docstring for the order of look-up)."""
    env = os.environ.get(ENV_ROOT)
    if env:
        return Path(env).expanduser().resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if _is_root(folder):
            return folder
    installed = Path(__file__).resolve().parents[2]
    if _is_root(installed):
        return installed
    return here


def raw_dir() -> Path:
    """``data/raw``: the articles as collected. Code reads it and never writes it."""
    return project_root() / "data" / "raw"


def processed_dir() -> Path:
    """``data/processed``: the Parquet tables written by ``normalize`` and ``analyze``."""
    return project_root() / "data" / "processed"


def reports_dir() -> Path:
    """``reports``: rendered notebooks, HTML and the run manifest (not tracked by git)."""
    return project_root() / "reports"


def figures_dir(reports: Path | None = None) -> Path:
    """``reports/figures``: every figure a notebook draws, also written as a file."""
    return (reports or reports_dir()) / "figures"


def notebooks_dir() -> Path:
    """``notebooks``: the parameterized notebooks, committed without outputs."""
    return project_root() / "notebooks"
