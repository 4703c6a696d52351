"""Pass 4: who said each quote. Speaker mentions resolved to full names, organisations and groups.

A :class:`SpeakerResolver` is built once per document and does not change afterwards: it knows the
document's people (PERSON mentions, the configured target speakers, NATO's Secretaries General), the
titles the document gives them («le secrétaire d'État américain, Antony Blinken»), the offices in the
roles table (who was «le président américain» or «l'ancien Premier ministre norvégien» when), and the
organisations it names. :func:`resolve_speakers` reads the candidates in text order and carries a
:class:`Salience` state explicitly from one to the next: the subjects named so far and the speakers
found so far, which pronouns («a-t-il déclaré», «elle a ajouté») and quotes without a cue lean on.

The speaker of a frame is its subject, the agent of «selon / d'après / pour», or the label of a turn,
never a person who is only an object, a complement or the topic of the frame. A pronoun stands for the
compatible person named before it, else the one named after it (a headline's «il»); a title for the
person the document gives it, else the holder of the office the document names; a quote without a cue
continues the current speaker of its paragraph, else the speaker who comes next.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..names import APOSTROPHES, JOINT, fold, fold_chars, particles, strip_article
from ..schema import UNKNOWN_SPEAKER, Entity
from ..tokens import tokens_with
from .cues import cue_of, subject_of
from .layout import Layout, sentence_of
from .records import CONTEXT, Candidate, Cue
from .resources import QuoteResources, Role, word_class
from .turns import Turn, label_parts

PERSONAL_PRONOUNS = {
    "il": "m",
    "elle": "f",
    "ils": "m",
    "elles": "f",
    "-il": "m",
    "-elle": "f",
    "-ils": "m",
    "-elles": "f",
    "lui": "m",
}
#: A capitalised name with its particles («Conseil de l’UE», «Conseil de l'Atlantique Nord»).
PROPER_NAME = r"[A-ZÀ-Ý][\w-]*(?:(?:\s+(?:de|du|des|la)\s+|\s+(?:de\s+)?[ld]['’]\s*|\s+)[A-ZÀ-Ý][\w-]*)*"
#: One to four capitalised words, not all in capitals: a name written after a title («le président Erdoğan»).
_NAME_WORDS = r"(?!(?:[A-Z]+\s*)+$)[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+){0,3}"
_APOSTROPHES = APOSTROPHES


def clean_text(text: str) -> str:
    """A mention's text with typographic apostrophes and spaces folded."""
    return re.sub(r"\s+", " ", text.translate(_APOSTROPHES)).strip(" ,;:")


@dataclass(frozen=True)
class Resolution:
    """A resolved speaker: the id written in the ``speaker`` column, and what it rests on."""

    speaker: str
    #: person, org, group; unknown, unnamed (a subject naming nobody), first (the author's own frame);
    #: document (a text with no author named: «le texte»), people (a numbered group: «les deux dirigeants»)
    kind: str
    gender: str = "-"
    mention_start: int | None = None
    mention_end: int | None = None
    #: how many people a numbered group («les trois interlocuteurs») stands for
    count: int = 0

    @property
    def known(self) -> bool:
        return self.speaker != UNKNOWN_SPEAKER


UNKNOWN = Resolution(UNKNOWN_SPEAKER, "unknown")


