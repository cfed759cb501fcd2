"""The project's notebooks: committed clean, parameters checked, and executed through papermill on the seeds and
on a small fixture corpus, with assertions on the values each notebook records (not just "it ran")."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tiktok_study.analyze import analyze_folder
from tiktok_study.corpus import load_corpus
from tiktok_study.normalize import normalize_folder
from tiktok_study.params import declared
from tiktok_study.render import discover, render

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_CORPUS = FIXTURES / "corpus"
SEEDS = {
    "cgtn": "000_84ecfe4f6f97db33",
    "geekpark": "001_1da23138b7400f21",
    "rivalry": "002_3862a9654516b30a",
}


def test_the_expected_notebooks_are_there():
    assert list(discover()) == [
        "1.0-corpus",
        "2.0-framing",
        "2.1-sentiment",
        "2.2-statistics-and-quotes",
        "3.0-article-report",
        "4.0-validation",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_notebook_is_clean_and_checks_its_parameters(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), "committed outputs"
    tagged = [i for i, c in enumerate(nb["cells"]) if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    first_code = nb["cells"].index(code[0])
    assert tagged[0] == first_code, "the parameters cell is the first code cell"
    assert "ts.check_parameters(globals())" in "".join(code[1]["source"]), (
        "the next cell validates the parameters"
    )
    spec = declared(path)
    assert spec, "declares parameters"
    assert all(p.help for p in spec.values()), "every parameter has a comment"
    assert nb["metadata"]["kernelspec"]["name"] == "tiktok-study"


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tiktok_study", "render", *args], capture_output=True, text=True, cwd=ROOT
    )


@pytest.fixture(scope="module")
def seeds_processed(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seeds-processed")
    normalize_folder(FIXTURES / "seeds", out)
    analyze_folder(out)
    return out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-p", "artcles", "x"], "unknown parameter 'artcles'"),
        (["--notebook", "2.1-sentiment", "-p", "min_n", "five"], "parameter 'min_n' expects int, got 'five'"),
        (
            ["--notebook", "3.0-article-report", "-p", "article_id", "nope"],
            "unknown article id(s) nope; known ids: ",
        ),
        (["--notebook", "9.9-missing"], "unknown notebook(s) 9.9-missing; known: 1.0-corpus"),
    ],
)
def test_bad_render_input_exits_2_with_one_line(seeds_processed, args, message):
    done = _cli("--processed", str(seeds_processed), "--out", str(seeds_processed / "reports"), *args)
    assert done.returncode == 2, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert message in lines[0]


def _values(reports: Path, name: str) -> dict:
    return json.loads((reports / "values" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rendered(seeds_processed, tmp_path_factory):
    """Every notebook rendered once on the seeds (the class below reads the results)."""
    reports = tmp_path_factory.mktemp("seed-reports")
    result = render(processed=seeds_processed, out=reports, jobs=2)
    return seeds_processed, reports, result


@pytest.mark.slow
class TestSeedReports:
    def test_every_notebook_rendered_with_html_and_manifest(self, rendered):
        _, reports, result = rendered
        assert [r.status for r in result.runs] == ["ok"] * 8, str(result)
        for run in result.runs:
            assert run.html.is_file() and run.html.stat().st_size > 10_000
        assert sorted(p.name for p in (reports / "articles").glob("*.html")) == [
            f"{a}.html" for a in sorted(SEEDS.values())
        ]
        manifest = json.loads((reports / "manifest.json").read_text())
        assert len(manifest["notebooks"]) == 8
        assert set(manifest["processed"]) >= {"articles.parquet", "sentiment.parquet", "frames.parquet"}
        assert (reports / "figures" / "2.0-framing" / "frame-heatmap.png").is_file()

    def test_corpus_notebook_values(self, rendered):
        processed, reports, _ = rendered
        values = _values(reports, "1.0-corpus")
        articles = pd.read_parquet(processed / "articles.parquet")
        assert values["n_articles"] == 3
        assert values["n_words"] == dict(
            zip(articles["article_id"], articles["n_words"].astype(int), strict=True)
        )
        assert set(values["languages"].values()) == {"en"}
        removed = pd.read_parquet(processed / "removed.parquet")
        assert sum(values["removed_by_rule"].values()) == len(removed) > 0

    def test_framing_notebook_values(self, rendered):
        _, reports, _ = rendered
        values = _values(reports, "2.0-framing")
        assert "cooperation" in values["present"][SEEDS["cgtn"]]
        assert values["dominant"][SEEDS["rivalry"]] in {"security", "tech_rivalry"}
        assert {"conflict", "economic"} <= set(values["present"][SEEDS["geekpark"]])
        assert values["kwic_rows"] == sum(h["conflict"] for h in values["hits"].values())

    def test_sentiment_notebook_values(self, rendered):
        processed, reports, _ = rendered
        values = _values(reports, "2.1-sentiment")
        sentiment = pd.read_parquet(processed / "sentiment.parquet")
        means = sentiment.groupby("article_id")["compound"].mean().round(4).to_dict()
        assert values["mean_compound"] == pytest.approx(means, abs=1e-4)
        # the seeds' own lesson: the hawkish rivalry piece has the most positive wording
        assert values["most_positive_article"] == SEEDS["rivalry"]

    def test_statistics_and_quotes_notebook_values(self, rendered):
        _, reports, _ = rendered
        values = _values(reports, "2.2-statistics-and-quotes")
        assert {"Liang Liang", "Jensen Huang"} <= set(values["speakers"])
        assert any(s["value"] == 27_800_000_000 and s["kind"] == "money" for s in values["statistics"])
        assert values["n_terms"] > values["n_speech"]

    def test_article_reports_values(self, rendered):
        processed, reports, _ = rendered
        articles = pd.read_parquet(processed / "articles.parquet").set_index("article_id")
        for article_id in SEEDS.values():
            values = _values(reports, f"3.0-article-report/{article_id}")
            assert values["title"] == articles.loc[article_id, "title"]
            assert values["n_paragraphs"] == articles.loc[article_id, "n_paragraphs"]

    def test_validation_notebook_values(self, rendered):
        _, reports, _ = rendered
        values = _values(reports, "4.0-validation")
        assert set(values) == {"frames", "quotes", "sentiment", "statistics"}
        assert -1 <= values["sentiment"]["pearson"] <= 1
        assert values["sentiment"]["n_items"] == len(pd.read_csv(ROOT / "data" / "gold" / "sentiment.csv"))


@pytest.mark.slow
def test_notebooks_on_a_fixture_corpus_of_our_own(tmp_path):
    processed = tmp_path / "processed"
    summary = normalize_folder(FIXTURE_CORPUS, processed)
    assert summary.n_articles == 2
    analyze_folder(processed)
    reports = tmp_path / "reports"
    result = render(
        notebooks=["1.0-corpus", "2.1-sentiment", "2.2-statistics-and-quotes", "3.0-article-report"],
        processed=processed,
        out=reports,
        jobs=2,
    )
    assert result.ok, str(result)
    corpus = load_corpus(processed)
    assert _values(reports, "1.0-corpus")["n_articles"] == 2
    quotes = _values(reports, "2.2-statistics-and-quotes")
    assert {"Maria Lopez", "Priya Nair"} <= set(quotes["speakers"])
    values = {s["text"]: s["value"] for s in quotes["statistics"]}
    assert 2_000_000_000 in values.values()
    assert 300_000_000_000 in values.values()
    tone = _values(reports, "2.1-sentiment")
    assert set(tone["mean_compound"]) == set(corpus.article_ids)


@pytest.mark.slow
def test_rendering_a_real_notebook_twice_gives_identical_outputs(seeds_processed, tmp_path):
    out = tmp_path / "reports"
    cells = []
    for _ in range(2):
        render(notebooks=["2.0-framing"], processed=seeds_processed, out=out)
        nb = json.loads((out / "2.0-framing.ipynb").read_text())
        cells.append([(c["source"], c.get("outputs")) for c in nb["cells"]])
    assert cells[0] == cells[1]
