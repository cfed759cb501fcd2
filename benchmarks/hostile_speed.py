"""CPU seconds per 100 KB of hostile text for each extractor (issue #12, "Bad input"; not part of the test suite).

Issue 12 asks that extraction stay linear and that no input take more than 1 s per 100 KB. Each input below is
built at 100 KB and at 1 MB (one paragraph, one "sentence"), every extractor runs once on a short warm-up text
first (regexes, lexicons, the Punkt parameters and their imports are paid there, not in the figure), and the
CPU seconds (``time.process_time``) of one run are printed, with the 1 MB / 100 KB ratio (linear: about 10)::

    python benchmarks/hostile_speed.py                    # every input, 100 KB and 1 MB
    python benchmarks/hostile_speed.py --sizes 100000     # 100 KB only
    python benchmarks/hostile_speed.py --only ones quotes # some inputs
"""

from __future__ import annotations

import argparse
import sys
import time

import pandas as pd

from tiktok_study.actors import find_actors
from tiktok_study.frames import match_text
from tiktok_study.quotes import extract_quotes
from tiktok_study.statistics import extract_statistics

#: One repeating unit per hostile input, repeated to the size asked for.
UNITS = {
    "ones": "1 ",  # the densest run of bare numbers
    "numbers": "12,345 6.5% $3bn 7-5 64GB 1990s 9/11 ",  # every kind of number, no words
    "quote-digits": "\"1\" “2” ‘3’ '4' ",  # digits in every quotation mark
    "quotes": "\" “ ” ‘ ’ ' « » ",  # unbalanced quotation marks only
    "long-quote": "“We will not ban TikTok,” said Smith, “because 170 million Americans use it. ",
    "rtl": "قال المسؤول إن ١٢٣ مليون مستخدم “يرفضون الحظر” في ٢٠٢٤، ואמר השר 45% מהם. ",
    "prose": "Officials said on Tuesday that TikTok, owned by ByteDance, faces a ban; "
    "“We disagree,” a spokesperson told reporters. About 170 million Americans use it. ",
}


def _sentences(text: str) -> pd.DataFrame:
    return pd.DataFrame(
        {"article_id": ["h"], "paragraph_id": [0], "sentence_id": [0], "text": [text], "start": [0],
         "end": [len(text)]}
    )  # fmt: skip


EXTRACTORS = {
    "statistics": extract_statistics,
    "quotes": extract_quotes,
    "frames": match_text,
    "actors": lambda text: find_actors(_sentences(text)),
}


def _cpu(fn, text: str) -> float:
    started = time.process_time()
    fn(text)
    return time.process_time() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000], help="characters")
    parser.add_argument("--only", nargs="+", choices=sorted(UNITS), default=sorted(UNITS))
    parser.add_argument("--extractors", nargs="+", choices=sorted(EXTRACTORS), default=sorted(EXTRACTORS))
    args = parser.parse_args(argv)
    for name in args.extractors:
        EXTRACTORS[name](UNITS["prose"])  # warm-up: imports, lexicons, compiled alternations
    head = ["input", "extractor", *(f"{n // 1000} KB s" for n in args.sizes), "s per 100 KB (max)"]
    sys.stdout.write("| " + " | ".join(head) + " |\n|" + "---|" * len(head) + "\n")
    for unit_name in args.only:
        unit = UNITS[unit_name]
        for name in args.extractors:
            seconds = []
            for size in args.sizes:
                text = (unit * (size // len(unit) + 1))[:size]
                seconds.append(_cpu(EXTRACTORS[name], text))
            per = max(s / (n / 100_000) for s, n in zip(seconds, args.sizes, strict=True))
            cells = [unit_name, name, *(f"{s:.2f}" for s in seconds), f"{per:.2f}"]
            sys.stdout.write("| " + " | ".join(cells) + " |\n")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
