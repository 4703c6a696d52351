"""Corpus files → Document records and their texts (listing, decoding, HTML extraction, metadata, stable ids).

Decoding, in order (the chosen name goes to the ``encoding`` column, so that
``open(path, encoding=encoding).read()`` gives back the document's text for plain-text files):

1. known binary signatures (PDF, ZIP/Office, images, executables…) → failed, with the kind named;
2. byte order marks: UTF-8 (the text keeps its leading U+FEFF, as ``open(path, encoding="utf-8")`` does),
   UTF-16 and UTF-32 (the mark is dropped, as Python's ``utf-16``/``utf-32`` codecs do);
3. UTF-16 without a mark, recognised by the zero bytes of one half of the code units;
4. other NUL bytes → failed (binary);
5. strict UTF-8; else cp1252 (Windows Western European, a superset of latin-1 for printable characters);
   else latin-1; a text with many control characters after decoding is failed as binary.

Line ends are read as Python's ``open()`` does (universal newlines: ``\\r\\n`` and ``\\r`` become ``\\n``).
HTML files (``.html``/``.htm`` or text starting with an HTML tag) are reduced to their visible text with
Beautiful Soup; offsets then refer to that extracted text, not to the HTML source.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from .errors import CorpusError
from .schema import Document, Issue


@dataclass(frozen=True, slots=True)
class SourceText:
    """A document row and, when it could be read, its decoded text."""

    document: Document
    text: str | None
    #: The file read, and its size, modification time and inode then (to tell a later change).
    path: Path | None = None
    signature: tuple[int, int, int] | None = None


def _signature(path: Path) -> tuple[int, int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns, stat.st_ino


def changed_since_read(source: SourceText) -> str | None:
    """Why a file read earlier in the run no longer holds the text analysed (deleted, changed), or None."""
    if source.path is None or source.signature is None:
        return None
    try:
        now = _signature(source.path)
    except FileNotFoundError:
        return "file deleted during the run, after it was read: its records were not kept"
    except OSError as exc:
        return f"file no longer readable during the run ({exc.strerror}): its records were not kept"
    if now != source.signature:
        return "file changed during the run, after it was read: its records were not kept; run again to analyse it"
    return None


@dataclass(frozen=True, slots=True)
class Metadata:
    """Source metadata of one corpus file, from the corpus metadata file."""

    date_text: str | None = None
    publisher: str | None = None
    source: str | None = None
    doc_kind: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text and how it was obtained."""

    text: str
    encoding: str
    html: bool = False


class NotText(ValueError):
    """The bytes are not a text document (binary, or undecodable); the message says why."""


#: Notes written beside a date, in brackets: «2020-04 (inferred)», «2019-08-02 (inferred from event)».
_DATE_NOTE = re.compile(r"[(\[][^)\]]*[)\]]")
#: How ``dateparser`` reads metadata dates: French first, day before month, a year required, never
#: relative to today («hier», «mardi»), and a month or year alone dated its first day.
_DATEPARSER_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "PREFER_MONTH_OF_YEAR": "first",
    "REQUIRE_PARTS": ["year"],
    "PARSERS": ["absolute-time"],
    "DATE_ORDER": "DMY",
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_PERIODS = {"day": "day", "week": "day", "time": "day", "month": "month", "year": "year"}


@dataclass(frozen=True, slots=True)
class MetadataDate:
    """A date from the corpus metadata: the day it names (the first day of a month or year given alone)."""

    date: dt.date | None
    #: ``day``, ``month`` or ``year``: how much of the date the metadata gave; None when it gave none.
    precision: str | None


@cache
def _date_parser() -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["fr", "en"], settings=_DATEPARSER_SETTINGS)


