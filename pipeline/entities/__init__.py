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

from spacy.tokens import Doc, Span

from ..countries import BLOCKED, country_names
from ..errors import ResourceError
from ..lexicon import FOLDER, read_pairs, read_words
from ..names import fold_key, fold_typography, particles, title_rows
from ..nlp import model_text
from ..schema import Entity, Sentence
from ..tokens import tokens_with
from .mentions import ARTICLES, Gazetteer, Mention, choose, token_span
from .nationalities import nationality_forms
from .organisations import OrganisationRules, english_names, model_organisations, organisation_names
from .people import PeopleRules, find_people, person_ids

__all__ = ["EntityResources", "extract_entities", "load_entity_resources"]


@dataclass(frozen=True)
class EntityResources:
    """Gazetteers and word lists used to find, label and identify entities."""

    gazetteer: Gazetteer
    nationalities: Gazetteer
    organisations: OrganisationRules
    people: PeopleRules
    platforms: frozenset[str] = frozenset()  # organisation ids of online platforms
    platform_contexts: frozenset[str] = frozenset()  # words that make a platform a medium: «sur», «compte»
    descriptors: frozenset[str] = frozenset()  # nouns before an organisation's name: «compagnie», «boutique»
    equipment: Gazetteer | None = None  # names of weapon systems and equipment, never entities


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
    for number, alias, entity_id in read_pairs("entities/organisations.tsv", "alias", "entity_id", fold=True):
        if alias in names and names[alias][0] == "COUNTRY":
            raise ResourceError(f"{FOLDER}/entities/organisations.tsv:{number}: {alias!r} is also a country name")
        names[alias] = ("ORG", entity_id)
        aliases[alias] = entity_id
    honorifics = frozenset(w.lower() for w in read_words("entities/honorifics.tsv", fold=True))
    before_names = (fold_typography(title).lower() for title, _, _, use in title_rows() if use != "speaker")
    titles = frozenset(before_names) | honorifics
    wikidata: dict[str, str] = {}
    for number, entity_id, qid in read_pairs("entities/organisation_wikidata.tsv", "entity_id", "wikidata", fold=True):
        if entity_id not in aliases.values() or not re.fullmatch(r"Q[1-9][0-9]*", qid):
            raise ResourceError(
                f"{FOLDER}/entities/organisation_wikidata.tsv:{number}: expected an id of organisations.tsv and a QID,"
                f" got {entity_id!r} {qid!r}"
            )
        wikidata[entity_id] = qid
    complements = frozenset(read_words("entities/title_complements.tsv", fold=True))
    non_entities = frozenset(fold_key(w) for w in read_words("entities/non_entities.tsv", fold=True))
    events = read_words("entities/event_heads.tsv", fold=True)
    things = frozenset(read_words("entities/equipment_nouns.tsv", fold=True))
    organisations = OrganisationRules(
        aliases=aliases,
        heads=frozenset(read_words("entities/organisation_heads.tsv", fold=True)),
        event_heads=frozenset(events) | frozenset(w.casefold() for w in events),
        titles=titles,
        title_complements=complements,
        non_entities=non_entities,
        thing_nouns=things,
        wikidata=wikidata,
        english_heads=frozenset(read_words("entities/english_organisation_heads.tsv", fold=True)),
        unit_nouns=frozenset(read_words("entities/unit_nouns.tsv", fold=True)),
    )
    known_rows = read_pairs("entities/known_people.tsv", "surname", "full_name", fold=True)
    known = {surname: full for _, surname, full in known_rows}
    people = PeopleRules(
        titles=titles,
        title_complements=complements,
        non_entities=non_entities,
        known_people=known,
        thing_nouns=things | frozenset(w.casefold() for w in events),
        honorifics=honorifics,
        demonyms=frozenset(nationality_forms()),
        place_nouns=frozenset(read_words("entities/place_nouns.tsv", fold=True)),
    )
    for number, surname, full in known_rows:
        if fold_key(full).split()[-1] != fold_key(surname):
            raise ResourceError(f"{FOLDER}/entities/known_people.tsv:{number}: {full!r} does not end with {surname!r}")
    gazetteer = Gazetteer.build(names, read_words("entities/country_city_homonyms.tsv", fold=True))
    nationalities = Gazetteer.build({form: ("NATIONALITY", code) for form, code in nationality_forms().items()}, ())
    platforms = frozenset(read_words("entities/platforms.tsv", fold=True))
    for name in platforms - set(aliases.values()):
        raise ResourceError(f"{FOLDER}/entities/platforms.tsv: {name!r} is not an id of organisations.tsv")
    equipment = read_words("entities/equipment_names.tsv", fold=True)
    return EntityResources(
        gazetteer=gazetteer,
        nationalities=nationalities,
        organisations=organisations,
        people=people,
        platforms=platforms,
        platform_contexts=frozenset(read_words("entities/platform_contexts.tsv", fold=True)),
        descriptors=frozenset(read_words("entities/organisation_descriptors.tsv", fold=True)),
        equipment=Gazetteer.build({name: ("EQUIPMENT", name) for name in equipment}, ()),
    )


