"""The seeded kill test: runs killed at random moments (SIGKILL, SIGINT) never publish a partial run.

Twenty runs over a tiny corpus are stopped at moments drawn from a seeded generator, some from a full
cache and some after the cache was removed (so that kills land in parsing, caching, writing the work
tables, exporting and publishing). After each, the published outputs are one complete run: every
documented path shows the same run id, the row counts of the manifest, and tables equal to a clean
run's. A normal run then completes with the same tables. ``PIPELINE_KILL_SEED`` explores other moments
locally; CI uses the fixed seed, so its sequence of kills is the same on every run (the moments still
depend on the machine's speed).

Each run is the CLI's ``run`` command in a process forked from this one, which has imported the pipeline
and loaded the model already: the kills land in the run itself rather than in Python's start-up and the
model's loading, and the test stays short. (``test_robust_cli.py`` kills real ``python -m pipeline``
processes.)
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline import load_outputs
from pipeline.analysis import process_resources
from pipeline.cli import app
from pipeline.config import load_settings
from pipeline.schema import TABLES

pytestmark = [pytest.mark.model, pytest.mark.skipif(not hasattr(os, "fork"), reason="forks the test process (POSIX)")]

SEED = int(os.environ.get("PIPELINE_KILL_SEED", "20150"))
KILLED_RUNS = 20
TEXTS = {
    "a.txt": "Jens Stoltenberg a déclaré : « L'OTAN soutient l'Ukraine. » La France approuve.\n",
    "b.txt": "Le ministre des Armées a affirmé que la Pologne recevrait des chars.\n",
    "c.txt": "« Nous restons unis », a dit le secrétaire général de l'OTAN à Bruxelles.\n",
    "d.txt": "- Question : et la Russie ?\n- Jens Stoltenberg : « Elle doit retirer ses troupes. »\n",
}


def _start(corpus: Path, out: Path, *, no_cache: bool) -> int:
    """Fork a process that runs ``pipeline run`` and exits with its exit code; return its pid.

    ``no_cache`` removes the cache first (rather than ``--no-cache``, whose settings would differ from
    those of the model loaded here, and make the child load its own).
    """
    if no_cache:
        shutil.rmtree(out / ".cache", ignore_errors=True)
    args = ["--quiet", "run", str(corpus), "--out", str(out), "--workers", "1"]
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 99
        try:
            signal.signal(signal.SIGINT, signal.default_int_handler)
            app(args, prog_name="pipeline")
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except KeyboardInterrupt:  # Ctrl-C before the command runs (Typer still building it): the interpreter's 130
            code = 130
        finally:
            os._exit(code)
    return pid


def _wait(pid: int, timeout: float | None = None) -> int | None:
    """The exit code of ``pid`` (negative: killed by that signal), or None if it still runs after ``timeout``."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG if deadline is not None else 0)
        if done:
            return os.waitstatus_to_exitcode(status)
        if deadline is not None and time.monotonic() >= deadline:
            return None
        time.sleep(0.005)


def _timed_run(corpus: Path, out: Path, *, no_cache: bool) -> float:
    started = time.monotonic()
    assert _wait(_start(corpus, out, no_cache=no_cache)) == 0
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
    process_resources(load_settings(workers=1)).nlp  # noqa: B018  loaded here once: the forked runs inherit it
    clean = tmp_path / "clean"
    durations = {True: _timed_run(corpus, clean, no_cache=True), False: _timed_run(corpus, clean, no_cache=False)}
    expected = _tables(clean)

    rng = random.Random(SEED)
    out = tmp_path / "out"
    published_once = False
    outcomes: set[str] = set()
    for i in range(KILLED_RUNS):
        no_cache = rng.random() < 0.25
        how = rng.choice([signal.SIGKILL, signal.SIGINT])
        delay = rng.uniform(0.0, 1.1 * durations[no_cache])
        pid = _start(corpus, out, no_cache=no_cache)
        code = _wait(pid, delay)
        if code is None:
            os.kill(pid, how)
            code = _wait(pid)
        # Finished before the signal (0), killed (-9), interrupted (130; 1 if Ctrl-C comes while the
        # command line is still being parsed, before the run starts).
        allowed = {0, -signal.SIGKILL} if how == signal.SIGKILL else {0, 130, 1}
        assert code in allowed, f"run {i}: exit {code}"
        outcomes.add("finished" if code == 0 else "stopped")
        published_once = published_once or (out / "manifest.json").exists()
        if published_once:
            _assert_one_complete_run(out, expected)  # the previous complete run, or this one
        else:
            assert not any((out / f"{name}.parquet").exists() for name in TABLES)
    assert outcomes == {"finished", "stopped"}  # the moments span whole runs

    assert _wait(_start(corpus, out, no_cache=False)) == 0
    _assert_one_complete_run(out, expected)
    assert not list(out.glob(".*.tmp")) and not list((out / "runs").glob(".staging-*"))
    assert len(list((out / "runs").iterdir())) <= 2  # this run and the previous one
