"""Corpus normalization: raw articles of any outlet → clean, structured, auditable tables.

The public API (see :mod:`.pipeline` for the tables and their extra columns):

* :func:`normalize_text` — one article given as text → :class:`Tables` (``articles``, ``paragraphs``,
  ``sentences``, ``removed``);
* :func:`normalize_folder` — every file of a raw folder → Parquet tables in a processed folder, plus
  ``skipped``; returns a :class:`NormalizeSummary`.

The modules, in the order the work flows:

* :mod:`.readers` — files (txt in any encoding, markdown, HTML, JSONL/CSV exports) → lines and metadata;
* :mod:`.lines` — cleaning (ftfy, NFC, whitespace) and markdown reduction of each line;
* :mod:`.boilerplate` — the named rules that cut lines (:data:`RULES`, kept in :mod:`.rules`; word counts and
  line keys in :mod:`.words`);
* :mod:`.furniture` — page furniture that needs the page's shape (teasers, flattened blocks, footers);
* :mod:`.metadata` — bylines, editors, sources, sections, dates; :mod:`.outlets` — organisations, site names;
* :mod:`.article` — header / body / footer of one article;
* :mod:`.structure` — paragraphs, headings, dateline, sentences and offsets.

Example:
    >>> from tiktok_study.normalize import normalize_text
    >>> normalize_text("Lawmakers clashed with the company over the ban.").paragraphs["text"].tolist()
    ['Lawmakers clashed with the company over the ban.']
"""

from __future__ import annotations

import logging

from tiktok_study.normalize.boilerplate import RULES
from tiktok_study.normalize.pipeline import (
    LANGUAGE_PREFIX,
    SCHEMAS,
    NormalizeSummary,
    Tables,
    detect_language,
    normalize_folder,
    normalize_text,
)
from tiktok_study.normalize.readers import MAX_EXPORT_BYTES, MAX_FILE_BYTES, SUPPORTED

__all__ = [
    "LANGUAGE_PREFIX",
    "MAX_EXPORT_BYTES",
    "MAX_FILE_BYTES",
    "RULES",
    "SCHEMAS",
    "SUPPORTED",
    "NormalizeSummary",
    "Tables",
    "detect_language",
    "normalize_folder",
    "normalize_text",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