def _inside_person(doc: Doc, mention: Mention, person_spans: Sequence[tuple[int, int]]) -> bool:
    """Whether a country name is part of a person's name the model read as one: «François Hollande», «Anatole
    France», «Dominique de Villepin».

    The country name opens or closes the model's span and the rest of the span is a name: capitalised words,
    perhaps with particles.
    """
    if mention.label != "COUNTRY":
        return False
    for start, end in person_spans:
        if start <= mention.start and mention.end <= end and (start, end) != (mention.start, mention.end):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) > 4:
                return False
            rest = [t for t in span if t.idx < mention.start or t.idx >= mention.end]
            if rest and rest[-1].idx < mention.start and not rest[-1].text[:1].isupper():
                return False  # «Barea de Madagascar»: a team of a country, not «Anatole France»
            return (
                bool(rest)
                and all(t.text[:1].isupper() or t.lower_ in particles() for t in rest)
                and any(t.text[:1].isupper() and t.is_alpha and not t.is_upper for t in rest)
            )
    return False


def _inside_model_organisation(
    mention: Mention, organisations: Sequence[Span], names: Sequence[Mention], person_names: frozenset[str]
) -> bool:
    """Whether a known name is part of a longer organisation name the model read as one, a name of its own
    rather than the known one with a complement: «Air France», «France Info», «AS Monaco», «Agence
    France-Presse», «Alliance Écologiste Indépendante» (not the Alliance).

    The rest of the model's span is capitalised words or numbers; it holds no other known name, no verb and no
    conjunction.

    ``organisations``: the model's ORG spans.
    """
    for ent in organisations:
        if not (ent.start_char <= mention.start and mention.end <= ent.end_char):
            continue
        span = ent
        while len(span) and (span[0].lower_ in ARTICLES):
            span = span[1:]
        if not len(span) or not (span.start_char <= mention.start and mention.end <= span.end_char):
            return False  # «Le Figaro»: the model's span without its article is no longer than the name
        if (span.start_char, span.end_char) == (mention.start, mention.end):
            return False
        if sum(1 for m in names if span.start_char <= m.start and m.end <= span.end_char) > 1:
            return False  # «OTAN-Géorgie»: two names side by side
        if "\n" in span.text:
            return False
        rest = [t for t in span if t.idx + len(t) <= mention.start or t.idx >= mention.end]
        if any(name in span.text for name in person_names):
            return False  # «l'Otan Mark Rutte»: a title's complement and a name run together
        return all(
            (t.text[:1].isupper() and (t.is_alpha or "-" in t.text)) or t.like_num or t.text in ("+", "-", "\u2013")
            for t in rest
        )
    return False


def _platform_as_medium(
    text: str, mention: Mention, resources: EntityResources, platforms: Sequence[Mention] = ()
) -> bool:
    """Whether an online platform is named as the medium of a message: «sur Twitter», «son compte Facebook»,
    or in a list of platforms («Facebook, Twitter, LinkedIn»: links to share a page).
    """
    if mention.label != "ORG" or mention.entity_id not in resources.platforms:
        return False
    for other in platforms:
        if other is not mention and re.fullmatch(r"\W{1,4}", _between(text, mention, other)):
            return True
    before = re.search(r"(\w+)\W{0,2}$", text[max(0, mention.start - 20) : mention.start])
    return before is not None and before.group(1).lower() in resources.platform_contexts


def _between(text: str, a: Mention, b: Mention) -> str:
    """The text between two mentions, whichever comes first."""
    return text[a.end : b.start] if a.end <= b.start else text[b.end : a.start]


