"""Who a speaker mention stands for: full names, titles, pronouns, organisations and groups.

A :class:`SpeakerResolver` is built once per document. It knows the document's people (PERSON
mentions, the configured target speakers, NATO's Secretaries General), the titles the document gives
them («le secrétaire d'État américain, Antony Blinken»), and the subjects met so far, which pronouns
(«a-t-il déclaré», «elle a ajouté») refer back to, with gender agreement.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..schema import UNKNOWN_SPEAKER, Entity
from .resources import QuoteResources

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
FIRST_PERSON = frozenset({"je", "j'", "nous", "-je", "-nous", "moi", "on", "-on"})
#: A capitalised name with its particles («Conseil de l’UE», «Conseil de l'Atlantique Nord»).
PROPER_NAME = r"[A-ZÀ-Ý][\w-]*(?:(?:\s+(?:de|du|des|la)\s+|\s+(?:de\s+)?[ld]['’]\s*|\s+)[A-ZÀ-Ý][\w-]*)*"
#: One to four capitalised words, not all in capitals: a name written after a title («le président Erdoğan»).
_NAME_WORDS = r"(?!(?:[A-Z]+\s*)+$)[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+){0,3}"
_PARTICLES = frozenset({"de", "von", "van", "der", "den", "al", "el", "da", "di", "du", "le", "la", "ben", "bin"})
_NATO_WORDS = ("otan", "alliance", "nato")
_APOSTROPHES = str.maketrans({"’": "'", "\u02bc": "'"})


@functools.lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """Case- and accent-insensitive key of a name."""
    decomposed = unicodedata.normalize("NFD", text.translate(_APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class _CharFolds(dict[int, str]):
    """``str.translate`` table folding each character to one character (case, accents, apostrophes)."""

    def __missing__(self, code: int) -> str:
        base = unicodedata.normalize("NFD", chr(code).translate(_APOSTROPHES))[0]
        lower = base.lower()
        self[code] = folded = lower if len(lower) == 1 else base
        return folded


_CHAR_FOLDS = _CharFolds()


def clean_text(text: str) -> str:
    """A mention's text with typographic apostrophes and spaces folded."""
    return re.sub(r"\s+", " ", text.translate(_APOSTROPHES)).strip(" ,;:")


