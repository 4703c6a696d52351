"""Orchestration: ``run()`` and one function per stage, each reading what the previous stage stored.

Stages store their results under ``OUT/.work/``; ``export`` turns them into the final tables.
"""

from __future__ import annotations

import datetime as dt
import json
import platform
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

import pyarrow as pa
import pyarrow.parquet as pq
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from . import __version__
from .config import Settings
from .entities import EntityResources, extract_entities, load_entity_resources
from .errors import PipelineError, StageInputError
from .export import table_metadata, write_json, write_parquet, write_table
from .ingest import iter_corpus
from .nlp import annotate, load_model
from .quotes import QuoteResources, extract_quotes, load_quote_resources
from .schema import TABLES, Document, Entity, Issue, Quote, Sentence, to_arrow
from .sentences import extract_sentences

WORK = ".work"
RECORD_TABLES = ("sentences", "entities", "quotes", "issues")
DOCBIN_CHUNK = 200

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Analysis:
    """Everything extracted from one document."""

    sentences: list[Sentence]
    entities: list[Entity]
    quotes: list[Quote]
    issues: list[Issue]


@dataclass
class RunSummary:
    """What a run or stage did."""

    out_dir: Path
    n_documents: int = 0
    status: Counter[str] = field(default_factory=Counter)
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def n_failed(self) -> int:
        return self.status.get("failed", 0)

    def format(self) -> str:
        counts = ", ".join(f"{n} {name}" for name, n in self.rows.items())
        states = ", ".join(f"{n} {s}" for s, n in sorted(self.status.items()))
        return f"{self.n_documents} documents ({states}); {counts}; {self.seconds:.1f} s → {self.out_dir}"


