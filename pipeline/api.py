"""Orchestration: ``run()`` and one function per stage, each reading what the previous stage stored.

Stages store their results under ``OUT/.work/``; ``export`` turns them into the final tables.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import inspect
import itertools
import json
import logging
import platform
import re
import shutil
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, ParamSpec

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import spacy
from spacy.tokens import Doc, DocBin

from . import __version__, freshness, processes
from .analysis import DOC_ID_KEY, OFFSET_KEY, PARSE_ATTRS, Analysis, Resources, analyse, analyse_stored
from .cache import ResultCache, remove_cache
from .config import Settings
from .engines import Item, map_batches, open_engine
from .errors import OutputError, PipelineError, StageInputError
from .export import StagedTable, Streamed, clean_staging, publish, staging_folder, table_metadata, write_json
from .ingest import SourceText, changed_since_read, iter_corpus, metadata_issues
from .lock import run_lock
from .nlp import choose_blas
from .schema import TABLES, Document, to_arrow

__all__ = ["Analysis", "Resources", "RunSummary", "analyse", "export", "ingest", "run"]

WORK = ".work"
RECORD_TABLES = ("sentences", "entities", "quotes", "issues")
DOCBIN_CHUNK = 200
#: Rows buffered per table before a Parquet row group is written.
ROW_GROUP = 20_000
#: Largest amount of text sent to a worker in one batch (a longer document goes alone).
BATCH_CHARS = 400_000
TEXTS_SCHEMA = pa.schema([pa.field("doc_id", pa.string(), nullable=False), pa.field("text", pa.large_string())])

Progress = Callable[[int], None]
P = ParamSpec("P")
log = logging.getLogger("pipeline")


def _log_status(document: Document) -> None:
    """One line on the log (stderr for the CLI) for a document that failed or was skipped, as it happens."""
    if document.status == "failed":
        log.warning("failed %s: %s", document.doc_id, document.error)
    elif document.status == "skipped":
        log.info("skipped %s: %s", document.doc_id, document.error)


@dataclass
class RunSummary:
    """What a run or stage did."""

    out_dir: Path
    n_documents: int = 0
    status: Counter[str] = field(default_factory=Counter)
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    #: Documents parsed by the model in this run, and documents whose records came from the cache.
    parsed: int = 0
    cached: int = 0
    #: Cache entries found but not trusted (corrupt or tampered with): ignored, and rewritten.
    bad_cache: int = 0
    #: The published run this one left in place: nothing it depends on had changed (:mod:`pipeline.freshness`).
    unchanged_run: str | None = None

    @classmethod
    def unchanged(cls, out_dir: Path, manifest: Mapping[str, Any]) -> RunSummary:
        """The summary of a run that found the outputs of ``manifest`` up to date."""
        status = Counter({str(k): int(v) for k, v in manifest.get("status", {}).items()})
        rows = {str(k): int(v) for k, v in manifest.get("rows", {}).items()}
        return cls(out_dir, sum(status.values()), status, rows, unchanged_run=str(manifest.get("run_id")))

    @property
    def n_failed(self) -> int:
        return self.status.get("failed", 0)

    def format(self) -> str:
        counts = ", ".join(f"{n} {name}" for name, n in self.rows.items())
        states = ", ".join(f"{n} {s}" for s, n in sorted(self.status.items()))
        work = f"{self.parsed} parsed, {self.cached} from cache; " if self.parsed or self.cached else ""
        if self.unchanged_run:
            work = f"nothing changed since run {self.unchanged_run}: outputs kept; "
        if self.bad_cache:
            work += f"{self.bad_cache} bad cache entries ignored and rewritten; "
        return f"{self.n_documents} documents ({states}); {work}{counts}; {self.seconds:.1f} s → {self.out_dir}"


class _TableWriter:
    """Append record batches of one table to a Parquet file in the work folder."""

    def __init__(self, name: str, path: Path) -> None:
        self.name = name
        self.path = path
        self.tmp = path.with_name(f".{path.name}.tmp")
        self.writer = pq.ParquetWriter(self.tmp, TABLES[name].arrow_schema, compression="zstd")
        self.buffer: list[Any] = []
        self.rows = 0

    def write(self, records: Iterable[Any]) -> None:
        self.buffer.extend(records)
        if len(self.buffer) >= ROW_GROUP:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            table = to_arrow(self.name, self.buffer)
            self.writer.write_table(table)
            self.rows += table.num_rows
            self.buffer = []

    def close(self) -> None:
        self.flush()
        self.writer.close()
        self.tmp.replace(self.path)

    def abort(self) -> None:
        try:
            self.writer.close()
        finally:
            self.tmp.unlink(missing_ok=True)


def _work(out_dir: Path) -> Path:
    path = Path(out_dir) / WORK
    path.mkdir(parents=True, exist_ok=True)
    return path


def _require(path: Path, stage: str) -> Path:
    if not path.exists():
        raise StageInputError(f"{path} not found: run the `{stage}` stage first (or `run`)")
    return path


def _provenance(settings: Settings, run_id: str) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "pipeline_version": __version__,
        "code_fingerprint": freshness.code_fingerprint()[:16],
        "spacy_version": spacy.__version__,
        "model": settings.model,
        "model_version": freshness.model_version(settings.model),
        "python": platform.python_version(),
        "settings": settings.as_dict(),
        "threads": processes.thread_report(),
        "blas": choose_blas(settings.blas).as_dict(),
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


#: Write errors a user can act on, and what to do about each.
_WRITE_ERRORS = {
    errno.ENOSPC: "free some space on that disk, or choose another --out / cache_dir",
    errno.EDQUOT: "free some of your disk quota, or choose another --out / cache_dir",
    errno.EFBIG: "a file grew past a size limit of the system: raise the limit, or choose another --out",
    errno.EROFS: "the file system is read-only: choose a writable --out (and cache_dir)",
    errno.EACCES: "make the folder writable for you, or choose another --out (and cache_dir)",
    errno.EPERM: "make the folder writable for you, or choose another --out (and cache_dir)",
}
_ERRNO_IN_MESSAGE = re.compile(r"\[Errno (\d+)\]|errno (\d+)|(No space left on device)")


def _write_errno(exc: OSError) -> int | None:
    """The errno of a write error (pyarrow reports it only in the message)."""
    if exc.errno is not None:
        return exc.errno
    match = _ERRNO_IN_MESSAGE.search(str(exc))
    if not match:
        return None
    return errno.ENOSPC if match.group(3) else int(match.group(1) or match.group(2))


@contextlib.contextmanager
def _output_errors(out_dir: Path) -> Iterator[None]:
    """Turn a failed write (disk full, read-only or forbidden folder) into an :class:`OutputError`."""
    try:
        yield
    except OSError as exc:
        code = _write_errno(exc)
        if code not in _WRITE_ERRORS:
            raise
        what = f"{exc.filename}" if exc.filename else str(out_dir)
        reason = exc.strerror or str(exc)
        raise OutputError(
            f"cannot write {what}: {reason}. Nothing was published: {out_dir} keeps its previous complete "
            f"outputs, if any. To fix: {_WRITE_ERRORS[code]}"
        ) from exc


# --- stages ---------------------------------------------------------------------------------------


def _exclusive(stage: Callable[P, RunSummary]) -> Callable[P, RunSummary]:
    """The stage, holding its output folder's run lock (``OUT/.lock``) while it runs."""
    signature = inspect.signature(stage)

    @functools.wraps(stage)
    def locked(*args: P.args, **kwargs: P.kwargs) -> RunSummary:
        out_dir = Path(signature.bind(*args, **kwargs).arguments["out_dir"])
        with _output_errors(out_dir):
            out_dir.mkdir(parents=True, exist_ok=True)
            with run_lock(out_dir), processes.thread_limits():
                return stage(*args, **kwargs)

    return locked


