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
    assert "zmq" not in failing.stderr and "Executing" not in failing.stderr  # no warnings, no cell bars


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


# --- report names, checks before any kernel, previews, article reports on request -------------------------------

FORMAT_PARAMS = 'figure_format: str = "png"  # png, svg or pdf\nreports_dir: str | None = None  # reports'


@pytest.fixture
def no_kernel(monkeypatch):
    """Make any kernel start fail the test: the checks under test must come first."""
    from tiktok_study import kernels

    def refuse(self, **kwargs):
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(kernels.WarmKernel, "start", refuse)


@pytest.mark.parametrize(
    "ids",
    [
        ["report.v1", "report.v2", "report.v1.txt", "report.v2.txt"],
        ["Report", "report", "REPORT"],  # one file each on a case-insensitive file system too
        ["a/b", "a\\b", "a:b", "a*b", "a?b", 'a"b', "a<b", "a|b", "a b", "a_b"],
        ["con", "CON", "nul.txt", "lpt1", ".hidden", "trailing.", "-dash"],
        ["x" * 300, "x" * 300 + "y", "é", "e\u0301", "\u0000", "日本語"],
    ],
)
def test_report_stems_are_unique_and_safe(ids):
    from tiktok_study.render import report_stem

    stems = [report_stem(i) for i in ids]
    assert len({s.casefold() for s in stems}) == len(ids)
    for stem in stems:
        assert 0 < len(stem) <= 111
        assert all(c.isascii() and (c.isalnum() or c in "._-") for c in stem), stem
        assert not stem.startswith(".") and not stem.endswith((".", " "))


def test_article_reports_of_dotted_ids_do_not_collide(tmp_path, make_notebook, monkeypatch):
    from tiktok_study import render as render_module

    folder = tmp_path / "notebooks"
    make_notebook(
        folder / "3.0-report.ipynb",
        "article_id: str | None = None  # id",
        options={"per_article": "article_id"},
    )
    monkeypatch.setattr(
        render_module, "_known_articles", lambda processed: ["report.v1.txt", "report.v2.txt"]
    )
    runs = plan(notebooks_dir=folder, out=tmp_path / "r")
    assert [r.html.name for r in runs] == ["report.v1.txt.html", "report.v2.txt.html"]
    assert [r.parameters["article_id"] for r in runs] == ["report.v1.txt", "report.v2.txt"]


def test_article_reports_by_default_only_for_small_corpora(tmp_path, make_notebook, monkeypatch):
    from tiktok_study import render as render_module

    folder = tmp_path / "notebooks"
    make_notebook(
        folder / "3.0-report.ipynb",
        "article_id: str | None = None  # id",
        options={"per_article": "article_id"},
    )
    ids = [f"a{i:02d}" for i in range(21)]
    monkeypatch.setattr(render_module, "_known_articles", lambda processed: ids)
    (skipped,) = plan(notebooks_dir=folder)
    assert skipped.status == "skipped"
    assert "21 articles" in skipped.error and "--articles" in skipped.error
    assert len(plan(notebooks_dir=folder, article_reports_max=21)) == 21
    assert [r.parameters["article_id"] for r in plan(notebooks_dir=folder, articles=["a03", "a01"])] == [
        "a03",
        "a01",
    ]
    assert len(plan(notebooks_dir=folder, articles=["all"])) == 21
    with pytest.raises(UsageError, match="unknown article id"):
        plan(notebooks_dir=folder, articles=["a99"])


def test_unknown_article_id_message_is_short_in_a_large_corpus(tmp_path, make_notebook, monkeypatch):
    from tiktok_study import render as render_module

    folder = tmp_path / "notebooks"
    make_notebook(
        folder / "3.0-report.ipynb",
        "article_id: str | None = None  # id",
        options={"per_article": "article_id"},
    )
    ids = [f"article-{i:05d}" for i in range(10_000)]
    monkeypatch.setattr(render_module, "_known_articles", lambda processed: ids)
    with pytest.raises(UsageError) as info:
        plan(notebooks_dir=folder, parameters=[("article_id", "nope")])
    message = str(info.value)
    assert message.startswith("unknown article id(s) nope; known ids: article-00000, ")
    assert message.endswith("and 9,995 more (10,000 in all)")
    assert len(message) < 200


