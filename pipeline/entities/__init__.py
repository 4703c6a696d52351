"""Doc → Entity records: people, countries and organisations, with clean spans and stable ids.

Countries and well-known organisations come from gazetteers (CLDR and ISO names, alias tables);
organisation names built on a head noun and the model's ORG and PER spans are cleaned of articles,
titles and generic words. Overlaps are settled longest first. Ids: ISO alpha-3 codes for countries,
the alias table's short form for organisations, the fullest name in the document for people.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from ..errors import ResourceError
from ..nlp import model_text
from ..schema import Entity, Sentence
from .countries import BLOCKED, country_names
from .lexicon import FOLDER, fold_key, read_table, read_words
from .mentions import Gazetteer, Mention, choose
from .nationalities import nationality_forms
from .organisations import OrganisationRules, model_organisations, organisation_names
from .people import PeopleRules, find_people, person_ids

__all__ = ["EntityResources", "extract_entities", "load_entity_resources"]


@dataclass(frozen=True)
class EntityResources:
    """Gazetteers and word lists used to find, label and identify entities."""

    gazetteer: Gazetteer
    nationalities: Gazetteer
    organisations: OrganisationRules
    people: PeopleRules


@cache
def load_entity_resources() -> EntityResources:
    """Read and check the entity data files once.

    Raises:
        ResourceError: a data file is malformed, or a name is both a country and an organisation.
    """
    names: dict[str, tuple[str, str]] = {}
    for name, code in country_names().items():
        names[name] = ("BLOCKED", "") if code == BLOCKED else ("COUNTRY", code)
    aliases: dict[str, str] = {}
    for number, alias, entity_id in read_table("organisations.tsv"):
        if alias in names and names[alias][0] == "COUNTRY":
            raise ResourceError(f"{FOLDER}/organisations.tsv:{number}: {alias!r} is also a country name")
        names[alias] = ("ORG", entity_id)
        aliases[alias] = entity_id
    honorifics = frozenset(w.lower() for w in read_words("honorifics.txt"))
    titles = frozenset(w.lower() for w in read_words("titles.txt")) | honorifics
    complements = frozenset(read_words("title_complements.txt"))
    non_entities = frozenset(fold_key(w) for w in read_words("non_entities.txt"))
    events = read_words("event_heads.txt")
    organisations = OrganisationRules(
        aliases=aliases,
        heads=frozenset(read_words("organisation_heads.txt")),
        event_heads=frozenset(events) | frozenset(w.casefold() for w in events),
        titles=titles,
        title_complements=complements,
        non_entities=non_entities,
        thing_nouns=frozenset(read_words("equipment_nouns.txt")),
    )
    known = {surname: full for _, surname, full in read_table("known_people.tsv")}
    people = PeopleRules(
        titles=titles,
        title_complements=complements,
        non_entities=non_entities,
        known_people=known,
        thing_nouns=frozenset(read_words("equipment_nouns.txt")) | frozenset(w.casefold() for w in events),
        honorifics=honorifics,
    )
    for number, surname, full in read_table("known_people.tsv"):
        if fold_key(full).split()[-1] != fold_key(surname):
            raise ResourceError(f"{FOLDER}/known_people.tsv:{number}: {full!r} does not end with {surname!r}")
    gazetteer = Gazetteer.build(names, read_words("country_city_homonyms.txt"))
    nationalities = Gazetteer.build({form: ("NATIONALITY", code) for form, code in nationality_forms().items()}, ())
    return EntityResources(gazetteer=gazetteer, nationalities=nationalities, organisations=organisations, people=people)


def _person_ends(doc: Doc) -> dict[int, int]:
    """End offset of each PER entity of the model, by start offset."""
    return {ent.start_char: ent.end_char for ent in doc.ents if ent.label_ == "PER"}


def _first_name(text: str, mention: Mention, person_ends: dict[int, int]) -> bool:
    """Whether a country name opens a person's name the model found: «Dominique de Villepin», «Maurice Schumann»."""
    if mention.label != "COUNTRY":
        return False
    end = person_ends.get(mention.start)
    if end is None or end <= mention.end:
        return False
    following = text[mention.end : end].split()
    return bool(following) and (following[0][:1].isupper() or following[0] in ("de", "d'"))


_OWNER = re.compile(r"\s+(?:de|des|du|pour)\s+(?:l'|la\s+|les\s+|le\s+)?(?!OTAN\b)[A-ZÀ-Þ]")


def _other_alliance(text: str, mention: Mention) -> bool:
    """Whether a bare «Alliance» names another alliance than NATO: «Alliance du Pacifique»."""
    if text[mention.start : mention.end] != "Alliance":
        return False
    return _OWNER.match(text, mention.end) is not None


def find_mentions(doc: Doc, resources: EntityResources, text: str | None = None) -> list[Mention]:
    """Every entity mention of a parsed Doc, overlaps settled, ids of people still empty.

    ``text`` is ``doc.text``, when the caller has it already (spaCy rebuilds it on every access).
    """
    text = doc.text if text is None else text
    person_ends = _person_ends(doc)
    names = [
        m
        for m in resources.gazetteer.find(text)
        if not _first_name(text, m, person_ends) and not _other_alliance(text, m)
    ]
    built = organisation_names(doc, resources.organisations, names)
    organisations = choose(built + names)
    people = find_people(doc, resources.people, organisations, text)
    organisations += model_organisations(doc, resources.organisations, organisations + people)
    chosen = choose(organisations + people)
    # Nationality words only where no name is: «Parlement japonais» stays one ORG.
    adjectives = [m for m in resources.nationalities.find(text) if not any(m.overlaps(c.start, c.end) for c in chosen)]
    return sorted(chosen + adjectives, key=lambda m: m.start)


def extract_entities(
    doc: Doc, *, doc_id: str, text: str, sentences: Sequence[Sentence], resources: EntityResources
) -> list[Entity]:
    """Entity records of a parsed Doc; offsets and texts refer to ``text`` (the file's text).

    ``doc.text`` must be ``nlp.model_text(text)``: same length, so model offsets are file offsets.
    """
    model = model_text(text)  # the Doc's text, without spaCy rebuilding it
    mentions = find_mentions(doc, resources, model)
    people = person_ids(
        [model[m.start : m.end] for m in mentions if m.label == "PERSON"], resources.people.known_people
    )
    starts = [s.start for s in sentences]
    entities = []
    for m in mentions:
        entity_id = people[model[m.start : m.end]] if m.label == "PERSON" else m.entity_id
        index = bisect.bisect_right(starts, m.start) - 1
        sent_id = sentences[max(index, 0)].sent_id if sentences else 0
        entities.append(
            Entity(
                doc_id=doc_id,
                sent_id=sent_id,
                start=m.start,
                end=m.end,
                text=text[m.start : m.end],
                label=m.label,
                entity_id=entity_id,
            )
        )
    return entities
