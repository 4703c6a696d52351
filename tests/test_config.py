"""Settings come from defaults < settings file < PIPELINE_* environment < flags, and are checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import EXIT_SETUP, app
from pipeline.config import Settings, load_settings
from pipeline.errors import PipelineError


def test_precedence(tmp_path: Path) -> None:
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text('[pipeline]\ntarget_speakers = ["Mark Rutte"]\nbatch_size = 8\nworkers = 1\n')
    env = {"PIPELINE_BATCH_SIZE": "16", "PIPELINE_CACHE": "false"}
    settings = load_settings(settings_file, environ=env, workers=2)
    assert settings.target_speakers == ("Mark Rutte",)  # from the file
    assert settings.batch_size == 16  # the environment beats the file
    assert settings.cache is False
    assert settings.workers == 2  # a flag beats everything


def test_environment_lists_use_semicolons() -> None:
    settings = load_settings(environ={"PIPELINE_TARGET_SPEAKERS": "Jens Stoltenberg; Mark Rutte"})
    assert settings.target_speakers == ("Jens Stoltenberg", "Mark Rutte")


def test_output_key_changes_only_with_what_changes_output() -> None:
    base = Settings()
    assert Settings(batch_size=4).output_key() == base.output_key()
    assert Settings(target_speakers=("Mark Rutte",)).output_key() != base.output_key()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("nonsense = 1\n", "unknown setting 'nonsense'", id="unknown-key"),
        pytest.param("batch_size = 'many'\n", "must be an integer", id="wrong-type"),
        pytest.param("batch_size = 0\n", "at least 1", id="out-of-range"),
        pytest.param("batch_size = \n", "not valid TOML", id="bad-toml"),
    ],
)
def test_bad_settings_files_say_what_is_wrong(tmp_path: Path, content: str, message: str) -> None:
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text(content)
    with pytest.raises(PipelineError, match=message):
        load_settings(settings_file, environ={})


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        # a typo must not read as false: with cache off, the run would delete the cache
        pytest.param("PIPELINE_CACHE", "ture", "cache (PIPELINE_CACHE) must be true or false", id="bool-typo"),
        pytest.param("PIPELINE_CHECK_SCHEMA", "2", "must be true or false", id="bool-number"),
        pytest.param("PIPELINE_WORKERS", "2x", "workers (PIPELINE_WORKERS) must be an integer", id="int-suffix"),
        pytest.param("PIPELINE_BATCH_SIZE", "3.5", "must be an integer", id="int-float"),
        pytest.param("PIPELINE_ENGINE", "spark", "must be 'local' or 'dask'", id="enum-unknown"),
        pytest.param("PIPELINE_CSV_DIALECT", "excel", "must be 'default' or 'excel-fr'", id="enum-near-miss"),
        # formerly a raw ValueError from dict("x") and exit 4
        pytest.param("PIPELINE_EXTRA", "x", "key=value pairs separated by ';'", id="extra-not-pairs"),
    ],
)
def test_bad_environment_values_say_which_variable(variable: str, value: str, message: str) -> None:
    with pytest.raises(PipelineError, match=re.escape(message)):
        load_settings(environ={variable: value})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("true", True, id="true"),
        pytest.param(" Off ", False, id="off-any-case-spaces"),
        pytest.param("1", True, id="one"),
        pytest.param("no", False, id="no"),
    ],
)
def test_boolean_spellings(value: str, expected: bool) -> None:
    assert load_settings(environ={"PIPELINE_CACHE": value}).cache is expected


def test_extra_from_the_environment() -> None:
    settings = load_settings(environ={"PIPELINE_EXTRA": "project=otan; lot = 3"})
    assert dict(settings.extra) == {"project": "otan", "lot": "3"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("cache = 'ture'\n", "cache (", id="bool-as-string"),
        pytest.param("batch_size = true\n", "must be an integer", id="bool-for-int"),  # TOML true is not 1
        pytest.param("check_schema = 1\n", "must be true or false", id="int-for-bool"),
        pytest.param("model = 3\n", "must be a string", id="int-for-string"),
        pytest.param("target_speakers = [1, 2]\n", "a list of names", id="list-of-numbers"),
        pytest.param("engine = 'spark'\n", "must be 'local' or 'dask'", id="enum"),
        pytest.param("extra = 'x'\n", "key=value", id="extra-string"),
    ],
)
def test_bad_types_in_a_settings_file(tmp_path: Path, content: str, message: str) -> None:
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text(content)
    with pytest.raises(PipelineError, match=re.escape(message)) as error:
        load_settings(settings_file, environ={})
    assert str(settings_file) in str(error.value)  # the message says where the value came from


def test_bad_setting_exits_3_and_keeps_the_cache(tmp_path: Path) -> None:
    # `PIPELINE_CACHE=ture` once read as false, and the run deleted the cache: now it stops first.
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "keep.txt").write_text("x")
    result = CliRunner().invoke(
        app,
        ["run", str(tmp_path), "--out", str(tmp_path / "out")],
        env={"PIPELINE_CACHE": "ture", "PIPELINE_CACHE_DIR": str(cache)},
    )
    assert result.exit_code == EXIT_SETUP
    assert "PIPELINE_CACHE" in result.output and "true or false" in result.output
    assert (cache / "keep.txt").exists()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        pytest.param("blas", "mkl", id="blas-unknown"),  # auto, blis or numpy only
        pytest.param("parse", "some", id="parse-unknown"),  # needed or full only
    ],
)
def test_speed_settings_take_their_choices_only(name: str, value: str) -> None:
    with pytest.raises(PipelineError, match=f"{name}"):
        load_settings(environ={f"PIPELINE_{name.upper()}": value})


def test_the_output_key_names_the_blas_and_the_parse_mode() -> None:
    # the records are the same either way (tests/test_parse_modes.py), but a cache entry says what made it
    assert Settings(blas="blis").output_key() != Settings().output_key()
    assert Settings(parse="full").output_key() != Settings().output_key()
    assert load_settings(environ={"PIPELINE_BLAS": "numpy", "PIPELINE_PARSE": "full"}) == Settings(
        blas="numpy", parse="full"
    )
