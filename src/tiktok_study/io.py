"""Reading and writing the project's tables: Parquet, atomic, byte-identical for identical input.

:func:`write_table` writes a whole DataFrame at once; :class:`TableWriter` writes a table part by part (one
Parquet row group per part) with a fixed Arrow schema, so a corpus never has to fit in memory. Both write a
temporary file in the target folder and rename it at the end: a reader sees the old file or the new one, never
half of one.

Example:
    >>> import pandas as pd, pyarrow as pa, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> path = write_table(pd.DataFrame({"a": [1, 2]}), folder / "t.parquet")
    >>> read_table(path)["a"].tolist()
    [1, 2]
    >>> with TableWriter(folder / "s.parquet", pa.schema([("a", pa.int64())])) as writer:
    ...     n = writer.write(pa.table({"a": [1, 2]}))
    ...     n = writer.write(pa.table({"a": [3]}))
    >>> read_table(folder / "s.parquet")["a"].tolist(), writer.rows, writer.row_groups
    ([1, 2, 3], 3, 2)
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

__all__ = [
    "BATCH_ARTICLES",
    "PARQUET_OPTIONS",
    "TableWriteError",
    "TableWriter",
    "atomic_path",
    "atomic_write_bytes",
    "atomic_write_text",
    "read_table",
    "sha256_file",
    "write_table",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())


#: Articles per Parquet row group of every table written in batches (``normalize`` and ``analyze``): a table's
#: bytes depend on it, never on ``--jobs`` or the engine.
BATCH_ARTICLES = 1000

#: Options of every Parquet file written (no writer timestamps: the same rows give the same bytes).
PARQUET_OPTIONS: dict[str, Any] = {"compression": "zstd", "write_statistics": True, "store_schema": True}


class TableWriteError(OSError):
    """A table could not be written; nothing was left half-written."""


def sha256_file(path: str | os.PathLike[str], *, chunk: int = 1 << 20) -> str:
    """Return the hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def _temp_beside(target: Path) -> Path:
    """A new empty temporary file in ``target``'s folder (created with it if needed)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    return Path(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _publish(tmp: Path, target: Path) -> None:
    """Give ``tmp`` the permissions of a newly created file (umask applied) and move it to ``target``."""
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp creates files 0600, whatever the umask
    os.replace(tmp, target)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on leaving the block without an error it replaces ``path``.

    A reader sees the old file or the new one, never half of one; on an error the temporary file is removed and
    ``path`` is left as it was. The new file gets the usual permissions (``0666`` less the umask).

    Example:
        >>> import tempfile, pathlib
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
        >>> with atomic_path(target) as tmp:
        ...     _ = tmp.write_text("done")
        >>> target.read_text()
        'done'
    """
    target = Path(path)
    tmp = _temp_beside(target)
    try:
        yield tmp
        _publish(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_path`); return the path."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def atomic_write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` atomically (see :func:`atomic_path`)."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def write_table(df: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write ``df`` as Parquet at ``path`` atomically (temporary file in the same folder, then rename).

    The file carries no pandas index and no writer timestamps, so the same frame gives the same bytes.

    Raises:
        TableWriteError: the folder cannot be created or written; names the path.
    """
    target = Path(path)
    table = pa.Table.from_pandas(df.reset_index(drop=True), preserve_index=False)
    # pandas metadata holds library versions only; drop it so bytes do not change with an upgrade.
    table = table.replace_schema_metadata(None)
    try:
        with atomic_path(target) as tmp:
            pq.write_table(table, tmp, **PARQUET_OPTIONS)
    except OSError as exc:
        raise TableWriteError(
            f"cannot write table {target}: {exc.strerror or exc}; choose a writable folder with --out"
        ) from exc
    logger.debug("wrote %s (%d rows)", target, len(df))
    return target


class TableWriter:
    """Write one Parquet table part by part, with a fixed schema, atomically (a context manager).

    Each :meth:`write` call becomes one row group (its rows are first made contiguous, so the file's bytes
    depend only on the rows and on where the parts begin, never on how the Arrow data was chunked). A part
    without rows writes nothing. The file appears at ``path`` on :meth:`close` (on leaving the ``with`` block
    without an error); :meth:`abort` (or an error inside the block) removes the temporary file and leaves an
    earlier file at ``path`` untouched. A table that never gets a part is still written, empty, with the schema.

    Args:
        path: the Parquet file to write.
        schema: the columns and Arrow types of the table; every part must have these columns in this order
            (types are cast to it, so a part whose column is all null keeps the column's type).

    Raises:
        TableWriteError: the folder cannot be created or written; names the path.
    """

    def __init__(self, path: str | os.PathLike[str], schema: pa.Schema) -> None:
        self.path = Path(path)
        self.schema = schema.remove_metadata()
        self.rows = 0
        self.row_groups = 0
        self._tmp: Path | None = None
        self._writer: pq.ParquetWriter | None = None
        try:
            self._tmp = _temp_beside(self.path)
            self._writer = pq.ParquetWriter(self._tmp, self.schema, **PARQUET_OPTIONS)
        except OSError as exc:
            self.abort()
            raise self._error(exc) from exc

    def _error(self, exc: OSError) -> TableWriteError:
        return TableWriteError(
            f"cannot write table {self.path}: {exc.strerror or exc}; choose a writable folder with --out"
        )

    def write(self, data: pa.Table | pa.RecordBatch) -> int:
        """Append ``data`` as one row group; return its number of rows.

        Raises:
            ValueError: the columns of ``data`` are not those of the schema (names the difference).
            TableWriteError: the file cannot be written.
        """
        if self._writer is None:
            raise ValueError(f"{self.path}: the writer is closed")
        if data.schema.names != self.schema.names:
            raise ValueError(
                f"{self.path.name}: columns {data.schema.names} do not match the table's {self.schema.names}"
            )
        table = data if isinstance(data, pa.Table) else pa.Table.from_batches([data])
        if table.num_rows == 0:
            return 0
        if table.schema != self.schema:
            table = table.cast(self.schema)
        table = table.combine_chunks()
        try:
            self._writer.write_table(table, row_group_size=table.num_rows)
        except OSError as exc:
            self.abort()
            raise self._error(exc) from exc
        self.rows += table.num_rows
        self.row_groups += 1
        return table.num_rows

    def close(self) -> Path:
        """Finish the file and move it to ``path``; return ``path``."""
        if self._writer is None or self._tmp is None:
            raise ValueError(f"{self.path}: the writer is closed")
        try:
            self._writer.close()
            self._writer = None
            _publish(self._tmp, self.path)
            self._tmp = None
        except OSError as exc:
            self.abort()
            raise self._error(exc) from exc
        logger.debug("wrote %s (%d rows, %d row groups)", self.path, self.rows, self.row_groups)
        return self.path

    def abort(self) -> None:
        """Drop the temporary file; leave ``path`` as it was."""
        if self._writer is not None:
            try:
                self._writer.close()
            except Exception:  # closing a broken writer may fail too; the file is removed below
                logger.debug("closing %s after an error failed", self._tmp, exc_info=True)
            self._writer = None
        if self._tmp is not None:
            self._tmp.unlink(missing_ok=True)
            self._tmp = None

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()


def read_table(path: str | os.PathLike[str], *, columns: list[str] | None = None) -> pd.DataFrame:
    """Read one Parquet table written by :func:`write_table`."""
    return pq.read_table(path, columns=columns).to_pandas()
