"""Coding a sample by hand in JupyterLab: one item at a time, the dictionary hits highlighted, a checkbox per
frame, previous / next, the coder's sheet saved after every change (notebook ``5.0-coding``).

Each coder works in a copy of the coding sheet written by ``tiktok-study sample``: ``coding-sheet.<coder>.csv``
beside it (created on first use; an existing copy is resumed). :class:`CodingSheet` is the sheet without any
widget — load, code, save — and :class:`CodingApp` puts ipywidgets on it. Leaving an item with *next* or
*previous* records it as coded (every unchecked frame a 0); an item never shown stays empty (not coded yet),
which ``validate`` and ``calibrate`` leave out.

Example:
    >>> print(highlight("A trade war.", [("economic", 0, 2, 11), ("conflict", 0, 8, 11)], labels=("conflict", "economic")))
    <p>A <mark style="background:#93c5fd" title="economic">trade </mark><mark style="background:#fca5a5" title="conflict, economic">war</mark>.</p>
"""

from __future__ import annotations

import html
import itertools
import logging
import os
import re
from pathlib import Path
from typing import Any

import pandas as pd

from tiktok_study.codebook import Codebook, as_codebook
from tiktok_study.errors import UsageError
from tiktok_study.io import atomic_path

__all__ = [
    "COLORS",
    "CodingApp",
    "CodingSheet",
    "coder_sheet_path",
    "highlight",
    "merge_sheets",
    "progress",
    "resolve_sheet",
]

logger = logging.getLogger(__name__)

CODER_NAME = re.compile(r"[^\w.-]+")  # characters of a coder's name not kept in the file name
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
COLORS = ("#fca5a5", "#93c5fd", "#fde68a", "#c4b5fd", "#86efac", "#fdba74", "#a5f3fc", "#f9a8d4", "#d9f99d")
REQUIRED = ("id", "text", "coder", "notes")


def coder_sheet_path(sheet: str | os.PathLike[str], coder: str) -> Path:
    """The coder's own copy of ``sheet``: ``<stem>.<coder>.csv`` in the same folder.

    Example:
        >>> coder_sheet_path("reports/coding/coding-sheet.xlsx", "Ann Lee").name
        'coding-sheet.Ann_Lee.csv'
    """
    name = CODER_NAME.sub("_", coder.strip()).strip("_.")
    if not name:
        raise UsageError(f"coder {coder!r}: give a name made of letters or digits")
    source = Path(sheet)
    return source.with_name(f"{source.stem}.{name}.csv")


def resolve_sheet(sheet: str | os.PathLike[str]) -> Path:
    """The coding sheet's path: as given when absolute, else under the project root (notebooks run from
    ``notebooks/``). Raises :class:`UsageError` when there is no such file."""
    from tiktok_study import config

    path = Path(sheet)
    path = path if path.is_absolute() else config.project_root() / path
    if not path.is_file():
        raise UsageError(
            f"coding sheet {path} not found: run `tiktok-study sample --out {path.parent}` first"
        )
    return path


def progress(sheet: str | os.PathLike[str], *, codebook: Codebook | str | Path | None = None) -> pd.DataFrame:
    """Each coder's copy of ``sheet`` (``<stem>.<coder>.csv`` beside it): ``file, coders, coded, items``."""
    source = Path(sheet)
    frames = list(as_codebook(codebook).frame_ids)
    rows = []
    for path in sorted(source.parent.glob(f"{source.stem}.*.csv")):
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        present = [f for f in frames if f in table.columns]
        coded = (table[present] != "").all(axis=1) if present else pd.Series(False, index=table.index)
        coders = ", ".join(sorted(set(table.loc[coded, "coder"]) - {""})) if "coder" in table.columns else ""
        rows.append({"file": path.name, "coders": coders, "coded": int(coded.sum()), "items": len(table)})
    return pd.DataFrame(rows, columns=["file", "coders", "coded", "items"])


def merge_sheets(sheet: str | os.PathLike[str], *, codebook: Codebook | str | Path | None = None) -> Path:
    """Every coder's coded rows in one gold file, ``<stem>-all-coders.csv`` beside ``sheet`` (what ``validate
    --kind frames`` reads for the coders' reliability, and ``calibrate`` for the consensus).

    Raises:
        UsageError: no coder has coded anything yet.
    """
    source = Path(sheet)
    frames = list(as_codebook(codebook).frame_ids)
    parts = []
    for path in sorted(source.parent.glob(f"{source.stem}.*.csv")):
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        if all(f in table.columns for f in frames):
            parts.append(table[(table[frames] != "").all(axis=1)])
    coded = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    if coded.empty:
        raise UsageError(
            f"no coded rows yet in the coders' copies of {source.name} ({source.stem}.<coder>.csv)"
        )
    target = source.with_name(f"{source.stem}-all-coders.csv")
    with atomic_path(target) as tmp:
        coded.to_csv(tmp, index=False, lineterminator="\n", encoding="utf-8")
    return target


