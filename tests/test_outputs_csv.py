"""The CSV layouts: the default one and ``excel-fr`` (semicolons, BOM) that French Excel opens as columns."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline import load_outputs
from pipeline.cli import app
from pipeline.export import read_csv_table
from pipeline.schema import TABLES
from tests.small_outputs import corpus_output, hand_records, write_output

BOM = b"\xef\xbb\xbf"


@pytest.fixture(scope="module")
def excel_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_output(tmp_path_factory.mktemp("excel") / "out", hand_records(), csv_dialect="excel-fr")


@pytest.fixture(scope="module")
def default_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_output(tmp_path_factory.mktemp("default") / "out", hand_records())


def _rows(path: Path, delimiter: str) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


@pytest.mark.parametrize("name", list(TABLES))
def test_excel_fr_layout(excel_folder: Path, name: str) -> None:
    path = excel_folder / f"{name}.csv"
    # The BOM makes Excel read UTF-8 (accents intact); the semicolon is its list separator in French.
    assert path.read_bytes().startswith(BOM + TABLES[name].column_names[0].encode() + b";")
    rows = _rows(path, ";")
    assert rows[0] == TABLES[name].column_names
    assert all(len(row) == len(rows[0]) for row in rows)  # a ';' inside a text is quoted, not a new column


def test_excel_fr_values(excel_folder: Path) -> None:
    quotes = _rows(excel_folder / "quotes.csv", ";")
    assert quotes[1][4] == "L'Ukraine a le droit de se défendre ; nous la soutiendrons."
    documents = {row[0]: row for row in _rows(excel_folder / "documents.csv", ";")}
    header = documents["doc_id"]
    a, c = dict(zip(header, documents["a.txt"], strict=True)), dict(zip(header, documents["c.txt"], strict=True))
    assert a["date"] == "2019-03-10"  # ISO dates: Excel reads them as dates in any locale
    assert a["title"] == "Stoltenberg et l'Ukraine" and a["n_bytes"] == "200"
    assert c["date"] == "" and c["encoding"] == ""  # nulls are empty cells


def test_default_layout_has_no_bom_and_commas(default_folder: Path) -> None:
    data = (default_folder / "quotes.csv").read_bytes()
    assert not data.startswith(BOM) and data.startswith(b"doc_id,quote_id,")


@pytest.mark.parametrize("dialect", ["default", "excel-fr"])
@pytest.mark.parametrize("name", list(TABLES))
def test_csv_reads_back_as_the_parquet_table(excel_folder: Path, default_folder: Path, dialect: str, name: str) -> None:
    folder = excel_folder if dialect == "excel-fr" else default_folder
    from_parquet = getattr(load_outputs(folder), name)
    from_csv = read_csv_table(folder / f"{name}.csv", name, dialect=dialect)
    pd.testing.assert_frame_equal(from_csv, from_parquet, check_categorical=False)


@pytest.mark.model
def test_export_command_writes_excel_fr(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    shutil.copytree(corpus_output(tmp_path_factory.getbasetemp()), folder)
    result = CliRunner().invoke(app, ["--quiet", "export", "--out", str(folder), "--csv-dialect", "excel-fr"])
    assert result.exit_code == 0, result.output
    assert (folder / "sentences.csv").read_bytes().startswith(BOM + b"doc_id;sent_id;")
    sentences = read_csv_table(folder / "sentences.csv", "sentences", dialect="excel-fr")
    pd.testing.assert_frame_equal(sentences, load_outputs(folder).sentences)
