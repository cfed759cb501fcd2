"""py3langid's ``classify`` against :class:`~tiktok_study.normalize.language.FastIdentifier` on the samples
``normalize`` classifies (issue #16): CPU seconds of each, and whether every answer is identical.

The samples are rebuilt from a processed folder's ``articles`` table exactly as ``rows.article_rows`` builds
them (the title goes first when the text is shorter than 200 characters), cut to ``LANGUAGE_PREFIX``::

    python benchmarks/language_speed.py /tmp/nf/p2000
"""

from __future__ import annotations

import json
import sys
import time

import pyarrow.parquet as pq
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from tiktok_study.normalize.language import FastIdentifier
from tiktok_study.normalize.rows import LANGUAGE_PREFIX


def main() -> int:
    table = pq.read_table(f"{sys.argv[1]}/articles.parquet", columns=["title", "text"]).to_pylist()
    samples = [
        (r["text"] if len(r["text"]) >= 200 or not r["title"] else f"{r['title']}\n\n{r['text']}")[
            :LANGUAGE_PREFIX
        ]
        for r in table
    ]
    report: dict[str, object] = {"samples": len(samples)}
    answers = {}
    for name, cls in (("py3langid", LanguageIdentifier), ("FastIdentifier", FastIdentifier)):
        started = time.process_time()
        identifier = cls.from_model_file(MODEL_FILE, norm_probs=True)
        loaded = time.process_time()
        answers[name] = [identifier.classify(s) for s in samples]
        report[name] = {
            "load_cpu_s": round(loaded - started, 2),
            "classify_cpu_s": round(time.process_time() - loaded, 2),
        }
    report["identical"] = answers["py3langid"] == answers["FastIdentifier"]
    sys.stdout.write(json.dumps(report, indent=2) + "\n")
    return 0 if report["identical"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
