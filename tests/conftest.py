"""Shared fixtures."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def no_network(monkeypatch):
    """Make any attempt to open a network connection fail, as on a locked-down machine."""

    def refuse(*args, **kwargs):
        raise OSError("network access is disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def build_notebook(path: Path, parameters: str, *cells: str, options: dict | None = None) -> Path:
    """Write a notebook with one ``parameters`` cell and the given code cells (no outputs)."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "tiktok-study",
        "display_name": "Python (tiktok-study)",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    if options:
        nb.metadata["tiktok_study"] = options
    first = nbformat.v4.new_code_cell(parameters)
    first.metadata["tags"] = ["parameters"]
    nb.cells = [first, *(nbformat.v4.new_code_cell(c) for c in cells)]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


@pytest.fixture
def make_notebook():
    return build_notebook
