"""benchmarks/polnear_to_gold.py on a synthetic PolNeAR-shaped folder (BRAT standoff; no PolNeAR text here)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from tiktok_study import validation

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "polnear_to_gold.py"

TEXT = (
    "Sen. Ann Lee spoke in Ohio.\n\n"
    "“We will win. It is certain,” Mr. Lee said.\n\n"
    "He added that the plan was “a disaster” for the state.\n\n"
    "''Nothing changes,'' she said."
)


def _span(label: str, tid: int, text: str, *pieces: str) -> str:
    ranges, shown = [], []
    for piece in pieces:
        start = text.index(piece)
        ranges.append(f"{start} {start + len(piece)}")
        shown.append(piece)
    return f"T{tid}\t{label} {';'.join(ranges)}\t{' '.join(shown)}"


def _converter():
    spec = importlib.util.spec_from_file_location("polnear_to_gold", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def train(tmp_path: Path) -> Path:
    root = tmp_path / "data" / "train"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    lines = [
        # Content split at the sentence end, closing mark left out of the span (as PolNeAR annotators often do)
        _span("Source", 1, TEXT, "Mr. Lee"), _span("Cue", 2, TEXT, "said"),
        _span("Content", 3, TEXT, "“We will win.", "It is certain,"),
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        # paraphrase with a partial quotation: not a gold quotation unless --partial
        _span("Source", 4, TEXT, "He"), _span("Cue", 5, TEXT, "added"),
        _span("Content", 6, TEXT, "that the plan was “a disaster” for the state"),
        "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4",
        # doubled-apostrophe marks; a pronoun source
        _span("Source", 7, TEXT, "she"), _span("Cue", 8, TEXT, "she said"[4:]),
        _span("Content", 9, TEXT, "''Nothing changes,''"),
        "E3\tAttribution:T8 Content:T9 Cue:T8 Source:T7",
    ]  # fmt: skip
    (root / "attributions" / "a_x1.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_wrapped_contents_become_gold_quotes(train):
    records = _converter().convert(train)
    assert [(q["quote"], q["speaker"]) for q in records[0]["quotes"]] == [
        ("We will win. It is certain,", "Mr. Lee"),
        ("Nothing changes,", "she"),
    ]
    partial = _converter().convert(train, partial=True)
    assert ("a disaster", "He") in [(q["quote"], q["speaker"]) for q in partial[0]["quotes"]]


def test_speaker_names_and_pronouns_resolved(train, tmp_path):
    records = _converter().convert(train, names=True)
    assert [q["speaker"] for q in records[0]["quotes"]] == ["Lee", "Lee"]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    parsed = validation.read_gold("quotes", gold)  # the project's reader accepts what the converter writes
    assert parsed.codes["quote"].tolist() == ["We will win. It is certain,", "Nothing changes,"]


def test_only_the_train_split(tmp_path):
    (tmp_path / "test").mkdir()
    with pytest.raises(SystemExit, match="held out"):
        _converter().convert(tmp_path / "test")
