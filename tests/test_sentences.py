"""Rule tests for French sentence boundaries (text only), and the boundaries imposed on the parser."""

from __future__ import annotations

import pytest

from pipeline.sentences import sentence_spans


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An honorific's period does not end a sentence.
        pytest.param(
            "M. Stoltenberg a parlé. Mme Kallas aussi.",
            ["M. Stoltenberg a parlé.", "Mme Kallas aussi."],
            id="honorifics",
        ),
        # «etc.» before a lower-case word stays inside the sentence.
        pytest.param(
            "Des chars, des obus, etc. sont livrés. Fin.",
            ["Des chars, des obus, etc. sont livrés.", "Fin."],
            id="etc-mid-sentence",
        ),
        # Decimal numbers and initials.
        pytest.param(
            "Il faut 3.5 % du PIB selon Antony J. Blinken. Oui.",
            ["Il faut 3.5 % du PIB selon Antony J. Blinken.", "Oui."],
            id="numbers-initials",
        ),
        # A label and a quote stay one sentence: «Stoltenberg : « … »».
        pytest.param(
            "Stoltenberg : « Nous sommes prêts. » La réunion continue.",
            ["Stoltenberg : « Nous sommes prêts. »", "La réunion continue."],
            id="label-quote-not-split",
        ),
        # A quote of several sentences keeps its sentences; the closing mark stays with the last one.
        pytest.param("« Un. Deux », a-t-il dit.", ["« Un.", "Deux », a-t-il dit."], id="sentences-inside-quote"),
        # A closing mark followed by a lower-case incise does not start a sentence.
        pytest.param("« Nous sommes prêts. » a-t-il ajouté.", ["« Nous sommes prêts. » a-t-il ajouté."], id="incise"),
        # A paragraph break always ends a sentence.
        pytest.param("Titre sans point\nTexte.", ["Titre sans point", "Texte."], id="paragraph"),
        # List numbers are not sentences.
        pytest.param(
            "1. Il y a un an, la guerre. 2. Fin.", ["1. Il y a un an, la guerre.", "2. Fin."], id="list-numbers"
        ),
        # A straight quotation mark after a period opens the next sentence's quotation (web copy).
        pytest.param(
            'Il a dit "oui". "Nous sommes prêts", a-t-il ajouté.',
            ['Il a dit "oui".', '"Nous sommes prêts", a-t-il ajouté.'],
            id="straight-quote-opens-next",
        ),
        # An ellipsis glued to a capital still ends its sentence.
        pytest.param("La neutralité...Mais soyons clairs.", ["La neutralité...", "Mais soyons clairs."], id="ellipsis"),
        # An elision in brackets inside a quotation starts the next sentence, it does not end one.
        pytest.param(
            "Ce n'est qu'une partie du problème. [...] La priorité est claire.",
            ["Ce n'est qu'une partie du problème.", "[...] La priorité est claire."],
            id="bracketed-elision",
        ),
        # Abbreviated months in datelines.
        pytest.param(
            "OTTAWA, le 1er oct. 2024 - Le premier ministre a parlé.",
            ["OTTAWA, le 1er oct. 2024 - Le premier ministre a parlé."],
            id="month-abbreviation",
        ),
        # Question and exclamation marks end sentences.
        pytest.param(
            "Où en est-on ? Nulle part ! Bien.", ["Où en est-on ?", "Nulle part !", "Bien."], id="punctuation"
        ),
    ],
)
def test_sentence_spans(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected
