"""How the model is set up for speed: the parses must stay those of the stock model."""

from __future__ import annotations

import os

import pytest
import spacy
from spacy.language import Language

from pipeline import processes
from pipeline.config import DEFAULT_MODEL
from pipeline.nlp import load_model, model_text

from .conftest import CORPUS

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(DEFAULT_MODEL)


def test_layers_multiply_with_numpy_blas(nlp: Language) -> None:
    maxout = [node for _, pipe in nlp.pipeline if getattr(pipe, "model", None) for node in pipe.model.walk()]
    maxout = [node for node in maxout if node.name == "maxout"]
    assert maxout, "the model's encoders are maxout layers"
    assert all(node.ops.name == "numpy" and not node.ops.use_blis for node in maxout)


def test_lemmas_are_the_stock_lemmatizers(nlp: Language) -> None:
    """The lemma indexes turned into hash tables give every token the lemma the stock lemmatizer gives."""
    stock = spacy.load(DEFAULT_MODEL, exclude=["tok2vec", "morphologizer", "parser", "senter", "ner"])
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))[:12]]
    ours = nlp(model_text("\n\n".join(texts)))
    again = ours.copy()
    for token in again:
        token.lemma_ = ""
    again = stock.get_pipe("lemmatizer")(again)
    assert len(ours) > 3_000
    assert [t.lemma_ for t in ours] == [t.lemma_ for t in again]


def test_workers_start_with_one_thread_per_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")  # a user's own choice is kept
    processes.context()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    assert os.environ["OMP_NUM_THREADS"] == "3"
