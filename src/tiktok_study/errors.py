"""The project's exceptions, mapped to the CLI's exit status (see docs/contract.md)."""

from __future__ import annotations

__all__ = ["RunError", "UsageError"]


class UsageError(ValueError):
    """Bad usage or bad input named on the command line (missing folder, unknown notebook or parameter): exit 2."""


class RunError(RuntimeError):
    """A run that failed (a notebook cell raised, a table could not be written): exit 1."""