@_exclusive
def ingest(corpus: Path, out_dir: Path, settings: Settings, *, progress: Progress | None = None) -> RunSummary:
    """Read the corpus into ``.work/documents.parquet`` and ``.work/texts.parquet``, one file at a time."""
    started = time.perf_counter()
    work = _work(out_dir)
    documents = _TableWriter("documents", work / "documents.parquet")
    texts_tmp = work / ".texts.parquet.tmp"
    texts = pq.ParquetWriter(texts_tmp, TEXTS_SCHEMA, compression="zstd")
    status: Counter[str] = Counter()
    for source in iter_corpus(
        Path(corpus),
        metadata_file=settings.metadata_file,
        max_file_bytes=settings.max_file_bytes,
        follow_links=settings.follow_links,
    ):
        documents.write([source.document])
        _log_status(source.document)
        status[source.document.status] += 1
        if source.text is not None:
            texts.write_table(pa.table({"doc_id": [source.document.doc_id], "text": [source.text]}, TEXTS_SCHEMA))
        if progress:
            progress(1)
    texts.close()
    texts_tmp.replace(work / "texts.parquet")
    documents.close()
    write_json({"corpus": str(Path(corpus).resolve())}, work / "corpus.json")
    n = sum(status.values())
    return RunSummary(Path(out_dir), n, status, {"documents": n}, time.perf_counter() - started)


