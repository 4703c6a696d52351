"""The Dask engine on a two-worker LocalCluster gives the same outputs as the local engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import api
from pipeline.config import Settings

pytest.importorskip("dask.distributed")
pytestmark = pytest.mark.model

REAL = sorted((Path(__file__).resolve().parent.parent / "corpus").glob("*.txt"))[:6]
TABLES = ("documents", "sentences", "entities", "quotes", "issues")


def test_dask_local_cluster_matches_local_engine(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in REAL:
        (corpus / path.name).write_bytes(path.read_bytes())
    (corpus / "vide.txt").write_bytes(b"")
    local = api.run(corpus, tmp_path / "local", Settings(workers=1, cache=False, batch_size=2))
    dask = api.run(corpus, tmp_path / "dask", Settings(workers=2, cache=False, batch_size=2, engine="dask"))
    assert dask.parsed == local.parsed == len(REAL)
    for name in TABLES:
        assert (tmp_path / "dask" / f"{name}.csv").read_bytes() == (tmp_path / "local" / f"{name}.csv").read_bytes()
