"""Measurement validity: agreement of the tool's codes with a human-coded gold file (``tiktok-study validate``).

Four kinds of gold file (formats in :mod:`.gold`; a coding guide in ``data/gold/README.md``):

* ``sentiment`` — CSV ``text, score``: Pearson and Spearman r between VADER (the mean of the sentence compounds
  of a text, sentences split by :func:`tiktok_study.text.sentence_spans`) and the human score; three-class
  precision, recall and F1 (VADER's ±0.05 thresholds for the tool; the gold score's sign for the human, or a
  neutral band of your choosing with ``gold_neutral``), per class, macro and weighted by support.
* ``frames`` — CSV ``article_id`` or ``text``, one 0/1 column per frame id, optional ``coder``: per frame
  precision, recall, F1, prevalence, the all-positive baseline's F1, Krippendorff's alpha (nominal) between the
  tool and the gold and, with several coders, between the coders (the ceiling, reported first with bootstrap intervals and
  a flag below 0.667).
* ``statistics`` — CSV ``text, value`` (optional ``high``, ``qualifier``): precision, recall and F1 on values.
* ``quotes`` — JSONL ``{"text": ..., "quotes": [{"quote": ..., "speaker": ...}]}``: precision, recall and F1
  of quote spans (overlapping and exact) and of quote + speaker.

Every figure has a 95% bootstrap percentile interval over the gold items (fixed seed), and every report lists
its misses so a reader sees why. :func:`read_gold` parses and checks a gold file (a bad one raises
:class:`~tiktok_study.errors.UsageError` naming the file, line and column); :func:`evaluate` scores any
predictions against it; :func:`validate` runs the tool's own pipeline first; :func:`validate_file` also writes
``validation-<kind>.json``.

Example:
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "gold.csv"
    >>> _ = path.write_text("text,score\\nWhat a wonderful day.,0.8\\nThis is awful.,-0.7\\nIt is Tuesday.,0\\n")
    >>> report = validate("sentiment", path, resamples=100)
    >>> report.summary["accuracy"], report.summary["n_items"]
    (1.0, 3)

The package: :mod:`.gold` (reading gold files), :mod:`.scoring` and :mod:`.framing` (figures per kind),
:mod:`.report` (the report), :mod:`.predict` (the tool's predictions, :func:`validate`).
"""

from __future__ import annotations

import logging

from tiktok_study import metrics
from tiktok_study.validation.framing import ALPHA_TENTATIVE, coder_reliability
from tiktok_study.validation.gold import FRAME_IDS, GOLD_FILE_NAMES, KINDS, Gold, gold_files, read_gold
from tiktok_study.validation.predict import (
    predict_frames,
    predict_quotes,
    predict_sentiment,
    predict_statistics,
    validate,
    validate_file,
)
from tiktok_study.validation.report import ValidationReport
from tiktok_study.validation.scoring import evaluate

__all__ = [
    "ALPHA_TENTATIVE",
    "FRAME_IDS",
    "GOLD_FILE_NAMES",
    "KINDS",
    "Gold",
    "ValidationReport",
    "coder_reliability",
    "evaluate",
    "gold_files",
    "metrics",
    "predict_frames",
    "predict_quotes",
    "predict_sentiment",
    "predict_statistics",
    "read_gold",
    "validate",
    "validate_file",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
