"""`sample`: a reproducible (stratified) sample to code, its sheet in CSV and XLSX, and the coding guide."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tiktok_study import cli
from tiktok_study import sample as smp
from tiktok_study.codebook import load_codebook
from tiktok_study.errors import UsageError
from tiktok_study.io import write_table
from tiktok_study.validation import read_gold

OUTLETS = {"Harbor Review": 12, "Metro Wire": 6, "Plains Daily": 2}
BODY = [
    "Lawmakers fear espionage by foreign apps, and the trade war escalated this spring.",
    "The company said it would fight the ban in court, calling the law unconstitutional.",
    "Both sides called for dialogue and cooperation on technology rules.",
]


@pytest.fixture(scope="module")
def processed(tmp_path_factory) -> Path:
    """A processed folder of 20 articles from three outlets over three months, three body paragraphs each."""
    folder = tmp_path_factory.mktemp("processed")
    articles, paragraphs = [], []
    n = 0
    for outlet, count in OUTLETS.items():
        for k in range(count):
            article_id = f"{outlet.split()[0].lower()}-{k:02d}"
            month = 1 + (n % 3)
            articles.append({"article_id": article_id, "source": outlet, "published": f"2025-0{month}-1{k % 9}",
                             "title": f"Story {n}"})  # fmt: skip
            offset = 0
            paragraphs.append({"article_id": article_id, "paragraph_id": 0, "kind": "heading",
                               "text": f"Story {n}", "start": 0, "end": 8})  # fmt: skip
            for p, text in enumerate(BODY, start=1):
                body = f"{text} ({article_id}, part {p}.)"
                paragraphs.append({"article_id": article_id, "paragraph_id": p, "kind": "body", "text": body,
                                   "start": offset, "end": offset + len(body)})  # fmt: skip
                offset += len(body) + 2
            n += 1
    write_table(pd.DataFrame(articles), folder / "articles.parquet")
    write_table(pd.DataFrame(paragraphs), folder / "paragraphs.parquet")
    return folder


def test_allocation_is_proportional_with_a_floor_of_one():
    assert smp.allocate({"a": 12, "b": 6, "c": 2}, 10) == {"a": 6, "b": 3, "c": 1}
    assert smp.allocate({"a": 12, "b": 6, "c": 2}, 2) == {"a": 1, "b": 1, "c": 0}
    assert smp.allocate({"a": 1, "b": 100}, 50) == {"a": 1, "b": 49}
    assert sum(smp.allocate({"x": 7, "y": 5, "z": 3}, 11).values()) == 11


def test_sheet_columns_and_stratified_counts(processed, tmp_path):
    result = smp.sample_to_code(processed, out=tmp_path, n=10, seed=4, stratify="source")
    sheet = pd.read_csv(tmp_path / "coding-sheet.csv", keep_default_na=False)
    frames = list(load_codebook().frame_ids)
    assert list(sheet.columns) == ["id", "outlet", "date", "text", *frames, "coder", "notes"]
    assert sheet["outlet"].value_counts().to_dict() == {
        "Harbor Review": 6,
        "Metro Wire": 3,
        "Plains Daily": 1,
    }
    assert result.strata == {"Harbor Review": 6, "Metro Wire": 3, "Plains Daily": 1}
    assert sheet["id"].is_unique
    assert (sheet[frames] == "").all().all() and (sheet["coder"] == "").all()
    # the body only, paragraphs separated by a blank line; no heading
    first = sheet.iloc[0]
    assert first["text"].count("\n\n") == 2 and not first["text"].startswith("Story")


def test_same_seed_same_bytes_other_seed_other_sample(processed, tmp_path):
    for name in ("a", "b"):
        smp.sample_to_code(processed, out=tmp_path / name, n=8, seed=1, stratify="month")
    for file in ("coding-sheet.csv", "coding-sheet.xlsx", "coding-guide.md"):
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes(), file
    smp.sample_to_code(processed, out=tmp_path / "c", n=8, seed=2, stratify="month")
    ids = [pd.read_csv(tmp_path / x / "coding-sheet.csv")["id"].tolist() for x in ("a", "c")]
    assert ids[0] != ids[1]


def test_month_strata(processed, tmp_path):
    result = smp.sample_to_code(processed, out=tmp_path, n=9, seed=3, stratify="month")
    assert result.strata == {"2025-01": 3, "2025-02": 3, "2025-03": 3}


def test_paragraph_units(processed, tmp_path):
    smp.sample_to_code(processed, out=tmp_path, n=15, seed=3, unit="paragraph")
    sheet = pd.read_csv(tmp_path / "coding-sheet.csv", keep_default_na=False)
    assert sheet["id"].str.fullmatch(r"[a-z]+-\d\d#[123]").all()  # body paragraphs only, never the heading 0
    assert not sheet["text"].str.contains("\n").any()


def test_xlsx_is_one_sheet_with_the_same_rows(processed, tmp_path):
    from openpyxl import load_workbook

    smp.sample_to_code(processed, out=tmp_path, n=6, seed=5)
    book = load_workbook(tmp_path / "coding-sheet.xlsx")
    assert book.sheetnames == ["coding-sheet"]
    rows = list(book.active.iter_rows(values_only=True))
    csv_sheet = pd.read_csv(tmp_path / "coding-sheet.csv", keep_default_na=False)
    assert list(rows[0]) == list(csv_sheet.columns)
    assert [r[0] for r in rows[1:]] == csv_sheet["id"].tolist()
    assert not book.active.merged_cells.ranges


def test_coded_xlsx_reads_as_gold(processed, tmp_path):
    from openpyxl import load_workbook

    smp.sample_to_code(processed, out=tmp_path, n=6, seed=5)
    book = load_workbook(tmp_path / "coding-sheet.xlsx")
    ws = book.active
    header = [c.value for c in ws[1]]
    for row in range(2, 8):
        for col, name in enumerate(header, start=1):
            if name in load_codebook().frame_ids:
                ws.cell(row=row, column=col, value=int(name == "conflict"))
            elif name == "coder":
                ws.cell(row=row, column=col, value="ann")
    book.save(tmp_path / "coded.xlsx")
    gold = read_gold("frames", tmp_path / "coded.xlsx")
    assert len(gold.items) == 6 and gold.codes["conflict"].tolist() == [1] * 6 and gold.coders == ("ann",)


def test_coding_guide_has_every_frame_with_a_kwic_example(processed, tmp_path):
    smp.sample_to_code(processed, out=tmp_path, n=5, seed=5)
    guide = (tmp_path / "coding-guide.md").read_text(encoding="utf-8")
    book = load_codebook()
    for frame in book.frames:
        assert f"## {frame.label} (`{frame.id}`)" in guide
        assert frame.definition in guide
    assert "**espionage**" in guide  # a keyword in its context, from the corpus
    security = guide.split("(`security`)")[1].split("## ")[0]
    assert "*In the corpus:* “…" in security


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--n", "0"], "--n must be 1 or more"),
        (["--n", "500"], "--n 500 but the corpus has 20 codable unit"),
    ],
)
def test_bad_arguments_exit_2(processed, tmp_path, capsys, args, message):
    code = cli.main(["sample", *args, "--seed", "1", "--out", str(tmp_path), "--processed", str(processed)])
    assert code == 2
    assert message in capsys.readouterr().err


def test_no_processed_tables(tmp_path):
    with pytest.raises(UsageError, match="no articles table"):
        smp.sample_to_code(tmp_path, out=tmp_path / "o", n=3, seed=1)
