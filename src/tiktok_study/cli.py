"""The ``tiktok-study`` command line (verbs and options of docs/contract.md).

Exit status: 0 success; 1 a run that failed; 2 bad usage or bad input named on the command line; 130 stopped
with Ctrl-C (one line said, kernels stopped, what finished kept).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from tiktok_study import config
from tiktok_study.errors import RunError, UsageError

__all__ = ["build_parser", "main"]

logger = logging.getLogger(__name__)


def _version() -> str:
    from tiktok_study import __version__

    return __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tiktok-study",
        description="Normalize news articles, measure framing, tone, quoted statistics and quotations, "
        "and render the notebooks into reports.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="verb", metavar="VERB", required=True)

    p = sub.add_parser(
        "setup", help="provision NLTK data offline and register the Jupyter kernel (idempotent)"
    )
    p.add_argument("--check", action="store_true", help="only report what is installed; change nothing")

    p = sub.add_parser("normalize", help="raw articles -> normalized tables")
    p.add_argument("--raw", type=Path, default=None, help="folder of raw articles (default data/raw)")
    p.add_argument("--out", type=Path, default=None, help="folder for the tables (default data/processed)")
    p.add_argument("--strict", action="store_true", help="exit 1 if any file was skipped")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--engine", choices=["local", "dask"], default="local", help="execution engine")
    p.add_argument("--scheduler", default=None, help="Dask scheduler address (with --engine dask)")

    p = sub.add_parser("analyze", help="normalized tables -> analysis tables")
    p.add_argument("--processed", type=Path, default=None, help="folder of tables (default data/processed)")
    p.add_argument(
        "--codebook", type=Path, default=None, help="frame codebook YAML (default: the shipped one)"
    )
    p.add_argument("--actors", type=Path, default=None, help="actors list YAML (default: the shipped one)")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--engine", choices=["local", "dask"], default="local", help="execution engine")
    p.add_argument("--scheduler", default=None, help="Dask scheduler address (with --engine dask)")

    p = sub.add_parser("render", help="execute notebooks with papermill into reports/ (.ipynb + .html)")
    _render_options(p)

    p = sub.add_parser("validate", help="agreement of the tool's codes with a human-coded gold file")
    p.add_argument("--kind", required=True, choices=["sentiment", "frames", "statistics", "quotes"])
    p.add_argument("--gold", required=True, type=Path, help="gold file (CSV, or JSONL for quotes)")
    p.add_argument(
        "--out", type=Path, default=None, help="folder for the JSON report (default reports/validation)"
    )
    p.add_argument("--codebook", type=Path, default=None, help="frame codebook YAML (frames only)")
    p.add_argument(
        "--processed", type=Path, default=None, help="processed folder, for article_id-keyed frames gold"
    )
    p.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples (0: no intervals)")
    p.add_argument(
        "--gold-neutral", type=float, default=0.0, help="gold |score| <= this is neutral (sentiment)"
    )
    p.add_argument(
        "--partial",
        action="store_true",
        help="quotes: also score quotations inside paraphrase (for a gold that codes them)",
    )

    p = sub.add_parser(
        "sample", help="a reproducible random sample to code by hand: coding sheet + coding guide"
    )
    p.add_argument("--n", type=int, required=True, help="items to draw")
    p.add_argument("--unit", choices=["article", "paragraph"], default="article", help="what a coder codes")
    p.add_argument("--stratify", choices=["source", "month"], default=None, help="draw evenly across groups")
    p.add_argument("--seed", type=int, required=True, help="random seed (same seed, same sample)")
    p.add_argument(
        "--out", type=Path, required=True, help="folder for the sheet (CSV, XLSX) and coding-guide.md"
    )
    p.add_argument("--processed", type=Path, default=None, help="folder of tables (default data/processed)")
    p.add_argument(
        "--codebook", type=Path, default=None, help="frame codebook YAML (default: the shipped one)"
    )

    p = sub.add_parser("calibrate", help="learn each frame's decision rule on a coded sheet (out-of-fold F1)")
    p.add_argument("--gold", required=True, type=Path, help="coded sheet (CSV or XLSX, frames gold format)")
    p.add_argument(
        "--codebook", type=Path, default=None, help="codebook to calibrate (default: the shipped one)"
    )
    p.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
    p.add_argument("--seed", type=int, default=0, help="seed of the folds (default 0)")
    p.add_argument(
        "--out", type=Path, required=True, help="folder for calibration.json and codebook.calibrated.yaml"
    )
    p.add_argument(
        "--processed", type=Path, default=None, help="processed folder, for article_id-keyed sheets"
    )
    p.add_argument("--classifier", action="store_true", help="also compare a TF-IDF classifier (nested CV)")
    p = sub.add_parser("export", help="processed tables, evidence in context and codebook for other tools")
    p.add_argument("--format", choices=["csv", "xlsx"], default="csv", help="csv files or one xlsx workbook")
    p.add_argument("--processed", type=Path, default=None, help="folder of tables (default data/processed)")
    p.add_argument("--out", type=Path, default=None, help="folder written (default reports/export)")
    p.add_argument(
        "--codebook", type=Path, default=None, help="codebook YAML described (default: the shipped one)"
    )
    p.add_argument("--kwic-width", type=int, default=60, help="characters of context around a frame hit")

    p = sub.add_parser("init", help="make a project folder: data/raw, data/processed, notebooks, README")
    p.add_argument("folder", type=Path, help="the new project folder")
    p.add_argument("--force", action="store_true", help="add missing parts to a folder that is not empty")

    p = sub.add_parser("run", help="the main job: normalize + analyze + render")
    p.add_argument("--raw", type=Path, default=None, help="folder of raw articles (default data/raw)")
    p.add_argument("--processed", type=Path, default=None, help="folder of tables (default data/processed)")
    p.add_argument("--out", type=Path, default=None, help="reports folder (default reports)")
    p.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--codebook", type=Path, default=None, help="frame codebook YAML")
    p.add_argument("--strict", action="store_true", help="exit 1 if any raw file was skipped")
    return parser


def _render_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--notebook", action="append", default=None, help="notebook name (repeatable; default all)"
    )
    p.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                   help="a notebook parameter, typed by the notebook's own annotation")  # fmt: skip
    p.add_argument("-f", "--parameters-file", type=Path, default=None, help="YAML file of parameters")
    p.add_argument("--processed", type=Path, default=None, help="folder of tables handed to every notebook")
    p.add_argument("--out", type=Path, default=None, help="reports folder (default reports)")
    p.add_argument("--jobs", type=int, default=1, help="notebooks rendered at once (default 1)")
    p.add_argument("--fail-fast", action="store_true", help="stop at the first failing notebook")
    p.add_argument("--articles", nargs="+", default=None, metavar="ID",
                   help="render the article reports of these ids ('all': every article; by default every "
                   "article only in corpora of at most 20)")  # fmt: skip
    code = p.add_mutually_exclusive_group()
    code.add_argument("--show-code", action="store_true", help="keep code cells in the HTML")
    code.add_argument(
        "--hide-code", action="store_true", help="leave code cells out of the HTML (the default)"
    )
    p.add_argument(
        "--notebooks-dir", type=Path, default=None, help="folder of notebooks (default notebooks/)"
    )


def _cmd_setup(args: argparse.Namespace) -> int:
    from tiktok_study import resources

    lines, ok = resources.setup(check=args.check)
    for line in lines:
        print(line)
    return 0 if ok else 1


def _check_jobs(args: argparse.Namespace) -> None:
    if getattr(args, "jobs", 1) < 1:
        raise UsageError(f"--jobs must be 1 or more, got {args.jobs}")


def _cmd_normalize(args: argparse.Namespace) -> int:
    from tiktok_study.normalize import normalize_folder

    _check_jobs(args)
    raw = args.raw or config.raw_dir()
    out = args.out or config.processed_dir()
    summary = normalize_folder(
        raw, out, strict=args.strict, jobs=args.jobs, engine=args.engine, scheduler=args.scheduler
    )
    print(summary)
    return 0  # with --strict, normalize_folder raises RunError (exit 1) after writing when a file was skipped


def _cmd_analyze(args: argparse.Namespace) -> int:
    from tiktok_study.analyze import analyze_folder

    _check_jobs(args)
    from tiktok_study.progress import ArticleProgress

    bar = ArticleProgress()
    try:
        summary = analyze_folder(
            args.processed or config.processed_dir(),
            codebook=args.codebook,
            actors=args.actors,
            jobs=args.jobs,
            engine=args.engine,
            scheduler=args.scheduler,
            progress=bar if bar.enabled else None,
        )
    finally:
        bar.close()
    print(summary)
    return 0


def _cmd_render(args: argparse.Namespace) -> int:
    from tiktok_study.progress import RenderProgress
    from tiktok_study.render import render

    _check_jobs(args)
    bar = RenderProgress()
    try:
        result = render(
            notebooks=args.notebook,
            parameters=args.parameter,
            parameters_file=args.parameters_file,
            processed=args.processed,
            out=args.out,
            jobs=args.jobs,
            fail_fast=args.fail_fast,
            hide_code=not getattr(args, "show_code", False),
            raw=getattr(args, "raw", None),
            notebooks_dir=args.notebooks_dir,
            command=["tiktok-study", *sys.argv[1:]],
            articles=getattr(args, "articles", None),
            progress=bar if bar.enabled else None,
        )
    finally:
        bar.close()
    print(result)
    return 0 if result.ok else 1


def _cmd_validate(args: argparse.Namespace) -> int:
    from tiktok_study.validation import validate_file

    report = validate_file(
        args.kind,
        args.gold,
        out=args.out,
        codebook=args.codebook,
        processed=args.processed,
        resamples=args.resamples,
        gold_neutral=args.gold_neutral,
        partial=args.partial,
    )
    print(report)
    return 0


def _cmd_sample(args: argparse.Namespace) -> int:
    from tiktok_study.sample import sample_to_code

    result = sample_to_code(
        args.processed or config.processed_dir(), out=args.out, n=args.n, unit=args.unit,
        stratify=args.stratify, seed=args.seed, codebook=args.codebook,
    )  # fmt: skip
    print(result)
    return 0


def _cmd_calibrate(args: argparse.Namespace) -> int:
    from tiktok_study.calibrate import calibrate_file

    result = calibrate_file(
        args.gold,
        out=args.out,
        codebook=args.codebook,
        folds=args.folds,
        seed=args.seed,
        processed=args.processed,
        classifier=args.classifier,
    )
    print(result)
    print(f"wrote {args.out / 'calibration.json'} and {args.out / 'codebook.calibrated.yaml'}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from tiktok_study.export import export

    print(
        export(
            args.processed, out=args.out, fmt=args.format, codebook=args.codebook, kwic_width=args.kwic_width
        )
    )
    return 0


def _cmd_init(args: argparse.Namespace) -> int:
    from tiktok_study.project import init_project

    print(init_project(args.folder, force=args.force))
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    steps = [
        ("normalize", argparse.Namespace(raw=args.raw, out=args.processed, strict=args.strict, jobs=args.jobs,
                                         engine="local", scheduler=None)),
        ("analyze", argparse.Namespace(processed=args.processed, codebook=args.codebook, actors=None,
                                       jobs=args.jobs, engine="local", scheduler=None)),
        ("render", argparse.Namespace(notebook=None, parameter=[], parameters_file=None,
                                      processed=args.processed, out=args.out, jobs=args.jobs,
                                      fail_fast=False, show_code=False, notebooks_dir=None, raw=args.raw,
                                      articles=None)),
    ]  # fmt: skip
    for verb, ns in steps:
        code = COMMANDS[verb](ns)
        if code:
            return code
    return 0


COMMANDS = {
    "setup": _cmd_setup,
    "normalize": _cmd_normalize,
    "analyze": _cmd_analyze,
    "render": _cmd_render,
    "validate": _cmd_validate,
    "sample": _cmd_sample,
    "calibrate": _cmd_calibrate,
    "export": _cmd_export,
    "init": _cmd_init,
    "run": _cmd_run,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``tiktok-study``; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s"
    )
    try:
        return COMMANDS[args.verb](args)
    except UsageError as exc:
        print(f"tiktok-study {args.verb}: error: {exc}", file=sys.stderr)
        return 2
    except (RunError, OSError) as exc:
        print(f"tiktok-study {args.verb}: failed: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:  # render says what it kept (RenderInterrupted); others just stop
        said = str(exc) if str(exc).startswith("interrupted") else "interrupted"
        print(f"\ntiktok-study {args.verb}: {said}", file=sys.stderr)
        return 130
