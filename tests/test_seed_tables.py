"""The seed corpus's tables, byte for byte (issue #15: a refactoring changes no table).

``tests/fixtures/seed-tables.sha256`` holds the sha256 of every table that ``normalize`` and ``analyze`` write for
``tests/fixtures/seeds``. A change of behaviour that is meant (a better rule, a new column) updates that file in
the same commit, so the diff shows it: ``python tests/test_seed_tables.py`` rewrites it.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DIGESTS = FIXTURES / "seed-tables.sha256"


def seed_table_digests(folder: Path) -> dict[str, str]:
    from tiktok_study.analyze import analyze_folder
    from tiktok_study.normalize import normalize_folder

    normalize_folder(FIXTURES / "seeds", folder)
    analyze_folder(folder)
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.parquet"))}


def _read() -> dict[str, str]:
    pairs = (line.split() for line in DIGESTS.read_text(encoding="utf-8").splitlines() if line.strip())
    return {name: digest for digest, name in pairs}


def test_seed_tables_are_byte_identical_to_the_recorded_ones(tmp_path):
    assert seed_table_digests(tmp_path / "processed") == _read(), (
        "a table of the seeds changed: if the change is meant, run `python tests/test_seed_tables.py` and commit"
    )


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        digests = seed_table_digests(Path(tmp) / "processed")
    DIGESTS.write_text("".join(f"{d}  {n}\n" for n, d in digests.items()), encoding="utf-8")
    sys.stdout.write(DIGESTS.read_text(encoding="utf-8"))