class Resources:
    """Model and word lists, loaded once per process and only when first needed."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @cached_property
    def nlp(self) -> Language:
        return load_model(self.settings.model)

    @cached_property
    def entity_resources(self) -> EntityResources:
        return load_entity_resources()

    @cached_property
    def quote_resources(self) -> QuoteResources:
        return load_quote_resources()


def analyse(doc: Doc, document: Document, text: str, *, resources: Resources) -> Analysis:
    """Run every extraction stage on one parsed document."""
    sentences = extract_sentences(doc, doc_id=document.doc_id, text=text)
    entities = extract_entities(
        doc, doc_id=document.doc_id, text=text, sentences=sentences, resources=resources.entity_resources
    )
    quotes, issues = extract_quotes(
        doc,
        doc_id=document.doc_id,
        text=text,
        sentences=sentences,
        entities=entities,
        date=document.date,
        resources=resources.quote_resources,
        target_speakers=resources.settings.target_speakers,
    )
    return Analysis(sentences, entities, quotes, issues)


class _TableWriter:
    """Append record batches of one table to a Parquet file in the work folder."""

    def __init__(self, name: str, path: Path) -> None:
        self.name = name
        self.path = path
        self.tmp = path.with_name(f".{path.name}.tmp")
        self.writer = pq.ParquetWriter(self.tmp, TABLES[name].arrow_schema, compression="zstd")
        self.rows = 0

    def write(self, records: Iterable[Any]) -> None:
        table = to_arrow(self.name, records)
        if table.num_rows:
            self.writer.write_table(table)
            self.rows += table.num_rows

    def close(self) -> None:
        self.writer.close()
        self.tmp.replace(self.path)


def _work(out_dir: Path) -> Path:
    path = Path(out_dir) / WORK
    path.mkdir(parents=True, exist_ok=True)
    return path


def _require(path: Path, stage: str) -> Path:
    if not path.exists():
        raise StageInputError(f"{path} not found: run the `{stage}` stage first (or `run`)")
    return path


def _provenance(settings: Settings, resources: Resources | None, run_id: str) -> dict[str, Any]:
    model_version = None
    if resources is not None and "nlp" in resources.__dict__:
        model_version = resources.nlp.meta.get("version")
    return {
        "run_id": run_id,
        "pipeline_version": __version__,
        "spacy_version": spacy.__version__,
        "model": settings.model,
        "model_version": model_version,
        "python": platform.python_version(),
        "settings": settings.as_dict(),
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


# --- stages ---------------------------------------------------------------------------------------


def ingest(corpus: Path, out_dir: Path, settings: Settings, *, progress: Progress | None = None) -> RunSummary:
    """Read the corpus into ``.work/documents.parquet`` and ``.work/texts.parquet``."""
    started = time.perf_counter()
    work = _work(out_dir)
    documents: list[Document] = []
    texts: list[tuple[str, str]] = []
    for source in iter_corpus(
        Path(corpus), metadata_file=settings.metadata_file, max_file_bytes=settings.max_file_bytes
    ):
        documents.append(source.document)
        if source.text is not None:
            texts.append((source.document.doc_id, source.text))
        if progress:
            progress(1)
    write_parquet(to_arrow("documents", documents), work / "documents.parquet")
    write_parquet(pa.table({"doc_id": [d for d, _ in texts], "text": [t for _, t in texts]}), work / "texts.parquet")
    write_json({"corpus": str(Path(corpus).resolve())}, work / "corpus.json")
    return RunSummary(
        Path(out_dir),
        len(documents),
        Counter(d.status for d in documents),
        {"documents": len(documents)},
        time.perf_counter() - started,
    )


def _read_documents(work: Path) -> list[Document]:
    table = pq.read_table(_require(work / "documents.parquet", "ingest"))
    return [Document(**row) for row in table.to_pylist()]


def _read_texts(work: Path) -> Iterator[tuple[str, str]]:
    table = pq.read_table(_require(work / "texts.parquet", "ingest"))
    for batch in table.to_batches(max_chunksize=256):
        yield from zip(batch.column("doc_id").to_pylist(), batch.column("text").to_pylist(), strict=True)


def _read_parsed(work: Path, resources: Resources) -> Iterator[tuple[str, Doc]]:
    folder = _require(work / "parsed", "sentences")
    for path in sorted(folder.glob("*.spacy")):
        for doc in DocBin().from_disk(path).get_docs(resources.nlp.vocab):
            yield doc.user_data["doc_id"], doc


def _read_records(work: Path, name: str, record: type, stage: str) -> dict[str, list[Any]]:
    by_doc: dict[str, list[Any]] = {}
    for row in pq.read_table(_require(work / f"{name}.parquet", stage)).to_pylist():
        by_doc.setdefault(row["doc_id"], []).append(record(**row))
    return by_doc


def _parse(texts: Iterable[tuple[str, str]], resources: Resources) -> Iterator[tuple[str, str, Doc]]:
    """Parse ``(doc_id, text)`` pairs; yield ``(doc_id, text, Doc)``."""
    settings = resources.settings
    buffer: dict[str, str] = {}

    def items() -> Iterator[tuple[str, str]]:
        for doc_id, text in texts:
            buffer[doc_id] = text
            yield doc_id, text

    for doc_id, doc in annotate(
        resources.nlp,
        items(),
        batch_size=settings.batch_size,
        n_process=settings.n_workers,
        max_chunk_chars=settings.max_chunk_chars,
    ):
        yield doc_id, buffer.pop(doc_id), doc


class _DocBinWriter:
    """Store parsed Docs in chunks of ``DOCBIN_CHUNK`` under ``.work/parsed/``."""

    ATTRS: ClassVar[list[str]] = [
        "ORTH",
        "LEMMA",
        "POS",
        "TAG",
        "MORPH",
        "DEP",
        "HEAD",
        "SENT_START",
        "ENT_IOB",
        "ENT_TYPE",
        "SPACY",
        "NORM",
    ]

    def __init__(self, folder: Path) -> None:
        if folder.exists():
            for old in folder.glob("*.spacy"):
                old.unlink()
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.bin = DocBin(attrs=self.ATTRS, store_user_data=True)
        self.count = 0
        self.chunks = 0

    def add(self, doc_id: str, doc: Doc) -> None:
        doc.user_data["doc_id"] = doc_id
        self.bin.add(doc)
        self.count += 1
        if self.count % DOCBIN_CHUNK == 0:
            self.flush()

    def flush(self) -> None:
        if len(self.bin):
            self.bin.to_disk(self.folder / f"{self.chunks:05d}.spacy")
            self.chunks += 1
            self.bin = DocBin(attrs=self.ATTRS, store_user_data=True)


def sentences_stage(
    out_dir: Path, settings: Settings, *, progress: Progress | None = None, resources: Resources | None = None
) -> RunSummary:
    """Parse the ingested texts; store the parses and ``.work/sentences.parquet``."""
    started = time.perf_counter()
    work = _work(out_dir)
    resources = resources or Resources(settings)
    bins = _DocBinWriter(work / "parsed")
    writer = _TableWriter("sentences", work / "sentences.parquet")
    for doc_id, text, doc in _parse(_read_texts(work), resources):
        writer.write(extract_sentences(doc, doc_id=doc_id, text=text))
        bins.add(doc_id, doc)
        if progress:
            progress(1)
    bins.flush()
    writer.close()
    return RunSummary(Path(out_dir), bins.count, Counter(), {"sentences": writer.rows}, time.perf_counter() - started)


def entities_stage(
    out_dir: Path, settings: Settings, *, progress: Progress | None = None, resources: Resources | None = None
) -> RunSummary:
    """Find entities in the stored parses; write ``.work/entities.parquet``."""
    started = time.perf_counter()
    work = _work(out_dir)
    resources = resources or Resources(settings)
    texts = dict(_read_texts(work))
    sentences = _read_records(work, "sentences", Sentence, "sentences")
    writer = _TableWriter("entities", work / "entities.parquet")
    n = 0
    for doc_id, doc in _read_parsed(work, resources):
        writer.write(
            extract_entities(
                doc,
                doc_id=doc_id,
                text=texts[doc_id],
                sentences=sentences.get(doc_id, []),
                resources=resources.entity_resources,
            )
        )
        n += 1
        if progress:
            progress(1)
    writer.close()
    return RunSummary(Path(out_dir), n, Counter(), {"entities": writer.rows}, time.perf_counter() - started)


def quotes_stage(
    out_dir: Path, settings: Settings, *, progress: Progress | None = None, resources: Resources | None = None
) -> RunSummary:
    """Find quotes in the stored parses; write ``.work/quotes.parquet`` and ``.work/issues.parquet``."""
    started = time.perf_counter()
    work = _work(out_dir)
    resources = resources or Resources(settings)
    texts = dict(_read_texts(work))
    documents = {d.doc_id: d for d in _read_documents(work)}
    sentences = _read_records(work, "sentences", Sentence, "sentences")
    entities = _read_records(work, "entities", Entity, "entities")
    quote_writer = _TableWriter("quotes", work / "quotes.parquet")
    issue_writer = _TableWriter("issues", work / "issues.parquet")
    n = 0
    for doc_id, doc in _read_parsed(work, resources):
        quotes, issues = extract_quotes(
            doc,
            doc_id=doc_id,
            text=texts[doc_id],
            sentences=sentences.get(doc_id, []),
            entities=entities.get(doc_id, []),
            date=documents[doc_id].date,
            resources=resources.quote_resources,
            target_speakers=settings.target_speakers,
        )
        quote_writer.write(quotes)
        issue_writer.write(issues)
        n += 1
        if progress:
            progress(1)
    quote_writer.close()
    issue_writer.close()
    return RunSummary(
        Path(out_dir),
        n,
        Counter(),
        {"quotes": quote_writer.rows, "issues": issue_writer.rows},
        time.perf_counter() - started,
    )


def export(
    out_dir: Path, settings: Settings, *, run_id: str | None = None, resources: Resources | None = None
) -> RunSummary:
    """Write the final tables (Parquet and CSV) and ``manifest.json`` from the work folder."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    work = _work(out_dir)
    documents = _read_documents(work)
    tables = {
        name: pq.read_table(_require(work / f"{name}.parquet", name if name != "issues" else "quotes"))
        for name in RECORD_TABLES
    }
    counts: dict[str, Counter[str]] = {
        name: Counter(tables[name].column("doc_id").to_pylist()) for name in RECORD_TABLES
    }
    documents = [
        replace(
            d,
            n_sentences=counts["sentences"][d.doc_id],
            n_entities=counts["entities"][d.doc_id],
            n_quotes=counts["quotes"][d.doc_id],
            n_issues=counts["issues"][d.doc_id],
        )
        for d in documents
    ]
    run_id = run_id or uuid.uuid4().hex[:12]
    provenance = _provenance(settings, resources, run_id)
    metadata = table_metadata(provenance)
    rows = {
        "documents": write_table("documents", documents, out_dir, metadata=metadata, csv_dialect=settings.csv_dialect)
    }
    for name, table in tables.items():
        rows[name] = write_table(name, table, out_dir, metadata=metadata, csv_dialect=settings.csv_dialect)
    status = Counter(d.status for d in documents)
    corpus = json.loads((work / "corpus.json").read_text(encoding="utf-8")).get("corpus")
    write_json(
        {
            **provenance,
            "corpus": corpus,
            "rows": rows,
            "status": dict(status),
            "inputs": {d.doc_id: d.sha256 for d in documents},
            "files": {name: [f"{name}.parquet", f"{name}.csv"] for name in rows},
        },
        out_dir / "manifest.json",
    )
    return RunSummary(out_dir, len(documents), status, rows, time.perf_counter() - started)


