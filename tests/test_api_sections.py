"""Long documents are analysed in sections: records land at the right offsets, numbering continues."""

from __future__ import annotations

import spacy

from pipeline.analysis import Resources, _shifted, analyse_batch
from pipeline.config import Settings
from pipeline.schema import TABLES, Document, Issue, Quote

PARAGRAPH = (
    "Le secrétaire général de l’OTAN a déclaré : « Nous soutenons l’Ukraine. » "
    "M. Stoltenberg s’est rendu à Kiev.\u00a0Il a rencontré le président.\n\n"
)


def _resources(max_chunk_chars: int) -> Resources:
    nlp = spacy.blank("fr")
    nlp.add_pipe("french_sentences")
    return Resources(Settings(max_chunk_chars=max_chunk_chars), nlp=nlp)


def _document(text: str) -> Document:
    return Document(doc_id="long.txt", path="long.txt", sha256="", n_bytes=0, n_chars=len(text), encoding="utf-8",
                    status="ok", error=None)  # fmt: skip


def test_sections_give_the_records_of_the_whole_document() -> None:
    text = PARAGRAPH * 60  # about 9,600 characters
    [whole] = analyse_batch([(_document(text), text)], resources=_resources(20_000))
    [sectioned] = analyse_batch([(_document(text), text)], resources=_resources(1_000))
    assert sectioned.error is None
    assert sectioned.sentences == whole.sentences  # sentences never cross a line break
    assert sectioned.quotes == whole.quotes
    assert [s.sent_id for s in sectioned.sentences] == list(range(len(sectioned.sentences)))
    assert [q.quote_id for q in sectioned.quotes] == list(range(len(sectioned.quotes)))
    for record in [*sectioned.sentences, *sectioned.entities, *sectioned.quotes]:
        assert record.text == text[record.start : record.end]


def test_short_and_long_documents_keep_their_order() -> None:
    short, long = PARAGRAPH, PARAGRAPH * 20
    items = [(_document(short), short), (_document(long), long), (_document(short), short)]
    results = analyse_batch(items, resources=_resources(1_000))
    assert [len(r.sentences) for r in results] == [3, 60, 3]


def test_every_number_into_the_document_is_declared_in_the_schema() -> None:
    # A section's records are moved by the columns schema.py declares: a new offset column that forgot to
    # declare what it counts would stay at its section's offsets.
    for spec in TABLES.values():
        for column in spec.columns:
            looks_counted = column.name in ("start", "end", "sent_id", "quote_id") or column.name.endswith(
                ("_start", "_end")
            )
            assert (column.counts is not None) == (looks_counted and spec.name != "documents"), (spec.name, column)


def test_a_record_of_a_section_moves_every_declared_number() -> None:
    quote = Quote("d", 1, 10, 20, "x", "direct", "UNKNOWN", None, None, None, "dit", 5, 8, 2, 3, False, False)
    moved = _shifted(quote, chars=100, sentences=7, quotes=4)
    assert (moved.quote_id, moved.start, moved.end, moved.cue_start, moved.cue_end) == (5, 110, 120, 105, 108)
    assert (moved.sent_start, moved.sent_end, moved.speaker_start) == (9, 10, None)
    issue = Issue("d", "quotes", "unpaired_mark", 3, "m")
    assert _shifted(issue, chars=100, sentences=7).start == 103
