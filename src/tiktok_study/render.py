"""Batch rendering: papermill executes the notebooks into ``reports/``, nbconvert writes HTML, a manifest records
everything needed to re-run and check the result.

Rules a notebook opts into through its metadata (``metadata.tiktok_study``):

- ``"per_article": "article_id"`` — rendered once per article into ``reports/articles/<name>.ipynb`` / ``.html``
  (``<name>`` from :func:`report_stem`: unique per id, safe on every file system). Which articles: the id given
  with ``-p article_id``, else the ids of ``articles=`` (``--articles``; ``["all"]`` for every article), else
  every article of a corpus of at most :data:`ARTICLE_REPORTS_MAX` articles; a larger corpus gets none unless
  asked (the run is listed as skipped, with how to ask).
- ``"needs": "gold"`` — rendered only when the named path parameter (or its default) points to something that
  exists; otherwise reported as ``skipped`` with the reason.

Every notebook may declare ``processed_dir`` and ``reports_dir``; render hands them the folders of the run,
relative to the project root when they lie under it (the kernels run in the project root). Every parameter is
checked before any kernel starts: its type (the notebook's annotation), and for the parameters of
:data:`CHOICES` its value. Runs of one notebook share a warm kernel (:mod:`tiktok_study.kernels`).

Example:
    >>> report_stem("000_84ecfe4f6f97db33")
    '000_84ecfe4f6f97db33'
    >>> report_stem("report.v1.txt") != report_stem("report.v2.txt")
    True
    >>> report_stem("Report").lower() != report_stem("report").lower()
    True
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from tiktok_study import config, resources, safeyaml
from tiktok_study.errors import UsageError
from tiktok_study.manifest import project_relative, relativize_notebook, write_manifest
from tiktok_study.params import Parameter, declared
from tiktok_study.render_checks import (
    CHOICES,
    check_choices,
    check_ids,
    preview,
    preview_list,
    report_stem,
    typed_value,
)

__all__ = [
    "ARTICLE_REPORTS_MAX",
    "CHOICES",
    "NotebookRun",
    "RenderInterrupted",
    "RenderResult",
    "discover",
    "plan",
    "render",
    "report_stem",
    "write_manifest",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

#: Article reports are rendered for every article by default only up to this corpus size.
ARTICLE_REPORTS_MAX = 20


@dataclass
class NotebookRun:
    """One notebook execution: what ran, with which parameters, and how it ended."""

    notebook: str
    source: Path
    output: Path
    html: Path
    parameters: dict[str, Any]
    status: str = "pending"  # ok | failed | skipped | interrupted
    duration_s: float | None = None
    error: str | None = None

    def as_dict(self, root: Path) -> dict[str, Any]:
        return {
            "notebook": self.notebook,
            "source": project_relative(self.source, root=root),
            "output": project_relative(self.output, root=root),
            "html": project_relative(self.html, root=root),
            "parameters": self.parameters,
            "status": self.status,
            "duration_s": None if self.duration_s is None else round(self.duration_s, 2),
            "error": self.error,
        }


@dataclass
class RenderResult:
    """What ``render`` did; ``ok`` is False when a notebook failed."""

    runs: list[NotebookRun]
    manifest: Path
    out: Path = field(default_factory=Path)

    @property
    def ok(self) -> bool:
        return all(r.status not in ("failed", "interrupted") for r in self.runs)

    def __str__(self) -> str:
        root = config.project_root()
        lines = []
        for r in self.runs:
            took = f" in {r.duration_s:.1f} s" if r.duration_s is not None else ""
            line = f"{r.status:7} {r.notebook}{took} -> {project_relative(r.html, root=root)}"
            if r.error:
                line += f"\n        {r.error}"
            lines.append(line)
        ok = sum(r.status == "ok" for r in self.runs)
        lines.append(
            f"rendered {ok} of {len(self.runs)} notebook runs; manifest: {project_relative(self.manifest, root=root)}"
        )
        return "\n".join(lines)


class RenderInterrupted(KeyboardInterrupt):
    """Ctrl-C during ``render``: the kernels were stopped and the manifest written for the runs done."""

    def __init__(self, result: RenderResult) -> None:
        super().__init__("interrupted")
        self.result = result

    def __str__(self) -> str:
        done = sum(r.status == "ok" for r in self.result.runs)
        return (
            f"interrupted: {done} of {len(self.result.runs)} notebook runs done; kernels stopped; manifest: "
            f"{project_relative(self.result.manifest)}"
        )


def discover(folder: Path | None = None) -> dict[str, Path]:
    """The notebooks of ``folder`` (default ``notebooks/``) by name (file stem), in name order."""
    folder = folder or config.notebooks_dir()
    return {p.stem: p for p in sorted(folder.glob("*.ipynb")) if not p.name.startswith(".")}


def _options(path: Path) -> dict[str, Any]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return nb.get("metadata", {}).get("tiktok_study", {})


def _load_parameter_file(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    if not path.is_file():
        raise UsageError(f"parameters file {path} does not exist")
    try:
        data = safeyaml.load(path.read_text(encoding="utf-8"), source="") or {}
    except (yaml.YAMLError, safeyaml.YAMLRefused) as exc:
        raise UsageError(f"parameters file {path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise UsageError(f"parameters file {path} must hold a mapping of parameter names to values")
    return data


def _known_articles(processed: Path) -> list[str]:
    from tiktok_study.corpus import load_corpus

    return load_corpus(processed, tables=["articles"]).article_ids


def plan(
    *,
    notebooks: list[str] | None = None,
    parameters: list[tuple[str, str]] | None = None,
    parameters_file: Path | None = None,
    processed: Path | None = None,
    out: Path | None = None,
    notebooks_dir: Path | None = None,
    articles: list[str] | None = None,
    article_reports_max: int = ARTICLE_REPORTS_MAX,
) -> list[NotebookRun]:
    """Work out every notebook run and its typed parameters; raise :class:`UsageError` for bad input.

    Args:
        notebooks: notebook names (default: every notebook of ``notebooks_dir``).
        parameters: ``(name, text)`` pairs from the command line, typed by the notebooks' annotations.
        parameters_file: a YAML file of parameters (flat, or keyed by notebook name).
        processed: the processed folder handed to the notebooks.
        out: the reports folder.
        notebooks_dir: the folder of notebooks (default ``notebooks/``).
        articles: the article ids to render per-article notebooks for (``["all"]``: every article).
        article_reports_max: without ``articles``, per-article notebooks run for every article only when the
            corpus has at most this many.
    """
    available = discover(notebooks_dir)
    names = _selected(notebooks, available, notebooks_dir)
    processed = Path(processed) if processed else config.processed_dir()
    out = Path(out) if out else config.reports_dir()
    root = config.project_root()
    specs = {n: declared(available[n]) for n in names}
    options = {n: _options(available[n]) for n in names}
    if articles is not None and not any(options[n].get("per_article") for n in names):
        raise UsageError("--articles: none of the selected notebooks is rendered per article")
    shared_file, per_notebook_file = _file_parameters(parameters_file, available, specs)
    cli = list(parameters or [])
    everything = set().union(*(s.keys() for s in specs.values()))
    for name in [k for k, _ in cli] + list(shared_file):
        if name not in everything:
            raise UsageError(
                f"unknown parameter {preview(name)}; the selected notebooks declare {', '.join(sorted(everything))}"
            )

    known_ids: list[str] | None = None

    def known() -> list[str]:
        nonlocal known_ids
        if known_ids is None:
            known_ids = _known_articles(processed)
        return known_ids

    runs: list[NotebookRun] = []
    for name in names:
        spec: dict[str, Parameter] = specs[name]
        values = _typed_values(spec, {**shared_file, **per_notebook_file.get(name, {})}, cli)
        if "processed_dir" in spec:
            values["processed_dir"] = project_relative(processed, root=root)
        if "reports_dir" in spec:
            values["reports_dir"] = project_relative(out, root=root)
        check_choices(name, values)
        for key in ("article_id", "articles"):
            if values.get(key) is not None:
                check_ids([values[key]] if isinstance(values[key], str) else list(values[key]), known())
        per_article = options[name].get("per_article")
        if per_article:
            runs += _article_runs(
                name, available[name], values, per_article, out=out, articles=articles, known=known,
                limit=article_reports_max,
            )  # fmt: skip
            continue
        run = NotebookRun(name, available[name], out / f"{name}.ipynb", out / f"{name}.html", values)
        _skip_without_need(run, options[name].get("needs"), spec, root)
        runs.append(run)
    _check_unique_outputs(runs)
    return runs


def _selected(
    notebooks: list[str] | None, available: dict[str, Path], notebooks_dir: Path | None
) -> list[str]:
    """The notebook names asked for (all by default), as discovered names; unknown names raise."""
    if not available:
        raise UsageError(f"no notebooks found in {notebooks_dir or config.notebooks_dir()}")
    names = notebooks or list(available)
    unknown = [n for n in names if n not in available and Path(n).stem not in available]
    if unknown:
        raise UsageError(f"unknown notebook(s) {preview_list(unknown)}; known: {', '.join(available)}")
    return [n if n in available else Path(n).stem for n in names]


def _file_parameters(
    parameters_file: Path | None, available: dict[str, Path], specs: dict[str, dict[str, Parameter]]
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """A parameters file split into values for every notebook and values keyed by notebook name (checked)."""
    from_file = _load_parameter_file(parameters_file)
    per_notebook = {k: v for k, v in from_file.items() if k in available and isinstance(v, dict)}
    shared = {k: v for k, v in from_file.items() if k not in per_notebook}
    for nb_name, values in per_notebook.items():
        for name in values:
            if nb_name in specs and name not in specs[nb_name]:
                raise UsageError(
                    f"unknown parameter {preview(name)} for notebook {nb_name}; it declares {', '.join(sorted(specs[nb_name]))}"
                )
    return shared, per_notebook


def _typed_values(
    spec: dict[str, Parameter], from_file: dict[str, Any], cli: list[tuple[str, str]]
) -> dict[str, Any]:
    """A notebook's parameter values from the file, then the command line (which wins), typed by its spec."""
    values: dict[str, Any] = {}
    for key, value in from_file.items():
        if key in spec:
            values[key] = typed_value(spec[key], value, from_text=False)
    for key, text in cli:
        if key in spec:
            values[key] = typed_value(spec[key], text, from_text=True)
    return values


