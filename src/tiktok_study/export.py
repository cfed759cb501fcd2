"""``tiktok-study export``: the processed tables for Excel, MAXQDA, ATLAS.ti and R users.

What is written (``--format csv``: one UTF-8 CSV per table, with a byte-order mark so that Excel reads the
accents; ``--format xlsx``: one workbook, a sheet per table):

- every table of the processed folder, as it is (``articles``, ``sentences``, ``frames``, ``sentiment``, …);
  list values (``authors``) joined with ``"; "``;
- the evidence with its context, for reading and coding outside the tool:

  - ``kwic``: every frame hit with the words around it (``left``, ``keyword``, ``right``), the article's title and
    the sentence it falls in (``sentence_id``, ``sentence``);
  - ``quotes_in_context``: every quotation with the sentence(s) it starts and ends in;
  - ``statistics_in_context``: every quoted statistic with its sentence;

- ``codebook.md``: the frame codebook (the shipped one, or ``--codebook``) as Markdown.

Every row keeps its ``article_id`` and character offsets into ``articles.text``, so a number in a spreadsheet
can be traced back. Excel's limits are kept: a sheet holds at most 1,048,575 rows (longer tables continue on
``name (2)``, …) and a cell 32,767 characters (a longer text is cut there and the cut said in the cell; the CSV
files keep every character). Strings are written as strings (a title starting with ``=`` is not a formula). The
files are deterministic: the same tables give the same bytes.

Example:
    >>> import pandas as pd
    >>> sentence_of(pd.DataFrame({"article_id": ["a"], "start": [12]}),
    ...     pd.DataFrame({"article_id": ["a", "a"], "sentence_id": [0, 1], "text": ["One.", "Two."],
    ...                   "start": [0, 10], "end": [4, 14]}))["sentence_id"].tolist()
    [1]
"""

from __future__ import annotations

import logging
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from tiktok_study import config
from tiktok_study.errors import UsageError

