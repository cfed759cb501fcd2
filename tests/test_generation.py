"""A processed folder holds one generation of tables (issue #17): a lock for writers, refusal of mixed tables."""

from __future__ import annotations

import os
import stat
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from tiktok_study import generation
from tiktok_study.corpus import load_corpus
from tiktok_study.errors import UsageError
from tiktok_study.io import atomic_write_text, write_table


def _articles(folder, ids):
    write_table(pd.DataFrame({"article_id": ids, "title": ["t"] * len(ids)}), folder / "articles.parquet")


def _sentiment(folder, ids):
    write_table(pd.DataFrame({"article_id": ids, "compound": [0.0] * len(ids)}), folder / "sentiment.parquet")


def test_a_second_writer_waits_for_the_first(tmp_path, caplog):
    order = []
    first_in = threading.Event()

    def first():
        with generation.writing(tmp_path, "normalize"):
            first_in.set()
            time.sleep(0.5)
            order.append("first done")

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait()
    with caplog.at_level("WARNING"), generation.writing(tmp_path, "analyze"):
        order.append("second in")
    thread.join()
    assert order == ["first done", "second in"]
    assert "waiting for it to finish" in caplog.text and "normalize (pid" in caplog.text


def test_an_interrupted_run_is_refused_until_a_run_finishes(tmp_path):
    _articles(tmp_path, ["a"])
    with pytest.raises(KeyboardInterrupt), generation.writing(tmp_path, "normalize") as run:
        run.start()  # the run began replacing tables, then was stopped
        raise KeyboardInterrupt
    with pytest.raises(UsageError, match=r"last `tiktok-study normalize` .* did not finish"):
        load_corpus(tmp_path)
    with generation.writing(tmp_path, "normalize") as run:
        run.wrote("articles")
    assert load_corpus(tmp_path).articles["article_id"].tolist() == ["a"]


def test_an_error_before_any_table_is_replaced_leaves_the_folder_readable(tmp_path):
    with generation.writing(tmp_path, "normalize") as run:
        _articles(tmp_path, ["a"])
        run.wrote("articles")
    with pytest.raises(ValueError), generation.writing(tmp_path, "analyze"):
        raise ValueError("bad codebook")
    assert load_corpus(tmp_path).articles["article_id"].tolist() == ["a"]


def test_analysis_of_another_articles_table_is_refused(tmp_path):
    with generation.writing(tmp_path, "normalize") as run:
        _articles(tmp_path, ["a", "b"])
        run.wrote("articles")
    with generation.writing(tmp_path, "analyze") as run:
        _sentiment(tmp_path, ["a", "b"])
        run.wrote("sentiment")
    assert len(load_corpus(tmp_path).sentiment) == 2
    _articles(tmp_path, ["a", "b", "c"])  # a new articles table written outside a run
    with pytest.raises(UsageError, match=r"articles\.parquet is not the table normalize wrote"):
        load_corpus(tmp_path)


def test_a_table_changed_since_its_run_is_refused(tmp_path):
    with generation.writing(tmp_path, "normalize") as run:
        _articles(tmp_path, ["a"])
        run.wrote("articles")
    with generation.writing(tmp_path, "analyze") as run:
        _sentiment(tmp_path, ["a"])
        run.wrote("sentiment")
    _sentiment(tmp_path, ["a", "a"])
    with pytest.raises(UsageError, match=r"sentiment\.parquet is not the table analyze wrote"):
        load_corpus(tmp_path)


def test_rows_for_unknown_articles_are_refused_without_a_record(tmp_path):
    _articles(tmp_path, ["a"])
    _sentiment(tmp_path, ["a", "ghost-1", "ghost-2"])
    assert not (tmp_path / generation.GENERATION_FILE).exists()
    with pytest.raises(
        UsageError, match=r"rows for 2 article\(s\) that articles.parquet lacks \(e.g. ghost-1"
    ):
        load_corpus(tmp_path)
    with pytest.raises(UsageError, match="ghost-1"):
        load_corpus(tmp_path, tables=["sentiment"])
    assert load_corpus(tmp_path, tables=["articles"]).articles["article_id"].tolist() == ["a"]


def test_files_get_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        _articles(tmp_path, ["a"])
        atomic_write_text(tmp_path / "x.json", "{}")
    finally:
        os.umask(old)
    for name in ("articles.parquet", "x.json"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644, name
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_normalize_killed_between_two_renames_leaves_a_folder_load_corpus_refuses(tmp_path, monkeypatch):
    from tiktok_study.analyze import analyze_folder
    from tiktok_study.normalize import pipeline
    from tiktok_study.normalize.pipeline import normalize_folder

    seeds = Path(__file__).resolve().parent / "fixtures" / "seeds"
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in seeds.glob("*.txt"):
        (raw / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "processed"
    normalize_folder(raw, out)
    analyze_folder(out)
    assert len(load_corpus(out).sentiment) > 0
    (raw / "extra.txt").write_text("A new article about the app.\n\n" + "Lawmakers met again today. " * 20)
    real = pipeline._write_tables

    def killed(*args, **kwargs):
        real(*args, **kwargs)  # every table renamed into place ...
        raise KeyboardInterrupt  # ... and the process stopped before the run could record it

    monkeypatch.setattr(pipeline, "_write_tables", killed)
    with pytest.raises(KeyboardInterrupt):
        normalize_folder(raw, out)
    with pytest.raises(UsageError, match=r"last `tiktok-study normalize` .* did not finish"):
        load_corpus(out)
    monkeypatch.setattr(pipeline, "_write_tables", real)
    normalize_folder(raw, out)
    analyze_folder(out)
    corpus = load_corpus(out)
    assert set(corpus.sentiment["article_id"]) <= set(corpus.articles["article_id"])
    assert "extra" in set(corpus.articles["article_id"])