def _skip_without_need(run: NotebookRun, need: str | None, spec: dict[str, Parameter], root: Path) -> None:
    """Mark ``run`` skipped when the path parameter it needs (metadata ``needs``) names nothing that exists."""
    if not need:
        return
    target = run.parameters.get(need, spec[need].default if need in spec else None)
    if target is None or not (root / str(target)).exists():
        run.status = "skipped"
        run.error = f"parameter {need!r} names nothing that exists ({target!r}); give -p {need} PATH"


def _article_runs(
    name: str,
    source: Path,
    values: dict[str, Any],
    per_article: str,
    *,
    out: Path,
    articles: list[str] | None,
    known: Callable[[], list[str]],
    limit: int,
) -> list[NotebookRun]:
    folder = out / "articles"
    if values.get(per_article) is not None:
        ids = [values[per_article]]
    elif articles is not None:
        ids = known() if list(articles) == ["all"] else list(dict.fromkeys(articles))
        check_ids(ids, known())
    elif len(known()) <= limit:
        ids = known()
    else:
        return [
            NotebookRun(
                name, source, folder, folder, values, status="skipped",
                error=f"the corpus has {len(known()):,} articles: article reports are rendered for every article "
                f"only up to {limit}; ask for them with --articles ID … (or --articles all)",
            )
        ]  # fmt: skip
    return [
        NotebookRun(
            f"{name}[{article_id}]",
            source,
            folder / f"{report_stem(article_id)}.ipynb",
            folder / f"{report_stem(article_id)}.html",
            {**values, per_article: article_id},
        )
        for article_id in ids
    ]


