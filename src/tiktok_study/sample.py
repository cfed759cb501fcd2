"""A reproducible random sample to code by hand: the coding sheet (CSV and XLSX) and the coding guide.

``tiktok-study sample --n N --unit article|paragraph [--stratify source|month] --seed S --out DIR`` draws ``N``
units (articles, or body paragraphs) of the processed corpus and writes:

* ``DIR/coding-sheet.csv`` and ``DIR/coding-sheet.xlsx``: one row per unit — ``id`` (the article id, or
  ``<article id>#<paragraph id>``), ``outlet``, ``date``, ``text`` (the body; paragraphs separated by a blank
  line), one empty column per codebook frame for 0/1, ``coder`` and ``notes``. The sheet is a frames gold file
  of ``validate`` and ``calibrate`` once coded. Several coders each fill their own copy (or the notebook
  ``5.0-coding``).
* ``DIR/coding-guide.md``: from the codebook, each frame's definition, example indicators and one
  keyword-in-context example from the corpus.

The draw: units sorted by id, then a simple random sample with ``numpy.random.default_rng(seed)``; stratified,
each stratum (outlet, or month of publication; ``unknown`` when missing) gets its proportional share of ``N``
(largest remainders; a stratum holds at least one unit when ``N`` allows), so shares in the sample estimate
shares in the corpus. Rows come in the random order of the draw. Same corpus, same arguments: the same sheets,
byte for byte.

Example:
    >>> allocate({"a": 6, "b": 3, "c": 1}, 5)
    {'a': 3, 'b': 1, 'c': 1}
"""

from __future__ import annotations

import io
import logging
import math
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from tiktok_study.codebook import Codebook, as_codebook
from tiktok_study.errors import UsageError
from tiktok_study.io import atomic_write_bytes

__all__ = ["SHEET_NAME", "SampleResult", "allocate", "coding_guide", "coding_units", "draw", "sample_to_code"]

logger = logging.getLogger(__name__)

SHEET_NAME = "coding-sheet"
XLSX_CELL_LIMIT = 32_767  # characters Excel keeps in one cell
XLSX_DATE = (1980, 1, 1, 0, 0, 0)  # fixed zip entry times: the same sheet gives the same bytes
EXAMPLE_TERMS = 8  # indicators listed per frame in the guide
KWIC_WIDTH = 80


def coding_units(
    articles: pd.DataFrame, paragraphs: pd.DataFrame, *, unit: Literal["article", "paragraph"]
) -> pd.DataFrame:
    """The units a coder can be given: ``id, article_id, outlet, date, month, text`` (body text only).

    Args:
        articles: the ``articles`` table (article_id, source, published).
        paragraphs: the ``paragraphs`` table; only ``kind == "body"`` paragraphs are coded.
        unit: ``article`` (the body paragraphs joined by a blank line) or ``paragraph``.
    """
    if unit not in ("article", "paragraph"):
        raise UsageError(f"--unit must be article or paragraph, not {unit!r}")
    body = paragraphs[(paragraphs["kind"] == "body") & paragraphs["text"].fillna("").str.strip().ne("")]
    meta = articles.set_index("article_id")
    if unit == "article":
        texts = (
            body.sort_values(["article_id", "paragraph_id"])
            .groupby("article_id", sort=True)["text"]
            .agg("\n\n".join)
        )
        units = pd.DataFrame({"id": texts.index, "article_id": texts.index, "text": texts.to_numpy()})
    else:
        units = pd.DataFrame({
            "id": [f"{a}#{p}" for a, p in zip(body["article_id"], body["paragraph_id"], strict=True)],
            "article_id": body["article_id"].to_numpy(), "text": body["text"].to_numpy(),
        })  # fmt: skip
    outlet = meta["source"] if "source" in meta.columns else pd.Series(dtype=object)
    published = meta["published"] if "published" in meta.columns else pd.Series(dtype=object)
    units["outlet"] = units["article_id"].map(outlet).fillna("").astype(str)
    units["date"] = units["article_id"].map(published).map(_date)
    units["month"] = units["date"].str[:7].where(units["date"].str.len() >= 7, "unknown")
    return units.sort_values("id", kind="mergesort").reset_index(drop=True)


def _date(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)[:10]


