"""Build hook: the wheel carries the notebook templates (``notebooks/``, the one source) as package data.

Everything else about the package is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

NOTEBOOKS = Path(__file__).resolve().parent / "notebooks"
TEMPLATE_SUFFIXES = {".ipynb", ".yaml"}


class BuildWithNotebooks(build_py):
    """``build_py`` that also copies ``notebooks/`` to ``tiktok_study/templates/notebooks`` in the build."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the checkout's notebooks/ directly
        target = Path(self.build_lib) / "tiktok_study" / "templates" / "notebooks"
        for path in sorted(NOTEBOOKS.rglob("*")):
            relative = path.relative_to(NOTEBOOKS)
            if (
                path.is_file()
                and path.suffix in TEMPLATE_SUFFIXES
                and not any(part.startswith(".") for part in relative.parts)
            ):
                (target / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target / relative)


setup(cmdclass={"build_py": BuildWithNotebooks})
