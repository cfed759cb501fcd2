"""JSON exports of articles and feed items → one :class:`~.readers.Document` per item (or a reason to skip).

A ``.json`` file holds an array of article objects or feed items, or an object wrapping them (JSON Feed
``items``, ``entries``, ``articles``, ``posts``, ``results``, ``data`` …), or a single article object. Each item
gives ``title``; its text from the first of ``content_html``, ``content``, ``content_text``, ``text``, ``body``,
``description``, ``summary`` … that has any (HTML is turned into text: :func:`html_fragment_text`);
``author``/``authors`` (``{"name": …}`` too), ``date_published``/``pubDate``/``date``, ``url``/``link``. A nested
value gives its text (:func:`plain_value`), never a Python repr. Ids are ``<stem>-<n>`` (item from 0).

Example:
    >>> doc = next(json_documents(b'[{"title": "A", "content_html": "<p>One <b>two</b>.</p>"}]', rel="f.json", stem="f", sha="0"))
    >>> doc.article_id, doc.given["title"], [x.text for x in doc.lines]
    ('f-0', 'A', ['One two.'])
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from tiktok_study.normalize import metadata as md
from tiktok_study.normalize.lines import clean_text
from tiktok_study.normalize.readers import Document, Skipped, text_document

__all__ = ["JSON_MAX_BYTES", "html_fragment_text", "isolated", "json_documents", "plain_value"]

logger = logging.getLogger(__name__)

#: Largest JSON export read (bytes; it is parsed whole).
JSON_MAX_BYTES = 256 * 1024 * 1024

# --- compiled regexes and field names, together ------------------------------------------------------------------
HTML_MARKUP = re.compile(
    r"<(?:p|div|br|figure|img|a|span|h[1-6]|ul|ol|li|blockquote|strong|em|b|i|table)\b", re.I
)

# Text of a feed item, in order of preference (full content before a teaser).
JSON_TEXT_FIELDS = (
    "content_html", "content", "content_text", "contentEncoded", "content:encoded", "text", "body", "article",
    "full_text", "maintext", "articleBody", "description", "summary", "contentSnippet",
)  # fmt: skip
JSON_ITEM_LISTS = ("items", "entries", "articles", "posts", "stories", "results", "documents", "data", "news")
# Feed names for article fields that metadata.from_mapping does not know.
JSON_ALIASES = {"isodate": "published", "dc:creator": "author", "external_url": "url", "updated": "published"}
# A nested value's text: WordPress {"rendered": …}, feedparser {"value": …}, {"name": …} of a person.
NESTED_TEXT_KEYS = ("rendered", "value", "text", "#text", "name", "title", "content", "href", "url")


def plain_value(value: Any, *, depth: int = 0) -> Any:
    """A metadata value as a string (or list of strings): nested JSON objects give their text, never a repr.

    Example:
        >>> plain_value({"rendered": "A title"}), plain_value([{"name": "Ann Lee"}, 3]), plain_value({"x": 1})
        ('A title', ['Ann Lee', '3'], None)
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return str(value)
    if isinstance(value, dt.date):  # a datetime too
        return value.isoformat()
    if depth > 3:
        return None
    if isinstance(value, dict):
        for key in NESTED_TEXT_KEYS:
            found = plain_value(value.get(key), depth=depth + 1)
            if isinstance(found, str) and found.strip():
                return found
        return None
    if isinstance(value, list | tuple):
        items = [plain_value(v, depth=depth + 1) for v in value[:100]]
        return [v for v in items if isinstance(v, str) and v.strip()] or None
    return None


HTML_DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "figure",
    "figcaption", "picture", "video", "audio", "aside", "nav", "form", "button", "select",
)  # fmt: skip
HTML_BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "section", "article",
    "header", "footer", "ul", "ol", "table", "dd", "dt",
})  # fmt: skip


def html_fragment_text(html: str) -> str:
    """The text of an HTML fragment (a feed item's content): one block per paragraph, blank lines between.

    Figures, captions, media and scripts are dropped; a tag cut off at the end (a teaser) is dropped whole.

    Example:
        >>> html_fragment_text('<figure><figcaption>Photo: X</figcaption></figure><p>One <a href="u">two</a>.</p><p>Three <a href="http://cut')
        'One two.\\n\\nThree'
    """
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return clean_text(re.sub(r"<[^>]*>?", " ", html))
    for el in root.iter(*HTML_DROP_TAGS):
        el.drop_tree() if el.getparent() is not None else None
    blocks: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = clean_text("".join(buf))
        if text:
            blocks.append(text)
        buf.clear()

    for event, el in etree.iterwalk(root, events=("start", "end")):
        name = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if name in HTML_BLOCK_TAGS or name == "br":
                flush()
            if el.text and isinstance(el.tag, str):
                buf.append(el.text)
        else:
            if name in HTML_BLOCK_TAGS:
                flush()
            if el.tail and el is not root:
                buf.append(el.tail)
    flush()
    return "\n\n".join(blocks)


