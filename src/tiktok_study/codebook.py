"""The frame codebook: loading and checking the YAML that defines frames and their indicators.

The shipped codebook (``data/codebook.yaml`` in the package) defines the nine frames of docs/contract.md;
a user codebook may define its own frame ids. The file's header comment is the syntax reference; in short, each
frame has an ``id``, a ``label``, a ``definition`` and indicators: ``terms`` (words and phrases, ``*`` for any
ending, ``{term: ..., forms: [...]}`` for explicit forms) and/or ``patterns`` (regular expressions), with
optional ``exclude`` phrases and ``exclude_patterns`` that veto overlapping hits. Matching itself lives in
:mod:`tiktok_study.frames`.

Every mistake raises :class:`CodebookError` naming the file, the frame and the field. (About 600 lines: the
schema, its checks and their messages belong together; the matching and the user-pattern timeout live elsewhere.)

Example:
    >>> cb = load_codebook()
    >>> cb.frame_ids[:3]
    ('conflict', 'human_interest', 'economic')
    >>> parse_codebook({"frames": [{"id": "x", "label": "X", "definition": "d"}]})
    Traceback (most recent call last):
    ...
    tiktok_study.codebook.CodebookError: <dict>: frame 'x', field 'terms': a frame needs terms or patterns (or both)
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import numpy as np
import regex as regex_module  # the `regex` package: user patterns run with a timeout
import yaml

from tiktok_study import safeyaml
from tiktok_study.errors import UsageError
from tiktok_study.user_regex import catastrophic_repeat

__all__ = [
    "FRAME_IDS",
    "Codebook",
    "CodebookError",
    "Frame",
    "Indicator",
    "PresenceRule",
    "as_codebook",
    "default_codebook_path",
    "load_codebook",
    "parse_codebook",
    "read_yaml",
    "term_atoms",
    "term_regex",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

#: The frame ids of docs/contract.md, in the shipped codebook's order.
FRAME_IDS = (
    "conflict",
    "human_interest",
    "economic",
    "morality",
    "responsibility",
    "security",
    "tech_rivalry",
    "legal",
    "cooperation",
)

# --- compiled regexes, together -------------------------------------------------------------------------------
FRAME_ID = re.compile(r"[a-z][a-z0-9_]*")
TERM_WORD_SPLIT = re.compile(r"\s*[-‐‑]\s*|\s+")  # between the words of a term: spaces or a hyphen
BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P[=<]|\(\?<(?![=!])")  # numbered/named refs and named groups

# The regex that a space or hyphen between two words of a term becomes: any run of spaces (line breaks
# included) or one hyphen with optional spaces around it.
WORD_SEPARATOR = r"(?:\s*[-‐‑]\s*|\s+)"
APOSTROPHE = "['’]"
END_OF_WORD = r"(?!\w)"
MIN_STEM = 3  # letters before a trailing * ("war*" would be too greedy with fewer)

_TOP_KEYS = {"name", "version", "description", "references", "frames"}
_FRAME_KEYS = {
    "id", "label", "definition", "kind", "source", "notes", "terms", "patterns", "exclude", "exclude_patterns",
    "rule",
}  # fmt: skip
_RULE_KEYS = {"kind", "min_hits", "min_per_1k", "min_share", "intercept", "weights", "cutoff"}
#: The features a logistic rule may weigh (columns of ``article_frames``; ``log_hits`` is ``log(1 + hits)``).
RULE_FEATURES = ("log_hits", "hits_per_1k_words", "share_paragraphs")
_TERM_KEYS = {"term", "forms"}
_PATTERN_KEYS = {"name", "regex"}


class CodebookError(UsageError):
    """A codebook that cannot be used; the message names the file, the frame and the field.

    A subclass of :class:`ValueError` (through :class:`~tiktok_study.errors.UsageError`, so the command line
    exits with status 2 for a bad ``--codebook``).
    """

    def __init__(self, message: str, *, frame: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.frame = frame
        self.field = field


@dataclass(frozen=True)
class Indicator:
    """One indicator of a frame (or one exclusion).

    Attributes:
        term: what the ``frames`` table reports in ``term`` (the codebook's term, its ``term:`` label, or the
            pattern's ``name`` / regex text).
        forms: for a term, the forms it matches in term syntax (the term itself when no ``forms`` are given);
            for a pattern, its one regular expression.
        kind: ``"term"`` (from ``terms`` / ``exclude``) or ``"pattern"`` (from ``patterns`` /
            ``exclude_patterns``).
    """

    term: str
    forms: tuple[str, ...]
    kind: Literal["term", "pattern"]


@dataclass(frozen=True)
class PresenceRule:
    """When an article carries a frame, from its hits (the ``present`` column of ``article_frames``).

    ``kind="threshold"``: present when ``hits >= min_hits``, ``hits_per_1k_words >= min_per_1k`` and
    ``share_paragraphs >= min_share`` (all three zero: always present). ``kind="logistic"``: present when
    ``1 / (1 + exp(-(intercept + sum(weight * feature))))`` >= ``cutoff``, features from :data:`RULE_FEATURES`.
    A frame without a rule uses ``frame_profile``'s ``min_hits`` / ``min_per_1k`` (2 and 1.0).

    Example:
        >>> PresenceRule(min_hits=1, min_per_1k=2.0).decide(hits=[1, 1, 3], per_1k=[1.5, 2.0, 9.0], share=[1, 1, 1])
        array([False,  True,  True])
    """

    kind: Literal["threshold", "logistic"] = "threshold"
    min_hits: int = 2
    min_per_1k: float = 1.0
    min_share: float = 0.0
    intercept: float = 0.0
    weights: tuple[tuple[str, float], ...] = ()
    cutoff: float = 0.5

    def decide(self, *, hits: Any, per_1k: Any, share: Any) -> np.ndarray:
        """Present (bool array) for arrays of hits, hits per 1,000 words and share of paragraphs."""
        h = np.asarray(hits, dtype=float)
        if self.kind == "threshold":
            return (
                (h >= self.min_hits)
                & (np.asarray(per_1k, dtype=float) >= self.min_per_1k)
                & (np.asarray(share, dtype=float) >= self.min_share)
            )
        features = {"log_hits": np.log1p(h), "hits_per_1k_words": np.asarray(per_1k, dtype=float),
                    "share_paragraphs": np.asarray(share, dtype=float)}  # fmt: skip
        score = np.full(h.shape, self.intercept, dtype=float)
        for name, weight in self.weights:
            score = score + weight * features[name]
        return score >= math.log(self.cutoff / (1.0 - self.cutoff))

    def as_dict(self) -> dict[str, Any]:
        """The rule as the codebook's ``rule:`` mapping (what :func:`parse_codebook` reads back)."""
        if self.kind == "threshold":
            return {"kind": "threshold", "min_hits": int(self.min_hits), "min_per_1k": float(self.min_per_1k),
                    "min_share": float(self.min_share)}  # fmt: skip
        return {"kind": "logistic", "intercept": float(self.intercept),
                "weights": {k: float(v) for k, v in self.weights}, "cutoff": float(self.cutoff)}  # fmt: skip


@dataclass(frozen=True)
class Frame:
    """A frame of the codebook: its definition, indicators and (optionally) its own presence rule."""

    id: str
    label: str
    definition: str
    indicators: tuple[Indicator, ...]
    exclusions: tuple[Indicator, ...] = ()
    kind: str | None = None
    source: str | None = None
    notes: str | None = None
    rule: PresenceRule | None = None


@dataclass(frozen=True)
class Codebook:
    """A checked codebook: frames in file order, plus the file's descriptive fields."""

    frames: tuple[Frame, ...]
    name: str | None = None
    version: str | None = None
    description: str | None = None
    references: tuple[str, ...] = ()
    path: str | None = field(default=None, compare=False)

    @property
    def frame_ids(self) -> tuple[str, ...]:
        """The frame ids in file order."""
        return tuple(f.id for f in self.frames)

    def __getitem__(self, frame_id: str) -> Frame:
        for frame in self.frames:
            if frame.id == frame_id:
                return frame
        raise KeyError(f"no frame {frame_id!r} in the codebook; it has {', '.join(self.frame_ids)}")

    def __iter__(self):
        return iter(self.frames)

    def __len__(self) -> int:
        return len(self.frames)

    def describe(self) -> list[dict[str, Any]]:
        """One dict per frame (id, label, kind, definition, source, n_terms, n_patterns, n_exclusions, terms).

        Handy as ``pd.DataFrame(codebook.describe())`` in a notebook's methods section.
        """
        return [
            {
                "id": f.id,
                "label": f.label,
                "kind": f.kind,
                "definition": f.definition,
                "source": f.source,
                "n_terms": sum(i.kind == "term" for i in f.indicators),
                "n_patterns": sum(i.kind == "pattern" for i in f.indicators),
                "n_exclusions": len(f.exclusions),
                "terms": [i.term for i in f.indicators],
            }
            for f in self.frames
        ]


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when installed
    """A safe YAML loader that refuses a key given twice in one mapping (PyYAML keeps the last silently)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            continue  # the base constructor reports an unhashable key itself
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key!r} is given twice", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path, *, error: type[ValueError]) -> Any:
    """Read a YAML file with the safe loader, refusing duplicate keys; problems raise ``error`` naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise error(f"{path}: file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{path}: cannot read it ({exc})") from exc
    try:
        return safeyaml.load(text, source="", loader=_UniqueKeyLoader)  # safe, no aliases, bounded
    except (yaml.YAMLError, safeyaml.YAMLRefused) as exc:
        raise error(f"{path}: not valid YAML: {exc}") from exc


def default_codebook_path() -> Path:
    """The path of the codebook shipped in the package (``tiktok_study/data/codebook.yaml``)."""
    return Path(str(resources.files("tiktok_study") / "data" / "codebook.yaml"))


def term_atoms(term: str, *, explicit_case: bool = False) -> tuple[list[tuple[str, str | None]], int]:
    """Parse one term (codebook syntax) into regex atoms: ``([(atom, literal char or None), ...], n_words)``.

    With ``explicit_case`` each letter becomes a class of its two cases (``[wW]``), so the regex is
    case-insensitive without the IGNORECASE flag (faster in a large alternation; see :mod:`tiktok_study.frames`).

    Raises:
        ValueError: an empty term, a term not starting with a letter or digit, or a misplaced ``*``.
    """
    text = " ".join(term.split())
    if not text:
        raise ValueError("an empty term")
    if not re.match(r"\w", text):
        raise ValueError(
            f"the term {term!r} must start with a letter or digit (use patterns for anything else)"
        )
    words = [w for w in TERM_WORD_SPLIT.split(text) if w]
    atoms: list[tuple[str, str | None]] = []
    for n, word in enumerate(words):
        stem, star, rest = word.partition("*")
        if rest or (star and len(stem) < MIN_STEM) or not stem:
            raise ValueError(
                f"the term {term!r}: a * may only end a word of at least {MIN_STEM} letters (like sanction*)"
            )
        if n:
            atoms.append((WORD_SEPARATOR, None))
        for ch in stem:
            if ch in "'’":
                atoms.append((APOSTROPHE, None))
            elif explicit_case and len(ch.lower()) == len(ch.upper()) == 1 and ch.lower() != ch.upper():
                atoms.append((f"[{ch.lower()}{ch.upper()}]", ch.lower()))
            else:
                atoms.append((re.escape(ch), ch.lower()))
        if star:
            atoms.append((r"\w*", None))
    atoms.append((END_OF_WORD, None))
    return atoms, len(words)


def term_regex(term: str) -> str:
    """Turn one term (codebook syntax) into a regular expression, to be used case-insensitively.

    Words are separated by spaces or hyphens in the term; in text, either matches any run of spaces or one
    hyphen. An apostrophe matches ``'`` and ``’``. A ``*`` ending a word matches any word ending. The regex
    ends at a word boundary; the frame matcher anchors its start at a word start.

    Raises:
        ValueError: an empty term, a term not starting with a letter or digit, or a misplaced ``*``.

    Example:
        >>> import re
        >>> rx = term_regex("trade war*")
        >>> [m.group() for m in re.finditer(rx, "trade-wars, trade  war, trade warrior", re.I)]
        ['trade-wars', 'trade  war', 'trade warrior']
    """
    atoms, _ = term_atoms(term)
    return "".join(atom for atom, _ in atoms)


def _fail(source: str, frame: str | None, fld: str, problem: str) -> CodebookError:
    where = f"frame {frame!r}, field {fld!r}" if frame else f"field {fld!r}"
    return CodebookError(f"{source}: {where}: {problem}", frame=frame, field=fld)


def _text(value: Any, source: str, frame: str | None, fld: str, *, required: bool) -> str | None:
    if value is None:
        if required:
            raise _fail(source, frame, fld, "missing (a non-empty text is required)")
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _fail(source, frame, fld, f"must be a text, not {type(value).__name__}")
    value = str(value).strip()
    if required and not value:
        raise _fail(source, frame, fld, "is empty (a non-empty text is required)")
    return value


def _list(value: Any, source: str, frame: str, fld: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _fail(source, frame, fld, f"must be a list, not {type(value).__name__}")
    return value


def _terms(items: list[Any], source: str, frame: str, fld: str) -> list[Indicator]:
    out: list[Indicator] = []
    seen: set[str] = set()
    for n, item in enumerate(items):
        where = f"{fld}[{n}]"
        if isinstance(item, dict):
            unknown = sorted(set(map(str, item)) - _TERM_KEYS)
            if unknown:
                raise _fail(
                    source, frame, where, f"unknown key {unknown[0]!r} (a term entry has: term, forms)"
                )
            label = _text(item.get("term"), source, frame, f"{where}.term", required=True)
            forms = _list(item.get("forms"), source, frame, f"{where}.forms") or [label]
        elif isinstance(item, str | int) and not isinstance(item, bool):
            label, forms = str(item).strip(), [str(item)]
        else:
            raise _fail(
                source, frame, where, f"must be a text or {{term:, forms:}}, not {type(item).__name__}"
            )
        checked = []
        for form in forms:
            if not isinstance(form, str | int) or isinstance(form, bool):
                raise _fail(source, frame, where, f"the form {form!r} must be a text")
            try:
                term_atoms(str(form))
            except ValueError as exc:
                raise _fail(source, frame, where, str(exc)) from None
            checked.append(" ".join(str(form).split()))
        key = label.casefold()
        if key in seen:
            raise _fail(source, frame, where, f"the term {label!r} is listed twice")
        seen.add(key)
        out.append(Indicator(label, tuple(checked), "term"))
    return out


def _patterns(items: list[Any], source: str, frame: str, fld: str) -> list[Indicator]:
    out: list[Indicator] = []
    for n, item in enumerate(items):
        where = f"{fld}[{n}]"
        if isinstance(item, dict):
            unknown = sorted(set(map(str, item)) - _PATTERN_KEYS)
            if unknown:
                raise _fail(
                    source, frame, where, f"unknown key {unknown[0]!r} (a pattern entry has: name, regex)"
                )
            regex = _text(item.get("regex"), source, frame, f"{where}.regex", required=True)
            name = _text(item.get("name"), source, frame, f"{where}.name", required=False) or regex
        elif isinstance(item, str):
            regex = name = item
        else:
            raise _fail(
                source, frame, where, f"must be a regex text or {{name:, regex:}}, not {type(item).__name__}"
            )
        assert regex is not None
        if BACKREFERENCE.search(regex):
            raise _fail(
                source, frame, where,
                f"bad regex {regex!r}: named groups and backreferences are not supported (use (?:...))",
            )  # fmt: skip
        try:
            compiled = re.compile(f"(?:{regex})", re.IGNORECASE)
        except re.error as exc:
            raise _fail(
                source, frame, where,
                f"bad regex {regex!r}: {exc} (inline flags must be scoped, like (?-i:...))",
            ) from None  # fmt: skip
        if compiled.match("") is not None:
            raise _fail(source, frame, where, f"bad regex {regex!r}: it matches the empty text")
        nested = catastrophic_repeat(regex)
        if nested is not None:
            raise _fail(
                source, frame, where,
                f"bad regex {regex!r}: the repeat {nested!r} inside another repeat can backtrack for minutes on "
                "one paragraph; make the inner part unambiguous (like (?:\\w+\\s)+ or \\w+(?:\\s\\w+)*)",
            )  # fmt: skip
        try:
            regex_module.compile(f"(?:{regex})", regex_module.IGNORECASE | regex_module.V0)
        except regex_module.error as exc:
            raise _fail(source, frame, where, f"bad regex {regex!r}: {exc}") from None
        out.append(Indicator(name, (regex,), "pattern"))
    return out


def _rule_number(
    raw: dict, key: str, default: float, low: float, high: float, source: str, frame: str
) -> float:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise _fail(source, frame, f"rule.{key}", f"{value!r}; a number from {low} to {high} is required")
    return float(value)


def _logistic_rule(raw: dict, source: str, frame: str) -> PresenceRule:
    weights = raw.get("weights") or {}
    if not isinstance(weights, dict) or not set(weights) <= set(RULE_FEATURES):
        raise _fail(source, frame, "rule.weights", f"a mapping of {', '.join(RULE_FEATURES)} to numbers")
    pairs = []
    for name in (n for n in RULE_FEATURES if n in weights):
        w = weights[name]
        if isinstance(w, bool) or not isinstance(w, int | float) or not math.isfinite(w):
            raise _fail(source, frame, f"rule.weights.{name}", f"{w!r}; a finite number is required")
        pairs.append((name, float(w)))
    return PresenceRule(
        kind="logistic",
        intercept=_rule_number(raw, "intercept", 0.0, -1e6, 1e6, source, frame),
        weights=tuple(pairs),
        cutoff=_rule_number(raw, "cutoff", 0.5, 1e-6, 1 - 1e-6, source, frame),
    )


def _rule(raw: Any, source: str, frame: str) -> PresenceRule | None:
    """A frame's ``rule:`` mapping (see :class:`PresenceRule`); None when the frame has none."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise _fail(source, frame, "rule", f"must be a mapping, not {type(raw).__name__}")
    unknown = sorted(set(map(str, raw)) - _RULE_KEYS)
    if unknown:
        raise _fail(
            source, frame, f"rule.{unknown[0]}", f"unknown key (a rule has: {', '.join(sorted(_RULE_KEYS))})"
        )
    kind = raw.get("kind", "threshold")
    if kind not in ("threshold", "logistic"):
        raise _fail(source, frame, "rule.kind", f"{kind!r}; choose threshold or logistic")
    if kind == "logistic":
        return _logistic_rule(raw, source, frame)
    hits = _rule_number(raw, "min_hits", 2, 0, math.inf, source, frame)
    if not hits.is_integer():
        raise _fail(source, frame, "rule.min_hits", f"{hits!r}; a whole number is required")
    return PresenceRule(
        min_hits=int(hits),
        min_per_1k=_rule_number(raw, "min_per_1k", 1.0, 0, math.inf, source, frame),
        min_share=_rule_number(raw, "min_share", 0.0, 0, 1, source, frame),
    )


def _frame(raw: Any, n: int, source: str) -> Frame:
    if not isinstance(raw, dict):
        raise _fail(source, None, f"frames[{n}]", f"must be a mapping, not {type(raw).__name__}")
    frame_id = raw.get("id")
    if not isinstance(frame_id, str) or not FRAME_ID.fullmatch(frame_id):
        raise _fail(
            source, None, f"frames[{n}].id",
            f"{frame_id!r} is not a frame id (lowercase letters, digits and _, starting with a letter)",
        )  # fmt: skip
    unknown = sorted(set(map(str, raw)) - _FRAME_KEYS)
    if unknown:
        raise _fail(
            source, frame_id, unknown[0], f"unknown key (a frame has: {', '.join(sorted(_FRAME_KEYS))})"
        )
    label = _text(raw.get("label"), source, frame_id, "label", required=True)
    definition = _text(raw.get("definition"), source, frame_id, "definition", required=True)
    indicators = _terms(_list(raw.get("terms"), source, frame_id, "terms"), source, frame_id, "terms")
    indicators += _patterns(
        _list(raw.get("patterns"), source, frame_id, "patterns"), source, frame_id, "patterns"
    )
    if not indicators:
        raise _fail(source, frame_id, "terms", "a frame needs terms or patterns (or both)")
    exclusions = _terms(_list(raw.get("exclude"), source, frame_id, "exclude"), source, frame_id, "exclude")
    exclusions += _patterns(
        _list(raw.get("exclude_patterns"), source, frame_id, "exclude_patterns"),
        source,
        frame_id,
        "exclude_patterns",
    )
    assert label is not None and definition is not None
    return Frame(
        id=frame_id,
        label=label,
        definition=definition,
        indicators=tuple(indicators),
        exclusions=tuple(exclusions),
        kind=_text(raw.get("kind"), source, frame_id, "kind", required=False),
        source=_text(raw.get("source"), source, frame_id, "source", required=False),
        notes=_text(raw.get("notes"), source, frame_id, "notes", required=False),
        rule=_rule(raw.get("rule"), source, frame_id),
    )


def parse_codebook(data: Any, *, source: str = "<dict>") -> Codebook:
    """Check a codebook given as Python data (what the YAML file holds) and return a :class:`Codebook`.

    Raises:
        CodebookError: naming ``source``, the frame and the field at fault.
    """
    if not isinstance(data, dict):
        raise CodebookError(
            f"{source}: a codebook is a mapping with a 'frames' list, not {type(data).__name__}"
        )
    unknown = sorted(set(map(str, data)) - _TOP_KEYS)
    if unknown:
        raise _fail(source, None, unknown[0], f"unknown key (a codebook has: {', '.join(sorted(_TOP_KEYS))})")
    raw_frames = data.get("frames")
    if not isinstance(raw_frames, list) or not raw_frames:
        raise _fail(source, None, "frames", "missing or empty (a list of frames is required)")
    frames = [_frame(raw, n, source) for n, raw in enumerate(raw_frames)]
    seen: set[str] = set()
    for frame in frames:
        if frame.id in seen:
            raise _fail(source, frame.id, "id", "the frame id is used twice")
        seen.add(frame.id)
    refs = _list(data.get("references"), source, "", "references") if data.get("references") else []
    return Codebook(
        frames=tuple(frames),
        name=_text(data.get("name"), source, None, "name", required=False),
        version=_text(data.get("version"), source, None, "version", required=False),
        description=_text(data.get("description"), source, None, "description", required=False),
        references=tuple(str(r).strip() for r in refs),
        path=None if source == "<dict>" else source,
    )


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Load and check a codebook YAML file (the shipped one when ``path`` is None).

    A file is read once per session while it is unchanged (same modification time and size).

    Raises:
        CodebookError: the file is missing or not YAML, or a frame or field is malformed (named in the message).
    """
    target = Path(path) if path is not None else default_codebook_path()
    try:
        stat = target.stat()
    except OSError:
        return _load_codebook(target, None)  # raises, naming the file
    return _load_codebook(target, (stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=16)
def _load_codebook(target: Path, stamp: tuple[int, int] | None) -> Codebook:
    data = read_yaml(target, error=CodebookError)
    codebook = parse_codebook(data, source=str(target))
    logger.debug("loaded codebook %s: %d frames", target, len(codebook))
    return codebook


def as_codebook(codebook: Codebook | str | Path | None) -> Codebook:
    """Return ``codebook`` itself, the codebook at a path, or the shipped one for None."""
    if isinstance(codebook, Codebook):
        return codebook
    return load_codebook(codebook)
