"""The analysts' documentation stays true: the data dictionary is current, the examples run."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.schema import TABLES, data_dictionary
from tests.small_outputs import REPO, hand_output

ANALYSTS = REPO / "docs" / "ANALYSTS.md"
DICTIONARY = REPO / "docs" / "DATA_DICTIONARY.md"


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", ANALYSTS.read_text(encoding="utf-8"), flags=re.S)


@pytest.fixture()
def in_analyst_folder(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A working folder whose ``outputs/`` is the hand-built output, as the examples expect."""
    shutil.copytree(hand_output(tmp_path_factory.getbasetemp()), tmp_path / "outputs")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_data_dictionary_is_current() -> None:
    assert DICTIONARY.read_text(encoding="utf-8") == data_dictionary(), (
        "docs/DATA_DICTIONARY.md is stale: run `python -m pipeline schema > docs/DATA_DICTIONARY.md`"
    )


def test_data_dictionary_lists_every_column() -> None:
    text = data_dictionary()
    for spec in TABLES.values():
        section = text.split(f"## `{spec.name}`", 1)[1].split("\n## ", 1)[0]
        assert [m for m in re.findall(r"^\| `(\w+)` \|", section, flags=re.M)] == spec.column_names
        assert all(c.description for c in spec.columns)


def test_schema_command_prints_the_dictionary() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0 and result.output == data_dictionary()


def test_python_examples_run(in_analyst_folder: Path) -> None:
    blocks = _blocks("python")
    assert len(blocks) >= 2
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(block, namespace)
    assert list(namespace["ukraine"]["text"].str[:9]) == ["L'Ukraine"]  # type: ignore[index]


def test_duckdb_examples_run(in_analyst_folder: Path) -> None:
    blocks = _blocks("sql")
    assert len(blocks) >= 2
    by_year = duckdb.sql(blocks[0]).fetchall()
    assert by_year == [(2019, 1), (2022, 1)]
    countries = duckdb.sql(blocks[1]).fetchall()
    assert countries == [("UKR", 1)]
