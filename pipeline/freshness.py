"""Whether a run would reproduce the published outputs: same inputs, settings, code and model, files intact.

A run stamps its manifest with :func:`inputs_key` (a hash of everything its records depend on) and the size
and SHA-256 of every file it published. A later run over the same corpus into the same folder first asks
:func:`up_to_date`; when the key is the same, no document failed last time (failures are retried), and every
published file is still what the run wrote, the outputs are left as they are: nothing would change in
them. Anything else (an edited, added or removed file, a changed metadata file, setting, word list, rule
or model, a damaged or missing output) runs the pipeline as usual. ``--no-cache`` always runs it.

This module imports nothing heavy (no spaCy, no pandas): ``pipeline run`` asks it before it loads anything.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from functools import cache
from importlib import metadata as package_metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__

if TYPE_CHECKING:
    from .config import Settings

_PACKAGE = Path(__file__).parent
#: The manifest key of the stamp.
STAMP = "freshness"
#: Libraries whose version can change the parses or the files written.
LIBRARIES = ("spacy", "thinc", "numpy", "pyarrow", "pandas")
#: Settings that change how a run goes, not what it writes.
EXECUTION_SETTINGS = frozenset({"workers", "batch_size", "engine", "scheduler", "cache", "cache_dir"})
_BLOCK = 1 << 20


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
    """Installed version of the package ``name`` (a spaCy model), without importing it (``unknown`` for a path)."""
    try:
        return package_metadata.version(name)
    except (package_metadata.PackageNotFoundError, ValueError):
        return "unknown"


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, read a block at a time."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def inputs_key(corpus: Path, settings: Settings) -> str | None:
    """A hash of everything a run's outputs depend on; None when it cannot be known (the model is a folder).

    The code and resources, the model and its version, the versions of the libraries that parse and write
    (:data:`LIBRARIES`), the settings that change what is written, the corpus folder, its metadata file,
    and each file's id and bytes (or why it is not read: a skipped link, a
    folder that cannot be listed, a file over ``max_file_bytes``).
    """
    from .ingest import list_corpus  # the corpus listing of a run, with its rules on hidden files and links

    version = model_version(settings.model)
    if version == "unknown":
        return None
    chosen = {name: value for name, value in settings.as_dict().items() if name not in EXECUTION_SETTINGS}
    libraries = [f"{name} {model_version(name)}" for name in LIBRARIES]
    digest = hashlib.sha256()
    head = [code_fingerprint(), settings.model, version, *libraries, json.dumps(chosen, sort_keys=True, default=str)]
    digest.update("\x00".join(head).encode())
    corpus = Path(corpus)
    digest.update(os.fsencode(corpus.resolve()))
    metadata = corpus / settings.metadata_file
    digest.update(file_digest(metadata).encode() if metadata.is_file() else b"no metadata")
    for entry in list_corpus(corpus, metadata_file=settings.metadata_file, follow_links=settings.follow_links):
        digest.update(b"\x00" + os.fsencode(entry.doc_id) + b"\x00")
        if entry.error is not None or entry.skipped is not None:
            digest.update(f"not read: {entry.error or entry.skipped}".encode())
            continue
        try:
            if not entry.path.is_file():
                digest.update(b"not a regular file")
            elif (size := entry.path.stat().st_size) > settings.max_file_bytes:
                digest.update(f"over the size limit: {size}".encode())
            else:
                digest.update(file_digest(entry.path).encode())
        except OSError as exc:
            digest.update(f"cannot read: {exc.strerror}".encode())
    return digest.hexdigest()


def stamp(key: str | None, run_folder: Path, files: list[str]) -> dict[str, Any]:
    """The manifest's stamp of a run: its inputs key and the size and SHA-256 of each file it publishes."""
    return {
        "inputs_key": key,
        "files": {name: [(run_folder / name).stat().st_size, file_digest(run_folder / name)] for name in files},
    }


def _published_intact(out_dir: Path, files: Mapping[str, Any]) -> bool:
    """Whether each file a reader opens in ``out_dir`` (through its link, if published with links) is as written."""
    for name, (size, digest) in files.items():
        path = out_dir / name
        try:
            if path.stat().st_size != size or file_digest(path) != digest:
                return False
        except OSError:
            return False
    return bool(files)


def up_to_date(corpus: Path, out_dir: Path, settings: Settings, *, key: str | None = None) -> dict[str, Any] | None:
    """The published run's manifest if a run of ``settings`` over ``corpus`` would write the same outputs, else None.

    Never with the cache off (``--no-cache`` runs everything again). ``key``: the :func:`inputs_key` of the
    corpus, when the caller has it already.
    """
    if not settings.cache:
        return None
    from .export import MANIFEST, published_folder

    run_folder = published_folder(Path(out_dir))
    try:
        manifest = json.loads((run_folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    recorded = manifest.get(STAMP) if isinstance(manifest, dict) else None
    if not isinstance(recorded, dict) or not recorded.get("inputs_key"):
        return None
    if set(manifest.get("status", {})) - {"ok", "skipped"}:
        return None  # failed documents are analysed again
    if recorded["inputs_key"] != (key or inputs_key(corpus, settings)):
        return None
    return manifest if _published_intact(Path(out_dir), recorded.get("files", {})) else None
