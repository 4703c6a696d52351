"""Person mentions: names without titles, names the model missed after a title, and one id per person.

A person's id is the fullest form of the name in the document («M. Stoltenberg» → «Jens Stoltenberg»
when the document names him in full), upper-case transcript labels included («POMPEO» → «Michael R.
Pompeo»); a few well-known people always get their full name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..names import fold_key, particles
from ..tokens import tokens_with
from .mentions import Mention, token_span

_PREFIXED = re.compile(r"(?:al|el|ben|bin|ibn|van|von|de|da|di|d')-?\w*[A-Z]")
_ROMAN = re.compile(r"[IVX]{1,4}")
_INITIAL = re.compile(r"[A-Z]\.")
_LOCATIVE = frozenset(["à", "en"])
#: Title words that only qualify another title: «le premier Sommet» does not name a person.
_MODIFIER_TITLES = frozenset(["premier", "première", "haut", "haute", "spécial", "spéciale", "adjoint", "adjointe"])
_NOT_NAME_POS = frozenset(["VERB", "AUX", "ADV", "ADP", "CCONJ", "SCONJ", "PRON", "DET", "NUM", "INTJ"])
#: A transcript's speaker label: a line opening with capitals, perhaps a function in brackets, then a colon.
_LABEL = re.compile(r"^[ \t]*([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'.\- ]*[A-ZÀ-ÖØ-Þ.])[ \t]*(?:\([^()\n]{0,80}\))?[ \t]*:", re.M)


@dataclass(frozen=True)
class PeopleRules:
    """Word lists that shape person names."""

    titles: frozenset[str]  # lower case, honorifics included
    title_complements: frozenset[str]
    non_entities: frozenset[str]  # fold_key forms
    known_people: Mapping[str, str]  # surname → full name
    thing_nouns: frozenset[str] = frozenset()  # lower case: «canons» (Caesar), «opération» (Barkhane)
    honorifics: frozenset[str] = frozenset()  # lower case: «m.», «mme»
    demonyms: frozenset[str] = frozenset()  # nationality words as written: «Burkinabé», «Norvégien»
    place_nouns: frozenset[str] = frozenset()  # lower case: «rue» (Anatole France), «gare» (Saint-Lazare)

    def is_title(self, token: Token) -> bool:
        return self.is_title_word(token.text) or self.is_complement(token.text)

    def is_complement(self, word: str) -> bool:
        """A word completing a title, in any case («Défense», «D'ÉTAT»)."""
        return word in self.title_complements or word.capitalize() in self.title_complements

    def is_title_word(self, word: str) -> bool:
        """A title or honorific, also with «ex-» («l'ex-président»)."""
        lower = word.lower()
        return lower in self.titles or lower.removeprefix("ex-") in self.titles


def _is_name_token(token: Token, rules: PeopleRules) -> bool:
    text = token.text
    if not text[:1].isupper() and not _PREFIXED.match(text):
        return False
    if text.lower() in particles() or rules.is_title(token) or fold_key(text) in rules.non_entities:
        return False
    if text.casefold() in rules.thing_nouns or text in rules.demonyms:
        return False  # «Sommet», «Opération»; «le Norvégien Kristian Blummenfelt»
    if any(ch.isdigit() for ch in text):
        return False
    return bool(re.fullmatch(r"[\w'.-]+", text)) and (text[-1] != "." or bool(_INITIAL.fullmatch(text)))


def _glued(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a hyphen with no space on either side: «Al-Kadhimi» split in three tokens."""
    return (
        0 < i < len(doc) - 1
        and doc[i].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i - 1].is_alpha
        and doc[i + 1].is_alpha
    )


def _starts_name(doc: Doc, i: int, rules: PeopleRules, blocked: set[int]) -> bool:
    """A capitalised particle may open a name before a name token: «Le Drian», «De Gaulle» (not «LE PRÉSIDENT»)."""
    token = doc[i]
    if _is_name_token(token, rules):
        return True
    if token.is_title and token.lower_ in particles() and i + 2 < len(doc) and _glued(doc, i + 1):
        return True  # «Al-Abadi»
    if not _is_particle(token) or token.is_upper:
        return False
    # «Le Drian», «De Gaulle»; a lower-case particle only right after a title: «Mme von der Leyen».
    if not token.text[:1].isupper() and not (i > 0 and rules.is_title(doc[i - 1])):
        return False
    return _continues(doc, i, rules, blocked) > 0


def _continues(doc: Doc, j: int, rules: PeopleRules, blocked: set[int]) -> int:
    """How many tokens from ``j`` carry a name on: a name token, a particle or hyphen before one, or 0."""
    n = len(doc)
    if j >= n or j in blocked:
        return 0
    if _is_name_token(doc[j], rules):
        return 1
    if _glued(doc, j) and j + 1 not in blocked:
        return 2
    if j + 2 < n and _glued(doc, j + 1) and j + 2 not in blocked and (doc[j].lower_ in particles() or doc[j].is_title):
        return 3  # «Al-Kadhimi», «Abdul-Mahdi» (``is_title``: spaCy's «written in title case»)
    k = j
    while k < n and k - j < 3 and k not in blocked and _is_particle(doc[k]):
        k += 1  # «von der Leyen», «de la Fuente»
    if k > j and k < n and k not in blocked and _is_name_token(doc[k], rules):
        return k + 1 - j
    return 0


def _is_particle(token: Token) -> bool:
    return token.lower_ in particles() and (bool(token.whitespace_) or token.text.endswith("'"))


def _name_runs(doc: Doc, start: int, end: int, rules: PeopleRules, blocked: set[int]) -> list[tuple[int, int]]:
    """Maximal runs of name tokens in ``doc[start:end]``; a run may go on past ``end`` over glued hyphens."""
    runs: list[tuple[int, int]] = []
    i = start
    while i < end:
        if i in blocked or not _starts_name(doc, i, rules, blocked):
            i += 1
            continue
        while i >= 2 and _glued(doc, i - 1) and i - 2 not in blocked:
            i -= 2  # «al-Abadi», «Abdul-Mahdi»
        first = doc[i]
        opener = (first.pos_ in ("VERB", "AUX") and "Inf" in first.morph.get("VerbForm")) or (
            first.pos_ in ("ADP", "SCONJ", "CCONJ") and first.lower_ not in particles() and len(first.text) > 2
        )
        party = i + 1 < len(doc) and _is_acronym(first.text) and not doc[i + 1].is_upper
        if i + 1 < end and _starts_name(doc, i + 1, rules, blocked) and (opener or party):
            i += 1  # «Soutenir François Fillon», «EELV Esther Benbassa»
        j = i + 1
        while True:
            step = _continues(doc, j, rules, blocked)
            if not step or (j >= end and not _glued(doc, j)):
                break
            j += step
        runs.append((i, j))
        i = max(j, i + 1)
    return runs


def _extend_right(doc: Doc, j: int, rules: PeopleRules, blocked: set[int]) -> int:
    """Carry a name on over the name tokens the model left out: «M. Itsunori] Onodera», «Jaap] de Hoop Scheffer»."""
    while True:
        step = _continues(doc, j, rules, blocked)
        if not step:
            return j
        if doc[j].is_sent_start:
            return j
        j += step


#: Words right before a name that make it the complement of a function, not a person: «le président de la
#: FIFA», «le directeur du Monde». After an honorific «de» opens a name: «M. de Villepin».
_COMPLEMENT_ARTICLES = frozenset(["la", "le", "l'", "les", "du", "des", "au", "aux"])


def _after_title(doc: Doc, i: int, rules: PeopleRules) -> bool:
    """Whether token ``i`` follows a title or honorific, over its complements («ministre ukrainien de la Défense»).

    A word right after «de la», «du», «des» (or «de» after a function) is the function's complement, not a
    person: «le président de la FIFA».
    """
    before = doc[i - 1].lower_ if i > 0 else ""
    if before in _COMPLEMENT_ARTICLES:
        return False
    k = i - 1
    steps = 0
    while k >= 0 and steps < 8:
        token = doc[k]
        if token.is_space or token.is_punct:
            return False
        if rules.is_title_word(token.text):
            if before in ("de", "d'") and token.lower_ not in rules.honorifics:
                return False
            return token.lower_ not in _MODIFIER_TITLES
        if not (
            rules.is_complement(token.text)
            or token.lower_ in particles()
            or token.pos_ == "ADJ"
            or _is_acronym(token.text)
        ):
            return False  # «la sénatrice EELV Esther Benbassa»: a party between the title and the name
        k -= 1
        steps += 1
    return False


def _after_demonym(doc: Doc, i: int, rules: PeopleRules) -> bool:
    """Whether token ``i`` follows an article and a nationality noun: «l'Américaine Laurenne Ross», «la
    Britannique Leanda Cave» (sports and news style: the nationality stands for a title).
    """
    return i >= 2 and doc[i - 1].text in rules.demonyms and doc[i - 2].lower_ in ("le", "la", "l'", "les")


def _bad_context(doc: Doc, i: int, rules: PeopleRules) -> bool:
    """Whether a one-word name at token ``i`` reads as a place or a thing: «à Taji», «le prochain Ramstein».

    A word alone in brackets after a capitalised name is another name of that thing:
    «Munich Security Conference (Wehrkunde)», «Parlement japonais (Diète)».
    """
    if 1 < i < len(doc) - 1 and doc[i - 1].text == "(" and doc[i + 1].text == ")":
        return bool(doc[i - 2].text[:1].isupper() or doc[i - 2].pos_ == "ADJ")
    k = i - 1
    while k >= 0 and doc[k].pos_ == "ADJ" and doc[k].text.islower():
        k -= 1
    if k < 0:
        return False
    before = doc[k]
    if rules.is_title(before):
        return False
    if before.lower_ in _LOCATIVE or before.pos_ == "DET":
        return True  # «à Taji», «le prochain Ramstein»; «l'administration Trump» keeps its person
    return before.lower_ in rules.thing_nouns


@dataclass(frozen=True, slots=True)
class _Name:
    start: int  # token indices
    end: int


_ACRONYM = re.compile(r"[A-ZÀ-Þ]{2,4}s?")


def _is_acronym(word: str) -> bool:
    """A short word in capitals («SNCF», «LR», «Gjs»), which names an organisation or a group, not a person."""
    return bool(_ACRONYM.fullmatch(word)) or (
        2 <= len(word) <= 4
        and word.isalpha()
        and word[:1].isupper()
        and not any(ch in "aeiouyàâäéèêëîïôöùûü" for ch in word.lower())
    )


def _other_model_label(ents: Sequence[Span]) -> set[tuple[int, int]]:
    """Token spans the model labels as something other than a person (ORG, LOC, MISC)."""
    return {(ent.start, ent.end) for ent in ents if ent.label_ != "PER"}


_PROPER_NOUN = frozenset(["PROPN"])
#: The parts of speech of a surname the model did not tag as a name («Zelenskyy»).
_NOUNS = frozenset(["PROPN", "NOUN"])
#: Plural determiners: a word after them names things or a group, not one person («les Gilets jaunes»).
_PLURAL_DETERMINERS = frozenset(["les", "des", "ces", "nos", "vos", "leurs", "plusieurs", "quelques"])


def _outvoted(doc: Doc, names: Sequence[_Name], ents: Sequence[Span]) -> list[_Name]:
    """The names without the one-word names that read as something else more often than as a person.

    Each occurrence of the word in the document votes: inside a person span of the model for; inside an
    organisation, place or other name of the model, after a plural determiner or before a lower-case
    adjective against («les Gilets jaunes», labelled a person by the model here and there).
    """
    single = {doc[n.start].text for n in names if n.end - n.start == 1}
    if not single:
        return list(names)
    label = {token.i: ent.label_ for ent in ents for token in ent}
    votes: Counter[str] = Counter()
    for token in tokens_with(doc, "ORTH", frozenset(single)):
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        before = doc[token.i - 1].lower_ if token.i > 0 else ""
        if label.get(token.i) == "PER":
            votes[token.text] += 1
        elif token.i in label:
            votes[token.text] -= 1
        if before in _PLURAL_DETERMINERS:
            votes[token.text] -= 1
        if following is not None and following.pos_ == "ADJ" and following.is_lower:
            votes[token.text] -= 1
    return [n for n in names if n.end - n.start > 1 or votes[doc[n.start].text] >= 0]


def find_people(doc: Doc, rules: PeopleRules, taken: Sequence[Mention], text: str | None = None) -> list[Mention]:
    """PERSON mentions: the model's, cleaned; missed names after titles; other mentions of the same names."""
    blocked: set[int] = set()
    for mention in taken:
        i, j = token_span(doc, mention.start, mention.end)
        blocked.update(range(i, j))
    names: list[_Name] = []
    covered: set[int] = set()
    ents = doc.ents  # spaCy builds the tuple on every access
    other_label = _other_model_label(ents)
    # Upper-case speaker labels of transcripts: «JENS STOLTENBERG (Secrétaire général de l'OTAN) :».
    text = doc.text if text is None else text  # spaCy rebuilds Doc.text on every access
    labels = list(_LABEL.finditer(text))
    for match in labels:
        start, end = token_span(doc, match.start(1), match.end(1))
        for i, j in _name_runs(doc, start, end, rules, blocked):
            if len(doc[i:j].text) <= 2 or (i, j) in other_label:
                continue  # «SNCF : la CGT refuse…»: a headline's topic the model reads as an organisation
            if len(labels) > 1 or j - i > 1 or (i > start and rules.is_title(doc[i - 1])):
                names.append(_Name(i, j))
                covered.update(range(i, j))
    for ent in ents:
        if ent.label_ != "PER" or any(t.like_num or any(ch.isdigit() for ch in t.text) for t in ent):
            continue  # «CH-146 Griffon»: a model number, not a person
        for i, j in _name_runs(doc, ent.start, ent.end, rules, blocked | covered):
            if j == i + 1 and (doc[i].pos_ in _NOT_NAME_POS or _is_acronym(doc[i].text)):
                continue  # «Selon», «Ensemble» at the start of a sentence; «SNCF», «LR»: organisations
            j = _extend_right(doc, j, rules, blocked | covered)
            names.append(_Name(i, j))
            covered.update(range(i, j))
    names = _outvoted(doc, names, ents)
    # Streets, buildings, ships and equipment named after people: «rue Anatole France», «frégate Admiral Kuznetsov».
    named_after = rules.place_nouns | rules.thing_nouns
    names = [n for n in names if not (n.start > 0 and doc[n.start - 1].lower_ in named_after)]
    # Names the model missed, right after a title or honorific.
    for token in tokens_with(doc, "POS", _PROPER_NOUN):
        i = token.i
        if i in covered or i in blocked or not _is_name_token(token, rules):
            continue
        if _after_title(doc, i, rules):
            j = _extend_right(doc, i + 1, rules, blocked | covered)
            k = i
            while k > 0 and doc[k - 1].lower_ in particles() and doc[k - 1].text.islower() and k - 1 not in covered:
                k -= 1
            if k < i and k > 0 and doc[k - 1].lower_ in rules.honorifics:
                i = k  # «M. de Villepin»
            names.append(_Name(i, j))
            covered.update(range(i, j))
        elif _after_demonym(doc, i, rules):
            j = _extend_right(doc, i + 1, rules, blocked | covered)
            if j - i >= 2:  # «l'Américaine Laurenne Ross»; not «le sud-coréen Hanwha»
                names.append(_Name(i, j))
                covered.update(range(i, j))
    # A full name coordinated with a person's name is a person's name too: «Katie Zaferes et Sarah True».
    for name in list(names):
        i = name.end + 1
        if not (i + 1 < len(doc) and doc[name.end].lower_ in ("et", ",") and i not in covered | blocked):
            continue
        if doc[i].pos_ == "PROPN" and _is_name_token(doc[i], rules):
            j = _extend_right(doc, i + 1, rules, blocked | covered)
            if j - i >= 2 and doc[name.start].pos_ == "PROPN":
                names.append(_Name(i, j))
                covered.update(range(i, j))
    # One-word names that read as places or things everywhere they occur are dropped.
    single: dict[str, list[_Name]] = {}
    for name in names:
        if name.end - name.start == 1:
            single.setdefault(doc[name.start].text, []).append(name)
    bad = set()
    for word, occurrences in single.items():
        full = any(n.end - n.start > 1 and word in {t.text for t in doc[n.start : n.end]} for n in names)
        titled = any(_after_title(doc, n.start, rules) for n in occurrences)
        if not full and not titled and any(_bad_context(doc, n.start, rules) for n in occurrences):
            bad.add(word)
    names = [n for n in names if not (n.end - n.start == 1 and doc[n.start].text in bad)]
    mentions = [
        Mention(doc[n.start].idx, doc[n.end - 1].idx + len(doc[n.end - 1]), "PERSON", "", "person") for n in names
    ]
    mentions += _repeated(doc, text, mentions, taken, rules.known_people, ents)
    return mentions


