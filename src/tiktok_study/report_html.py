"""HTML of a rendered notebook for sharing: code left out unless asked for, a table of contents at the top.

Example:
    >>> body = '<body><main><h1 id="Corpus">Corpus<a class="anchor-link" href="#Corpus">¶</a></h1>'
    >>> body += '<h2>Tone &amp; frames</h2></main></body>'
    >>> out = add_contents(body)
    >>> '<a href="#Corpus">Corpus</a>' in out and '<a href="#contents-2">Tone &amp; frames</a>' in out
    True
"""

from __future__ import annotations

import html
import logging
import re
import threading
from pathlib import Path
from typing import Any

__all__ = ["add_contents", "write_html"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

#: Headings of level 1 to 3 (the levels the contents list), with their attributes and inner HTML.
_HEADING = re.compile(r"<h([1-3])((?:\s[^>]*)?)>(.*?)</h\1>", re.DOTALL)
_ID_ATTRIBUTE = re.compile(r'\sid="([^"]*)"')
_ANCHOR_LINK = re.compile(r'<a class="anchor-link"[^>]*>.*?</a>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_MAIN_OPEN = re.compile(r"<main[^>]*>|<body[^>]*>")

_STYLE = (
    "<style>nav.tiktok-study-contents{margin:1em 0 2em;padding:.5em 1em;border:1px solid #ddd;"
    "font-family:sans-serif;font-size:.95em}nav.tiktok-study-contents ul{margin:.3em 0;padding-left:1.2em}"
    "nav.tiktok-study-contents li.level-2{margin-left:1em}nav.tiktok-study-contents li.level-3"
    "{margin-left:2em}</style>"
)

_lock = threading.Lock()  # nbconvert's template loading is not thread-safe
#: One HTML exporter per ``hide_code`` value, reused for every notebook of the process (under ``_lock``).
_exporters: dict[bool, Any] = {}


def add_contents(body: str, *, min_headings: int = 2) -> str:
    """Insert a list of the level 1-3 headings, linked, at the top of the report (headings get ids if needed)."""
    entries: list[tuple[int, str, str]] = []

    def visit(m: re.Match[str]) -> str:
        level, attributes, inner = int(m.group(1)), m.group(2), m.group(3)
        found = _ID_ATTRIBUTE.search(attributes)
        if found:
            anchor = found.group(1)
        else:
            anchor = f"contents-{len(entries) + 1}"
            attributes = f'{attributes} id="{anchor}"'
        text = html.unescape(_TAG.sub("", _ANCHOR_LINK.sub("", inner))).strip()
        entries.append((level, anchor, text))
        return f"<h{level}{attributes}>{inner}</h{level}>"

    body = _HEADING.sub(visit, body)
    if len(entries) < min_headings:
        return body
    items = "".join(
        f'<li class="level-{level}"><a href="#{anchor}">{html.escape(text, quote=False)}</a></li>'
        for level, anchor, text in entries
    )
    nav = f'{_STYLE}<nav class="tiktok-study-contents" aria-label="Contents"><strong>Contents</strong><ul>{items}</ul></nav>'
    opening = _MAIN_OPEN.search(body)
    at = opening.end() if opening else 0
    return body[:at] + nav + body[at:]


def write_html(notebook: Path, target: Path, *, hide_code: bool = True) -> None:
    """Write ``notebook`` as HTML to ``target``: without code cells when ``hide_code``, with a table of contents."""
    import nbformat
    from nbconvert import HTMLExporter

    with _lock:
        exporter = _exporters.get(hide_code)
        if exporter is None:  # built once per process: its templates are loaded at the first conversion
            exporter = HTMLExporter(
                exclude_input=hide_code, exclude_input_prompt=True, exclude_output_prompt=True
            )
            _exporters[hide_code] = exporter
        body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(add_contents(body), encoding="utf-8")
