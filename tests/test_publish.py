"""Outputs are published as one unit: readers see one complete run, through every documented path."""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline import load_outputs
from pipeline.errors import OutputError
from pipeline.export import CURRENT, RUNS, StagedTable, publish, staging_folder, table_metadata
from pipeline.schema import TABLES, Document, Sentence, to_arrow

NAMES = list(TABLES)


def _publish(out: Path, run_id: str, n_sentences: int) -> Path:
    """Publish a small run whose sentences table has ``n_sentences`` rows."""
    staging = staging_folder(out, run_id)
    metadata = table_metadata({"run_id": run_id})
    documents = [Document("a.txt", "/c/a.txt", "00", 10, 10, "utf-8", "ok", None, n_sentences=n_sentences)]
    sentences = [Sentence("a.txt", i, i, i + 1, "x") for i in range(n_sentences)]
    staged = []
    for name in NAMES:
        table = StagedTable(name, staging, metadata=metadata)
        records = {"documents": documents, "sentences": sentences}.get(name, [])
        if records:
            table.write(to_arrow(name, records))
        staged.append(table)
    rows = {table.name: table.close() for table in staged}
    manifest = {"run_id": run_id, "rows": rows, "files": {t.name: t.files for t in staged}}
    return publish(staged, manifest, out, staging)


def _run_id_everywhere(out: Path) -> set[str]:
    """The run ids that the documented paths show: manifest, each Parquet file (pandas, DuckDB)."""
    ids = {json.loads((out / "manifest.json").read_text())["run_id"]}
    for name in NAMES:
        path = out / f"{name}.parquet"
        ids.add(json.loads(pq.read_schema(path).metadata[b"pipeline.provenance"])["run_id"])
        metadata = duckdb.sql(f"SELECT value FROM parquet_kv_metadata('{path}') WHERE key = 'pipeline.provenance'")
        ids.add(json.loads(metadata.fetchall()[0][0])["run_id"])
    return ids


def test_a_run_is_switched_in_by_one_link(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _publish(out, "run1", 1)
    _publish(out, "run2", 2)
    assert os.readlink(out / CURRENT) == f"{RUNS}/run2"
    for name in NAMES:  # the documented paths are fixed links through `current`
        assert os.readlink(out / f"{name}.parquet") == f"{CURRENT}/{name}.parquet"
        assert os.readlink(out / f"{name}.csv") == f"{CURRENT}/{name}.csv"
    assert _run_id_everywhere(out) == {"run2"}
    assert len(pd.read_parquet(out / "sentences.parquet")) == 2
    assert len(pd.read_csv(out / "sentences.csv")) == 2
    assert duckdb.sql(f"SELECT count(*) FROM '{out / 'sentences.parquet'}'").fetchall() == [(2,)]
    outputs = load_outputs(out)
    assert outputs.provenance["run_id"] == "run2" and len(outputs.sentences) == 2


def test_previous_run_is_kept_for_readers_older_ones_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for i in range(1, 5):
        _publish(out, f"run{i}", i)
    assert sorted(p.name for p in (out / RUNS).iterdir()) == ["run3", "run4"]
    # A reader that resolved `current` before the last switch still reads a complete run.
    assert len(pd.read_parquet(out / RUNS / "run3" / "sentences.parquet")) == 3


def test_a_reader_sees_the_run_it_started_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    _publish(out, "run1", 1)
    import pipeline.outputs

    read = pipeline.outputs._read_table
    published = []

    def read_then_publish(folder: Path, name: str) -> object:
        if name == "entities" and not published:  # a run is published while load_outputs reads
            published.append(_publish(out, "run2", 2))
        return read(folder, name)

    monkeypatch.setattr(pipeline.outputs, "_read_table", read_then_publish)
    outputs = load_outputs(out)
    assert outputs.provenance["run_id"] == "run1" and len(outputs.sentences) == 1
    assert outputs.manifest["run_id"] == "run1"


def test_flat_outputs_of_an_older_version_are_replaced_by_links(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in NAMES:
        (out / f"{name}.parquet").write_bytes(b"old")
    (out / "manifest.json").write_text("{}")
    _publish(out, "run1", 1)
    assert all((out / f"{name}.parquet").is_symlink() for name in NAMES)
    assert _run_id_everywhere(out) == {"run1"}


def test_a_copied_output_folder_is_published_into(tmp_path: Path) -> None:
    import shutil

    _publish(tmp_path / "out", "run1", 1)
    copy = tmp_path / "copy"
    shutil.copytree(tmp_path / "out", copy)  # links followed: `current` becomes a real folder
    _publish(copy, "run2", 2)
    assert os.readlink(copy / CURRENT) == f"{RUNS}/run2" and _run_id_everywhere(copy) == {"run2"}


def test_without_symbolic_links_files_are_renamed_manifest_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Some file systems (and Windows without the right) have no symbolic links: publish file by file.
    out = tmp_path / "out"
    renamed: list[str] = []
    replace = os.replace

    def no_symlinks(*args: object, **kwargs: object) -> None:
        raise OSError(1, "Operation not permitted")

    def recording_replace(source: str | Path, target: str | Path) -> None:
        renamed.append(Path(target).name)
        replace(source, target)

    monkeypatch.setattr(os, "symlink", no_symlinks)
    monkeypatch.setattr(os, "replace", recording_replace)
    _publish(out, "run1", 1)
    _publish(out, "run2", 2)
    assert not (out / CURRENT).exists() and not (out / "sentences.parquet").is_symlink()
    assert renamed[-1] == "manifest.json"  # the manifest marks the end of a publication
    assert _run_id_everywhere(out) == {"run2"} and load_outputs(out).provenance["run_id"] == "run2"
    assert not list((out / RUNS).iterdir())


def test_load_outputs_refuses_tables_of_two_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "symlink", lambda *a, **k: (_ for _ in ()).throw(OSError(1, "no links")))
    out = tmp_path / "out"
    _publish(out, "run1", 1)
    other = tmp_path / "other"
    _publish(other, "run2", 2)
    os.replace(other / "quotes.parquet", out / "quotes.parquet")  # what a kill mid-way once left
    with pytest.raises(OutputError, match="different runs"):
        load_outputs(out)
