"""Parsing only the documents that can hold a quote gives the records of a full parse.

The rule tests check which texts :class:`pipeline.parse_needs.ParseNeeds` sends to the parser (each
construction that starts a quote candidate, and texts with none); the corpus test runs both parse modes
over every document of ``corpus/`` and of ``shared/eval/dev2`` and compares every record.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.pipeline import Lemmatizer

from pipeline.analysis import Analysis, Resources, analyse_batch
from pipeline.config import DEFAULT_MODEL, Settings
from pipeline.ingest import iter_corpus
from pipeline.nlp import load_model, parse_needs_of
from pipeline.parse_needs import ParseNeeds
from pipeline.quotes import load_quote_resources

from .conftest import CORPUS, REPO

DEV2 = REPO.parent / "shared" / "eval" / "dev2" / "docs"


@pytest.fixture(scope="module")
def needs() -> ParseNeeds:
    """The selection with the model's lemma tables (the lemmatizer alone is loaded)."""
    others = ["tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "ner"]
    lemmatizer = spacy.load(DEFAULT_MODEL, exclude=others).get_pipe("lemmatizer")
    assert isinstance(lemmatizer, Lemmatizer)
    return ParseNeeds(lemmatizer, load_quote_resources())


@pytest.mark.parametrize(
    "text",
    [
        # a quotation in marks, French or English, or a straight one
        pytest.param("Le ministre était là. « Nous restons unis. »", id="french-marks"),
        pytest.param('Il a parlé de "solidarité" hier.', id="straight-marks"),
        # forms of speech verbs, whatever their tense, and participles read as adjectives or nouns
        pytest.param("Le ministre a souligné l'importance de l'Alliance.", id="participle"),
        pytest.param("Les alliés dirent leur inquiétude.", id="simple-past-of-dire"),
        pytest.param("Interrogé sur ce point, il a refusé.", id="participle-opening"),
        pytest.param("La Commission rappellera sa position.", id="future"),
        # a causative «faire» whose infinitive is the speech verb («faire savoir»)
        pytest.param("La présidence a fait savoir sa position.", id="causative"),
        # frames naming a source, and a headline with a colon
        pytest.param("Selon le ministère, la frégate est rentrée.", id="selon"),
        pytest.param("La frégate est rentrée, d'après le ministère.", id="d-apres"),
        pytest.param("Pour le gouvernement, la menace est réelle.", id="pour-opening"),
        pytest.param("Sommet de Vilnius : les Alliés se retrouvent\n\nLes Alliés se retrouvent.", id="headline"),
        # a transcript
        pytest.param("M. STOLTENBERG : Bonjour à tous.\n\nQUESTION : Merci.", id="turns"),
    ],
)
def test_texts_that_can_hold_a_quote_are_parsed(needs: ParseNeeds, text: str) -> None:
    assert needs(text)


@pytest.mark.parametrize(
    "text",
    [
        # facts with no saying, no source and no quotation mark
        pytest.param("La frégate est rentrée au port de Toulon après six mois de mission.", id="facts"),
        pytest.param("Le sommet aura lieu à Vilnius les 11 et 12 juillet 2023.", id="dates"),
        # a colon later than the first line is no headline (colon contents need a speech verb)
        pytest.param("Bilan de l'exercice\n\nParticipants : la France, l'Italie et la Grèce.", id="colon-list"),
        pytest.param("   \n  ", id="blank"),
    ],
)
def test_texts_that_cannot_hold_a_quote_are_not_parsed(needs: ParseNeeds, text: str) -> None:
    assert not needs(text)


def test_without_lemma_tables_forms_and_endings_still_select() -> None:
    bare = ParseNeeds(None, load_quote_resources())
    assert bare("Le ministre a déclaré son soutien.")  # «déclaré» → «déclarer» by its ending
    assert not bare("La frégate est rentrée au port.")


@pytest.mark.model
def test_the_full_mode_parses_every_document() -> None:
    assert parse_needs_of(load_model(DEFAULT_MODEL, parse="full", disable=["ner"])) is None


def _records(folder: Path, settings: Settings) -> dict[str, Analysis]:
    sources = iter_corpus(folder, metadata_file="metadata.tsv", max_file_bytes=settings.max_file_bytes)
    items = [(source.document, source.text) for source in sources if source.text is not None]
    resources = Resources(settings)
    found: dict[str, Analysis] = {}
    for start in range(0, len(items), settings.batch_size):
        batch = items[start : start + settings.batch_size]
        for (document, _), analysis in zip(batch, analyse_batch(batch, resources=resources), strict=True):
            found[document.doc_id] = analysis
    return found


@pytest.mark.model
@pytest.mark.parametrize(
    ("folder", "unparsed"),
    [
        # two documents of corpus/ are statements in their author's own voice: no quotation, no reported speech
        pytest.param(CORPUS, 2, id="corpus"),
        # every dev2 text can hold one: the comparison is then of the parses themselves
        pytest.param(DEV2, 0, id="dev2"),
    ],
)
def test_both_parse_modes_give_the_same_records(folder: Path, unparsed: int) -> None:
    if not folder.is_dir():
        pytest.skip(f"{folder} is not there (shared/ beside the repository)")
    needs = parse_needs_of(Resources(Settings(parse="needed")).nlp)
    assert needs is not None
    texts = [path.read_text(encoding="utf-8") for path in folder.glob("*.txt")]
    assert sum(not needs(text) for text in texts) == unparsed
    full = _records(folder, Settings(parse="full"))
    needed = _records(folder, Settings(parse="needed"))
    assert full.keys() == needed.keys() and len(full) >= 40
    differences = [
        (doc_id, table)
        for doc_id in full
        for table in ("sentences", "entities", "quotes", "issues")
        if getattr(full[doc_id], table) != getattr(needed[doc_id], table)
    ]
    assert differences == []
    assert all(analysis.error is None for analysis in needed.values())
