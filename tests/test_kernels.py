"""Warm kernels: many runs of one notebook in one kernel give the same outputs as one fresh kernel per run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tiktok_study import config, resources
from tiktok_study.analyze import analyze_folder
from tiktok_study.manifest import relativize_notebook
from tiktok_study.normalize import normalize_folder
from tiktok_study.render import render, report_stem

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"


@pytest.fixture(scope="module")
def processed(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fixture-processed")
    normalize_folder(FIXTURE_CORPUS, out)
    analyze_folder(out)
    return out


def _cells(path: Path) -> list[tuple]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [(c["cell_type"], c["source"], c.get("execution_count"), c.get("outputs")) for c in nb["cells"]]


def _text(outputs: list[dict], *, name: str | None = None) -> str:
    parts = [o.get("text", "") for o in outputs if name is None or o.get("name") == name]
    return "".join("".join(p) if isinstance(p, list) else p for p in parts)


def _separate_run(source: Path, output: Path, parameters: dict) -> None:
    """One papermill run in a kernel of its own, as `papermill` on the command line does it."""
    import papermill as pm

    pm.execute_notebook(
        str(source), str(output), parameters=parameters, kernel_name=resources.KERNEL_NAME,
        progress_bar=False, cwd=str(config.project_root()),
    )  # fmt: skip
    relativize_notebook(output)


def test_article_reports_in_one_warm_kernel_equal_separate_runs(processed, tmp_path):
    out = tmp_path / "warm"
    result = render(notebooks=["3.0-article-report"], processed=processed, out=out, articles=["all"])
    assert result.ok, str(result)
    runs = [r for r in result.runs if r.status == "ok"]
    assert len(runs) == 2  # both reports ran in the same kernel, one after the other
    for run in runs:
        baseline = tmp_path / "separate" / run.output.name
        baseline.parent.mkdir(exist_ok=True)
        _separate_run(run.source, baseline, run.parameters)
        warm, fresh = _cells(run.output), _cells(baseline)
        assert len(warm) == len(fresh)
        for k, (a, b) in enumerate(zip(warm, fresh, strict=True)):
            assert a == b, f"{run.notebook}: cell {k} differs between the warm kernel and a fresh one"
        assert any(o for _, _, _, o in warm), "the reports have outputs"
        assert run.output.stem == report_stem(run.parameters["article_id"])


def test_namespace_options_and_figures_do_not_leak_between_runs(processed, tmp_path, make_notebook):
    """A run that leaves a variable, a pandas option, an rc setting and an open figure behind: the next run of
    the same notebook (same kernel) sees none of them, and its execution counts start at 1."""
    folder = tmp_path / "notebooks"
    make_notebook(
        folder / "1.0-leaky.ipynb",
        "article_id: str | None = None  # the article\nprocessed_dir: str | None = None  # tables",
        "import os\n"
        "import warnings\n"
        "import matplotlib.pyplot as plt\n"
        "import pandas as pd\n"
        "seen = {'leftover': 'leftover' in globals(), 'colwidth': pd.get_option('display.max_colwidth'),\n"
        "        'lw': plt.rcParams['lines.linewidth'], 'figures': len(plt.get_fignums())}\n"
        "warnings.warn('once per location')\n"
        "print(seen, os.getpid())",
        "leftover = article_id\npd.set_option('display.max_colwidth', 7)\nplt.rcParams['lines.linewidth'] = 9\n"
        "fig = plt.figure()",
        options={"per_article": "article_id"},
    )
    result = render(notebooks_dir=folder, out=tmp_path / "reports", processed=processed, articles=["all"])
    assert result.ok, str(result)
    first, second = (_cells(r.output) for r in result.runs)
    printed = [_text(cells[2][3], name="stdout") for cells in (first, second)]
    assert printed[0].split()[-1] == printed[1].split()[-1], "both runs in one kernel (same process id)"
    assert "'leftover': False" in printed[1] and "'figures': 0" in printed[1]
    assert "'colwidth': 50" in printed[1] and "'lw': 1.5" in printed[1]
    assert printed[0].rsplit(" ", 1)[0] == printed[1].rsplit(" ", 1)[0]
    assert "once per location" in _text(second[2][3], name="stderr")
    assert [c[2] for c in second if c[0] == "code"] == [1, 2, 3, 4]
    assert [c[1:] for c in first[3:]] == [c[1:] for c in second[3:]]


def test_a_run_that_kills_its_kernel_fails_alone(processed, tmp_path, make_notebook):
    """The next run of the same notebook gets a new kernel; the dead one is reported, not reused."""
    folder = tmp_path / "notebooks"
    make_notebook(
        folder / "1.0-fragile.ipynb",
        "article_id: str | None = None  # the article\nprocessed_dir: str | None = None  # tables",
        "import os\nif article_id == 'harbor-review':\n    os._exit(1)\nprint('alive', article_id)",
        options={"per_article": "article_id"},
    )
    result = render(notebooks_dir=folder, out=tmp_path / "reports", processed=processed, articles=["all"])
    assert [(r.parameters["article_id"], r.status) for r in result.runs] == [
        ("harbor-review", "failed"),
        ("metro-wire", "ok"),
    ]
    assert "DeadKernelError" in result.runs[0].error
    assert "alive metro-wire" in _text(_cells(result.runs[1].output)[2][3])
