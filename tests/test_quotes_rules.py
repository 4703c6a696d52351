"""Rule tests of the whole extractor on hand-built parsed Docs (no model)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from pipeline.quotes import extract_quotes, load_quote_resources
from pipeline.schema import Entity, Sentence

#: A French vocabulary (its lexical attributes: lower case, shape) for the hand-built Docs.
VOCAB = spacy.blank("fr").vocab


def parsed(rows: list[tuple[str, str, str, str, int, str]], spaces: list[bool]) -> Doc:
    """A Doc from (word, lemma, pos, dep, head index, morph) rows, one sentence."""
    words, lemmas, pos, deps, heads, morphs = (list(column) for column in zip(*rows, strict=True))
    return Doc(
        VOCAB,
        words=words,
        spaces=spaces,
        lemmas=lemmas,
        pos=pos,
        deps=deps,
        heads=heads,
        morphs=morphs,
        sent_starts=[True] + [False] * (len(words) - 1),
    )


def run(doc: Doc, entities: list[Entity]) -> list[tuple[str, str, str, str | None]]:
    text = doc.text
    sentences = [Sentence("t", 0, 0, len(text), text)]
    quotes, _ = extract_quotes(
        doc,
        doc_id="t",
        text=text,
        sentences=sentences,
        entities=entities,
        date=None,
        resources=load_quote_resources(),
        target_speakers=("Jens Stoltenberg",),
    )
    return [(q.kind, q.text, q.speaker, q.cue) for q in quotes]


FIN = "Mood=Ind|Tense=Pres|VerbForm=Fin"
PART = "Tense=Past|VerbForm=Part"


def test_incise_with_clitic_resolves_to_the_subject_named_before() -> None:
    # «M. Stoltenberg est arrivé . « Nous sommes prêts » , a -t -il déclaré .»
    rows = [
        ("M.", "m.", "NOUN", "nsubj", 3, ""),
        ("Stoltenberg", "Stoltenberg", "PROPN", "flat:name", 0, ""),
        ("est", "être", "AUX", "aux:tense", 3, FIN),
        ("arrivé", "arriver", "VERB", "ROOT", 3, PART),
        (".", ".", "PUNCT", "punct", 3, ""),
        ("«", "«", "PUNCT", "punct", 7, ""),
        ("Nous", "nous", "PRON", "nsubj", 7, ""),
        ("sommes", "être", "AUX", "ROOT", 7, FIN),
        ("prêts", "prêt", "ADJ", "xcomp", 7, ""),
        ("»", "»", "PUNCT", "punct", 7, ""),
        (",", ",", "PUNCT", "punct", 14, ""),
        ("a", "avoir", "AUX", "aux:tense", 14, FIN),
        ("-t", "-t", "PRON", "expl:subj", 14, ""),
        ("-il", "il", "PRON", "expl:subj", 14, "Gender=Masc"),
        ("déclaré", "déclarer", "VERB", "parataxis", 7, PART),
        (".", ".", "PUNCT", "punct", 7, ""),
    ]
    spaces = [True, True, True, False, True, True, True, True, True, False, True, False, False, True, False, False]
    doc = parsed(rows, spaces)
    person = Entity("t", 0, 0, 14, "M. Stoltenberg", "PERSON", "M. Stoltenberg")
    assert run(doc, [person]) == [("direct", "Nous sommes prêts", "Jens Stoltenberg", "a-t-il déclaré")]


def test_que_clause_of_a_group() -> None:
    # «Les Alliés ont déclaré qu' ils sont résolus .»
    rows = [
        ("Les", "le", "DET", "det", 1, ""),
        ("Alliés", "allié", "NOUN", "nsubj", 3, "Number=Plur"),
        ("ont", "avoir", "AUX", "aux:tense", 3, FIN),
        ("déclaré", "déclarer", "VERB", "ROOT", 3, PART),
        ("qu'", "que", "SCONJ", "mark", 7, ""),
        ("ils", "il", "PRON", "nsubj", 7, ""),
        ("sont", "être", "AUX", "cop", 7, FIN),
        ("résolus", "résolu", "ADJ", "ccomp", 3, ""),
        (".", ".", "PUNCT", "punct", 3, ""),
    ]
    spaces = [True, True, True, True, False, True, True, False, False]
    assert run(parsed(rows, spaces), []) == [("indirect", "ils sont résolus", "les Alliés", "ont déclaré")]


def test_negated_cue_reports_nothing() -> None:
    # «Il n' a pas dit que l' OTAN viendrait .»
    rows = [
        ("Il", "il", "PRON", "nsubj", 4, ""),
        ("n'", "ne", "ADV", "advmod", 4, ""),
        ("a", "avoir", "AUX", "aux:tense", 4, FIN),
        ("pas", "pas", "ADV", "advmod", 4, ""),
        ("dit", "dire", "VERB", "ROOT", 4, PART),
        ("que", "que", "SCONJ", "mark", 8, ""),
        ("l'", "le", "DET", "det", 7, ""),
        ("OTAN", "OTAN", "PROPN", "nsubj", 8, ""),
        ("viendrait", "venir", "VERB", "ccomp", 4, "Mood=Cnd|VerbForm=Fin"),
        (".", ".", "PUNCT", "punct", 4, ""),
    ]
    spaces = [True, False, True, True, True, True, False, True, False, False]
    assert run(parsed(rows, spaces), []) == []


def test_empty_document() -> None:
    doc = Doc(VOCAB, words=[])
    quotes, issues = extract_quotes(
        doc,
        doc_id="t",
        text="",
        sentences=[],
        entities=[],
        date=None,
        resources=load_quote_resources(),
        target_speakers=("Jens Stoltenberg",),
    )
    assert quotes == [] and issues == []
