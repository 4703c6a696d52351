"""Each table survives a round trip through Parquet and CSV with its column types."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from pipeline.export import read_csv_table, read_parquet_table
from pipeline.schema import Document, Entity, Issue, Quote, Sentence

from .small_outputs import to_frame, write_table

RECORDS = {
    "documents": [
        Document(
            "a.txt",
            "/c/a.txt",
            "ab" * 32,
            120,
            118,
            "utf-8",
            "ok",
            None,
            "Titre, avec « guillemets »",
            dt.date(2023, 2, 15),
            "day",
            "2023-02-15",
            "OTAN/NATO",
            "https://www.nato.int/x",
            "press_release",
            3,
            4,
            1,
            0,
        ),
        Document("b c/é.txt", "/c/b c/é.txt", "", 0, 0, None, "failed", "not valid UTF-8 at byte 3"),
    ],
    "sentences": [Sentence("a.txt", 0, 0, 12, "L’OTAN « dit »"), Sentence("a.txt", 1, 13, 20, 'Deux;\n"x"')],
    "entities": [
        Entity("a.txt", 0, 2, 6, "OTAN", "ORG", "OTAN"),
        Entity("a.txt", 1, 13, 20, "Ukraine", "COUNTRY", "UKR"),
    ],
    "quotes": [
        Quote(
            "a.txt",
            0,
            10,
            40,
            "Nous sommes prêts",
            "direct",
            "Jens Stoltenberg",
            "M. Stoltenberg",
            45,
            59,
            "a déclaré",
            42,
            51,
            0,
            1,
            True,
            True,
        ),
        Quote("a.txt", 1, 60, 70, "Bonsoir.", "turn", "UNKNOWN", None, None, None, "Q -", 56, 59, 2, 2, False, False),
    ],
    "issues": [
        Issue("a.txt", "quotes", "unpaired_quote_mark", 12, "« opened, never closed"),
        Issue("a.txt", "ingest", "bom", None, "byte order mark"),
    ],
}


@pytest.mark.parametrize("name", list(RECORDS))
@pytest.mark.parametrize("dialect", ["default", "excel-fr"])
def test_round_trip_keeps_values_and_types(name: str, dialect: str, tmp_path: Path) -> None:
    expected = to_frame(name, RECORDS[name])
    write_table(name, RECORDS[name], tmp_path, metadata={"k": "v"}, csv_dialect=dialect)
    from_parquet = read_parquet_table(tmp_path / f"{name}.parquet", name)
    from_csv = read_csv_table(tmp_path / f"{name}.csv", name, dialect=dialect)
    pd.testing.assert_frame_equal(from_parquet, expected)
    pd.testing.assert_frame_equal(from_csv, expected)


def test_types_are_the_schema_types() -> None:
    quotes = to_frame("quotes", RECORDS["quotes"])
    assert isinstance(quotes["kind"].dtype, pd.CategoricalDtype)
    assert list(quotes["kind"].cat.categories) == ["direct", "indirect", "turn"]
    assert str(quotes["speaker_start"].dtype) == "Int64"
    assert str(quotes["is_stoltenberg"].dtype) == "boolean"
    documents = to_frame("documents", RECORDS["documents"])
    assert str(documents["date"].dtype) == "datetime64[s]"


def test_excel_csv_has_bom_and_semicolons(tmp_path: Path) -> None:
    write_table("entities", RECORDS["entities"], tmp_path, metadata={}, csv_dialect="excel-fr")
    raw = (tmp_path / "entities.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines()[0] == "doc_id;sent_id;start;end;text;label;entity_id;wikidata"


def test_schema_check_on_export_refuses_a_bad_table(tmp_path: Path) -> None:
    from pipeline.errors import OutputError
    from pipeline.export import StagedTable
    from pipeline.schema import to_arrow

    duplicated = [Sentence("a.txt", 0, 0, 5, "Un."), Sentence("a.txt", 0, 6, 10, "Deux.")]
    unchecked = StagedTable("sentences", tmp_path, metadata={})
    unchecked.write(to_arrow("sentences", duplicated))  # by default the rows are written as they are
    unchecked.discard()
    checked = StagedTable("sentences", tmp_path, metadata={}, check=True)
    with pytest.raises(OutputError, match="sentences does not match its schema"):
        checked.write(to_arrow("sentences", duplicated))
    checked.discard()


# --- spreadsheet injection: excel-fr neutralises formula-like cells, the plain CSV is left exact --------

FORMULA_LIKE = [
    Sentence("a.txt", 0, 0, 9, "=1+1"),  # a formula
    Sentence("a.txt", 1, 10, 20, "+33 1 42 19 00 00"),  # a phone number Excel would compute
    Sentence("a.txt", 2, 21, 30, "- Question : et l'Ukraine ?"),  # a transcript line starting with a dash
    Sentence("a.txt", 3, 31, 40, "@SUM(A1)"),
    Sentence("a.txt", 4, 41, 50, "\tcaché"),
    Sentence("a.txt", 5, 51, 60, "'déjà entre apostrophes"),  # so that the added apostrophe can be taken off
    Sentence("a.txt", 6, 61, 70, "Texte = ordinaire - rien"),  # inside a cell: harmless, unchanged
]


def test_excel_fr_neutralises_formula_like_cells_and_reads_them_back(tmp_path: Path) -> None:
    write_table("sentences", FORMULA_LIKE, tmp_path, metadata={}, csv_dialect="excel-fr")
    raw = pd.read_csv(tmp_path / "sentences.csv", sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(raw["text"]) == [
        "'=1+1",
        "'+33 1 42 19 00 00",
        "'- Question : et l'Ukraine ?",
        "'@SUM(A1)",
        "'\tcaché",
        "''déjà entre apostrophes",
        "Texte = ordinaire - rien",
    ]
    assert list(raw["doc_id"]) == ["a.txt"] * 7  # other cells untouched
    back = read_csv_table(tmp_path / "sentences.csv", "sentences", dialect="excel-fr")
    pd.testing.assert_frame_equal(back, to_frame("sentences", FORMULA_LIKE))


def test_default_csv_keeps_cells_byte_exact(tmp_path: Path) -> None:
    write_table("sentences", FORMULA_LIKE, tmp_path, metadata={}, csv_dialect="default")
    raw = pd.read_csv(tmp_path / "sentences.csv", dtype=str, keep_default_na=False)
    assert list(raw["text"]) == [s.text for s in FORMULA_LIKE]


def test_staged_excel_table_neutralises_too(tmp_path: Path) -> None:
    from pipeline.export import StagedTable
    from pipeline.schema import to_arrow

    staged = StagedTable("sentences", tmp_path, metadata={}, csv_dialect="excel-fr")
    staged.write(to_arrow("sentences", FORMULA_LIKE))
    staged.close()
    staged.publish()
    assert "\n" + "a.txt;0;0;9;'=1+1" in (tmp_path / "sentences.csv").read_text(encoding="utf-8-sig")
