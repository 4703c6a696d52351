"""Doc → Quote records (and Issue records): content, cue and speaker.

First version: direct quotes between French guillemets, attributed to the nearest PERSON.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from .schema import UNKNOWN_SPEAKER, Entity, Issue, Quote, Sentence


@dataclass(frozen=True)
class QuoteResources:
    """Word lists used to find cues and speakers."""


def load_quote_resources() -> QuoteResources:
    """The quote word lists."""
    return QuoteResources()


_DIRECT = re.compile(r"«\s*([^«»\n]+?)\s*»")


def _sentence_of(sentences: Sequence[Sentence], offset: int) -> int:
    for sentence in sentences:
        if sentence.start <= offset < sentence.end:
            return sentence.sent_id
    return sentences[-1].sent_id if sentences else 0


def extract_quotes(
    doc: Doc,
    *,
    doc_id: str,
    text: str,
    sentences: Sequence[Sentence],
    entities: Sequence[Entity],
    date: dt.date | None,
    resources: QuoteResources,
    target_speakers: Sequence[str],
) -> tuple[list[Quote], list[Issue]]:
    """Quotes of a parsed Doc, and the issues met while finding them."""
    quotes: list[Quote] = []
    issues: list[Issue] = []
    people = [e for e in entities if e.label == "PERSON"]
    for match in _DIRECT.finditer(text):
        start, end = match.span(1)
        speaker = min(people, key=lambda e: abs(e.start - start), default=None)
        quotes.append(
            Quote(
                doc_id=doc_id,
                quote_id=len(quotes),
                start=start,
                end=end,
                text=text[start:end],
                kind="direct",
                speaker=speaker.entity_id if speaker else UNKNOWN_SPEAKER,
                speaker_text=speaker.text if speaker else None,
                speaker_start=speaker.start if speaker else None,
                speaker_end=speaker.end if speaker else None,
                cue=None,
                cue_start=None,
                cue_end=None,
                sent_start=_sentence_of(sentences, start),
                sent_end=_sentence_of(sentences, end - 1),
                is_stoltenberg=bool(speaker and speaker.entity_id in target_speakers),
            )
        )
    return quotes, issues
