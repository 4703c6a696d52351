"""Settings come from defaults < settings file < PIPELINE_* environment < flags, and are checked."""

from __future__ import annotations

from pathlib import Path

import pytest

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
