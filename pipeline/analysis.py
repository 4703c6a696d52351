"""The per-document unit of work: parse a batch of plain records, run every extraction stage on each.

Engines (a local process pool, a Dask cluster) call :func:`analyse_batch` in their workers. What
goes in and out are plain records (:class:`~pipeline.schema.Document`, ``str``, :class:`Analysis`),
never spaCy objects, so they pickle cheaply and identically everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc

from .config import Settings
from .entities import EntityResources, extract_entities, load_entity_resources
from .nlp import annotate, load_model
from .quotes import QuoteResources, extract_quotes, load_quote_resources
from .schema import Document, Entity, Issue, Quote, Sentence
from .sentences import extract_sentences


@dataclass(frozen=True)
class Analysis:
    """Everything extracted from one document (``error`` set when the analysis itself failed)."""

    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    error: str | None = None


class Resources:
    """Model and word lists, loaded once per process and only when first needed."""

    def __init__(self, settings: Settings, *, nlp: Language | None = None) -> None:
        """``nlp`` replaces the configured model (tests use a blank French pipeline)."""
        self.settings = settings
        if nlp is not None:
            self.__dict__["nlp"] = nlp

    @cached_property
    def nlp(self) -> Language:
        return load_model(self.settings.model, disable=self.settings.disable)

    @cached_property
    def entity_resources(self) -> EntityResources:
        return load_entity_resources()

    @cached_property
    def quote_resources(self) -> QuoteResources:
        return load_quote_resources()


_PROCESS_RESOURCES: dict[str, Resources] = {}


def process_resources(settings: Settings) -> Resources:
    """The resources of this process for ``settings``: the model is loaded once per worker process."""
    key = json.dumps(settings.as_dict(), sort_keys=True, default=str)
    if key not in _PROCESS_RESOURCES:
        _PROCESS_RESOURCES.clear()
        _PROCESS_RESOURCES[key] = Resources(settings)
    return _PROCESS_RESOURCES[key]


def analyse(doc: Doc, document: Document, text: str, *, resources: Resources) -> Analysis:
    """Run every extraction stage on one parsed document."""
    # Sentence texts are sliced from the model's text (’ folded to '): take them from the file's text.
    sentences = [
        s if s.text == text[s.start : s.end] else replace(s, text=text[s.start : s.end])
        for s in extract_sentences(doc, document.doc_id)
    ]
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


def _failure(stage: str, exc: Exception) -> Analysis:
    return Analysis(error=f"internal error while {stage}: {type(exc).__name__}: {exc} (please report it)")


def analyse_batch(items: Sequence[tuple[Document, str]], *, resources: Resources) -> list[Analysis]:
    """Parse and analyse ``(document, text)`` pairs in one ``nlp.pipe`` pass; one Analysis per pair, in order.

    A document whose parse or analysis raises gets an Analysis with ``error`` set; the others go on.
    """
    settings = resources.settings
    resources.nlp  # noqa: B018  a model that cannot load is a setup error, not a document failure
    results: list[Analysis] = []
    try:
        parsed = annotate(
            resources.nlp,
            ((index, text) for index, (_, text) in enumerate(items)),
            batch_size=settings.batch_size,
            n_process=1,
            max_chunk_chars=settings.max_chunk_chars,
        )
        for index, doc in parsed:
            document, text = items[index]
            try:
                results.append(analyse(doc, document, text, resources=resources))
            except Exception as exc:  # one document's bug must not stop the corpus
                results.append(_failure("extracting records", exc))
    except Exception as exc:
        if len(items) == 1:
            return [_failure("parsing", exc)]
        # Parse the rest one by one, so that only the faulty document fails.
        done = len(results)
        return results + [analyse_batch([item], resources=resources)[0] for item in items[done:]]
    return results


def analyse_batch_for(items: Sequence[tuple[Document, str]], settings: Settings) -> list[Analysis]:
    """:func:`analyse_batch` with this process's resources for ``settings`` (the function engines ship)."""
    return analyse_batch(items, resources=process_resources(settings))
