"""tiktok_study — framing, tone, quoted statistics and quotations in news about the US TikTok ban.

Import the helpers in any notebook of the environment::

    import tiktok_study as ts
    corpus = ts.load_corpus()                 # the processed tables as DataFrames
    ts.extract_statistics("Over 90,000 posts.")

Submodules and API functions load on first use, so ``import tiktok_study`` stays quick.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

__all__ = [
    "__version__",
    "check_parameters",
    "config",
    "extract_quotes",
    "extract_statistics",
    "frame_profile",
    "load_corpus",
    "normalize_text",
    "notebook",
    "score_sentiment",
    "sentence_spans",
    "validate",
]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

_API = {
    "load_corpus": "tiktok_study.corpus",
    "normalize_text": "tiktok_study.normalize",
    "score_sentiment": "tiktok_study.sentiment",
    "frame_profile": "tiktok_study.frames",
    "extract_statistics": "tiktok_study.statistics",
    "extract_quotes": "tiktok_study.quotes",
    "validate": "tiktok_study.validation",
    "sentence_spans": "tiktok_study.text",
    "check_parameters": "tiktok_study.params",
}
_SUBMODULES = {
    "actors", "analyze", "codebook", "config", "corpus", "frames", "io", "normalize", "notebook", "params",
    "quotes", "render", "resources", "schema", "sentiment", "statistics", "text", "validation", "plots", "views",
    "metrics", "calibrate", "classifier", "coding", "prevalence", "sample", "user_regex", "compare", "vader",
    "generation", "alternation", "contract",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    if name in _API:
        value = getattr(importlib.import_module(_API[name]), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module 'tiktok_study' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(__all__) | _SUBMODULES)
