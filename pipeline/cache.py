"""Per-document result cache: the records extracted from one document, keyed by everything they depend on.

Key = SHA-256 of the document's bytes, its id and date, the model name and version, the settings
that change records (:meth:`Settings.output_key`), and a fingerprint of the pipeline's code and
``resources/`` data files. Changing a file re-processes that file only; changing a rule, a word list,
the model or an output setting invalidates every entry. Entries are pickled :class:`Analysis`
records, written atomically (a run killed mid-write leaves no half entry).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from . import __version__
from .analysis import Analysis
from .config import Settings
from .schema import Document

_PACKAGE = Path(__file__).resolve().parent


@cache
def code_fingerprint() -> str:
    """Hash of the package's source files and resource data (so an edited rule or word list invalidates)."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(_PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def model_version(name: str) -> str:
    """Installed version of the spaCy model package ``name``, without loading it."""
    from spacy.util import get_package_version

    return get_package_version(name) or "unknown"


def run_fingerprint(settings: Settings) -> str:
    """What every cache key of a run shares: code, resources, model and output settings."""
    parts = [code_fingerprint(), settings.model, model_version(settings.model), settings.output_key()]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


class ResultCache:
    """Analysis records of documents, one file per document under ``folder``."""

    def __init__(self, folder: Path, settings: Settings) -> None:
        self.folder = Path(folder)
        self.fingerprint = run_fingerprint(settings)
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0

    def key(self, document: Document) -> str:
        """The cache key of a document's records."""
        parts = [self.fingerprint, document.doc_id, document.sha256, str(document.date), str(document.encoding)]
        return hashlib.sha256("\x00".join(parts).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, document: Document) -> Analysis | None:
        """The cached records of ``document``, or None (absent or unreadable entries count as misses)."""
        key = self.key(document)
        self.used.add(key)
        try:
            with self._path(key).open("rb") as handle:
                analysis = pickle.load(handle)
        except Exception:  # missing, truncated or from an older code version: a miss, never an error
            self.misses += 1
            return None
        if not isinstance(analysis, Analysis):
            self.misses += 1
            return None
        self.hits += 1
        return analysis

    def put(self, document: Document, analysis: Analysis) -> None:
        """Store ``analysis`` for ``document`` (failures are not cached: they are retried next run)."""
        if analysis.error is not None:
            return
        key = self.key(document)
        self.used.add(key)
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{key[:8]}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(analysis, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def prune(self) -> int:
        """Delete the entries this run did not use (stale keys, leftovers of killed writes); return how many."""
        removed = 0
        for path in self._entries():
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def _entries(self) -> Iterable[Path]:
        return _cache_files(self.folder)


_SHARD = "[0-9a-f][0-9a-f]"


def _cache_files(folder: Path) -> list[Path]:
    """The entries and leftover temporary files of a cache folder (nothing else that may be there)."""
    if not folder.is_dir():
        return []
    return [*folder.glob(f"{_SHARD}/*.pickle"), *folder.glob(f"{_SHARD}/.*.tmp")]


def remove_cache(folder: Path) -> None:
    """Delete a cache's entries, its shard folders once empty, and the folder itself if then empty.

    ``--no-cache`` leaves no cache behind; files that are not cache entries are never touched.
    """
    for path in _cache_files(folder):
        path.unlink(missing_ok=True)
    for shard in folder.glob(_SHARD) if folder.is_dir() else []:
        with contextlib.suppress(OSError):
            shard.rmdir()
    with contextlib.suppress(OSError):
        folder.rmdir()
