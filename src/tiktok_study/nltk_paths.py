"""Where NLTK looks for its data, reproduced without importing NLTK (``import nltk`` costs seconds: SciPy).

:func:`search_path` is ``nltk.data.path`` as NLTK builds it on import, and :func:`private` is NLTK's trust test
for a data folder or file (``nltk.pathsec``). The modules that read NLTK's data files themselves
(:mod:`tiktok_study.vader`, :mod:`tiktok_study.punkt`) walk this path in this order and defer to NLTK whenever
NLTK could decide otherwise.

Example:
    >>> search_path()[-1]
    '/usr/local/lib/nltk_data'
"""

from __future__ import annotations

import os
import sys

__all__ = ["private", "search_path"]


def search_path() -> list[str]:
    """``nltk.data.path`` as NLTK builds it on import (NLTK_DATA, ~/nltk_data, then the system folders)."""
    paths = [os.path.expanduser(d) for d in os.environ.get("NLTK_DATA", "").split(os.pathsep) if d]
    if "APPENGINE_RUNTIME" not in os.environ and os.path.expanduser("~/") != "~/":
        paths.append(os.path.expanduser("~/nltk_data"))
    paths += [os.path.join(sys.prefix, "nltk_data"), os.path.join(sys.prefix, "share", "nltk_data"),
              os.path.join(sys.prefix, "lib", "nltk_data")]  # fmt: skip
    paths += [
        "/usr/share/nltk_data",
        "/usr/local/share/nltk_data",
        "/usr/lib/nltk_data",
        "/usr/local/lib/nltk_data",
    ]
    return paths


def private(path: str, *, follow: bool = True) -> bool:
    """NLTK's trust test (``nltk.pathsec``): owned by this user or root, no group or world write bit.

    Args:
        path: a folder or file.
        follow: judge the target of a symbolic link (``os.stat``); False judges the entry itself (``os.lstat``,
            as NLTK judges the entries under a data folder it reads whole).
    """
    st = os.stat(path) if follow else os.lstat(path)
    return st.st_uid in (os.geteuid(), 0) and not st.st_mode & 0o022