def allocate(sizes: dict[str, int], n: int) -> dict[str, int]:
    """Proportional allocation of ``n`` draws over strata of ``sizes`` (largest remainders, ties by name).

    Every stratum gets at least one draw while ``n`` allows; no stratum gets more than it holds.
    """
    total = sum(sizes.values())
    names = sorted(sizes)
    quota = {k: n * sizes[k] / total for k in names}
    out = {k: min(sizes[k], math.floor(quota[k])) for k in names}
    if n >= len(names):
        for k in names:
            if out[k] == 0 and sizes[k] > 0:
                out[k] = 1
    while sum(out.values()) > n:  # the floor-of-one rule overshot: take back from the largest
        k = max(names, key=lambda s: (out[s] - quota[s], s))
        out[k] -= 1
    order = sorted(names, key=lambda k: (-(quota[k] - out[k]), k))
    while sum(out.values()) < n:
        for k in order:
            if sum(out.values()) < n and out[k] < sizes[k]:
                out[k] += 1
    return out


def draw(units: pd.DataFrame, *, n: int, seed: int, stratify: str | None = None) -> pd.DataFrame:
    """``n`` units drawn at random (see the module docstring); rows in the order of the draw."""
    if n < 1:
        raise UsageError(f"--n must be 1 or more, got {n}")
    if n > len(units):
        raise UsageError(
            f"--n {n} but the corpus has {len(units)} codable unit(s) of this kind; ask for fewer"
        )
    rng = np.random.default_rng(seed)
    if stratify is None:
        picked = rng.permutation(len(units))[:n]
        return units.iloc[picked].reset_index(drop=True)
    column = {"source": "outlet", "month": "month"}.get(stratify)
    if column is None:
        raise UsageError(f"--stratify must be source or month, not {stratify!r}")
    keys = units[column].replace("", "unknown")
    sizes = keys.value_counts().to_dict()
    shares = allocate({str(k): int(v) for k, v in sizes.items()}, n)
    picked = []
    for stratum in sorted(shares):
        rows = np.flatnonzero((keys == stratum).to_numpy())
        picked.extend(rows[rng.permutation(len(rows))[: shares[stratum]]].tolist())
    order = rng.permutation(len(picked))
    return units.iloc[[picked[k] for k in order]].reset_index(drop=True)


def _sheet(sample: pd.DataFrame, book: Codebook) -> pd.DataFrame:
    sheet = sample[["id", "outlet", "date", "text"]].copy()
    for frame in book.frame_ids:
        sheet[frame] = ""
    sheet["coder"] = ""
    sheet["notes"] = ""
    return sheet


