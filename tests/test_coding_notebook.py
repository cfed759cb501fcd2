"""Notebook 5.0-coding: the repository's notebook conventions, and a run with papermill (headless)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from tiktok_study.codebook import load_codebook
from tiktok_study.params import declared

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "5.0-coding.ipynb"


def test_committed_notebook_follows_the_conventions():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), "committed outputs"
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert tagged == [code[0]]
    assert "ts.check_parameters(globals())" in "".join(code[1]["source"])
    spec = declared(NOTEBOOK)
    assert {k: p.annotation for k, p in spec.items()} == {
        "sheet": "str", "coder": "Optional[str]", "codebook": "Optional[str]", "start": "Optional[int]",
    }  # fmt: skip
    assert all(p.help for p in spec.values())
    assert nb["metadata"]["kernelspec"]["name"] == "tiktok-study"
    assert nb["metadata"]["tiktok_study"] == {"needs": "sheet"}  # `make report` skips it without a sheet


def test_papermill_reads_every_parameter_with_its_type():
    import papermill

    found = papermill.inspect_notebook(str(NOTEBOOK))
    assert {k: v["inferred_type_name"] for k, v in found.items()} == {
        "sheet": "str", "coder": "Optional[str]", "codebook": "Optional[str]", "start": "Optional[int]",
    }  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("coder", [None, "ann"])
def test_notebook_runs_headless(tmp_path, coder):
    import papermill

    frames = load_codebook().frame_ids
    sheet = tmp_path / "coding-sheet.csv"
    pd.DataFrame([{"id": "a1", "outlet": "Metro", "date": "2025-01-01", "text": "The trade war escalated.",
                   **dict.fromkeys(frames, ""), "coder": "", "notes": ""}]).to_csv(sheet, index=False)  # fmt: skip
    out = tmp_path / "out.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK), str(out), parameters={"sheet": str(sheet), "coder": coder},
        kernel_name="tiktok-study", cwd=str(NOTEBOOK.parent), progress_bar=False,
    )  # fmt: skip
    cells = json.loads(out.read_text(encoding="utf-8"))["cells"]
    outputs = json.dumps([c.get("outputs", []) for c in cells])
    if coder is None:
        assert "Set `coder` to your name" in outputs
        assert not (tmp_path / "coding-sheet.ann.csv").exists()
    else:
        assert "application/vnd.jupyter.widget-view+json" in outputs
        assert (tmp_path / "coding-sheet.ann.csv").is_file()  # the coder's copy, nothing coded yet
        assert "coding-sheet.ann.csv" in outputs  # the progress table