def _read_documents(work: Path) -> list[Document]:
    table = pq.read_table(_require(work / "documents.parquet", "ingest"))
    return [Document(**row) for row in table.to_pylist()]


def _read_texts(work: Path) -> Iterator[tuple[str, str]]:
    for batch in pq.ParquetFile(_require(work / "texts.parquet", "ingest")).iter_batches(batch_size=256):
        yield from zip(batch.column("doc_id").to_pylist(), batch.column("text").to_pylist(), strict=True)


def _read_parsed(work: Path, resources: Resources) -> Iterator[tuple[str, list[tuple[int, Doc]]]]:
    """The stored parse of each document, in corpus order: ``(doc_id, [(offset, Doc) of each section])``."""
    folder = _require(work / "parsed", "sentences")
    doc_id: str | None = None
    sections: list[tuple[int, Doc]] = []
    for path in sorted(folder.glob("*.spacy")):
        for doc in DocBin().from_disk(path).get_docs(resources.nlp.vocab):
            if OFFSET_KEY not in doc.user_data:
                raise StageInputError(f"{path} was stored by an older version: run the `sentences` stage again")
            if doc.user_data[DOC_ID_KEY] != doc_id:
                if doc_id is not None:
                    yield doc_id, sections
                doc_id, sections = doc.user_data[DOC_ID_KEY], []
            sections.append((doc.user_data[OFFSET_KEY], doc))
    if doc_id is not None:
        yield doc_id, sections


def _with_texts(
    work: Path, parsed: Iterable[tuple[str, list[tuple[int, Doc]]]]
) -> Iterator[tuple[str, str, list[tuple[int, Doc]]]]:
    """``(doc_id, text, parse)`` of each parsed document (texts and parses are both stored in corpus order)."""
    texts = _read_texts(work)
    for doc_id, parse in parsed:
        for text_id, text in texts:
            if text_id == doc_id:
                yield doc_id, text, parse
                break
        else:
            raise StageInputError(f"{doc_id} was parsed but is not among the ingested texts: run `sentences` again")


class _DocBinWriter:
    """Store the parses of documents (DocBin bytes, one Doc a section) in chunks under ``.work/parsed/``."""

    def __init__(self, folder: Path) -> None:
        if folder.exists():
            for old in folder.glob("*.spacy"):
                old.unlink()
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.bin = DocBin(attrs=PARSE_ATTRS, store_user_data=True)
        self.count = 0
        self.chunks = 0

    def add(self, parses: bytes) -> None:
        self.bin.merge(DocBin(store_user_data=True).from_bytes(parses))
        self.count += 1
        if self.count % DOCBIN_CHUNK == 0:
            self.flush()

    def flush(self) -> None:
        if len(self.bin):
            self.bin.to_disk(self.folder / f"{self.chunks:05d}.spacy")
            self.chunks += 1
            self.bin = DocBin(attrs=PARSE_ATTRS, store_user_data=True)


def _stored_sources(work: Path) -> Iterator[SourceText]:
    """The ingested documents with their texts, in corpus order (a document with a text is to analyse:
    its status is that of ingest, ``ok``, whatever an earlier ``sentences`` stage found)."""
    texts = _read_texts(work)
    pending = next(texts, None)
    for document in _read_documents(work):
        if pending is not None and pending[0] == document.doc_id:
            yield SourceText(replace(document, status="ok", error=None), pending[1])
            pending = next(texts, None)
        else:
            yield SourceText(document, None)