def _check_unique_outputs(runs: list[NotebookRun]) -> None:
    seen = Counter(str(r.output).casefold() for r in runs if r.status == "pending")
    clashes = sorted(k for k, n in seen.items() if n > 1)
    if clashes:
        raise UsageError(f"two notebook runs would write the same file: {preview_list(clashes)}")


class _QuietKnownWarnings(logging.Filter):
    """Drop papermill's and nbconvert's warnings that this module handles itself.

    papermill cannot read ``str | None`` annotations, so it warns that such parameters are unknown; render
    checks every parameter against the notebook's own declarations first (:func:`plan`). nbconvert warns
    that matplotlib's inline images have no alternative text. nbclient logs a dead kernel, which the run's
    error reports.
    """

    _NOISE = (
        "Passed unknown parameter",
        "Unable to parse line",
        "Alternative text is missing",
        "Kernel died while waiting",  # the run's error says so (and Ctrl-C kills kernels on purpose)
    )

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.getMessage()).startswith(self._NOISE)


for _name in ("papermill", "papermill.translators", "NbConvertApp", "traitlets"):
    logging.getLogger(_name).addFilter(_QuietKnownWarnings())


def _execute(run: NotebookRun, pool: Any, *, key: str) -> NotebookRun:
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    from tiktok_study.kernels import register_engine

    run.output.parent.mkdir(parents=True, exist_ok=True)
    run.status = "running"
    started = time.perf_counter()
    kernel = None
    broken = False
    try:
        kernel = pool.acquire(key)
        kernel.prepare()
        pm.execute_notebook(
            str(run.source),
            str(run.output),
            parameters=run.parameters,
            kernel_name=resources.KERNEL_NAME,
            progress_bar=False,
            log_output=False,
            engine_name=register_engine(),
            km=kernel.km,
            warm_kc=kernel.kc,
        )
        run.status = "ok"
    except PapermillExecutionError as exc:
        run.status = "failed"
        evalue = str(exc.evalue).strip().splitlines()[0] if str(exc.evalue).strip() else ""
        run.error = (
            f"notebook {run.notebook}: cell {_source_cell(run.output, exc.cell_index)} (counting from 1 in "
            f"{run.source.name}) raised {exc.ename}: {preview(evalue, limit=300).strip(chr(39))}; partial "
            f"output kept in {project_relative(run.output)}"
        )
    except Exception as exc:  # kernel died, notebook unreadable, ...: the run fails, the others go on
        broken = True
        run.status = "failed"
        run.error = f"notebook {run.notebook}: {type(exc).__name__}: {preview(str(exc), limit=300)}"
    except BaseException:  # Ctrl-C: render kills the kernels; nothing here may run the interrupted event loop
        kernel = None
        raise
    finally:
        if kernel is not None:
            pool.release(key, kernel, broken=broken)
    run.duration_s = time.perf_counter() - started
    return run


