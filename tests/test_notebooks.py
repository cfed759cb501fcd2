"""The project's notebooks: committed clean, parameters checked, and executed through papermill on the seeds and
on a small fixture corpus, with assertions on the values each notebook records (not just "it ran")."""

from __future__ import annotations

import ast
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from tiktok_study.analyze import analyze_folder
from tiktok_study.corpus import load_corpus
from tiktok_study.normalize import normalize_folder
from tiktok_study.params import ParameterError, check_type, declared
from tiktok_study.render import discover, render
from tiktok_study.sample import sample_to_code

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
        "5.0-coding",
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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_papermill_reads_every_declared_parameter(path, caplog):
    """papermill 2.7's own parser sees every parameter, with the declared type and default, without a warning."""
    import papermill as pm

    with caplog.at_level("WARNING", logger="papermill"):
        seen = pm.inspect_notebook(str(path))
    warnings = [r.getMessage() for r in caplog.records if r.name.startswith("papermill")]
    assert not warnings, "papermill could not parse the parameters cell"
    spec = declared(path)
    assert list(seen) == list(spec)
    for name, param in spec.items():
        assert seen[name]["inferred_type_name"] == param.annotation, name
        assert ast.literal_eval(seen[name]["default"]) == param.default, name
        assert seen[name]["help"] == param.help, name