@_exclusive
def sentences_stage(out_dir: Path, settings: Settings, *, progress: Progress | None = None) -> RunSummary:
    """Parse and analyse the ingested texts as ``run`` does; store the parses and ``.work/sentences.parquet``.

    Documents are analysed by the same unit and engine as in ``run`` (:func:`_analyses`); one whose
    analysis fails is marked ``failed`` in ``.work/documents.parquet``, and has no records, as in ``run``.
    """
    started = time.perf_counter()
    work = _work(out_dir)
    rows: list[Document] = []
    bins = _DocBinWriter(work / "parsed")
    writer = _TableWriter("sentences", work / "sentences.parquet")
    for source, analysis, _ in _analyses(_stored_sources(work), settings, cache=None, keep_parses=True):
        document = _outcome(source, analysis)
        if analysis is not None and document.status != "failed":
            writer.write(analysis.sentences)
            bins.add(analysis.parses or b"")
        rows.append(document)
        _log_status(document)
        if progress:
            progress(1)
    bins.flush()
    writer.close()
    documents = _TableWriter("documents", work / "documents.parquet")
    documents.write(rows)
    documents.close()
    status = Counter(d.status for d in rows)
    return RunSummary(Path(out_dir), len(rows), status, {"sentences": writer.rows}, time.perf_counter() - started)


def _rule_stage(
    out_dir: Path, settings: Settings, tables: tuple[str, ...], progress: Progress | None, resources: Resources | None
) -> RunSummary:
    """Run the rules of the per-document unit on the stored parses; write the work tables ``tables``.

    Each document is analysed whole from its parse (:func:`pipeline.analysis.analyse_stored`: the
    sentences and entities the later stages read are those of the same parse), so the records are
    those of ``run``. A document whose analysis raises is marked ``failed``, its records left out.
    """
    started = time.perf_counter()
    work = _work(out_dir)
    resources = resources or Resources(settings)
    documents = {d.doc_id: d for d in _read_documents(work)}
    writers = {name: _TableWriter(name, work / f"{name}.parquet") for name in tables}
    failed: dict[str, str] = {}
    n = 0
    for doc_id, text, parse in _with_texts(work, _read_parsed(work, resources)):
        analysis = analyse_stored(documents[doc_id], text, parse, resources=resources)
        if analysis.error is not None:
            failed[doc_id] = analysis.error
            log.warning("failed %s: %s", doc_id, analysis.error)
        else:
            for name in tables:
                writers[name].write(getattr(analysis, name))
        n += 1
        if progress:
            progress(1)
    for writer in writers.values():
        writer.close()
    if failed:
        rows = _TableWriter("documents", work / "documents.parquet")
        rows.write(
            replace(d, status="failed", error=failed[d.doc_id]) if d.doc_id in failed else d for d in documents.values()
        )
        rows.close()
    status = Counter({"failed": len(failed)} if failed else {})
    return RunSummary(
        Path(out_dir), n, status, {name: w.rows for name, w in writers.items()}, time.perf_counter() - started
    )


@_exclusive
def entities_stage(
    out_dir: Path, settings: Settings, *, progress: Progress | None = None, resources: Resources | None = None
) -> RunSummary:
    """Find entities in the stored parses; write ``.work/entities.parquet``."""
    return _rule_stage(out_dir, settings, ("entities",), progress, resources)


@_exclusive
def quotes_stage(
    out_dir: Path, settings: Settings, *, progress: Progress | None = None, resources: Resources | None = None
) -> RunSummary:
    """Find quotes in the stored parses; write ``.work/quotes.parquet`` and ``.work/issues.parquet``."""
    return _rule_stage(out_dir, settings, ("quotes", "issues"), progress, resources)


def _count_rows(work: Path, name: str, stage: str) -> Counter[str]:
    """Rows per document of a work table (read column by column: no table is held whole)."""
    counts: Counter[str] = Counter()
    for batch in pq.ParquetFile(_require(work / f"{name}.parquet", stage)).iter_batches(columns=["doc_id"]):
        for row in pc.value_counts(batch.column("doc_id")).to_pylist():
            counts[row["values"]] += row["counts"]
    return counts


