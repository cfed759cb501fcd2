"""Notebook parameters: read them from a notebook's ``parameters`` cell, type them, check them.

The ``parameters`` cell of every notebook declares each parameter with a type annotation and a comment, in the
spelling papermill 2.7 parses (it skips ``list[str] | None`` and a comment holding ``=``)::

    from typing import Optional

    articles: Optional[list[str]] = None  # article ids; None: all

:func:`declared` reads those declarations (name, type, default, help) with :mod:`ast`, without running the
notebook. :func:`coerce` turns a command-line string into the declared type (so ``-p outlet 2021`` stays the
string ``"2021"`` when the notebook says ``str``), and :func:`check_type` checks a value from a YAML file. Inside
a notebook, :func:`check_parameters` (called right after the parameters cell) rejects a parameter the notebook
does not declare — papermill itself only warns — and a value of the wrong type; it looks only at the names
papermill injected, so a notebook runs again in a live kernel.

Example:
    >>> spec = parse_parameters_source('year: int = 2024  # the year\\nname: Optional[str] = None  # a name')
    >>> [(p.name, p.annotation, p.default, p.help) for p in spec.values()]
    [('year', 'int', 2024, 'the year'), ('name', 'Optional[str]', None, 'a name')]
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
    "Literal": Literal, "typing": typing, "Optional": typing.Optional, "Union": typing.Union,
    "List": typing.List, "Dict": typing.Dict,  # noqa: UP006 - papermill-readable spellings
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


_INJECTED_MARKER = "# Parameters"  # the first line of the cell papermill injects (tagged injected-parameters)


def _statements(source: str) -> list[ast.stmt] | None:
    try:
        return ast.parse(source).body
    except SyntaxError:
        return None


def _is_parameters_cell(source: str) -> bool:
    """A cell of annotated assignments (and imports): the shape of a ``parameters`` cell."""
    body = _statements(source)
    return (
        bool(body)
        and any(isinstance(n, ast.AnnAssign) for n in body)
        and all(isinstance(n, ast.AnnAssign | ast.Import | ast.ImportFrom) for n in body)
    )


def _assigned_names(source: str) -> list[str] | None:
    """The names a papermill-injected cell assigns (None when ``source`` is not such a cell)."""
    if not source.lstrip().startswith(_INJECTED_MARKER):
        return None
    body = _statements(source)
    if body is None or not all(
        isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name) for n in body
    ):
        return None
    return [n.targets[0].id for n in body]  # type: ignore[attr-defined]


def _from_history(history: list[str]) -> tuple[dict[str, str], list[str]] | None:
    """The declarations of the last ``parameters`` cell run and the names injected right after it.

    ``history`` is IPython's list of the sources run so far (``In``), the current cell last.
    """
    for index in range(len(history) - 2, -1, -1):
        if _is_parameters_cell(history[index]):
            declarations = {p.name: p.annotation for p in parse_parameters_source(history[index]).values()}
            injected = [
                name for source in history[index + 1 : -1] for name in (_assigned_names(source) or [])
            ]
            return declarations, injected
    return None


def check_parameters(namespace: dict[str, Any], *, injected: list[str] | None = None) -> dict[str, Any]:
    """Check the parameters of the running notebook; return their values as a dict.

    Call it in the cell right after the ``parameters`` cell with ``globals()``. The declarations are those of
    the ``parameters`` cell last run in this kernel (read from IPython's input history ``In``; without one,
    from ``__annotations__``). The names checked against them are only those papermill injected — the cell it
    adds after the parameters cell (first line ``# Parameters``) — or the ``injected`` names given, never the
    other variables of the kernel: running the notebook again in a live kernel, or after changing a value in
    the parameters cell, works.

    Raises:
        ParameterError: an injected name the notebook does not declare (a misspelled parameter, or a parameter
            file for another notebook), a declared parameter not defined yet, or a value of the wrong type.
    """
    history = namespace.get("In")
    found = _from_history(list(history)) if isinstance(history, list) and history else None
    if found is not None:
        declarations, seen = found
    else:
        annotations = namespace.get("__annotations__", {})
        declarations = {n: t if isinstance(t, str) else _type_name(t) for n, t in annotations.items()}
        seen = []
    if not declarations:
        raise ParameterError("no declared parameters found: run the parameters cell first")
    unknown = sorted(set(injected or seen) - set(declarations))
    if unknown:
        raise ParameterError(
            f"unknown parameter(s) {', '.join(unknown)}; this notebook declares {', '.join(sorted(declarations))}"
        )
    out = {}
    for name, annotation in declarations.items():
        if name not in namespace:
            raise ParameterError(f"parameter {name!r} is not defined: run the parameters cell first")
        value = namespace[name]
        param = Parameter(name, annotation, None, "")
        if not _matches(value, param.type):
            hint = (
                " (papermill's -p reads a number as a number: pass text with -r NAME VALUE or in a YAML file)"
                if _accepts_str(param.type) and isinstance(value, int | float)
                else ""
            )
            raise ParameterError(
                f"parameter {name!r} expects {annotation}, got {type(value).__name__} {value!r}{hint}"
            )
        out[name] = float(value) if param.type is float else value
    return out


def _accepts_str(tp: Any) -> bool:
    options = typing.get_args(tp) if typing.get_origin(tp) in (typing.Union, types.UnionType) else (tp,)
    return str in options
