"""Progress lines for the command line: shown on a terminal, silent otherwise (logs, CI, pipes).

The library reports progress through callbacks (``analyze_folder(progress=...)``, ``render(progress=...)``);
this module turns them into one self-updating line on standard error with tqdm: articles analysed, or
"notebook k of N: name" with the time elapsed and an estimate of the time left.

Example:
    >>> import io
    >>> bar = ArticleProgress(stream=io.StringIO())   # not a terminal: nothing is drawn
    >>> bar(5, 10); bar.close(); bar.enabled
    False
"""

from __future__ import annotations

import logging
import sys
from typing import Any, TextIO

__all__ = ["ArticleProgress", "RenderProgress", "is_terminal"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())


def is_terminal(stream: TextIO | None = None) -> bool:
    """True when ``stream`` (default standard error) is an interactive terminal."""
    stream = stream if stream is not None else sys.stderr
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class _Bar:
    def __init__(self, *, stream: TextIO | None, unit: str, fmt: str) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = is_terminal(self.stream)
        self.unit, self.fmt = unit, fmt
        self.bar: Any = None

    def _open(self, total: int) -> Any:
        if self.bar is None and self.enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit=self.unit, file=self.stream, leave=False, bar_format=self.fmt)
        return self.bar

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class ArticleProgress(_Bar):
    """``analyze_folder(progress=ArticleProgress())``: articles analysed of the total, rate and time left."""

    def __init__(self, *, stream: TextIO | None = None) -> None:
        super().__init__(
            stream=stream, unit="article",
            fmt="analyze: {n_fmt}/{total_fmt} articles {percentage:3.0f}% [{elapsed}<{remaining}, {rate_fmt}]",
        )  # fmt: skip

    def __call__(self, done: int, total: int) -> None:
        bar = self._open(total)
        if bar is not None:
            bar.update(done - bar.n)


class RenderProgress(_Bar):
    """``render(progress=RenderProgress())``: "notebook k of N: name", elapsed and time left."""

    def __init__(self, *, stream: TextIO | None = None) -> None:
        super().__init__(stream=stream, unit="run", fmt="{desc} [{elapsed}<{remaining}]")

    def __call__(self, event: str, run: Any, k: int, total: int) -> None:
        bar = self._open(total)
        if bar is None:
            return
        if event == "start":
            bar.set_description_str(f"render: notebook {k} of {total}: {run.notebook}")
        else:
            bar.update(1)