class _RunCounter:
    """Rows per document of a work table whose records are grouped by document, in the documents' order.

    ``run`` and the stage commands write each document's records together, documents in the order of the
    documents table: the counts are read alongside that table, a batch of ``doc_id`` at a time, and nothing
    grows with the corpus. :meth:`count` must be asked for every document, in order; :meth:`consistent`
    then says whether every row was met (else the table was not in that order).
    """

    def __init__(self, path: Path) -> None:
        self.batches = pq.ParquetFile(path).iter_batches(columns=["doc_id"], batch_size=ROW_GROUP)
        self.runs: list[tuple[str, int]] = []
        self.position = 0
        self.done = False

    def _head(self) -> tuple[str, int] | None:
        while self.position >= len(self.runs):
            batch = next(self.batches, None)
            if batch is None:
                self.done = True
                return None
            values = batch.column("doc_id").to_pylist()
            self.runs = [(doc_id, len(list(group))) for doc_id, group in itertools.groupby(values)]
            self.position = 0
        return self.runs[self.position]

    def count(self, doc_id: str) -> int:
        n = 0
        while (head := self._head()) is not None and head[0] == doc_id:
            n += head[1]
            self.position += 1
        return n

    def consistent(self) -> bool:
        return self._head() is None


def _documents(work: Path) -> Iterator[list[Document]]:
    """The documents of the work folder, a batch at a time."""
    for batch in pq.ParquetFile(_require(work / "documents.parquet", "ingest")).iter_batches(batch_size=ROW_GROUP):
        yield [Document(**row) for row in batch.to_pylist()]


def _counted_documents(work: Path) -> Iterator[list[Document]]:
    """The documents, a batch at a time, with their rows in each record table (and metadata issues) counted.

    The counts are read alongside the documents (:class:`_RunCounter`); a work table that is not in the
    documents' order (not written by this package) is counted whole first instead.
    """
    stages = {name: "quotes" if name == "issues" else name for name in RECORD_TABLES}
    paths = {name: _require(work / f"{name}.parquet", stage) for name, stage in stages.items()}
    check = {name: _RunCounter(path) for name, path in paths.items()}
    for documents in _documents(work):
        for d in documents:
            for counter in check.values():
                counter.count(d.doc_id)
    ordered = all(counter.consistent() for counter in check.values())
    counters: Mapping[str, _RunCounter | Counter[str]] = (
        {name: _RunCounter(path) for name, path in paths.items()}
        if ordered
        else {name: _count_rows(work, name, stages[name]) for name in RECORD_TABLES}
    )

    def count(name: str, doc_id: str) -> int:
        counter = counters[name]
        return counter.count(doc_id) if isinstance(counter, _RunCounter) else counter[doc_id]

    for documents in _documents(work):
        yield [
            replace(
                d,
                n_sentences=count("sentences", d.doc_id),
                n_entities=count("entities", d.doc_id),
                n_quotes=count("quotes", d.doc_id),
                n_issues=count("issues", d.doc_id) + len(metadata_issues(d)),
            )
            for d in documents
        ]


def _inputs(work: Path) -> Iterator[tuple[str, str]]:
    """``(doc_id, sha256)`` of every document, for the manifest."""
    for batch in pq.ParquetFile(work / "documents.parquet").iter_batches(columns=["doc_id", "sha256"]):
        yield from zip(batch.column("doc_id").to_pylist(), batch.column("sha256").to_pylist(), strict=True)