@dataclass
class SpeakerResolver:
    """Resolve speaker mentions of one document."""

    doc: Doc
    text: str
    entities: Sequence[Entity]
    date: dt.date | None
    resources: QuoteResources
    target_speakers: Sequence[str]
    #: how much of ``date`` is known: day, month or year
    date_precision: str = "day"
    _names: list[str] = field(default_factory=list)
    _titled: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, title, person)
    #: :meth:`person` of each name asked (it depends only on the name and the document's people)
    _persons: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Offsets into the folded text must be offsets into the text: fold character by character.
        self._folded = fold_chars(self.text)
        self._nato_sg: tuple[Resolution | None] | None = None  # computed once, on first use
        folded = _folded_words(self.resources)
        self.document_nouns = self._document_nouns = folded.document_nouns
        self._generic_heads = folded.generic_heads
        self._group_nouns = folded.group_nouns
        self._title_modifiers = folded.title_modifiers
        self._people_nouns = folded.people_nouns
        self._title_keys = folded.titles
        self._title_patterns = folded.title_patterns
        self._offices = folded.offices
        people = [e for e in self.entities if e.label == "PERSON"]
        names = [self._bare_name(e.text) for e in people] + [self._bare_name(e.entity_id) for e in people]
        self._names = [n for n in names if n and any(c.isalpha() for c in n)]
        self._learn_titles(people)

    # --- names ----------------------------------------------------------------------------------

    def strip_honorific(self, name: str) -> str:
        """``name`` without a leading honorific («M.», «Mme», «Monsieur»)."""
        words = name.split()
        while words and (words[0] in self.resources.honorifics or words[0].rstrip(".") + "." in ("M.", "MM.")):
            words = words[1:]
        return " ".join(words)

    def honorific_gender(self, start: int) -> str:
        """Gender marked by an honorific written just before offset ``start``."""
        before = self.text[max(0, start - 14) : start].rstrip()
        for honorific, gender in self.resources.honorifics.items():
            if before.endswith(honorific) and (
                len(before) == len(honorific) or not before[-len(honorific) - 1].isalpha()
            ):
                return gender
        return "-"

    def _bare_name(self, mention: str) -> str:
        """A person mention without honorific or function («M. le président Truman» → «Truman»)."""
        words = self.strip_honorific(clean_text(mention)).split()
        # «président Truman», «secrétaire général Stoltenberg»: a function written inside the mention.
        while len(words) > 1 and words[0].islower() and words[0] not in particles():
            words = words[1:]
        return " ".join(words)

    def named(self, entity: Entity) -> str:
        """The canonical name of a PERSON mention: its entity id when that is a fuller form of the mention."""
        from_text = self.person(entity.text)
        from_id = self.person(entity.entity_id) if entity.entity_id else from_text
        if fold(from_id.split()[-1]) == fold(from_text.split()[-1]) and len(from_id) > len(from_text):
            return from_id
        return from_text

    def person(self, name: str) -> str:
        """The canonical full name for a person mention («M. Stoltenberg», «STOLTENBERG» → «Jens Stoltenberg»)."""
        if name not in self._persons:
            self._persons[name] = self._person(name)
        return self._persons[name]

    def _person(self, name: str) -> str:
        name = self._bare_name(name)
        words = name.split()
        if not words:
            return UNKNOWN_SPEAKER
        key = [fold(w) for w in words]
        fixed = list(self.target_speakers) + [h.name for h in self.resources.secretaries_general]
        for candidates in (fixed, self._names):
            best = None
            for candidate in candidates:
                ckey = [fold(w) for w in candidate.split()]
                matches = ckey[-len(key) :] == key or _contains(ckey, key)
                if matches and (best is None or len(candidate) > len(best)):
                    best = candidate
            if best is not None and (len(best.split()) > len(words) or candidates is fixed):
                return best if candidates is fixed else self._title_case(best)
            if best is not None:
                break
        # A misspelt surname («M. Sibiha» for «Andriy Sybiha»).
        surname = key[-1]
        if len(surname) >= 5:
            for candidate in sorted(self._names, key=len, reverse=True):
                last = fold(candidate.split()[-1])
                if len(candidate.split()) > len(words) and difflib.SequenceMatcher(None, surname, last).ratio() >= 0.8:
                    return self._title_case(candidate)
        return self._title_case(name)

    @staticmethod
    def _title_case(name: str) -> str:
        """A name with its words in capitals written as a name («Vadym OMELCHENKO» → «Vadym Omelchenko»)."""
        return " ".join(
            "-".join(p.capitalize() for p in w.split("-")) if w.isupper() and len(w) > 3 else w for w in name.split()
        )

    def known_surname(self, word: str) -> bool:
        """Whether ``word`` is the surname of a person of the document, a target speaker or a Secretary General."""
        key = fold(word)
        names = [*self._names, *self.target_speakers, *(h.name for h in self.resources.secretaries_general)]
        return any(fold(name.split()[-1]) == key for name in names if name.split())

    def surname_in_text(self, name: str) -> bool:
        """Whether the surname of ``name`` appears anywhere in the document."""
        return fold(name.split()[-1]) in self._folded

    # --- titles ---------------------------------------------------------------------------------

    def _learn_titles(self, people: Sequence[Entity]) -> None:
        """Record which person each title of the document belongs to («le secrétaire d'État, Antony Blinken»)."""
        lowered = self._folded
        taken: set[int] = set()
        for title, key, pattern in self._title_patterns:  # longest first: «secrétaire général» before «secrétaire»
            for match in _whole_words(pattern, key, lowered):
                if match.start() in taken:
                    continue
                taken.add(match.start())
                for person in people:
                    # The distances first: a gap is sliced only when it is short enough to count.
                    if 0 <= person.start - match.end() <= 60 and _title_gap(self.text[match.end() : person.start]):
                        self._titled.append((match.start(), title, self.named(person)))
                        break
                    gap_end = match.start()
                    if 0 <= gap_end - person.end <= 6 and re.fullmatch(
                        r",\s*(l[ea]\s+|l')?", self.text[person.end : gap_end]
                    ):
                        self._titled.append((match.start(), title, self.named(person)))
                        break
        self._titled.sort()

    def match_title(self, phrase: str) -> str | None:
        """The longest title ``phrase`` starts with (after an article and modifiers: «le nouveau»), lower-cased."""
        words = fold(strip_article(phrase))
        modifiers = self._title_modifiers
        while words.split(" ", 1)[0] in modifiers and " " in words:
            words = words.split(" ", 1)[1]
        for title, key in self._title_keys:
            if words == key or words.startswith(key + " ") or words.startswith(key + ","):
                return title
        return None

    def without_modifiers(self, phrase: str) -> str:
        """``phrase`` without the modifiers before its title («nouveau secrétaire général» → «secrétaire général»)."""
        words = phrase.split(" ")
        while len(words) > 1 and fold(words[0]) in self._title_modifiers:
            words = words[1:]
        return " ".join(words)

    def title_holder(self, title: str, phrase: str, at: int, *, former: bool = False) -> Resolution:
        """Who ``title`` (as written in ``phrase``, at offset ``at``) refers to in this document.

        ``former`` («l'ancien secrétaire général»): not the office's holder at the document's date.
        """
        spec = self.resources.titles[title]
        if spec.role is not None and spec.role.startswith("="):
            # «le chef de l'État» stands for whoever the document calls «le président».
            alias = spec.role[1:]
            return self.title_holder(alias, alias, at) if alias in self.resources.titles else UNKNOWN
        qualifier = fold(phrase)[len(title) :]
        other_org = bool(re.search(r"\b(de l'|du |de la |des )", qualifier)) and not any(
            w in qualifier for w in word_class("nato_word")
        )
        if spec.role == "nato_sg" and not other_org and not former:
            holder = self.nato_secretary_general()
            if holder is not None:
                return holder
        learned = [(offset, person) for offset, t, person in self._titled if t == title]
        before = [person for offset, person in learned if offset <= at]
        person = before[-1] if before else (learned[0][1] if learned else None)
        if person is None:
            return UNKNOWN
        return Resolution(person, "person", spec.gender)

    def nato_secretary_general(self) -> Resolution | None:
        """NATO's Secretary General for this document: the one it names whose term fits its date, else by date."""
        if self._nato_sg is None:
            self._nato_sg = (self._find_nato_secretary_general(),)
        return self._nato_sg[0]

    def _find_nato_secretary_general(self) -> Resolution | None:
        holders = self.resources.secretaries_general
        lowered = self._folded
        named = sorted(
            (h for h in holders if self.surname_in_text(h.name)), key=lambda h: lowered.index(fold(h.name.split()[-1]))
        )
        chosen = None
        if self.date is not None:
            on_date = self.resources.secretary_general_on(self.date)
            fitting = [h for h in named if h.start.year <= self.date.year <= (h.end.year if h.end else self.date.year)]
            # A date known only to the year may fall on either side of a change of office: the one named first.
            exact = self.date_precision != "year"
            chosen = on_date if (on_date in named and exact) or not fitting else fitting[0]
        elif named:
            chosen = named[0]
        if chosen is None:
            return None
        return Resolution(self._target_name(chosen.name), "person", chosen.gender)

    def _target_name(self, name: str) -> str:
        for target in self.target_speakers:
            if fold(target.split()[-1]) == fold(name.split()[-1]):
                return target
        return name

    # --- organisations and groups ---------------------------------------------------------------

    def organisation(self, entity: Entity) -> str:
        """Speaker id of an ORG or COUNTRY mention."""
        if entity.label == "COUNTRY":
            return entity.entity_id
        name = clean_text(entity.entity_id or entity.text)
        if fold(name) in self._generic_heads - {"alliance"}:
            return self.generic_org(name, entity.start) or name
        if fold(name) in ("alliance", "alliance atlantique", "alliance transatlantique", "nato"):
            return "OTAN"
        return name

    def generic_org(self, head: str, at: int) -> str | None:
        """The organisation named earlier that a generic head («le Conseil») stands for."""
        head = fold(head)
        if head == "alliance":
            return "OTAN"
        orgs = [e for e in self.entities if e.label == "ORG" and fold(e.text).startswith(head)]
        orgs = [e for e in orgs if fold(clean_text(e.text)) != head]
        before = [e for e in orgs if e.start < at]
        # «Le Conseil salue …» in a headline: the council the text names next.
        chosen = before[-1] if before else next((e for e in orgs if e.start > at), None)
        return self.organisation(chosen) if chosen is not None else None

    # --- subjects -------------------------------------------------------------------------------

    def subject(self, token: Token) -> Resolution:
        """Resolve a (non-pronoun) subject token of a cue: its whole phrase is looked at."""
        for entity in self.entities:
            inside = entity.start <= token.idx < entity.end and entity.label in ("PERSON", "ORG", "COUNTRY")
            if inside and (token.idx > entity.start or token.idx + len(token.text) < entity.end):
                return self.entity(entity)  # the parse split a name («Emmanuel» nsubj, «Macron» advmod)
        lower = token.text.lower().translate(_APOSTROPHES)
        if lower in ("qui", "lequel", "laquelle") and token.head.head is not token.head:
            antecedent = token.head.head
            return self.phrase(antecedent.left_edge.idx, _phrase_end(antecedent), antecedent)
        left = token.left_edge.idx
        return self.phrase(left, _phrase_end(token), token)

    def phrase(self, start: int, end: int, head: Token | None = None, *, last_person: bool = False) -> Resolution:
        """Resolve the noun phrase ``text[start:end]`` (its head token, if known, helps)."""
        while start < end and self.text[start].isspace():
            start += 1
        inside = [e for e in self.entities if e.start >= start and e.end <= end]
        people = [e for e in inside if e.label == "PERSON" and self.person(e.text) != UNKNOWN_SPEAKER]
        people = [e for e in people if self.match_title(clean_text(e.text)) is None or " " in self.person(e.text)]
        phrase = self.text[start:end]
        stripped = _strip_determiner(phrase)
        first_word = fold(stripped.split()[0]) if stripped.split() else ""
        if first_word in self._document_nouns:
            at = start + len(phrase) - len(stripped)
            match = re.search(r"\b(?:du|de la|de l['’]|des|de)\s*(" + PROPER_NAME + ")", phrase[at - start :])
            if match:
                owner = match.group(1).strip()
                m_start = at + match.start(1)
                m_end = m_start + len(owner)
                for entity in inside:
                    if entity.start == m_start and entity.end == m_end:
                        return self.entity(entity)
                return Resolution(clean_text(owner), "org", "-", m_start, m_end)
            agent = re.search(r"\bpar\s+(?=\S)", phrase[at - start :])
            if agent:
                # «une déclaration approuvée par les chefs d'État …»: whoever approved or issued the text.
                return self.phrase(at + agent.end(), end)
            return Resolution(UNKNOWN_SPEAKER, "document", "-", start, end)
        if len(people) > 1 and self.joint(people) is not None:
            return self.joint(people)  # type: ignore[return-value]
        if people and head is not None and head.pos_ == "NOUN":
            # «Tous les ministres réunis sous la présidence de X»: a person in a complement is not the head.
            people = [e for e in people if e.start <= head.idx < e.end or not self._complement(e, head)]
        if people:
            if head is not None:
                around = [e for e in people if e.start <= head.idx < e.end] or [
                    e for e in people if e.start >= head.idx
                ]
                chosen = around[0] if around else people[-1]
            else:
                chosen = people[-1] if last_person else people[0]
            return Resolution(self.named(chosen), "person", self._gender(chosen, phrase), chosen.start, chosen.end)
        honoured = re.match(r"(\S+)\s+(" + _NAME_WORDS + ")", stripped)
        if honoured and honoured.group(1) in self.resources.honorifics:
            # «M. Scholz» that the model did not tag as a person.
            name = self.person(honoured.group(2))
            return Resolution(name, "person", self.resources.honorifics[honoured.group(1)], start, end)
        title = self.match_title(_strip_determiner(phrase))
        if title is not None:
            after = self.without_modifiers(_strip_determiner(phrase))
            offset = start + len(phrase) - len(after)
            # «le secrétaire général Stoltenberg», «le premier ministre Trudeau»: a surname not tagged.
            rest = after[len(title) :].strip(" ,")
            if rest and rest[:1].isupper() and not rest.upper().startswith(("DE ", "D'")):
                written = rest.split(",")[0].strip()
                name = self.person(written)
                known = any(
                    fold(name.split()[-1]) == fold(n.split()[-1]) for n in self._names + list(self.target_speakers)
                )
                if name != UNKNOWN_SPEAKER and (known or re.fullmatch(_NAME_WORDS, written)):
                    return Resolution(name, "person", self.resources.titles[title].gender, start, end)
            former = bool(re.search(r"\b(ancien|ancienne|ex)\b", fold(phrase)))
            holder = self.title_holder(title, after, offset, former=former)
            if not holder.known:
                holder = self.office_holder(title, start, end)
            if holder.known:
                return Resolution(holder.speaker, holder.kind, holder.gender, start, end)
            return holder
        demonym = [e for e in inside if e.label == "NATIONALITY" and e.text[:1].isupper()]
        if demonym and fold(stripped) == fold(demonym[0].text):
            # «Le Néerlandais y a réaffirmé …»: the one person of that nationality the document names.
            compatriot = self.compatriot(demonym[0].entity_id)
            if compatriot.known:
                return Resolution(compatriot.speaker, "person", compatriot.gender, start, end)
        capital = self.resources.capitals.get(fold(stripped))
        if capital is not None:
            return Resolution(capital, "org", "-", start, end)  # «par Moscou»: the Russian government
        orgs = [e for e in inside if e.label in ("ORG", "COUNTRY")]
        stripped = _strip_determiner(phrase)
        if orgs and (stripped.startswith(orgs[0].text) or orgs[0].start - start <= 4):
            return self.entity(orgs[0])
        words = stripped.split()
        if words and fold(words[0]) in self._generic_heads:
            org = self.generic_org(words[0], start)
            if org is not None:
                return Resolution(org, "org", "-", start, end)
        # A group speaks when its noun stands for people or bodies («les Alliés», «les deux délégations»,
        # «les Ukrainiens»); «les premières constatations» or «les chiffres» are no speakers.
        demonyms = any(e.label == "NATIONALITY" and e.text[:1].isupper() for e in inside)
        if words and (any(fold(w) in self._group_nouns | self._people_nouns for w in words[:3]) or demonyms):
            group = _group_text(phrase)
            number = _NUMBERS.get(fold(words[0]), 0) if len(words) > 1 else 0
            if group and number >= 2 and fold(words[1]) in self._people_nouns:
                # «les trois interlocuteurs», «les deux dirigeants»: the people just named (see resolve_speakers).
                return Resolution(group, "people", "-", start, end, count=number)
            if group:
                return Resolution(group, "group", "-", start, end)
        return UNKNOWN

    def _complement(self, person: Entity, head: Token) -> bool:
        """Whether a PERSON mention hangs on ``head`` through a preposition («la présidence de X»)."""
        span = self.doc.char_span(person.start, person.end, alignment_mode="expand")
        if span is None:
            return False
        token = span.root
        for _ in range(6):
            if token.i == head.i or token.head is token:
                return False
            if any(c.dep_ == "case" for c in token.children) or token.dep_ in ("obl", "obl:mod", "obl:arg"):
                return True
            token = token.head
        return False

    def joint(self, people: Sequence[Entity]) -> Resolution | None:
        """Several people coordinated by «et» speak together: their names joined by « et », in text order."""
        if len(people) < 2:
            return None
        ordered = sorted(people, key=lambda e: e.start)
        links = [self.text[left.end : right.start] for left, right in itertools.pairwise(ordered)]
        for between in links:
            if not re.fullmatch(r"\s*(?:,|et)\s+(?:(?:M\.|Mme|le|la)\s+[\w ]{0,40}?)?", between):
                return None
        if not re.match(r"\s*et\s", links[-1]):
            return None  # «le premier ministre, M. al-Abadi, M. Stoltenberg»: an apposition, not a list
        names: list[str] = []
        for person in ordered:
            name = self.named(person)
            if name not in names:
                names.append(name)
        if len(names) < 2:
            return None
        return Resolution(JOINT.join(names), "group", "-", ordered[0].start, ordered[-1].end)

    # --- offices --------------------------------------------------------------------------------

    def office_holder(self, title: str, start: int, end: int) -> Resolution:
        """The person the document names who held the office ``title`` («le président américain»).

        The country (or organisation) of the office is the nationality, country or organisation written
        in the phrase ``text[start:end]``; «ancien» looks at every past holder, else the holder on the
        document's date is preferred. Only a holder the document names is returned.
        """
        spec = self.resources.titles.get(title)
        if spec is not None and spec.role is not None and spec.role.startswith("="):
            title = spec.role[1:]
        key = _office_key(title)
        phrase = fold(self.text[start:end])
        inside = [e for e in self.entities if e.start >= start and e.end <= end and e.label != "PERSON"]
        places = {e.entity_id for e in inside}
        former = bool(re.search(r"\b(ancien|ancienne|ex)\b", phrase))
        holders = [r for r in self._offices.get(key, ()) if not places or r.country in places]
        if not places and len({r.country for r in holders}) > 1 and not self._named_holders(holders):
            return UNKNOWN
        if self.date is not None and not former:
            current = [r for r in holders if self._in_office(r, self.date)]
            holders = current + [r for r in holders if r not in current]
        named = self._named_holders(holders)
        if not named or (len({name for name, _ in named}) > 1 and (self.date is None or former)):
            return UNKNOWN
        name, gender = named[0]
        return Resolution(name, "person", gender)

    def _in_office(self, role: Role, date: dt.date) -> bool:
        """Whether ``role`` was held on ``date`` (in its year, when only the year is known)."""
        if self.date_precision == "year":
            return role.start.year <= date.year and (role.end is None or date.year <= role.end.year)
        return role.start <= date and (role.end is None or date < role.end)

    def _named_holders(self, holders: Sequence[Role]) -> list[tuple[str, str]]:
        """(name as the document writes it, gender) of the holders whose surname the document names as a person."""
        found = []
        for role in holders:
            surname = fold(role.person.split()[-1])
            for name in self._names:
                if name.split() and fold(name.split()[-1]) == surname:
                    found.append((self.person(name), role.gender))
                    break
        return found

    def compatriot(self, country: str) -> Resolution:
        """The one person of nationality ``country`` the document names (by the roles tables), if exactly one."""
        people: dict[str, str] = {}
        for role in self.resources.roles:
            if role.country == country:
                for name, gender in self._named_holders([role]):
                    people[name] = gender
        for holder in self.resources.secretaries_general:
            if holder.country == country and self.surname_in_text(holder.name):
                for name in self._names:
                    if fold(name.split()[-1]) == fold(holder.name.split()[-1]):
                        people[self.person(name)] = holder.gender
        if len(people) != 1:
            return UNKNOWN
        name, gender = next(iter(people.items()))
        return Resolution(name, "person", gender)

    def entity(self, entity: Entity) -> Resolution:
        """The speaker a PERSON, ORG or COUNTRY mention stands for."""
        if entity.label == "PERSON":
            return Resolution(
                self.named(entity), "person", self.honorific_gender(entity.start), entity.start, entity.end
            )
        return Resolution(self.organisation(entity), "org", "-", entity.start, entity.end)

    def _gender(self, person: Entity, phrase: str) -> str:
        gender = self.honorific_gender(person.start)
        if gender != "-":
            return gender
        title = self.match_title(_strip_determiner(phrase))
        if title is not None:
            return self.resources.titles[title].gender
        for holder in self.resources.secretaries_general:
            if holder.name == self.named(person):
                return holder.gender
        return "-"


