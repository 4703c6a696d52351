"""The stage commands chained (ingest, sentences, entities, quotes, export) give the tables of `run`.

Both go through the same per-document unit and engines (``api._analyses``, ``analysis.analyse_parsed``):
the tables are compared byte for byte (CSV) and value for value (Parquet, whose metadata holds the run id).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pipeline import analysis
from pipeline.cli import EXIT_DOCUMENTS_FAILED, app

from .conftest import CORPUS

pytestmark = pytest.mark.model

TABLES = ("documents", "sentences", "entities", "quotes", "issues")
STAGES = ("sentences", "entities", "quotes", "export")


def _invoke(*args: str) -> int:
    result = CliRunner().invoke(app, ["--quiet", *args])
    assert result.exit_code in (0, EXIT_DOCUMENTS_FAILED), result.output
    return result.exit_code


def _chain(corpus: Path, out: Path, *, workers: str) -> list[int]:
    codes = [_invoke("ingest", str(corpus), "--out", str(out))]
    for stage in STAGES:
        codes.append(_invoke(stage, "--out", str(out), *(["--workers", workers] if stage == "sentences" else [])))
    return codes


def _assert_same_tables(whole: Path, staged: Path) -> None:
    for name in TABLES:
        assert (staged / f"{name}.csv").read_bytes() == (whole / f"{name}.csv").read_bytes(), name
        assert pq.read_table(staged / f"{name}.parquet").equals(pq.read_table(whole / f"{name}.parquet")), name


def test_the_whole_corpus_staged_on_two_workers_gives_the_tables_of_run(corpus_run: Path, tmp_path: Path) -> None:
    # corpus_run ran in this process (--workers 1); the parse here runs in a pool of two worker processes.
    _chain(CORPUS, tmp_path / "staged", workers="2")
    _assert_same_tables(corpus_run, tmp_path / "staged")


def test_a_document_over_100000_characters_staged_gives_the_tables_of_run(tmp_path: Path) -> None:
    # A long document is analysed in sections (max_chunk_chars); the stages used to merge the sections'
    # parses into one Doc and so found other records. Real texts, one after the other, past 100,000 chars.
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))]
    long = ""
    for text in itertools.cycle(texts):
        long += text + "\n\n"
        if len(long) > 100_000:
            break
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "long.txt").write_text(long, encoding="utf-8")
    (corpus / "short.txt").write_text(texts[0], encoding="utf-8")
    assert _invoke("run", str(corpus), "--out", str(tmp_path / "whole"), "--workers", "1", "--no-cache") == 0
    assert _chain(corpus, tmp_path / "staged", workers="1") == [0] * 5
    _assert_same_tables(tmp_path / "whole", tmp_path / "staged")
    sentences = pq.read_table(tmp_path / "whole" / "sentences.parquet").to_pylist()
    long_ends = [row["end"] for row in sentences if row["doc_id"] == "long.txt"]
    assert len(long) > 100_000 and max(long_ends) > 100_000 - 1_000  # its last section's records, in place


def test_a_document_whose_analysis_fails_is_failed_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The stage commands isolate a failing document as run does: a failed row, no records, the rest kept.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Jens Stoltenberg a déclaré : « Nous soutenons l'Ukraine. »\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Un texte qui fait échouer les règles.\n", encoding="utf-8")
    analyse = analysis.analyse

    def failing(doc: object, document: analysis.Document, text: str, **kwargs: object) -> analysis.Analysis:
        if "échouer" in text:
            raise ValueError("a bug in a rule")
        return analyse(doc, document, text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(analysis, "analyse", failing)
    assert _invoke("run", str(corpus), "--out", str(tmp_path / "whole"), "--workers", "1", "--no-cache") == 1
    assert EXIT_DOCUMENTS_FAILED in _chain(corpus, tmp_path / "staged", workers="1")
    _assert_same_tables(tmp_path / "whole", tmp_path / "staged")
    documents = (tmp_path / "staged" / "documents.csv").read_text(encoding="utf-8")
    assert "internal error while extracting records: ValueError: a bug in a rule" in documents
