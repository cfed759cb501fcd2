"""Citation and reuse: version, LICENSE, CITATION.cff, CHANGELOG, `init`, and a wheel that carries the notebooks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml

import tiktok_study
from tiktok_study import config
from tiktok_study.cli import main
from tiktok_study.errors import UsageError
from tiktok_study.project import MARKER, init_project, template_dir

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_version_license_citation_and_changelog_agree():
    version = PYPROJECT["project"]["version"]
    assert tiktok_study.__version__ == version
    done = subprocess.run([sys.executable, "-m", "tiktok_study", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == f"tiktok-study {version}"
    assert PYPROJECT["project"]["license"]["text"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["license"] == "MIT"
    assert str(cff["version"]) == version
    assert cff["title"] and cff["authors"] and cff["message"]
    assert f"## [{version}]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_init_makes_a_project_that_config_finds(tmp_path, monkeypatch):
    folder = tmp_path / "my-study"
    summary = init_project(folder)
    assert (folder / "data" / "raw").is_dir() and (folder / "data" / "processed").is_dir()
    assert (folder / MARKER).is_file() and "tiktok-study setup" in (folder / "README.md").read_text()
    notebooks = sorted(p.name for p in (folder / "notebooks").glob("*.ipynb"))
    assert notebooks == sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert "notebooks/" in str(summary)
    monkeypatch.delenv(config.ENV_ROOT, raising=False)
    monkeypatch.chdir(folder / "data" / "raw")
    assert config.project_root() == folder.resolve()
    assert config.notebooks_dir() == folder.resolve() / "notebooks"


def test_init_refuses_a_folder_in_use_and_never_overwrites(tmp_path):
    folder = tmp_path / "used"
    folder.mkdir()
    (folder / "README.md").write_text("mine\n", encoding="utf-8")
    with pytest.raises(UsageError, match="is not empty; use --force"):
        init_project(folder)
    init_project(folder, force=True)
    assert (folder / "README.md").read_text(encoding="utf-8") == "mine\n"
    assert (folder / "notebooks").is_dir()
    assert main(["init", str(folder)]) == 2
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="is not a folder"):
        init_project(tmp_path / "file")


def test_the_templates_are_the_notebooks_folder():
    """In this (editable) install the templates are notebooks/ itself: one source, no copy to keep in sync."""
    assert template_dir() == (ROOT / "notebooks").resolve()


@pytest.mark.slow
def test_the_wheel_carries_the_notebooks_byte_for_byte(tmp_path):
    """Build a wheel from a copy of the sources (offline, from uv's cache) and compare its templates."""
    source = tmp_path / "src-copy"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copytree(
        ROOT / "notebooks", source / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints")
    )
    done = subprocess.run(
        [sys.executable, "-m", "uv", "build", "--offline", "--wheel", "--out-dir", str(tmp_path / "dist"), str(source)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as zf:
        packaged = {
            n.removeprefix("tiktok_study/templates/notebooks/"): zf.read(n)
            for n in zf.namelist()
            if n.startswith("tiktok_study/templates/notebooks/")
        }
        assert any(n.endswith("LICENSE") for n in zf.namelist())
    expected = {
        p.relative_to(ROOT / "notebooks").as_posix(): p.read_bytes()
        for p in (ROOT / "notebooks").rglob("*")
        if p.is_file() and p.suffix in {".ipynb", ".yaml"} and ".ipynb_checkpoints" not in p.parts
    }
    assert packaged == expected


@pytest.mark.slow
def test_render_works_in_a_project_made_by_init(tmp_path):
    """`init`, articles in data/raw, then normalize, analyze and render run from inside the new folder."""
    folder = tmp_path / "study"
    init_project(folder)
    for path in (Path(__file__).resolve().parent / "fixtures" / "corpus").iterdir():
        shutil.copy2(path, folder / "data" / "raw" / path.name)
    env = {k: v for k, v in os.environ.items() if k != config.ENV_ROOT}

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "tiktok_study", *args], cwd=folder / "notebooks", env=env,
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip

    for verb in (["normalize"], ["analyze"], ["render", "--notebook", "1.0-corpus"]):
        done = cli(*verb)
        assert done.returncode == 0, done.stdout + done.stderr
    assert (folder / "data" / "processed" / "sentiment.parquet").is_file()
    assert (folder / "reports" / "1.0-corpus.html").is_file()
    manifest = (folder / "reports" / "manifest.json").read_text(encoding="utf-8")
    assert '"processed_dir": "data/processed"' in manifest
    assert str(tmp_path) not in manifest
    assert str(tmp_path) not in (folder / "reports" / "1.0-corpus.ipynb").read_text(encoding="utf-8")
