"""Rule tests of pass 4 (speaker resolution) on hand-built Docs: the whole extractor, entities given, no model."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.quotes import extract_quotes, load_quote_resources
from pipeline.schema import Entity, Sentence
from pipeline.sentences import sentence_spans

from . import parses as P
from .handbuilt import mention

RESOURCES = load_quote_resources()


def speakers(
    parse: P.Parse, entities: list[Entity], *, date: dt.date | None = None, precision: str = "day"
) -> list[tuple[str, str]]:
    """(quote, speaker) of every quote of the hand-built Doc."""
    doc = parse.doc()
    text = doc.text
    sentences = [Sentence("t", i, s, e, text[s:e]) for i, (s, e) in enumerate(sentence_spans(text))]
    quotes, _ = extract_quotes(
        doc,
        doc_id="t",
        text=text,
        sentences=sentences,
        entities=entities,
        date=date,
        date_precision=precision,
        resources=RESOURCES,
        target_speakers=("Jens Stoltenberg",),
    )
    return [(q.text, q.speaker) for q in quotes]


def test_headline_pronoun_refers_to_the_person_named_after() -> None:
    # ANNOTATION.md: a pronoun speaker is the person it stands for wherever the document names them.
    text = P.HEADLINE_PRONOUN.text
    assert speakers(P.HEADLINE_PRONOUN, [mention(text, "Jens Stoltenberg")]) == [
        ("Nous devons être prêts", "Jens Stoltenberg")
    ]


def test_title_resolves_to_the_office_holder_the_document_names() -> None:
    # «le président américain»: the roles table says who held the office then; the document names him.
    text = P.OFFICE.text
    entities = [mention(text, "Donald Trump"), mention(text, "américain", "NATIONALITY", "USA")]
    assert speakers(P.OFFICE, entities, date=dt.date(2019, 12, 3)) == [("l'OTAN était obsolète", "Donald Trump")]


def test_title_never_named_stays_unknown() -> None:
    # ANNOTATION.md: a title whose holder the document never names is UNKNOWN.
    text = P.OFFICE.text
    entities = [mention(text, "américain", "NATIONALITY", "USA")]
    assert speakers(P.OFFICE, entities, date=dt.date(2019, 12, 3)) == [("l'OTAN était obsolète", "UNKNOWN")]


def test_demonym_stands_for_the_compatriot_the_document_names() -> None:
    # «Le Néerlandais»: the one Dutch person of the document (by the roles and Secretaries General tables).
    text = P.DEMONYM.text
    entities = [mention(text, "Mark Rutte"), mention(text, "Néerlandais", "NATIONALITY", "NLD")]
    assert speakers(P.DEMONYM, entities) == [("l'Ukraine l'emporterait", "Mark Rutte")]


def test_joint_speakers_are_joined_in_text_order() -> None:
    # ANNOTATION.md: a joint quote has its speakers' ids joined by « et ».
    text = P.JOINT.text
    entities = [mention(text, "M. Stoltenberg"), mention(text, "M. Blinken", entity_id="Blinken")]
    assert speakers(P.JOINT, entities) == [("l'unité transatlantique était essentielle", "Jens Stoltenberg et Blinken")]


def test_numbered_group_stands_for_the_people_just_named() -> None:
    # «Les deux dirigeants»: the two people named before, jointly.
    text = P.NUMBERED.text
    entities = [mention(text, "M. Stoltenberg"), mention(text, "M. Blinken", entity_id="Blinken")]
    assert speakers(P.NUMBERED, entities) == [("l'Alliance restait unie", "Jens Stoltenberg et Blinken")]


def test_person_in_a_complement_does_not_speak() -> None:
    # «Les ministres réunis sous la présidence de M. Le Drian»: the group speaks, not its chair.
    text = P.COMPLEMENT.text
    assert speakers(P.COMPLEMENT, [mention(text, "M. Le Drian")]) == [("la Russie paierait", "les ministres")]


def test_capital_city_speaks_for_its_state() -> None:
    # «qualifié de « russophobe » par Moscou»: the passive agent speaks; a capital stands for its government.
    assert speakers(P.PASSIVE_CAPITAL, []) == [("russophobe", "RUS")]


def test_text_speaks_for_whoever_issued_it() -> None:
    # «indique un communiqué publié par le Conseil», then «poursuit le texte»: the same issuer.
    text = P.DOCUMENT.text
    council = mention(text, "Conseil", "ORG", "Conseil de l'UE")
    assert speakers(P.DOCUMENT, [council]) == [
        ("Les Alliés sont unis", "Conseil de l'UE"),
        ("Nous agirons", "Conseil de l'UE"),
    ]


def test_uncued_sentence_continues_the_speaker() -> None:
    # ANNOTATION.md: a direct quote with no cue, following an attributed one, has its speaker.
    text = P.UNCUED_CONTINUES.text
    assert speakers(P.UNCUED_CONTINUES, [mention(text, "M. Rutte")]) == [
        ("Nous sommes prêts", "Mark Rutte"),
        ("Chaque allié compte.", "Mark Rutte"),
    ]


def test_participle_takes_the_main_subject_not_the_noun_owner() -> None:
    # «Le président américain a ouvert …, qualifiant les propos de M. Macron sur la « A » de « B »»: A is
    # Macron's (the noun of saying), B the American president's (the participle's main subject).
    text = P.PARTICIPLE_MAIN_SUBJECT.text
    entities = [
        mention(text, "M. Macron", entity_id="Emmanuel Macron"),
        mention(text, "américain", "NATIONALITY", "USA"),
    ]
    assert speakers(P.PARTICIPLE_MAIN_SUBJECT, entities, date=dt.date(2019, 1, 1), precision="year") == [
        ("mort cérébrale", "Emmanuel Macron"),
        ("très insultants", "UNKNOWN"),  # the document never names the American president
    ]


@pytest.mark.parametrize(
    ("date", "precision", "expected"),
    [
        # A date to the day: the holder on that day.
        pytest.param(dt.date(2014, 11, 2), "day", "Jens Stoltenberg", id="day"),
        # A year only (a file name's): among the holders of that year, the one the text names first.
        pytest.param(dt.date(2014, 1, 1), "year", "Jens Stoltenberg", id="year-named-first"),
    ],
)
def test_secretary_general_by_date_precision(date: dt.date, precision: str, expected: str) -> None:
    text = "Jens Stoltenberg succède à Anders Fogh Rasmussen."
    from .test_quotes_speakers import resolver

    r = resolver(text, ["Jens Stoltenberg", "Anders Fogh Rasmussen"], date=date)
    r.date_precision = precision
    holder = r.nato_secretary_general()
    assert holder is not None and holder.speaker == expected
