"""tiktok_study — framing, tone, quoted statistics and quotations in news about the US TikTok ban.

Import the helpers in any notebook of the environment::

    import tiktok_study as ts
    corpus = ts.load_corpus()
"""

from __future__ import annotations

import logging

from tiktok_study import config
from tiktok_study.text import sentence_spans

__all__ = ["__version__", "config", "sentence_spans"]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
