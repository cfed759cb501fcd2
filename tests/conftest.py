"""Shared fixtures."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pandas as pd
import pytest

from tiktok_study.schema import COLUMNS
from tiktok_study.text import sentence_spans

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Copies of the three seed articles. Tests read these, never data/raw: the corpus in data/raw is the
# researcher's to change (tests/test_independence.py proves an extra article there changes nothing).
SEEDS = FIXTURES / "seeds"
RAW = SEEDS  # the name older tests use for the seed folder


@pytest.fixture
def no_network(monkeypatch):
    """Make any attempt to open a network connection fail, as on a locked-down machine."""

    def refuse(*args, **kwargs):
        raise OSError("network access is disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def build_notebook(path: Path, parameters: str, *cells: str, options: dict | None = None) -> Path:
    """Write a notebook with one ``parameters`` cell and the given code cells (no outputs)."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "tiktok-study",
        "display_name": "Python (tiktok-study)",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    if options:
        nb.metadata["tiktok_study"] = options
    first = nbformat.v4.new_code_cell(parameters)
    first.metadata["tags"] = ["parameters"]
    nb.cells = [first, *(nbformat.v4.new_code_cell(c) for c in cells)]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


@pytest.fixture
def make_notebook():
    return build_notebook


def _seed_sentences(source: str = "lines") -> pd.DataFrame:
    """Sentences of the seeds: by the normalizer, or by a test-only split.

    The split takes lines of 8+ words as body paragraphs (dropping titles, bylines, links) and splits them
    with Punkt, the house splitter.
    """
    if source == "normalizer":
        from tiktok_study.normalize import normalize_text

        parts = []
        for path in sorted(RAW.glob("*.txt")):
            tables = normalize_text(path.read_text(encoding="utf-8"), article_id=path.stem)
            parts.append(tables.sentences)
        return pd.concat(parts, ignore_index=True)
    rows = []
    for path in sorted(RAW.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        paragraph, n = 0, 0
        for m in re.finditer(r"[^\n]+", raw):
            if len(m.group().split()) < 8:
                continue
            for s, e in sentence_spans(m.group()):
                rows.append((path.stem, paragraph, n, m.group()[s:e], m.start() + s, m.start() + e))
                n += 1
            paragraph += 1
    return pd.DataFrame(rows, columns=COLUMNS["sentences"])


@pytest.fixture
def seed_sentences():
    """The seeds' sentences, by the normalizer (``\"normalizer\"``) or a test-only line split (``\"lines\"``)."""
    return _seed_sentences
