"""Long documents are analysed in sections: records land at the right offsets, numbering continues."""

from __future__ import annotations

import spacy

from pipeline.analysis import Resources, analyse_batch
from pipeline.config import Settings
from pipeline.schema import Document

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
