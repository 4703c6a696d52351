"""Transcript turns: a speaker label at the start of a paragraph («M. Stoltenberg :», «Q -») and what follows.

A turn runs from the first word after its label to the next label, or to the end of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .resources import QuoteResources
from .speakers import UNKNOWN, Resolution, SpeakerResolver, fold

_HONORIFIC_NAME = r"(?:M\.|Mme|MM\.|Monsieur|Madame)\s+[A-ZÀ-Ý][\w'’\-]+(?:\s+[A-ZÀ-Ý][\w'’\-]+){0,3}"
_NAME = r"[A-ZÀ-Ý][\w'’\-]+(?:\s+(?:de\s+|van\s+|von\s+)?[A-ZÀ-Ý][\w'’\-]+){1,3}"
_SINGLE_NAME = r"[A-ZÀ-Ý][a-zà-ÿ'’\-]{2,}"
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
    """How surely ``label`` is a speaker label: ``strong``, ``weak``, ``single`` or None.

    ``weak`` (a bare name, an all-capitals word) counts only among other labels; ``single`` (one
    capitalised word: «Reuters :») only beside strong or weak labels.
    """
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
    # «Jens Stoltenberg :», «Reuters :» — a bare name counts only among other labels.
    if re.fullmatch(_NAME, label):
        return "weak"
    # A one-word label («Reuters :», «Stoltenberg :») only in a transcript that has clearer labels.
    return "single" if re.fullmatch(_SINGLE_NAME, label) else None


def find_turns(text: str, resources: QuoteResources) -> list[Turn]:
    """The turns of a transcript, in order (none when the text has no speaker labels)."""
    found = []
    for match in _LINE.finditer(text):
        label = match.group("label").strip()
        strength = _is_label(label, match.group("sep"), resources)
        if strength is not None:
            found.append((strength, label, match.start("label"), match.end()))
    if not any(f[0] in ("strong", "weak") for f in found):
        found = []
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


def label_name(label: str) -> str:
    """A label without its bracketed role («OANA LUNGESCU (Porte-parole de l'OTAN)» → «OANA LUNGESCU»)."""
    return re.sub(r"\s*[(\[][^()\[\]]*[)\]]\s*$", "", label)


def turn_speaker(turn: Turn, resolver: SpeakerResolver, first_paragraph: tuple[int, int]) -> Resolution:
    """Who speaks in ``turn``: the person its label names, the holder of its title, or UNKNOWN.

    Args:
        first_paragraph: offsets of the document's first paragraph, where an interview names its interviewee.
    """
    resources = resolver.resources
    who = label_name(turn.label)
    kind = resources.turn_labels.get(who.lower())
    if kind == "UNKNOWN":
        return UNKNOWN
    if kind == "INTERVIEWEE":
        start, end = first_paragraph
        people = [e for e in resolver.entities if e.label == "PERSON" and start <= e.start < end]
        return Resolution(resolver.named(people[0]), "person") if people else UNKNOWN
    words = re.sub(r"\s+", " ", who).split()
    honorifics = {fold(h.strip(".")) for h in resources.honorifics}
    honoured = False
    while words and fold(words[0].strip(".")) in honorifics:
        words = words[1:]
        honoured = True
    phrase = " ".join(words)
    title = resolver.match_title(phrase.lower())
    if title is not None:
        bare = re.sub(r"^(le|la|l['’])\s*", "", phrase, flags=re.IGNORECASE)
        name = bare[len(title) :].strip(" ,")
        if name and not re.match(r"(de|du|des|d['’])\b", name, flags=re.IGNORECASE):
            # «SECRÉTAIRE GÉNÉRAL STOLTENBERG», «MONSIEUR LE SECRÉTAIRE POMPEO»
            return Resolution(resolver.person(name), "person")
        return resolver.title_holder(title, bare.lower(), turn.label_start)
    if len(words) == 1 and not honoured and not resolver.known_surname(words[0]):
        return UNKNOWN  # «REUTERS :», «AFP :»: a journalist of an outlet, not a named person
    if words:
        return Resolution(resolver.person(phrase), "person")
    return UNKNOWN
