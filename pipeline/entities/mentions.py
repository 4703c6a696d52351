"""Candidate mentions, the gazetteer of names, and the choice among overlapping candidates."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..names import fold_name_chars

#: How much a source is trusted when two candidates of the same length overlap.
PRIORITY = {"organisation-name": 3, "gazetteer": 2, "model": 1, "person": 1}

#: Words that come before a name without being part of it: «l'OTAN», «de la Russie», «aux États-Unis».
ARTICLES = frozenset(["le", "la", "les", "l'", "de", "du", "des", "d'", "au", "aux"])


@dataclass(frozen=True, slots=True)
class Mention:
    """A candidate entity: character span in the model text, label, id, and where it comes from."""

    start: int
    end: int
    label: str
    entity_id: str
    source: str

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Gazetteer:
    r"""Known names (countries and organisations), looked up by their first word.

    A name is found where it starts a word and does not run into the next one, the longest name first, as
    the pattern ``(?<!\w)(?:name|…)(?!\w)`` would find it. ``re`` tries such an alternation of a thousand
    names one by one at every character; looking up the word at each word start finds the same names about
    ten times faster.
    """

    names: Mapping[str, tuple[str, str]]  # name as written → (label, entity_id)
    by_first_word: Mapping[str, tuple[str, ...]]  # first word → names starting with it, longest first
    city_homonyms: frozenset[str]
    #: Titles without their article («Monde» of «Le Monde»), names only after a lower-case article.
    bare_titles: frozenset[str] = frozenset()
    #: Folded first word → folded names starting with it, longest first; folded name → name as listed.
    by_folded_first_word: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    unfolded: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, names: Mapping[str, tuple[str, str]], city_homonyms: Iterable[str]) -> Gazetteer:
        """A gazetteer of ``names``, of their all-capitals forms («LETTONIE»), of the title-case forms of
        organisation acronyms («Otan», «Nasa») and of titles without their article («du Figaro»).
        """
        table = dict(names)
        bare_titles = set()
        for name, value in names.items():
            table.setdefault(name.upper(), value)
            if "-" in name:
                table.setdefault(name.replace("-", "\u2013"), value)  # «Conseil OTAN–Ukraine» with an en dash
            if value[0] == "ORG" and _ACRONYM.fullmatch(name):
                table.setdefault(name.capitalize(), value)
            title = _TITLE_ARTICLE.match(name)
            if value[0] == "ORG" and title and _TITLE_ARTICLE.match(value[1]) and name[title.end() :] not in table:
                table[name[title.end() :]] = value
                bare_titles.add(name[title.end() :])
        by_first_word: dict[str, list[str]] = {}
        for name in table:
            first = _WORD.match(name)
            if first is None:
                raise ValueError(f"a gazetteer name must start with a letter or digit: {name!r}")
            by_first_word.setdefault(first.group(), []).append(name)
        ordered = {word: tuple(sorted(group, key=len, reverse=True)) for word, group in by_first_word.items()}
        # Folded forms of the names written in words (not acronyms, not bare titles): «Etats Unis»,
        # «Burkina-Faso», «Koweit», «Union Soviétique» find «États-Unis», «Burkina Faso», «Koweït», «Union
        # soviétique».
        unfolded: dict[str, str] = {}
        for name in names:
            if any(ch.islower() for ch in name):
                unfolded.setdefault(fold_name_chars(name), name)
        by_folded: dict[str, list[str]] = {}
        for folded in unfolded:
            by_folded.setdefault(_WORD.match(folded).group(), []).append(folded)  # type: ignore[union-attr]
        folded_order = {word: tuple(sorted(group, key=len, reverse=True)) for word, group in by_folded.items()}
        return cls(table, ordered, frozenset(city_homonyms), frozenset(bare_titles), folded_order, unfolded)

    def find(self, text: str) -> list[Mention]:
        """Every known name in ``text``; a blocked name («Irlande du Nord») hides the names inside it."""
        found = []
        resume = 0
        folded_text: str | None = None
        capitalised = _words(text)[1]
        for start, first in self._first_words(text):
            if start < resume:
                continue
            names = self.by_first_word.get(first)
            name = self._longest_at(text, start, names) if names else None
            folded_names = self.by_folded_first_word.get(capitalised[first]) if first in capitalised else None
            if folded_names:
                folded_text = fold_name_chars(text) if folded_text is None else folded_text
                folded = self._longest_at(folded_text, start, folded_names, text)
                if folded is not None and (name is None or len(folded) > len(name)):
                    listed = self.unfolded[folded]
                    if _capitals_kept(listed, text, start):
                        name = listed
            if name is None:
                continue
            if start > 1 and text[start - 1] == "-" and self._glued_before(text, start):
                continue  # «Île-de-France», «Ouest-France»: the name is the end of a compound
            end = start + len(name)
            if name in self.bare_titles and not _after_lower_article(text, start):
                continue  # «Monde» alone is a title only as «le Monde», «du Monde», not «Coupe du Monde»
            resume = end
            label, entity_id = self.names[name]
            if label == "BLOCKED":
                continue
            if label == "COUNTRY" and name in self.city_homonyms and _word_before(text, start) == "à":
                continue  # «à Luxembourg»: the city
            found.append(Mention(start, end, label, entity_id, "gazetteer"))
        return found

    def _first_words(self, text: str) -> list[tuple[int, str]]:
        """``(offset, word)`` of the words of ``text`` that may open a name, in text order: a first word of a
        name, or a capitalised word whose folded form is the folded first word of a name.

        The few such words among those of the text are found first; then where they stand: ``str.find``
        finds a word much faster than a loop over every word of the text.
        """
        words, capitalised = _words(text)
        first_words = self.by_first_word.keys() & words
        first_words.update(word for word, folded in capitalised.items() if folded in self.by_folded_first_word)
        found = []
        for word in first_words:
            start = text.find(word)
            while start >= 0:
                end = start + len(word)
                if not (start and _WORD.match(text, start - 1)) and not _WORD.match(text, end):
                    found.append((start, word))  # a whole word, as ``_WORD.finditer`` would find it
                start = text.find(word, end)
        return sorted(found)

    def _glued_before(self, text: str, start: int) -> bool:
        """Whether the word before the hyphen at ``start - 1`` is not a known name («Île-de-», not «OTAN-»)."""
        before = re.search(r"(\w+)-$", text[max(0, start - 40) : start])
        if before is None:
            return False
        word = before.group(1)
        if word.lower() in _PREFIXES:
            return False  # «anti-Daech», «pro-Russie»: a prefix, the name is whole
        return word not in self.by_first_word and fold_name_chars(word) not in self.by_folded_first_word

    def _longest_at(self, text: str, start: int, names: Sequence[str], original: str | None = None) -> str | None:
        """The longest name at ``start`` that ends a word and is not glued by a hyphen to a word that is not
        a name: «La Croix-Rouge» is not «La Croix», while «Suisse-OTAN» holds two names.

        ``original``: the text as written, when ``text`` is its folded form.
        """
        original = text if original is None else original
        for name in names:
            end = start + len(name)
            if text.startswith(name, start) and not (end < len(text) and _WORD.match(text, end)):
                glued = _WORD.match(original, end + 1) if original.startswith("-", end) else None
                if glued is not None and not (
                    glued.group() in self.by_first_word or glued.group() in self.by_folded_first_word
                ):
                    continue
                return name
        return None


@functools.lru_cache(maxsize=4)
def _words(text: str) -> tuple[frozenset[str], dict[str, str]]:
    """The distinct words of ``text``, and the folded form of those that start with a capital (the gazetteers
    of names, of equipment and of nationalities look up the same words of a document)."""
    words = frozenset(_WORD.findall(text))
    return words, {word: fold_name_chars(word) for word in words if word[0].isupper()}


def _capitals_kept(name: str, text: str, start: int) -> bool:
    """Whether every capital of the listed ``name`` is a capital in ``text`` at ``start``: «Union Soviétique»
    may stand for «Union soviétique», «Le temps» not for the paper «Le Temps».
    """
    return all(not ch.isupper() or text[start + k].isupper() for k, ch in enumerate(name))


#: Prefixes glued to a name by a hyphen, which leave the name whole: «anti-Daech», «pro-Russie».
_PREFIXES = frozenset(["anti", "pro", "post", "pré", "ex", "néo", "non", "ultra", "pan", "extra", "hyper"])

#: An acronym of four letters or more, also written in title case by French papers («Otan», «Unesco»).
_ACRONYM = re.compile(r"[A-Z]{4,}")
#: The capitalised article that opens a title («Le Monde», «Les Échos», «L'Express»).
_TITLE_ARTICLE = re.compile(r"(?:Le|Les) (?=\w)|L'(?=\w)")
_LOWER_ARTICLES = frozenset(["le", "les", "l'", "du", "des", "au", "aux"])


def _after_lower_article(text: str, offset: int) -> bool:
    """Whether a lower-case article or contraction comes right before ``offset``, not after a capitalised
    word: «le Figaro», «du Parisien», «l'Express»; not «Coupe du Monde».
    """
    match = re.search(r"(?:(\S+)\s+)?(\S+?)\s*$", text[max(0, offset - 40) : offset])
    if match is None or match.group(2) not in _LOWER_ARTICLES:
        return False
    previous = match.group(1)
    return previous is None or not previous[:1].isupper() or match.group(2) in ("le", "les", "l'")


def _word_before(text: str, offset: int) -> str:
    match = re.search(r"(\w+)\W*$", text[max(0, offset - 20) : offset])
    return match.group(1).lower() if match else ""


def token_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Indices ``[i, j)`` of the tokens that overlap characters ``[start, end)``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return 0, 0
    return span.start, span.end


def choose(candidates: Sequence[Mention]) -> list[Mention]:
    """Non-overlapping mentions, longest first, then by the trust in their source; in text order."""
    ordered = sorted(candidates, key=lambda m: (-(m.end - m.start), -PRIORITY.get(m.source, 0), m.start))
    chosen: list[Mention] = []
    for mention in ordered:
        if not any(mention.overlaps(c.start, c.end) for c in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start)