def _json_items(value: Any) -> tuple[list[Any] | None, str]:
    """The items of a JSON export and where they were found, or None and what the value is."""
    if isinstance(value, list):
        return value, "array"
    if isinstance(value, dict):
        for key in JSON_ITEM_LISTS:
            inner = value.get(key)
            if isinstance(inner, list) and any(isinstance(x, dict) for x in inner):
                return inner, f"'{key}'"
            if isinstance(inner, dict):
                nested, where = _json_items({k: v for k, v in inner.items() if k in JSON_ITEM_LISTS})
                if nested is not None:
                    return nested, f"'{key}'.{where}"
        if _item_text(value)[0] is not None:
            return [value], "object"
        keys = ", ".join(list(map(str, value))[:8]) or "none"
        return None, f"a JSON object without a list of articles (keys: {keys})"
    return None, f"a JSON {type(value).__name__}, not a list of articles"


def _item_text(item: dict[str, Any]) -> tuple[str | None, str | None, bool]:
    """The text of a feed item (HTML turned into text), the field it came from, whether it was HTML."""
    lowered = {str(k).casefold(): k for k in item}
    for name in JSON_TEXT_FIELDS:
        key = lowered.get(name.casefold())
        if key is None:
            continue
        value = plain_value(item[key])
        if isinstance(value, list):
            value = "\n\n".join(value)
        if not isinstance(value, str) or not value.strip():
            continue
        html = "html" in name.casefold() or bool(HTML_MARKUP.search(value))
        if html:
            value = html_fragment_text(value)
        if value.strip():
            return value, str(key), html
    return None, None, False


def json_documents(data: bytes, *, rel: str, stem: str, sha: str) -> Iterator[Document | Skipped]:
    """The articles of a JSON export (an array of items or a wrapper object), one per item with text."""
    if len(data) > JSON_MAX_BYTES:
        yield Skipped(rel, f"JSON export over the {JSON_MAX_BYTES // 2**20} MiB limit")
        return
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        yield Skipped(rel, f"JSON export not valid UTF-8 ({exc})")
        return
    except ValueError as exc:  # not JSON, or a number over Python's 4,300-digit limit
        yield Skipped(rel, f"not valid JSON ({exc})")
        return
    except RecursionError:
        yield Skipped(rel, "JSON nested too deeply to read")
        return
    items, where = _json_items(value)
    if items is None:
        yield Skipped(rel, f"JSON export not read: {where}")
        return
    if not items:
        yield Skipped(rel, f"JSON export without articles (empty {where})")
        return
    for index, item in enumerate(items):
        read = partial(_item_document, item, index=index, rel=rel, stem=stem, sha=sha)
        yield isolated(read, rel=rel, article_id=f"{stem}-{index}", what=f"item {index}")


def _item_document(item: Any, *, index: int, rel: str, stem: str, sha: str) -> Document | Skipped:
    article_id = f"{stem}-{index}"
    if not isinstance(item, dict):
        return Skipped(rel, f"item {index}: a JSON {type(item).__name__}, not an article object", article_id)
    text, field, html = _item_text(item)
    if text is None:
        fields = ", ".join(JSON_TEXT_FIELDS[:6])
        return Skipped(rel, f"item {index}: no text (none of {fields} … holds any)", article_id)
    meta = {JSON_ALIASES.get(str(k).casefold(), k): plain_value(v) for k, v in item.items() if k != field}
    lines, given = text_document(text, markdown=not html)
    for key, val in md.from_mapping({k: v for k, v in meta.items() if v is not None}).items():
        given[key] = val  # the item's fields win over what its text states
    return Document(article_id, rel, sha, "json", "utf-8", lines, given, source_row=index)


def isolated(
    make: Callable[[], Document | Skipped], *, rel: str, article_id: str, what: str
) -> Document | Skipped:
    """``make()``, or — when it fails on one odd document of an export — a ``skipped`` row; the export goes on."""
    from tiktok_study.safeyaml import YAMLRefused

    try:
        return make()
    except YAMLRefused as exc:
        return Skipped(rel, f"{what}: {exc}", article_id)
    except Exception as exc:  # one odd document must not end the export
        logger.warning("%s: %s failed: %s", rel, what, exc, exc_info=True)
        return Skipped(rel, f"{what}: cannot read it ({type(exc).__name__}: {exc})", article_id)
