"""``tiktok-study init DIR``: a new project folder for one's own corpus, with the package's notebooks.

The folder gets the layout the commands expect (``data/raw``, ``data/processed``, ``notebooks/``, ``reports/``
made on first render), the notebook templates copied from the installed package, a ``README.md`` stub and the
marker file ``tiktok-study.toml`` by which :func:`tiktok_study.config.project_root` finds the project from any
folder below it. The templates are ``notebooks/`` of the source checkout: a wheel carries a copy as package data
(``tiktok_study/templates/notebooks``, copied at build time by ``setup.py``); an editable install reads the
checkout's folder.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> summary = init_project(Path(tempfile.mkdtemp()) / "study")
    >>> sorted(p.name for p in summary.folder.iterdir())
    ['README.md', 'data', 'notebooks', 'tiktok-study.toml']
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from tiktok_study.config import PROJECT_MARKER as MARKER
from tiktok_study.errors import UsageError

__all__ = ["MARKER", "InitSummary", "init_project", "template_dir"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

_MARKER_TEXT = """\
# This folder is a tiktok-study project: `tiktok-study` commands run anywhere below it use its data/, notebooks/
# and reports/ folders. (Made by `tiktok-study init`; the file's presence is what counts.)
"""

_README = """\
# {name}

A corpus study made with [tiktok_study](https://pypi.org/project/tiktok_study/) {version}.

1. Put your articles in `data/raw/` (plain text, Markdown, HTML, JSONL/CSV exports, Nexis exports).
   The tool reads this folder and never writes it.
2. Once per environment: `tiktok-study setup` (offline NLTK data and the Jupyter kernel).
3. `tiktok-study normalize`, then `tiktok-study analyze`, then `tiktok-study render`
   (or `tiktok-study run` for all three). Reports land in `reports/`.
4. `tiktok-study export --format xlsx` for Excel, MAXQDA or ATLAS.ti.

The notebooks in `notebooks/` are copies of the package's templates; edit them freely.
"""


@dataclass
class InitSummary:
    """What :func:`init_project` made."""

    folder: Path
    created: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"init: made a tiktok-study project in {self.folder}: " + ", ".join(self.created)


def template_dir() -> Path:
    """The notebook templates: the package's copy in a wheel, else the checkout's ``notebooks/``."""
    packaged = Path(__file__).resolve().parent / "templates" / "notebooks"
    if any(packaged.glob("*.ipynb")):
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "notebooks"
    if any(checkout.glob("*.ipynb")):
        return checkout
    raise UsageError("this installation of tiktok_study carries no notebook templates (a broken wheel?)")


def init_project(folder: str | Path, *, force: bool = False) -> InitSummary:
    """Make a project folder at ``folder`` (see the module docstring).

    Args:
        folder: where; it may exist but must be empty unless ``force``.
        force: add what is missing to a folder that is not empty; existing files are never overwritten.

    Raises:
        UsageError: the folder is not empty (without ``force``), or is a file.
    """
    from tiktok_study import __version__

    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise UsageError(
            f"{target} is not empty; use --force to add the missing parts (nothing is overwritten)"
        )
    templates = template_dir()
    summary = InitSummary(target)
    for sub in ("data/raw", "data/processed"):
        path = target / sub
        if not path.is_dir():
            path.mkdir(parents=True)
            summary.created.append(f"{sub}/")
    copied = 0
    for path in sorted(templates.rglob("*")):
        relative = path.relative_to(templates)
        if not path.is_file() or any(part.startswith(".") for part in relative.parts):
            continue
        dest = target / "notebooks" / relative
        if dest.exists():
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)
        copied += 1
    if copied:
        summary.created.append(f"notebooks/ ({copied} files)")
    for name, text in (
        (MARKER, _MARKER_TEXT),
        ("README.md", _README.format(name=target.resolve().name, version=__version__)),
    ):
        if not (target / name).exists():
            (target / name).write_text(text, encoding="utf-8")
            summary.created.append(name)
    return summary