_NUMBERS = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "2": 2, "3": 3, "4": 4, "5": 5}


@dataclass(frozen=True)
class _FoldedWords:
    """The word lists a resolver compares folded (:func:`~pipeline.names.fold`)."""

    document_nouns: frozenset[str]
    generic_heads: frozenset[str]
    group_nouns: frozenset[str]
    title_modifiers: frozenset[str]
    people_nouns: frozenset[str]
    #: (title, folded title) in the order of ``QuoteResources.titles`` (longest first)
    titles: tuple[tuple[str, str], ...]
    #: (title, folded title, the folded title as a whole word) in the same order
    title_patterns: tuple[tuple[str, str, re.Pattern[str]], ...]
    #: office (:func:`_office_key` of a title) → its roles, in the order of ``QuoteResources.roles``
    offices: Mapping[str, tuple[Role, ...]]


@functools.lru_cache(maxsize=4)
def _folded_words(resources: QuoteResources) -> _FoldedWords:
    """The word lists of ``resources`` folded, once for all the documents."""

    def folded(words: Iterable[str]) -> frozenset[str]:
        return frozenset(fold(w) for w in words)

    roles: dict[str, list[Role]] = {}
    for role in resources.roles:
        roles.setdefault(_office_key(role.title), []).append(role)
    offices = {office: tuple(held) for office, held in roles.items()}

    return _FoldedWords(
        document_nouns=folded(resources.words("document_noun")),
        generic_heads=folded(resources.words("generic_org_head")),
        group_nouns=folded(resources.group_nouns),
        title_modifiers=folded(resources.words("title_modifier")),
        people_nouns=folded(resources.words("people_noun")),
        titles=tuple((title, fold(title)) for title in resources.titles),
        title_patterns=tuple(
            (title, fold(title), re.compile(r"\b" + re.escape(fold(title)) + r"\b")) for title in resources.titles
        ),
        offices=offices,
    )


