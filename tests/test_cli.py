"""End-to-end CLI runs on a small real corpus, stage by stage, and the answers to bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pipeline import __version__
from pipeline.cli import EXIT_DOCUMENTS_FAILED, EXIT_SETUP, app
from pipeline.export import read_parquet_table

from .conftest import CORPUS

runner = CliRunner()
SMALL = [
    "000_319c6ed45504dc95.txt",  # press release, Stoltenberg quoted directly and indirectly
    "028_viepublique_284596_entretien_beaune_lci_2022.txt",  # interview transcript (Q - / R - turns)
    "001_nato_news_124653_cna_attentats_paris.txt",  # an organisation as speaker
]
TABLES = ("documents", "sentences", "entities", "quotes", "issues")


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in SMALL:
        shutil.copyfile(CORPUS / name, corpus / name)
    shutil.copyfile(CORPUS / "metadata.tsv", corpus / "metadata.tsv")
    return corpus


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize(
    "command", [[], ["run"], ["ingest"], ["sentences"], ["entities"], ["quotes"], ["export"], ["evaluate"]]
)
def test_every_command_has_help(command: list[str]) -> None:
    code, output = invoke(*command, "--help")
    assert code == 0
    assert "Usage" in output


def test_version() -> None:
    code, output = invoke("--version")
    assert code == 0
    assert __version__ in output


@pytest.mark.model
def test_run_writes_every_table_with_provenance(small_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = invoke("--quiet", "run", str(small_corpus), "--out", str(out), "--workers", "1")
    assert code == 0, output
    for name in TABLES:
        assert (out / f"{name}.parquet").is_file()
        assert (out / f"{name}.csv").is_file()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["pipeline_version"] == __version__
    assert manifest["model"] == "fr_core_news_md"
    assert manifest["model_version"] == "3.8.0"
    assert manifest["status"] == {"ok": 3}
    assert set(manifest["inputs"]) == set(SMALL)
    metadata = pq.read_schema(out / "quotes.parquet").metadata
    provenance = json.loads(metadata[b"pipeline.provenance"])
    assert provenance["run_id"] == manifest["run_id"]
    assert provenance["spacy_version"].startswith("3.8")

    documents = read_parquet_table(out / "documents.parquet", "documents").set_index("doc_id")
    assert documents.loc[SMALL[0], "publisher"] == "OTAN/NATO"
    assert str(documents.loc[SMALL[0], "date"].date()) == "2023-02-15"
    assert documents.loc[SMALL[1], "doc_kind"] == "transcript"
    assert documents["n_sentences"].min() > 5
    quotes = read_parquet_table(out / "quotes.parquet", "quotes")
    assert len(quotes) > 0
    assert set(quotes["kind"].cat.categories) == {"direct", "indirect", "turn"}


def test_a_stage_run_out_of_order_says_what_to_run(tmp_path: Path) -> None:
    code, output = invoke("quotes", "--out", str(tmp_path))
    assert code == EXIT_SETUP
    assert "run the `ingest` stage first" in output or "run the `sentences` stage first" in output


def test_missing_corpus_is_a_one_line_error(tmp_path: Path) -> None:
    code, output = invoke("run", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert code == EXIT_SETUP
    assert output.strip().splitlines() == [f"error: corpus folder not found: {tmp_path / 'nowhere'}"]


def test_empty_corpus_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, output = invoke("run", str(tmp_path / "empty"), "--out", str(tmp_path / "out"))
    assert code == EXIT_SETUP
    assert len(output.strip().splitlines()) == 1
    assert "empty" in output


@pytest.mark.model
def test_an_undecodable_file_fails_alone(small_corpus: Path, tmp_path: Path) -> None:
    (small_corpus / "binary.txt").write_bytes(bytes(range(256)) * 4)
    out = tmp_path / "out"
    code, output = invoke("--quiet", "run", str(small_corpus), "--out", str(out), "--workers", "1")
    assert code == EXIT_DOCUMENTS_FAILED, output
    documents = read_parquet_table(out / "documents.parquet", "documents").set_index("doc_id")
    assert documents.loc["binary.txt", "status"] == "failed"
    assert documents.loc["binary.txt", "error"]
    assert (documents.drop(index="binary.txt")["status"] == "ok").all()
    assert documents.loc[SMALL[0], "n_quotes"] > 0


@pytest.mark.model
def test_evaluate_prints_every_figure(corpus_run: Path) -> None:
    from .conftest import DEV

    if not (DEV / "gold.jsonl").is_file():
        pytest.skip(f"dev set not found at {DEV}")
    code, output = invoke("evaluate", str(DEV / "gold.jsonl"), "--out", str(corpus_run))
    assert code == 0, output
    for figure in (
        "entity mentions",
        "PERSON",
        "COUNTRY",
        "ORG",
        "entity ids",
        "quotes",
        "Stoltenberg quotes",
        "sentence ends",
        "attribution accuracy",
    ):
        assert figure in output