def test_papermill_help_notebook_lists_every_parameter():
    path = ROOT / "notebooks" / "2.0-framing.ipynb"
    done = subprocess.run(
        [sys.executable, "-m", "papermill", "--help-notebook", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    for name, param in declared(path).items():
        assert f"{name}: {param.annotation} (default {param.default!r}".replace("'", '"') in done.stdout, name
    assert "Unable to parse" not in done.stdout + done.stderr


PARAMETER_FILES = sorted((ROOT / "notebooks" / "params").glob("*.yaml"))


@pytest.mark.parametrize("path", PARAMETER_FILES, ids=lambda p: p.stem)
def test_parameter_files_are_flat_and_typed_for_their_notebook(path):
    """Each file is what papermill's own -f reads (a flat mapping) and names a notebook that declares its keys."""
    notebook = ROOT / "notebooks" / f"{path.stem}.ipynb"
    assert notebook.is_file(), f"{path.name} names no notebook"
    values = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(values, dict) and values
    spec = declared(notebook)
    for name, value in values.items():
        assert name.isidentifier() and name in spec, (
            f"{path.name}: {name!r} is not a parameter of {notebook.name}"
        )
        assert not isinstance(value, dict), f"{path.name}: {name!r} is nested; papermill -f wants a flat file"
        check_type(spec[name], value)


def test_there_are_parameter_files():
    assert PARAMETER_FILES


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
        status = {
            r.notebook if r.notebook != "3.0-article-report" else r.output.name: r.status for r in result.runs
        }
        # 5.0-coding needs a coding sheet (`tiktok-study sample`): skipped, with its reason, until there is one
        assert sorted(status.values()) == ["ok"] * 8 + ["skipped"], str(result)
        assert status["5.0-coding"] == "skipped", str(result)
        for run in (r for r in result.runs if r.status == "ok"):
            assert run.html.is_file() and run.html.stat().st_size > 10_000
        assert sorted(p.name for p in (reports / "articles").glob("*.html")) == [
            f"{a}.html" for a in sorted(SEEDS.values())
        ]
        manifest = json.loads((reports / "manifest.json").read_text())
        assert len(manifest["notebooks"]) == 9  # the skipped coding notebook is listed with its reason
        assert [n["status"] for n in manifest["notebooks"]].count("skipped") == 1
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


def _papermill(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "papermill", "--no-progress-bar", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
    )


@pytest.mark.slow
def test_papermill_run_directly_from_another_folder_renders_each_notebook(seeds_processed, tmp_path):
    """papermill's own command line, from a folder outside the project: every notebook renders, the parameter
    files are read with -f, relative paths (gold_dir) resolve from the project root, and nothing is warned."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    reports = tmp_path / "reports"
    for path in NOTEBOOKS:
        args = [str(path), f"{path.stem}.ipynb"]
        if "reports_dir" in declared(path):
            args += ["-p", "reports_dir", str(reports)]
        if "processed_dir" in declared(path):
            args += ["-p", "processed_dir", str(seeds_processed)]
        if "sheet" in declared(path):  # the coding notebook codes a sample drawn by `tiktok-study sample`
            sample = sample_to_code(seeds_processed, out=tmp_path / "coding", n=3, unit="article", seed=1)
            args += ["-p", "sheet", str(sample.paths[0])]
        params = ROOT / "notebooks" / "params" / f"{path.stem}.yaml"
        if params.is_file():
            args += ["-f", str(params)]
        done = _papermill(*args, cwd=elsewhere)
        assert done.returncode == 0, f"{path.name}: {done.stderr[-3000:]}"
        assert "Passed unknown parameter" not in done.stderr and "Unable to parse" not in done.stderr, (
            path.name
        )
        cells = json.loads((elsewhere / f"{path.stem}.ipynb").read_text(encoding="utf-8"))["cells"]
        outputs = json.dumps([c.get("outputs", []) for c in cells], ensure_ascii=False)
        for machine_path in (str(ROOT), str(tmp_path), str(Path.home())):
            assert machine_path not in outputs, f"{path.name} shows a path of this machine: {machine_path}"
    framing = _values(reports, "2.0-framing")
    assert framing["kwic_rows"] == sum(h["security"] for h in framing["hits"].values())  # from the -f file
    assert set(_values(reports, "4.0-validation")) == {"frames", "sentiment"}  # kinds from the -f file
    assert (reports / "figures" / "2.0-framing" / "frame-heatmap.svg").is_file()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-p", "artcles", "x"], "ParameterError: unknown parameter(s) artcles; this notebook declares"),
        (["-p", "top_n", "many"], "ParameterError: parameter 'top_n' expects int, got str 'many'"),
        (
            ["-y", "articles: 7"],
            "ParameterError: parameter 'articles' expects Optional[list[str]], got int 7",
        ),
        (
            ["-f", str(ROOT / "notebooks" / "params" / "2.1-sentiment.yaml")],
            "unknown parameter(s) arc_bins, min_articles, min_n",
        ),
    ],
    ids=["misspelled", "wrong-type", "wrong-type-yaml", "another-notebooks-file"],
)
def test_papermill_bad_parameters_fail_the_run_naming_them(seeds_processed, tmp_path, args, message):
    notebook = ROOT / "notebooks" / "1.0-corpus.ipynb"
    done = _papermill(
        str(notebook), "out.ipynb", "-p", "processed_dir", str(seeds_processed), *args, cwd=tmp_path
    )
    assert done.returncode != 0
    assert message in done.stderr, done.stderr[-3000:]


def test_a_parameter_error_is_a_usage_error():
    from tiktok_study.errors import UsageError

    assert issubclass(ParameterError, UsageError)


# --- 500 articles: figures and reports that still read ------------------------------------------------------


def _bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def synthetic_corpus(n: int, folder: Path) -> Path:
    """``n`` synthetic articles (benchmarks/bench.py's generator over the seed paragraphs: ten outlets, dates over
    six years) as one JSONL export in ``folder``."""
    bench = _bench()
    pool = bench._pool(FIXTURES / "seeds")
    folder.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    with open(folder / "part-00000.jsonl", "w", encoding="utf-8") as handle:
        for index in range(n):
            attempt, article = 0, bench.synthetic_article(index, pool, seed=8)
            while bench._text_key(article["text"]) in seen:
                attempt += 1
                article = bench.synthetic_article(index, pool, seed=8, attempt=attempt)
            seen.add(bench._text_key(article["text"]))
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    return folder


@pytest.mark.slow
def test_reports_at_500_articles_have_bounded_figures_and_html(tmp_path):
    from PIL import Image

    processed = tmp_path / "processed"
    normalize_folder(synthetic_corpus(500, tmp_path / "raw"), processed)
    analyze_folder(processed)
    reports = tmp_path / "reports"
    result = render(
        notebooks=["1.0-corpus", "2.0-framing", "2.1-sentiment", "2.2-statistics-and-quotes"],
        processed=processed,
        out=reports,
        jobs=2,
    )
    assert result.ok, str(result)
    heights = {p.relative_to(reports).as_posix(): Image.open(p).size[1] for p in reports.rglob("*.png")}
    assert len(heights) >= 12
    assert max(heights.values()) <= 2000, heights
    sizes = {p.name: p.stat().st_size for p in reports.glob("*.html")}
    assert len(sizes) == 4 and max(sizes.values()) < 2_000_000, sizes
    framing = _values(reports, "2.0-framing")
    outlets = {row["group"] for row in framing["by_outlet"]["table"]}
    assert len(outlets) == 10 and framing["by_outlet"]["statement"].startswith("10 outlets with 5 or more")
    assert framing["over_time"]["by"] in {"month", "quarter", "year"}
    tone = _values(reports, "2.1-sentiment")
    assert all(r["low"] <= r["mean"] <= r["high"] for r in tone["by_outlet"]["table"])
