"""Units of work of a folder run: which files (or JSONL slices) a worker reads, and where their rows are spilled.

A unit is a run of up to :data:`UNIT_ARTICLES` files in path order, or a slice of that many rows of a JSONL export.
A worker reads its unit (:func:`.readers.read_path`), turns each article into rows (:func:`.rows.article_rows`),
and spills them part by part as Arrow IPC files, one record batch per article, into the run's temporary folder;
it returns what it made (:class:`Made`) and skipped, in reading order. Any failure with one article — reading,
cleaning, or Arrow refusing a value — becomes a ``skipped`` row; the unit goes on.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

import pyarrow as pa

from tiktok_study.normalize.readers import (
    MAX_EXPORT_BYTES,
    SUPPORTED,
    Document,
    Skipped,
    read_path,
    text_document,
)
from tiktok_study.normalize.rowfiles import jsonl_documents
from tiktok_study.normalize.rows import IPC_OPTIONS, SCHEMAS, SPILLED, Rows, arrow_table, article_rows

__all__ = [
    "UNIT_ARTICLES",
    "Made",
    "PartReaders",
    "Unit",
    "UnitResult",
    "convert",
    "dedupe_key",
    "file_items",
    "part_tables",
    "part_tables_isolated",
    "plan_units",
    "run_local",
    "run_remote",
    "slice_items",
    "warm",
    "write_part",
]

logger = logging.getLogger(__name__)

#: Files, or rows of a JSONL export, per unit of work handed to a worker (any value gives the same tables).
UNIT_ARTICLES = 64


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit of work: whole files (in path order), or a slice of the rows of a JSONL export."""

    index: int
    paths: tuple[str, ...] = ()
    export: str | None = None  # the JSONL export of a slice
    start: int = 0  # byte offsets of the slice: [start, stop)
    stop: int = 0
    first_row: int = 0  # row index (non-blank lines from 0) of the slice's first row
    first_line: int = 1  # line number of the slice's first line
    sha: str = ""  # the export file's sha256
    files_done: int = 1  # files this unit finishes (for the progress bar)
    part_size: int = 64  # articles per spill part


class Made(NamedTuple):
    """An article a unit made: what the writer needs to keep it or not, and where its rows were spilled."""

    article_id: str
    source_path: str
    key: bytes  # sha256 of the text, case and spacing ignored (duplicates)
    language: str | None
    part: str
    pos: int
    source: str | None  # the outlet, case and spacing ignored (syndication: same text, another outlet)
    raw: tuple[str, int | None]  # raw_sha256 and source_row: the same bytes read twice


@dataclass(slots=True)
class UnitResult:
    entries: list[Made | Skipped]  # in reading order
    files_done: int
    parts: list[tuple[str, dict[str, pa.Table], dict[str, list[int]]]]  # spilled by the client (Dask only)


def convert(item: Document | Skipped, path: str) -> Rows | Skipped:
    """One document read → its rows, or why it is skipped (a failing or empty article)."""
    if isinstance(item, Skipped):
        return item
    try:
        rows = article_rows(item)
    except Exception as exc:  # one bad article must not stop a corpus run
        logger.warning("normalize: %s failed: %s", item.source_path, exc, exc_info=True)
        return Skipped(
            item.source_path or path, f"normalization failed: {type(exc).__name__}: {exc}", item.article_id
        )
    if rows.article["n_paragraphs"] == 0:
        rules = Counter(r[3] for r in rows.removed)
        top = ", ".join(
            f"{rule} ×{n}" for rule, n in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
        )
        detail = f" ({len(rows.removed)} cut: {top})" if rules else ""
        return Skipped(
            item.source_path or path,
            f"no article text left after removing boilerplate{detail}",
            item.article_id,
        )
    return rows


def file_items(path: str, root: str) -> Iterator[Rows | Skipped]:
    """The articles of one raw file, in order (an export row by row); a reader failing on an odd file (csv,
    lxml, yaml …) ends the file with one ``skipped`` row — rows of an export read before the failure are kept."""
    items = read_path(Path(path), root=Path(root))
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except Exception as exc:  # a reader failing on an odd file must not stop the run
            logger.warning("normalize: cannot read %s: %s", path, exc, exc_info=True)
            rel = Path(path).relative_to(root).as_posix()
            yield Skipped(rel, f"cannot read the file: {type(exc).__name__}: {exc}")
            return
        yield convert(item, path)