def write_xlsx(sheet: pd.DataFrame, path: Path, *, frames: tuple[str, ...]) -> int:
    """The coding sheet as one XLSX worksheet (0/1 validation on frame columns); returns texts cut to fit."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    ws = book.active
    ws.title = SHEET_NAME
    ws.append(list(sheet.columns))
    cut = 0
    for row in sheet.itertuples(index=False):
        values = list(row)
        text = values[3]
        if len(text) > XLSX_CELL_LIMIT:
            cut += 1
            values[3] = text[: XLSX_CELL_LIMIT - 40] + " [… cut to fit a cell; see the CSV]"
        ws.append(values)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "E2"
    widths = {"A": 24, "B": 18, "C": 12, "D": 90}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=2, min_col=4, max_col=4):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    first, last = 5, 4 + len(frames)
    if len(sheet):
        rule = DataValidation(type="list", formula1='"0,1"', allow_blank=True, showErrorMessage=True,
                              error="Code 0 (absent) or 1 (present).")  # fmt: skip
        ws.add_data_validation(rule)
        from openpyxl.utils import get_column_letter

        rule.add(f"{get_column_letter(first)}2:{get_column_letter(last)}{len(sheet) + 1}")
    book.properties.creator = "tiktok-study sample"
    raw = io.BytesIO()
    book.save(raw)
    _write_bytes(path, _fixed_zip(raw.getvalue()))
    return cut


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with fixed entry times and document dates (a workbook records when it was saved)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                import re

                content = re.sub(
                    rb"<dcterms:(created|modified)([^>]*)>[^<]*<",
                    rb"<dcterms:\1\2>2000-01-01T00:00:00Z<",
                    content,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=XLSX_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, content)
    return out.getvalue()


def coding_guide(
    book: Codebook, examples: dict[str, str], *, unit: str, n: int, seed: int, stratify: str | None
) -> str:
    """The coding guide (Markdown) from the codebook, with one keyword-in-context example per frame."""
    lines = [
        f"# Coding guide — {book.name or 'frame codebook'}{f' (version {book.version})' if book.version else ''}",
        "",
        f"You code {n} {unit}s drawn at random (seed {seed}{f', stratified by {stratify}' if stratify else ''}). "
        "For each one, read the whole text, then put **1** in a frame's column when the text carries that frame "
        "as defined below, **0** when it does not. Write your name in `coder` on every row you code and anything "
        "doubtful in `notes`. Code every frame of every row: an empty cell means *not coded yet*.",
        "",
        "The indicators are the words the tool counts; they are hints, not the rule. A frame is present when the "
        "text *makes the point* of its definition, whether or not it uses these words; one word in passing is "
        "not a frame. Do not look at the tool's results before you have coded.",
        "",
    ]
    for frame in book.frames:
        terms = [i.term for i in frame.indicators][:EXAMPLE_TERMS]
        more = len(frame.indicators) - len(terms)
        lines += [f"## {frame.label} (`{frame.id}`)", "", frame.definition, ""]
        if frame.source:
            lines += [f"*Source:* {frame.source}", ""]
        lines += [f"*Indicators:* {', '.join(terms)}{f' … and {more} more' if more > 0 else ''}", ""]
        example = examples.get(frame.id)
        lines += [f"*In the corpus:* {example}" if example else "*In the corpus:* no example found.", ""]
    return "\n".join(lines).rstrip() + "\n"


def _examples(paragraphs: pd.DataFrame, book: Codebook, *, avoid: set[str]) -> dict[str, str]:
    """One keyword-in-context line per frame: the first hit (by article, offset) outside the sample if any."""
    from tiktok_study.frames import frame_profile, kwic

    hits, _ = frame_profile(paragraphs, codebook=book)
    if not len(hits):
        return {}
    hits = hits.assign(_sampled=hits["article_id"].isin(avoid)).sort_values(
        ["_sampled", "article_id", "start"], kind="mergesort"
    )
    first = hits.groupby("frame", sort=False).head(1)
    context = kwic(first, paragraphs, width=KWIC_WIDTH)
    out = {}
    for row in context.itertuples():
        left, right = row.left.strip(), row.right.strip()
        out[row.frame] = f"“…{left} **{row.keyword}** {right}…” ({row.article_id})"
    return out


@dataclass(frozen=True)
class SampleResult:
    """What :func:`sample_to_code` wrote."""

    n: int
    unit: str
    strata: dict[str, int]
    paths: tuple[Path, ...]
    cut_in_xlsx: int

    def __str__(self) -> str:
        lines = [f"drew {self.n} {self.unit}(s)"]
        if self.strata:
            lines[0] += " by stratum: " + ", ".join(f"{k} {v}" for k, v in self.strata.items())
        if self.cut_in_xlsx:
            lines.append(
                f"  {self.cut_in_xlsx} text(s) longer than an Excel cell were cut in the XLSX (full in the CSV)"
            )
        lines += [f"wrote {p}" for p in self.paths]
        return "\n".join(lines)


def sample_to_code(
    processed: str | os.PathLike[str],
    *,
    out: str | os.PathLike[str],
    n: int,
    seed: int,
    unit: Literal["article", "paragraph"] = "article",
    stratify: Literal["source", "month"] | None = None,
    codebook: Codebook | str | os.PathLike[str] | None = None,
) -> SampleResult:
    """Draw the sample and write the coding sheet (CSV, XLSX) and the coding guide into ``out``.

    Raises:
        UsageError: no processed tables, a bad ``n`` / ``unit`` / ``stratify``, or ``n`` above the units there are.
    """
    from tiktok_study.corpus import load_corpus

    book = as_codebook(codebook)
    corpus = load_corpus(processed, tables=["articles", "paragraphs"])
    units = coding_units(corpus.articles, corpus.paragraphs, unit=unit)
    picked = draw(units, n=n, seed=seed, stratify=stratify)
    sheet = _sheet(picked, book)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    csv_path, xlsx_path, guide_path = (folder / f"{SHEET_NAME}.csv", folder / f"{SHEET_NAME}.xlsx",
                                       folder / "coding-guide.md")  # fmt: skip
    _write_bytes(csv_path, sheet.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    cut = write_xlsx(sheet, xlsx_path, frames=book.frame_ids)
    examples = _examples(
        corpus.paragraphs[corpus.paragraphs["kind"] == "body"], book, avoid=set(picked["article_id"])
    )
    guide = coding_guide(book, examples, unit=unit, n=n, seed=seed, stratify=stratify)
    _write_bytes(guide_path, guide.encode("utf-8"))
    column = {"source": "outlet", "month": "month"}.get(stratify or "")
    strata = picked[column].replace("", "unknown").value_counts().sort_index().to_dict() if column else {}
    return SampleResult(n=len(picked), unit=unit, strata={str(k): int(v) for k, v in strata.items()},
                        paths=(csv_path, xlsx_path, guide_path), cut_in_xlsx=cut)  # fmt: skip


def _write_bytes(path: Path, data: bytes) -> None:
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from exc
