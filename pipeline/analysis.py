"""The per-document unit of work: parse a batch of plain records, run every extraction stage on each.

Engines (a local process pool, a Dask cluster) call :func:`analyse_batch` in their workers. What
goes in and out are plain records (:class:`~pipeline.schema.Document`, ``str``, :class:`Analysis`),
never spaCy objects, so they pickle cheaply and identically everywhere.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from .config import Settings
from .dating import document_date
from .entities import EntityResources, extract_entities, load_entity_resources
from .nlp import annotate, chunk_text, load_model
from .quotes import QuoteResources, extract_quotes, load_quote_resources
from .schema import Document, Entity, Issue, Quote, Sentence, counted_fields
from .sentences import extract_sentences

R = TypeVar("R", Sentence, Entity, Quote, Issue)


@dataclass(frozen=True)
class Analysis:
    """Everything extracted from one document (``error`` set when the analysis itself failed)."""

    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    error: str | None = None
    #: The document's parse, one Doc a section (DocBin bytes), when the analysis was asked to keep it.
    parses: bytes | None = None


class Resources:
    """Model and word lists, loaded once per process and only when first needed."""

    def __init__(self, settings: Settings, *, nlp: Language | None = None) -> None:
        """``nlp`` replaces the configured model (tests use a blank French pipeline)."""
        self.settings = settings
        if nlp is not None:
            self.__dict__["nlp"] = nlp

    @cached_property
    def nlp(self) -> Language:
        settings = self.settings
        return shared_model(settings.model, tuple(settings.disable), settings.blas, settings.parse)

    @cached_property
    def entity_resources(self) -> EntityResources:
        return load_entity_resources()

    @cached_property
    def quote_resources(self) -> QuoteResources:
        return load_quote_resources()


@functools.lru_cache(maxsize=1)
def shared_model(name: str, disable: tuple[str, ...], blas: str = "auto", parse: str = "needed") -> Language:
    """The model of this process: loaded once, and again only when the model settings (name, disabled
    components, BLAS, parse mode) change; the other settings (speakers, batch size…) do not reload it.

    The workers' fork server calls it before forking (:mod:`pipeline.engines.preload`): workers inherit it.
    """
    return load_model(name, disable=disable, blas=blas, parse=parse)


_PROCESS_RESOURCES: dict[str, Resources] = {}


def process_resources(settings: Settings) -> Resources:
    """The resources of this process for ``settings`` (the model is :func:`shared_model`'s)."""
    key = json.dumps(settings.as_dict(), sort_keys=True, default=str)
    if key not in _PROCESS_RESOURCES:
        _PROCESS_RESOURCES.clear()
        _PROCESS_RESOURCES[key] = Resources(settings)
    return _PROCESS_RESOURCES[key]


def analyse(doc: Doc, document: Document, text: str, *, resources: Resources) -> Analysis:
    """Run every extraction stage on one parsed document."""
    sentences = extract_sentences(doc, doc_id=document.doc_id, text=text)
    entities = extract_entities(
        doc, doc_id=document.doc_id, text=text, sentences=sentences, resources=resources.entity_resources
    )
    dated = document_date(document.date, document.date_precision, document.doc_id, text)
    quotes, issues = extract_quotes(
        doc,
        doc_id=document.doc_id,
        text=text,
        sentences=sentences,
        entities=entities,
        date=dated.date if dated else None,
        date_precision=dated.precision if dated else "day",
        resources=resources.quote_resources,
        target_speakers=resources.settings.target_speakers,
    )
    return Analysis(sentences, entities, quotes, issues)


def _shifted(record: R, *, chars: int, sentences: int, quotes: int = 0) -> R:
    """A record of one section moved to its place in the whole document.

    The fields moved are those ``schema.py`` declares as counting characters, sentences or quotes.
    """
    by = {"char": chars, "sentence": sentences, "quote": quotes}
    changes: dict[str, Any] = {}
    for name, counts in counted_fields(type(record)).items():
        value = getattr(record, name)
        if value is not None:
            changes[name] = value + by[counts]
    return replace(record, **changes)


#: Token attributes kept when a parse is stored (``keep_parses``): everything the stages read.
PARSE_ATTRS = [
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
#: ``Doc.user_data`` keys of a stored section: its document and its offset in the document's text.
DOC_ID_KEY, OFFSET_KEY = "doc_id", "offset"


def analyse_parsed(
    document: Document,
    text: str,
    sections: Iterable[tuple[int, Doc]],
    *,
    resources: Resources,
    keep: DocBin | None = None,
) -> Analysis:
    """Run every extraction stage on a parsed document: section by section, records placed in the whole text.

    Args:
        sections: ``(offset, Doc)`` of each section of ``text`` in order (``[(0, doc)]`` for a document
            parsed whole); a section is analysed on its own, then its offsets, sentence and quote numbers
            are shifted, so a speaker named in one section is not resolved from another.
        keep: where to store each section's Doc (with its document id and offset), when the parse is kept.
    """
    whole = Analysis()
    for offset, doc in sections:
        part = analyse(doc, document, text[offset : offset + len(doc.text)], resources=resources)
        n_sentences, n_quotes = len(whole.sentences), len(whole.quotes)
        whole.sentences.extend(_shifted(r, chars=offset, sentences=n_sentences) for r in part.sentences)
        whole.entities.extend(_shifted(r, chars=offset, sentences=n_sentences) for r in part.entities)
        whole.quotes.extend(_shifted(r, chars=offset, sentences=n_sentences, quotes=n_quotes) for r in part.quotes)
        whole.issues.extend(_shifted(r, chars=offset, sentences=n_sentences) for r in part.issues)
        if keep is not None:
            doc.user_data[DOC_ID_KEY], doc.user_data[OFFSET_KEY] = document.doc_id, offset
            keep.add(doc)
    return whole


def analyse_stored(
    document: Document, text: str, sections: Iterable[tuple[int, Doc]], *, resources: Resources
) -> Analysis:
    """:func:`analyse_parsed` on a stored parse; a document whose analysis raises gets ``error`` set."""
    try:
        return analyse_parsed(document, text, sections, resources=resources)
    except Exception as exc:  # one document's bug must not stop the corpus
        return _failure("extracting records", exc)


def _analysed(
    document: Document, text: str, sections: Iterable[tuple[int, Doc]], resources: Resources, keep_parses: bool
) -> Analysis:
    """:func:`analyse_parsed`, with the parse stored in ``Analysis.parses`` when ``keep_parses``."""
    keep = DocBin(attrs=PARSE_ATTRS, store_user_data=True) if keep_parses else None
    analysis = analyse_parsed(document, text, sections, resources=resources, keep=keep)
    return analysis if keep is None else replace(analysis, parses=keep.to_bytes())


def analyse_sections(document: Document, text: str, *, resources: Resources, keep_parses: bool = False) -> Analysis:
    """Analyse a long document section by section (cut at line breaks), records placed in the whole text.

    Each section is parsed and analysed on its own (:func:`analyse_parsed`); so memory and the cost of
    the stages stay those of one section, whatever the file's size.
    """
    settings = resources.settings
    pieces = chunk_text(text, settings.max_chunk_chars)
    docs = annotate(
        resources.nlp, enumerate(piece for _, piece in pieces), batch_size=4, max_chunk_chars=settings.max_chunk_chars
    )
    sections = ((offset, doc) for (offset, _), (_, doc) in zip(pieces, docs, strict=True))
    return _analysed(document, text, sections, resources, keep_parses)


def _failure(stage: str, exc: Exception) -> Analysis:
    return Analysis(error=f"internal error while {stage}: {type(exc).__name__}: {exc} (please report it)")


def analyse_batch(
    items: Sequence[tuple[Document, str]], *, resources: Resources, keep_parses: bool = False
) -> list[Analysis]:
    """Parse and analyse ``(document, text)`` pairs in one ``nlp.pipe`` pass; one Analysis per pair, in order.

    A document whose parse or analysis raises gets an Analysis with ``error`` set; the others go on.
    ``keep_parses``: each Analysis also holds its document's parse (``parses``, DocBin bytes).
    """
    settings = resources.settings
    # A model or a data file that cannot load is a setup error (the run stops), not a document failure.
    resources.nlp, resources.entity_resources, resources.quote_resources  # noqa: B018
    results: dict[int, Analysis] = {}
    short = [(index, text) for index, (_, text) in enumerate(items) if len(text) <= settings.max_chunk_chars]
    try:
        parsed = annotate(
            resources.nlp, short, batch_size=settings.batch_size, max_chunk_chars=settings.max_chunk_chars
        )
        for index, doc in parsed:
            document, text = items[index]
            try:
                results[index] = _analysed(document, text, [(0, doc)], resources, keep_parses)
            except Exception as exc:  # one document's bug must not stop the corpus
                results[index] = _failure("extracting records", exc)
    except Exception as exc:
        if len(short) == 1:
            results[short[0][0]] = _failure("parsing", exc)
        else:  # parse the rest one by one, so that only the faulty document fails
            for index, _ in short:
                if index not in results:
                    results[index] = analyse_batch([items[index]], resources=resources, keep_parses=keep_parses)[0]
    for index, (document, text) in enumerate(items):
        if index not in results:
            try:
                results[index] = analyse_sections(document, text, resources=resources, keep_parses=keep_parses)
            except Exception as exc:
                results[index] = _failure("analysing a long document", exc)
    return [results[index] for index in range(len(items))]


def analyse_batch_for(
    items: Sequence[tuple[Document, str]], settings: Settings, *, keep_parses: bool = False
) -> list[Analysis]:
    """:func:`analyse_batch` with this process's resources for ``settings`` (the function engines ship)."""
    return analyse_batch(items, resources=process_resources(settings), keep_parses=keep_parses)
