"""The model's token embeddings, computed once per kind of token and then looked up.

Each of the French model's two tok2vec networks (the shared one, and the one inside the entity recogniser)
starts with an embedding: hash tables of the token's norm, prefix, suffix and shape, its static vector, and
a maxout layer mixing them. None of it looks at the neighbours: a token's embedding is a function of its
text (orth), its norm and whether a space follows it. Only the convolution layers after it read context.

:class:`MemoisedEmbedding` wraps such an embedding layer: per batch it computes each distinct (orth, norm,
space) once, for the kinds it has not met before, and gathers the rows; the convolutions and everything
after them run as before. The rows are those the layer computes (the layer itself computes them, on a
Doc of the new kinds): the parses, tags and entities are the stock model's, token for token
(``tests/test_model_setup.py``). It saves about a third of each tok2vec's arithmetic (the embedding's
mixing layer is its largest product) on every token of a kind seen before. The table holds at most
``capacity`` kinds (a fixed array, then no more additions): memory does not grow with the corpus.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import NORM, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab
from thinc.api import Model

#: What an embedding row depends on (prefix, suffix, shape and the static vector follow from the orth).
KEY_ATTRS = [ORTH, NORM, SPACY]
#: Kinds of tokens kept per embedding layer: 50,000 rows of 96 floats, 19 MB.
CAPACITY = 50_000
LAYER_NAME = "memoised_embedding"


class MemoisedEmbedding:
    """The table of one embedding layer: the rows of the kinds of tokens met so far."""

    def __init__(self, layer: Model[Any, Any], vocab: Vocab, capacity: int = CAPACITY) -> None:
        self.layer = layer
        self.vocab = vocab
        self.capacity = capacity
        self.width = int(layer.get_dim("nO"))
        self.index: dict[tuple[int, int, int], int] = {}
        self.rows = numpy.empty((0, self.width), dtype="float32")

    def embed(self, docs: list[Doc]) -> list[numpy.ndarray]:
        """The layer's output for ``docs``: one array of rows per Doc, as the layer gives it."""
        lengths = [len(doc) for doc in docs]
        if not any(lengths):
            return self.layer.predict(docs)  # type: ignore[no-any-return]
        keys = numpy.concatenate([doc.to_array(KEY_ATTRS).reshape(-1, len(KEY_ATTRS)) for doc in docs if len(doc)])
        kinds, inverse = numpy.unique(keys, axis=0, return_inverse=True)
        table = numpy.empty((len(kinds), self.width), dtype="float32")
        known: list[int] = []
        stored: list[int] = []
        new: list[int] = []
        for i, kind in enumerate(map(tuple, kinds.tolist())):
            row = self.index.get(kind)
            if row is None:
                new.append(i)
            else:
                known.append(i)
                stored.append(row)
        if known:
            table[known] = self.rows[stored]
        if new:
            table[new] = self._compute(kinds[new])
        flat = table[inverse.reshape(-1)]
        return numpy.split(flat, numpy.cumsum(lengths)[:-1])

    def _compute(self, kinds: numpy.ndarray) -> numpy.ndarray:
        """The layer's rows for new kinds, from a Doc of one token per kind; kept while there is room."""
        strings = self.vocab.strings
        doc = Doc(
            self.vocab, words=[strings[int(orth)] for orth in kinds[:, 0]], spaces=kinds[:, 2].astype(bool).tolist()
        )
        doc.from_array([NORM], kinds[:, 1].astype("uint64"))
        rows = numpy.asarray(self.layer.predict([doc])[0], dtype="float32")
        room = self.capacity - len(self.index)
        if room > 0:
            kept = min(room, len(kinds))
            start = len(self.index)
            if start + kept > len(self.rows):
                grown = numpy.empty(
                    (min(self.capacity, max(2 * len(self.rows), start + kept, 1024)), self.width), "float32"
                )
                grown[:start] = self.rows[:start]
                self.rows = grown
            self.rows[start : start + kept] = rows[:kept]
            for offset, kind in enumerate(map(tuple, kinds[:kept].tolist())):
                self.index[kind] = start + offset
        return rows


def _forward(model: Model[Any, Any], docs: list[Doc], is_train: bool) -> tuple[list[numpy.ndarray], Any]:
    if is_train:
        raise NotImplementedError("a memoised embedding is for prediction only")
    memo: MemoisedEmbedding = model.attrs["memo"]
    return memo.embed(docs), None


#: Features an embedding may read: the token's norm and following space, and properties of its text.
LEXICAL_FEATURES = frozenset(
    {
        "ORTH",
        "NORM",
        "LOWER",
        "PREFIX",
        "SUFFIX",
        "SHAPE",
        "SPACY",
        "IS_SPACE",
        "IS_ALPHA",
        "IS_DIGIT",
        "IS_LOWER",
        "IS_UPPER",
        "IS_TITLE",
        "IS_PUNCT",
        "LIKE_NUM",
        "LENGTH",
    }
)


def is_embedding(node: Model[Any, Any]) -> bool:
    """Whether ``node`` is a tok2vec's embedding of lexical features, with no encoder (no context) inside."""
    if not (node.name.startswith("extract_features>>") and node.name.endswith(">>ragged2list")):
        return False
    if "residual" in node.name or "expand_window" in node.name or not node.has_dim("nO"):
        return False
    features = [n.attrs.get("columns", []) for n in node.walk() if n.name == "extract_features"]
    return bool(features) and all(str(column).upper() in LEXICAL_FEATURES for columns in features for column in columns)


def memoise_embeddings(nlp: Language, capacity: int = CAPACITY) -> int:
    """Wrap each tok2vec embedding of ``nlp`` in a :class:`MemoisedEmbedding`; return how many were wrapped.

    Only layers like spaCy's ``MultiHashEmbed`` are wrapped: an ``extract_features`` chain ending in
    ``ragged2list``, with no encoder inside and lexical features only (the static vectors are looked up by
    the orth or the norm); a model built otherwise is left as it is.
    """
    if getattr(nlp.vocab.vectors, "attr", ORTH) not in (ORTH, NORM):
        return 0
    wrapped = 0
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if not isinstance(model, Model):
            continue
        for node in list(model.walk()):
            if is_embedding(node):
                memo = MemoisedEmbedding(node, nlp.vocab, capacity)
                wrapper: Model[Any, Any] = Model(
                    LAYER_NAME, _forward, layers=[node], attrs={"memo": memo}, dims={"nO": node.get_dim("nO")}
                )
                model.replace_node(node, wrapper)
                wrapped += 1
    return wrapped