@lru_cache(maxsize=4096)
def read_date(text: str | None) -> MetadataDate:
    """The date a metadata value names, and its precision.

    ISO dates and partial dates (``2020-04-12``, ``2020-04``, ``2009``), French and English dates in
    words (``15 avril 2013``, ``1er avril 2013``, ``avr. 2013``, ``April 2013``) and numeric dates
    day first (``15/04/2013``) are read with ``dateparser``; notes in brackets are ignored
    (``2020-04 (inferred)`` is April 2020, precision ``month``). A value that names no date with a
    year (``printemps 2020``, ``15 avril``, ``2013-13-45``) gives ``MetadataDate(None, None)``.
    """
    value = _DATE_NOTE.sub(" ", text or "").strip()
    if not value:
        return MetadataDate(None, None)
    iso = _ISO_DATE.fullmatch(value)
    if iso:  # the common case, read without dateparser (a thousand times faster)
        year, month, day = (int(part) if part else None for part in iso.groups())
        try:
            date = dt.date(year or 1, month or 1, day or 1)
        except ValueError:
            return MetadataDate(None, None)
        return MetadataDate(date, "day" if day else "month" if month else "year")
    found = _date_parser().get_date_data(value)
    if found.date_obj is None:
        return MetadataDate(None, None)
    return MetadataDate(found.date_obj.date(), _PERIODS.get(found.period or "day", "day"))


def parse_date(text: str | None) -> dt.date | None:
    """The date a metadata value names (see :func:`read_date`), or None."""
    return read_date(text).date


def metadata_issues(document: Document) -> list[Issue]:
    """Issues about a document's metadata: a date that is given but cannot be read."""
    if document.date_text and document.date is None:
        message = (
            f"metadata date {document.date_text!r} could not be read: write it as 2013-04-15, 2013-04, 2013 "
            "or 15 avril 2013; the document is undated"
        )
        return [Issue(doc_id=document.doc_id, stage="ingest", code="unreadable_date", start=None, message=message)]
    return []


