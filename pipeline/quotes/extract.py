"""Doc → Quote records (and Issue records): the composition of the quote passes.

layout (paragraphs, marks, turns) → candidates → cues → content boundaries → speakers → records.
Each pass is a pure function of the Doc and the previous pass's records (see the modules named below).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence

from spacy.tokens import Doc

from ..names import is_target
from ..nlp import model_text
from ..schema import UNKNOWN_SPEAKER, Entity, Issue, Quote, Sentence
from .candidates import find_candidates
from .content import bound_contents
from .cues import attach_cues
from .layout import read_layout
from .resources import QuoteResources
from .speakers import Attributed, SpeakerResolver, resolve_speakers

STAGE = "quotes"
#: Name of Jens Stoltenberg, whose quotes ``is_stoltenberg`` flags whatever the target speakers are.
STOLTENBERG = "Jens Stoltenberg"


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
    date_precision: str = "day",
) -> tuple[list[Quote], list[Issue]]:
    """Quotes of a parsed Doc, and the issues met while finding them.

    Args:
        doc: the parsed Doc (its text is ``nlp.model_text(text)``: same offsets).
        text: the file's text; quote, cue and speaker texts are sliced from it.
        date: the document's date, to know who held an office («le secrétaire général») then.
        date_precision: how much of ``date`` is known (``day``, ``month`` or ``year``).
        target_speakers: canonical names flagged ``is_target``; their surnames resolve to them.
    """
    if not text.strip() or not len(doc):
        return [], []
    layout = read_layout(doc, text, model_text(text), resources)
    candidates = find_candidates(doc, layout, resources)
    cued = attach_cues(doc, layout, candidates, resources)
    bounded = bound_contents(doc, layout, cued, resources)
    resolver = SpeakerResolver(doc, text, entities, date, resources, target_speakers, date_precision)
    attributed = resolve_speakers(doc, layout, bounded, resolver)
    issues = [Issue(doc_id, STAGE, p.code, p.offset, p.message) for p in layout.mark_problems]
    issues += [
        _unresolved(doc_id, text, a) for a in attributed if not a.speaker.known and _reportable(a, resources, text)
    ]
    return _records(doc_id, text, sentences, attributed, target_speakers), issues


def _reportable(attributed: Attributed, resources: QuoteResources, text: str) -> bool:
    """Whether an UNKNOWN speaker is worth an issue (a label that names nobody on purpose is not)."""
    candidate = attributed.candidate
    if candidate.kind != "turn" or candidate.source is None or candidate.source.start is None:
        return candidate.kind != "turn"
    label = text[candidate.source.start : candidate.source.end or candidate.source.start]
    return resources.turn_labels.get(label.lower()) != "UNKNOWN"


def _unresolved(doc_id: str, text: str, attributed: Attributed) -> Issue:
    candidate = attributed.candidate
    what = {"turn": "turn", "direct": "quote", "indirect": "indirect quote"}[candidate.kind]
    excerpt = text[candidate.start : candidate.start + 40]
    return Issue(doc_id, STAGE, "unresolved_speaker", candidate.start, f"no speaker found for the {what} {excerpt!r}")


def _records(
    doc_id: str,
    text: str,
    sentences: Sequence[Sentence],
    attributed: Sequence[Attributed],
    target_speakers: Sequence[str],
) -> list[Quote]:
    ends = [s.end for s in sentences]

    def sent_id(offset: int) -> int:
        if not sentences:
            return 0
        index = min(bisect.bisect_right(ends, offset), len(sentences) - 1)
        return sentences[index].sent_id

    quotes: list[Quote] = []
    for item in sorted(attributed, key=lambda a: (a.candidate.start, a.candidate.end)):
        candidate, speaker = item.candidate, item.speaker
        cue = _strip(text, candidate.cue_offsets)
        mention = _strip(text, (speaker.mention_start, speaker.mention_end))
        name = speaker.speaker if speaker.known else UNKNOWN_SPEAKER
        person = speaker.kind in ("person", "group")
        quotes.append(
            Quote(
                doc_id=doc_id,
                quote_id=len(quotes),
                start=candidate.start,
                end=candidate.end,
                text=text[candidate.start : candidate.end],
                kind=candidate.kind,
                speaker=name,
                speaker_text=text[mention[0] : mention[1]] if mention else None,
                speaker_start=mention[0] if mention else None,
                speaker_end=mention[1] if mention else None,
                cue=text[cue[0] : cue[1]] if cue else None,
                cue_start=cue[0] if cue else None,
                cue_end=cue[1] if cue else None,
                sent_start=sent_id(candidate.start),
                sent_end=sent_id(max(candidate.start, candidate.end - 1)),
                is_stoltenberg=person and is_target(name, (STOLTENBERG,)),
                is_target=person and is_target(name, target_speakers),
            )
        )
    return quotes


def _strip(text: str, span: tuple[int | None, int | None] | None) -> tuple[int, int] | None:
    """A span without outer white space, or None when it is missing or blank."""
    if span is None or span[0] is None or span[1] is None:
        return None
    start, end = int(span[0]), int(span[1])
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


__all__ = ["extract_quotes"]
