"""Rule tests of pass 2 (attaching cues and speaker sources) on hand-built Docs, no model."""

from __future__ import annotations

import pytest

from pipeline.quotes import load_quote_resources
from pipeline.quotes.candidates import find_candidates
from pipeline.quotes.content import bound_contents
from pipeline.quotes.cues import attach_cues
from pipeline.quotes.layout import read_layout

from . import parses as P

RESOURCES = load_quote_resources()


def direct_cues(parse: P.Parse) -> list[tuple[str, str | None, str, str | None]]:
    """(quote, cue, how the speaker is written, the source phrase) of the direct quotes after pass 2."""
    doc = parse.doc()
    text = doc.text
    layout = read_layout(doc, text, text, RESOURCES)
    found = []
    for c in attach_cues(doc, layout, find_candidates(doc, layout, RESOURCES), RESOURCES):
        if c.kind != "direct" or c.source is None:
            continue
        cue = text[c.cue_offsets[0] : c.cue_offsets[1]] if c.cue_offsets else None
        phrase = text[c.source.start : c.source.end] if c.source.start is not None else None
        how = c.source.how + (" inverted" if c.source.inverted else "")
        found.append((text[c.start : c.end], cue, how, phrase))
    return found


@pytest.mark.parametrize(
    ("parse", "expected"),
    [
        # An incise after the quote: its subject follows the verb.
        pytest.param(P.INCISE_AFTER, [("Nous sommes prêts", "a déclaré", "subject inverted", None)], id="incise-after"),
        # A noun of saying before the quote: its owner speaks («les propos de X sur la « … »»).
        pytest.param(P.NOUN_CUE, [("mort cérébrale", "les propos", "phrase", "M. Macron")], id="noun-of-saying-before"),
        # «« … » : le tacle de X à Y»: a noun of saying after a colon that follows the quote.
        pytest.param(
            P.NOUN_AFTER,
            [("Voilà pourquoi c'est un grand politicien", "tacle", "phrase", "Trump")],
            id="noun-of-saying-after",
        ),
        # «X : « … »»: a name and a colon label the quote.
        pytest.param(
            P.LABEL,
            [("L'OTAN est prête à défendre chaque allié", "Jens Stoltenberg", "phrase", "Jens Stoltenberg")],
            id="name-label",
        ),
        # A quotation reopened at the next paragraph takes the cue found there.
        pytest.param(
            P.REOPENED,
            [
                ("Nous devons agir.", "a-t-il dit", "subject inverted", None),
                ("Chaque jour compte", "a-t-il dit", "subject inverted", None),
            ],
            id="reopened-quotation",
        ),
        # Two verbs before the quotes: the nearest governs each («qualifiant … de « … »»), and a noun of
        # saying governs only the quotation right after it.
        pytest.param(
            P.PARTICIPLE_MAIN_SUBJECT,
            [
                ("mort cérébrale", "les propos", "phrase", "M. Macron"),
                ("très insultants", "qualifiant", "subject", None),
            ],
            id="noun-governs-first-quote-only",
        ),
        # A sentence in marks with no cue: the speaker comes from the context.
        pytest.param(
            P.UNCUED_CONTINUES,
            [
                ("Nous sommes prêts", "a déclaré", "subject inverted", None),
                ("Chaque allié compte.", None, "context", None),
            ],
            id="uncued-sentence",
        ),
    ],
)
def test_direct_cues(parse: P.Parse, expected: list[tuple[str, str | None, str, str | None]]) -> None:
    assert direct_cues(parse) == expected


def test_name_in_marks_is_dropped() -> None:
    # «L'exercice « Steadfast Defender »»: a name in marks, whoever wrote it, is no quote.
    assert direct_cues(P.NAME_IN_MARKS) == []


def test_term_inside_an_indirect_content_is_a_quote() -> None:
    # A capitalised phrase with no verb is a term on its own, but inside an indirect content that keeps
    # its marks it is a fragment of what was said, under the same cue.
    doc = P.TERM_IN_INCISE.doc()
    text = doc.text
    layout = read_layout(doc, text, text, RESOURCES)
    cued = attach_cues(doc, layout, find_candidates(doc, layout, RESOURCES), RESOURCES)
    quotes = [(q.kind, text[q.start : q.end]) for q in bound_contents(doc, layout, cued, RESOURCES)]
    assert ("direct", "L'invasion de la Crimée") in quotes
    assert ("direct", "son ingérence dans le Donbass") in quotes
    assert any(kind == "indirect" and content.startswith("« L'invasion") for kind, content in quotes)