def read_metadata(path: Path) -> dict[str, Metadata]:
    """Metadata by file name from a tab-separated file with a ``file`` column."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
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


# --- listing -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CorpusEntry:
    """A file (or an unlistable folder) found under the corpus folder."""

    path: Path
    doc_id: str
    error: str | None = None  # set when the entry could not even be listed
    skipped: str | None = None  # set when the entry is not read on purpose (a link leaving the corpus)


def doc_id_of(path: Path, corpus: Path) -> str:
    """The document id: the path relative to the corpus, ``/``-separated, valid Unicode."""
    relative = os.fsencode(path.relative_to(corpus).as_posix())
    return relative.decode("utf-8", "backslashreplace")


def list_corpus(corpus: Path, *, metadata_file: str, follow_links: bool = False) -> list[CorpusEntry]:
    """Every file under ``corpus``, sorted; hidden files and the metadata file excluded.

    Symbolic links that stay inside the corpus folder are listed (a broken one becomes a failed
    document); a link to a file outside it is listed as skipped, unless ``follow_links``. Links to
    folders are not followed, unless ``follow_links`` (each real folder then read once: no cycles). A
    sub-folder that cannot be listed is returned with its error.
    """
    corpus = Path(corpus)
    if not corpus.exists():
        raise CorpusError(f"corpus folder not found: {corpus}")
    if not corpus.is_dir():
        raise CorpusError(f"corpus is not a folder: {corpus}")
    real_corpus = Path(os.path.realpath(corpus))
    entries: list[CorpusEntry] = []
    seen_folders: set[str] = set()

    def unlistable(exc: OSError) -> None:
        if exc.filename is not None and Path(exc.filename) != corpus:
            path = Path(exc.filename)
            entries.append(CorpusEntry(path, doc_id_of(path, corpus) + "/", f"cannot list folder: {exc.strerror}"))
        elif exc.filename is not None:
            raise CorpusError(f"cannot list the corpus folder {corpus}: {exc.strerror}")

    for folder, dirnames, filenames in os.walk(corpus, onerror=unlistable, followlinks=follow_links):
        seen_folders.add(os.path.realpath(folder))
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".") and os.path.realpath(os.path.join(folder, d)) not in seen_folders
        )
        for name in filenames:
            if name.startswith("."):
                continue
            path = Path(folder) / name
            doc_id = doc_id_of(path, corpus)
            if doc_id == metadata_file:
                continue
            skipped = None
            if not follow_links and path.is_symlink() and path.exists():
                target = Path(os.path.realpath(path))
                if not target.is_relative_to(real_corpus):
                    shown = os.fsencode(target).decode("utf-8", "backslashreplace")
                    skipped = f"symbolic link to {shown}, outside the corpus folder: not followed (see --follow-links)"
            entries.append(CorpusEntry(path, doc_id, skipped=skipped))
    if not entries:
        raise CorpusError(f"corpus folder is empty: {corpus}")
    entries.sort(key=lambda entry: entry.doc_id)
    return entries


# --- decoding ------------------------------------------------------------------------------------

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (docx, odt, xlsx…)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_HTML_START = re.compile(r"\A[\s\ufeff]*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


def _utf16_without_bom(raw: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when one half of the code units is (almost) all zero bytes."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even, odd = raw[0::2], raw[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.3 and zeros_even < 0.05:
        return "utf-16-le"
    if zeros_even > 0.3 and zeros_odd < 0.05:
        return "utf-16-be"
    return None


def decode_text(raw: bytes) -> tuple[str, str]:
    """Decode a file's bytes; return ``(text, encoding)`` with universal newlines.

    Raises:
        NotText: the bytes are a binary file or cannot be decoded; the message names the reason.
    """
    for signature, kind in _SIGNATURES:
        if raw.startswith(signature):
            raise NotText(f"not a text file: {kind}")
    encoding: str | None = next((name for bom, name in _BOMS if raw.startswith(bom)), None)
    if encoding is None:
        encoding = _utf16_without_bom(raw)
    if encoding is None and b"\x00" in raw:
        raise NotText("not a text file: binary content (NUL bytes)")
    if encoding is not None:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise NotText(f"invalid {encoding} at byte {exc.start}") from None
    else:
        encoding = "latin-1"  # decodes any bytes: the last resort
        for candidate in ("utf-8", "cp1252"):
            try:
                text = raw.decode(candidate)
                encoding = candidate
                break
            except UnicodeDecodeError:
                continue
        else:
            text = raw.decode(encoding)
    if len(_CONTROL.findall(text[:100_000])) > max(2, len(text[:100_000]) // 100):
        raise NotText("not a text file: too many control characters")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


_BLOCKS = frozenset(
    """address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6
    header hr li main nav ol p pre section table tr td th ul title""".split()
)
_SPACES = re.compile(r"[ \t\f\v]+")


def html_to_text(html: str) -> str:
    """The visible text of an HTML page: one line per block element, runs of spaces folded, scripts dropped."""
    from bs4 import BeautifulSoup, NavigableString

    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "noscript", "template", "head"]):
        if hidden.name == "head":
            title = hidden.find("title")
            hidden.replace_with(NavigableString(f"\n{title.get_text()}\n") if title else "")
        else:
            hidden.decompose()
    for block in soup.find_all(list(_BLOCKS)):
        block.insert_before("\n")
        block.insert_after("\n")
    lines = (_SPACES.sub(" ", line).strip() for line in soup.get_text().split("\n"))
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


def is_html(path: Path, text: str) -> bool:
    """Whether a file is an HTML page: by its suffix, or a text that starts with an HTML tag."""
    return path.suffix.lower() in (".html", ".htm", ".xhtml") or bool(_HTML_START.match(text[:4096]))


def decode_file(path: Path, raw: bytes) -> Decoded:
    """A file's bytes → its text (plain or extracted from HTML) and encoding."""
    text, encoding = decode_text(raw)
    if is_html(path, text):
        return Decoded(html_to_text(text), encoding, html=True)
    return Decoded(text, encoding)


# --- documents -----------------------------------------------------------------------------------


def title_of(text: str) -> str | None:
    """The first non-empty line, shortened to 200 characters."""
    for line in text.splitlines():
        line = line.strip().lstrip("\ufeff").strip()
        if line:
            return line if len(line) <= 200 else line[:199] + "…"
    return None


