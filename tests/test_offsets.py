"""The offset invariant: ``text == file_text[start:end]`` on every row of every table, whole corpus."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.export import read_parquet_table

from .conftest import CORPUS

pytestmark = pytest.mark.model


def _file_text(doc_id: str) -> str:
    return (CORPUS / doc_id).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("table", "spans"),
    [
        ("sentences", [("start", "end", "text")]),
        ("entities", [("start", "end", "text")]),
        (
            "quotes",
            [
                ("start", "end", "text"),
                ("speaker_start", "speaker_end", "speaker_text"),
                ("cue_start", "cue_end", "cue"),
            ],
        ),
    ],
)
def test_every_span_is_a_slice_of_the_file(corpus_run: Path, table: str, spans: list[tuple[str, str, str]]) -> None:
    frame = read_parquet_table(corpus_run / f"{table}.parquet", table)
    texts = {doc_id: _file_text(doc_id) for doc_id in frame["doc_id"].unique()}
    checked = 0
    for row in frame.itertuples(index=False):
        for start_col, end_col, text_col in spans:
            start, end, text = getattr(row, start_col), getattr(row, end_col), getattr(row, text_col)
            if pd.isna(start):
                continue
            assert texts[row.doc_id][start:end] == text, (table, row.doc_id, start, end)
            checked += 1
    if table != "quotes":
        assert checked > 100


def test_every_corpus_file_has_a_document_row(corpus_run: Path) -> None:
    documents = read_parquet_table(corpus_run / "documents.parquet", "documents")
    files = sorted(p.name for p in CORPUS.glob("*.txt"))
    assert sorted(documents["doc_id"]) == files
    assert (documents["status"] == "ok").all()
    assert documents.set_index("doc_id").loc[files[0], "n_chars"] == len(_file_text(files[0]))