def _repeated(
    doc: Doc,
    text: str,
    people: Sequence[Mention],
    taken: Sequence[Mention],
    known_people: Mapping[str, str],
    ents: Sequence[Span],
) -> list[Mention]:
    """Other mentions of the names found, and of well-known people, as written or in capitals («STOLTENBERG :»).

    ``ents``: the model's entities (``doc.ents``).
    """
    forms: set[str] = {form for surname, full in known_people.items() for form in (surname, full)}
    for person in people:
        name = text[person.start : person.end]
        forms.add(name)
        last = name.split()[-1]
        if len(last) > 2 and last.lower() not in particles():
            forms.add(last)
    variants = {v for f in forms for v in (f, f.upper())}
    if not variants:
        return []
    pattern = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True)) + r")(?![\w-])"
    )
    occupied = list(taken) + list(people)
    # A name inside a longer name of a place or thing is part of that name: «Trump Tower».
    longer = [(ent.start_char, ent.end_char) for ent in ents if ent.label_ in ("LOC", "MISC")]
    found = []
    for match in pattern.finditer(text):
        start, end = match.start(), match.end()
        if any(m.overlaps(start, end) for m in occupied):
            continue
        if any(a <= start and end <= b and (a, b) != (start, end) for a, b in longer):
            continue
        mention = Mention(start, end, "PERSON", "", "person")
        found.append(mention)
        occupied.append(mention)
    # A surname spelt with one letter more or less («Zelenskyy» beside «Volodymyr Zelensky»).
    surnames = {fold_key(name.split()[-1]) for name in forms if " " in name and len(name.split()[-1]) >= 6}
    for token in tokens_with(doc, "POS", _NOUNS):
        if not (token.is_alpha and token.is_title and len(token.text) >= 6):
            continue
        key = fold_key(token.text)
        if key in surnames or not any(_edit_distance_le_1(key, surname) for surname in surnames):
            continue
        start, end = token.idx, token.idx + len(token.text)
        if any(m.overlaps(start, end) for m in occupied) or any(
            a <= start and end <= b and (a, b) != (start, end) for a, b in longer
        ):
            continue
        mention = Mention(start, end, "PERSON", "", "person")
        found.append(mention)
        occupied.append(mention)
    # An honorific glued to the name («M.Erdogan»): the name after the dot.
    for match in _GLUED_HONORIFIC.finditer(text):
        if not any(m.overlaps(match.start(1), match.end(1)) for m in occupied):
            found.append(Mention(match.start(1), match.end(1), "PERSON", "", "person"))
    return found


