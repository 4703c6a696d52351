"""Corpus files → Document records and their texts (decoding, metadata, stable ids)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import CorpusError
from .schema import Document


@dataclass(frozen=True, slots=True)
class SourceText:
    """A document row and, when it could be read, its decoded text."""

    document: Document
    text: str | None


@dataclass(frozen=True, slots=True)
class Metadata:
    """Source metadata of one corpus file, from the corpus metadata file."""

    date_text: str | None = None
    publisher: str | None = None
    source: str | None = None
    doc_kind: str | None = None
    title: str | None = None


_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def parse_date(text: str | None) -> dt.date | None:
    """The date a metadata value names: ``2020-04-12``, ``2020-04 (inferred)`` → 2020-04-01, ``2009`` → 2009-01-01."""
    if not text:
        return None
    match = _DATE.match(text)
    if not match:
        return None
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def read_metadata(path: Path) -> dict[str, Metadata]:
    """Metadata by file name from a tab-separated file with a ``file`` column."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        if reader.fieldnames is None or "file" not in reader.fieldnames:
            raise CorpusError(f"{path}: the metadata file needs a 'file' column (tab-separated)")
        result = {}
        for row in reader:

            def get(key: str, row: Mapping[str, str | None] = row) -> str | None:
                value = (row.get(key) or "").strip()
                return value or None

            name = get("file")
            if name:
                result[name] = Metadata(
                    date_text=get("date"),
                    publisher=get("publisher"),
                    source=get("source"),
                    doc_kind=get("kind"),
                    title=get("title"),
                )
        return result


def list_corpus(corpus: Path, *, metadata_file: str) -> list[Path]:
    """Every file under ``corpus`` that is a document, sorted; hidden files and the metadata file excluded."""
    if not corpus.exists():
        raise CorpusError(f"corpus folder not found: {corpus}")
    if not corpus.is_dir():
        raise CorpusError(f"corpus is not a folder: {corpus}")
    paths = []
    for path in sorted(corpus.rglob("*")):
        relative = path.relative_to(corpus)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if relative.as_posix() == metadata_file:
            continue
        if path.is_dir():
            continue
        paths.append(path)
    if not paths:
        raise CorpusError(f"corpus folder is empty: {corpus}")
    return paths


def title_of(text: str) -> str | None:
    """The first non-empty line, shortened to 200 characters."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= 200 else line[:199] + "…"
    return None


def read_document(path: Path, corpus: Path, metadata: Metadata, *, max_file_bytes: int) -> SourceText:
    """Read and decode one file into a Document row (status ok, failed or skipped) and its text."""
    doc_id = path.relative_to(corpus).as_posix()
    base: dict[str, Any] = {
        "doc_id": doc_id,
        "path": str(path.resolve()) if path.exists() else str(path),
        "date": parse_date(metadata.date_text),
        "date_text": metadata.date_text,
        "publisher": metadata.publisher,
        "source": metadata.source,
        "doc_kind": metadata.doc_kind,
    }
    try:
        size = path.stat().st_size
        if size > max_file_bytes:
            return SourceText(
                Document(
                    **base,
                    sha256="",
                    n_bytes=size,
                    n_chars=0,
                    encoding=None,
                    status="skipped",
                    error=f"file is larger than the limit ({size} > {max_file_bytes} bytes)",
                    title=metadata.title,
                ),
                None,
            )
        raw = path.read_bytes()
    except OSError as exc:
        return SourceText(
            Document(
                **base,
                sha256="",
                n_bytes=0,
                n_chars=0,
                encoding=None,
                status="failed",
                error=f"cannot read file: {exc.strerror or exc}",
                title=metadata.title,
            ),
            None,
        )
    sha = hashlib.sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return SourceText(
            Document(
                **base,
                sha256=sha,
                n_bytes=len(raw),
                n_chars=0,
                encoding=None,
                status="failed",
                error=f"not valid UTF-8 at byte {exc.start}",
                title=metadata.title,
            ),
            None,
        )
    if not text.strip():
        return SourceText(
            Document(
                **base,
                sha256=sha,
                n_bytes=len(raw),
                n_chars=len(text),
                encoding="utf-8",
                status="skipped",
                error="empty or white space only",
                title=metadata.title,
            ),
            None,
        )
    return SourceText(
        Document(
            **base,
            sha256=sha,
            n_bytes=len(raw),
            n_chars=len(text),
            encoding="utf-8",
            status="ok",
            error=None,
            title=metadata.title or title_of(text),
        ),
        text,
    )


def iter_corpus(corpus: Path, *, metadata_file: str, max_file_bytes: int) -> Iterator[SourceText]:
    """Read every document of the corpus folder, in a stable order."""
    corpus = Path(corpus)
    paths = list_corpus(corpus, metadata_file=metadata_file)
    metadata = read_metadata(corpus / metadata_file)
    for path in paths:
        doc_id = path.relative_to(corpus).as_posix()
        yield read_document(path, corpus, metadata.get(doc_id, Metadata()), max_file_bytes=max_file_bytes)