def _write_outputs(run: NotebookRun, *, hide_code: bool) -> None:
    """Make the executed notebook's paths project-relative and write its HTML (on the runner's HTML thread)."""
    from tiktok_study.report_html import write_html

    if not run.output.is_file():
        return
    try:
        relativize_notebook(run.output)
        write_html(run.output, run.html, hide_code=hide_code)
    except Exception as exc:  # the run's own record says so; the other runs go on
        run.status, reason = "failed", f"{type(exc).__name__}: {preview(str(exc), limit=300)}"
        run.error = f"notebook {run.notebook}: writing {project_relative(run.html)} failed: {reason}"


def _source_cell(output: Path, index: int) -> int:
    """The 1-based position in the source notebook of the output notebook's cell ``index``."""
    try:
        cells = json.loads(output.read_text(encoding="utf-8"))["cells"][:index]
    except (OSError, ValueError, KeyError):
        return index + 1
    injected = sum("injected-parameters" in c.get("metadata", {}).get("tags", []) for c in cells)
    return index + 1 - injected


#: ``progress(event, run, k, n)``: ``"start"`` before run ``k`` of ``n`` (1-based), ``"done"`` after it.
Progress = Callable[[Literal["start", "done"], NotebookRun, int, int], None]


class _Runner:
    """The notebook runs of one :func:`render`: progress, warm kernels retired after a notebook's last run,
    ``--fail-fast``, what Ctrl-C leaves of each run; each run's HTML is written on a thread of its own while the
    next run executes in its kernel (:meth:`finish` waits for it)."""

    def __init__(
        self,
        todo: list[NotebookRun],
        pool: Any,
        *,
        hide_code: bool,
        fail_fast: bool,
        progress: Progress | None,
    ) -> None:
        self.todo, self.pool = todo, pool
        self.hide_code, self.fail_fast, self.progress = hide_code, fail_fast, progress
        self.stop = threading.Event()
        self.cancelled = threading.Event()
        self.remaining = Counter(str(r.source) for r in todo)
        self.counter = iter(range(1, len(todo) + 1))
        self.lock = threading.Lock()
        self.html = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tiktok-study-html")

    def work(self, run: NotebookRun) -> NotebookRun:
        if self.stop.is_set():
            run.status, run.error = "skipped", "not run: an earlier notebook failed (--fail-fast)"
            return run
        with self.lock:
            k = next(self.counter)
        if self.progress:
            self.progress("start", run, k, len(self.todo))
        key = str(run.source)
        done = _execute(run, self.pool, key=key)
        self.html.submit(_write_outputs, done, hide_code=self.hide_code)
        if self.cancelled.is_set() and done.status == "failed":
            done.status, done.error = "interrupted", "stopped by Ctrl-C"
        with self.lock:
            self.remaining[key] -= 1
            last = self.remaining[key] == 0
        if last:
            self.pool.retire(key)
        if self.progress:
            self.progress("done", run, k, len(self.todo))
        if done.status == "failed" and self.fail_fast:
            self.stop.set()
        return done

    def run_all(self, jobs: int) -> None:
        """Every run, ``jobs`` at once; a KeyboardInterrupt propagates after the kernels were killed."""
        if jobs == 1 or len(self.todo) <= 1:
            for run in self.todo:
                self.work(run)
            return
        executor = ThreadPoolExecutor(max_workers=min(jobs, len(self.todo)))
        pending = {executor.submit(self.work, run) for run in self.todo}
        try:
            while pending:
                _, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
        except KeyboardInterrupt:
            self.cancelled.set()
            self.stop.set()
            self.pool.kill()
            executor.shutdown(wait=False, cancel_futures=True)
            wait(pending, timeout=15)  # the runs whose kernel was killed end within about a second
            raise
        executor.shutdown(wait=True)

    def finish(self) -> None:
        """Wait until the HTML of every finished run is written (after Ctrl-C too: those runs did finish)."""
        self.html.shutdown(wait=True)

    def interrupt(self) -> None:
        """After Ctrl-C: kernels killed; a run that was going is ``interrupted``, one that never ran ``skipped``."""
        self.cancelled.set()
        self.stop.set()
        self.pool.kill()
        for run in self.todo:
            if run.status == "running":
                run.status, run.error = "interrupted", "stopped by Ctrl-C"
            elif run.status == "pending" or (run.status == "skipped" and run.duration_s is None):
                run.status, run.error = "skipped", "not run: interrupted (Ctrl-C)"


