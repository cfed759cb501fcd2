"""What ``render`` checks before any kernel starts, and the file names of article reports.

Example:
    >>> report_stem("000_84ecfe4f6f97db33")
    '000_84ecfe4f6f97db33'
    >>> report_stem("report.v1.txt") != report_stem("report.v2.txt")
    True
    >>> report_stem("Report").lower() != report_stem("report").lower()
    True
    >>> preview("x" * 1000, limit=10)
    "'xxxxxxxxx… (1,000 characters)"
    >>> preview_list(["a", "b", "c"], limit=2)
    'a, b and 1 more'
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tiktok_study import config
from tiktok_study.errors import UsageError
from tiktok_study.params import Parameter, check_type, coerce

__all__ = [
    "CHOICES",
    "PREVIEW_CHARS",
    "PREVIEW_IDS",
    "check_choices",
    "check_ids",
    "preview",
    "preview_list",
    "report_stem",
    "typed_value",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

#: Characters of a user's value quoted in an error message at most.
PREVIEW_CHARS = 60
#: Ids listed in an "unknown article id" message at most.
PREVIEW_IDS = 5

_SAFE_STEM = re.compile(r"[a-z0-9][a-z0-9._-]{0,99}")
_UNSAFE_CHARACTER = re.compile(r"[^A-Za-z0-9._-]+")
_WINDOWS_RESERVED = re.compile(r"(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\..*)?", re.IGNORECASE)


def report_stem(article_id: str) -> str:
    """The file name (without extension) of an article's report: unique per id, safe on every file system.

    An id of lower-case letters, digits, ``.``, ``_`` and ``-`` (starting with a letter or digit, not ending
    with a dot, at most 100 characters, not a reserved Windows name) is used as it is. Any other id is cut to
    its safe characters and followed by ``-`` and 10 hex digits of its SHA-256, so two ids that differ only in
    case, in characters a file system refuses, or beyond 100 characters still get different files.
    """
    if (
        _SAFE_STEM.fullmatch(article_id)
        and not article_id.endswith(".")
        and not _WINDOWS_RESERVED.fullmatch(article_id)
    ):
        return article_id
    readable = _UNSAFE_CHARACTER.sub("_", article_id).strip("._")[:80] or "article"
    digest = hashlib.sha256(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{readable}-{digest}"


def preview(value: Any, *, limit: int = PREVIEW_CHARS) -> str:
    """``repr(value)``, cut to ``limit`` characters with the full length said (for error messages)."""
    text = repr(value)
    if len(text) <= limit:
        return text
    size = f"{len(value):,} characters" if isinstance(value, str) else f"{len(text):,} characters as text"
    return f"{text[:limit]}… ({size})"


def preview_list(items: list[str], *, limit: int = PREVIEW_IDS) -> str:
    """The first ``limit`` items, each previewed, then how many more there are."""
    shown = ", ".join(preview(i, limit=PREVIEW_CHARS).strip("'") for i in items[:limit])
    return shown + (f" and {len(items) - limit:,} more" if len(items) > limit else "")


def _codebook_frames(values: dict[str, Any]) -> tuple[str, ...]:
    from tiktok_study.codebook import load_codebook

    path = values.get("codebook")
    if path is not None and not Path(path).is_absolute():
        path = config.project_root() / path
    return load_codebook(path).frame_ids


def _validation_kinds(values: dict[str, Any]) -> tuple[str, ...]:
    from tiktok_study.validation import KINDS

    return KINDS


#: Parameters whose value must be one of a set, checked before any kernel starts: name -> the allowed values
#: given the run's other parameters. (The notebooks check them again with ``ts.notebook.check_choice``.)
CHOICES: dict[str, Callable[[dict[str, Any]], tuple[Any, ...]]] = {
    "figure_format": lambda values: ("png", "svg", "pdf"),
    "kwic_frame": _codebook_frames,
    "kinds": _validation_kinds,
}


def check_choices(name: str, values: dict[str, Any]) -> None:
    """Raise :class:`UsageError` when a parameter of :data:`CHOICES` in ``values`` (notebook ``name``) is not
    one of its allowed values (every item, for a list)."""
    for key, allowed in CHOICES.items():
        value = values.get(key)
        if value is None:
            continue
        choices = allowed(values)
        bad = [v for v in (value if isinstance(value, list) else [value]) if v not in choices]
        if bad:
            raise UsageError(
                f"parameter {key!r} of {name} must be one of {', '.join(map(str, choices))}; got {preview_list(bad)}"
            )


def typed_value(param: Parameter, value: Any, *, from_text: bool) -> Any:
    """``value`` in the declared type of ``param`` (typed from command-line text when ``from_text``, checked
    as it is otherwise); the error quotes a preview of the value, never all of it."""
    try:
        return coerce(param, value) if from_text else check_type(param, value)
    except UsageError:
        raise UsageError(
            f"parameter {param.name!r} expects {param.annotation}, got "
            f"{'' if from_text else type(value).__name__ + ' '}{preview(value)}"
        ) from None


def check_ids(ids: list[str], known: list[str]) -> None:
    """Raise :class:`UsageError` naming (a few of) the ``ids`` not in ``known``, a few known ids and the count."""
    known_set = set(known)
    bad = [i for i in ids if i not in known_set]
    if bad:
        total = f" ({len(known):,} in all)" if len(known) > PREVIEW_IDS else ""
        raise UsageError(
            f"unknown article id(s) {preview_list(bad)}; known ids: {preview_list(known) or 'none'}{total}"
        )