def test_bad_choice_and_type_fail_before_any_kernel_starts(tmp_path, make_notebook, no_kernel):
    folder = tmp_path / "notebooks"
    make_notebook(folder / "1.0-fig.ipynb", FORMAT_PARAMS)
    with pytest.raises(
        UsageError, match=r"parameter 'figure_format' of 1\.0-fig must be one of png, svg, pdf; got gif"
    ):
        render(notebooks_dir=folder, out=tmp_path / "r", parameters=[("figure_format", "gif")])
    assert not (tmp_path / "r").exists()


def test_a_huge_parameter_value_is_not_echoed_whole(notebooks, tmp_path, capsys, no_kernel):
    from tiktok_study.cli import main

    huge = "9" * 500_000 + "x" * 500_000  # in-process: one argument of 1 MB is over Linux's 128 KB limit
    args = ["render", "--notebooks-dir", str(notebooks), "--out", str(tmp_path / "r")]
    assert main([*args, "-p", "count", huge]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("tiktok-study render: error: parameter 'count' expects int, got '9999")
    assert "1,000,000 characters" in line and len(line) < 300
    assert main([*args, "-p", huge, "1"]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("tiktok-study render: error: unknown parameter '9999") and len(line) < 400


def test_outputs_record_paths_relative_to_the_project_root(tmp_path, make_notebook, monkeypatch):
    monkeypatch.setenv("TIKTOK_STUDY_ROOT", str(tmp_path))
    folder = tmp_path / "notebooks"
    make_notebook(
        folder / "1.0-paths.ipynb", FORMAT_PARAMS, "import os\nprint(os.path.abspath(reports_dir))",
    )  # fmt: skip
    result = render(notebooks_dir=folder, out=tmp_path / "reports", raw=tmp_path / "raw")
    assert result.ok, str(result)
    manifest = json.loads((tmp_path / "reports" / "manifest.json").read_text())
    (run,) = manifest["notebooks"]
    assert run["parameters"]["reports_dir"] == "reports"
    assert (run["source"], run["output"], run["html"]) == (
        "notebooks/1.0-paths.ipynb", "reports/1.0-paths.ipynb", "reports/1.0-paths.html",
    )  # fmt: skip
    for path in (tmp_path / "reports" / "manifest.json", tmp_path / "reports" / "1.0-paths.ipynb",
                 tmp_path / "reports" / "1.0-paths.html"):  # fmt: skip
        assert str(tmp_path) not in path.read_text(encoding="utf-8"), path.name
    printed = json.loads((tmp_path / "reports" / "1.0-paths.ipynb").read_text())["cells"][-1]["outputs"][0][
        "text"
    ]
    assert "".join(printed).strip() == "reports"


def test_html_hides_code_by_default_and_opens_with_contents(tmp_path, make_notebook):
    import nbformat

    folder = tmp_path / "notebooks"
    path = make_notebook(
        folder / "1.0-doc.ipynb", FORMAT_PARAMS, "secret_code_marker = 41\nprint(secret_code_marker + 1)"
    )
    nb = nbformat.read(path, as_version=4)
    nb.cells[1:1] = [
        nbformat.v4.new_markdown_cell("# Corpus overview"),
        nbformat.v4.new_markdown_cell("## Tone"),
    ]
    nbformat.write(nb, path)
    render(notebooks_dir=folder, out=tmp_path / "hidden")
    hidden = (tmp_path / "hidden" / "1.0-doc.html").read_text(encoding="utf-8")
    assert "secret_code_marker" not in hidden and "42" in hidden
    assert (
        '<nav class="tiktok-study-contents"' in hidden
        and 'href="#Corpus-overview">Corpus overview</a>' in hidden
    )
    render(notebooks_dir=folder, out=tmp_path / "shown", hide_code=False)
    assert "secret_code_marker" in (tmp_path / "shown" / "1.0-doc.html").read_text(encoding="utf-8")


def test_ctrl_c_stops_kills_the_kernel_and_writes_the_manifest(tmp_path, make_notebook):
    import os
    import signal
    import time

    folder = tmp_path / "notebooks"
    pid_file = tmp_path / "kernel.pid"
    make_notebook(folder / "1.0-quick.ipynb", FORMAT_PARAMS, "print('done')")
    make_notebook(
        folder / "2.0-slow.ipynb", FORMAT_PARAMS,
        f"import os, pathlib, time\npathlib.Path({str(pid_file)!r}).write_text(str(os.getpid()))\ntime.sleep(120)",
    )  # fmt: skip
    make_notebook(folder / "3.0-never.ipynb", FORMAT_PARAMS, "print('never')")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tiktok_study", "render", "--notebooks-dir", str(folder), "--out", str(tmp_path / "r")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as from a terminal (not inherited)
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not pid_file.exists() or not pid_file.read_text():
        assert time.monotonic() < deadline and proc.poll() is None, "the slow notebook never started"
        time.sleep(0.2)
    kernel_pid = int(pid_file.read_text())
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert lines[-1].startswith(
        "tiktok-study render: interrupted: 1 of 3 notebook runs done; kernels stopped; manifest:"
    )
    manifest = json.loads((tmp_path / "r" / "manifest.json").read_text())
    assert [n["status"] for n in manifest["notebooks"]] == ["ok", "interrupted", "skipped"]
    assert manifest["interrupted"] is True
    time.sleep(1)
    with pytest.raises(ProcessLookupError):
        os.kill(kernel_pid, 0)


def test_a_failing_html_conversion_fails_its_run_only(notebooks, tmp_path, monkeypatch):
    """The HTML is written on a thread of its own: an error there still reaches the run's record and the manifest."""
    import tiktok_study.report_html as report_html

    real = report_html.write_html

    def write_html(notebook, target, *, hide_code=True):
        if notebook.stem == "1.0-demo":
            raise ValueError("no room for HTML")
        real(notebook, target, hide_code=hide_code)

    monkeypatch.setattr(report_html, "write_html", write_html)
    out = tmp_path / "reports"
    result = render(notebooks_dir=notebooks, out=out)
    demo, broken = result.runs
    assert (
        demo.status == "failed" and "writing" in demo.error and "ValueError: 'no room for HTML'" in demo.error
    )
    assert (out / "1.0-demo.ipynb").is_file() and not (out / "1.0-demo.html").exists()
    assert broken.status == "failed" and "ZeroDivisionError" in broken.error
    assert (out / "9.0-broken.html").is_file()  # its HTML was written (after the failing one's)
    manifest = json.loads((out / "manifest.json").read_text())
    assert [n["status"] for n in manifest["notebooks"]] == ["failed", "failed"]


def test_a_warm_run_writes_its_notebook_at_start_and_end_only(tmp_path, make_notebook, monkeypatch):
    """papermill writes the notebook before and after every cell; a warm-kernel run only when it starts and ends
    (and every 30 s of a long cell), and the notebook written is complete."""
    import papermill.engines

    writes: list[str] = []
    real = papermill.engines.write_ipynb

    def counting(nb, path, **kwargs):
        writes.append(str(path))
        return real(nb, path, **kwargs)

    monkeypatch.setattr(papermill.engines, "write_ipynb", counting)
    folder = tmp_path / "notebooks"
    make_notebook(folder / "1.0-cells.ipynb", FORMAT_PARAMS, *(f"print({k} * 7)" for k in range(6)))
    out = tmp_path / "reports"
    result = render(notebooks_dir=folder, out=out)
    assert result.ok, str(result)
    assert (
        writes == [str(out / "1.0-cells.ipynb")] * 2
    )  # notebook_start and notebook_complete, not 2 per cell
    cells = json.loads((out / "1.0-cells.ipynb").read_text())["cells"]
    printed = ["".join(o["text"]) for c in cells for o in c.get("outputs", []) if o.get("name") == "stdout"]
    assert printed == [f"{k * 7}\n" for k in range(6)]
    assert all(c["metadata"]["papermill"]["status"] == "completed" for c in cells)
