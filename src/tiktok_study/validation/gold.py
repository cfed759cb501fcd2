"""Gold files: reading and checking the human codes that ``validate`` and ``calibrate`` compare with.

Formats (see ``data/gold/README.md``): ``sentiment`` — CSV ``text, score``; ``frames`` — CSV ``article_id`` or
``text``, one 0/1 column per frame id, optional ``coder``; ``statistics`` — CSV ``text, value`` (optional
``high``, ``qualifier``); ``quotes`` — JSONL ``{"text": ..., "quotes": [{"quote": ..., "speaker": ...}]}``.

Every malformed file raises :class:`~tiktok_study.errors.UsageError` with one line naming the file, the line and
the column (the command line exits 2). (About 600 lines: one reader per format, each with the checks and
one-line messages a coder needs; the scoring lives in :mod:`.scoring` and :mod:`.framing`.)
"""

from __future__ import annotations

import csv
import io
import json
import logging
import math
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from tiktok_study.codebook import FRAME_IDS
from tiktok_study.errors import UsageError

__all__ = [
    "FRAME_IDS",
    "GOLD_FILE_NAMES",
    "KINDS",
    "Gold",
    "gold_files",
    "qualifier_class",
    "read_gold",
]

logger = logging.getLogger(__name__)

Kind = Literal["sentiment", "frames", "statistics", "quotes"]
KINDS: tuple[str, ...] = ("sentiment", "frames", "statistics", "quotes")

REQUIRED: dict[str, tuple[str, ...]] = {
    "sentiment": ("text", "score"),
    "statistics": ("text", "value"),
}
FRAME_KEYS = ("article_id", "text")
SOURCE = "source"  # an optional label column (key in JSONL): where a gold text comes from
SHOWN_CHARS = 40  # characters of a bad value quoted in an error message
NUMBER_CHARS = 40  # a written number longer than this is not a coder's number (5,000 digits: refused)
SCORE_LIMIT = 1000.0  # |score| of any rating scale (-4..4, 1..5, 0..100); 1e308 is a typing accident
VALUE_LIMIT = 1e27  # |value| of a quoted statistic in base units (zettabytes in bytes fit; 1e308 does not)
LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")  # from a JSON escape such as "\ud800": not a character

