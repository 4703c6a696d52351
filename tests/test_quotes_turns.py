"""Rule tests for transcript speaker labels (text only, no model)."""

from __future__ import annotations

import pytest

from pipeline.quotes.resources import load_quote_resources
from pipeline.quotes.turns import find_turns

RESOURCES = load_quote_resources()


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # NATO transcripts put the speaker in capitals.
        pytest.param(
            "SECRÉTAIRE GÉNÉRAL STOLTENBERG : Bonjour.\nJOURNALISTE : Une question ?\n",
            ["SECRÉTAIRE GÉNÉRAL STOLTENBERG", "JOURNALISTE"],
            id="caps-labels",
        ),
        # Honorific and surname.
        pytest.param("M. Stoltenberg : Merci beaucoup.", ["M. Stoltenberg"], id="honorific-name"),
        # A title alone.
        pytest.param("Le Secrétaire général : Merci.\nQ : Et la Russie ?", ["Le Secrétaire général", "Q"], id="title"),
        # Interviews on vie-publique.fr use «Q -» and «R -».
        pytest.param("Q - Bonsoir.\nR - Bonsoir.", ["Q", "R"], id="q-r-dash"),
        # State Department transcripts: a single label naming its speaker counts.
        pytest.param(
            "Le 4 avril 2019\nMONSIEUR LE SECRÉTAIRE POMPEO : Je vous remercie.",
            ["MONSIEUR LE SECRÉTAIRE POMPEO"],
            id="single-titled-caps",
        ),
        # A heading that ends its line with a colon is not a label (dev 034 élysée).
        pytest.param("Renforcer le soutien à l’Ukraine :\nLa France va livrer des canons.", [], id="heading-colon"),
        # A colon intro to a quote is not a label.
        pytest.param("Le secrétaire général a déclaré : « Nous sommes prêts ».", [], id="colon-intro"),
        # A single capitalised word before a colon, alone in the text, is a headline, not a label.
        pytest.param("L’OTAN : un atout pour l’Europe", [], id="headline-not-label"),
        # A news outlet asking a question in a NATO press conference: one word, among clearer labels.
        pytest.param(
            "Le Secrétaire général : Bonjour.\nReuters : Une question ?\nLe Secrétaire général : Merci.",
            ["Le Secrétaire général", "Reuters", "Le Secrétaire général"],
            id="one-word-outlet-among-labels",
        ),
        # One-word rubrics of a press release («Contexte :», «Note :») are not turns on their own.
        pytest.param(
            "Contexte : l’OTAN a été fondée en 1949.\nNote : ce texte est une traduction.", [], id="rubrics-not-labels"
        ),
    ],
)
def test_labels(text: str, labels: list[str]) -> None:
    assert [t.label for t in find_turns(text, RESOURCES)] == labels


def test_turn_runs_to_next_label_over_paragraphs() -> None:
    text = "M. LE PRÉSIDENT : Un.\nDeux.\nQ : Trois ?\n"
    turns = find_turns(text, RESOURCES)
    assert [text[t.start : t.end] for t in turns] == ["Un.\nDeux.", "Trois ?"]
