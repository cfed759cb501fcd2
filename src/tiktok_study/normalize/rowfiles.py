"""Corpus exports with one article per row: JSONL (``.jsonl``/``.ndjson``) and CSV files.

A row's text is its ``text`` column (or ``content``/``body`` …, :data:`.readers.TEXT_COLUMNS`); the other columns
are metadata (:func:`.metadata.from_mapping`; a nested JSON value gives its text, never a repr). The article id
is ``<stem>-<row>`` (row from 0), ``raw_sha256`` the export's hash and ``source_row`` the row. A lone surrogate
in a JSON string (``"\\ud800"``) is replaced by U+FFFD and noted in ``articles.repaired``. JSONL is read line by
line (the pipeline also reads byte slices of a large export with :func:`jsonl_documents`); a CSV over
:data:`.readers.CSV_IN_MEMORY_BYTES` is streamed in the encoding found in its first MiB.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import sys
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from tiktok_study.normalize import metadata as md
from tiktok_study.normalize import readers
from tiktok_study.normalize.feeds import isolated, plain_value
from tiktok_study.normalize.lines import has_text
from tiktok_study.normalize.readers import (
    MAX_FILE_BYTES,
    TEXT_COLUMNS,
    Document,
    SkipFile,
    Skipped,
    decode_bytes,
    repair_text,
    text_document,
)

__all__ = ["jsonl_documents", "read_csv", "read_jsonl"]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _row_document(
    row: dict[str, Any], *, stem: str, index: int, rel: str, sha: str, fmt: str
) -> Document | Skipped:
    article_id = f"{stem}-{index}"
    column = next((c for c in TEXT_COLUMNS if c in row), None)
    if column is None:
        lowered = {str(k).casefold(): k for k in row}
        column = next((lowered[c] for c in TEXT_COLUMNS if c in lowered), None)
    if column is None:
        return Skipped(
            rel, f"row {index}: no text column (expected one of {', '.join(TEXT_COLUMNS)})", article_id
        )
    text = row.get(column)
    if not isinstance(text, str):
        return Skipped(rel, f"row {index}: the {column!r} field is not a string", article_id)
    if len(text) > MAX_FILE_BYTES:
        return Skipped(rel, f"row {index}: text over the {MAX_FILE_BYTES // 2**20} MiB limit", article_id)
    if not has_text(text):
        return Skipped(rel, f"row {index}: empty text", article_id)
    text, bad_text = repair_text(text)
    notes = ["lone surrogates in the text replaced by U+FFFD"] if bad_text else []
    fields = {k: plain_value(v) for k, v in row.items() if k != column}  # nested objects: their text, no repr
    lines, given = text_document(text)  # a refused front matter: the caller's isolated() says why
    for key, value in md.from_mapping({k: v for k, v in fields.items() if v is not None}).items():
        given[key] = value  # the export's columns win over what the text's front matter says
    encoding = "utf-8" if fmt == "jsonl" else None
    return Document(article_id, rel, sha, fmt, encoding, lines, given, source_row=index, notes=notes)


def jsonl_documents(
    lines: Iterable[bytes], *, rel: str, stem: str, sha: str, first_line: int = 1, first_row: int = 0
) -> Iterator[Document | Skipped]:
    """The rows of JSONL export lines as documents (or skipped rows), numbered from ``first_row``.

    Used for a whole export file and, by the pipeline, for one byte slice of a large export.
    """
    index = first_row
    for line_no, raw_line in enumerate(lines, start=first_line):
        if not raw_line.strip():
            continue
        if line_no == 1 and raw_line.startswith(codecs.BOM_UTF8):
            raw_line = raw_line[len(codecs.BOM_UTF8) :]
        current = index
        index += 1
        try:
            row = json.loads(raw_line.rstrip(b"\r\n").decode("utf-8"))
        except ValueError as exc:  # not UTF-8, not JSON, a number over Python's 4,300-digit limit
            yield Skipped(
                rel, f"row {current} (line {line_no}): not valid UTF-8 JSON ({exc})", f"{stem}-{current}"
            )
            continue
        except RecursionError:
            yield Skipped(rel, f"row {current} (line {line_no}): JSON nested too deeply", f"{stem}-{current}")
            continue
        if not isinstance(row, dict):
            yield Skipped(rel, f"row {current} (line {line_no}): not a JSON object", f"{stem}-{current}")
            continue
        read = partial(_row_document, row, stem=stem, index=current, rel=rel, sha=sha, fmt="jsonl")
        yield isolated(read, rel=rel, article_id=f"{stem}-{current}", what=f"row {current}")


def read_jsonl(path: Path, *, rel: str, stem: str) -> Iterator[Document | Skipped]:
    from tiktok_study.io import sha256_file

    sha = sha256_file(path)
    any_row = False
    with open(path, "rb") as handle:
        for item in jsonl_documents(handle, rel=rel, stem=stem, sha=sha):
            any_row = True
            yield item
    if not any_row:
        yield Skipped(rel, "export without rows")


def _csv_encoding(path: Path) -> str:
    """The encoding of a large CSV export, detected on its first MiB (cut back to whole characters)."""
    with open(path, "rb") as handle:
        sample = handle.read(1024 * 1024)
    for trim in range(4):
        try:
            return decode_bytes(sample[: len(sample) - trim] if trim else sample)[1]
        except SkipFile:
            if trim == 3:
                raise
    raise SkipFile("undecodable bytes")  # unreachable; keeps type checkers content


def read_csv(path: Path, size: int, *, rel: str, stem: str) -> Iterator[Document | Skipped]:
    """Rows of a CSV export; a file over :data:`.readers.CSV_IN_MEMORY_BYTES` is streamed (encoding from its first MiB)."""
    from tiktok_study.io import sha256_file

    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    if size <= readers.CSV_IN_MEMORY_BYTES:
        data = path.read_bytes()
        text, encoding = decode_bytes(data)
        sha = _sha256(data)
        handle: Any = io.StringIO(text, newline="")
    else:
        encoding = _csv_encoding(path)
        sha = sha256_file(path)
        handle = open(path, encoding=encoding, newline="")  # noqa: SIM115 — closed below, also on errors
    try:
        reader = csv.DictReader(handle)
        columns = [str(c) for c in (reader.fieldnames or [])]
        if not any(c.casefold() in TEXT_COLUMNS for c in columns):
            yield Skipped(rel, f"CSV export without a text column (columns: {', '.join(columns) or 'none'})")
            return
        n = 0
        try:
            for index, row in enumerate(reader):
                n += 1
                row = {k: v for k, v in row.items() if k is not None}
                read = partial(_row_document, row, stem=stem, index=index, rel=rel, sha=sha, fmt="csv")
                result = isolated(read, rel=rel, article_id=f"{stem}-{index}", what=f"row {index}")
                if isinstance(result, Document):
                    result.encoding = encoding
                yield result
        except (UnicodeDecodeError, csv.Error) as exc:
            yield Skipped(rel, f"rows from {n} on: unreadable ({type(exc).__name__}: {exc})")
            return
        if n == 0:
            yield Skipped(rel, "export without rows")
    finally:
        handle.close()
