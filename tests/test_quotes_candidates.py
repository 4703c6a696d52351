"""Rule tests of pass 1 (candidates) and pass 3 (content boundaries) on hand-built Docs, no model."""

from __future__ import annotations

import pytest

from pipeline.quotes import load_quote_resources
from pipeline.quotes.candidates import find_candidates
from pipeline.quotes.content import bound_contents
from pipeline.quotes.cues import attach_cues
from pipeline.quotes.layout import read_layout

from . import parses as P

RESOURCES = load_quote_resources()


def indirect_candidates(parse: P.Parse) -> list[tuple[str, str]]:
    """(trigger, provisional content) of the indirect candidates of pass 1."""
    doc = parse.doc()
    layout = read_layout(doc, doc.text, doc.text, RESOURCES)
    return [
        (c.trigger, doc.text[c.start : c.end]) for c in find_candidates(doc, layout, RESOURCES) if c.kind == "indirect"
    ]


def bounded(parse: P.Parse) -> list[tuple[str, str, str | None]]:
    """(kind, content, cue) of the quotes after pass 3."""
    doc = parse.doc()
    text = doc.text
    layout = read_layout(doc, text, text, RESOURCES)
    cued = attach_cues(doc, layout, find_candidates(doc, layout, RESOURCES), RESOURCES)
    quotes = bound_contents(doc, layout, cued, RESOURCES)
    return [
        (q.kind, text[q.start : q.end], text[q.cue_offsets[0] : q.cue_offsets[1]] if q.cue_offsets else None)
        for q in quotes
    ]


@pytest.mark.parametrize(
    ("parse", "expected"),
    [
        # Complements may stand between the verb and «que»: the parse links them.
        pytest.param(P.QUE_AT_DISTANCE, [("que", "l'Alliance restait unie")], id="que-at-distance"),
        # «pour que» is a purpose clause: «rappeler» has a noun phrase, no content.
        pytest.param(P.POUR_QUE, [], id="pour-que"),
        # A negated speech verb reports nothing.
        pytest.param(P.NEGATED, [], id="negated"),
        # «Il faut rappeler que»: saying advised, not reported.
        pytest.param(P.IL_FAUT, [], id="hypothetical"),
        # ANNOTATION.md: «déclarer» + infinitive reports content; its negation belongs to the content.
        pytest.param(P.INFINITIVE, [("inf", "ne voir aucune contradiction")], id="infinitive-content"),
        # An incise inside its sentence interrupts the content: two contents under one cue.
        pytest.param(
            P.MID_INCISE,
            [("incise", "Les discussions"), ("incise", "se sont concentrées sur l'Arctique")],
            id="interrupted-by-incise",
        ),
        # «l'analyse de X selon laquelle»: a noun of saying reports its owner's words.
        pytest.param(P.REPORT_NOUN, [("relative", "la Russie viole le traité")], id="selon-laquelle"),
        # «le principe selon lequel»: a rule, nobody's saying.
        pytest.param(P.PRINCIPLE, [], id="principle-selon-lequel"),
        # A clause announced by a speech verb and a colon, without quotation marks.
        pytest.param(P.COLON, [("colon", "toute atteinte aurait un coût massif")], id="colon-clause"),
        # «se dire» + attribute: the attribute is the content.
        pytest.param(P.ATTRIBUTE, [("attr", "frappé par les témoignages des victimes")], id="se-dire-attribute"),
    ],
)
def test_candidates(parse: P.Parse, expected: list[tuple[str, str]]) -> None:
    assert indirect_candidates(parse) == expected


@pytest.mark.parametrize(
    ("parse", "expected"),
    [
        # The content ends at a semicolon.
        pytest.param(P.SEMICOLON, [("indirect", "l'Alliance restait unie", "a souligné")], id="semicolon"),
        # ANNOTATION.md: «a affirmé que A et décidé que B»: only A is reported speech. Here the parser
        # attaches «décidé» to the content; its form (the cue's auxiliary, a frame of its own) tells.
        pytest.param(P.AND_DECIDED, [("indirect", "l'Alliance restait unie", "a affirmé")], id="and-decided"),
        # A verb group in the content's own form after «et» stays content.
        pytest.param(
            P.AND_CONTENT,
            [("indirect", "la Russie a violé le traité et a déployé des missiles", "a dit")],
            id="and-content-verb",
        ),
        # The whole content clause in marks: one direct quote, not also an indirect one.
        pytest.param(P.WHOLLY_MARKED, [("direct", "l'OTAN est prête à agir", "a déclaré")], id="wholly-marked"),
        # «a dit que A et que « B »»: B is its own direct quote, the indirect one ends before «et que».
        pytest.param(
            P.AND_QUE_MARKED,
            [("indirect", "la mission continuerait", "a dit"), ("direct", "rien ne changera", "a dit")],
            id="and-que-marked",
        ),
        # The content runs on past the marks: one indirect quote, marks included, and the direct fragment.
        pytest.param(
            P.PAST_THE_MARKS,
            [
                (
                    "indirect",
                    "« nous renforcerons nos partenariats » dans un monde où tout est plus dangereux",
                    "a ajouté",
                ),
                ("direct", "nous renforcerons nos partenariats", "a ajouté"),
            ],
            id="content-past-marks",
        ),
        # One word outside the marks: the marks carry the content, two direct quotes only.
        pytest.param(
            P.ONE_WORD_OUTSIDE,
            [
                ("direct", "C'est notre priorité de faire avancer ce soutien", "a déclaré"),
                ("direct", "pour que l'Ukraine l'emporte", "a déclaré"),
            ],
            id="one-word-outside-marks",
        ),
        # A quote interrupted by its cue without marks of its own is two quotes.
        pytest.param(
            P.INNER_INCISE,
            [
                ("direct", "Tous les Alliés sont éprouvés", "a-t-il souligné"),
                ("direct", "Nous coordonnons nos ressources.", "a-t-il souligné"),
            ],
            id="inner-incise",
        ),
        # A short term in marks with no cue is a scare quote.
        pytest.param(P.SCARE, [], id="scare-quote"),
        # A name in marks is no quote.
        pytest.param(P.NAME_IN_MARKS, [], id="name-in-marks"),
    ],
)
def test_contents(parse: P.Parse, expected: list[tuple[str, str, str | None]]) -> None:
    assert bounded(parse) == expected