def _is_blank(text: str) -> bool:
    """Empty or made only of white space, invisible and format characters (BOM, zero-width spaces)."""
    return all(ch.isspace() or unicodedata.category(ch) in ("Cf", "Zs") for ch in text)


def read_document(
    path: Path, corpus: Path, metadata: Metadata, *, max_file_bytes: int, doc_id: str | None = None
) -> SourceText:
    """Read and decode one file into a Document row (status ok, failed or skipped) and its text."""
    doc_id = doc_id or doc_id_of(path, corpus)
    date = read_date(metadata.date_text)
    base = dict(
        doc_id=doc_id,
        path=os.fsencode(path.absolute()).decode("utf-8", "backslashreplace"),
        date=date.date,
        date_precision=date.precision,
        date_text=metadata.date_text,
        publisher=metadata.publisher,
        source=metadata.source,
        doc_kind=metadata.doc_kind,
    )

    def row(status: str, error: str | None, **values: object) -> Document:
        fields: dict[str, object] = {"sha256": "", "n_bytes": 0, "n_chars": 0, "encoding": None}
        fields.update(values)
        return Document(**base, **fields, status=status, error=error, title=metadata.title)  # type: ignore[arg-type]

    try:
        if path.is_symlink() and not path.exists():
            return SourceText(row("failed", f"broken symbolic link to {os.readlink(path)}"), None)
        signature = _signature(path)
        size = signature[0]
        if not path.is_file():
            return SourceText(row("skipped", "not a regular file", n_bytes=size), None)
        if size > max_file_bytes:
            error = f"file is larger than the limit ({size} > {max_file_bytes} bytes; see max_file_bytes)"
            return SourceText(row("skipped", error, n_bytes=size), None)
        raw = path.read_bytes()
        if _signature(path) != signature or len(raw) != size:
            return SourceText(row("failed", "file changed while it was being read: run again to analyse it"), None)
    except FileNotFoundError:
        return SourceText(row("failed", "file deleted during the run, before it could be read"), None)
    except OSError as exc:
        return SourceText(row("failed", f"cannot read file: {exc.strerror or exc}"), None)
    sha = hashlib.sha256(raw).hexdigest()
    try:
        decoded = decode_file(path, raw)
    except NotText as exc:
        return SourceText(row("failed", str(exc), sha256=sha, n_bytes=len(raw)), None)
    text = decoded.text
    values = {"sha256": sha, "n_bytes": len(raw), "n_chars": len(text), "encoding": decoded.encoding}
    if _is_blank(text):
        what = "HTML page without visible text" if decoded.html else "empty or white space only"
        return SourceText(row("skipped", what, **values), None)
    document = Document(**base, **values, status="ok", error=None, title=metadata.title or title_of(text))  # type: ignore[arg-type]
    return SourceText(document, text, path, signature)


def iter_corpus(
    corpus: Path, *, metadata_file: str, max_file_bytes: int, follow_links: bool = False
) -> Iterator[SourceText]:
    """Read every document of the corpus folder, one at a time, in a stable order."""
    corpus = Path(corpus)
    entries = list_corpus(corpus, metadata_file=metadata_file, follow_links=follow_links)
    metadata = read_metadata(corpus / metadata_file)
    for entry in entries:
        meta = metadata.get(entry.doc_id, Metadata())
        if entry.error is not None or entry.skipped is not None:
            document = Document(
                doc_id=entry.doc_id, path=os.fsencode(entry.path.absolute()).decode("utf-8", "backslashreplace"),
                sha256="", n_bytes=0, n_chars=0, encoding=None,
                status="failed" if entry.error is not None else "skipped", error=entry.error or entry.skipped,
                date=parse_date(meta.date_text), date_text=meta.date_text, publisher=meta.publisher,
                source=meta.source, doc_kind=meta.doc_kind, title=meta.title,
            )  # fmt: skip
            yield SourceText(document, None)
            continue
        yield read_document(entry.path, corpus, meta, max_file_bytes=max_file_bytes, doc_id=entry.doc_id)