def _export(
    out_dir: Path,
    settings: Settings,
    *,
    run_id: str | None = None,
    extra: Mapping[str, Any] | None = None,
    inputs_key: str | None = None,
) -> RunSummary:
    """Write the final tables (Parquet and CSV) and ``manifest.json`` from the work folder, as one unit.

    The files are written into a staging folder and published together (see :func:`pipeline.export.publish`):
    a run stopped at any moment before the switch leaves the previous outputs as they were, and readers
    see either the previous run or this one, never a mix. Every table, the documents too, is read and written
    a batch at a time: memory does not grow with the corpus.
    """
    started = time.perf_counter()
    out_dir = Path(out_dir)
    work = _work(out_dir)
    run_id = run_id or uuid.uuid4().hex[:12]
    provenance = _provenance(settings, run_id)
    metadata = table_metadata(provenance)
    staging = staging_folder(out_dir, run_id)
    staged: list[StagedTable] = []
    published = False
    status: Counter[str] = Counter()
    n_documents = 0
    try:
        options: dict[str, Any] = {
            "metadata": metadata,
            "csv_dialect": settings.csv_dialect,
            "check": settings.check_schema,
        }
        table = StagedTable("documents", staging, **options)
        staged.append(table)
        for documents in _counted_documents(work):
            table.write(to_arrow("documents", documents))
            status.update(d.status for d in documents)
            n_documents += len(documents)
        for name in RECORD_TABLES:
            table = StagedTable(name, staging, **options)
            staged.append(table)
            if name == "issues":
                # Metadata issues (an unreadable date) come first, for every document whatever its status.
                for documents in _documents(work):
                    ingest_issues = [issue for d in documents for issue in metadata_issues(d)]
                    if ingest_issues:
                        table.write(to_arrow("issues", ingest_issues))
            for batch in pq.ParquetFile(work / f"{name}.parquet").iter_batches(batch_size=ROW_GROUP):
                table.write(pa.Table.from_batches([batch]))
        rows = {table.name: table.close() for table in staged}
        corpus_file = work / "corpus.json"
        corpus = json.loads(corpus_file.read_text(encoding="utf-8")).get("corpus") if corpus_file.exists() else None
        manifest = {
            **provenance,
            "corpus": corpus,
            "rows": rows,
            "status": dict(status),
            **(extra or {}),
            "inputs": Streamed(lambda: _inputs(work)),
            "files": {table.name: table.files for table in staged},
        }
        publish(staged, manifest, out_dir, staging, inputs_key=inputs_key)
        published = True
    finally:
        if not published:
            for table in staged:
                table.discard()
            shutil.rmtree(staging, ignore_errors=True)
    return RunSummary(out_dir, n_documents, status, rows, time.perf_counter() - started)


def _clean_leftovers(out_dir: Path, work: Path) -> None:
    """Remove what a stopped run left behind (temporary files, staging folders; never complete outputs)."""
    clean_staging(out_dir)
    for tmp in work.glob(".*.tmp"):
        tmp.unlink(missing_ok=True)


@dataclass
class _Entry:
    """One corpus file on its way through a run."""

    source: SourceText
    cached: Analysis | None = None


def _batches(
    sources: Iterable[SourceText], cache: ResultCache | None, batch_size: int
) -> Iterator[tuple[list[_Entry], list[Item]]]:
    """Group corpus files into batches; each batch lists its entries and the (document, text) pairs to parse."""
    entries: list[_Entry] = []
    work: list[Item] = []
    chars = 0
    for source in sources:
        entry = _Entry(source)
        if source.text is not None:
            entry.cached = cache.get(source.document) if cache is not None else None
            if entry.cached is None:
                work.append((source.document, source.text))
                chars += len(source.text)
        entries.append(entry)
        if len(work) >= batch_size or chars >= BATCH_CHARS or len(entries) >= 8 * batch_size:
            yield entries, work
            entries, work, chars = [], [], 0
    if entries:
        yield entries, work


def _analyses(
    sources: Iterable[SourceText], settings: Settings, *, cache: ResultCache | None, keep_parses: bool = False
) -> Iterator[tuple[SourceText, Analysis | None, bool]]:
    """Each source with its Analysis (None for a file that was not read) and whether it was parsed now.

    The one way documents are analysed, for ``run`` and the stage commands: batches of documents on the
    engine ``settings`` ask for (:func:`pipeline.analysis.analyse_batch_for` in this process, worker
    processes or Dask), records from the cache where it holds them; in corpus order.
    """
    with open_engine(settings, keep_parses=keep_parses) as engine:
        for entries, analyses in map_batches(engine, _batches(sources, cache, settings.batch_size)):
            fresh = iter(analyses)
            done = [
                (entry.source, next(fresh), True)
                if entry.source.text is not None and entry.cached is None
                else (entry.source, entry.cached, False)
                for entry in entries
            ]
            if cache is not None:
                cache.put_many(
                    [(source.document, analysis) for source, analysis, parsed in done if parsed and analysis]
                )
            yield from done


