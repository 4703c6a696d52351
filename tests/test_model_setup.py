"""How the model is set up for speed: the parses must stay those of the stock model."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, ORTH, POS, SENT_START, SPACY, TAG
from spacy.language import Language
from thinc.api import use_ops
from threadpoolctl import threadpool_info

from pipeline import nlp as nlp_module
from pipeline import processes
from pipeline.config import DEFAULT_MODEL
from pipeline.errors import PipelineError
from pipeline.nlp import BlasChoice, annotate, blas_of, choose_blas, load_model, model_text

from .conftest import CORPUS, REPO

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(DEFAULT_MODEL, parse="full")


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


def test_every_token_attribute_is_the_stock_components(nlp: Language) -> None:
    """The array attribute ruler and lemmatizer and the caching tokenizer write what the stock components write.

    Stock: the model as spaCy loads it (on the same BLAS), with the French sentence rules; each text twice,
    the second time with the tokenizer's cache filled.
    """
    with use_ops("numpy", use_blis=False):
        stock = spacy.load(DEFAULT_MODEL)
    stock.add_pipe("french_sentences", before="parser")
    texts = [model_text(path.read_text(encoding="utf-8")) for path in sorted(CORPUS.glob("*.txt"))]
    attrs = [ORTH, SPACY, NORM, TAG, POS, MORPH, DEP, HEAD, LEMMA, ENT_IOB, ENT_TYPE, SENT_START]
    for _ in range(2):
        for ours, theirs in zip(nlp.pipe(texts), stock.pipe(texts), strict=True):
            assert ours.to_array(attrs).tolist() == theirs.to_array(attrs).tolist()
    assert [name for name, _ in nlp.pipeline] == [name for name, _ in stock.pipeline] + ["drop_tensor"]


@pytest.mark.parametrize("setting", ["numpy", "blis"])
def test_a_blas_setting_is_obeyed(setting: str) -> None:
    assert choose_blas(setting) == BlasChoice(setting, "setting")


def test_auto_blas_times_both_and_keeps_numpy_unless_blis_is_clearly_faster() -> None:
    choice = choose_blas("auto")
    assert choice.reason == "probe" and set(choice.probe) == {"numpy", "blis"}
    expected = "blis" if choice.probe["blis"] * 1.25 < choice.probe["numpy"] else "numpy"
    assert choice.library == expected


def test_an_unknown_blas_is_refused() -> None:
    with pytest.raises(PipelineError, match="blas must be"):
        choose_blas.__wrapped__("mkl")


def test_a_thinc_without_use_blis_falls_back_to_its_default_ops(monkeypatch: pytest.MonkeyPatch) -> None:
    """Today thinc's NumpyOps takes ``use_blis``; a thinc that does not must not make every run fail."""

    def strict_get_ops(name: str, **kwargs: Any) -> Any:
        if "use_blis" in kwargs:
            raise TypeError("__init__() got an unexpected keyword argument 'use_blis'")
        return nlp_module.get_ops(name)

    monkeypatch.setattr(nlp_module, "get_ops", strict_get_ops)
    choice = choose_blas.__wrapped__("auto")
    assert choice == BlasChoice("thinc default", "fallback")
    with nlp_module._model_ops(choice):  # the model is then built with thinc's default numpy ops
        blank = spacy.blank("fr")
    assert blank("Bonjour.").text == "Bonjour."


@pytest.mark.model
def test_the_model_records_its_blas(nlp: Language) -> None:
    assert blas_of(nlp) == choose_blas("auto").as_dict()


@pytest.mark.model
def test_parsing_keeps_one_thread_per_pool_then_restores_them(nlp: Language) -> None:
    before = [pool["num_threads"] for pool in threadpool_info()]
    during = []
    for _, _doc in annotate(nlp, [(0, "Le ministre a déclaré : « Nous restons unis. »"), (1, "Bonjour.")]):
        during.extend(pool["num_threads"] for pool in threadpool_info())
    assert during and set(during) == {1}
    assert [pool["num_threads"] for pool in threadpool_info()] == before


_PRELOAD_PROBE = """
from concurrent.futures import ProcessPoolExecutor
from pipeline import processes
from pipeline.config import Settings

LOADED = "__import__('pipeline.analysis', fromlist=['analysis']).shared_model.cache_info().currsize"
processes.start_server(Settings(parse="full"))
with ProcessPoolExecutor(1, mp_context=processes.context()) as pool:
    print(pool.submit(eval, LOADED).result())
"""


@pytest.mark.model
@pytest.mark.skipif(sys.platform == "win32" or bool(os.environ.get("PIPELINE_SIMULATE_OS")), reason="no fork server")
def test_workers_fork_with_the_model_loaded() -> None:
    """The fork server loads the run's model once; a worker has it before it is asked for anything."""
    result = subprocess.run(
        [sys.executable, "-c", _PRELOAD_PROBE], cwd=REPO, capture_output=True, text=True, timeout=300, check=True
    )
    assert result.stdout.strip() == "1"  # the worker has the model the server loaded
