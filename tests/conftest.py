"""Shared fixtures: paths to the corpus and the dev set, and one full pipeline run per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from pipeline.cli import app

# CI runs the property tests with fixed examples, so a rare counter-example cannot block a landing;
# locally they keep exploring.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

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
