"""Score a normalization run against a gold file of real articles (the rules of corpus-dev's ``check.py``).

A gold file is ``{"files": {name: {title, authors, published, language, first_words, last_words,
must_not_contain, ...}}}``. An article is clean when its title, authors (word order inside a name free),
language and (where the gold has one) publication date match; its body text starts with ``first_words`` and
ends with ``last_words`` (within 300 characters of either end); and none of its ``must_not_contain`` strings is
left in the body. For a multi-record file the gold describes its first record (article ids ``<stem>-<n>``).

Used by ``tests/test_normalize_real.py`` for every folder of real articles with a ``gold.json``, and from the
command line: ``python tests/realcheck.py PROCESSED GOLD`` prints each article's problems.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import pandas as pd

__all__ = ["flat", "load_gold", "problems", "score"]

_PLAIN = (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u00a0", " "))


def flat(s: object) -> str:
    """Text as a reader compares it: NFKC, typographic quotes and spaces made plain, spaces collapsed, casefolded."""
    t = unicodedata.normalize("NFKC", str(s or ""))
    for a, b in _PLAIN:
        t = t.replace(a, b)
    return " ".join(t.split()).casefold()


def _name(a: object) -> tuple[str, ...]:
    return tuple(sorted(flat(a).split()))


def problems(gold: dict, row: pd.Series | dict) -> list[str]:
    """What is wrong with one article row (``title``, ``authors``, ``language``, ``published``, ``text``)."""
    body = flat(row["text"])
    out: list[str] = []
    left = [m for m in gold["must_not_contain"] if flat(m) and flat(m) in body]
    if left:
        out.append(f"furniture left ({len(left)}): " + "; ".join(repr(m[:40]) for m in left))
    first = flat(gold["first_words"])
    if first[:40] not in body[: 300 + len(first)]:
        out.append(f"body starts {body[:60]!r}")
    if flat(gold["last_words"])[-30:] not in body[-300:]:
        out.append(f"body ends {body[-60:]!r}")
    if flat(gold["title"]) != flat(row["title"]):
        out.append(f"title {str(row['title'])[:60]!r}")
    authors = row["authors"]
    got = [] if authors is None else [_name(a) for a in authors]
    if sorted(got) != sorted(_name(a) for a in gold["authors"]):
        out.append(f"authors {list(authors) if authors is not None else []}")
    if (gold.get("language") or "")[:2] != str(row["language"] or "")[:2]:
        out.append(f"language {row['language']!r}")
    published = row.get("published") if hasattr(row, "get") else row["published"]
    if gold.get("published") and str(published or "")[:10] != gold["published"]:
        out.append(f"published {published!r}")
    return out


def load_gold(gold_path: Path) -> dict[str, dict]:
    """The ``files`` mapping of a gold file."""
    return json.loads(Path(gold_path).read_text(encoding="utf-8"))["files"]


def score(processed_dir: Path, gold_path: Path) -> dict[str, list[str]]:
    """Problems of every gold article in a processed folder: ``{file name: [problem, ...]}`` (empty = clean)."""
    gold = load_gold(gold_path)
    articles = pd.read_parquet(Path(processed_dir) / "articles.parquet")
    out: dict[str, list[str]] = {}
    for name, g in gold.items():
        stem = name.rsplit(".", 1)[0]
        rows = articles[(articles.article_id == stem) | articles.article_id.str.startswith(stem + "-")]
        out[name] = problems(g, rows.sort_values("article_id").iloc[0]) if len(rows) else ["not in articles"]
    return out


if __name__ == "__main__":
    results = score(Path(sys.argv[1]), Path(sys.argv[2]))
    for file, found in results.items():
        print(("ok   " if not found else "FAIL ") + file + ("" if not found else ": " + " | ".join(found)))
    print(f"{sum(not f for f in results.values())}/{len(results)} articles clean")
