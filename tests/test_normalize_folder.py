"""normalize_folder: bad input, duplicates, determinism, worker processes, the raw folder left untouched, errors."""

from __future__ import annotations

import shutil
import sys

import pytest

from tiktok_study import cli
from tiktok_study.errors import RunError, UsageError
from tiktok_study.io import TableWriteError, read_table
from tiktok_study.normalize import MAX_FILE_BYTES, normalize_folder

from .conftest import FIXTURES, RAW

TABLES = ("articles", "paragraphs", "sentences", "removed", "skipped")
BODY = (
    "Regulators opened an inquiry into the company's data practices on Monday, officials said.\n\n"
    "The company said it would cooperate with the review."
)


def _snapshot(folder):
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def messy(tmp_path):
    """A raw folder with one of every kind of bad input next to good articles."""
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    (raw / ".git").mkdir()
    (raw / "good.txt").write_text(f"Inquiry Opens Into App\n\n{BODY}", encoding="utf-8")
    (raw / "sub" / "nested.md").write_text(
        f"# Another Story Entirely\n\n{BODY} A second, different sentence."
    )
    (raw / "sub" / "good.md").write_text(
        f"Clash Of Ids\n\n{BODY} Yet another sentence here.", encoding="utf-8"
    )
    (raw / "zz_duplicate.txt").write_text(f"Inquiry Opens Into App\n\n{BODY.upper()}\n", encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "blank.txt").write_text(" \n\t\r\n  \n", encoding="utf-8")
    (raw / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (raw / "garbled.txt").write_bytes(bytes(range(0x80, 0x100)) * 40)
    (raw / "all_boilerplate.txt").write_text(
        "Subscribe to our newsletter\nFollow us on X: @somepaper\n---\nhttps://example.com\n© 2025 Some Paper"
    )
    with open(raw / "huge.txt", "wb") as handle:  # sparse: 50 MB on paper, no disk or memory used
        handle.truncate(50 * 1024 * 1024)
    (raw / "report.pdf").write_bytes(b"%PDF-1.7")
    (raw / "NOTES").write_text("no extension")
    (raw / ".hidden.txt").write_text(BODY)
    (raw / ".git" / "config.txt").write_text(BODY)
    return raw


def test_bad_input_is_skipped_with_reasons(messy, tmp_path):
    out = tmp_path / "out"
    summary = normalize_folder(messy, out)
    supported = ".csv, .docx, .htm, .html, .json, .jsonl, .markdown, .md, .ndjson, .text, .txt"
    assert summary.skipped == [
        ("NOTES", f"unsupported file type '(no extension)' (supported: {supported})"),
        ("all_boilerplate.txt", "no article text left after removing boilerplate "
         "(5 cut: bare-url ×1, call-to-action ×1, copyright ×1, separator ×1, social-link ×1)"),
        ("blank.txt", "whitespace-only file"),
        ("empty.txt", "empty file"),
        ("garbled.txt", "undecodable bytes: no text encoding fits (charset-normalizer found none)"),
        ("huge.txt", "file too large: 50.0 MiB, over the 20 MiB limit"),
        ("picture.txt", "binary file (PNG signature), not text"),
        ("report.pdf", f"unsupported file type '.pdf' (supported: {supported})"),
        ("sub/good.md", "article id 'good' is already used by good.txt; rename one file"),
        ("zz_duplicate.txt", "duplicate of article 'good' (same text after normalization)"),
    ]  # fmt: skip
    assert summary.n_articles == 2 and summary.n_skipped == 10 and summary.n_files == 12
    articles = read_table(out / "articles.parquet")
    assert articles[["article_id", "source_path"]].values.tolist() == [
        ["good", "good.txt"],
        ["nested", "sub/nested.md"],
    ]
    skipped = read_table(out / "skipped.parquet")
    assert skipped["source_path"].tolist() == [path for path, _ in summary.skipped]
    report = str(summary)
    assert report.splitlines()[0].startswith("normalize: 2 article(s) from 12 file(s)")
    assert "    huge.txt: file too large: 50.0 MiB, over the 20 MiB limit" in report.splitlines()
    assert MAX_FILE_BYTES == 20 * 1024 * 1024


def test_raw_folder_bytes_and_mtimes_unchanged(messy, tmp_path):
    before = _snapshot(messy)
    normalize_folder(messy, tmp_path / "out")
    assert _snapshot(messy) == before


def test_seed_raw_folder_unchanged_by_a_run(tmp_path):
    before = _snapshot(RAW)
    normalize_folder(RAW, tmp_path / "out", jobs=2)
    assert _snapshot(RAW) == before


def test_same_input_same_bytes_and_jobs_do_not_change_them(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES / "articles", raw)
    for seed in RAW.glob("*.txt"):
        shutil.copy2(seed, raw / seed.name)
    runs = [(tmp_path / "a", 1), (tmp_path / "b", 1), (tmp_path / "c", 2)]
    for out, jobs in runs:
        normalize_folder(raw, out, jobs=jobs)
    for name in TABLES:
        first = (tmp_path / "a" / f"{name}.parquet").read_bytes()
        assert (tmp_path / "b" / f"{name}.parquet").read_bytes() == first, name
        assert (tmp_path / "c" / f"{name}.parquet").read_bytes() == first, name
    assert sorted(p.name for p in (tmp_path / "a").glob("*.parquet")) == sorted(
        f"{n}.parquet" for n in TABLES
    )


def test_missing_or_file_raw_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match=r"the raw folder .*nowhere does not exist"):
        normalize_folder(tmp_path / "nowhere", tmp_path / "out")
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(UsageError, match=r"file\.txt is not a folder"):
        normalize_folder(tmp_path / "file.txt", tmp_path / "out")
    with pytest.raises(UsageError, match="--jobs must be 1 or more"):
        normalize_folder(RAW, tmp_path / "out", jobs=0)
    with pytest.raises(UsageError, match="lies inside the raw folder"):
        normalize_folder(tmp_path, tmp_path / "out")