def slice_items(unit: Unit, root: str) -> Iterator[Rows | Skipped]:
    """The rows of one slice of a JSONL export, read exactly as :func:`readers.read_path` reads the whole file."""
    assert unit.export is not None
    path = Path(unit.export)
    rel, stem = path.relative_to(root).as_posix(), path.stem
    try:
        with open(path, "rb") as handle:
            handle.seek(unit.start)
            data = handle.read(unit.stop - unit.start)
    except OSError as exc:
        yield Skipped(rel, f"cannot read the file: {exc.strerror or exc}")
        return
    for item in jsonl_documents(
        io.BytesIO(data),
        rel=rel,
        stem=stem,
        sha=unit.sha,
        first_line=unit.first_line,
        first_row=unit.first_row,
    ):
        yield item if isinstance(item, Skipped) else convert(item, unit.export)


def part_tables(rows: list[Rows]) -> tuple[dict[str, pa.Table], dict[str, list[int]]]:
    """The tables of some articles (each article's rows in key order) and each article's row count per table."""
    removed = [sorted(r.removed, key=itemgetter(1)) for r in rows]  # stable: reading order within a line
    per_table = {
        "paragraphs": [r.paragraphs for r in rows],
        "sentences": [r.sentences for r in rows],
        "removed": removed,
    }
    tables = {"articles": arrow_table("articles", [r.article for r in rows])}
    counts = {"articles": [1] * len(rows)}
    for name, lists in per_table.items():
        tables[name] = arrow_table(name, [row for one in lists for row in one])
        counts[name] = [len(one) for one in lists]
    return tables, counts


def write_part(spill: Path, part: str, tables: dict[str, pa.Table], counts: dict[str, list[int]]) -> None:
    """Spill the tables of a part: one Arrow IPC file per table, one record batch per article."""
    for name in SPILLED:
        schema = SCHEMAS[name]
        table = tables[name].combine_chunks()
        batch = (
            table.to_batches()[0]
            if table.num_rows
            else pa.RecordBatch.from_arrays([pa.array([], f.type) for f in schema], schema=schema)
        )
        with pa.ipc.new_file(str(spill / f"{part}.{name}.arrow"), schema, options=IPC_OPTIONS) as writer:
            offset = 0
            for n in counts[name]:
                writer.write_batch(batch.slice(offset, n))
                offset += n


def _run_unit(
    unit: Unit, root: str, spill: Callable[[str, dict[str, pa.Table], dict[str, list[int]]], None]
) -> list[Made | Skipped]:
    """Normalize the articles of ``unit``; spill their rows part by part; return what was made or skipped."""
    items = (
        slice_items(unit, root)
        if unit.export is not None
        else (item for path in unit.paths for item in file_items(path, root))
    )
    entries: list[Made | Skipped] = []
    rows: list[Rows] = []
    parts = 0

    def flush() -> None:
        nonlocal parts, rows
        if rows:
            tables, counts, failed = part_tables_isolated(rows)
            if failed:  # an article whose rows Arrow refused: skipped, the others of the part kept
                name, reasons = part_name(), {id(r): reason for r, reason in failed}
                pos = 0
                for k, e in enumerate(entries):
                    if isinstance(e, Made) and e.part == name:
                        r = rows[e.pos]
                        if id(r) in reasons:
                            entries[k] = Skipped(e.source_path, reasons[id(r)], e.article_id)
                        else:
                            entries[k] = e._replace(pos=pos)
                            pos += 1
                rows = [r for r in rows if id(r) not in reasons]
            if rows:
                spill(part_name(), tables, counts)
                parts += 1
            rows = []

    def part_name() -> str:
        return f"{unit.index:08d}-{parts:04d}"

    for item in items:
        if isinstance(item, Skipped):
            entries.append(item)
            continue
        entries.append(_made(item, part_name(), len(rows)))
        rows.append(item)
        if len(rows) >= unit.part_size:
            flush()
    flush()
    return entries


def _made(rows: Rows, part: str, pos: int) -> Made:
    art = rows.article
    source = " ".join(art["source"].casefold().split()) if art["source"] else None
    return Made(
        art["article_id"], art["source_path"], dedupe_key(art["text"]), art["language"], part, pos, source,
        (art["raw_sha256"], art["source_row"]),
    )  # fmt: skip


def part_tables_isolated(
    rows: list[Rows],
) -> tuple[dict[str, pa.Table], dict[str, list[int]], list[tuple[Rows, str]]]:
    """:func:`part_tables`, or — when Arrow refuses a value — those of the articles it accepts one by one."""
    try:
        return (*part_tables(rows), [])
    except (pa.ArrowException, UnicodeError, TypeError, ValueError, OverflowError):
        pass
    good: list[Rows] = []
    failed: list[tuple[Rows, str]] = []
    for r in rows:
        try:
            part_tables([r])
        except (pa.ArrowException, UnicodeError, TypeError, ValueError, OverflowError) as exc:
            logger.warning("normalize: %s cannot be written: %s", r.article["article_id"], exc, exc_info=True)
            failed.append((r, f"cannot write the article's rows: {type(exc).__name__}: {exc}"))
        else:
            good.append(r)
    tables, counts = part_tables(good) if good else ({}, {})
    return tables, counts, failed


