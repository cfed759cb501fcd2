"""Reports at corpus scale (issue #14): ``tiktok-study run`` on N articles made from the project's real articles.

The corpus: the English body paragraphs of the real test articles (``tests/fixtures/real/*/raw``, normalized by
the package) recombined into N articles by the benchmark's generator (``bench.synthetic_article``: 4–12
paragraphs, numbers, names and one word in seven varied; outlets and dates spread over ten outlets and six
years), written as one JSONL export. Then ``tiktok-study run`` (normalize + analyze + render) is timed as a
subprocess, and the result is checked as a reader would: the height in pixels of every figure written, the size
of every HTML report.

Usage::

    python benchmarks/report_scale.py --n 500 --out /tmp/report-scale
"""

from __future__ import annotations

import argparse
import json
import struct
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench  # noqa: E402  (the benchmark's corpus generator, beside this file)

REAL = ROOT / "tests" / "fixtures" / "real"


def real_pool() -> dict[str, list[str]]:
    """Body paragraphs, headings, titles and plain words of the real test articles (English only)."""
    import tempfile

    from tiktok_study.io import read_table
    from tiktok_study.normalize import normalize_folder

    body: list[str] = []
    headings: list[str] = []
    titles: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for folder in sorted(p for p in REAL.iterdir() if (p / "raw").is_dir()):
            out = Path(tmp) / folder.name
            normalize_folder(folder / "raw", out)
            articles = read_table(out / "articles.parquet")
            english = set(articles.loc[articles["language"] == "en", "article_id"])
            titles += [
                t
                for a, t in zip(articles["article_id"], articles["title"], strict=True)
                if a in english and isinstance(t, str) and t
            ]
            paragraphs = read_table(out / "paragraphs.parquet")
            for a, kind, text in zip(
                paragraphs["article_id"], paragraphs["kind"], paragraphs["text"], strict=True
            ):
                if a in english:
                    (body if kind == "body" else headings).append(str(text))
    vocabulary = sorted({w for p in body for w in bench.PLAIN_WORD.findall(p)})
    return {"body": body, "headings": headings or ["More"], "titles": titles, "vocabulary": vocabulary}


def png_height(path: Path) -> int:
    """The height of a PNG file in pixels (from its IHDR chunk)."""
    with open(path, "rb") as handle:
        head = handle.read(24)
    return struct.unpack(">I", head[20:24])[0]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=500, help="articles in the corpus (default 500)")
    p.add_argument("--out", type=Path, required=True, help="working folder (raw/, processed/, reports/)")
    p.add_argument("--jobs", type=int, default=1, help="--jobs of tiktok-study run")
    args = p.parse_args(argv)
    raw = args.out / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    pool = real_pool()
    with open(raw / "corpus.jsonl", "w", encoding="utf-8") as handle:
        for i in range(args.n):
            handle.write(json.dumps(bench.synthetic_article(i, pool, seed=14), ensure_ascii=False) + "\n")
    cmd = [
        sys.executable, "-m", "tiktok_study", "run", "--raw", str(raw), "--processed", str(args.out / "processed"),
        "--out", str(args.out / "reports"), "--jobs", str(args.jobs),
    ]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    reports = args.out / "reports"
    heights = {str(f.relative_to(reports)): png_height(f) for f in sorted(reports.glob("figures/**/*.png"))}
    html = {str(f.relative_to(reports)): f.stat().st_size for f in sorted(reports.glob("**/*.html"))}
    result = {
        "n_articles": args.n,
        "paragraph_pool": len(pool["body"]),
        "exit": done.returncode,
        "wall_s": round(wall, 1),
        "tallest_figure_px": max(heights.values(), default=0),
        "largest_html_mb": round(max(html.values(), default=0) / 2**20, 2),
        "figures": heights,
        "html_bytes": html,
    }
    print(json.dumps({k: v for k, v in result.items() if k not in ("figures", "html_bytes")}, indent=2))
    (args.out / "report-scale.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if done.returncode:
        print(done.stderr[-3000:], file=sys.stderr)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