def _whole_words(pattern: re.Pattern[str], key: str, text: str) -> Iterator[re.Match[str]]:
    r"""The matches of ``pattern`` (``\bkey\b``) in ``text``, as ``pattern.finditer`` gives them, tried only where
    ``key`` is (a pattern that starts with ``\b`` is tried at every offset of the text)."""
    start = text.find(key)
    while start >= 0:
        match = pattern.match(text, start)
        if match is not None:
            yield match
        start = text.find(key, match.end() if match is not None else start + 1)


def _office_key(title: str) -> str:
    """A title folded to compare offices across genders («première ministre» ~ «premier ministre»)."""
    words = fold(title).replace("'", " ").split()
    return " ".join(w[:-1] if w.endswith("e") and len(w) > 3 else w for w in words)


def _contains(words: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(words[i : i + n] == part for i in range(len(words) - n + 1))


def _title_gap(gap: str) -> bool:
    """Whether ``gap`` may stand between a title and the name it introduces («de l'OTAN, M. »)."""
    if "." in gap.replace("M.", "").replace("Mme", "") or ";" in gap:
        return False
    words = re.findall(r"[\w'’-]+", gap)
    return len(words) <= 7 and not re.search(r"\b(a|ont|est|et|qui|que)\b", gap)


def _strip_determiner(phrase: str) -> str:
    return strip_article(phrase).strip(" ,")


def _phrase_end(token: Token) -> int:
    """End offset of the noun phrase headed by ``token``: its subtree, cut before a relative or participle clause."""
    end = token.idx + len(token.text)
    for child in token.subtree:
        if child.i < token.i:
            continue
        if (
            child.dep_ in ("acl:relcl",)
            or (child.pos_ == "VERB" and list(child.children))
            or child.text in (";", "(", "«")
        ):
            break
        end = max(end, child.idx + len(child.text))
    return int(end)


def _group_text(phrase: str) -> str:
    """A group speaker as written, its first letter lower-cased («Les Alliés» → «les Alliés»)."""
    text = clean_text(phrase)
    text = re.split(r",|\s(?:qui|réunis|présents)\s", text)[0].strip()
    return text[:1].lower() + text[1:] if text else text


# --- salience: the state carried from one quote to the next -------------------------------------


@dataclass(frozen=True)
class Salience:
    """Who is salient at each point of a document: named subjects, and the speakers found so far.

    ``events`` are ``(offset, Resolution)`` in text order. The subjects are known from the parse before the
    quotes are read; each resolved quote adds its speaker (:meth:`with_speaker`) and the new state is handed
    to the next quote. Nothing here changes in place.
    """

    events: tuple[tuple[int, Resolution], ...] = ()
    #: offsets of the quote speakers among the events (the rest are subjects)
    speakers: frozenset[int] = frozenset()
    #: who issued the text quoted last through a document noun («indique un communiqué approuvé par X»)
    document: Resolution | None = None

    def with_speaker(self, offset: int, resolution: Resolution, *, document: bool = False) -> Salience:
        if not resolution.known or resolution.kind not in ("person", "org", "group"):
            return self
        events = list(self.events)
        bisect.insort(events, (offset, resolution), key=lambda event: event[0])
        return Salience(tuple(events), self.speakers | {offset}, resolution if document else self.document)

    def before(self, at: int) -> list[tuple[int, Resolution]]:
        return [event for event in self.events if event[0] < at]

    def after(self, at: int) -> list[tuple[int, Resolution]]:
        return [event for event in self.events if event[0] > at]


_NOMINAL_SUBJECT = frozenset(["nsubj", "nsubj:pass"])


def subject_events(
    doc: Doc, layout: Layout, resolver: SpeakerResolver, reported: Sequence[tuple[int, int]] = ()
) -> Salience:
    """The named subjects of a document (people and organisations), as a Salience.

    Subjects inside quotations, turns or ``reported`` contents are left out: the people a speaker talks
    about are not the narrative's actors («Le président turc s'est engagé …, précise un communiqué»).
    """
    events = []
    for token in tokens_with(doc, "DEP", _NOMINAL_SUBJECT):
        if token.pos_ == "PRON":
            continue
        if layout.in_marks(token.idx) or layout.in_turn(token.idx):
            continue
        if any(start <= token.idx < end for start, end in reported):
            continue
        resolution = resolver.subject(token)
        if resolution.kind in ("person", "org") and resolution.known:
            gender = resolution.gender
            if resolution.kind == "org" and gender == "-":
                gender = {"Masc": "m", "Fem": "f"}.get((token.morph.get("Gender") or ["-"])[0], "-")
            events.append((int(token.idx), Resolution(resolution.speaker, resolution.kind, gender)))
    return Salience(tuple(events))


# --- pass 4 -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attributed:
    """A bounded candidate and its resolved speaker."""

    candidate: Candidate
    speaker: Resolution


#: Frames whose source must be a person («Pour la première fois, …», «Bruxelles : …» name nobody).
_PERSON_FRAMES = frozenset({"pour", ""})
#: «Comme l'a dit», «qui a déclaré»: words before a verb group that mean its subject follows it.
#: Where the subject written after an incise verb ends («a déclaré M. X lors de …», «…, avant d'ajouter»).
_SUBJECT_END = re.compile(
    r"[.;:«»“”(]|,(?!\s*(?:M\.|Mme|[A-ZÀ-Ý]))"
    r"|\s(?:lors|avant|après|dans|devant|pendant|depuis|au cours|sur|en se)\b"
)


def resolve_speakers(
    doc: Doc, layout: Layout, candidates: Sequence[Candidate], resolver: SpeakerResolver
) -> list[Attributed]:
    """Pass 4: the speaker of every bounded candidate, read in text order with the salience state passed along.

    Candidates whose frame turns out to be the document's own («J'ai souligné que», «Il faut dire que») or
    whose required source names nobody («Pour la première fois, …») are left out.
    """
    attribution = Attribution(doc, layout, resolver, _label_speakers(layout, resolver))
    reported = [(c.start, c.end) for c in candidates if c.kind == "indirect"]
    state = subject_events(doc, layout, resolver, reported)
    found: list[Attributed] = []
    pending: list[int] = []
    previous: Attributed | None = None
    for candidate in sorted(candidates, key=lambda c: (c.start, c.end)):
        speaker = attribution.speaker(candidate, state, previous)
        if speaker is None or speaker.kind == "first":
            continue
        at = candidate.cue_offsets[0] if candidate.cue_offsets else candidate.start
        if speaker.kind == "pending":
            pending.append(len(found))
            speaker = UNKNOWN
        elif not (candidate.source is not None and candidate.source.role == "interviewer"):
            # (the questions of an interview are no narrative: its quotations are the interviewee's)
            state = state.with_speaker(at, speaker, document=attribution.through_document(candidate))
        found.append(Attributed(candidate, speaker))
        previous = found[-1]
    # A quote with no cue and nobody before it (a headline's quotation) is the next speaker's, else the
    # person the text goes on about.
    for index in pending:
        later = [a.speaker for a in found[index + 1 :] if a.speaker.known and a.candidate.kind != "turn"]
        later += [r for _, r in state.after(found[index].candidate.end) if r.kind == "person"]
        if later:
            found[index] = Attributed(found[index].candidate, later[0])
    return found


class Attribution:
    """Resolves the :class:`Source` of one candidate; holds only what does not change along the document."""

    def __init__(
        self, doc: Doc, layout: Layout, resolver: SpeakerResolver, labels: dict[tuple[int, str], Resolution]
    ) -> None:
        self.doc = doc
        self.layout = layout
        self.text = layout.text
        self.resolver = resolver
        self.labels = labels

    def speaker(self, candidate: Candidate, state: Salience, previous: Attributed | None) -> Resolution | None:
        source = candidate.source or CONTEXT
        if source.how == "label":
            return self.labels.get((candidate.start, source.role or "label"), UNKNOWN)
        if source.how == "context":
            return self.continuation(candidate, state, previous)
        if source.how == "phrase" and source.start is not None and source.end is not None:
            if _first_person_possessive(self.text[source.start : source.end]):
                return None  # «D'après nos informations, …»: the author's own frame
            speaker = self.phrase(source.start, source.end, state)
            cue_word = ""
            if candidate.cue_span is not None:
                cue_word = self.text[candidate.cue_span[0] : candidate.cue_span[1]].lower()
            if candidate.trigger in ("according", "headline") and cue_word in _PERSON_FRAMES:
                return speaker if speaker.kind == "person" else None
            if candidate.trigger == "relative" and not speaker.known:
                return None
        elif candidate.cue is not None:
            speaker = self.cue_speaker(candidate.cue, source.inverted, state, previous)
        else:
            speaker = UNKNOWN
        if speaker.kind == "people":
            speaker = self.participants(speaker, candidate.start, state)
        if speaker.kind == "document":
            # «précise le texte», «poursuit la déclaration»: the text quoted last, whoever issued it.
            return state.document or Resolution(UNKNOWN_SPEAKER, "unnamed")

        near = previous is not None and (
            self.layout.paragraph_of(previous.candidate.start) >= self.layout.paragraph_of(candidate.start) - 1
        )
        subjectless = source.how != "phrase"  # «Selon des sources diplomatiques»: named, if vaguely
        if speaker.kind == "unknown" and subjectless and previous is not None and previous.speaker.known and near:
            return previous.speaker  # no subject at all («Il est noté que …»): the speaker of the quote before
        return speaker

    def through_document(self, candidate: Candidate) -> bool:
        """Whether the quote's speaker is given as a text («indique le communiqué», «selon la déclaration»)."""
        nouns = self.resolver.document_nouns
        cue = candidate.cue
        source = candidate.source
        if source is not None and source.how == "phrase" and source.start is not None:
            words = _strip_determiner(self.text[source.start : source.end or source.start]).split()
        elif cue is not None and source is not None and source.inverted:
            words = _strip_determiner(self.text[cue.end : cue.end + 40]).split()
        elif cue is not None:
            subject = subject_of(cue.verb)
            words = [subject.text] if subject is not None else []
        else:
            words = []
        return bool(words) and fold(words[0]) in nouns

    def participants(self, group: Resolution, at: int, state: Salience) -> Resolution:
        """«les trois interlocuteurs»: the last people named (or speaking) before ``at``, jointly, in text order."""
        first: dict[str, int] = {}
        latest: dict[str, int] = {}
        mentions = [(o, r.speaker) for o, r in state.before(at) if r.kind == "person"]
        mentions += [
            (e.start, self.resolver.named(e)) for e in self.resolver.entities if e.label == "PERSON" and e.end <= at
        ]
        for offset, name in sorted(mentions):
            first.setdefault(name, offset)
            latest[name] = offset
        chosen = sorted(latest, key=lambda name: latest[name])[-group.count :]
        if len(chosen) < group.count:
            return Resolution(group.speaker, "group", "-", group.mention_start, group.mention_end)
        names = sorted(chosen, key=lambda name: first[name])
        return Resolution(JOINT.join(names), "group", "-", group.mention_start, group.mention_end)

    # --- context --------------------------------------------------------------------------------

    def continuation(self, candidate: Candidate, state: Salience, previous: Attributed | None) -> Resolution:
        """A quote with no cue of its own: the speaker of the quote, or the person named as subject, just before.

        Whichever is more recent wins («« A », a déclaré X. Y a pris la parole. « B »» gives B to Y), within
        the quote's paragraph or the one before; a quote alone in its paragraph, signed on the next line, is
        the signer's; with nobody before, the speaker who comes next (``pending``).
        """
        byline = self.byline(candidate)
        if byline is not None:
            return byline
        index = self.layout.paragraph_of(candidate.start)
        people = [(o, r) for o, r in state.before(candidate.start) if r.kind == "person" or o in state.speakers]
        salient_at, salient = people[-1] if people else (0, UNKNOWN)
        previous_known = previous is not None and previous.speaker.known
        more_recent = not previous_known or previous is None or salient_at >= previous.candidate.start
        if salient.known and self.layout.paragraph_of(salient_at) >= index - 1 and more_recent:
            return salient
        if previous is not None and previous_known and self.layout.paragraph_of(previous.candidate.start) >= index - 1:
            return previous.speaker
        if previous is not None or salient.known:
            return UNKNOWN  # the last speaker is paragraphs away: the context names nobody
        return Resolution(UNKNOWN_SPEAKER, "pending")

    def byline(self, candidate: Candidate) -> Resolution | None:
        """A quote alone in its paragraph, signed on the next line by a bare name («Emmanuel Macron»)."""
        marks = candidate.marks
        if marks is None:
            return None
        index = self.layout.paragraph_of(marks.open_at)
        paragraph = self.layout.paragraphs[index]
        if self.text[paragraph[0] : marks.open_at].strip() or index + 1 >= len(self.layout.paragraphs):
            return None
        nxt = self.layout.paragraphs[index + 1]
        line = self.text[nxt[0] : nxt[1]].strip()
        people = [e for e in self.resolver.entities if e.label == "PERSON" and nxt[0] <= e.start < nxt[1]]
        if people and len(line) <= len(people[0].text) + 4:
            return Resolution(self.resolver.named(people[0]), "person")
        return None

    # --- pronouns -------------------------------------------------------------------------------

    def pronoun(self, pronoun: str, at: int, state: Salience) -> Resolution:
        """The person (or body) a third-person pronoun at ``at`` stands for.

        By agreement and recency: a person subject or speaker of the paragraph, else a body (organisation,
        country) of the paragraph, else the last person before; with nobody before, the first person named
        after as a subject or speaker (a headline's «il»), else the first person named after at all.
        """
        key = pronoun.lower().translate(_APOSTROPHES)
        gender = PERSONAL_PRONOUNS.get(key, "-")
        plural = key.lstrip("-") in ("ils", "elles", "eux")
        paragraph = self.layout.paragraph_of(at)

        def fits(resolution: Resolution) -> bool:
            if plural:
                return resolution.kind in ("group", "org")
            return resolution.kind != "group" and (gender == "-" or resolution.gender in ("-", gender))

        before = [(o, r) for o, r in state.before(at) if fits(r)]
        recent = [(o, r) for o, r in before if self.layout.paragraph_of(o) >= paragraph - 1]
        for kinds in (("person",), ("org", "group")):
            for _, resolution in reversed(recent):
                if resolution.kind in kinds:
                    return resolution
        for _, resolution in reversed(before):
            if resolution.kind == "person" or plural:
                return resolution
        people_before = [e for e in self.resolver.entities if e.label == "PERSON" and e.end <= at]
        for person in reversed(people_before):
            person_gender = self.resolver.honorific_gender(person.start)
            if gender == "-" or person_gender in ("-", gender):
                return Resolution(self.resolver.named(person), "person", person_gender, person.start, person.end)
        for _, resolution in state.after(at):
            if fits(resolution) and resolution.kind == "person":
                return resolution
        for person in self.resolver.entities:
            if person.label == "PERSON" and person.start > at:
                return self.resolver.entity(person)
        return UNKNOWN

    # --- cue subjects ---------------------------------------------------------------------------

    def cue_speaker(self, cue: Cue, inverted: bool, state: Salience, previous: Attributed | None) -> Resolution:
        """Who speaks through ``cue``: its subject, resolved."""
        verb = cue.verb
        if inverted:
            return self.inverted_speaker(cue, state)
        form = verb.morph.get("VerbForm")
        own_subject = any(c.dep_ in ("nsubj", "nsubj:pass") for c in verb.children)
        if (form == ["Inf"] or (form == ["Part"] and verb.morph.get("Tense") == ["Pres"])) and not own_subject:
            # «…, rappelant que …», «avant d'ajouter : « … »», «en qualifiant»: the subject of the main clause.
            sentence = sentence_of(verb)
            root = sentence.root
            if root.i != verb.i and root.pos_ in ("VERB", "AUX") and not self.layout.in_marks(root.idx):
                subject = self.left_subject(cue_of(root, root.lemma_), state)
                if subject.known or subject.kind in ("first", "unnamed"):
                    return subject  # «Le président américain a ouvert …, qualifiant …»: even if never named
            if previous is not None and previous.speaker.known:
                return previous.speaker
        passive_agent = self.passive_agent(verb, state)
        if passive_agent is not None:
            return passive_agent
        return self.left_subject(cue, state)

    def passive_agent(self, verb: Token, state: Salience) -> Resolution | None:
        """«il est qualifié de « … » par Moscou»: the agent of a passive cue speaks."""
        if not any(c.dep_ == "aux:pass" for c in verb.children):
            return None
        for child in verb.children:
            if child.dep_.startswith("obl") and any(c.lower_ == "par" for c in child.children):
                start = min(t.idx for t in child.subtree if t.dep_ not in ("case", "punct"))
                return self.phrase(start, _phrase_end(child), state, head=child)
        return UNKNOWN

    def left_subject(self, cue: Cue, state: Salience) -> Resolution:
        """The subject written before a verb group («M. Stoltenberg a souligné», «Il a ajouté»)."""
        text = self.text
        sentence = sentence_of(cue.verb)
        before = [t for t in sentence if t.idx < cue.start]
        if before:
            last = before[-1]
            lower = last.text.lower().replace("’", "'")
            if lower in word_class("first_person"):
                return Resolution("FIRST_PERSON", "first")
            if lower in ("il", "elle", "ils", "elles"):
                if lower == "il" and re.match(r"(est|était|a été)\b", text[cue.start : cue.end]):
                    return UNKNOWN  # impersonal «il est noté que»
                return self.pronoun(lower, last.idx, state)
            if lower == "qui" and len(before) > 1:
                return self.antecedent(last.idx, sentence, state)
            if lower in word_class("inverting_word"):
                # «Comme l'a dit le président Kennedy, « … »»: the subject follows the verb.
                inverted = self.inverted_speaker(cue, state)
                if inverted.known:
                    return inverted
        gap_start = cue.start
        while gap_start > 0 and text[gap_start - 1] in " ,\u00a0":
            gap_start -= 1
        for entity in self.resolver.entities:
            if entity.label == "PERSON" and entity.end == gap_start and not self._in_complement(entity):
                return self.coordinated(entity) or self.resolver.entity(entity)
        subject = subject_of(cue.verb)
        if (
            subject is not None
            and sentence_of(subject) == sentence
            and not self.layout.in_marks(subject.idx)
            and (subject.i < cue.verb.i or subject.pos_ in ("NOUN", "PROPN"))  # «comme l'a dit le président X»
        ):
            resolution = self.resolve_subject(subject, state)
            if resolution.known or resolution.kind == "first":
                return resolution
        return self.np_left(cue.start, sentence, state)

    def _in_complement(self, person: Entity) -> bool:
        """Whether a PERSON mention is a prepositional complement («sous la présidence de X»), not a subject."""
        span = self.layout.span(person.start, person.end)
        if span is None:
            return False
        token = span.root
        return any(c.dep_ == "case" for c in token.children) or token.dep_.startswith(("obl", "nmod"))

    def coordinated(self, last: Entity) -> Resolution | None:
        """«M. Stoltenberg et M. Blinken ont souligné»: people coordinated before a cue speak jointly."""
        people = [last]
        for entity in reversed(self.resolver.entities):
            if entity.label != "PERSON" or entity.end > people[0].start:
                continue
            between = self.text[entity.end : people[0].start]
            if re.fullmatch(r"\s*(?:,|et)\s+(?:(?:M\.|Mme|le|la)\s+[\w ]{0,40}?)?", between):
                people.insert(0, entity)
            elif entity.end <= people[0].start:
                break
        return self.resolver.joint(people)

    def antecedent(self, qui: int, sentence: Span, state: Salience) -> Resolution:
        """What a relative «qui» stands for: the name just before it («du Traité de Washington, qui stipule»)."""
        end = qui
        while end > sentence.start_char and self.text[end - 1] in " ,":
            end -= 1
        for entity in self.resolver.entities:
            if entity.end == end:
                return self.resolver.entity(entity)
        before = self.text[sentence.start_char : end]
        match = re.search(r"((?:[A-ZÉ][\w'’-]*)(?:\s+(?:de|d['’]|du|des|la|l['’])?\s*[A-ZÉ][\w'’-]*)*)$", before)
        if match and len(match.group(1)) > 2:
            return Resolution(clean_text(match.group(1)), "org", "-", sentence.start_char + match.start(1), end)
        return self.np_left(end, sentence, state)

    def np_left(self, end: int, sentence: Span, state: Salience) -> Resolution:
        """Resolve the noun phrase that ends at ``end`` (appositions included)."""
        tokens = [t for t in sentence if t.idx < end]
        start = end
        for token in reversed(tokens):
            lower = token.lower_
            if token.pos_ in ("VERB", "AUX", "SCONJ") or lower in _NP_STOPS:
                break
            if token.text == ",":
                after = self.text[token.idx + 1 : start].strip()
                if not any(
                    e.label == "PERSON" and e.start >= token.idx and e.end <= end for e in self.resolver.entities
                ) and not re.match(r"(M\.|Mme)\s", after):
                    break
            start = token.idx
        if start >= end:
            return UNKNOWN
        span = self.layout.span(start, end)
        head = span.root if span is not None and len(span) else None
        if head is not None and head.pos_ == "PRON":
            return self.resolve_subject(head, state)
        noun = head if head is not None and head.pos_ == "NOUN" else None  # a common noun heads the phrase
        return self.unnamed(self.resolver.phrase(start, end, noun, last_person=True), start, end)

    def inverted_speaker(self, cue: Cue, state: Salience) -> Resolution:
        """The subject written after an incise («a déclaré M. Stoltenberg», «a-t-il ajouté»)."""
        doc, text = self.doc, self.text
        for token in doc[max(0, cue.verb.i - 3) : cue.verb.i + 3]:
            if token.lower_ in ("-il", "-elle", "-ils", "-elles") and cue.start <= token.idx <= cue.end:
                return self.pronoun(token.text[1:], token.idx, state)
        sentence = sentence_of(cue.verb)
        start = cue.end
        rest = _mask_abbreviations(text[start : sentence.end_char])
        days = re.match(
            r"(?:\s*(?:"
            + "|".join(sorted(re.escape(w) for w in self.resolver.resources.words("time_word")))
            + r")\b)+",
            rest,
            flags=re.IGNORECASE,
        )
        if days:
            start += days.end()
            rest = _mask_abbreviations(text[start : sentence.end_char])
        skip = re.match(r"\s*(?:à|aux|au)\s+(?:la |les |le |l['’])?[\w-]+\s*", rest)
        if skip and not re.match(r"\s*(?:à|aux|au)\s+(?:la |les |le |l['’])?[\w-]+\s*(?:de |d['’]|du )", rest):
            start += skip.end()
            rest = _mask_abbreviations(text[start : sentence.end_char])
        cut = _SUBJECT_END.search(rest)
        end = start + (cut.start() if cut else len(rest))
        while end > start and text[end - 1] in " ,":
            end -= 1
        if end <= start:
            return UNKNOWN
        words = text[start:end].split()
        if words and words[0].lower() in ("-il", "-elle"):
            return self.pronoun(words[0][1:], start, state)
        return self.unnamed(self.phrase(start, end, state), start, end)

    def unnamed(self, resolution: Resolution, start: int, end: int) -> Resolution:
        """An explicit subject that names nobody known («un diplomate») stays UNKNOWN: no fallback to others."""
        if resolution.known or resolution.kind in ("first", "document", "people"):
            return resolution
        span = self.layout.span(start, end)
        if span is not None and any(t.pos_ in ("NOUN", "PROPN") for t in span):
            return Resolution(UNKNOWN_SPEAKER, "unnamed", "-", start, end)
        return resolution

    def resolve_subject(self, subject: Token, state: Salience) -> Resolution:
        lower = subject.text.lower().replace("’", "'")
        if lower in word_class("first_person"):
            return Resolution("FIRST_PERSON", "first")
        if lower in ("il", "on") and subject.dep_ == "expl:subj" and not subject.text.startswith("-"):
            return UNKNOWN  # impersonal «il est noté que»
        if lower.lstrip("-") in PERSONAL_PRONOUNS:
            return self.pronoun(lower, subject.idx, state)
        return self.resolver.subject(subject)

    def phrase(self, start: int, end: int, state: Salience, *, head: Token | None = None) -> Resolution:
        """Resolve an explicit source phrase («selon lui», «du secrétaire général», «Sophie Wilmès»)."""
        phrase = self.text[start:end]
        lead = re.match(r"\s*(du|de la|de l['’]|des|de|d['’])\s*", phrase)
        if lead:
            offset = start + lead.end()
            rest = re.split(r"\s(?:depuis|à|en|sur|au|lors|après|pour)\s|\s*[,:(]", self.text[offset:end])[0]
            resolution = self.resolver.phrase(offset, offset + len(rest))
            if resolution.known:
                return resolution
            title = self.resolver.match_title(rest)
            if title is not None:
                holder = self.resolver.title_holder(title, self.resolver.without_modifiers(rest), offset)
                return holder if holder.known else self.resolver.office_holder(title, offset, offset + len(rest))
            return UNKNOWN
        span = self.layout.span(start, end)
        root = head or (span.root if span is not None else None)
        words = phrase.split()
        if len(words) == 1 and words[0].lower() in _POSSESSIVES:
            return self.pronoun(_POSSESSIVES[words[0].lower()], start, state)  # «Sa réponse : « … »»
        if root is not None and (root.pos_ == "PRON" or (len(words) == 1 and words[0].lower() in PERSONAL_PRONOUNS)):
            word = words[0] if len(words) == 1 else root.text
            if word.lower() in word_class("first_person"):
                return Resolution("FIRST_PERSON", "first")
            return self.pronoun(word, start, state)
        return self.resolver.phrase(start, end, root)


#: Possessive determiners of the third person, as the pronoun they stand for («sa réponse»: his or hers).
_POSSESSIVES = {"son": "on", "sa": "on", "ses": "on", "leur": "ils", "leurs": "ils"}


def _first_person_possessive(phrase: str) -> bool:
    """«nos informations», «notre correspondant»: the author's own source."""
    words = phrase.strip().lower().split()
    return bool(words) and words[0] in ("nos", "notre", "mes", "ma", "mon")


_NP_STOPS = frozenset({".", ";", ":", "«", "»", "“", "”", "que", "qu'", "qu’", "(", ")"})


def _mask_abbreviations(text: str) -> str:
    """``text`` with the periods of «M.», «Mme.», «Dr.» masked (same length), so they do not end a phrase."""
    return re.sub(r"\b(M|MM|Dr|Pr|Mme|Me|St|J|[A-Z])\.", lambda m: m.group(1) + "_", text)


# --- transcript labels ------------------------------------------------------------------------------


def _label_speakers(layout: Layout, resolver: SpeakerResolver) -> dict[tuple[int, str], Resolution]:
    """The speaker of every turn, by (turn start, role).

    A label names a person («M. Gabriel Attal, Premier ministre.», «Vadym OMELCHENKO. -»), a title's
    holder («Le Secrétaire général :»), nobody («Q -», «Journaliste :»), the interviewee («R -») or an
    outlet: the outlet's journalist named in another label («James Franey, euronews:» then «euronews :»),
    else in an interview the outlet itself («LE FIGARO. -»), and at a press conference an unnamed
    journalist. An unlabelled question of an interview is the interviewer's: the speaker of the labelled
    questions. An unlabelled dash answer is the interviewee's.
    """
    turns = layout.turns
    first = layout.paragraphs[0] if layout.paragraphs else (0, 0)
    journalists: dict[str, Resolution] = {}
    for turn in turns:
        name, rest = label_parts(turn.label)
        if rest is not None:
            person = _label_person(name, resolver)
            if person.known and not resolver.match_title(rest.lower()):
                journalists[fold(rest)] = person
    parties = {fold(label_parts(t.label)[0]) for t in turns if t.label}
    by_label: dict[str, Resolution] = {}
    for turn in turns:
        if turn.label and turn.label not in by_label:
            by_label[turn.label] = _turn_label_speaker(turn, resolver, first, journalists, interview=len(parties) <= 2)
    questions = [by_label[t.label] for t in turns if t.label and layout.text[t.start : t.end].rstrip().endswith("?")]
    interviewer = max(questions, key=questions.count) if questions else _credited_interviewer(layout, resolver)
    interviewee = _interviewee(layout, resolver)
    speakers = {}
    for turn in turns:
        if turn.role == "interviewer":
            speakers[(turn.start, turn.role)] = interviewer
        elif turn.role == "interviewee":
            speakers[(turn.start, turn.role)] = interviewee
        else:
            speakers[(turn.start, turn.role)] = by_label[turn.label]
    return speakers


def _intro(layout: Layout) -> tuple[int, int]:
    """The paragraphs before an interview's first turn (at most three): where it names its parties."""
    first_turn = min((t.label_start for t in layout.turns), default=len(layout.text))
    paragraphs = [p for p in layout.paragraphs[:3] if p[0] < first_turn] or list(layout.paragraphs[:1])
    return (paragraphs[0][0], paragraphs[-1][1]) if paragraphs else (0, 0)


def _interviewee(layout: Layout, resolver: SpeakerResolver) -> Resolution:
    """The person an interview is with: the first person its introduction names, or the holder of the
    first title it gives («Dans un entretien, le secrétaire général de l'Otan revient sur …»)."""
    start, end = _intro(layout)
    people = [e for e in resolver.entities if e.label == "PERSON" and start <= e.start < end]
    if people:
        return Resolution(resolver.named(people[0]), "person")
    intro = layout.text[start:end]
    for match in re.finditer(r"\b(?:le|la|l['’])\s*([\w'’ -]{3,80})", intro, flags=re.IGNORECASE):
        title = resolver.match_title(match.group(1))
        if title is not None:
            phrase = resolver.without_modifiers(match.group(1))
            holder = resolver.title_holder(title, phrase.lower(), start + match.start())
            if holder.known:
                return holder
    return UNKNOWN


def _credited_interviewer(layout: Layout, resolver: SpeakerResolver) -> Resolution:
    """Who asked the questions of an unlabelled interview: «Propos recueillis par X», else the outlet it
    was given to («un entretien accordé au Parisien»), else UNKNOWN."""
    for start, end in layout.paragraphs:
        if re.match(r"\s*propos recueillis par\b", layout.text[start:end], flags=re.IGNORECASE):
            people = [e for e in resolver.entities if e.label == "PERSON" and start <= e.start < end]
            if people:
                return Resolution(resolver.named(people[0]), "person")
    start, end = _intro(layout)
    for match in re.finditer(r"\baccordée?s?\s+(?:à|au|aux)\s+", layout.text[start:end]):
        at = start + match.end()
        outlets = [e for e in resolver.entities if e.label == "ORG" and at <= e.start <= at + 4]
        if outlets:
            return Resolution(resolver.organisation(outlets[0]), "org")
    return UNKNOWN


def _label_person(name: str, resolver: SpeakerResolver) -> Resolution:
    words = re.sub(r"\s+", " ", name).split()
    honorifics = {fold(h.strip(".")) for h in resolver.resources.honorifics}
    while words and fold(words[0].strip(".")) in honorifics:
        words = words[1:]
    if len(words) >= 2 and not resolver.match_title(" ".join(words).lower()):
        return Resolution(resolver.person(" ".join(words)), "person")
    return UNKNOWN


def _turn_label_speaker(
    turn: Turn,
    resolver: SpeakerResolver,
    first_paragraph: tuple[int, int],
    journalists: dict[str, Resolution],
    *,
    interview: bool,
) -> Resolution:
    """Who speaks in a labelled turn: the person its label names, the holder of its title, an outlet, or UNKNOWN."""
    resources = resolver.resources
    who, _ = label_parts(turn.label)
    kind = resources.turn_labels.get(who.lower())
    if kind == "UNKNOWN":
        return UNKNOWN
    if kind == "INTERVIEWEE":
        start, end = first_paragraph
        people = [e for e in resolver.entities if e.label == "PERSON" and start <= e.start < end]
        return Resolution(resolver.named(people[0]), "person") if people else UNKNOWN
    if fold(who) in journalists:
        return journalists[fold(who)]
    _, rest = label_parts(turn.label)
    if rest is not None and resolver.match_title(who.lower()) is not None and re.fullmatch(r"[A-ZÀ-Ý][\w'’ .-]+", rest):
        return Resolution(resolver.person(rest), "person")  # «Secrétaire général de l'OTAN, Mark Rutte :»
    words = re.sub(r"\s+", " ", who).split()
    honorifics = {fold(h.strip(".")) for h in resources.honorifics}
    honoured = False
    while words and fold(words[0].strip(".")) in honorifics:
        words = words[1:]
        honoured = True
    phrase = " ".join(words)
    title = resolver.match_title(phrase.lower())
    if title is not None:
        bare = resolver.without_modifiers(strip_article(phrase))
        name = bare[len(title) :].strip(" ,")
        if name and not re.match(r"(de|du|des|d['’])\b", name, flags=re.IGNORECASE):
            # «SECRÉTAIRE GÉNÉRAL STOLTENBERG», «MONSIEUR LE SECRÉTAIRE POMPEO»
            return Resolution(resolver.person(name), "person")
        holder = resolver.title_holder(title, bare.lower(), turn.label_start)
        if not holder.known:
            holder = resolver.office_holder(title, turn.label_start, turn.label_start + len(turn.label))
        return holder
    if not words:
        return UNKNOWN
    if re.fullmatch(r"[A-ZÀ-Ý]{1,3}\.?", phrase):
        return UNKNOWN  # «PB :»: initials of somebody the text does not name
    if not honoured and not resolver.known_surname(words[-1]) and _outlet(phrase, turn, resolver):
        # «Euronews :», «LE FIGARO. -»: in an interview the outlet asks; at a press conference, a journalist.
        return Resolution(_outlet_name(phrase), "org") if interview else UNKNOWN
    if len(words) == 1 and not honoured and not resolver.known_surname(words[0]):
        return UNKNOWN
    return Resolution(resolver.person(phrase), "person")


def _outlet(phrase: str, turn: Turn, resolver: SpeakerResolver) -> bool:
    """Whether a label names an organisation (a news outlet) rather than a person."""
    start = turn.label_start
    inside = [e for e in resolver.entities if start <= e.start < start + len(turn.label)]
    if any(e.label == "PERSON" for e in inside):
        return False
    if any(e.label == "ORG" and fold(e.text) == fold(phrase) for e in inside):
        return True
    words = phrase.split()
    return len(words) == 1 or (words[0].lower() in ("le", "la", "les", "l'") and len(words) <= 3)


def _outlet_name(phrase: str) -> str:
    """An outlet's name as a speaker id: «LE FIGARO» → «Le Figaro», «euronews» → «Euronews»."""
    words = phrase.split()
    if phrase.isupper() or phrase.islower():
        return " ".join(w.capitalize() for w in words)
    return phrase