#: A short form in brackets: capitals, digits and a few lower-case letters («AMISOM», «FFTri», «Gjs»).
_SHORT_FORM = r"[A-Z][A-Za-z0-9&]{1,11}"
_AFTER_NAME = re.compile(r"\s*\(\s*(" + _SHORT_FORM + r")\s*\)")
_BEFORE_NAME = re.compile(r"(?<![\w-])(" + _SHORT_FORM + r")\s*\(\s*$")
_CLOSING_BRACKET = re.compile(r"\s*\)")


def _is_short_form(word: str) -> bool:
    """A word that reads as an abbreviation: two capitals or more, or a short word without vowels («Gjs»)."""
    capitals = sum(ch.isupper() for ch in word)
    return capitals >= 2 or (len(word) <= 4 and not any(ch in "aeiouy" for ch in word.lower()))


def _abbreviations(text: str, mentions: list[Mention], rules: OrganisationRules) -> list[Mention]:
    """Mentions with the short forms an organisation is given in brackets made mentions of it, everywhere in
    the document: «la Mission de l'Union africaine en Somalie (AMISOM) … l'AMISOM», «les Gjs (Gilets jaunes)».

    A name of the alias table keeps its id; otherwise the short form becomes the id of the long form and of
    the short one, as ANNOTATION.md wants the usual short form as id.
    """
    known = set(rules.aliases.values())
    short_forms: dict[str, str] = {}  # short form → id
    renamed: dict[str, str] = {}  # id of a long form → id
    for m in mentions:
        if m.label != "ORG":
            continue
        after = _AFTER_NAME.match(text, m.end)
        before = _BEFORE_NAME.search(text[max(0, m.start - 20) : m.start])
        closed = _CLOSING_BRACKET.match(text, m.end) is not None
        for match in (after, before if closed else None):
            if match is None or match.group(1) in short_forms:
                continue
            short = match.group(1)
            if short in rules.aliases:  # «Forces armées révolutionnaires de Colombie (Farc)»: a known short form
                short_forms[short] = rules.aliases[short]
            elif _is_short_form(short):
                short_forms[short] = m.entity_id if m.entity_id in known else short
            else:
                continue
            if m.entity_id not in known:
                renamed[m.entity_id] = short_forms[short]
    if not short_forms:
        return mentions
    result = [
        Mention(m.start, m.end, m.label, renamed.get(m.entity_id, m.entity_id), m.source) if m.label == "ORG" else m
        for m in mentions
        if m.label == "ORG" or text[m.start : m.end] not in short_forms  # «Gjs» read as a person before
    ]
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, short_forms)) + r")(?![\w-])")
    for match in pattern.finditer(text):
        if not any(m.overlaps(match.start(), match.end()) for m in result):
            result.append(Mention(match.start(), match.end(), "ORG", short_forms[match.group(1)], "abbreviation"))
    return sorted(result, key=lambda m: m.start)


def _described_organisations(doc: Doc, mentions: list[Mention], resources: EntityResources) -> list[Mention]:
    """Mentions with the capitalised name right after a noun describing an organisation made an organisation:
    «la compagnie aérienne Flydubai», «la boutique Arnys», «la société Dark Star». A person's name the model
    or the rules found there gives way; a known name is left as it is.
    """
    result = list(mentions)
    for token in tokens_with(doc, "LOWER", resources.descriptors):
        if not token.text.islower():
            continue
        i = token.i + 1
        while i < len(doc) and (
            (doc[i].is_lower and (doc[i].pos_ == "ADJ" or "-" in doc[i].text))
            or (doc[i].text == "-" and not doc[i - 1].whitespace_ and i + 1 < len(doc) and doc[i + 1].is_lower)
            or (doc[i].is_lower and doc[i - 1].text == "-" and not doc[i - 1].whitespace_)
        ):
            i += 1  # «compagnie aérienne low-cost»
        j = i
        while j < len(doc) and doc[j].text[:1].isupper() and (doc[j].is_alpha or "-" in doc[j].text or doc[j].like_num):
            j += 1
        if j == i or doc[i].lower_ in ARTICLES:
            continue
        start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
        overlapping = [m for m in result if m.overlaps(start, end)]
        if any(m.label != "PERSON" or m.start < start or m.end > end for m in overlapping):
            continue  # a known name, or a longer name: left as found
        name = doc.text[start:end]
        result = [m for m in result if m not in overlapping]
        result.append(Mention(start, end, "ORG", resources.organisations.entity_id(name), "organisation-name"))
    return sorted(result, key=lambda m: m.start)


