"""The scorer follows FORMAT.md: exact entity spans, id sets, quote overlap ≥ 0.5, one-to-one matches."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.evaluate import match_quotes, score


def q(start: int, end: int, speaker: str = "Jens Stoltenberg") -> dict[str, Any]:
    return {"doc_id": "d", "start": start, "end": end, "speaker": speaker, "kind": "direct"}


@pytest.mark.parametrize(
    ("gold", "pred", "pairs"),
    [
        pytest.param([q(0, 10)], [q(0, 10)], [(0, 0)], id="identical"),
        pytest.param([q(0, 10)], [q(0, 5)], [(0, 0)], id="overlap-exactly-half-counts"),
        pytest.param([q(0, 10)], [q(0, 4)], [], id="overlap-under-half-does-not"),
        pytest.param([q(0, 10)], [q(0, 10), q(1, 10)], [(0, 0)], id="one-gold-matches-one-prediction"),
        pytest.param([q(0, 10), q(0, 9)], [q(0, 9)], [(1, 0)], id="best-overlap-wins"),
    ],
)
def test_quote_matching(gold: list[dict[str, Any]], pred: list[dict[str, Any]], pairs: list[tuple[int, int]]) -> None:
    assert match_quotes(gold, pred) == pairs


def test_figures_on_a_small_case() -> None:
    gold = {
        "d": {
            "doc": "d",
            "entities": [
                {"start": 0, "end": 4, "label": "ORG", "entity_id": "OTAN"},
                {"start": 10, "end": 17, "label": "COUNTRY", "entity_id": "UKR"},
                {"start": 20, "end": 31, "label": "PERSON", "entity_id": "Jens Stoltenberg"},
            ],
            "quotes": [q(40, 80), q(90, 120, "Conseil de l'Atlantique Nord")],
            "sentences": [[0, 35], [36, 130]],
        }
    }
    entities = [
        {"doc_id": "d", "start": 0, "end": 4, "label": "ORG", "entity_id": "OTAN"},
        {"doc_id": "d", "start": 9, "end": 17, "label": "COUNTRY", "entity_id": "UKR"},  # span off by one
        {"doc_id": "d", "start": 20, "end": 31, "label": "PERSON", "entity_id": "Jens Stoltenberg"},
        {"doc_id": "d", "start": 50, "end": 54, "label": "NATIONALITY", "entity_id": "RUS"},  # not scored
    ]
    quotes = [q(40, 78), q(90, 120, "Jens Stoltenberg"), q(200, 210)]
    sentences = [{"doc_id": "d", "end": 35}, {"doc_id": "d", "end": 129}]
    scores = score(gold, entities, quotes, sentences)
    assert (scores.entities.tp, scores.entities.fp, scores.entities.fn) == (2, 1, 1)
    assert scores.entities_by_label["COUNTRY"].f1 == 0.0
    assert scores.entity_ids.f1 == 1.0  # ids are compared as sets per document
    assert (scores.quotes.tp, scores.quotes.fp, scores.quotes.fn) == (2, 1, 0)
    assert scores.attribution_accuracy == 0.5
    assert (scores.stoltenberg.tp, scores.stoltenberg.fp, scores.stoltenberg.fn) == (1, 2, 0)
    assert (scores.sentences.tp, scores.sentences.fp, scores.sentences.fn) == (1, 1, 1)


def test_predictions_outside_the_gold_documents_are_ignored() -> None:
    gold = {"d": {"doc": "d", "entities": [], "quotes": []}}
    scores = score(gold, [{"doc_id": "other", "start": 0, "end": 1, "label": "ORG", "entity_id": "X"}], [], [])
    assert scores.entities.fp == 0


def ent(start: int, end: int, label: str, entity_id: str | None) -> dict[str, Any]:
    return {"doc_id": "d", "start": start, "end": end, "label": label, "entity_id": entity_id}


def test_a_null_layer_is_not_scored() -> None:
    # FORMAT.md: «quotes»: null means "not annotated", so predicted quotes there are not false positives;
    # an empty list means "annotated, none there" and they are.
    entities = [ent(0, 4, "ORG", "OTAN")]
    quotes = [q(10, 20)]
    sentences = [{"doc_id": "d", "end": 30}]
    unannotated = {"d": {"doc": "d", "entities": [ent(0, 4, "ORG", None)], "quotes": None, "sentences": None}}
    scores = score(unannotated, entities, quotes, sentences)
    assert (scores.quotes.tp, scores.quotes.fp, scores.quotes.fn) == (0, 0, 0)
    assert (scores.sentences.tp, scores.sentences.fp, scores.sentences.fn) == (0, 0, 0)
    assert scores.scored == {"entities": 1, "entity_ids": 0, "quotes": 0, "sentences": 0}
    assert "not annotated" in scores.format()
    annotated_none = {"d": {"doc": "d", "entities": [], "quotes": [], "sentences": []}}
    scores = score(annotated_none, entities, quotes, sentences)
    assert (scores.entities.fp, scores.quotes.fp, scores.sentences.fp) == (1, 1, 1)


def test_an_absent_entity_layer_is_not_scored() -> None:
    # A gold document without «entities» (a quotes-only annotation) says nothing about entities.
    gold = {"d": {"doc": "d", "quotes": []}}
    scores = score(gold, [ent(0, 4, "ORG", "OTAN")], [], [])
    assert (scores.entities.tp, scores.entities.fp, scores.entities.fn) == (0, 0, 0)
    assert scores.scored["entities"] == 0


def test_null_ids_leave_the_document_out_of_the_id_figures_only() -> None:
    # WiNER-style gold: spans and labels without ids. Mentions are scored; ids are not.
    gold = {
        "a": {"doc": "a", "entities": [{"start": 0, "end": 6, "label": "COUNTRY", "entity_id": None}], "quotes": None},
        "b": {"doc": "b", "entities": [{"start": 0, "end": 6, "label": "COUNTRY", "entity_id": "FRA"}], "quotes": None},
    }
    predicted = [
        {"doc_id": "a", "start": 0, "end": 6, "label": "COUNTRY", "entity_id": "FRA"},
        {"doc_id": "b", "start": 0, "end": 6, "label": "COUNTRY", "entity_id": "DEU"},
    ]
    scores = score(gold, predicted, [], [])
    assert (scores.entities.tp, scores.entities.fp, scores.entities.fn) == (2, 0, 0)
    assert (scores.entity_ids.tp, scores.entity_ids.fp, scores.entity_ids.fn) == (0, 1, 1)  # document b only
    assert scores.scored["entity_ids"] == 1


def test_a_set_without_any_id_has_no_id_figures() -> None:
    # winer-dev: every id is null, and a document without entities must not bring the id figures back.
    gold = {
        "a": {"doc": "a", "entities": [{"start": 0, "end": 6, "label": "COUNTRY", "entity_id": None}]},
        "b": {"doc": "b", "entities": []},
    }
    predicted = [{"doc_id": "b", "start": 0, "end": 6, "label": "COUNTRY", "entity_id": "FRA"}]
    scores = score(gold, predicted, [], [], keep_errors=True)
    assert scores.scored["entity_ids"] == 0
    assert (scores.entity_ids.tp, scores.entity_ids.fp, scores.entity_ids.fn) == (0, 0, 0)
    assert "id_fp" not in scores.errors
    assert scores.entities.fp == 1  # the mention is still a false positive of document b