def render(
    *,
    notebooks: list[str] | None = None,
    parameters: list[tuple[str, str]] | list[list[str]] | None = None,
    parameters_file: Path | None = None,
    processed: Path | None = None,
    out: Path | None = None,
    jobs: int = 1,
    fail_fast: bool = False,
    hide_code: bool = True,
    raw: Path | None = None,
    command: list[str] | None = None,
    notebooks_dir: Path | None = None,
    articles: list[str] | None = None,
    article_reports_max: int = ARTICLE_REPORTS_MAX,
    progress: Progress | None = None,
) -> RenderResult:
    """Execute the notebooks with papermill (``jobs`` at once), write HTML and ``manifest.json``.

    Runs of one notebook share up to ``jobs`` warm kernels (:mod:`tiktok_study.kernels`); every other notebook
    gets kernels of its own. ``hide_code`` leaves code cells out of the HTML (the rendered ``.ipynb`` keeps them).

    Raises:
        UsageError: unknown notebook, unknown or mistyped parameter, a value outside its choices, unknown
            article id (nothing is run, no kernel started).
        RenderInterrupted: Ctrl-C; the kernels were killed and the manifest written for the runs done.
    """
    from tiktok_study.kernels import KernelPool

    if jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, got {jobs}")
    out = Path(out) if out else config.reports_dir()
    processed = Path(processed) if processed else config.processed_dir()
    runs = plan(
        notebooks=notebooks,
        parameters=[tuple(p) for p in (parameters or [])],
        parameters_file=parameters_file,
        processed=processed,
        out=out,
        notebooks_dir=notebooks_dir,
        articles=articles,
        article_reports_max=article_reports_max,
    )
    todo = [r for r in runs if r.status == "pending"]
    if todo and resources.kernel_status() is None:
        raise UsageError(
            f"the Jupyter kernel {resources.KERNEL_NAME!r} is not registered: run `tiktok-study setup`"
        )
    pool = KernelPool(cwd=config.project_root(), size=jobs)
    runner = _Runner(todo, pool, hide_code=hide_code, fail_fast=fail_fast, progress=progress)
    interrupted = False
    try:
        runner.run_all(jobs)
    except KeyboardInterrupt:
        interrupted = True
        runner.interrupt()
    finally:
        pool.shutdown()
        runner.finish()
    manifest = write_manifest(
        runs, out=out, raw=raw, processed=processed, command=command, interrupted=interrupted
    )
    result = RenderResult(runs, manifest, out)
    if interrupted:
        raise RenderInterrupted(result)
    return result
