"""The tokens of a Doc whose text, lower-case form, part of speech or dependency is one of some values.

Many rules read only a few tokens of a document: a «que», a head noun of an organisation, a subject, a
speech verb. Looping over the Doc to find them creates a Token object for every token and reads its
attribute in Python; :func:`tokens_with` compares the Doc's array of that attribute with the ids of the
wanted values instead, and creates only the tokens found (about three times faster on a whole document).
"""

from __future__ import annotations

import functools
from typing import Literal

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

#: The attributes a token is picked by: its text, its lower-case form, its part of speech, its dependency.
Attribute = Literal["ORTH", "LOWER", "POS", "DEP"]


def tokens_with(doc: Doc, attribute: Attribute, values: frozenset[str]) -> list[Token]:
    """The tokens of ``doc`` whose ``attribute`` (as ``Token.text``, ``lower_``, ``pos_``, ``dep_``) is one of
    ``values``, in text order."""
    wanted = _ids(values)
    return [doc[i] for i, value in enumerate(doc.to_array(attribute).tolist()) if value in wanted]


@functools.lru_cache(maxsize=256)
def _ids(values: frozenset[str]) -> frozenset[int]:
    """The ids spaCy stores for ``values`` (a string's hash, or its symbol: «PROPN», «nsubj»)."""
    return frozenset(get_string_id(value) for value in values)
