"""The quote data files load, and their checks name the bad line."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.quotes.resources import load_quote_resources


def test_resources_load() -> None:
    resources = load_quote_resources()
    assert "que" in resources.frames("souligner")
    assert resources.frames("décider") == frozenset()  # a decision is not speech
    assert resources.titles["secrétaire général"].role == "nato_sg"
    assert "communiqué" in resources.words("document_noun")
    assert "mardi" in resources.words("time_word")


@pytest.mark.parametrize(
    ("date", "holder"),
    [
        pytest.param(dt.date(2008, 9, 11), "Jaap de Hoop Scheffer", id="2008"),
        pytest.param(dt.date(2013, 4, 15), "Anders Fogh Rasmussen", id="2013"),
        pytest.param(dt.date(2014, 10, 1), "Jens Stoltenberg", id="first-day-stoltenberg"),
        pytest.param(dt.date(2025, 3, 1), "Mark Rutte", id="rutte-era"),
    ],
)
def test_secretary_general_by_date(date: dt.date, holder: str) -> None:
    found = load_quote_resources().secretary_general_on(date)
    assert found is not None and found.name == holder
