"""Document dates read from the text or the file name when the metadata gives none (pipeline/dating.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.dating import DocumentDate, document_date, infer_date


@pytest.mark.parametrize(
    ("doc_id", "text", "expected"),
    [
        # A dateline in words near the top: the day is known.
        pytest.param(
            "a.txt",
            "Ce mardi 1er octobre 2024, Mark Rutte a pris ses fonctions.",
            ("2024-10-01", "day", "text"),
            id="dateline",
        ),
        # Wire copy abbreviates the month.
        pytest.param(
            "a.txt",
            "OTTAWA, ON, le 1er oct. 2024 /CNW/ - Le premier ministre…",
            ("2024-10-01", "day", "text"),
            id="abbreviated-month",
        ),
        # No date in the text: an ISO date in the file name.
        pytest.param(
            "2021-06-14-communique.txt", "Communiqué.", ("2021-06-14", "day", "file name"), id="iso-file-name"
        ),
        # Only a year in the file name: the year is known, not the day.
        pytest.param(
            "123_tf1info_chef_otan_2023.txt", "Texte.", ("2023-01-01", "year", "file name"), id="year-file-name"
        ),
        # A date deep in the text is an event, not the document's date.
        pytest.param("a.txt", "x " * 300 + "le 9 mars 2016", None, id="too-far"),
        # Numbers that are not years («20000 soldats», «v1234») are not dates.
        pytest.param("rapport_20000_v1234.txt", "Texte.", None, id="no-year"),
    ],
)
def test_infer_date(doc_id: str, text: str, expected: tuple[str, str, str] | None) -> None:
    found = infer_date(doc_id, text)
    if expected is None:
        assert found is None
    else:
        assert found == DocumentDate(dt.date.fromisoformat(expected[0]), expected[1], expected[2])


def test_metadata_date_wins_with_its_precision() -> None:
    found = document_date(dt.date(2020, 4, 1), "month", "x_2019.txt", "Le 3 mai 2018, …")
    assert found == DocumentDate(dt.date(2020, 4, 1), "month", "metadata")
