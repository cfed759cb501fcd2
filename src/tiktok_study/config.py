"""Where things live: one place for every path the project uses.

The project root is, in order: the ``TIKTOK_STUDY_ROOT`` environment variable; the nearest folder above the
current directory holding a ``pyproject.toml`` of this project or the marker ``tiktok-study.toml`` (a project
made by ``tiktok-study init``); the checkout this package was installed from
(editable install). Every path below can also be passed explicitly to the functions and commands that use it.

A path a user writes — in a notebook parameter, a YAML file, on the command line of a notebook — is read from
the project root, not from the working directory (a kernel in JupyterLab starts in ``notebooks/``, papermill in
whatever folder it was called from): :func:`resolve`. A path shown or recorded is written relative to the project
root (:func:`relative`), so no report carries the folder layout of the machine that made it.

Example:
    >>> from tiktok_study import config
    >>> config.processed_dir().name
    'processed'
    >>> config.resolve("data/gold") == config.project_root() / "data" / "gold"
    True
    >>> config.relative(config.project_root() / "data" / "gold")
    'data/gold'
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
    "relative",
    "reports_dir",
    "resolve",
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


def resolve(path: str | Path | None, default: Path | None = None) -> Path:
    """The folder or file ``path`` names, a relative path read from the project root (not the working directory).

    Args:
        path: absolute, or relative to the project root; ``~`` is expanded. None gives ``default``.
        default: the path to use when ``path`` is None.

    Raises:
        ValueError: ``path`` and ``default`` are both None.
    """
    if path is None:
        if default is None:
            raise ValueError("no path given and no default")
        return default
    given = Path(path).expanduser()
    return given if given.is_absolute() else project_root() / given


def relative(path: str | Path) -> str:
    """``path`` as a POSIX string relative to the project root; a file of the installed package as
    ``tiktok_study/…``; anything else by its name only (never an absolute path of this machine)."""
    given = Path(path)
    if not given.is_absolute():
        return given.as_posix()
    resolved = given.resolve()
    for base, prefix in ((project_root().resolve(), ""), (Path(__file__).resolve().parent, "tiktok_study/")):
        try:
            return prefix + resolved.relative_to(base).as_posix()
        except ValueError:
            continue
    return given.name
