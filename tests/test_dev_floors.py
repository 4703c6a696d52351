"""The development-set figures stay above the floors of issues 3, 4 and 12 (the same are checked on held-out texts)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.evaluate import Scores, read_gold, score
from pipeline.export import read_parquet_table

from .conftest import DEV

pytestmark = pytest.mark.model

FLOORS = {
    "entity F1": 0.92,
    "PERSON F1": 0.88,
    "COUNTRY F1": 0.88,
    "ORG F1": 0.88,
    "entity id F1": 0.94,
    "quote F1": 0.92,
    "attribution accuracy": 0.92,
    "Stoltenberg precision": 0.96,
    "Stoltenberg recall": 0.94,
    "sentence boundary F1": 0.95,
}

#: Issue 12: on dev and on dev2 alike, entity F1 ≥ 0.97, each label ≥ 0.95, entity id F1 ≥ 0.97.
ENTITY_FLOORS = {
    "entity F1": 0.97,
    "PERSON F1": 0.95,
    "COUNTRY F1": 0.95,
    "ORG F1": 0.95,
    "entity id F1": 0.97,
}

DEV2 = DEV.parent / "dev2"


def _gold_file(variable: str, default: Path) -> Path:
    # In a git worktree the shared folder is not beside the repo: an environment variable points to it.
    gold_file = Path(os.environ.get(variable, default)) / "gold.jsonl"
    if not gold_file.exists():
        pytest.skip(f"gold not found at {gold_file}: it lives in ../shared/eval of the real checkout (set {variable})")
    return gold_file


def _scores(gold_file: Path, run: Path) -> Scores:
    tables = {
        name: read_parquet_table(run / f"{name}.parquet", name).to_dict("records")
        for name in ("entities", "quotes", "sentences")
    }
    return score(read_gold(gold_file), tables["entities"], tables["quotes"], tables["sentences"])


def _entity_figures(scores: Scores) -> dict[str, float]:
    return {
        "entity F1": scores.entities.f1,
        **{f"{label} F1": scores.entities_by_label[label].f1 for label in ("PERSON", "COUNTRY", "ORG")},
        "entity id F1": scores.entity_ids.f1,
    }


def _below(figures: dict[str, float], floors: dict[str, float]) -> dict[str, float]:
    return {name: round(value, 3) for name, value in figures.items() if name in floors and value < floors[name]}


@pytest.fixture(scope="module")
def dev_scores(corpus_run: Path) -> Scores:
    return _scores(_gold_file("PIPELINE_DEV_DIR", DEV), corpus_run)


@pytest.fixture(scope="module")
def dev2_scores(tmp_path_factory: pytest.TempPathFactory) -> Scores:
    gold_file = _gold_file("PIPELINE_DEV2_DIR", DEV2)
    out = tmp_path_factory.mktemp("dev2-run")
    result = CliRunner().invoke(
        app, ["--quiet", "run", str(gold_file.parent / "docs"), "--out", str(out), "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    return _scores(gold_file, out)


def test_dev_figures_above_floors(dev_scores: Scores) -> None:
    figures = {
        **_entity_figures(dev_scores),
        "quote F1": dev_scores.quotes.f1,
        "attribution accuracy": dev_scores.attribution_accuracy,
        "Stoltenberg precision": dev_scores.stoltenberg.precision,
        "Stoltenberg recall": dev_scores.stoltenberg.recall,
        "sentence boundary F1": dev_scores.sentences.f1,
    }
    below = _below(figures, FLOORS)
    assert not below, f"below the floors {FLOORS}: {below}"


def test_dev_entity_figures_above_issue_12_floors(dev_scores: Scores) -> None:
    below = _below(_entity_figures(dev_scores), ENTITY_FLOORS)
    assert not below, f"dev below the entity floors {ENTITY_FLOORS}: {below}"


def test_dev2_entity_figures_above_issue_12_floors(dev2_scores: Scores) -> None:
    below = _below(_entity_figures(dev2_scores), ENTITY_FLOORS)
    assert not below, f"dev2 below the entity floors {ENTITY_FLOORS}: {below}"
