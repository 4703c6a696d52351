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
        # Sénat reports: a label closed by a period, an honorific and a title or a name and a function.
        pytest.param(
            "Débat\nM. le président. La parole est au ministre.\nM. Gabriel Attal, Premier ministre. Merci.",
            ["M. le président", "M. Gabriel Attal, Premier ministre"],
            id="period-labels",
        ),
        # Newspaper interviews: the outlet and the surname in capitals, a period and a dash.
        pytest.param(
            "LE FIGARO. - Êtes-vous déçu ?\nVadym OMELCHENKO. - Non.",
            ["LE FIGARO", "Vadym OMELCHENKO"],
            id="period-dash",
        ),
        # A dash before the label, the turn in quotation marks.
        pytest.param(
            "- Euronews : “Une question ?”\n- Jens Stoltenberg : “Une réponse.”",
            ["Euronews", "Jens Stoltenberg"],
            id="dash-before-label",
        ),
        # An outlet named beside a journalist labels the later turns in lower case.
        pytest.param(
            "James Franey, euronews: Bonjour.\nJens Stoltenberg : Bonjour.\neuronews : Et la Russie ?",
            ["James Franey, euronews", "Jens Stoltenberg", "euronews"],
            id="outlet-of-a-journalist",
        ),
        # A name alone on its line, the speech on the next one.
        pytest.param(
            "Conférence de presse\nEmmanuel MACRON\nBonjour à tous.\nJens STOLTENBERG\nMerci.",
            ["Emmanuel MACRON", "Jens STOLTENBERG"],
            id="name-alone-on-its-line",
        ),
        # A headline «Name : « quotation »» is no turn, even beside labels.
        pytest.param(
            "Jens Stoltenberg : « L'OTAN va agir »\n- Euronews : Une question ?\n- Jens Stoltenberg : Oui.",
            ["Euronews", "Jens Stoltenberg"],
            id="headline-quote-is-no-turn",
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


def contents(text: str) -> list[tuple[str, str, str]]:
    return [(t.label, t.role, text[t.start : t.end]) for t in find_turns(text, RESOURCES)]


def test_unlabelled_question_is_the_interviewers_turn() -> None:
    text = "PB : Nous résisterons.\nEt la neutralité ?\nPB : Jamais."
    assert contents(text) == [
        ("PB", "label", "Nous résisterons."),
        ("", "interviewer", "Et la neutralité ?"),
        ("PB", "label", "Jamais."),
    ]


def test_question_inside_an_open_quotation_stays_in_its_turn() -> None:
    # «PB : “A¶Où en sommes-nous ?”»: a rhetorical question inside the answer's marks is no new turn.
    text = "Q : Une question ?\nPB : “Nous étions forts.\nOù en sommes-nous aujourd'hui ?”\nQ : Merci."
    assert [label for label, _, _ in contents(text)] == ["Q", "PB", "Q"]


def test_turn_wrapped_in_marks_and_stage_direction() -> None:
    text = "M. le président. La parole est au ministre. (Applaudissements.)\nM. Jean Dupont, ministre. “Merci.”"
    assert [content for _, _, content in contents(text)] == ["La parole est au ministre.", "Merci."]


def test_dash_dialogue() -> None:
    text = "Entretien\n— Que pensez-vous de la Russie ?\n— Elle menace l'Europe.\n— Et la Chine ?\n— Non."
    assert [(role, content) for _, role, content in contents(text)] == [
        ("interviewer", "Que pensez-vous de la Russie ?"),
        ("interviewee", "Elle menace l'Europe."),
        ("interviewer", "Et la Chine ?"),
        ("interviewee", "Non."),
    ]


def test_bullet_points_are_no_dialogue() -> None:
    # A press release's dashes list facts: no question, no dialogue.
    text = "Réunion\n- Le Conseil s'est réuni le 22 août.\n- Le Conseil a entendu le rapport."
    assert find_turns(text, RESOURCES) == []


def test_turns_one_per_paragraph_on_request() -> None:
    text = "M. LE PRÉSIDENT : Un.\nDeux.\nQ : Trois ?\n"
    turns = find_turns(text, RESOURCES, split_paragraphs=True)
    assert [text[t.start : t.end] for t in turns] == ["Un.", "Deux.", "Trois ?"]


def test_unlabelled_interview_needs_an_interview() -> None:
    # Rhetorical questions in an article are no interview: the text must say it is one near its top.
    article = "Sommet de l'OTAN\nQue fera la Russie ?\nPersonne ne le sait.\nEt la Chine ?\nElle observe."
    assert find_turns(article, RESOURCES) == []
    interview = "Entretien avec la ministre\n" + article.split("\n", 1)[1]
    assert [t.role for t in find_turns(interview, RESOURCES)] == ["interviewer", "interviewee"] * 2
