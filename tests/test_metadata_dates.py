"""Dates of the corpus metadata: ISO, partial, in French words; their precision; an unreadable one is an issue."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.ingest import MetadataDate, metadata_issues, read_date, read_document, read_metadata
from pipeline.schema import Document

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The corpus's own forms: ISO dates, partial ones, with a note in brackets.
        pytest.param("2023-02-15", MetadataDate(D(2023, 2, 15), "day"), id="iso-day"),
        pytest.param("2020-04 (inferred)", MetadataDate(D(2020, 4, 1), "month"), id="iso-month-with-note"),
        pytest.param("2019-08-02 (inferred from event)", MetadataDate(D(2019, 8, 2), "day"), id="iso-day-with-note"),
        pytest.param("2009", MetadataDate(D(2009, 1, 1), "year"), id="year-alone"),
        # French in words, as a press office writes it (issue 16: «15 avril 2013» was a silent null).
        pytest.param("15 avril 2013", MetadataDate(D(2013, 4, 15), "day"), id="fr-words"),
        pytest.param("1er avril 2013", MetadataDate(D(2013, 4, 1), "day"), id="fr-premier"),
        pytest.param("mardi 15 avril 2013", MetadataDate(D(2013, 4, 15), "day"), id="fr-with-weekday"),
        pytest.param("le 3 mars 2021", MetadataDate(D(2021, 3, 3), "day"), id="fr-with-article"),
        pytest.param("avril 2013", MetadataDate(D(2013, 4, 1), "month"), id="fr-month-year"),
        pytest.param("juil. 2022", MetadataDate(D(2022, 7, 1), "month"), id="fr-abbreviated-month"),
        pytest.param("13 août 1999", MetadataDate(D(1999, 8, 13), "day"), id="fr-accented-month"),
        # Numeric dates are day first in French.
        pytest.param("04/05/2013", MetadataDate(D(2013, 5, 4), "day"), id="numeric-day-first"),
        pytest.param("15.04.2013", MetadataDate(D(2013, 4, 15), "day"), id="numeric-dots"),
        # English, for sources republished from NATO's English pages.
        pytest.param("12 April 2019", MetadataDate(D(2019, 4, 12), "day"), id="en-words"),
        # Not a date with a year: never guessed (the current year, today's date), always flagged.
        pytest.param("15 avril", MetadataDate(None, None), id="no-year"),
        pytest.param("printemps 2020", MetadataDate(None, None), id="season"),
        pytest.param("hier", MetadataDate(None, None), id="relative"),
        pytest.param("2013-13-45", MetadataDate(None, None), id="impossible-iso"),
        pytest.param("1999-02-30", MetadataDate(None, None), id="impossible-day"),
        pytest.param("", MetadataDate(None, None), id="empty"),
        pytest.param(None, MetadataDate(None, None), id="missing"),
    ],
)
def test_read_date(text: str | None, expected: MetadataDate) -> None:
    assert read_date(text) == expected


def _document(date_text: str | None) -> Document:
    read = read_date(date_text)
    return Document("a.txt", "/c/a.txt", "", 0, 0, None, "skipped", "empty", None, read.date, read.precision, date_text)


def test_unreadable_date_is_an_issue_never_a_silent_null() -> None:
    [issue] = metadata_issues(_document("printemps 2020"))
    assert (issue.doc_id, issue.stage, issue.code, issue.start) == ("a.txt", "ingest", "unreadable_date", None)
    assert "'printemps 2020'" in issue.message
    assert metadata_issues(_document("avril 2020")) == []
    assert metadata_issues(_document(None)) == []  # no date given: nothing to report


def test_document_rows_carry_date_and_precision(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Texte.\n", encoding="utf-8")
    (tmp_path / "metadata.tsv").write_text("file\tdate\na.txt\tavril 2013\n", encoding="utf-8")
    metadata = read_metadata(tmp_path / "metadata.tsv")
    document = read_document(tmp_path / "a.txt", tmp_path, metadata["a.txt"], max_file_bytes=1000).document
    assert (document.date, document.date_precision, document.date_text) == (D(2013, 4, 1), "month", "avril 2013")