__all__ = ["EXCEL_MAX_CELL", "EXCEL_MAX_ROWS", "ExportSummary", "codebook_markdown", "export", "sentence_of"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

EXCEL_MAX_ROWS = 1_048_575  # data rows under the header row
EXCEL_MAX_CELL = 32_767
_CUT_NOTE = " … [cut at Excel's cell limit: {n:,} characters in all; the CSV export keeps the whole text]"
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass
class ExportSummary:
    """What :func:`export` wrote: file -> rows (tables) and the folder."""

    folder: Path
    files: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        lines = [f"export: wrote {len(self.files)} file(s) to {self.folder}"]
        lines += [
            f"  {name}" + (f" ({rows:,} rows)" if rows >= 0 else "") for name, rows in self.files.items()
        ]
        return "\n".join(lines)


def _plain_cell(value: Any) -> Any:
    if isinstance(value, list | tuple | np.ndarray):
        return "; ".join(str(v) for v in value)
    return value


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(_plain_cell)
    return out


def sentence_of(rows: pd.DataFrame, sentences: pd.DataFrame, *, offset: str = "start") -> pd.DataFrame:
    """The sentence (``sentence_id``, ``sentence``) of each row's character offset ``offset``, in row order.

    A row whose offset falls in no sentence (a heading, a caption) gets ``<NA>`` and an empty sentence.
    """
    ids = np.full(len(rows), -1, dtype=np.int64)
    texts = np.full(len(rows), "", dtype=object)
    if len(rows) and len(sentences):
        for article_id, where in rows.groupby("article_id", sort=False).indices.items():
            own = sentences[sentences["article_id"] == article_id].sort_values("start")
            if own.empty:
                continue
            starts, ends = own["start"].to_numpy(), own["end"].to_numpy()
            offsets = rows[offset].to_numpy()[where]
            k = np.searchsorted(starts, offsets, side="right") - 1
            inside = (k >= 0) & (offsets < ends[np.clip(k, 0, None)])
            hit = np.asarray(where)[inside]
            ids[hit] = own["sentence_id"].to_numpy()[k[inside]]
            texts[hit] = own["text"].to_numpy()[k[inside]]
    return pd.DataFrame(
        {"sentence_id": pd.array(np.where(ids >= 0, ids, None), dtype="Int64"), "sentence": texts},
        index=rows.index,
    )


def _evidence(tables: dict[str, pd.DataFrame], *, kwic_width: int) -> dict[str, pd.DataFrame]:
    from tiktok_study.frames import kwic

    out: dict[str, pd.DataFrame] = {}
    articles, sentences = tables.get("articles"), tables.get("sentences")
    if articles is None or sentences is None:
        return out
    titles = articles.set_index("article_id")["title"]
    if "frames" in tables:
        hits = kwic(tables["frames"], articles[["article_id", "text"]], width=kwic_width)
        hits.insert(1, "title", hits["article_id"].map(titles))
        out["kwic"] = pd.concat([hits, sentence_of(hits, sentences)], axis=1)
    if "quotes" in tables:
        quotes = tables["quotes"].copy()
        quotes.insert(1, "title", quotes["article_id"].map(titles))
        first = sentence_of(quotes, sentences)
        last = sentence_of(quotes.assign(last=quotes["end"] - 1), sentences, offset="last")
        same = first["sentence_id"].eq(last["sentence_id"]).fillna(False).to_numpy(dtype=bool)
        context = first["sentence"].where(same, first["sentence"] + " " + last["sentence"])
        out["quotes_in_context"] = quotes.assign(
            first_sentence_id=first["sentence_id"], last_sentence_id=last["sentence_id"], sentences=context
        )
    if "statistics" in tables:
        stats = tables["statistics"].copy()
        stats.insert(1, "title", stats["article_id"].map(titles))
        text = sentences.set_index(["article_id", "sentence_id"])["text"]
        keys = pd.MultiIndex.from_arrays([stats["article_id"], stats["sentence_id"]])
        out["statistics_in_context"] = stats.assign(sentence=text.reindex(keys).to_numpy())
    return out


def codebook_markdown(codebook: Any) -> str:
    """The codebook as Markdown: its description, then each frame's definition, terms, patterns, exclusions."""
    lines = [
        f"# Codebook: {codebook.name or 'frames'}"
        + (f" (version {codebook.version})" if codebook.version else "")
    ]
    if codebook.description:
        lines += ["", codebook.description.strip()]
    if codebook.references:
        lines += ["", "References:", ""] + [f"- {ref}" for ref in codebook.references]
    for frame in codebook.frames:
        lines += ["", f"## {frame.label} (`{frame.id}`)", ""]
        if frame.kind:
            lines.append(f"*Kind:* {frame.kind}  ")
        lines.append(f"*Definition:* {frame.definition.strip()}")
        if frame.source:
            lines += ["", f"*Source:* {frame.source}"]
        if frame.notes:
            lines += ["", f"*Notes:* {frame.notes.strip()}"]
        for title, items in (("Indicators", frame.indicators), ("Exclusions", frame.exclusions)):
            if not items:
                continue
            lines += ["", f"{title}:", ""]
            for item in items:
                forms = [f for f in item.forms if f != item.term]
                shown = f" — forms: {', '.join(f'`{f}`' for f in forms)}" if forms else ""
                lines.append(f"- {item.kind} `{item.term}`{shown}")
    return "\n".join(lines) + "\n"


def _excel_text(value: Any) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    if len(value) > EXCEL_MAX_CELL:
        note = _CUT_NOTE.format(n=len(value))
        value = value[: EXCEL_MAX_CELL - len(note)] + note
    return value


def _cell(ws: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    cell = WriteOnlyCell(ws, value=_excel_text(value) if isinstance(value, str) else value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    return cell


def _write_xlsx(tables: dict[str, pd.DataFrame], path: Path) -> None:
    from datetime import datetime

    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    fixed = datetime(2000, 1, 1)
    wb.properties.created = wb.properties.modified = fixed
    wb.properties.creator = "tiktok-study"
    for name, df in tables.items():
        chunks = range(0, max(len(df), 1), EXCEL_MAX_ROWS)
        for n, start in enumerate(chunks, start=1):
            ws = wb.create_sheet(title=(name if n == 1 else f"{name} ({n})")[:31])
            ws.append([str(c) for c in df.columns])
            for row in df.iloc[start : start + EXCEL_MAX_ROWS].itertuples(index=False, name=None):
                ws.append([_cell(ws, v) for v in row])
    tmp = path.with_name(path.name + ".tmp")
    wb.save(tmp)
    _normalize_zip(tmp, path)
    tmp.unlink()


def _normalize_zip(source: Path, target: Path) -> None:
    """Copy a zip file with fixed entry times and a fixed modification date in the workbook's properties."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in sorted(zin.infolist(), key=lambda i: i.filename):
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                import re

                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(fixed, data)


def export(
    processed: str | Path | None = None,
    *,
    out: str | Path | None = None,
    fmt: Literal["csv", "xlsx"] = "csv",
    codebook: str | Path | None = None,
    kwic_width: int = 60,
) -> ExportSummary:
    """Write every processed table, the evidence in context and the codebook to ``out``.

    Args:
        processed: the processed folder (default ``data/processed``).
        out: the folder written (default ``reports/export``); created if needed.
        fmt: ``"csv"`` (a file per table) or ``"xlsx"`` (one workbook ``tiktok-study.xlsx``).
        codebook: the codebook YAML to describe (default: the shipped one).
        kwic_width: characters of context on each side of a frame hit.

    Raises:
        UsageError: no tables in ``processed``, an unknown format, a bad codebook, a negative width.
    """
    from tiktok_study.codebook import load_codebook
    from tiktok_study.corpus import load_corpus

    if fmt not in ("csv", "xlsx"):
        raise UsageError(f"--format must be csv or xlsx, got {fmt!r}")
    if kwic_width < 0:
        raise UsageError(f"--kwic-width must be 0 or more, got {kwic_width}")
    folder = Path(processed) if processed else config.processed_dir()
    names = sorted(p.stem for p in folder.glob("*.parquet")) if folder.is_dir() else []
    if not names:
        raise UsageError(f"{folder} holds no tables: run `tiktok-study normalize` and `analyze` first")
    book = load_codebook(codebook)
    corpus = load_corpus(folder, tables=names)
    tables = {name: getattr(corpus, name) for name in names}
    evidence = _evidence(tables, kwic_width=kwic_width)
    everything = {name: _plain(df) for name, df in {**tables, **evidence}.items()}
    target = Path(out) if out else config.reports_dir() / "export"
    target.mkdir(parents=True, exist_ok=True)
    summary = ExportSummary(target)
    if fmt == "csv":
        for name, df in everything.items():
            path = target / f"{name}.csv"
            df.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")
            summary.files[path.name] = len(df)
    else:
        path = target / "tiktok-study.xlsx"
        _write_xlsx(everything, path)
        summary.files.update({f"{path.name}: {name}": len(df) for name, df in everything.items()})
    (target / "codebook.md").write_text(codebook_markdown(book), encoding="utf-8")
    summary.files["codebook.md"] = -1
    return summary
