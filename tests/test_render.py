"""Rendering with papermill: typed parameters, failures, the manifest, deterministic outputs.

These tests execute small notebooks of their own in a kernel (a few seconds each); the project's real notebooks
are executed in test_notebooks.py.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tiktok_study.errors import UsageError
from tiktok_study.render import plan, render

from .conftest import SEEDS

pytestmark = pytest.mark.slow

PARAMS = 'label: str = "x"  # a label\ncount: int = 2  # how many\nreports_dir: str | None = None  # reports'
CHECK = "import tiktok_study as ts\nparams = ts.notebook.check_parameters(globals())"
RECORD = (
    "ts.notebook.record({'label': label, 'double': count * 2, 'type': type(label).__name__}, "
    "notebook='demo', reports_dir=reports_dir)\nprint(label * count)"
)


@pytest.fixture
def notebooks(tmp_path, make_notebook):
    folder = tmp_path / "notebooks"
    make_notebook(folder / "1.0-demo.ipynb", PARAMS, CHECK, RECORD)
    make_notebook(folder / "9.0-broken.ipynb", "reports_dir: str | None = None  # reports", "x = 1", "1 / 0")
    return folder


def test_plan_types_parameters_from_the_notebook_annotations(notebooks, tmp_path):
    runs = plan(
        notebooks=["1.0-demo"], parameters=[("label", "2021"), ("count", "3")], notebooks_dir=notebooks,
        out=tmp_path / "reports",
    )  # fmt: skip
    assert [r.notebook for r in runs] == ["1.0-demo"]
    assert runs[0].parameters == {"label": "2021", "count": 3, "reports_dir": str(tmp_path / "reports")}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"notebooks": ["nope"]}, "unknown notebook\\(s\\) nope; known: 1.0-demo, 9.0-broken"),
        ({"parameters": [("lable", "a")]}, "unknown parameter 'lable'; the selected notebooks declare"),
        ({"parameters": [("count", "many")]}, "parameter 'count' expects int, got 'many'"),
    ],
)
def test_plan_rejects_bad_input_before_running(notebooks, kwargs, message):
    with pytest.raises(UsageError, match=message):
        plan(notebooks_dir=notebooks, **kwargs)


def test_render_runs_records_and_reports_a_failing_cell(notebooks, tmp_path):
    out = tmp_path / "reports"
    result = render(parameters=[("label", "2021")], notebooks_dir=notebooks, out=out, jobs=2, raw=SEEDS)
    status = {r.notebook: r.status for r in result.runs}
    assert status == {"1.0-demo": "ok", "9.0-broken": "failed"}
    assert not result.ok
    values = json.loads((out / "values" / "demo.json").read_text())
    assert values == {"label": "2021", "double": 4, "type": "str"}
    broken = next(r for r in result.runs if r.notebook == "9.0-broken")
    assert "notebook 9.0-broken: cell 3 (counting from 1 in 9.0-broken.ipynb)" in broken.error
    assert "ZeroDivisionError" in broken.error
    assert (out / "9.0-broken.ipynb").is_file()  # the partial output is kept
    assert (out / "1.0-demo.html").read_text().count("20212021") >= 1
    manifest = json.loads((out / "manifest.json").read_text())
    assert [n["status"] for n in manifest["notebooks"]] == ["ok", "failed"]
    assert manifest["notebooks"][0]["parameters"]["label"] == "2021"
    assert set(manifest["nltk_resources"]) >= {"sentiment/vader_lexicon.zip"}
    assert manifest["packages"]["papermill"]
    assert len(manifest["raw"]) == 3


def test_rendering_twice_gives_identical_cell_outputs(notebooks, tmp_path):
    outputs = []
    out = tmp_path / "reports"
    for _ in (1, 2):
        render(notebooks=["1.0-demo"], notebooks_dir=notebooks, out=out)
        nb = json.loads((out / "1.0-demo.ipynb").read_text())
        outputs.append([(c["source"], c.get("outputs")) for c in nb["cells"]])
    assert outputs[0] == outputs[1]


def test_cli_exit_codes(notebooks, tmp_path):
    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "tiktok_study", "render", "--notebooks-dir", str(notebooks),
             "--out", str(tmp_path / "cli"), *args],
            capture_output=True, text=True,
        )  # fmt: skip

    wrong_type = run("--notebook", "1.0-demo", "-p", "count", "many")
    assert wrong_type.returncode == 2
    assert wrong_type.stderr.strip().splitlines() == [
        "tiktok-study render: error: parameter 'count' expects int, got 'many'"
    ]
    misspelled = run("-p", "lable", "a")
    assert misspelled.returncode == 2
    assert "unknown parameter 'lable'" in misspelled.stderr
    failing = run("--notebook", "9.0-broken")
    assert failing.returncode == 1
    assert "cell 3" in failing.stdout and "ZeroDivisionError" in failing.stdout


def test_plan_reads_a_yaml_parameter_file_flat_and_per_notebook(notebooks, tmp_path):
    params = tmp_path / "params.yaml"
    params.write_text('label: "2021"\n1.0-demo:\n  count: 5\n9.0-broken: {}\n', encoding="utf-8")
    runs = {r.notebook: r for r in plan(parameters_file=params, notebooks_dir=notebooks, out=tmp_path / "r")}
    assert runs["1.0-demo"].parameters == {"label": "2021", "count": 5, "reports_dir": str(tmp_path / "r")}
    assert runs["9.0-broken"].parameters == {"reports_dir": str(tmp_path / "r")}
    params.write_text("1.0-demo:\n  count: many\n", encoding="utf-8")
    with pytest.raises(UsageError, match="parameter 'count' expects int, got str 'many'"):
        plan(parameters_file=params, notebooks_dir=notebooks)
    params.write_text("1.0-demo:\n  cuont: 1\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"unknown parameter 'cuont' for notebook 1\.0-demo"):
        plan(parameters_file=params, notebooks_dir=notebooks)
