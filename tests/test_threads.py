"""Thread limits: every process that parses keeps one BLAS/OpenMP thread, and the run says so."""

from __future__ import annotations

import json
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from threadpoolctl import threadpool_info

from pipeline import api, processes
from pipeline.config import Settings


def _pool_threads() -> list[int]:
    return [int(info["num_threads"]) for info in threadpool_info()]


def test_worker_processes_limit_their_pools_to_one_thread() -> None:
    with ProcessPoolExecutor(1, mp_context=processes.context(), initializer=processes.limit_worker_threads) as pool:
        threads = pool.submit(_pool_threads).result()
    assert threads and set(threads) == {1}  # numpy's OpenBLAS at least is loaded in a worker


@pytest.mark.model
def test_a_run_limits_this_process_then_restores_it(tmp_path: Path) -> None:
    # `--workers 1` parses in this process: limited during the run, as a notebook's session is after it.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Jens Stoltenberg a déclaré : « Nous soutenons l'Ukraine. »\n", encoding="utf-8")
    before = _pool_threads()
    api.run(corpus, tmp_path / "out", Settings(workers=1))
    assert _pool_threads() == before
    threads = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))["threads"]
    assert threads["limit_per_process"] == 1
    assert threads["pools"] and {pool["threads"] for pool in threads["pools"]} == {1}
    assert "openblas" in {pool["library"] for pool in threads["pools"]}
