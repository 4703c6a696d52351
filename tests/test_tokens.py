"""Rule tests of :func:`pipeline.tokens.tokens_with` on a hand-built Doc, no model."""

from __future__ import annotations

import pytest

from pipeline.tokens import Attribute, tokens_with

from .handbuilt import parsed

TEXT = "Le ministre a déclaré que l'OTAN, selon laquelle Que dire, restait unie."
ROWS = """
Le le DET det 2
ministre ministre NOUN nsubj 4
a avoir AUX aux:tense 4
déclaré déclarer VERB ROOT 0
que que SCONJ mark 15
l' le DET det 7
OTAN OTAN PROPN nsubj 15
, , PUNCT punct 7
selon selon ADP case 10
laquelle lequel PRON obl 7
Que que PRON obj 12
dire dire VERB acl 7
, , PUNCT punct 7
restait rester VERB cop 15
unie uni ADJ ccomp 4
. . PUNCT punct 4
"""


@pytest.mark.parametrize(
    ("attribute", "values", "expected"),
    [
        # the text as written: «Que» is not «que», a comma found wherever it stands
        pytest.param("ORTH", {"que", ","}, ["que", ",", ","], id="text"),
        # the lower-case form: «Que» and «que» alike
        pytest.param("LOWER", {"que", "laquelle"}, ["que", "laquelle", "Que"], id="lower"),
        # parts of speech are spaCy symbols, not hashed strings
        pytest.param("POS", {"VERB", "PROPN"}, ["déclaré", "OTAN", "dire", "restait"], id="part-of-speech"),
        # a dependency label with a colon is a hashed string, one without is a symbol
        pytest.param("DEP", {"nsubj", "aux:tense"}, ["ministre", "a", "OTAN"], id="dependency"),
        # nothing asked, nothing found
        pytest.param("ORTH", set(), [], id="no-value"),
    ],
)
def test_tokens_with(attribute: Attribute, values: set[str], expected: list[str]) -> None:
    doc = parsed(TEXT, ROWS)
    getter = {"ORTH": "text", "LOWER": "lower_", "POS": "pos_", "DEP": "dep_"}[attribute]
    found = tokens_with(doc, attribute, frozenset(values))
    assert [t.text for t in found] == expected
    # The same tokens, in the same order, as a loop over the Doc reading the attribute finds.
    assert [t.i for t in found] == [t.i for t in doc if getattr(t, getter) in values]