#: Words that count people or things: a name after them names members or items, not the organisation.
_QUANTIFIERS = frozenset(
    "certains plusieurs quelques nombreux dizaine dizaines douzaine quinzaine vingtaine trentaine quarantaine "
    "cinquantaine soixantaine centaine centaines millier milliers".split()
)


def _counted(doc: Doc, mention: Mention) -> bool:
    """Whether an organisation's name is counted: «2 400 Gilets jaunes», «une dizaine de Gilets jaunes», «deux
    Airbus»: its members or its products, not the organisation.
    """
    if mention.label != "ORG":
        return False
    i, _ = token_span(doc, mention.start, mention.end)
    if i == 0 or doc[i].idx != mention.start:
        return False
    before = doc[i - 1]
    if (before.like_num or before.pos_ == "NUM") and before.lower_ not in ("un", "une"):
        return True  # «une OTAN forte» is the organisation
    if before.lower_ in ("de", "d'") and i > 1:
        before = doc[i - 2]
    return before.lower_ in _QUANTIFIERS


#: Words before a country name used as such: «la Hollande», «en Hollande», «aux Pays-Bas».
_COUNTRY_CONTEXT = frozenset(["la", "le", "l'", "les", "en", "au", "aux", "du", "des"])


def _surnames_of_people(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions with a country name that is the surname of a person named in full in the document made that
    person: «François Hollande … M. Hollande a dit», unless an article or «en» shows the country
    («en Hollande»).
    """
    surnames = {
        text[m.start : m.end].split()[-1] for m in mentions if m.label == "PERSON" and " " in text[m.start : m.end]
    }
    if not surnames:
        return mentions
    result = []
    for m in mentions:
        if m.label == "COUNTRY" and text[m.start : m.end] in surnames:
            before = re.search(r"(\S+)\s*$", text[max(0, m.start - 12) : m.start])
            word = before.group(1).lower() if before else ""
            glued = text[m.start - 1 : m.start] == "-" or text[m.end : m.end + 1] == "-"
            if word not in _COUNTRY_CONTEXT and not word.endswith("'") and not glued:
                m = Mention(m.start, m.end, "PERSON", "", "person")
        result.append(m)
    return result


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
    ents = doc.ents  # spaCy builds the tuple on every access
    person_spans = [(ent.start_char, ent.end_char) for ent in ents if ent.label_ == "PER"]
    person_names = frozenset(text[start:end] for start, end in person_spans if " " in text[start:end]) | frozenset(
        resources.people.known_people.values()
    )
    # Weapon systems and equipment («Patriot», «SAMP/T», «F-16») hold no entity and block every reading.
    equipment = resources.equipment.find(text) if resources.equipment is not None else []
    found = [
        m
        for m in resources.gazetteer.find(text)
        if not _other_alliance(text, m) and not any(e.overlaps(m.start, m.end) for e in equipment)
    ]
    # A known name inside a longer name the model read as one belongs to that name.
    model_organisation_spans = [ent for ent in ents if ent.label_ == "ORG"]
    names = [
        m
        for m in found
        if not _inside_person(doc, m, person_spans)
        and not _inside_model_organisation(m, model_organisation_spans, found, person_names)
    ]
    known_spans = {(m.start, m.end) for m in names}
    built = [
        m
        for m in organisation_names(doc, resources.organisations, names) + english_names(doc, resources.organisations)
        if (m.start, m.end) not in known_spans
    ]
    organisations = [m for m in choose(built + names) if not any(e.overlaps(m.start, m.end) for e in equipment)]
    people = find_people(doc, resources.people, organisations + equipment, text)
    organisations += model_organisations(doc, resources.organisations, organisations + people + equipment)
    chosen = _surnames_of_people(text, choose(organisations + people))
    chosen = _described_organisations(doc, chosen, resources)
    platforms = [m for m in chosen if m.label == "ORG" and m.entity_id in resources.platforms]
    chosen = [m for m in chosen if not _platform_as_medium(text, m, resources, platforms) and not _counted(doc, m)]
    chosen = _abbreviations(text, chosen, resources.organisations)
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
                wikidata=resources.organisations.wikidata.get(entity_id) if m.label == "ORG" else None,
            )
        )
    return entities
