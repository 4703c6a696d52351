"""Rule tests for speaker resolution on hand-built documents (blank tokenizer, entities given, no model)."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from pipeline.quotes.layout import read_layout
from pipeline.quotes.resources import load_quote_resources
from pipeline.quotes.speakers import UNKNOWN, Attribution, Resolution, Salience, SpeakerResolver
from pipeline.schema import Entity

NLP = spacy.blank("fr")


def resolver(
    text: str, people: list[str], *, date: dt.date | None = None, targets: tuple[str, ...] = ("Jens Stoltenberg",)
) -> SpeakerResolver:
    """A resolver over ``text`` whose PERSON mentions are the given substrings (first occurrence each)."""
    entities = []
    for name in people:
        start = text.index(name)
        entities.append(Entity("t", 0, start, start + len(name), name, "PERSON", name))
    return SpeakerResolver(NLP(text), text, entities, date, load_quote_resources(), targets)


@pytest.mark.parametrize(
    ("text", "people", "mention", "expected"),
    [
        # The target speaker's surname always expands to the full name from settings.
        pytest.param(
            "M. Stoltenberg est arrivé.", ["M. Stoltenberg"], "M. Stoltenberg", "Jens Stoltenberg", id="target"
        ),
        # Transcript labels write names in capitals.
        pytest.param("STOLTENBERG : merci.", ["STOLTENBERG"], "STOLTENBERG", "Jens Stoltenberg", id="capitals"),
        # The fullest form in the document wins.
        pytest.param(
            "Antony J. Blinken est venu. M. Blinken a parlé.",
            ["Antony J. Blinken", "M. Blinken"],
            "M. Blinken",
            "Antony J. Blinken",
            id="fullest-form",
        ),
        # A name known only by its surname keeps it.
        pytest.param(
            "Le président Truman a signé.",
            ["président Truman"],
            "président Truman",
            "Truman",
            id="function-inside-mention",
        ),
        # A misspelt surname (dev 023) still finds the full name.
        pytest.param(
            "Andriy Sybiha est venu. M. Sibiha a parlé.",
            ["Andriy Sybiha", "M. Sibiha"],
            "M. Sibiha",
            "Andriy Sybiha",
            id="misspelt",
        ),
        # Another era's Secretary General from the table expands too.
        pytest.param(
            "M. Rasmussen est venu.", ["M. Rasmussen"], "M. Rasmussen", "Anders Fogh Rasmussen", id="sg-table"
        ),
    ],
)
def test_person(text: str, people: list[str], mention: str, expected: str) -> None:
    assert resolver(text, people).person(mention) == expected


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        # dev 011: the Secretary General «of the time» named in a 2017 text is not the one speaking in 2017.
        pytest.param(
            "Le secrétaire général de l'OTAN de l'époque, Anders Fogh Rasmussen, avait signé.",
            dt.date(2017, 1, 5),
            "Jens Stoltenberg",
            id="date-beats-former-holder",
        ),
        # A text dated to the year only, just before a change of office, names the new holder.
        pytest.param(
            "Jens Stoltenberg a reçu le ministre.", dt.date(2014, 1, 1), "Jens Stoltenberg", id="named-holder-fits-year"
        ),
        # No date: the holder the text names.
        pytest.param("M. de Hoop Scheffer a reçu le ministre.", None, "Jaap de Hoop Scheffer", id="undated-named"),
        # Mark Rutte's era.
        pytest.param("Le secrétaire général a reçu le ministre.", dt.date(2025, 2, 1), "Mark Rutte", id="rutte"),
    ],
)
def test_secretary_general(text: str, date: dt.date | None, expected: str) -> None:
    holder = resolver(text, [], date=date).nato_secretary_general()
    assert holder is not None and holder.speaker == expected


def test_undated_unnamed_secretary_general_is_unknown() -> None:
    assert resolver("Le secrétaire général a reçu le ministre.", []).nato_secretary_general() is None


@pytest.mark.parametrize(
    ("text", "people", "title", "phrase", "expected"),
    [
        # A title the document gives a person («le secrétaire d'État américain, Antony Blinken»).
        pytest.param(
            "Le secrétaire d'État américain, Antony Blinken, est venu. Le secrétaire d'État a parlé.",
            ["Antony Blinken"],
            "secrétaire d'état",
            "secrétaire d'état",
            "Antony Blinken",
            id="learnt-title",
        ),
        # dev 050: «le secrétaire» is the Secretary of Defense, not the Secretary General also named.
        pytest.param(
            "Le secrétaire à la Défense Lloyd J. Austin III a parlé de l'initiative du secrétaire général"
            " Stoltenberg. Le secrétaire a ajouté.",
            ["Lloyd J. Austin III"],
            "secrétaire",
            "secrétaire",
            "Lloyd J. Austin III",
            id="secretary-not-secretary-general",
        ),
        # The Secretary General of another organisation is not NATO's.
        pytest.param(
            "Le secrétaire général de l'ONU, António Guterres, a parlé.",
            ["António Guterres"],
            "secrétaire général",
            "secrétaire général de l'onu",
            "António Guterres",
            id="un-sg",
        ),
    ],
)
def test_title_holder(text: str, people: list[str], title: str, phrase: str, expected: str) -> None:
    found = resolver(text, people, date=dt.date(2021, 2, 17)).title_holder(title, phrase, len(text) - 5)
    assert found.speaker == expected


def test_pronouns_agree_in_gender() -> None:
    """«elle» skips the man named last and finds the woman; «il» the man (the salience state is passed in)."""
    text = "Mme Kallas a rencontré M. Stoltenberg. Elle a parlé. Il a parlé."
    r = resolver(text, ["Kallas", "Stoltenberg"])
    doc = r.doc
    layout = read_layout(doc, text, text, r.resources)
    state = Salience().with_speaker(0, Resolution("Kaja Kallas", "person", "f"))
    state = state.with_speaker(23, Resolution("Jens Stoltenberg", "person", "m"))
    attribution = Attribution(doc, layout, r, {})
    assert attribution.pronoun("elle", text.index("Elle"), state).speaker == "Kaja Kallas"
    assert attribution.pronoun("il", text.index("Il"), state).speaker == "Jens Stoltenberg"


def test_salience_is_passed_not_shared() -> None:
    """Adding a speaker gives a new state; the one before is unchanged."""
    before = Salience()
    after = before.with_speaker(5, Resolution("Jens Stoltenberg", "person", "m"))
    assert before.events == () and [o for o, _ in after.events] == [5]
    assert after.with_speaker(9, UNKNOWN) is after  # nobody known: the state stays
