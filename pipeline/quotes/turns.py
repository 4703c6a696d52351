"""Transcript turns: a speaker label at the start of a paragraph («M. Stoltenberg :», «Q -») and what follows.

A turn runs from the first word after its label to the next label, or to the end of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .resources import QuoteResources

_HONORIFIC_NAME = r"(?:M\.|Mme|MM\.|Monsieur|Madame)\s+[A-ZÀ-Ý][\w'’\-]+(?:\s+[A-ZÀ-Ý][\w'’\-]+){0,3}"
_NAME = r"[A-ZÀ-Ý][\w'’\-]+(?:\s+(?:de\s+|van\s+|von\s+)?[A-ZÀ-Ý][\w'’\-]+){1,3}"
_CAPS = r"[A-ZÀ-Ý][A-ZÀ-Ý'’.\-]*(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'’.\-]*){0,5}"
_LINE = re.compile(
    r"^[ \t\u00a0\u202f]*(?P<label>[^\n:]{1,60}?)[ \t\u00a0\u202f]*(?P<sep>:|-|–|—)[ \t\u00a0\u202f]+(?=\S)",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Turn:
    """A speaker label and the turn it opens."""

    label: str
    label_start: int
    label_end: int  # end of the separator
    start: int
    end: int


def _is_label(label: str, separator: str, resources: QuoteResources) -> str | None:
    """``strong`` or ``weak`` (an all-capitals word that names no one: only a label among others), or None."""
    described = re.fullmatch(r"(?P<who>[^()\[\]]{2,50}?)\s*[(\[](?P<role>[^()\[\]]{2,80})[)\]]", label)
    if described and separator == ":":
        # «OANA LUNGESCU (Porte-parole de l'OTAN) :», «Journaliste (AFP) :»
        inner = _is_label(described.group("who"), separator, resources)
        if inner is not None or re.fullmatch(_NAME, described.group("who")):
            return "strong"
        return None
    if label.lower() in resources.turn_labels:
        return "strong"
    if separator != ":":
        return None
    if re.fullmatch(_CAPS, label) and sum(c.isalpha() for c in label) >= 3:
        label_words = {w.strip(".").lower() for w in re.split(r"[\s'’]+", label)}
        titles = {t.split()[0] for t in resources.titles}
        honorifics = {h.strip(".").lower() for h in resources.honorifics}
        return "strong" if label_words & (titles | honorifics) else "weak"
    if re.fullmatch(_HONORIFIC_NAME, label):
        return "strong"
    words = re.sub(r"^(le|la|l['’])\s*", "", label, flags=re.IGNORECASE).lower()
    original = re.sub(r"^(le|la|l['’])\s*", "", label, flags=re.IGNORECASE)
    # A title alone («Le Secrétaire général :») or followed by a name («Le président Macron :»).
    titled = words in resources.titles or any(
        words.startswith(title + " ") and re.fullmatch(r"(?:\s+[A-ZÀ-Ý][\w'’-]*){1,3}", original[len(title) :])
        for title in resources.titles
    )
    if titled and label[:1].isupper():
        return "strong"
    # «Jens Stoltenberg :» — a bare name counts only among other labels.
    return "weak" if re.fullmatch(_NAME, label) else None


def find_turns(text: str, resources: QuoteResources) -> list[Turn]:
    """The turns of a transcript, in order (none when the text has no speaker labels)."""
    found = []
    for match in _LINE.finditer(text):
        label = match.group("label").strip()
        strength = _is_label(label, match.group("sep"), resources)
        if strength is not None:
            found.append((strength, label, match.start("label"), match.end()))
    if len(found) < 2:
        found = [f for f in found if f[0] == "strong"]
    labels = [(label, start, end) for _, label, start, end in found]
    turns = []
    for index, (label, start, content_start) in enumerate(labels):
        stop = labels[index + 1][1] if index + 1 < len(labels) else len(text)
        end = stop
        while end > content_start and text[end - 1].isspace():
            end -= 1
        if end > content_start:
            turns.append(Turn(label, start, content_start, content_start, end))
    return turns