def run_local(unit: Unit, shared: tuple[str, str]) -> UnitResult:
    """A unit run in this machine's processes: the worker spills its rows itself."""
    root, spill = shared
    entries = _run_unit(
        unit, root, lambda part, tables, counts: write_part(Path(spill), part, tables, counts)
    )
    return UnitResult(entries, unit.files_done, [])


def run_remote(unit: Unit, root: str) -> UnitResult:
    """A unit run on a Dask worker: its rows travel back as Arrow tables, spilled by the client."""
    parts: list[tuple[str, dict[str, pa.Table], dict[str, list[int]]]] = []
    entries = _run_unit(unit, root, lambda part, tables, counts: parts.append((part, tables, counts)))
    return UnitResult(entries, unit.files_done, parts)


def warm(shared: Any = None) -> None:
    """Load what every article needs (Punkt, the language model) once per worker process."""
    lines, given = text_document("Warm up. The tokenizer and the language model load now.")
    article_rows(Document("warm", None, "", "text", None, lines, given))


def _jsonl_slices(path: Path, rows_per_unit: int) -> list[Unit] | None:
    """Cut a JSONL export into slices of ``rows_per_unit`` rows (None: no rows, or unreadable: read it whole)."""
    digest = hashlib.sha256()
    starts: list[tuple[int, int, int]] = []  # (byte offset, line number, row index) where each slice begins
    offset = rows = 0
    try:
        with open(path, "rb") as handle:
            for line_no, raw_line in enumerate(handle, start=1):
                digest.update(raw_line)
                if raw_line.strip():
                    if rows % rows_per_unit == 0:
                        starts.append((offset, line_no, rows))
                    rows += 1
                offset += len(raw_line)
    except OSError:
        return None
    if not rows:
        return None
    sha = digest.hexdigest()
    ends = [s[0] for s in starts[1:]] + [offset]
    return [
        Unit(0, export=str(path), start=start, stop=stop, first_row=row, first_line=line, sha=sha,
              files_done=int(k == len(starts) - 1), part_size=rows_per_unit)
        for k, ((start, line, row), stop) in enumerate(zip(starts, ends, strict=True))
    ]  # fmt: skip


def plan_units(files: list[Path], unit_size: int) -> list[Unit]:
    """Units of work in reading order: runs of up to ``unit_size`` files, each JSONL export cut into slices."""
    units: list[Unit] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            units.append(Unit(len(units), paths=tuple(run), files_done=len(run), part_size=unit_size))
            run.clear()

    for path in files:
        if SUPPORTED.get(path.suffix.lower()) == "jsonl":
            try:
                size = path.stat().st_size
            except OSError:
                size = 0
            slices = _jsonl_slices(path, unit_size) if 0 < size <= MAX_EXPORT_BYTES else None
            if slices is not None:
                flush()
                base = len(units)
                units.extend([replace(u, index=base + k) for k, u in enumerate(slices)])
                continue
        run.append(str(path))
        if len(run) >= unit_size:
            flush()
    flush()
    return units


class PartReaders:
    """Random access to spilled articles: a few spill files kept open (least recently used closed first)."""

    def __init__(self, spill: Path, *, capacity: int = 256) -> None:
        self.spill = spill
        self.capacity = capacity
        self.open: OrderedDict[tuple[str, str], tuple[Any, Any]] = OrderedDict()

    def batch(self, part: str, name: str, pos: int) -> pa.RecordBatch:
        key = (part, name)
        entry = self.open.get(key)
        if entry is None:
            handle = pa.OSFile(str(self.spill / f"{part}.{name}.arrow"))
            entry = (handle, pa.ipc.open_file(handle))
            self.open[key] = entry
            if len(self.open) > self.capacity:
                self.open.popitem(last=False)[1][0].close()
        else:
            self.open.move_to_end(key)
        return entry[1].get_batch(pos)

    def close(self) -> None:
        for handle, _ in self.open.values():
            handle.close()
        self.open.clear()


def dedupe_key(text: str) -> bytes:
    return hashlib.sha256(" ".join(text.casefold().split()).encode("utf-8", "surrogatepass")).digest()
