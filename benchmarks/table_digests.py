"""sha256 of the analysis tables of a processed folder; compare two runs byte for byte (issue #16).

Used to prove that a speed change leaves every analysis table byte-identical::

    python benchmarks/table_digests.py /tmp/speed/p2000 > before.json      # before the change
    python benchmarks/table_digests.py /tmp/speed/p2000 --against before.json   # after: exit 1 on a difference
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

TABLES = ("sentiment", "actors", "frames", "article_frames", "statistics", "quotes", "excluded")


def digests(folder: Path) -> dict[str, str]:
    """``{table: sha256 of <folder>/<table>.parquet}`` for every analysis table."""
    out = {}
    for name in TABLES:
        path = folder / f"{name}.parquet"
        out[name] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a processed folder after `tiktok-study analyze`")
    parser.add_argument("--against", type=Path, default=None, help="JSON written by an earlier run")
    args = parser.parse_args(argv)
    now = digests(args.folder)
    if args.against is None:
        sys.stdout.write(json.dumps(now, indent=2) + "\n")
        return 0
    before = json.loads(args.against.read_text(encoding="utf-8"))
    differ = [name for name in TABLES if before.get(name) != now[name]]
    for name in TABLES:
        sys.stdout.write(f"{name}: {'DIFFERS' if name in differ else 'identical'}\n")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
