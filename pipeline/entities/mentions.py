"""Candidate mentions, the gazetteer of names, and the choice among overlapping candidates."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

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


@dataclass(frozen=True)
class Gazetteer:
    """Known names (countries and organisations) and a pattern finding them in text."""

    names: Mapping[str, tuple[str, str]]  # name as written → (label, entity_id)
    pattern: re.Pattern[str]
    city_homonyms: frozenset[str]

    @classmethod
    def build(cls, names: Mapping[str, tuple[str, str]], city_homonyms: Iterable[str]) -> Gazetteer:
        """A gazetteer of ``names`` and of their all-capitals forms («LETTONIE»); longest names tried first."""
        table = dict(names)
        for name, value in names.items():
            table.setdefault(name.upper(), value)
            if "-" in name:
                table.setdefault(name.replace("-", "\u2013"), value)  # «Conseil OTAN–Ukraine» with an en dash
        alternatives = "|".join(re.escape(n) for n in sorted(table, key=len, reverse=True))
        pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
        return cls(table, pattern, frozenset(city_homonyms))

    def find(self, text: str) -> list[Mention]:
        """Every known name in ``text``; a blocked name («Irlande du Nord») hides the names inside it."""
        found = []
        for match in self.pattern.finditer(text):
            label, entity_id = self.names[match.group()]
            if label == "BLOCKED":
                continue
            if label == "COUNTRY" and match.group() in self.city_homonyms and _word_before(text, match.start()) == "à":
                continue  # «à Luxembourg»: the city
            found.append(Mention(match.start(), match.end(), label, entity_id, "gazetteer"))
        return found


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