_GLUED_HONORIFIC = re.compile(r"(?<!\w)(?:M|Mme|Mlle|MM|Dr)\.([A-ZÀ-Þ][\w'-]*[a-zà-ÿ][\w'-]*)")


def _display(word: str) -> str:
    """An upper-case word in name case: «MACRON» → «Macron»; initials and numerals kept."""
    if word.isupper() and len(word) > 1 and not _ROMAN.fullmatch(word) and not _INITIAL.fullmatch(word):
        return re.sub(r"(^|[-'])(\w+)", lambda m: m.group(1) + m.group(2).capitalize(), word)
    return word


def _edit_distance_le_1(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:k] + long[k + 1 :] == short for k in range(len(long)))


def _same_word(short: str, long: str) -> bool:
    """Equal words, or an initial and a word it abbreviates («j.» and «jens»)."""
    return short == long or (len(short) == 2 and short.endswith(".") and long.startswith(short[0]))


def _is_subsequence(short: Sequence[str], long: Sequence[str]) -> bool:
    it = iter(long)
    return all(any(_same_word(word, other) for other in it) for word in short)


def person_ids(names: Sequence[str], known_people: Mapping[str, str]) -> dict[str, str]:
    """The id of each name: the fullest name of the document that contains it, else a well-known full name.

    Args:
        names: the person mentions of one document, as written.
        known_people: surname → full name of people who always get their full name.
    """
    display = {name: " ".join(_display(w) for w in name.split()) for name in names}
    keyed = {name: fold_key(display[name]).split() for name in names}
    counts = Counter(display[n] for n in names)
    # Longest first, then most frequent, then first in the document (a stable sort: the same ids on every run).
    full_forms = sorted(dict.fromkeys(display[n] for n in names), key=lambda d: (-len(d.split()), -counts[d]))
    known = {fold_key(k): v for k, v in known_people.items()}
    form_words = {form: fold_key(form).split() for form in full_forms}
    ids: dict[str, str] = {}
    for name in names:
        words = keyed[name]
        best = display[name]
        for candidate in full_forms:
            cand_words = form_words[candidate]
            if len(cand_words) > len(words) and _is_subsequence(words, cand_words):
                best = candidate
                break
        else:
            if len(words) == 1 and len(words[0]) >= 5:
                similar = {
                    c
                    for c in full_forms
                    if len(c.split()) > 1 and _edit_distance_le_1(fold_key(c).split()[-1], words[0])
                }
                if len(similar) == 1:
                    best = similar.pop()  # «Sibiha» and «Andriy Sybiha»: one person spelt two ways
        surname = fold_key(best).split()[-1]
        if (
            surname in known
            and best != known[surname]
            and _is_subsequence(fold_key(best).split(), fold_key(known[surname]).split())
        ):
            best = known[surname]
        ids[name] = best
    return _merge_spellings(ids, names)


def _merge_spellings(ids: dict[str, str], names: Sequence[str]) -> dict[str, str]:
    """Ids of one person spelt two ways in full made one, the first in the document: «Ibrahim Boubacar Keita»
    and later «Ibrahima Boubacar Keita» (same words but one, a letter apart).
    """
    order = list(dict.fromkeys(ids[name] for name in names))
    merged: dict[str, str] = {}
    for k, later in enumerate(order):
        words = fold_key(later).split()
        for earlier in order[:k]:
            others = fold_key(merged.get(earlier, earlier)).split()
            if len(words) < 2 or len(words) != len(others) or words[-1] != others[-1]:
                continue
            close = (
                a == b or (min(len(a), len(b)) >= 5 and _edit_distance_le_1(a, b))
                for a, b in zip(words, others, strict=True)
            )
            if all(close):
                merged[later] = merged.get(earlier, earlier)
                break
    return {name: merged.get(entity_id, entity_id) for name, entity_id in ids.items()}