def test_unwritable_out_writes_nothing(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the output folder should be")
    with pytest.raises(TableWriteError, match=r"cannot write tables to .*not-a-folder/out.*--out"):
        normalize_folder(RAW, blocker / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]


def test_unknown_engine_and_scheduler_without_dask_are_usage_errors(tmp_path):
    with pytest.raises(UsageError, match=r"unknown engine 'spark'; choose local or dask"):
        normalize_folder(RAW, tmp_path / "out", engine="spark")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match=r"--scheduler tcp://127\.0\.0\.1:8786 needs --engine dask"):
        normalize_folder(RAW, tmp_path / "out", scheduler="tcp://127.0.0.1:8786")
    assert not (tmp_path / "out" / "articles.parquet").exists()


def test_strict_writes_then_raises(messy, tmp_path):
    with pytest.raises(RunError, match=r"--strict: 10 file\(s\) or row\(s\) skipped"):
        normalize_folder(messy, tmp_path / "out", strict=True)
    assert read_table(tmp_path / "out" / "articles.parquet")["article_id"].tolist() == ["good", "nested"]
    summary = normalize_folder(RAW, tmp_path / "seeds", strict=True)
    assert summary.n_skipped == 0


def test_progress_bar_only_on_a_terminal(messy, tmp_path, capsys, monkeypatch):
    normalize_folder(messy, tmp_path / "quiet")
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    normalize_folder(messy, tmp_path / "bar")
    assert "normalize: 100%" in capsys.readouterr().err


def test_cli_exit_codes(messy, tmp_path, capsys):
    assert cli.main(["normalize", "--raw", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]) == 2
    assert "missing does not exist" in capsys.readouterr().err
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    assert cli.main(["normalize", "--raw", str(RAW), "--out", str(blocker / "o")]) == 1
    assert "cannot write tables" in capsys.readouterr().err
    assert cli.main(["normalize", "--raw", str(messy), "--out", str(tmp_path / "o1")]) == 0
    assert "skipped 10:" in capsys.readouterr().out
    assert cli.main(["normalize", "--raw", str(messy), "--out", str(tmp_path / "o2"), "--strict"]) == 1


def test_tables_follow_the_contract_and_the_written_schema_is_fixed(tmp_path):
    import dataclasses

    import pyarrow.parquet as pq

    from tiktok_study.normalize import SCHEMAS, Tables, normalize_text
    from tiktok_study.schema import COLUMNS

    tables = normalize_text("Lawmakers clashed with the company over the ban.")
    assert isinstance(tables, Tables)
    with pytest.raises(dataclasses.FrozenInstanceError):
        tables.articles = None  # type: ignore[misc]
    for name in ("articles", "paragraphs", "sentences", "removed"):
        assert list(getattr(tables, name).columns[: len(COLUMNS[name])]) == COLUMNS[name]
    # a corpus where subtitle, source, published … are all missing still writes string columns
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(BODY, encoding="utf-8")
    normalize_folder(raw, tmp_path / "out")
    for name in TABLES:
        assert pq.read_schema(tmp_path / "out" / f"{name}.parquet").remove_metadata() == SCHEMAS[name], name
        assert SCHEMAS[name].names[: len(COLUMNS[name])] == COLUMNS[name]


def test_normalize_removes_stale_analysis_tables(tmp_path):
    from tiktok_study.normalize import normalize_folder

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("Headline\n\nOfficials met on Monday to discuss the ban.\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "frames.parquet").write_bytes(b"stale")
    (out / "unrelated.csv").write_text("kept", encoding="utf-8")
    normalize_folder(raw, out)
    assert not (out / "frames.parquet").exists()
    assert (out / "unrelated.csv").read_text(encoding="utf-8") == "kept"
    assert (out / "articles.parquet").is_file()
