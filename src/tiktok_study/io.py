"""Reading and writing the project's tables: Parquet, atomic, byte-identical for identical input.

Example:
    >>> import pandas as pd, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> path = write_table(pd.DataFrame({"a": [1, 2]}), folder / "t.parquet")
    >>> read_table(path)["a"].tolist()
    [1, 2]
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

__all__ = ["TableWriteError", "read_table", "sha256_file", "write_table"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())


class TableWriteError(OSError):
    """A table could not be written; nothing was left half-written."""


def sha256_file(path: str | os.PathLike[str], *, chunk: int = 1 << 20) -> str:
    """Return the hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def write_table(df: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write ``df`` as Parquet at ``path`` atomically (temporary file in the same folder, then rename).

    The file carries no pandas index and no writer timestamps, so the same frame gives the same bytes.

    Raises:
        TableWriteError: the folder cannot be created or written; names the path.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        table = pa.Table.from_pandas(df.reset_index(drop=True), preserve_index=False)
        # pandas metadata holds library versions only; drop it so bytes do not change with an upgrade.
        table = table.replace_schema_metadata(None)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        try:
            pq.write_table(table, tmp, compression="zstd", write_statistics=True, store_schema=True)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise TableWriteError(
            f"cannot write table {target}: {exc.strerror or exc}; choose a writable folder with --out"
        ) from exc
    logger.debug("wrote %s (%d rows)", target, len(df))
    return target


def read_table(path: str | os.PathLike[str], *, columns: list[str] | None = None) -> pd.DataFrame:
    """Read one Parquet table written by :func:`write_table`."""
    return pq.read_table(path, columns=columns).to_pandas()
