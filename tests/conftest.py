"""Shared fixtures: paths to the corpus and the dev set, and one full pipeline run per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
DEV = REPO.parent / "shared" / "eval" / "dev"


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Output folder of one `run` over the whole corpus/ (the real dev texts)."""
    out = tmp_path_factory.mktemp("corpus-run")
    result = CliRunner().invoke(app, ["--quiet", "run", str(CORPUS), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    return out
