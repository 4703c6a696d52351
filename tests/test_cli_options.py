"""CLI options: choices listed and checked, environment variables shown, --model, usage exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import EXIT_SETUP, EXIT_USAGE, app

REPO = Path(__file__).resolve().parent.parent
# Rich draws --help in a box as wide as the terminal: a wide one keeps each option on one line.
RUNNER = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"})


def _help(command: str) -> str:
    result = RUNNER.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        # Enumerated options list their values.
        pytest.param("run", ["local|dask", "default|excel-fr"], id="run-choices"),
        pytest.param("export", ["default|excel-fr"], id="export-choices"),
        # Options that are settings name the variable that sets them.
        pytest.param(
            "run",
            ["PIPELINE_WORKERS", "PIPELINE_ENGINE", "PIPELINE_SCHEDULER", "PIPELINE_MODEL", "PIPELINE_CSV_DIALECT"],
            id="run-envvars",
        ),
        pytest.param("run", ["PIPELINE_TARGET_SPEAKERS"], id="speaker-envvar"),
        pytest.param("sentences", ["--model", "PIPELINE_MODEL", "PIPELINE_WORKERS"], id="sentences-model"),
        pytest.param("entities", ["--model"], id="entities-model"),
        pytest.param("quotes", ["--model", "--speaker"], id="quotes-model"),
        pytest.param("report", ["--out"], id="report-out"),
        pytest.param("extract", ["--date", "--speaker", "--model"], id="extract"),
    ],
)
def test_help_lists_choices_and_variables(command: str, shown: list[str]) -> None:
    text = _help(command)
    for word in shown:
        assert word in text, word


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        # The bug of issue 16: any string was accepted, then failed as a setup error (3), not a usage error (2).
        pytest.param(["--engine", "spark"], {}, "spark", id="engine-flag"),
        pytest.param(["--csv-dialect", "excel"], {}, "excel", id="csv-dialect-flag"),
        pytest.param([], {"PIPELINE_ENGINE": "spark"}, "PIPELINE_ENGINE", id="engine-variable"),
        pytest.param([], {"PIPELINE_WORKERS": "many"}, "PIPELINE_WORKERS", id="workers-variable"),
    ],
)
def test_bad_choice_is_a_usage_error(tmp_path: Path, args: list[str], env: dict[str, str], message: str) -> None:
    result = CliRunner(env=env).invoke(app, ["run", str(REPO / "corpus"), "--out", str(tmp_path), *args])
    assert result.exit_code == EXIT_USAGE, result.output
    assert message in result.output
    assert not (tmp_path / "manifest.json").exists()


def test_model_option_names_a_model_that_is_not_installed(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("Le ministre a dit : « Oui. »\n", encoding="utf-8")
    args = ["run", str(tmp_path / "corpus"), "--out", str(tmp_path / "out"), "--workers", "1"]
    result = RUNNER.invoke(app, [*args, "--model", "xx_no_such_model"])
    assert result.exit_code == EXIT_SETUP, result.output
    assert "spaCy model 'xx_no_such_model' is not installed" in result.output


def test_extract_command_on_a_missing_file_is_a_setup_error(tmp_path: Path) -> None:
    result = RUNNER.invoke(app, ["extract", str(tmp_path / "absent.txt")])
    assert result.exit_code == EXIT_SETUP
    assert "file not found" in result.output
