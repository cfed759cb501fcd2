"""Helpers the notebooks call: parameter checks, figures saved beside the report, values recorded as JSON.

A notebook records the values a reader (and the test suite) can check in ``<reports>/values/<notebook>.json``;
figures go to ``<reports>/figures/<notebook>/<name>.<format>`` as well as inline. Both are written
deterministically (sorted keys; no timestamps in PNG/SVG metadata).

Example:
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> path = record({"n_articles": 3}, notebook="1.0-corpus", reports_dir=folder)
    >>> path.name
    '1.0-corpus.json'
"""

from __future__ import annotations

import json
import logging
import math
import re
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from tiktok_study import config
from tiktok_study.errors import UsageError
from tiktok_study.params import ParameterError, check_parameters

__all__ = [
    "FigureSaver",
    "check_choice",
    "check_parameters",
    "check_positive",
    "processed_path",
    "project_path",
    "record",
    "reports_path",
    "save_figure",
    "show_statement",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())


def project_path(path: str | Path | None) -> Path | None:
    """A path parameter (a codebook, a gold folder …) read from the project root; None stays None."""
    return None if path is None else config.resolve(path)


def processed_path(processed_dir: str | Path | None) -> Path:
    """The processed folder a notebook reads: ``None`` gives ``data/processed``; a relative path is read from
    the project root, whatever the kernel's working directory."""
    return config.resolve(processed_dir or None, config.processed_dir())


def reports_path(reports_dir: str | Path | None) -> Path:
    """The reports folder a notebook writes to: ``None`` gives the project's ``reports/``; a relative path is
    read from the project root, whatever the kernel's working directory."""
    return config.resolve(reports_dir or None, config.reports_dir())


def _plain(value: Any) -> Any:
    if isinstance(value, pd.DataFrame):
        return [_plain(r) for r in value.to_dict(orient="records")]
    if isinstance(value, pd.Series):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | np.ndarray):
        return [_plain(v) for v in value]
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        value = float(value)
        return None if math.isnan(value) else round(value, 6)
    if value is pd.NA or value is None:
        return None
    return value


def record(values: dict[str, Any], *, notebook: str, reports_dir: str | Path | None = None) -> Path:
    """Write the notebook's checkable values to ``<reports>/values/<notebook>.json`` (merged with earlier calls)."""
    path = reports_path(reports_dir) / "values" / f"{notebook}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    current = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    current.update(_plain(values))
    path.write_text(
        json.dumps(current, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return path


def save_figure(
    fig: Any,
    name: str,
    *,
    notebook: str,
    reports_dir: str | Path | None = None,
    fmt: Literal["png", "svg", "pdf"] = "png",
    dpi: int = 150,
) -> Path:
    """Save a matplotlib figure to ``<reports>/figures/<notebook>/<name>.<fmt>`` with no timestamp metadata."""
    if fmt not in ("png", "svg", "pdf"):
        raise UsageError(f"figure format must be png, svg or pdf, got {fmt!r}")
    path = reports_path(reports_dir) / "figures" / notebook / f"{name}.{fmt}"
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}, "pdf": {"CreationDate": None}}[
        fmt
    ]
    fig.savefig(path, format=fmt, dpi=dpi, bbox_inches="tight", metadata=meta)
    return path


class FigureSaver:
    """Saves a notebook's figures with its settings: ``figures = FigureSaver(NOTEBOOK, reports_dir=..., fmt=...)``
    then ``figures.save(fig, "name")``. Returns None, so a cell ending with it shows the figure once."""

    __slots__ = ("fmt", "notebook", "reports_dir", "saved")

    def __init__(self, notebook: str, *, reports_dir: str | Path | None = None, fmt: str = "png") -> None:
        if fmt not in ("png", "svg", "pdf"):
            raise UsageError(f"parameter 'figure_format' must be png, svg or pdf; got {fmt!r}")
        self.notebook, self.reports_dir, self.fmt = notebook, reports_dir, fmt
        self.saved: list[Path] = []

    def save(self, fig: Any, name: str) -> None:
        self.saved.append(
            save_figure(fig, name, notebook=self.notebook, reports_dir=self.reports_dir, fmt=self.fmt)
        )


def check_choice(name: str, value: Any, choices: list[Any] | tuple[Any, ...]) -> Any:
    """Raise a clear error when a parameter's value is not one of ``choices``."""
    if value not in choices:
        raise UsageError(f"parameter {name!r} must be one of {', '.join(map(str, choices))}; got {value!r}")
    return value


def check_positive(**values: int) -> None:
    """Raise a clear error for a count parameter (``top_n=…``, ``resamples=…``) under 1 (0 for ``resamples``).

    Example:
        >>> check_positive(top_n=0)
        Traceback (most recent call last):
        ...
        tiktok_study.params.ParameterError: parameter 'top_n' must be 1 or more, got 0
    """
    for name, value in values.items():
        least = 0 if name == "resamples" else 1
        if value < least:
            raise ParameterError(f"parameter {name!r} must be {least} or more, got {value}")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")  # characters Markdown would read as markup


def show_statement(text: str) -> None:
    """Show a sentence (a comparison's statement) as a paragraph of the notebook, as one display output.

    One display message rather than ``print``: a printed line can reach the notebook in several stream chunks
    depending on timing, which would make two renders of the same notebook differ.
    """
    from IPython.display import display

    display({"text/plain": text, "text/markdown": _MARKDOWN_SPECIAL.sub(r"\\\1", text)}, raw=True)
