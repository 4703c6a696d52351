"""The export reads the documents and their counts a batch at a time, and still counts every row right.

``run`` writes each document's records together, in the documents' order, and the export counts them
alongside the documents; a work table in another order (written by something else) is counted whole.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline import api
from pipeline.config import Settings
from pipeline.export import Streamed, write_manifest

from .conftest import CORPUS

DOCS = (
    "000_319c6ed45504dc95.txt",
    "001_nato_news_124653_cna_attentats_paris.txt",
    "037_elysee_declaration_macron_stoltenberg_2019.txt",
)
COUNTS = ["doc_id", "n_sentences", "n_entities", "n_quotes", "n_issues"]


@pytest.fixture(scope="module")
def small_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("corpus")
    for name in DOCS:
        (corpus / name).write_text((CORPUS / name).read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")  # skipped: no records, counts of 0
    out = tmp_path_factory.mktemp("out")
    api.run(corpus, out, Settings(workers=1, cache=False))
    return out


def _counts(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / "documents.parquet")[COUNTS].sort_values("doc_id").reset_index(drop=True)


def _rows_per_document(out: Path, table: str) -> dict[str, int]:
    return pd.read_parquet(out / f"{table}.parquet")["doc_id"].astype(str).value_counts().to_dict()


@pytest.mark.model
def test_counts_are_the_rows_of_each_table(small_run: Path) -> None:
    counts = _counts(small_run).set_index("doc_id")
    for table in ("sentences", "entities", "quotes", "issues"):
        rows = _rows_per_document(small_run, table)
        assert {doc: int(n) for doc, n in counts[f"n_{table}"].items() if n} == rows
    assert counts.loc["empty.txt"].sum() == 0
    manifest = json.loads((small_run / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["inputs"]) == {*DOCS, "empty.txt"}


@pytest.mark.model
def test_a_work_table_out_of_order_is_counted_whole(small_run: Path) -> None:
    before = _counts(small_run)
    work = small_run / ".work" / "entities.parquet"
    table = pq.read_table(work)
    pq.write_table(table.take(list(reversed(range(table.num_rows)))), work)  # documents in reverse order
    api.export(small_run, Settings(workers=1, cache=False))
    pd.testing.assert_frame_equal(_counts(small_run), before)


def test_a_streamed_manifest_is_the_json_of_the_whole_mapping(tmp_path: Path) -> None:
    pairs = [("a.txt", "1" * 64), ("b/é.txt", "2" * 64)]
    manifest = {"run_id": "x", "rows": {"documents": 2}, "inputs": Streamed(lambda: iter(pairs)), "files": {}}
    write_manifest(manifest, tmp_path / "manifest.json")
    text = (tmp_path / "manifest.json").read_text(encoding="utf-8")
    plain = {**manifest, "inputs": dict(pairs)}
    assert text == json.dumps(plain, ensure_ascii=False, indent=2) + "\n"
    empty = {"inputs": Streamed(lambda: iter([]))}
    write_manifest(empty, tmp_path / "empty.json")
    assert json.loads((tmp_path / "empty.json").read_text(encoding="utf-8")) == {"inputs": {}}
