"""The skeleton: the raw corpus, packaging consistency, offline NLTK data, the kernel, the CLI."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

from tiktok_study import resources

ROOT = Path(__file__).resolve().parents[1]


def _sums(path: Path) -> dict[str, str]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        out[name.lstrip("*")] = digest
    return out


def test_seed_fixtures_match_their_recorded_hashes():
    """The tests' copies of the seeds are the shipped seeds (data/raw itself is the researcher's to change)."""
    seeds = ROOT / "tests" / "fixtures" / "seeds"
    sums = _sums(seeds.parent / "seeds.SHA256SUMS")
    assert len(sums) == 3
    for name, digest in sums.items():
        assert hashlib.sha256((seeds / name).read_bytes()).hexdigest() == digest, name
    assert _sums(ROOT / "data" / "raw.SHA256SUMS") == sums  # the record of what the project ships in data/raw


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if m := re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", line):
            pins[re.sub(r"[-_.]+", "-", m.group(1)).lower()] = m.group(2)
    return pins


def test_lock_pins_every_dependency_within_its_range():
    project = _pyproject()["project"]
    pins = _lock()
    wanted = project["dependencies"] + project["optional-dependencies"]["dev"]
    for spec in wanted:
        req = Requirement(spec)
        name = re.sub(r"[-_.]+", "-", req.name).lower()
        assert name in pins, (
            f"{req.name} is in pyproject.toml but not pinned in requirements.lock: run make lock"
        )
        assert req.specifier.contains(pins[name]), f"{req.name}=={pins[name]} is outside {req.specifier}"


def test_environment_yml_installs_the_lock_and_this_package():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert env["channels"] == ["conda-forge"]
    deps = env["dependencies"]
    python = next(d for d in deps if isinstance(d, str) and d.startswith("python"))
    version = python.split("=")[-1]
    requires = _pyproject()["project"]["requires-python"]
    assert Requirement(f"python{requires}").specifier.contains(version + ".0"), (python, requires)
    pip = next(d["pip"] for d in deps if isinstance(d, dict) and "pip" in d)
    assert "-r requirements.lock" in pip
    assert any(item.startswith("-e .") for item in pip)
    assert "pip" in deps


def test_nltk_resources_load_offline_from_the_environment(no_network):
    import nltk
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    assert nltk.sent_tokenize("Dr. Smith met U.S. officials. Then he left.") == [
        "Dr. Smith met U.S. officials.",
        "Then he left.",
    ]
    assert SentimentIntensityAnalyzer().polarity_scores("good")["compound"] > 0
    assert SentimentIntensityAnalyzer().polarity_scores("terrible")["compound"] < 0


def test_resources_in_use_are_the_provisioned_ones_with_recorded_hashes():
    states = resources.status()
    assert [s.name for s in states] == ["vader_lexicon", "punkt_tab/english"]
    env_data = resources.nltk_data_dir()
    record = yaml.safe_load((env_data / resources.RECORD).read_text(encoding="utf-8"))
    for state in states:
        assert state.found_at is not None, state.line()
        if state.ours:
            assert Path(state.found_at) == env_data
        for rel, digest in state.expected.items():
            assert record[state.name][rel] == digest
            assert hashlib.sha256((env_data / rel).read_bytes()).hexdigest() == digest
    hashes = resources.resource_hashes()
    assert set(hashes) == {rel for s in states for rel in s.expected}


def test_setup_writes_then_changes_nothing(tmp_path):
    first = resources.ensure_nltk_data(target=tmp_path)
    assert sum(line.startswith("wrote") for line in first) == 6  # 1 zip + 4 punkt files + the record
    snapshot = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    mtimes = {p: p.stat().st_mtime_ns for p in snapshot}
    assert resources.ensure_nltk_data(target=tmp_path) == []
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == snapshot
    assert {p: p.stat().st_mtime_ns for p in snapshot} == mtimes


def test_setup_keeps_and_reports_a_foreign_copy(tmp_path):
    official = tmp_path / "tokenizers" / "punkt_tab" / "english" / "abbrev_types.txt"
    official.parent.mkdir(parents=True)
    official.write_text("dr\nmr\n", encoding="utf-8")
    lines = resources.ensure_nltk_data(target=tmp_path)
    assert official.read_text(encoding="utf-8") == "dr\nmr\n"
    assert any(line.startswith("kept") and "abbrev_types.txt" in line for line in lines)


def test_vader_zip_is_deterministic():
    build = resources.RESOURCES[0].build
    assert build() == build()


def test_kernel_is_registered_for_this_environment():
    where = resources.kernel_status()
    assert where is not None
    assert Path(where).is_relative_to(Path(sys.prefix))
    listing = subprocess.run(
        [sys.executable, "-m", "jupyter", "kernelspec", "list"], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"^\s*tiktok-study\s", listing, flags=re.M)


@pytest.mark.parametrize(
    "launcher", [[sys.executable, "-m", "tiktok_study"], [str(Path(sys.executable).parent / "tiktok-study")]]
)
def test_cli_help_lists_every_verb(launcher):
    done = subprocess.run([*launcher, "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    for verb in ("setup", "normalize", "analyze", "render", "validate", "run"):
        assert re.search(rf"^\s+{verb}\s", done.stdout, flags=re.M), verb


def test_setup_check_reports_resources_and_kernel():
    done = subprocess.run(
        [sys.executable, "-m", "tiktok_study", "setup", "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "vader_lexicon: in use from" in done.stdout
    assert "punkt_tab/english: in use from" in done.stdout
    assert "kernel tiktok-study:" in done.stdout
