"""The memoised token embeddings give the rows the model's own embedding layers give."""

from __future__ import annotations

import numpy
import pytest
import spacy
from spacy.language import Language
from thinc.api import use_ops

from pipeline.config import DEFAULT_MODEL
from pipeline.embeddings import MemoisedEmbedding, is_embedding, memoise_embeddings
from pipeline.nlp import model_text

pytestmark = pytest.mark.model

# Whitespace tokens, a token whose norm is not its lexeme's (the tokenizer's special cases: «M.», «aujourd'hui»),
# the same word with and without a following space, capitals, digits, an unknown word.
TEXTS = [
    "M. Stoltenberg a déclaré aujourd'hui : « L'OTAN est prête. »\n\n  Les Alliés, eux, se sont réunis le 3 mai.",
    "Le ministre des Armées, Mme Parly, a répondu : « Non. » Puis : «non».\tFin du texte ;  un motinconnuxyz.",
]


def _stock() -> Language:
    with use_ops("numpy", use_blis=False):
        return spacy.load(DEFAULT_MODEL)


def _token_vectors(nlp: Language, names: list[str]) -> dict[str, list[numpy.ndarray]]:
    """The token vectors each component's tok2vec (embedding, then convolutions) gives for TEXTS."""
    docs = [nlp.make_doc(model_text(text)) for text in TEXTS]
    found = {}
    for name in names:
        tok2vec = next(node for node in nlp.get_pipe(name).model.walk() if "residual" in node.name)
        found[name] = tok2vec.predict(docs)
    return found


def test_every_tok2vec_embedding_is_memoised_and_the_token_vectors_stay_the_same() -> None:
    stock, memoised = _stock(), _stock()
    assert memoise_embeddings(memoised) == 2  # the shared tok2vec's and the entity recogniser's
    expected = _token_vectors(stock, ["tok2vec", "ner"])
    for _ in range(2):  # first computed, then looked up
        found = _token_vectors(memoised, ["tok2vec", "ner"])
        for name in expected:
            for ours, theirs in zip(found[name], expected[name], strict=True):
                assert numpy.array_equal(ours, theirs)


def test_the_table_stops_growing_at_its_capacity_and_the_rows_stay_right() -> None:
    nlp = _stock()
    layer = next(node for node in nlp.get_pipe("tok2vec").model.walk() if is_embedding(node))
    memo = MemoisedEmbedding(layer, nlp.vocab, capacity=10)
    docs = [nlp.make_doc(model_text(text)) for text in TEXTS]
    for _ in range(2):
        for ours, theirs in zip(memo.embed(docs), layer.predict(docs), strict=True):
            assert numpy.array_equal(ours, theirs)
    assert len(memo.index) == 10 and len(memo.rows) <= 1024
