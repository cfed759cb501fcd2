"""The notebooks as a person runs them: JupyterLab in a browser, "Run All" twice in the same kernel, then once
more after a value is changed in the parameters cell.

A copy of the project (pyproject, notebooks, the gold set, the seeds' processed tables in ``data/processed``) is
served by ``jupyter lab``; headless Chromium (Playwright) opens each notebook — the kernel starts in ``notebooks/``
as it does for a user — checks that it runs on the project's ``tiktok-study`` kernel, runs every cell, then runs
every cell again in the same kernel, changes ``figure_format`` in the parameters cell and runs every cell a third
time, and fails on any error output.

Run it directly for a report (``python tests/test_jupyterlab.py``) or through pytest; it is skipped when
Chromium (``/usr/bin/chromium``) or Playwright is not installed.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
KERNEL = "tiktok-study"

# Runs in the page: open state of the notebook panel, run all cells, collect errors (JupyterLab 4 API).
RUN_ALL_JS = """
async () => {
  const app = window.jupyterapp;
  const panel = app.shell.currentWidget;
  await panel.context.ready;
  await panel.sessionContext.ready;
  const ok = await app.commands.execute('notebook:run-all-cells');
  const errors = [];
  let unexecuted = 0;
  for (const cell of panel.content.model.cells) {
    if (cell.type !== 'code') continue;
    if (cell.executionCount === null) unexecuted += 1;
    for (const out of cell.outputs.toJSON()) {
      if (out.output_type === 'error') errors.push(`${out.ename}: ${out.evalue}`);
    }
  }
  return {ok, errors, unexecuted, kernel: panel.sessionContext.session.kernel.name};
}
"""


# Runs in the page: change a value in the parameters cell, as a person would before running again.
EDIT_PARAMETERS_JS = """
([before, after]) => {
  const panel = window.jupyterapp.shell.currentWidget;
  for (const cell of panel.content.model.cells) {
    if ((cell.getMetadata('tags') || []).includes('parameters')) {
      const source = cell.sharedModel.getSource();
      if (!source.includes(before)) return false;
      cell.sharedModel.setSource(source.replace(before, after));
      return true;
    }
  }
  return false;
}
"""
EDIT = ('figure_format: str = "png"', 'figure_format: str = "svg"')
# the coding notebook has no figures: open the second item instead of the first one not coded yet
EDITS = {"5.0-coding.ipynb": ("start: Optional[int] = None", "start: Optional[int] = 2")}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_project(folder: Path) -> Path:
    """A copy of the project with the seeds normalized and analyzed into its data/processed."""
    from tiktok_study.analyze import analyze_folder
    from tiktok_study.normalize import normalize_folder
    from tiktok_study.sample import sample_to_code

    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "pyproject.toml", folder / "pyproject.toml")
    shutil.copytree(
        ROOT / "notebooks", folder / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints")
    )
    shutil.copytree(ROOT / "data" / "gold", folder / "data" / "gold")
    processed = folder / "data" / "processed"
    normalize_folder(SEEDS, processed)
    analyze_folder(processed)
    # the coding notebook codes a sample drawn with `tiktok-study sample` (its default sheet path)
    sample_to_code(processed, out=folder / "reports" / "coding", n=3, unit="article", seed=1)
    return folder


class JupyterLab:
    """``jupyter lab`` serving ``root`` on a free local port with a random token; stopped on exit."""

    def __init__(self, root: Path) -> None:
        self.root, self.port, self.token = root, _free_port(), secrets.token_hex(16)
        self.process: subprocess.Popen | None = None
        self.log = root / "jupyterlab.log"

    def __enter__(self) -> JupyterLab:
        env = {
            **os.environ,
            "JUPYTER_CONFIG_DIR": str(self.root / ".jupyter" / "config"),
            "JUPYTER_RUNTIME_DIR": str(self.root / ".jupyter" / "runtime"),
        }
        env.pop("TIKTOK_STUDY_ROOT", None)  # the project root is found from the kernel's working directory
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={self.port}",
                    "--ip=127.0.0.1", f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}",
                    "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=", "--LabApp.extension_manager=readonly",
                    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", "--allow-root",
                ],
                cwd=self.root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/api/status?token={self.token}", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"jupyter lab did not start: {self.log.read_text(errors='replace')[-2000:]}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # the server and the kernels it started
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def run_in_lab(
    project: Path, notebooks: list[str], *, runs: int = 2, edit: bool = True
) -> dict[str, list[dict]]:
    """Open each notebook in JupyterLab and run all its cells ``runs`` times in one kernel, then (``edit``) once
    more after changing ``figure_format`` in its parameters cell; the results of every run."""
    from playwright.sync_api import sync_playwright

    results: dict[str, list[dict]] = {}
    with JupyterLab(project) as lab, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            for name in notebooks:
                page.goto(f"{lab.url}/lab/tree/notebooks/{name}?token={lab.token}", timeout=120_000)
                page.wait_for_function(
                    "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                    " && window.jupyterapp.shell.currentWidget.sessionContext"
                    " && window.jupyterapp.shell.currentWidget.sessionContext.session"
                    " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel",
                    timeout=120_000,
                )
                results[name] = [page.evaluate(RUN_ALL_JS) for _ in range(runs)]
                if edit:
                    edit = EDITS.get(name, EDIT)
                    assert page.evaluate(EDIT_PARAMETERS_JS, list(edit)), f"{name}: no {edit[0]} to edit"
                    results[name].append(page.evaluate(RUN_ALL_JS))
                page.evaluate(
                    "async () => { const p = window.jupyterapp.shell.currentWidget;"
                    " await p.sessionContext.shutdown(); }"
                )
        finally:
            browser.close()
    return results


NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.slow
@pytest.mark.skipif(
    not CHROMIUM.is_file(), reason="needs Chromium at /usr/bin/chromium (apt install chromium)"
)
def test_every_notebook_runs_twice_in_jupyterlab(tmp_path):
    pytest.importorskip("playwright.sync_api", reason="needs Playwright (the dev extra)")
    from tiktok_study import resources

    if resources.kernel_status() is None:
        pytest.fail(f"the {KERNEL!r} kernel is not registered: run `tiktok-study setup`")
    project = make_project(tmp_path / "project")
    results = run_in_lab(project, NOTEBOOKS)
    assert sorted(results) == NOTEBOOKS
    assert all(len(runs) == 3 for runs in results.values())
    for name, runs in results.items():
        for number, run in enumerate(runs, start=1):
            assert run["kernel"] == KERNEL, (name, number, run)
            assert run["errors"] == [], (name, number, run["errors"])
            assert run["ok"] is True and run["unexecuted"] == 0, (name, number, run)
    # the notebooks wrote their values into the copy's reports/, found from notebooks/ as working directory
    values = json.loads((project / "reports" / "values" / "1.0-corpus.json").read_text(encoding="utf-8"))
    assert values["n_articles"] == 3
    figures = project / "reports" / "figures"
    assert (figures / "2.0-framing" / "frame-heatmap.svg").is_file()  # the edited parameter took effect


if __name__ == "__main__":  # a report for a person: python tests/test_jupyterlab.py [NOTEBOOK ...]
    import tempfile

    with tempfile.TemporaryDirectory(prefix="tiktok-study-lab-") as tmp:
        started = time.perf_counter()
        outcome = run_in_lab(make_project(Path(tmp) / "project"), sys.argv[1:] or NOTEBOOKS)
        for name, runs in outcome.items():
            for number, run in enumerate(runs, start=1):
                status = "ok" if run["ok"] and not run["errors"] and not run["unexecuted"] else "FAILED"
                print(
                    f"{status:6} {name} run {number} on kernel {run['kernel']}: {run['errors'] or 'no errors'}"
                )
        print(f"{time.perf_counter() - started:.0f} s")
