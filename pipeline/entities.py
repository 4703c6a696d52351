"""Doc → Entity records: model entities mapped to PERSON / COUNTRY / ORG with stable ids.

First version: model labels mapped, countries recognised through CLDR French names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import pycountry
from babel import Locale
from spacy.tokens import Doc

from .schema import Entity, Sentence

_ARTICLES = ("l'", "l’", "la ", "le ", "les ", "de ", "du ", "des ", "d'", "d’", "aux ", "au ")


@dataclass(frozen=True)
class EntityResources:
    """Gazetteers used to label and identify entities."""

    countries: dict[str, str]  # French name → ISO 3166-1 alpha-3


@cache
def load_entity_resources() -> EntityResources:
    """Country names from CLDR (Babel) with ISO alpha-3 codes from pycountry."""
    countries: dict[str, str] = {}
    for alpha2, name in Locale("fr").territories.items():
        country = pycountry.countries.get(alpha_2=alpha2) if len(alpha2) == 2 else None
        if country is not None:
            countries[name] = country.alpha_3
    return EntityResources(countries=countries)


def _strip_article(text: str, start: int) -> tuple[str, int]:
    lowered = text.lower()
    for article in _ARTICLES:
        if lowered.startswith(article) and len(text) > len(article):
            return text[len(article) :], start + len(article)
    return text, start


def _sentence_of(sentences: Sequence[Sentence], offset: int) -> int:
    for sentence in sentences:
        if sentence.start <= offset < sentence.end:
            return sentence.sent_id
    return sentences[-1].sent_id if sentences else 0


def extract_entities(
    doc: Doc, *, doc_id: str, text: str, sentences: Sequence[Sentence], resources: EntityResources
) -> list[Entity]:
    """Entity records of a parsed Doc; offsets and texts refer to ``text`` (the file's text)."""
    entities = []
    for ent in doc.ents:
        surface, start = _strip_article(text[ent.start_char : ent.end_char], ent.start_char)
        end = start + len(surface)
        if ent.label_ == "PER":
            label, entity_id = "PERSON", surface
        elif ent.label_ == "LOC" and surface in resources.countries:
            label, entity_id = "COUNTRY", resources.countries[surface]
        elif ent.label_ == "ORG":
            label, entity_id = "ORG", surface
        else:
            continue
        entities.append(
            Entity(
                doc_id=doc_id,
                sent_id=_sentence_of(sentences, start),
                start=start,
                end=end,
                text=text[start:end],
                label=label,
                entity_id=entity_id,
            )
        )
    return entities
