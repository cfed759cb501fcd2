"""The coding widgets (notebook 5.0-coding), driven through ipywidgets' own Python API."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tiktok_study.codebook import load_codebook
from tiktok_study.coding import CodingApp, CodingSheet, coder_sheet_path, merge_sheets, progress
from tiktok_study.errors import UsageError
from tiktok_study.validation import evaluate, read_gold

FRAMES = load_codebook().frame_ids
TEXTS = [
    "Lawmakers fear espionage by foreign apps.\n\nThe trade war escalated.",
    "Both sides called for dialogue and cooperation.",
    "The court heard the case on Monday.",
]


@pytest.fixture
def sheet_path(tmp_path) -> Path:
    rows = [{"id": f"a{n}", "outlet": "Metro Wire", "date": "2025-01-0{n}", "text": t, **dict.fromkeys(FRAMES, ""),
             "coder": "", "notes": ""} for n, t in enumerate(TEXTS, start=1)]  # fmt: skip
    path = tmp_path / "coding-sheet.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def _saved(sheet: CodingSheet) -> pd.DataFrame:
    return pd.read_csv(sheet.path, dtype=str, keep_default_na=False)


def test_each_coder_gets_an_own_sheet(sheet_path):
    ann = CodingSheet(sheet_path, coder="Ann Lee")
    bob = CodingSheet(sheet_path, coder="bob")
    assert ann.path.name == "coding-sheet.Ann_Lee.csv" and bob.path.name == "coding-sheet.bob.csv"
    assert ann.path.is_file() and bob.path.is_file()
    with pytest.raises(UsageError, match="give a name"):
        coder_sheet_path(sheet_path, " / ")


def test_checkbox_saves_at_once(sheet_path):
    app = CodingApp(CodingSheet(sheet_path, coder="ann"))
    assert app.index == 0
    app.checkboxes["security"].value = True
    saved = _saved(app.sheet)
    assert (
        saved.loc[0, "security"] == "1" and saved.loc[0, "conflict"] == "0" and saved.loc[0, "coder"] == "ann"
    )
    assert saved.loc[1, "security"] == ""  # the next item is not coded yet
    app.checkboxes["security"].value = False
    assert _saved(app.sheet).loc[0, "security"] == "0"


def test_next_and_previous_record_the_item_and_restore_its_boxes(sheet_path):
    app = CodingApp(CodingSheet(sheet_path, coder="ann"))
    app.checkboxes["conflict"].value = True
    app.next_button.click()
    assert app.index == 1 and not app.checkboxes["conflict"].value  # the new item's own (empty) codes
    app.next_button.click()  # item 2 left without a box checked: coded as all 0
    saved = _saved(app.sheet)
    assert (saved.loc[1, list(FRAMES)] == "0").all() and saved.loc[1, "coder"] == "ann"
    assert app.index == 2 and app.next_button.disabled
    app.previous_button.click()
    app.previous_button.click()
    assert app.index == 0 and app.checkboxes["conflict"].value and app.previous_button.disabled


def test_hits_are_highlighted_and_text_escaped(sheet_path, tmp_path):
    app = CodingApp(CodingSheet(sheet_path, coder="ann"))
    assert 'title="security">espionage</mark>' in app.text.value
    assert app.text.value.count("<p>") == 2
    assert "item 1 of 3" in app.header.value and "Metro Wire" in app.header.value
    hostile = tmp_path / "hostile.csv"
    pd.read_csv(sheet_path, dtype=str, keep_default_na=False).assign(
        text="<script>alert(1)</script> war"
    ).to_csv(hostile, index=False)
    app = CodingApp(CodingSheet(hostile, coder="ann"))
    assert "<script>" not in app.text.value and "&lt;script&gt;" in app.text.value


def test_notes_are_saved(sheet_path):
    app = CodingApp(CodingSheet(sheet_path, coder="ann"))
    app.notes.value = "ironic tone"
    assert _saved(app.sheet).loc[0, "notes"] == "ironic tone"


def test_a_session_resumes_at_the_first_item_not_coded(sheet_path):
    app = CodingApp(CodingSheet(sheet_path, coder="ann"))
    app.checkboxes["legal"].value = True
    app.next_button.click()
    again = CodingApp(CodingSheet(sheet_path, coder="ann"))
    assert again.index == 1
    assert again.sheet.codes(0)["legal"] and again.sheet.n_coded == 1
    assert "1 of 3 coded" in again.status.value


def test_the_coded_sheet_is_a_gold_file(sheet_path):
    app = CodingApp(CodingSheet(sheet_path, coder="ann"))
    app.checkboxes["security"].value = True
    app.next_button.click()
    app.checkboxes["cooperation"].value = True
    gold = read_gold("frames", app.sheet.path)  # item 3 not coded yet: left out
    assert len(gold.items) == 2
    assert gold.codes.set_index("item")[["security", "cooperation"]].values.tolist() == [[1, 0], [0, 1]]


def test_a_sheet_without_frame_columns_is_refused(tmp_path):
    path = tmp_path / "bad.csv"
    pd.DataFrame({"id": ["a"], "text": ["x"], "coder": [""], "notes": [""]}).to_csv(path, index=False)
    with pytest.raises(UsageError, match=r"missing column\(s\) conflict"):
        CodingSheet(path, coder="ann")
    with pytest.raises(UsageError, match="not found: run `tiktok-study sample"):
        CodingSheet(tmp_path / "none.csv", coder="ann")


def test_progress_lists_each_coders_copy(sheet_path):
    app = CodingApp(CodingSheet(sheet_path, coder="ann"))
    app.checkboxes["legal"].value = True
    CodingSheet(sheet_path, coder="bob")
    table = progress(sheet_path)
    assert table.values.tolist() == [
        ["coding-sheet.ann.csv", "ann", 1, 3],
        ["coding-sheet.bob.csv", "", 0, 3],
    ]


def test_start_out_of_range(sheet_path):
    with pytest.raises(UsageError, match="start must be an item from 1 to 3, not 4"):
        CodingApp(CodingSheet(sheet_path, coder="ann"), start=3)


def test_merged_sheet_gives_the_coders_reliability(sheet_path):
    for coder, frame in (("ann", "security"), ("bob", "security")):
        app = CodingApp(CodingSheet(sheet_path, coder=coder))
        app.checkboxes[frame].value = True
        app.next_button.click()
        app.checkboxes["cooperation"].value = coder == "ann"
        app.next_button.click()
    merged = merge_sheets(sheet_path)
    assert merged.name == "coding-sheet-all-coders.csv"
    assert "coding-sheet-all-coders.csv" not in progress(sheet_path)["file"].tolist()
    gold = read_gold("frames", merged)
    assert gold.coders == ("ann", "bob") and len(gold.items) == 2
    report = evaluate(
        gold, pd.DataFrame({"item": [0], "frame": ["security"], "present": [True]}), resamples=50
    )
    table = report.details["reliability"].set_index("frame")
    assert table.loc["cooperation", "below_threshold"]  # ann and bob disagree on item 2


def test_merge_without_codes(sheet_path):
    CodingSheet(sheet_path, coder="ann")
    with pytest.raises(UsageError, match="no coded rows yet"):
        merge_sheets(sheet_path)
