"""Per-document result cache: the records extracted from one document, keyed by everything they depend on.

Key = SHA-256 of the document's bytes, its id and date, the model name and version, the settings
that change records (:meth:`Settings.output_key`), and a fingerprint of the pipeline's code and
``resources/`` data files. Changing a file re-processes that file only; changing a rule, a word list,
the model or an output setting invalidates every entry.

Entries are data, never code: each is four Arrow IPC streams (sentences, entities, quotes, issues, with
the tables' own schemas less ``doc_id``), compressed together with zstd, behind a header holding a
SHA-256 checksum of the key (which names the document) and the compressed body. An
entry that is truncated, tampered with, of another format or whose tables do not match the schema is
ignored, counted as bad and rewritten by the run. Entries live in one namespace per corpus folder
(``CACHE/corpora/<hash of the corpus path>/``): pruning and ``--no-cache`` touch only the namespace of
the corpus being run, so several corpora can share one ``cache_dir``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import struct
import tempfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa

from .analysis import Analysis
from .config import Settings
from .freshness import code_fingerprint, model_version
from .schema import TABLES, Document, to_arrow

#: First bytes of every entry: format name and version.
MAGIC = b"PIPECACHE\x00v2\x00"
#: The tables of an entry, in file order.
ENTRY_TABLES = ("sentences", "entities", "quotes", "issues")
_LENGTH = struct.Struct("<Q")
_DIGEST = 32
_SUFFIX = ".arrows"
NAMESPACES = "corpora"
_SHARD = "[0-9a-f][0-9a-f]"


class BadEntry(ValueError):
    """A cache entry that cannot be trusted (truncated, tampered with, or of another format)."""


def run_fingerprint(settings: Settings) -> str:
    """What every cache key of a run shares: code, resources, model and output settings."""
    parts = [code_fingerprint(), settings.model, model_version(settings.model), settings.output_key()]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def namespace_of(corpus: Path) -> str:
    """The cache namespace of a corpus folder: a hash of its resolved path."""
    return hashlib.sha256(os.fsencode(Path(corpus).resolve())).hexdigest()[:20]


# --- entry format ---------------------------------------------------------------------------------


@cache
def _stored_schema(name: str) -> pa.Schema:
    """A table's schema in an entry: its columns without ``doc_id`` (the entry is the document's)."""
    schema = TABLES[name].arrow_schema
    return schema.remove(schema.get_field_index("doc_id"))


_CODEC = pa.Codec("zstd")
#: Largest uncompressed body read back (an entry claiming more is refused before anything is allocated).
MAX_BODY = 1 << 30


def encode_entry(key: str, analysis: Analysis) -> bytes:
    """An Analysis as entry bytes.

    Layout: ``MAGIC``, SHA-256 of the key and the rest, the body's size, then the body compressed with
    zstd as a whole; the body is one Arrow IPC stream per table, each preceded by its length.
    """
    return encode_entries([(key, analysis)])[0]


def encode_entries(items: Sequence[tuple[str, Analysis]]) -> list[bytes]:
    """:func:`encode_entry` for several analyses: each table made once for all of them, then cut per entry."""
    tables = {}
    for name in ENTRY_TABLES:
        records = [record for _, analysis in items for record in getattr(analysis, name)]
        tables[name] = to_arrow(name, records).drop_columns(["doc_id"])
    offsets = dict.fromkeys(ENTRY_TABLES, 0)
    entries = []
    for key, analysis in items:
        parts = []
        for name in ENTRY_TABLES:
            rows = len(getattr(analysis, name))
            table = tables[name].slice(offsets[name], rows)
            offsets[name] += rows
            sink = pa.BufferOutputStream()
            with pa.ipc.new_stream(sink, table.schema) as writer:
                writer.write_table(table)
            stream = sink.getvalue().to_pybytes()
            parts.append(_LENGTH.pack(len(stream)) + stream)
        body = b"".join(parts)
        compressed: bytes = _CODEC.compress(body, asbytes=True)
        rest = _LENGTH.pack(len(body)) + compressed
        entries.append(MAGIC + hashlib.sha256(key.encode() + rest).digest() + rest)
    return entries


@cache
def _categories(name: str) -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple((c.name, frozenset(c.categories)) for c in TABLES[name].columns if c.categories is not None)


def _records(name: str, table: pa.Table, doc_id: str) -> list[Any]:
    if not table.schema.equals(_stored_schema(name)):
        raise BadEntry(f"{name}: columns do not match the schema")
    if not table.num_rows:
        return []
    columns = [column.to_pylist() for column in table.columns]
    for column, allowed in _categories(name):
        if not set(columns[table.schema.get_field_index(column)]) <= allowed:
            raise BadEntry(f"{name}.{column}: value outside its categories")
    record = TABLES[name].record
    return [record(doc_id, *row) for row in zip(*columns, strict=True)]


def decode_entry(key: str, data: bytes, *, doc_id: str) -> Analysis:
    """The Analysis stored in entry bytes, its records given ``doc_id``.

    Raises:
        BadEntry: wrong format or checksum (the key names the document), tables that do not match the schema.
    """
    start = len(MAGIC) + _DIGEST
    if not data.startswith(MAGIC) or len(data) < start + _LENGTH.size:
        raise BadEntry("not a cache entry of this format")
    rest = memoryview(data)[start:]
    if hashlib.sha256(key.encode() + rest).digest() != data[len(MAGIC) : start]:
        raise BadEntry("checksum mismatch (truncated or modified)")
    (size,) = _LENGTH.unpack_from(rest)
    if size > MAX_BODY:
        raise BadEntry("body too large")
    tables: dict[str, list[Any]] = {}
    position = 0
    try:
        body = _CODEC.decompress(rest[_LENGTH.size :], decompressed_size=size, asbytes=True)
        for name in ENTRY_TABLES:
            (length,) = _LENGTH.unpack_from(body, position)
            position += _LENGTH.size
            stream = pa.py_buffer(body[position : position + length])
            position += length
            tables[name] = _records(name, pa.ipc.open_stream(stream).read_all(), doc_id)
    except (struct.error, pa.ArrowException, TypeError, ValueError) as exc:
        raise BadEntry(f"unreadable tables: {exc}") from None
    if position != len(body):
        raise BadEntry("trailing bytes")
    return Analysis(tables["sentences"], tables["entities"], tables["quotes"], tables["issues"])


# --- the cache ------------------------------------------------------------------------------------


class ResultCache:
    """Analysis records of the documents of one corpus, one entry file per document.

    Args:
        folder: the cache folder (``cache_dir``, or ``OUT/.cache``), possibly shared by several corpora.
        settings: the run's settings (part of every key).
        corpus: the corpus folder, which names this cache's namespace inside ``folder``.
    """

    def __init__(self, folder: Path, settings: Settings, *, corpus: Path) -> None:
        self.root = Path(folder)
        self.folder = self.root / NAMESPACES / namespace_of(corpus)
        self.corpus = Path(corpus).resolve()
        self.fingerprint = run_fingerprint(settings)
        self.used: set[str] = set()
        #: Shard folders made (or found) by this run: not made again for each entry.
        self._folders: set[Path] = set()
        self.hits = 0
        self.misses = 0
        #: Entries found but not trusted (ignored; the document is parsed and its entry rewritten).
        self.bad = 0

    def key(self, document: Document) -> str:
        """The cache key of a document's records."""
        parts = [self.fingerprint, document.doc_id, document.sha256, str(document.date), str(document.encoding)]
        return hashlib.sha256("\x00".join(parts).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{_SUFFIX}"

    def get(self, document: Document) -> Analysis | None:
        """The cached records of ``document``, or None (absent: a miss; untrusted: a miss counted as bad)."""
        key = self.key(document)
        self.used.add(key)
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        try:
            analysis = decode_entry(key, data, doc_id=document.doc_id)
        except BadEntry:
            self.misses += 1
            self.bad += 1
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        self.hits += 1
        return analysis

    def put(self, document: Document, analysis: Analysis) -> None:
        """Store ``analysis`` for ``document`` (failures are not cached: they are retried next run)."""
        self.put_many([(document, analysis)])

    def put_many(self, items: Sequence[tuple[Document, Analysis]]) -> None:
        """:meth:`put` for several documents (their tables encoded together: faster)."""
        keyed = [(self.key(document), analysis) for document, analysis in items if analysis.error is None]
        if not keyed:
            return
        if not self.folder.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            _write_atomically(self.folder / "corpus.json", json.dumps({"corpus": str(self.corpus)}).encode())
        for (key, _), data in zip(keyed, encode_entries(keyed), strict=True):
            self.used.add(key)
            path = self._path(key)
            if path.parent not in self._folders:
                path.parent.mkdir(parents=True, exist_ok=True)
                self._folders.add(path.parent)
            try:
                _write_atomically(path, data)
            except FileNotFoundError:  # the folder was removed meanwhile
                path.parent.mkdir(parents=True, exist_ok=True)
                _write_atomically(path, data)

    def prune(self) -> int:
        """Delete this corpus's entries that this run did not use, and leftovers; return how many.

        Other corpora's namespaces are never touched; entries of the old pickle format are removed.
        """
        removed = 0
        for path in _entry_files(self.folder):
            if path.name.startswith(".") or path.name[: -len(_SUFFIX)] not in self.used:
                path.unlink(missing_ok=True)
                removed += 1
        for path in _legacy_files(self.root):
            path.unlink(missing_ok=True)
            removed += 1
        _remove_empty_shards(self.root)
        return removed


def _write_atomically(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:8]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _entry_files(namespace: Path) -> list[Path]:
    """The entries and leftover temporary files of one namespace (nothing else that may be there)."""
    if not namespace.is_dir():
        return []
    return [*namespace.glob(f"{_SHARD}/*{_SUFFIX}"), *namespace.glob(f"{_SHARD}/.*.tmp"), *namespace.glob(".*.tmp")]


def _legacy_files(root: Path) -> list[Path]:
    """Entries of the former pickle cache (``CACHE/ab/<key>.pickle``): never read, only removed."""
    if not root.is_dir():
        return []
    return [*root.glob(f"{_SHARD}/*.pickle"), *root.glob(f"{_SHARD}/.*.tmp")]


def _remove_empty_shards(root: Path) -> None:
    for shard in [*root.glob(_SHARD), *root.glob(f"{NAMESPACES}/*/{_SHARD}")] if root.is_dir() else []:
        with contextlib.suppress(OSError):
            shard.rmdir()


def remove_cache(folder: Path, corpus: Path) -> None:
    """Delete the entries of ``corpus`` in the cache ``folder`` (and former pickle entries).

    ``--no-cache`` leaves no entry of this corpus behind; other corpora's namespaces and files that are
    not cache entries are never touched. Folders left empty are removed, the cache folder included.
    """
    namespace = Path(folder) / NAMESPACES / namespace_of(corpus)
    for path in [*_entry_files(namespace), *_legacy_files(Path(folder))]:
        path.unlink(missing_ok=True)
    (namespace / "corpus.json").unlink(missing_ok=True)
    _remove_empty_shards(Path(folder))
    for empty in (namespace, namespace.parent, Path(folder)):
        with contextlib.suppress(OSError):
            empty.rmdir()
