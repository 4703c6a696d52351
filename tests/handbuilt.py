"""Hand-built parsed Docs for rule tests: no model, a fixed parse written out as rows.

Each row is ``word lemma POS dep head [morph]``, whitespace-separated, ``head`` the 1-based index of the
head token (0: the token is the root). Words are found in ``text`` in order; a gap other than one space
between two words becomes a SPACE token, as spaCy makes one for a line break. Sentence starts are
those of the pipeline's French sentence rules.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from pipeline.schema import Entity
from pipeline.sentences import sentence_spans

#: A French vocabulary (lexical attributes: lower case, shape) shared by the hand-built Docs.
VOCAB = spacy.blank("fr").vocab


def parsed(text: str, rows: str) -> Doc:
    """A Doc of ``text`` with the parse given by ``rows`` (see the module docstring)."""
    table = [line.split() for line in rows.strip().splitlines() if line.strip()]
    words, lemmas, pos, deps, heads, morphs, spaces = [], [], [], [], [], [], []
    index: list[int] = []  # row number → token index (SPACE tokens are added between rows)
    position = 0
    for row in table:
        word = row[0]
        start = text.index(word, position)
        gap = text[position:start]
        if words and gap not in ("", " "):
            if gap.startswith(" "):
                spaces[-1], gap = True, gap[1:]
            words.append(gap)
            lemmas.append(gap)
            pos.append("SPACE")
            deps.append("dep")
            heads.append(-1)  # attached below to the previous token
            morphs.append("")
            spaces.append(False)
        elif words:
            spaces[-1] = gap == " "
        index.append(len(words))
        words.append(word)
        lemmas.append(row[1])
        pos.append(row[2])
        deps.append(row[3])
        heads.append(int(row[4]))
        morphs.append(row[5] if len(row) > 5 else "")
        spaces.append(False)
        position = start + len(word)
    spaces[-1] = text[position:].startswith(" ")
    resolved = []
    for i, head in enumerate(heads):
        if head == -1:
            resolved.append(i - 1)
        elif head == 0:
            resolved.append(i)
        else:
            resolved.append(index[head - 1])
    doc = Doc(
        VOCAB,
        words=words,
        spaces=spaces,
        lemmas=lemmas,
        pos=pos,
        deps=[d if h != i else "ROOT" for i, (d, h) in enumerate(zip(deps, resolved, strict=True))],
        heads=resolved,
        morphs=morphs,
        sent_starts=_sent_starts(words, spaces, text),
    )
    assert doc.text == text, (doc.text, text)
    return doc


def _sent_starts(words: list[str], spaces: list[bool], text: str) -> list[bool]:
    starts = {start for start, _ in sentence_spans(text)}
    flags, offset = [], 0
    for word, space in zip(words, spaces, strict=True):
        flags.append(offset in starts or offset == 0)
        offset += len(word) + (1 if space else 0)
    return flags


def mention(text: str, name: str, label: str = "PERSON", entity_id: str | None = None, *, nth: int = 0) -> Entity:
    """An entity record for the ``nth`` occurrence of ``name`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Entity("t", 0, start, start + len(name), name, label, entity_id or name)