def _outcome(source: SourceText, analysis: Analysis | None) -> Document:
    """The document row once analysed: ``failed`` if its analysis failed or its file changed since it was read."""
    if analysis is None:
        return source.document
    changed = changed_since_read(source)
    if analysis.error is not None or changed is not None:
        return replace(source.document, status="failed", error=analysis.error or changed)
    return source.document


def run(corpus: Path, out_dir: Path, settings: Settings, *, progress: Progress | None = None) -> RunSummary:
    """Run every stage over ``corpus`` into ``out_dir`` in one streaming pass, then export.

    Files are read one at a time and analysed in batches by the engine (a process pool or Dask);
    records of unchanged documents come from the cache. Only one run may write to ``out_dir`` at a time.

    Raises:
        OutputError: the output (or cache) folder cannot be written: disk full, read-only, forbidden.
    """
    started = time.perf_counter()
    out_dir = Path(out_dir)
    with _output_errors(out_dir):
        out_dir.mkdir(parents=True, exist_ok=True)
        with run_lock(out_dir), processes.thread_limits():
            summary = _run(Path(corpus), out_dir, settings, progress)
    summary.seconds = time.perf_counter() - started
    return summary


def _run(corpus: Path, out_dir: Path, settings: Settings, progress: Progress | None) -> RunSummary:
    work = _work(out_dir)
    _clean_leftovers(out_dir, work)
    key = freshness.inputs_key(corpus, settings) if settings.cache else None  # before any file is read
    published = freshness.up_to_date(corpus, out_dir, settings, key=key) if key else None
    if published is not None:
        return RunSummary.unchanged(out_dir, published)
    cache_dir = settings.cache_folder(out_dir)
    cache = ResultCache(cache_dir, settings, corpus=corpus) if settings.cache else None
    if cache is None:
        remove_cache(cache_dir, corpus)
    sources = iter_corpus(
        corpus,
        metadata_file=settings.metadata_file,
        max_file_bytes=settings.max_file_bytes,
        follow_links=settings.follow_links,
    )
    documents = _TableWriter("documents", work / "documents.parquet")
    writers = {name: _TableWriter(name, work / f"{name}.parquet") for name in RECORD_TABLES}
    parsed = 0
    try:
        for source, analysis, fresh in _analyses(sources, settings, cache=cache):
            parsed += fresh
            document = _outcome(source, analysis)
            if analysis is not None and document.status != "failed":
                for name in RECORD_TABLES:
                    writers[name].write(getattr(analysis, name))
            documents.write([document])
            _log_status(document)
            if progress:
                progress(1)
    except BaseException:
        for writer in [documents, *writers.values()]:
            with contextlib.suppress(Exception):  # a writer that failed on a full disk may fail again
                writer.abort()
        raise
    for writer in [documents, *writers.values()]:
        writer.close()
    write_json({"corpus": str(corpus.resolve())}, work / "corpus.json")
    cached = cache.hits if cache is not None else 0
    bad = cache.bad if cache is not None else 0
    extra = {
        "engine": settings.engine,
        "parsed": parsed,
        "from_cache": cached,
        "bad_cache_entries": bad,
    }
    summary = _export(out_dir, settings, extra=extra, inputs_key=key)
    if cache is not None:
        cache.prune()
    summary.parsed, summary.cached, summary.bad_cache = parsed, cached, bad
    return summary


def report(out_dir: Path) -> Path:
    """Write ``OUT/report.html``, a self-contained visual report of a finished run; return its path."""
    from .outputs import load_outputs

    try:
        from .report import render_report
    except ImportError as exc:
        raise PipelineError(
            f"the report needs matplotlib and networkx ({exc}): pip install 'defence-quotes[report]'"
        ) from exc
    out_dir = Path(out_dir)
    html = render_report(load_outputs(out_dir))
    path = out_dir / "report.html"
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)
    return path


#: ``export`` as a command of its own: it holds the run lock (``run`` calls ``_export`` under its own).
export = _exclusive(_export)
