"""Notebook parameters: read them from a notebook's ``parameters`` cell, type them, check them.

The ``parameters`` cell of every notebook declares each parameter with a type annotation and a comment::

    articles: list[str] | None = None  # article ids, None = all

:func:`declared` reads those declarations (name, type, default, help) with :mod:`ast`, without running the
notebook. :func:`coerce` turns a command-line string into the declared type (so ``-p outlet 2021`` stays the
string ``"2021"`` when the notebook says ``str``), and :func:`check_type` checks a value from a YAML file. Inside
a notebook, :func:`check_parameters` (called right after the parameters cell) rejects a parameter the notebook
does not declare — papermill itself only warns — and a value of the wrong type.

Example:
    >>> spec = parse_parameters_source('year: int = 2024  # the year\\nname: str | None = None  # a name')
    >>> [(p.name, p.annotation, p.default, p.help) for p in spec.values()]
    [('year', 'int', 2024, 'the year'), ('name', 'str | None', None, 'a name')]
    >>> coerce(spec["name"], "2021")
    '2021'
    >>> coerce(spec["year"], "x")
    Traceback (most recent call last):
    ...
    tiktok_study.params.ParameterError: parameter 'year' expects int, got 'x'
"""

from __future__ import annotations

import ast
import io
import json
import tokenize
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from tiktok_study import safeyaml
from tiktok_study.errors import UsageError

__all__ = [
    "Parameter",
    "ParameterError",
    "check_parameters",
    "check_type",
    "coerce",
    "declared",
    "parse_parameters_source",
]


class ParameterError(UsageError):
    """A notebook parameter that the notebook does not declare, or a value of the wrong type."""


@dataclass(frozen=True, slots=True)
class Parameter:
    """One declared notebook parameter."""

    name: str
    annotation: str
    default: Any
    help: str

    @property
    def type(self) -> Any:
        return _evaluate(self.annotation, self.name)


_TYPE_NAMES = {
    "str": str, "int": int, "float": float, "bool": bool, "None": None, "list": list, "dict": dict,
    "Literal": Literal, "typing": typing,
}  # fmt: skip


def _evaluate(annotation: str, name: str) -> Any:
    try:
        return eval(annotation, {"__builtins__": {}}, dict(_TYPE_NAMES))  # a restricted namespace of types
    except Exception as exc:
        raise ParameterError(
            f"parameter {name!r} has an annotation this project cannot read: {annotation}"
        ) from exc


def _comments(source: str) -> dict[int, str]:
    out: dict[int, str] = {}
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.COMMENT:
                out[tok.start[0]] = tok.string.lstrip("#").strip()
    except (tokenize.TokenError, IndentationError):
        pass
    return out


def parse_parameters_source(source: str) -> dict[str, Parameter]:
    """Read the annotated assignments of a ``parameters`` cell's source."""
    tree = ast.parse(source)
    comments = _comments(source)
    out: dict[str, Parameter] = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            name = node.target.id
            default = ast.literal_eval(node.value) if node.value is not None else None
            out[name] = Parameter(name, ast.unparse(node.annotation), default, comments.get(node.lineno, ""))
        elif isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = ", ".join(ast.unparse(t) for t in targets)
            raise ParameterError(
                f"the parameters cell assigns {names} without a type annotation; declare it as `name: type = value`"
            )
    return out


def declared(notebook: str | Path) -> dict[str, Parameter]:
    """The parameters declared by the notebook's cell tagged ``parameters`` (exactly one must exist)."""
    path = Path(notebook)
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = [c for c in nb.get("cells", []) if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(cells) != 1:
        raise UsageError(f"{path.name}: expected exactly one cell tagged 'parameters', found {len(cells)}")
    source = cells[0]["source"]
    return parse_parameters_source("".join(source) if isinstance(source, list) else source)


def _type_name(tp: Any) -> str:
    if tp is None or tp is type(None):
        return "None"
    if isinstance(tp, type) and not typing.get_args(tp):
        return tp.__name__
    return str(tp).replace("typing.", "")


def _matches(value: Any, tp: Any) -> bool:
    if tp is None or tp is type(None):
        return value is None
    if tp is Any:
        return True
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return any(_matches(value, arg) for arg in typing.get_args(tp))
    if origin is Literal:
        return value in typing.get_args(tp)
    if origin in (list, tuple):
        (item,) = typing.get_args(tp)[:1] or (Any,)
        return isinstance(value, list | tuple) and all(_matches(v, item) for v in value)
    if origin is dict:
        return isinstance(value, dict)
    if tp is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, tp)


def check_type(param: Parameter, value: Any) -> Any:
    """Return ``value`` if it has the declared type (an int is accepted as a float), else raise."""
    if not _matches(value, param.type):
        raise ParameterError(
            f"parameter {param.name!r} expects {param.annotation}, got {type(value).__name__} {value!r}"
        )
    return float(value) if param.type is float else value


def coerce(param: Parameter, text: str) -> Any:
    """Turn a command-line string into the declared type of ``param``.

    ``str`` stays a string whatever it looks like; ``None``/``null`` gives None where None is allowed; lists
    and other types are read as YAML (``[a, b]``) or, for a list of strings, as comma-separated words.
    """
    tp = param.type
    options = typing.get_args(tp) if typing.get_origin(tp) in (typing.Union, types.UnionType) else (tp,)
    if text.strip().lower() in {"none", "null", "~"} and any(o is None or o is type(None) for o in options):
        return None
    if str in options:
        return text
    try:
        value = safeyaml.load(text, source=f"parameter {param.name!r}")
    except (yaml.YAMLError, safeyaml.YAMLRefused):
        value = text
    for option in options:
        if typing.get_origin(option) is list and isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if _matches(value, option):
            return check_type(param, value)
    raise ParameterError(f"parameter {param.name!r} expects {param.annotation}, got {text!r}")


_IGNORED = {"In", "Out", "get_ipython", "exit", "quit", "open"}


def check_parameters(namespace: dict[str, Any]) -> dict[str, Any]:
    """Check the parameters of the running notebook; return them as a dict.

    Call it in the cell right after the ``parameters`` cell with ``globals()``. It reads the declarations from
    ``__annotations__`` (the parameters cell's annotated assignments put them there) and raises
    :class:`ParameterError` for a value of the wrong type or for a variable that papermill injected but the
    notebook does not declare (a misspelled parameter).
    """
    annotations = namespace.get("__annotations__", {})
    if not annotations:
        raise ParameterError("no declared parameters found: run the parameters cell first")
    unknown = sorted(
        name
        for name, value in namespace.items()
        if not name.startswith("_")
        and name not in annotations
        and name not in _IGNORED
        and not isinstance(value, types.ModuleType)
        and not callable(value)
    )
    if unknown:
        raise ParameterError(
            f"unknown parameter(s) {', '.join(unknown)}; this notebook declares {', '.join(sorted(annotations))}"
        )
    out = {}
    for name, tp in annotations.items():
        annotation = tp if isinstance(tp, str) else _type_name(tp)
        param = Parameter(name, annotation, None, "")
        if not isinstance(tp, str) and not _matches(namespace.get(name), tp):
            raise ParameterError(
                f"parameter {name!r} expects {annotation}, got {type(namespace.get(name)).__name__} "
                f"{namespace.get(name)!r}"
            )
        out[name] = check_type(param, namespace.get(name)) if isinstance(tp, str) else namespace.get(name)
    return out
