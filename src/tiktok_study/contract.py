"""The data and interface contract, written from the code: ``docs/contract.md``.

The contract is the vocabulary that the library, the command line, the notebooks and the tests share: the tables
and their columns (from the Arrow schemas of :mod:`tiktok_study.schema`), the verbs and their options (from the
command line's own parser), the Python API (from the functions' signatures), the frame ids and statistic kinds
(from the codebook and the statistics scanner) and the gold formats of ``validate``. Because every part is read
from the code, the document cannot drift: ``tests/test_contract.py`` fails when ``docs/contract.md`` differs from
what :func:`render` writes, and ``make contract`` (or ``python -m tiktok_study.contract``) rewrites it.
"""

from __future__ import annotations

import argparse
import inspect
import sys
from typing import Any

__all__ = ["render"]

_INTRO = """\
# tiktok_study — the data and interface contract

> Generated from the code by `python -m tiktok_study.contract` (`make contract`); `tests/test_contract.py` fails
> when this file and the code disagree. Do not edit by hand: change the code, then regenerate.

The fixed vocabulary that the library, the command line, the notebooks and the tests share. Columns marked
**contract** are the stable interface (renaming or dropping one is a breaking change, noted in `CHANGELOG.md`);
the others are extras that follow them in every table.
"""


def _cell(text: Any) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _tables() -> list[str]:
    from tiktok_study.schema import COLUMNS, SCHEMAS, SORT_KEYS, TABLE_ROWS

    out = ["## Tables in the processed folder", ""]
    out += [
        "Parquet, one file per table, written atomically with rows in a fixed order (the sort keys below); the same "
        "input gives byte-identical files. `article_id` is the raw file's stem, `<stem>-<n>` for the n-th article "
        "of a multi-article file; `paragraph_id` and `sentence_id` count from 0 within an article, in reading "
        "order; every `start`/`end` is a character offset into `articles.text`.",
        "",
    ]
    for name, schema in SCHEMAS.items():
        out += [f"### `{name}` — one row per {TABLE_ROWS[name]}", ""]
        out += [f"Rows ordered by {', '.join(f'`{k}`' for k in SORT_KEYS[name])}.", ""]
        out += ["| column | type | |", "|---|---|---|"]
        required = set(COLUMNS.get(name, []))
        for field in schema:
            out.append(f"| `{field.name}` | {field.type} | {'contract' if field.name in required else ''} |")
        out.append("")
    return out


def _options(parser: argparse.ArgumentParser) -> list[str]:
    rows = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
            continue
        names = action.option_strings or [(action.metavar or action.dest).upper()]
        flags = ", ".join(f"`{f}`" for f in names)
        empty = (
            action.default is None
            or action.default is False
            or action.default == []
            or action.default == "==SUPPRESS=="
        )
        default = "" if empty else f"`{action.default}`"
        choices = f" ({' / '.join(map(str, action.choices))})" if action.choices else ""
        rows.append(f"| {flags} | {_cell((action.help or '') + choices)} | {default} |")
    return rows


def _verbs() -> list[str]:
    from tiktok_study.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {a.dest: a.help for a in sub._choices_actions}
    out = ["## Command line: `tiktok-study VERB` (also `python -m tiktok_study VERB`)", ""]
    out += [
        "Exit status: 0 success; 1 a run that failed (a notebook cell raised, a table could not be written); 2 bad "
        "usage or bad input named on the command line. Every error names the file, article, notebook or "
        "parameter at fault.",
        "",
        "| verb | does |",
        "|---|---|",
    ]
    out += [f"| `{verb}` | {_cell(helps.get(verb, ''))} |" for verb in sub.choices]
    out += [
        "",
        "Options of every verb:",
        "",
        "| option | meaning | default |",
        "|---|---|---|",
        *_options(parser),
        "",
    ]
    for verb, p in sub.choices.items():
        rows = _options(p)
        if rows:
            out += [
                f"### `tiktok-study {verb}`",
                "",
                "| option | meaning | default |",
                "|---|---|---|",
                *rows,
                "",
            ]
    return out


def _api() -> list[str]:
    import tiktok_study as ts

    out = ["## Python API: `import tiktok_study as ts`", "", "| call | does |", "|---|---|"]
    for name in ts.__all__:
        obj = getattr(ts, name)
        if not callable(obj) or inspect.ismodule(obj):
            continue
        doc = (inspect.getdoc(obj) or "").split("\n\n")[0]
        out.append(f"| `ts.{name}{_cell(inspect.signature(obj))}` | {_cell(doc)} |")
    out.append("")
    modules = sorted(n for n in dir(ts) if n not in ts.__all__ and not n.startswith("_"))
    out += ["Modules loaded on first use: " + ", ".join(f"`ts.{m}`" for m in modules) + ".", ""]
    return out


def _vocabulary() -> list[str]:
    from tiktok_study.codebook import FRAME_IDS, load_codebook
    from tiktok_study.statistics import KINDS as STATISTIC_KINDS

    described = {f["id"]: f for f in load_codebook().describe()}
    out = [
        "## Frame ids and statistic kinds",
        "",
        "| frame id | label | kind | definition |",
        "|---|---|---|---|",
    ]
    for frame_id in FRAME_IDS:
        frame = described[frame_id]
        out.append(
            f"| `{frame_id}` | {_cell(frame['label'])} | {frame['kind']} | {_cell(frame['definition'])} |"
        )
    out += ["", "Statistic kinds: " + ", ".join(f"`{k}`" for k in STATISTIC_KINDS) + ".", ""]
    return out


def _gold() -> list[str]:
    from tiktok_study.validation.gold import GOLD_FORMATS

    out = ["## Gold files for `validate`", "", "| `--kind` | file | format |", "|---|---|---|"]
    for kind, (file_name, text) in GOLD_FORMATS.items():
        out.append(f"| `{kind}` | `{file_name}` | {_cell(text)} |")
    out.append("")
    return out


def render() -> str:
    """The contract as Markdown, read from the code (what ``docs/contract.md`` must say)."""
    parts = [_INTRO, *_tables(), *_verbs(), *_api(), *_vocabulary(), *_gold()]
    return "\n".join(parts).rstrip("\n") + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
