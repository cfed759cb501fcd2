"""``tiktok-study export``: every table, the evidence with its sentences, the codebook; CSV and XLSX, deterministic."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from tiktok_study.analyze import analyze_folder
from tiktok_study.cli import main
from tiktok_study.corpus import load_corpus
from tiktok_study.errors import UsageError
from tiktok_study.export import EXCEL_MAX_CELL, _write_xlsx, export
from tiktok_study.normalize import normalize_folder

FIXTURE_CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"


@pytest.fixture(scope="module")
def processed(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export-processed")
    normalize_folder(FIXTURE_CORPUS, out)
    analyze_folder(out)
    return out


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)


def test_csv_export_has_every_table_and_the_evidence_in_context(processed, tmp_path):
    summary = export(processed, out=tmp_path / "csv")
    corpus = load_corpus(processed)
    tables = {p.stem for p in processed.glob("*.parquet")}
    written = {p.stem for p in (tmp_path / "csv").glob("*.csv")}
    assert written == tables | {"kwic", "quotes_in_context", "statistics_in_context"}
    assert (tmp_path / "csv" / "articles.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8
    texts = dict(zip(corpus.articles["article_id"], corpus.articles["text"], strict=True))

    kwic = _csv(tmp_path / "csv" / "kwic.csv")
    assert len(kwic) == len(corpus.frames) > 0
    for row in kwic.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.keyword
        assert row.keyword in row.sentence
        assert row.title
    quotes = _csv(tmp_path / "csv" / "quotes_in_context.csv")
    assert len(quotes) == len(corpus.quotes) > 0
    assert all(q.text[:20] in q.sentences for q in quotes.itertuples())
    stats = _csv(tmp_path / "csv" / "statistics_in_context.csv")
    assert len(stats) == len(corpus.statistics) > 0
    sentences = corpus.sentences.set_index(["article_id", "sentence_id"])["text"]
    assert all(s.sentence == sentences[(s.article_id, s.sentence_id)] for s in stats.itertuples())
    codebook = (tmp_path / "csv" / "codebook.md").read_text(encoding="utf-8")
    assert codebook.startswith("# Codebook") and "## Conflict (`conflict`)" in codebook
    assert "codebook.md" in str(summary)
    articles = _csv(tmp_path / "csv" / "articles.csv")
    assert articles["text"].tolist() == corpus.articles["text"].tolist()  # every character kept


def test_exports_are_deterministic(processed, tmp_path):
    for fmt in ("csv", "xlsx"):
        first, second = tmp_path / f"{fmt}-1", tmp_path / f"{fmt}-2"
        export(processed, out=first, fmt=fmt)
        export(processed, out=second, fmt=fmt)
        files = sorted(p.name for p in first.iterdir())
        assert files == sorted(p.name for p in second.iterdir())
        for name in files:
            assert (first / name).read_bytes() == (second / name).read_bytes(), f"{fmt}: {name} differs"


def test_xlsx_has_a_sheet_per_table_strings_never_formulas_and_long_cells_cut(processed, tmp_path):
    from openpyxl import load_workbook

    export(processed, out=tmp_path, fmt="xlsx")
    wb = load_workbook(tmp_path / "tiktok-study.xlsx", read_only=True)
    assert {"articles", "sentences", "kwic", "quotes_in_context", "statistics_in_context"} <= set(
        wb.sheetnames
    )
    rows = list(wb["kwic"].iter_rows(values_only=True))
    assert rows[0][:3] == ("article_id", "title", "paragraph_id")
    assert len(rows) - 1 == len(load_corpus(processed).frames)

    hostile = pd.DataFrame(
        {"title": ['=HYPERLINK("http://x")', "+1", "plain\x00nul"], "text": ["a" * 40_000, "b", "c"]}
    )
    _write_xlsx({"hostile": hostile}, tmp_path / "hostile.xlsx")
    ws = load_workbook(tmp_path / "hostile.xlsx")["hostile"]
    assert ws["A2"].value == '=HYPERLINK("http://x")' and ws["A2"].data_type == "s"
    assert ws["A4"].value == "plain\ufffdnul"
    assert len(ws["B2"].value) == EXCEL_MAX_CELL and "40,000 characters in all" in ws["B2"].value


def test_export_bad_input(tmp_path):
    with pytest.raises(UsageError, match="holds no tables"):
        export(tmp_path, out=tmp_path / "x")
    with pytest.raises(UsageError, match="--format must be csv or xlsx"):
        export(tmp_path, fmt="ods")


def test_cli_export(processed, tmp_path, capsys):
    assert main(["export", "--processed", str(processed), "--out", str(tmp_path), "--format", "csv"]) == 0
    assert "kwic.csv" in capsys.readouterr().out
    with (tmp_path / "sentiment.csv").open(encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    assert header[:3] == ["article_id", "paragraph_id", "sentence_id"]
    assert main(["export", "--processed", str(tmp_path / "none")]) == 2
