"""A run over an unchanged corpus keeps the published outputs; any change it depends on runs the pipeline."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import api
from pipeline.cli import app
from pipeline.config import Settings
from pipeline.freshness import inputs_key, up_to_date

from .conftest import CORPUS

REAL = sorted(CORPUS.glob("*.txt"))[:3]
SETTINGS = Settings(workers=1)


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for path in REAL:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def _run_folder(out: Path) -> Path:
    return (out / "current").resolve()


def _written(folder: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}


# --- the key (no model) ---------------------------------------------------------------------------


def test_the_key_follows_every_input_and_no_execution_setting(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    key = inputs_key(corpus, SETTINGS)
    assert key == inputs_key(corpus, replace(SETTINGS, workers=4, batch_size=8))  # how, not what
    assert key != inputs_key(corpus, replace(SETTINGS, target_speakers=("Mark Rutte",)))
    assert key != inputs_key(corpus, replace(SETTINGS, csv_dialect="excel-fr"))
    assert inputs_key(corpus, replace(SETTINGS, model="/some/folder")) is None  # a model folder has no version
    (corpus / "metadata.tsv").write_text("file\tdate\n", encoding="utf-8")
    with_metadata = inputs_key(corpus, SETTINGS)
    assert with_metadata != key
    first = corpus / REAL[0].name
    first.write_bytes(first.read_bytes() + b" ")
    assert inputs_key(corpus, SETTINGS) != with_metadata
    (corpus / "new.txt").write_text("Un texte.", encoding="utf-8")
    (corpus / ".hidden").write_text("ignored", encoding="utf-8")
    keys = {inputs_key(corpus, SETTINGS)}
    (corpus / ".hidden").write_text("still ignored", encoding="utf-8")  # hidden files are not part of a corpus
    keys.add(inputs_key(corpus, SETTINGS))
    assert len(keys) == 1


# --- runs (model) -----------------------------------------------------------------------------------


@pytest.mark.model
def test_an_unchanged_rerun_keeps_the_published_run(tmp_path: Path) -> None:
    corpus, out = _corpus(tmp_path / "corpus"), tmp_path / "out"
    first = api.run(corpus, out, SETTINGS)
    folder = _run_folder(out)
    written = _written(folder)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["freshness"]["files"]) == {f"{t}.{ext}" for t in manifest["rows"] for ext in ("csv", "parquet")}

    again = api.run(corpus, out, replace(SETTINGS, batch_size=4))
    assert (again.parsed, again.cached, again.unchanged_run) == (0, 0, manifest["run_id"])
    assert (again.n_documents, again.rows) == (first.n_documents, first.rows)
    assert "nothing changed since run" in again.format()
    assert _run_folder(out) == folder and _written(folder) == written  # not one file written again

    result = CliRunner().invoke(app, ["run", str(corpus), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0 and "nothing changed since run" in result.output
    assert _run_folder(out) == folder and _written(folder) == written


@pytest.mark.model
@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda corpus, out: (corpus / REAL[1].name).write_text("Le ministre a parlé.", "utf-8"), id="edit"
        ),
        pytest.param(lambda corpus, out: (corpus / REAL[1].name).unlink(), id="remove"),
        pytest.param(lambda corpus, out: (corpus / "metadata.tsv").write_text("file\tdate\n", "utf-8"), id="metadata"),
        pytest.param(
            lambda corpus, out: (out / "current" / "entities.parquet").write_bytes(b"PAR1"), id="output-damaged"
        ),
        pytest.param(lambda corpus, out: (out / "current" / "issues.csv").unlink(), id="output-missing"),
    ],
)
def test_any_change_runs_the_pipeline(tmp_path: Path, change: object) -> None:
    corpus, out = _corpus(tmp_path / "corpus"), tmp_path / "out"
    api.run(corpus, out, SETTINGS)
    folder = _run_folder(out)
    change(corpus, out)  # type: ignore[operator]
    assert up_to_date(corpus, out, SETTINGS) is None
    summary = api.run(corpus, out, SETTINGS)
    assert summary.unchanged_run is None and _run_folder(out) != folder
    assert up_to_date(corpus, out, SETTINGS) is not None  # and the new run is current in its turn


@pytest.mark.model
def test_a_run_with_failed_documents_or_without_cache_is_run_again(tmp_path: Path) -> None:
    corpus, out = _corpus(tmp_path / "corpus"), tmp_path / "out"
    (corpus / "binary.txt").write_bytes(b"%PDF-1.4 not text")
    summary = api.run(corpus, out, SETTINGS)
    assert summary.n_failed == 1
    assert up_to_date(corpus, out, SETTINGS) is None  # failures are retried
    (corpus / "binary.txt").unlink()
    api.run(corpus, out, SETTINGS)
    assert up_to_date(corpus, out, SETTINGS) is not None
    assert up_to_date(corpus, out, replace(SETTINGS, cache=False)) is None
    forced = api.run(corpus, out, replace(SETTINGS, cache=False))
    assert forced.unchanged_run is None and forced.parsed == len(REAL)