def _read(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise UsageError(
            f"coding sheet {path} not found: run `tiktok-study sample --out {path.parent}` first"
        )
    if path.suffix.lower() == ".xlsx":
        table = pd.read_excel(path, dtype=str, engine="openpyxl").fillna("")
    else:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return table


class CodingSheet:
    """One coder's sheet: the items, their codes (``1``, ``0`` or ``""`` for not coded yet), saved on change.

    Args:
        sheet: the coding sheet of ``sample`` (CSV or XLSX); the coder's copy is made beside it.
        coder: the coder's name (written in ``coder`` on every coded row).
        codebook: the codebook whose frames are coded (default: the shipped one).

    Raises:
        UsageError: the sheet is missing, lacks ``id``/``text``/``coder``/``notes`` or a frame column.
    """

    def __init__(
        self, sheet: str | os.PathLike[str], *, coder: str, codebook: Codebook | str | Path | None = None
    ):
        self.source = Path(sheet)
        self.path = coder_sheet_path(self.source, coder)
        self.coder = coder.strip()
        self.codebook = as_codebook(codebook)
        self.frames = self.codebook.frame_ids
        self.table = _read(self.path if self.path.is_file() else self.source)
        missing = [c for c in (*REQUIRED, *self.frames) if c not in self.table.columns]
        if missing:
            raise UsageError(f"coding sheet {self.source}: missing column(s) {', '.join(missing)}")
        bad = ~self.table[list(self.frames)].isin(["", "0", "1"])
        if bad.any().any():
            row, column = next((r, c) for c in self.frames for r in bad.index[bad[c]])
            raise UsageError(f"coding sheet {self.path}: row {row + 2}, column {column}: code 0 or 1")
        if not self.path.is_file():
            self.save()

    def __len__(self) -> int:
        return len(self.table)

    def is_coded(self, index: int) -> bool:
        """Whether item ``index`` has its codes (every frame 0 or 1)."""
        return bool((self.table.loc[index, list(self.frames)] != "").all())

    @property
    def n_coded(self) -> int:
        """Items coded so far."""
        return int((self.table[list(self.frames)] != "").all(axis=1).sum())

    def first_uncoded(self) -> int:
        """The first item not coded yet (the last item when all are)."""
        for index in range(len(self)):
            if not self.is_coded(index):
                return index
        return len(self) - 1

    def codes(self, index: int) -> dict[str, bool]:
        """The frames of item ``index`` as booleans (not coded yet: all False)."""
        return {f: self.table.loc[index, f] == "1" for f in self.frames}

    def set_codes(self, index: int, codes: dict[str, bool]) -> None:
        """Code item ``index`` (frames left out of ``codes`` become 0) and save."""
        unknown = sorted(set(codes) - set(self.frames))
        if unknown:
            raise UsageError(
                f"unknown frame(s) {', '.join(unknown)}; the codebook has {', '.join(self.frames)}"
            )
        for frame in self.frames:
            self.table.loc[index, frame] = "1" if codes.get(frame) else "0"
        self.table.loc[index, "coder"] = self.coder
        self.save()

    def mark_coded(self, index: int) -> None:
        """Record item ``index`` as coded with what it has (unchecked frames 0), if it is not coded yet."""
        if not self.is_coded(index):
            self.set_codes(index, self.codes(index))

    def set_notes(self, index: int, notes: str) -> None:
        """The coder's notes on item ``index`` (saved)."""
        self.table.loc[index, "notes"] = notes
        self.save()

    def save(self) -> None:
        """Write the coder's sheet atomically (a temporary file, then a rename)."""
        try:
            with atomic_path(self.path) as tmp:
                self.table.to_csv(tmp, index=False, lineterminator="\n", encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot save the coding sheet {self.path}: {exc.strerror or exc}") from exc


def highlight(
    text: str, hits: list[tuple[str, int, int, int]] | pd.DataFrame, *, labels: tuple[str, ...]
) -> str:
    """``text`` as HTML paragraphs with each frame hit in a ``<mark>`` (colour of its frame, frames in its title).

    Args:
        text: the item's text (paragraphs separated by a blank line).
        hits: ``(frame, frame index, start, end)`` tuples, or the ``match_text`` table (frame, start, end).
        labels: the frame ids in codebook order (for the colours).
    """
    if isinstance(hits, pd.DataFrame):
        order = {f: n for n, f in enumerate(labels)}
        hits = [
            (f, order[f], s, e) for f, s, e in zip(hits["frame"], hits["start"], hits["end"], strict=True)
        ]
    bounds = {0, len(text)}
    for _, _, start, end in hits:
        bounds.update((start, end))
    cuts = sorted(bounds)
    pieces = []
    for a, b in itertools.pairwise(cuts):
        frames = sorted({f for f, _, s, e in hits if s <= a and b <= e}, key=labels.index)
        chunk = html.escape(text[a:b])
        if frames:
            color = COLORS[
                labels.index(frames[0]) % len(COLORS)
            ]  # the first frame's colour; all in the title
            chunk = f'<mark style="background:{color}" title="{", ".join(frames)}">{chunk}</mark>'
        pieces.append(chunk)
    body = "".join(pieces)
    paragraphs = [p for p in PARAGRAPH_BREAK.split(body) if p.strip()]
    return "".join(f"<p>{p}</p>" for p in paragraphs)


class CodingApp:
    """The coding widgets on a :class:`CodingSheet`: display ``app.widget`` in a notebook.

    Everything a coder does goes through the widgets (``app.checkboxes[frame].value = True``,
    ``app.next_button.click()``, ``app.notes.value = ...``), so tests drive it the same way.
    """

    def __init__(self, sheet: CodingSheet, *, start: int | None = None) -> None:
        import ipywidgets as w

        self.sheet = sheet
        self._loading = False
        labels = {f.id: f.label for f in sheet.codebook.frames}
        self.header = w.HTML()
        self.text = w.HTML(layout=w.Layout(max_height="28em", overflow="auto", border="1px solid #ddd",
                                           padding="0 1em"))  # fmt: skip
        self.checkboxes = {
            f: w.Checkbox(description=labels[f], indent=False, value=False) for f in sheet.frames
        }
        self.notes = w.Textarea(placeholder="notes (optional)", layout=w.Layout(width="100%"))
        self.previous_button = w.Button(description="◀ previous")
        self.next_button = w.Button(description="next ▶")
        self.status = w.HTML()
        legend = "".join(
            f'<span style="background:{COLORS[n % len(COLORS)]};padding:0 .4em;margin-right:.4em">{html.escape(labels[f])}</span>'
            for n, f in enumerate(sheet.frames)
        )
        for box in self.checkboxes.values():
            box.observe(self._on_box, names="value")
        self.notes.observe(self._on_notes, names="value")
        self.previous_button.on_click(lambda _: self.go(-1))
        self.next_button.on_click(lambda _: self.go(+1))
        boxes = w.GridBox(
            list(self.checkboxes.values()), layout=w.Layout(grid_template_columns="repeat(3, 1fr)")
        )
        self.widget = w.VBox([self.header, w.HTML(legend), self.text, boxes, self.notes,
                              w.HBox([self.previous_button, self.next_button]), self.status])  # fmt: skip
        self.index = -1
        if start is not None and not 0 <= start < len(sheet):
            raise UsageError(f"start must be an item from 1 to {len(sheet)}, not {start + 1}")
        self.show(sheet.first_uncoded() if start is None else start)

    def show(self, index: int) -> None:
        """Show item ``index`` (0-based; clipped to the sheet)."""
        from tiktok_study.frames import match_text

        index = max(0, min(len(self.sheet) - 1, index))
        self.index = index
        row = self.sheet.table.loc[index]
        hits = match_text(row["text"], codebook=self.sheet.codebook)
        self._loading = True
        try:
            for frame, value in self.sheet.codes(index).items():
                self.checkboxes[frame].value = value
            self.notes.value = row["notes"]
        finally:
            self._loading = False
        where = " · ".join(html.escape(str(row[c])) for c in ("outlet", "date") if row.get(c))
        self.header.value = (
            f"<b>item {index + 1} of {len(self.sheet)}</b> · <code>{html.escape(row['id'])}</code>"
            f"{' · ' + where if where else ''}"
        )
        self.text.value = highlight(row["text"], hits, labels=self.sheet.frames)
        self.previous_button.disabled = index == 0
        self.next_button.disabled = index == len(self.sheet) - 1
        self._status()

    def go(self, step: int) -> None:
        """Record the current item as coded and move ``step`` items."""
        self.sheet.mark_coded(self.index)
        self.show(self.index + step)

    def _on_box(self, change: dict[str, Any]) -> None:
        if self._loading:
            return
        self.sheet.set_codes(self.index, {f: box.value for f, box in self.checkboxes.items()})
        self._status()

    def _on_notes(self, change: dict[str, Any]) -> None:
        if not self._loading:
            self.sheet.set_notes(self.index, change["new"])

    def _status(self) -> None:
        state = "coded" if self.sheet.is_coded(self.index) else "not coded yet"
        self.status.value = (
            f"this item: {state} · {self.sheet.n_coded} of {len(self.sheet)} coded · saved to "
            f"<code>{html.escape(self.sheet.path.name)}</code>"
        )