WHITESPACE_RUN = re.compile(r"\s+")
QUALIFIER_NONE = re.compile(r"^\s*(?:|none|nan|null|exact)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Gold:
    """A parsed, checked gold file.

    Attributes:
        kind: the gold kind.
        path: the file.
        items: one row per gold unit (a text, or an article for article-keyed frames): ``item`` (0, 1, … in
            file order), ``line`` (where it starts), ``text``, and per kind ``score`` (sentiment) or
            ``article_id``/``key`` (frames).
        codes: the human codes: sentiment — none (the score is on ``items``); frames — one row per item and
            coder with a 0/1 column per frame; statistics — one row per gold number (``value``, ``high``,
            ``qualifier``); quotes — one row per gold quote (``quote``, ``speaker``, ``start``, ``end``).
        frames: the frame columns (frames only).
        coders: the coders, in file order (frames only; ``("gold",)`` without a ``coder`` column).
        has_qualifier: the statistics gold has a ``qualifier`` column.
        ignored_columns: columns the kind does not use, left aside.
    """

    kind: str
    path: Path
    items: pd.DataFrame
    codes: pd.DataFrame
    frames: tuple[str, ...] = ()
    coders: tuple[str, ...] = ()
    has_qualifier: bool = False
    ignored_columns: tuple[str, ...] = ()


def _fail(path: Path, where: str, reason: str) -> UsageError:
    where = f" {where}" if where else ""
    return UsageError(f"gold file {path}{where}: {reason}")


def _guess_kind(columns: Sequence[str], frames: Sequence[str]) -> str | None:
    cols = set(columns)
    if cols and next(iter(columns), "").lstrip().startswith("{"):
        return "quotes (JSONL)"
    if "score" in cols:
        return "sentiment"
    if "value" in cols:
        return "statistics"
    if cols & set(frames):
        return "frames"
    return None


def _read_text(path: Path) -> str:
    if not path.is_file():
        raise UsageError(f"gold file {path}: not found (pass an existing file with --gold)")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"gold file {path}: cannot be read: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _fail(path, f"line {line}", "not UTF-8 text; save the file as UTF-8") from exc
    if not text.strip():
        raise _fail(path, "", "is empty; it needs a header row and at least one coded row")
    return text


def _csv_records(path: Path) -> Iterator[tuple[int, list[str]]]:
    text = _read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for record in reader:
            yield reader.line_num, record
    except csv.Error as exc:
        raise _fail(path, f"line {reader.line_num}", f"not valid CSV: {exc}") from exc


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _xlsx_records(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Rows of a one-sheet XLSX coding sheet as text cells (line = the sheet's row number)."""
    from openpyxl import load_workbook

    if not path.is_file():
        raise UsageError(f"gold file {path}: not found (pass an existing file with --gold)")
    try:
        book = load_workbook(path, read_only=False, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
        raise _fail(
            path, "", f"not a readable XLSX workbook ({type(exc).__name__}: {str(exc)[:120]})"
        ) from None
    if len(book.worksheets) != 1:
        names = ", ".join(repr(ws.title) for ws in book.worksheets)
        raise _fail(path, "", f"has {len(book.worksheets)} sheets ({names}); keep the coding on one sheet")
    sheet = book.worksheets[0]
    if sheet.merged_cells.ranges:
        first = sorted(str(r) for r in sheet.merged_cells.ranges)[0]
        raise _fail(
            path,
            f"sheet {sheet.title!r}",
            f"has merged cells ({first}); unmerge them so every row is one item",
        )
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        yield number, [_cell(v) for v in row]


def _read_csv(
    path: Path, kind: str, required: Sequence[str], frames: Sequence[str]
) -> list[tuple[int, dict]]:
    """Rows of a CSV (or, for frames, XLSX) gold file as (line number, {column: stripped value}); checks header
    and field counts."""
    records = _xlsx_records(path) if path.suffix.lower() == ".xlsx" else _csv_records(path)
    header: list[str] | None = None
    rows: list[tuple[int, dict]] = []
    for line, record in records:
        if not any(cell.strip() for cell in record):
            continue
        if header is None:
            while record and not record[-1].strip():  # empty trailing cells of a spreadsheet
                record = record[:-1]
            header = [cell.strip() for cell in record]
            missing = [c for c in required if c not in header]
            if missing:
                guess = _guess_kind(header, frames)
                hint = f"; it looks like a {guess} gold file" if guess and guess != kind else ""
                listed = ", ".join(header[:8]) + (" …" if len(header) > 8 else "")
                raise _fail(
                    path, f"line {line}",
                    f"missing column {', '.join(repr(c) for c in missing)} for --kind {kind} "
                    f"(the header has {listed}){hint}",
                )  # fmt: skip
            dupes = sorted({c for c in header if header.count(c) > 1})
            if dupes:
                raise _fail(path, f"line {line}", f"column {dupes[0]!r} appears twice")
            continue
        if len(record) > len(header) and not any(cell.strip() for cell in record[len(header) :]):
            record = record[: len(header)]  # a spreadsheet row padded with empty cells
        if len(record) != len(header):
            raise _fail(
                path, f"line {line}",
                f"{len(record)} fields but the header has {len(header)}; quote fields that hold commas",
            )  # fmt: skip
        rows.append((line, {c: v.strip() for c, v in zip(header, record, strict=True)}))
    if not rows:
        raise _fail(path, "", "has a header but no coded rows")
    return rows


def shown(value: str, *, limit: int = SHOWN_CHARS) -> str:
    """A value for an error message: its repr, cut to ``limit`` characters with its length said.

    Example:
        >>> shown("1" * 5000, limit=12)
        "'1111111111…' (5000 characters)"
    """
    if len(value) <= limit:
        return repr(value)
    return f"{value[: limit - 2]!r}"[:-1] + f"…' ({len(value)} characters)"


def _number(
    path: Path, line: int, column: str, value: str, *, allow_empty: bool = False, limit: float = math.inf
) -> float:
    if value == "" and allow_empty:
        return math.nan
    where = f"line {line}, column {column}"
    if value == "":
        raise _fail(path, where, "empty; a number is required")
    if len(value) > NUMBER_CHARS:
        raise _fail(
            path, where, f"{shown(value)} is not a number a coder writes (over {NUMBER_CHARS} characters)"
        )
    try:
        number = float(value)
    except ValueError:
        raise _fail(path, where, f"{shown(value)} is not a number (write plain digits: 1300, 0.27)") from None
    if not math.isfinite(number):
        raise _fail(path, where, f"{shown(value)} is not a finite number")
    if abs(number) > limit:
        raise _fail(
            path, where, f"{shown(value)} is out of range for a {column} (at most {limit:g} either side of 0)"
        )
    return number


def _gold_sentiment(path: Path, frames: Sequence[str]) -> Gold:
    rows = _read_csv(path, "sentiment", REQUIRED["sentiment"], frames)
    records = []
    for item, (line, row) in enumerate(rows):
        if not row["text"]:
            raise _fail(path, f"line {line}, column text", "empty; every row needs the text that was scored")
        records.append(
            {"item": item, "line": line, "text": row["text"],
             "score": _number(path, line, "score", row["score"], limit=SCORE_LIMIT), "source": row.get(SOURCE, "")}
        )  # fmt: skip
    ignored = tuple(c for c in rows[0][1] if c not in (*REQUIRED["sentiment"], SOURCE))
    items = pd.DataFrame(records, columns=["item", "line", "text", "score", "source"])
    return Gold("sentiment", path, items, items.iloc[0:0], ignored_columns=ignored)


def _frame_columns(path: Path, header: list[str], frames: Sequence[str]) -> tuple[str, ...]:
    if not any(k in header for k in FRAME_KEYS):
        raise _fail(
            path, "line 1",
            f"missing column 'article_id' or 'text' for --kind frames (the header has {', '.join(header)})",
        )  # fmt: skip
    frame_cols = tuple(c for c in header if c in frames)
    if not frame_cols:
        guess = _guess_kind(header, frames)
        hint = f"; it looks like a {guess} gold file" if guess else ""
        raise _fail(
            path,
            "line 1",
            f"no frame column for --kind frames; expected one or more of {', '.join(frames)}{hint}",
        )
    return frame_cols


def _frame_codes(path: Path, line: int, row: dict, frame_cols: tuple[str, ...]) -> dict[str, int]:
    codes = {}
    for frame in frame_cols:
        value = row[frame]
        if value not in ("0", "1", "0.0", "1.0"):
            what = shown(value) if value else "empty"
            raise _fail(path, f"line {line}, column {frame}", f"{what}; code 0 (absent) or 1 (present)")
        codes[frame] = int(float(value))
    return codes


def _check_ids(path: Path, rows: list[tuple[int, dict]]) -> None:
    """A sheet's ``id`` column, when it has one: one row per id and coder."""
    first: dict[tuple[str, str], int] = {}
    for line, row in rows:
        if row.get("id"):
            seen = first.setdefault((row["id"], row.get("coder", "")), line)
            if seen != line:
                raise _fail(
                    path,
                    f"line {line}, column id",
                    f"the id {shown(row['id'])} is used twice (first on line {seen})",
                )


def _gold_frames(path: Path, frames: Sequence[str]) -> Gold:
    rows = _read_csv(path, "frames", (), frames)
    header = list(rows[0][1])
    frame_cols = _frame_columns(path, header, frames)
    ignored = tuple(c for c in header if c not in (*FRAME_KEYS, "coder", SOURCE, *frame_cols))
    has_coder = "coder" in header
    coded = [(line, row) for line, row in rows if any(row[f] != "" for f in frame_cols)]
    if coded and len(coded) < len(rows):  # rows of a coding sheet not coded yet (every frame cell empty)
        logger.info("gold file %s: %d row(s) not coded yet, left out", path, len(rows) - len(coded))
        rows = coded
    _check_ids(path, rows)
    items: dict[tuple[str, str], dict] = {}
    codes = []
    seen: dict[tuple[int, str], int] = {}
    for line, row in rows:
        text, article = row.get("text", ""), row.get("article_id", "")
        if not text and not article:
            raise _fail(path, f"line {line}", "neither 'text' nor 'article_id' is filled in")
        key = ("text", text) if text else ("article_id", article)
        coder = row["coder"] if has_coder else "gold"
        if has_coder and not coder:
            raise _fail(path, f"line {line}, column coder", "empty; name the coder on every row")
        if key not in items:
            items[key] = {"item": len(items), "line": line, "key": key[0], "article_id": article, "text": text,
                          "source": row.get(SOURCE, "")}  # fmt: skip
        item = items[key]["item"]
        if (item, coder) in seen:
            what = "text" if key[0] == "text" else f"article {article}"
            raise _fail(
                path, f"line {line}",
                f"the same {what} is coded twice by coder {coder!r} (first on line {seen[(item, coder)]})",
            )  # fmt: skip
        seen[(item, coder)] = line
        codes.append(
            {"item": item, "coder": coder, "line": line, **_frame_codes(path, line, row, frame_cols)}
        )
    coders = tuple(dict.fromkeys(c["coder"] for c in codes))
    return Gold(
        "frames", path,
        pd.DataFrame(list(items.values()), columns=["item", "line", "key", "article_id", "text", "source"]),
        pd.DataFrame(codes, columns=["item", "coder", "line", *frame_cols]),
        frames=frame_cols, coders=coders, ignored_columns=ignored,
    )  # fmt: skip


def _gold_statistics(path: Path, frames: Sequence[str]) -> Gold:
    rows = _read_csv(path, "statistics", REQUIRED["statistics"], frames)
    header = list(rows[0][1])
    has_high, has_qualifier = "high" in header, "qualifier" in header
    ignored = tuple(c for c in header if c not in ("text", "value", "high", "qualifier", SOURCE))
    items: dict[str, dict] = {}
    empty_line: dict[int, int] = {}
    codes = []
    for line, row in rows:
        if not row["text"]:
            raise _fail(path, f"line {line}, column text", "empty; every row needs the text it codes")
        if row["text"] not in items:
            items[row["text"]] = {
                "item": len(items),
                "line": line,
                "text": row["text"],
                "source": row.get(SOURCE, ""),
            }
        item = items[row["text"]]["item"]
        value = _number(path, line, "value", row["value"], allow_empty=True, limit=VALUE_LIMIT)
        high = (
            _number(path, line, "high", row["high"], allow_empty=True, limit=VALUE_LIMIT)
            if has_high
            else math.nan
        )
        if math.isnan(value):
            if not math.isnan(high):
                raise _fail(
                    path, f"line {line}, column value", "empty but 'high' is filled; put the low end in value"
                )
            empty_line[item] = line
        else:
            codes.append(
                {"item": item, "line": line, "value": value, "high": high,
                 "qualifier": qualifier_class(row.get("qualifier", "")) if has_qualifier else ""}
            )  # fmt: skip
    for item, line in empty_line.items():
        if any(c["item"] == item for c in codes):
            raise _fail(
                path, f"line {line}, column value",
                "empty, yet the same text has numbers on other rows; leave value empty only for a text with no number",
            )  # fmt: skip
    return Gold(
        "statistics", path,
        pd.DataFrame(list(items.values()), columns=["item", "line", "text", "source"]),
        pd.DataFrame(codes, columns=["item", "line", "value", "high", "qualifier"]),
        has_qualifier=has_qualifier, ignored_columns=ignored,
    )  # fmt: skip


def _lone_surrogate(doc: Any, key: str = "") -> tuple[str, str, int] | None:
    """The first string of a JSON document holding a lone surrogate: (key path, the surrogate, its offset)."""
    stack = [(key, doc)]
    while stack:
        where, value = stack.pop(0)
        if isinstance(value, str):
            m = LONE_SURROGATE.search(value)
            if m is not None:
                return where or "text", m.group(), m.start()
        elif isinstance(value, dict):
            stack.extend((f"{where}.{k}" if where else str(k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((f"{where}[{n}]", v) for n, v in enumerate(value))
    return None


def _json_line(path: Path, line: int, raw: str) -> dict:
    """One JSONL line as an object; every way it can be unreadable is one line naming the file and line."""
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as exc:
        hint = (
            "; quotes gold is JSONL, one JSON object a line"
            if not raw.lstrip().startswith(("{", "["))
            else ""
        )
        raise _fail(path, f"line {line}", f"not valid JSON ({exc.msg}, column {exc.colno}){hint}") from None
    except RecursionError:
        raise _fail(
            path, f"line {line}", "JSON nested too deep to read (a gold line is one flat object)"
        ) from None
    except ValueError as exc:  # an integer of more digits than Python converts (sys.int_info)
        raise _fail(path, f"line {line}", f"not a usable JSON object: {str(exc).split(';')[0]}") from None
    bad = _lone_surrogate(doc)
    if bad is not None:
        raise _fail(
            path, f"line {line}, key {bad[0]}",
            f"a lone surrogate ({bad[1]!r}) at character {bad[2]}: not text; fix the \\u escape",
        )  # fmt: skip
    if not isinstance(doc, dict):
        raise _fail(path, f"line {line}", 'not a JSON object; write {"text": ..., "quotes": [...]}')
    return doc


def _quote_spans(path: Path, line: int, body: str, quotes: list[Any]) -> list[tuple[str, str, int]]:
    """``(quote, speaker, start)`` of each gold quote, located in ``body`` in order (a repeat: the next one)."""
    out = []
    cursor = 0
    for number, quote in enumerate(quotes):
        where = f"line {line}, quotes[{number}]"
        if (
            not isinstance(quote, dict)
            or not isinstance(quote.get("quote"), str)
            or not quote["quote"].strip()
        ):
            raise _fail(path, where, 'needs {"quote": "<the quoted words>", "speaker": "<name or null>"}')
        speaker = quote.get("speaker")
        if speaker is not None and not isinstance(speaker, str):
            raise _fail(path, f"{where}.speaker", "must be a string or null")
        content = quote["quote"].strip()
        start = body.find(content, cursor)
        if start < 0:
            start = body.find(content)
        if start < 0:
            raise _fail(
                path, f"{where}.quote", f"{content[:60]!r} does not occur in the text; copy it exactly"
            )
        cursor = start + len(content)
        out.append((content, speaker or "", start))
    return out


def _gold_quotes(path: Path, frames: Sequence[str]) -> Gold:
    text = _read_text(path)
    items, codes = [], []
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        doc = _json_line(path, line, raw)
        body = doc.get("text")
        if not isinstance(body, str) or not body.strip():
            raise _fail(
                path, f"line {line}, key text", "missing or empty; every line needs the text it codes"
            )
        quotes = doc.get("quotes")
        if not isinstance(quotes, list):
            raise _fail(
                path, f"line {line}, key quotes", "missing or not a list (use [] for a text without quotes)"
            )
        item = len(items)
        items.append({"item": item, "line": line, "text": body, "source": str(doc.get(SOURCE) or "")})
        codes.extend(
            {"item": item, "line": line, "quote": content, "speaker": speaker, "start": start,
             "end": start + len(content)}
            for content, speaker, start in _quote_spans(path, line, body, quotes)
        )  # fmt: skip
    if not items:
        raise _fail(path, "", "has no coded lines")
    return Gold(
        "quotes", path,
        pd.DataFrame(items, columns=["item", "line", "text", "source"]),
        pd.DataFrame(codes, columns=["item", "line", "quote", "speaker", "start", "end"]),
    )  # fmt: skip


# Qualifiers compared by what they claim about the number, so "over" = "more than" = "surpassing"; words that
# only stress an exact number ("only 4", "another 270 days") count as no qualifier. Others compare as written.
QUALIFIER_CLASS = {
    **dict.fromkeys(
        ["over", "more than", "exceeding", "surpassing", "above", "upwards of", "in excess of", "topping",
         "greater than", "beyond"], "more than"),
    **dict.fromkeys(["under", "less than", "fewer than", "below"], "less than"),
    **dict.fromkeys(["about", "approximately", "approx.", "approx", "around", "roughly", "some", "circa",
                     "an estimated", "estimated", "~"], "about"),
    **dict.fromkeys(["nearly", "almost", "close to", "just under", "just shy of"], "nearly"),
    **dict.fromkeys(["up to", "as many as", "as much as", "within", "no more than", "at most"], "up to"),
    **dict.fromkeys(["at least", "no fewer than", "no less than", "a minimum of"], "at least"),
    **dict.fromkeys(["only", "just", "a mere", "another", "exactly", "an additional", "a further"], ""),
}  # fmt: skip


def qualifier_class(value: object) -> str:
    """A statistic's qualifier for comparison: its class in :data:`QUALIFIER_CLASS`, else the words case-folded
    with whitespace collapsed; '' for none.

    Example:
        >>> [qualifier_class(q) for q in ["Over", "surpassing", "about", "only", None, "give or take"]]
        ['more than', 'more than', 'about', '', '', 'give or take']
    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    text = WHITESPACE_RUN.sub(" ", str(value)).strip().casefold()
    if QUALIFIER_NONE.match(text):
        return ""
    return QUALIFIER_CLASS.get(text, text)


def read_gold(kind: Kind | str, path: str | os.PathLike[str], *, frames: Sequence[str] | None = None) -> Gold:
    """Parse and check a gold file of ``kind``.

    Args:
        kind: ``sentiment``, ``frames``, ``statistics`` or ``quotes``.
        path: the gold file (CSV; JSONL for quotes).
        frames: the frame ids a frames gold file may code (default :data:`FRAME_IDS`, or a codebook's).

    Raises:
        UsageError: unknown kind, missing or unreadable file, empty file, missing column, a non-numeric score
            or value, a frame code other than 0/1, an unreadable JSONL line … — one line naming the file and
            the line and column at fault.

    Example:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "gold.csv"
        >>> _ = path.write_text("text,score\\nGood.,0.5\\nBad.,x\\n")
        >>> read_gold("sentiment", path)
        Traceback (most recent call last):
        ...
        tiktok_study.errors.UsageError: gold file ...gold.csv line 3, column score: 'x' is not a number (write plain digits: 1300, 0.27)
    """
    if kind not in KINDS:
        raise UsageError(f"unknown validation kind {kind!r}; choose one of {', '.join(KINDS)}")
    known = tuple(frames) if frames is not None else FRAME_IDS
    parser = {
        "sentiment": _gold_sentiment,
        "frames": _gold_frames,
        "statistics": _gold_statistics,
        "quotes": _gold_quotes,
    }[kind]
    gold = parser(Path(path), known)
    if gold.ignored_columns:
        logger.info("gold file %s: ignoring columns %s", path, ", ".join(gold.ignored_columns))
    return gold


#: Each kind of gold file: its file name in a gold folder and its format (CSV with a header row, UTF-8, or XLSX).
GOLD_FORMATS: dict[str, tuple[str, str]] = {
    "sentiment": ("sentiment.csv", "columns `text`, `score` (a human mean on any symmetric scale; the sign decides "
                  "the class; `--gold-neutral` sets a neutral band)"),
    "frames": ("frames.csv", "`article_id` or `text`, one 0/1 column per frame id; optional `coder` (one row per "
               "coder and item: reliability between coders), `id`, `notes`; a coding sheet of `tiktok-study sample`"),
    "statistics": ("statistics.csv", "columns `text`, `value` (one row per gold number in base units; a text with "
                   "no number has one row with an empty value); optional `high` (a range), `qualifier`"),
    "quotes": ("quotes.jsonl", 'JSON lines: `{"text": ..., "quotes": [{"quote": ..., "speaker": ...}]}` — the '
               "quotation as marked and who is quoted"),
}  # fmt: skip
GOLD_FILE_NAMES = {kind: name for kind, (name, _) in GOLD_FORMATS.items()}


def gold_files(folder: str | os.PathLike[str]) -> dict[str, Path]:
    """The gold files present in ``folder``, by kind (``sentiment.csv``, ``frames.csv``, ``statistics.csv``,
    ``quotes.jsonl``).

    Raises:
        UsageError: the folder does not exist or holds none of them.
    """
    path = Path(folder)
    if not path.is_dir():
        raise UsageError(f"gold folder {path} does not exist")
    found = {kind: path / name for kind, name in GOLD_FILE_NAMES.items() if (path / name).is_file()}
    if not found:
        raise UsageError(f"gold folder {path} holds none of {', '.join(GOLD_FILE_NAMES.values())}")
    return found
