"""Progress lines: drawn on a terminal, silent elsewhere; analyze reports articles done."""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace

from tiktok_study.analyze import analyze_folder
from tiktok_study.normalize import normalize_folder
from tiktok_study.progress import ArticleProgress, RenderProgress

FIXTURE_CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_render_progress_names_the_notebook_and_counts_on_a_terminal():
    stream = Terminal()
    bar = RenderProgress(stream=stream)
    assert bar.enabled
    for k, name in enumerate(["1.0-corpus", "3.0-article-report[a]"], start=1):
        bar("start", SimpleNamespace(notebook=name), k, 2)
        bar("done", SimpleNamespace(notebook=name), k, 2)
    bar.close()
    text = stream.getvalue()
    assert "render: notebook 1 of 2: 1.0-corpus" in text
    assert "render: notebook 2 of 2: 3.0-article-report[a]" in text
    assert "<" in text  # elapsed<remaining


def test_progress_is_silent_when_not_a_terminal():
    stream = io.StringIO()
    for bar in (RenderProgress(stream=stream), ArticleProgress(stream=stream)):
        assert not bar.enabled
    RenderProgress(stream=stream)("start", SimpleNamespace(notebook="x"), 1, 1)
    ArticleProgress(stream=stream)(1, 2)
    assert stream.getvalue() == ""


def test_analyze_reports_articles_done(tmp_path):
    normalize_folder(FIXTURE_CORPUS, tmp_path)
    calls: list[tuple[int, int]] = []
    analyze_folder(tmp_path, progress=lambda done, total: calls.append((done, total)), batch_size=1)
    assert calls == [(1, 2), (2, 2)]
    stream = Terminal()
    bar = ArticleProgress(stream=stream)
    analyze_folder(tmp_path, progress=bar)
    bar.close()
    assert "/2 articles" in stream.getvalue()  # drawn (tqdm redraws at most every 0.1 s)