@dataclass(frozen=True)
class Resolution:
    """A resolved speaker: the id written in the ``speaker`` column, and what it rests on."""

    speaker: str
    kind: str  # person, org, group, unknown
    gender: str = "-"
    mention_start: int | None = None
    mention_end: int | None = None

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
    _names: list[str] = field(default_factory=list)
    _titled: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, title, person)
    _salient: list[tuple[int, Resolution]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Offsets into the folded text must be offsets into the text: fold character by character.
        self._folded = self.text.translate(_CHAR_FOLDS)
        self._nato_sg: tuple[Resolution | None] | None = None  # computed once, on first use
        self._document_nouns = {fold(w) for w in self.resources.words("document_noun")}
        self._generic_heads = {fold(w) for w in self.resources.words("generic_org_head")}
        self._group_nouns = {fold(w) for w in self.resources.group_nouns}
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
        while len(words) > 1 and words[0].islower() and words[0] not in _PARTICLES:
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
        if name.isupper() and len(name) > 3:
            return " ".join(w.capitalize() for w in name.split())
        return name

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
        for title in self.resources.titles:  # longest first: «secrétaire général» before «secrétaire»
            key = fold(title)
            if key not in lowered:
                continue
            for match in re.finditer(r"\b" + re.escape(key) + r"\b", lowered):
                if match.start() in taken:
                    continue
                taken.add(match.start())
                for person in people:
                    gap = self.text[match.end() : person.start]
                    if 0 <= len(gap) <= 60 and person.start >= match.end() and _title_gap(gap):
                        self._titled.append((match.start(), title, self.named(person)))
                        break
                    gap = self.text[person.end : match.start()]
                    if 0 <= len(gap) <= 6 and match.start() >= person.end and re.fullmatch(r",\s*(l[ea]\s+|l')?", gap):
                        self._titled.append((match.start(), title, self.named(person)))
                        break
        self._titled.sort()

    def match_title(self, phrase: str) -> str | None:
        """The longest title ``phrase`` starts with (after an article), lower-cased."""
        words = fold(re.sub(r"^(le|la|les|l'|l’)\s*", "", phrase.strip(), flags=re.IGNORECASE))
        for title in self.resources.titles:
            key = fold(title)
            if words == key or words.startswith(key + " ") or words.startswith(key + ","):
                return title
        return None

    def title_holder(self, title: str, phrase: str, at: int) -> Resolution:
        """Who ``title`` (as written in ``phrase``, at offset ``at``) refers to in this document."""
        spec = self.resources.titles[title]
        if spec.role is not None and spec.role.startswith("="):
            # «le chef de l'État» stands for whoever the document calls «le président».
            alias = spec.role[1:]
            return self.title_holder(alias, alias, at) if alias in self.resources.titles else UNKNOWN
        qualifier = fold(phrase)[len(title) :]
        other_org = bool(re.search(r"\b(de l'|du |de la |des )", qualifier)) and not any(
            w in qualifier for w in _NATO_WORDS
        )
        if spec.role == "nato_sg" and not other_org:
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
            # A date known only to the year or month may fall just before a change of office.
            chosen = on_date if on_date in named or not fitting else fitting[0]
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
        orgs = [e for e in self.entities if e.label == "ORG" and e.start < at and fold(e.text).startswith(head)]
        orgs = [e for e in orgs if fold(clean_text(e.text)) != head]
        return clean_text(orgs[-1].text) if orgs else None

    # --- salience and pronouns ------------------------------------------------------------------

    def note(self, offset: int, resolution: Resolution) -> None:
        """Remember that ``resolution`` was the subject (or speaker) at ``offset``."""
        if resolution.known and resolution.kind in ("person", "org"):
            self._salient.append((offset, resolution))
            self._salient.sort(key=lambda item: item[0])

    def pronoun(self, pronoun: str, at: int) -> Resolution:
        """The person (or body) a third-person pronoun at ``at`` refers to, by recency and gender."""
        gender = PERSONAL_PRONOUNS.get(pronoun.lower().translate(_APOSTROPHES), "-")
        for kinds in (("person",), ("person", "org")):
            for offset, resolution in reversed(self._salient):
                if offset >= at or resolution.kind not in kinds:
                    continue
                if gender == "-" or resolution.gender in ("-", gender):
                    return resolution
        # No named subject before: the last person named at all.
        people = [e for e in self.entities if e.label == "PERSON" and e.end <= at]
        for person in reversed(people):
            person_gender = self.honorific_gender(person.start)
            if gender == "-" or person_gender in ("-", gender):
                return Resolution(self.named(person), "person", person_gender, person.start, person.end)
        return UNKNOWN

    def last_salient_offset(self, at: int) -> int:
        """Offset of the most recent salient subject or speaker before ``at`` (0 if none)."""
        offsets = [offset for offset, _ in self._salient if offset < at]
        return offsets[-1] if offsets else 0

    def last_speaker(self, at: int) -> Resolution:
        """The most recent salient speaker before ``at``."""
        for offset, resolution in reversed(self._salient):
            if offset < at:
                return resolution
        return UNKNOWN

    # --- subjects -------------------------------------------------------------------------------

    def subject(self, token: Token) -> Resolution:
        """Resolve the subject token of a cue (its whole phrase is looked at)."""
        lower = token.text.lower().translate(_APOSTROPHES)
        if lower in PERSONAL_PRONOUNS:
            return self.pronoun(lower, token.idx)
        if lower in ("qui", "lequel", "laquelle") and token.head.head is not token.head:
            antecedent = token.head.head
            return self.phrase(antecedent.left_edge.idx, _phrase_end(antecedent), antecedent)
        left = token.left_edge.idx
        return self.phrase(left, _phrase_end(token), token)

    def phrase(self, start: int, end: int, head: Token | None = None, *, last_person: bool = False) -> Resolution:
        """Resolve the noun phrase ``text[start:end]`` (its head token, if known, helps)."""
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
            offset = start + len(phrase) - len(_strip_determiner(phrase))
            after = _strip_determiner(phrase)
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
            holder = self.title_holder(title, after, offset)
            if holder.known:
                return Resolution(holder.speaker, holder.kind, holder.gender, start, end)
            return holder
        orgs = [e for e in inside if e.label in ("ORG", "COUNTRY")]
        stripped = _strip_determiner(phrase)
        if orgs and (stripped.startswith(orgs[0].text) or orgs[0].start - start <= 4):
            return self.entity(orgs[0])
        words = stripped.split()
        if words and fold(words[0]) in self._generic_heads:
            org = self.generic_org(words[0], start)
            if org is not None:
                return Resolution(org, "org", "-", start, end)
        if words and (
            (head is not None and head.morph.get("Number") == ["Plur"])
            or any(fold(w) in self._group_nouns for w in words[:3])
        ):
            group = _group_text(phrase)
            if group:
                return Resolution(group, "group", "-", start, end)
        return UNKNOWN

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
    return re.sub(r"^\s*(le|la|les|l['’]|un|une|des)\s*", "", phrase.strip(), flags=re.IGNORECASE).strip(" ,")


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
