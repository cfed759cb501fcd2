"""YAML read safely: the safe loader, no aliases, bounded size and nesting.

PyYAML's safe loader builds only plain values, but an alias (``*a``) makes the loaded value share the anchored
node: ten aliases of ten aliases … of one list is a 1 KB document whose value, once walked (printed, converted to
text, compared), has a billion items — a "billion laughs" bomb that hangs whatever touches it. Nothing the project
reads (front matter, the codebook, the actors list, parameter files) needs aliases, so :func:`load` refuses them,
before any value is built, along with documents over :data:`MAX_BYTES` or nested deeper than :data:`MAX_DEPTH`.

Example:
    >>> load("title: A\\ntags: [x, y]", source="front matter")
    {'title': 'A', 'tags': ['x', 'y']}
    >>> load("a: &x [1, 2]\\nb: *x", source="params.yaml")
    Traceback (most recent call last):
    ...
    tiktok_study.safeyaml.YAMLRefused: params.yaml: YAML aliases (*name) are not allowed (the value anchored at line 1 of the YAML is used again); write the value out
"""

from __future__ import annotations

import logging
from typing import Any

import yaml

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "SafeLoader", "YAMLRefused", "load"]

logger = logging.getLogger(__name__)

#: Largest YAML document read (characters).
MAX_BYTES = 2 * 1024 * 1024
#: Deepest nesting of lists and mappings read.
MAX_DEPTH = 100
#: Most nodes (scalars, lists, mappings) in one document.
MAX_NODES = 200_000

#: The safe loader used: libyaml's parser when installed (the pure-Python one otherwise).
SafeLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YAMLRefused(ValueError):
    """A YAML document refused before it is built (alias, size, nesting); ``str(exc)`` names the source.

    Not a :class:`yaml.YAMLError`: code that falls back to another reading on invalid YAML must not take a
    refused bomb for a typo.
    """


def _check_nodes(root: yaml.Node, *, source: str) -> None:
    """Raise when a node is reached twice (an alias, or a cycle), or the tree is too deep or too big."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            where = (
                f" (the value anchored at line {node.start_mark.line + 1} of the YAML is used again)"
                if node.start_mark
                else ""
            )
            raise YAMLRefused(f"{source}YAML aliases (*name) are not allowed{where}; write the value out")
        seen.add(id(node))
        if len(seen) > MAX_NODES:
            raise YAMLRefused(f"{source}YAML document of more than {MAX_NODES:,} values refused")
        if depth > MAX_DEPTH:
            raise YAMLRefused(f"{source}YAML nested deeper than {MAX_DEPTH} levels refused")
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.append((value, depth + 1))
                stack.append((key, depth + 1))


def load(text: str, *, source: str, loader: type[Any] | None = None) -> Any:
    """The value of one YAML document, read with a safe loader; aliases, oversized and too-deep documents refused.

    Args:
        text: the YAML text.
        source: what the text is (a file name, "front matter"), named at the start of every error; "" when the
            caller names it in its own message.
        loader: a loader class derived from :data:`SafeLoader` (e.g. one refusing duplicate keys); default
            :data:`SafeLoader`.

    Returns:
        The value (None for an empty document).

    Raises:
        YAMLRefused: aliases, more than :data:`MAX_BYTES` characters, :data:`MAX_NODES` values or
            :data:`MAX_DEPTH` levels.
        yaml.YAMLError: the text is not valid YAML (as :func:`yaml.safe_load` raises it).
    """
    source = f"{source}: " if source else ""
    if len(text) > MAX_BYTES:
        raise YAMLRefused(f"{source}YAML document of {len(text):,} characters, over the {MAX_BYTES:,} limit")
    instance = (loader or SafeLoader)(text)
    try:
        try:
            node = instance.get_single_node()
        except RecursionError as exc:  # the pure-Python composer recurses per level
            raise YAMLRefused(f"{source}YAML nested too deeply") from exc
        if node is None:
            return None
        _check_nodes(node, source=source)
        return instance.construct_document(node)
    finally:
        instance.dispose()
