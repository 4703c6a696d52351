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
