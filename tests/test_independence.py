"""The tests do not depend on what is in ``data/raw``: that corpus is the researcher's to change.

Every test reads copies of the seeds in ``tests/fixtures/seeds``. This module checks it twice: statically (no test
file builds a path into ``data/raw``) and by experiment (a copy of the project with two extra articles in its
``data/raw`` — one cp1252 text file, one HTML page — runs the seed tests with the same results).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS

TESTS = Path(__file__).resolve().parent

# a path into the project's data/raw, written as a string or with pathlib's "/" from the project root (a project
# made in a temporary folder, e.g. by `tiktok-study init`, has a data/raw of its own)
RAW_PATH = re.compile(r"""["']data/raw\b|\bROOT\s*/\s*["']data["']\s*\)?\s*/\s*["']raw["']|raw_dir\(\)""")

CP1252_ARTICLE = (
    "Lawmakers weigh a new data-privacy bill\n\n"
    "By Zoë Martínez\n\n"
    "WASHINGTON — Lawmakers on Tuesday debated a bill that would limit how apps share “sensitive” data "
    "with companies abroad, a move critics called “théâtre politique” rather than policy.\n\n"
    "The measure, which supporters said would cost about €40 million to enforce, drew support from both "
    "parties after months of hearings on short-video platforms and their owners.\n\n"
    "“We are not banning anything,” said Senator Ana Ruiz, who sponsored the bill. “We are asking where "
    "the data goes.”\n"
)
HTML_ARTICLE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Creators brace for a summer without the app</title></head><body>
<nav><a href="/">Home</a> | <a href="/tech">Tech</a></nav>
<article><h1>Creators brace for a summer without the app</h1>
<p class="byline">By Sam Okafor</p>
<p>Small businesses that sell through short videos say they have started moving their audiences to other
platforms, worried that a court ruling could switch the service off before the holiday season.</p>
<p>"Half of my orders come from one video a week," said Dana Price, who runs a candle shop in Ohio. She said
about 60 percent of her customers found her through the app last year.</p>
<p>Analysts expect advertisers to shift at least $2 billion of spending if the ban takes effect.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>
"""


def test_no_test_reads_the_projects_raw_folder():
    offenders = [
        f"{path.name}:{n}"
        for path in sorted(TESTS.glob("*.py"))
        if path.name != Path(__file__).name
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if RAW_PATH.search(line)
    ]
    assert offenders == [], "tests must read tests/fixtures/seeds, not data/raw"


def test_the_pattern_finds_raw_paths():
    for line in ('RAW = ROOT / "data" / "raw"', "p = 'data/raw/x.txt'", "folder = config.raw_dir()"):
        assert RAW_PATH.search(line), line
    assert not RAW_PATH.search('SEEDS = FIXTURES / "seeds"')
    assert not RAW_PATH.search(
        'shutil.copy2(path, folder / "data" / "raw" / path.name)'
    )  # a temporary project


def _copy_project(target: Path) -> Path:
    ignore = shutil.ignore_patterns(".venv", ".git", "__pycache__", "*.egg-info", ".pytest_cache", "reports")
    target.mkdir(parents=True)
    for name in ("pyproject.toml", "tests", "data", "notebooks"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    return target


@pytest.mark.slow
def test_extra_articles_in_data_raw_change_no_test_result(tmp_path):
    project = _copy_project(tmp_path / "project")
    raw = project / "data" / "raw"
    (raw / "900_lawmakers.txt").write_bytes(CP1252_ARTICLE.encode("cp1252"))
    (raw / "901_creators.html").write_text(HTML_ARTICLE, encoding="utf-8")
    assert len(list(raw.iterdir())) == len(list((ROOT / "data" / "raw").iterdir())) + 2
    # the tests that once read data/raw: the seeds' normalization, the gold's seed texts, the seed hashes
    selection = [
        "tests/test_normalize_seeds.py",
        "tests/test_foundation.py::test_seed_fixtures_match_their_recorded_hashes",
        "tests/test_validate.py::test_shipped_gold_seed_texts_are_verbatim_paragraphs_of_the_raw_articles",
        "tests/test_independence.py::test_no_test_reads_the_projects_raw_folder",
    ]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *selection],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "failed" not in done.stdout
    # the fixtures the tests read are untouched by the researcher's corpus
    assert sorted(p.name for p in (project / "tests" / "fixtures" / "seeds").iterdir()) == sorted(
        p.name for p in SEEDS.iterdir()
    )