def run(corpus: Path, out_dir: Path, settings: Settings, *, progress: Progress | None = None) -> RunSummary:
    """Run every stage over ``corpus`` into ``out_dir`` in one streaming pass, then export."""
    started = time.perf_counter()
    resources = Resources(settings)
    ingest(corpus, out_dir, settings)
    work = _work(out_dir)
    documents = {d.doc_id: d for d in _read_documents(work)}
    bins = _DocBinWriter(work / "parsed")
    writers = {name: _TableWriter(name, work / f"{name}.parquet") for name in RECORD_TABLES}
    for doc_id, text, doc in _parse(_read_texts(work), resources):
        analysis = analyse(doc, documents[doc_id], text, resources=resources)
        for name in RECORD_TABLES:
            writers[name].write(getattr(analysis, name))
        bins.add(doc_id, doc)
        if progress:
            progress(1)
    bins.flush()
    for writer in writers.values():
        writer.close()
    summary = export(out_dir, settings, resources=resources)
    summary.seconds = time.perf_counter() - started
    return summary


def report(out_dir: Path) -> Path:
    """Write ``OUT/report.html``, a self-contained visual report of a finished run; return its path."""
    from .outputs import load_outputs

    try:
        from .report import render_report
    except ImportError as exc:
        raise PipelineError(
            f"the report needs matplotlib and networkx ({exc}): pip install 'pipeline[report]'"
        ) from exc
    out_dir = Path(out_dir)
    html = render_report(load_outputs(out_dir))
    path = out_dir / "report.html"
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)
    return path
