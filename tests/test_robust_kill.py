"""The seeded kill test: runs killed at random moments (SIGKILL, SIGINT) never publish a partial run.

Twenty runs over a tiny corpus are stopped at moments drawn from a seeded generator, some with the cache
and some with ``--no-cache`` (so that kills land in parsing, caching, writing the work tables, exporting
and publishing). After each, the published outputs are one complete run: every documented path shows
the same run id, the row counts of the manifest, and tables equal to a clean run's. A normal run then
completes with the same tables. ``PIPELINE_KILL_SEED`` explores other moments locally; CI uses the fixed
seed, so its sequence of kills is the same on every run (the moments still depend on the machine's speed).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline import load_outputs
from pipeline.schema import TABLES

pytestmark = pytest.mark.model

SEED = int(os.environ.get("PIPELINE_KILL_SEED", "20150"))
KILLED_RUNS = 20
TEXTS = {
    "a.txt": "Jens Stoltenberg a déclaré : « L'OTAN soutient l'Ukraine. » La France approuve.\n",
    "b.txt": "Le ministre des Armées a affirmé que la Pologne recevrait des chars.\n",
    "c.txt": "« Nous restons unis », a dit le secrétaire général de l'OTAN à Bruxelles.\n",
    "d.txt": "- Question : et la Russie ?\n- Jens Stoltenberg : « Elle doit retirer ses troupes. »\n",
}


def _start(corpus: Path, out: Path, *, no_cache: bool) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "pipeline", "--quiet", "run", str(corpus), "--out", str(out), "--workers", "1"]
    return subprocess.Popen([*command, *(["--no-cache"] if no_cache else [])], stderr=subprocess.DEVNULL)


def _timed_run(corpus: Path, out: Path, *, no_cache: bool) -> float:
    started = time.monotonic()
    assert _start(corpus, out, no_cache=no_cache).wait(timeout=300) == 0
    return time.monotonic() - started


def _tables(out: Path) -> dict[str, object]:
    """What a reader of the documented paths gets: CSV bytes and Parquet frames of every table."""
    tables: dict[str, object] = {}
    for name in TABLES:
        tables[f"{name}.csv"] = (out / f"{name}.csv").read_bytes()
        tables[f"{name}.parquet"] = pd.read_parquet(out / f"{name}.parquet")
    return tables


def _assert_one_complete_run(out: Path, expected: dict[str, object]) -> None:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for name in TABLES:
        provenance = json.loads(pq.read_schema(out / f"{name}.parquet").metadata[b"pipeline.provenance"])
        assert provenance["run_id"] == manifest["run_id"], name
        assert pq.read_metadata(out / f"{name}.parquet").num_rows == manifest["rows"][name], name
    tables = _tables(out)
    for key, value in expected.items():
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(tables[key], value)  # type: ignore[arg-type]
        else:
            assert tables[key] == value, key
    assert load_outputs(out).provenance["run_id"] == manifest["run_id"]


def test_seeded_kills_never_publish_a_partial_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in TEXTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    clean = tmp_path / "clean"
    durations = {True: _timed_run(corpus, clean, no_cache=True), False: _timed_run(corpus, clean, no_cache=False)}
    expected = _tables(clean)

    rng = random.Random(SEED)
    out = tmp_path / "out"
    published_once = False
    for i in range(KILLED_RUNS):
        no_cache = rng.random() < 0.25
        how = rng.choice([signal.SIGKILL, signal.SIGINT])
        delay = rng.uniform(0.0, 1.1 * durations[no_cache])
        process = _start(corpus, out, no_cache=no_cache)
        try:
            code = process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.send_signal(how)
            code = process.wait(timeout=120)
        # Finished before the signal (0), killed (-9), or interrupted: 130, or -2 while Python was starting.
        allowed = {0, -signal.SIGKILL} if how == signal.SIGKILL else {0, 130, -signal.SIGINT}
        assert code in allowed, f"run {i}: exit {code}"
        published_once = published_once or (out / "manifest.json").exists()
        if published_once:
            _assert_one_complete_run(out, expected)  # the previous complete run, or this one
        else:
            assert not any((out / f"{name}.parquet").exists() for name in TABLES)

    assert _start(corpus, out, no_cache=False).wait(timeout=300) == 0
    _assert_one_complete_run(out, expected)
    assert not list(out.glob(".*.tmp")) and not list((out / "runs").glob(".staging-*"))
    assert len(list((out / "runs").iterdir())) <= 2  # this run and the previous one
