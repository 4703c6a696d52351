"""Pass 3: where each quote's content starts and ends, and which candidates are quotes at all.

- An indirect content runs from its start to the end of its clause: the sentence end, cut at a
  semicolon, at a verb coordinated with the cue that has its own frame («a affirmé que A et décidé que
  B»: only A), at another clause of the reporting frame («…, précisant que», «…, et il a ajouté»,
  «…, tandis que»), at a colon before a quotation, or where the main clause of a fronted participle begins.
- Quotation marks inside an indirect content: when the whole content is in one pair of marks it is a
  direct quote only; a coordinated clause wholly in marks at its end («A et que « B »») is a direct
  quote of its own and the indirect one ends before «et que»; otherwise the indirect content keeps the
  marks (when words of its own stand outside them) and the words in marks are also direct quotes, under
  the same cue and speaker.
- Reported speech nested in a quote or a turn belongs to it; a direct quote interrupted by its cue
  without marks («« A, a-t-il souligné. B »») is two quotes; a direct quote with no cue must be a
  sentence (scare quotes, titles and noun phrases in marks are no quotes).
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from .candidates import finite
from .cues import cue_of, speech_lemma
from .layout import Layout
from .marks import MarkedSpan
from .records import CONTEXT, Candidate, Source
from .resources import QuoteResources, word_class
from .spans import CONTENT_END, trim_content

#: A quoted fragment this short, with no cue to govern it, is a name or a scare quote.
MAX_SCARE_WORDS = 4
#: An indirect content keeps its quotation marks only if this many words of its own stand outside them.
MIN_WORDS_OUTSIDE_MARKS = 2
#: «…, a-t-il souligné. …» inside quotation marks: the cue interrupts the quote without marks.
_INNER_INCISE = re.compile(
    r",\s+(?:(?:a|ont|avait|avaient)-t?-?(?:il|elle|ils|elles)|\w+-t-(?:il|elle)|\w+-(?:il|elle))"
    r"(?:\s+[\w’'-]+){0,3}?\s*[.,;]\s+"
)
_BOUNDED = frozenset({"que", "inf", "attr", "colon", "as_said", "according", "relative", "headline"})


def bound_contents(doc: Doc, layout: Layout, candidates: list[Candidate], resources: QuoteResources) -> list[Candidate]:
    """Pass 3: the quotes of the document with their final content spans, in text order."""
    text = layout.text
    indirect: list[Candidate] = []
    direct: list[Candidate] = []
    turns = [c for c in candidates if c.kind == "turn"]
    for candidate in candidates:
        if candidate.kind == "direct":
            direct.append(candidate)
        elif candidate.kind == "indirect" and not _nested(layout, candidate):
            if candidate.trigger in _BOUNDED:
                end = _content_end(doc, layout, candidate, resources)
                start, end = trim_content(text, candidate.start, end)
                candidate = replace(candidate, start=start, end=end)
            opening = layout.in_marks(candidate.start)
            if opening is not None and opening.open_at == candidate.start and opening.close_end > candidate.end:
                # «Pour X, « A. B. »»: a content that opens a quotation holds at least all of it.
                candidate = replace(candidate, end=opening.close_end)
            if candidate.end > candidate.start:
                indirect.append(candidate)
    indirect = _outermost(_unique(indirect))
    indirect, direct = _marks_in_contents(layout, indirect, direct)
    kept_direct = []
    for candidate in direct:
        if candidate.source == CONTEXT and not _sentence_like(layout, candidate):
            continue
        kept_direct.extend(_split_inner_incise(doc, layout, candidate, resources))
    return sorted(turns + indirect + kept_direct, key=lambda c: (c.start, c.end))


def _nested(layout: Layout, candidate: Candidate) -> bool:
    """Whether reported speech is nested in a turn or a direct quote, or is the document's own frame."""
    anchor = candidate.cue_offsets[0] if candidate.cue_offsets else candidate.start
    if layout.in_turn(candidate.start) is not None or layout.in_turn(anchor) is not None:
        return True
    enclosing = layout.in_marks(anchor)
    if enclosing is not None and enclosing.open_at < anchor and candidate.trigger != "incise":
        return True
    # A content that starts inside quotation marks is the end of a direct quote («« A. B », a-t-il dit»).
    enclosing = layout.in_marks(candidate.start)
    return enclosing is not None and enclosing.open_at < candidate.start - 1


def _unique(candidates: list[Candidate]) -> list[Candidate]:
    """One indirect quote per content start (two constructions may find the same clause)."""
    seen: set[int] = set()
    unique = []
    for candidate in sorted(candidates, key=lambda c: (c.start, -c.end)):
        if candidate.start not in seen:
            seen.add(candidate.start)
            unique.append(candidate)
    return unique


def _outermost(candidates: list[Candidate]) -> list[Candidate]:
    """Reported speech nested in another indirect content is part of it («a confirmé que X lui avait dit que …»)."""
    kept = []
    for candidate in candidates:
        anchor = candidate.cue_offsets[0] if candidate.cue_offsets else candidate.start
        if any(
            other is not candidate
            and other.start < candidate.start
            and (
                other.start <= anchor < other.end
                or (other.cue_offsets == candidate.cue_offsets and candidate.end <= other.end)
            )
            for other in candidates
        ):
            continue  # nested, or a part of a content the same cue already reports («a dit attendre … qu'elle …»)
        kept.append(candidate)
    return kept


# --- where an indirect content ends ---------------------------------------------------------------


def _content_end(doc: Doc, layout: Layout, candidate: Candidate, resources: QuoteResources) -> int:
    """Where a content clause starting at ``candidate.start`` ends: the sentence end or an earlier boundary."""
    sentence = layout.sentence_at(candidate.start)
    end: int = min(candidate.end, sentence.end_char)
    verb = candidate.cue.verb if candidate.cue is not None else None
    enclosing = layout.in_marks(candidate.start)
    if enclosing is not None and enclosing.open_at < candidate.start and enclosing.close_end < end:
        end = enclosing.close_end
    for token in sentence:
        if token.idx <= candidate.start or token.idx >= end:
            continue
        prev = doc[token.i - 1]
        lower = token.lower_
        if token.text == ";":
            return int(token.idx)
        if prev.text == "," and (
            (lower in ("et", "mais") and _starts_clause(doc, token.i + 1))
            or _speech_participle(token, resources)
            or (
                lower in ("tout", "en")
                and any(_speech_participle(t, resources) for t in doc[token.i + 1 : token.i + 3])
            )
        ):
            return int(prev.idx)  # «…, (tout en) précisant que …», «…, et il a ajouté …»: another clause of the frame
        if lower in ("et", "mais") and verb is not None and _frame_clause(doc, token.i + 1, verb, resources):
            # «… et a réaffirmé que …», «… et il a exhorté …»: the reporting frame goes on.
            return int(prev.idx + len(prev.text)) if prev.text != "," else int(prev.idx)
        if (
            prev.text == ","
            and lower in ("tandis", "alors", "avant", "après")
            and token.i + 1 < sentence.end
            and doc[token.i + 1].lower_ in ("que", "qu'", "qu’", "de", "d'", "d’", "avoir")
        ):
            return int(prev.idx)  # «…, tandis que M. X a salué …»: another clause
        if token.text == ":" and token.i + 1 < sentence.end and doc[token.i + 1].text in ("«", "“", '"'):
            return int(token.idx)
    if verb is not None and candidate.trigger in ("que", "inf", "attr"):
        coordinated = _coordinated_frame(doc, verb, candidate.start, end)
        if coordinated is not None:
            end = coordinated
    if verb is not None and verb.i < sentence.end and verb.head.i > verb.i and verb.dep_ in ("advcl", "acl", "conj"):
        # «Reconnaissant que …, les deux délégations ont encouragé …»: the content ends before the main clause.
        main = verb.head
        subjects = [c for c in main.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i < main.i]
        boundary = int(subjects[0].left_edge.idx if subjects else main.left_edge.idx)
        if candidate.start < boundary < end:
            end = boundary
    return end


def _speech_participle(token: Token, resources: QuoteResources) -> bool:
    """«précisant», «rappelant»: a present participle of a speech verb, which opens a clause of the frame."""
    return (
        token.morph.get("VerbForm") == ["Part"]
        and token.morph.get("Tense") == ["Pres"]
        and speech_lemma(token, resources) is not None
    )


def _coordinated_frame(doc: Doc, verb: Token, start: int, end: int) -> int | None:
    """Where a verb coordinated with the cue begins («a affirmé que A et décidé que B»), by the parse."""
    for child in verb.children:
        if child.dep_ != "conj" or child.pos_ not in ("VERB", "AUX") or not start < child.idx < end:
            continue
        if child.morph.get("VerbForm") not in (["Part"], ["Fin"]):
            continue
        coordinators = [c for c in child.children if c.dep_ == "cc" and c.i < child.i]
        if not coordinators or _number(child) != _number(verb):
            continue  # a verb of the content misattached to the cue: it would share the cue's subject
        if coordinators[0].idx > start:
            return int(coordinators[0].idx)
    return None


def _number(verb: Token) -> str:
    """The grammatical number of a verb group (from the verb or its finite auxiliary)."""
    for token in (verb, *(c for c in verb.children if c.dep_.startswith("aux"))):
        if token.morph.get("VerbForm") == ["Fin"]:
            return "".join(token.morph.get("Number"))
    return ""


def _frame_clause(doc: Doc, i: int, verb: Token, resources: QuoteResources) -> bool:
    """Whether the clause starting at token ``i`` (after «et») is coordinated with the cue ``verb``.

    «… et a réaffirmé que …», «… et il a exhorté …», «a affirmé que A et décidé que B»: a speech verb
    attached to the frame, a new subject pronoun, or a verb group in the cue's own form (the content's
    verbs follow the sequence of tenses: «a dit que l'OTAN restait unie et avait décidé …» stays content).
    """
    for token in doc[i : i + 5]:
        if token.pos_ == "VERB":
            return (
                (speech_lemma(token, resources) is not None and token.head.i <= verb.i)
                or any(t.lower_ in ("il", "elle", "ils", "elles") for t in doc[i : token.i])
                or _same_form(doc[i : token.i + 1], verb)
            )
        if token.pos_ not in ("AUX", "PRON", "ADV"):
            return False
    return False


def _same_form(group: Span, verb: Token) -> bool:
    """Whether a verb group after «et» («a décidé», «décidé») continues the cue ``verb``, not the content.

    It must have the cue's form and not the form of the verb just before it (the content's: «a dit que la
    Russie a violé le traité et a déployé …» stays content); a participle coordinated with an adjective or
    another participle («durable et assorti de», «développé et mis en service») is part of the content.
    """
    head = group[-1]
    previous = _previous_verb(group.doc, group.start, verb)
    if head.morph.get("VerbForm") == ["Part"]:
        own = _auxiliaries(head, group)
        framed = any(t.lower_ in ("que", "qu'", "qu’") for t in group.doc[head.i + 1 : head.i + 4])
        if not own and framed:
            # «a affirmé que A et décidé que B»: a participle sharing the cue's auxiliary, with a frame of its own.
            shares = previous is None or previous.morph.get("VerbForm") != ["Part"]
            return bool(_auxiliaries(verb)) and shares
        coordinated = head.dep_ == "conj" and head.head.i != verb.i
        if coordinated and (head.head.pos_ in ("ADJ", "NOUN") or head.head.morph.get("VerbForm") == ["Part"]):
            return False
        return bool(own) and own == _auxiliaries(verb) and (previous is None or _auxiliaries(previous) != own)
    features = ("Tense", "Mood", "Person", "Number")
    return (
        head.morph.get("VerbForm") == ["Fin"]
        and all(head.morph.get(f) == verb.morph.get(f) for f in features)
        and (previous is None or any(head.morph.get(f) != previous.morph.get(f) for f in features))
    )


def _auxiliaries(verb: Token, group: Span | None = None) -> list[str]:
    tokens = list(group[:-1]) if group is not None else [c for c in verb.children if c.i < verb.i]
    return [t.lower_ for t in tokens if t.pos_ == "AUX" and (group is not None or t.dep_.startswith("aux"))]


def _previous_verb(doc: Doc, before: int, cue: Token) -> Token | None:
    """The last main verb of the content before token ``before`` (not the cue itself)."""
    for token in reversed(doc[cue.i + 1 : before]):
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and not token.dep_.startswith("aux")):
            return token
    return None


def _starts_clause(doc: Doc, i: int) -> bool:
    """Whether a new clause with its own subject or verb starts at token ``i`` («et il …», «et a ajouté»)."""
    if i >= len(doc):
        return False
    token = doc[i]
    return token.lower_ in ("il", "elle", "ils", "elles") or (
        token.pos_ == "AUX" and any(t.pos_ == "VERB" for t in doc[i : i + 4])
    )


# --- quotation marks inside indirect contents ------------------------------------------------------


def _marks_in_contents(
    layout: Layout, indirect: list[Candidate], direct: list[Candidate]
) -> tuple[list[Candidate], list[Candidate]]:
    """Resolve indirect contents that hold quotation marks, and give their direct fragments the same frame."""
    text = layout.text
    by_marks = {c.marks.open_at: i for i, c in enumerate(direct) if c.marks is not None}
    direct = list(direct)
    kept = []
    for candidate in indirect:
        inside = [m for m in layout.marks if candidate.start - 1 <= m.open_at and m.close_end <= candidate.end + 1]
        if not inside:
            kept.append(candidate)
            continue
        if _wholly_in(text, candidate, inside):
            _inherit(direct, by_marks, inside, candidate)
            continue  # the whole content is quoted: a direct quote only
        last = inside[-1]
        coordinated = re.search(r"(?:,\s*)?\bet\s+qu(?:e\s+|['’]\s*)$", text[candidate.start : last.open_at])
        if coordinated and _ends_content(text, last, candidate.end):
            # «a dit que A et que « B »»: B is a direct quote of its own, A the indirect one.
            _inherit(direct, by_marks, [last], candidate)
            start, end = trim_content(text, candidate.start, candidate.start + coordinated.start())
            candidate = replace(candidate, start=start, end=end)
            inside = inside[:-1]
            if end <= start:
                continue
        _inherit(direct, by_marks, inside, candidate)
        outside = _words_outside(text, candidate, inside)
        if inside and outside < MIN_WORDS_OUTSIDE_MARKS:
            continue  # «« A » occidental « B »»: the marks carry the content
        kept.append(candidate)
    return kept, direct


def _wholly_in(text: str, candidate: Candidate, inside: list[MarkedSpan]) -> bool:
    if len(inside) != 1:
        return False
    marks = inside[0]
    before = text[candidate.start : marks.open_at].strip()
    after = text[marks.close_end : candidate.end].strip(CONTENT_END)
    return not before and not after


def _ends_content(text: str, marks: MarkedSpan, end: int) -> bool:
    return not text[marks.close_end : end].strip(CONTENT_END)


def _words_outside(text: str, candidate: Candidate, inside: list[MarkedSpan]) -> int:
    words = 0
    position = candidate.start
    for marks in inside:
        words += len(re.findall(r"\w+", text[position : max(position, marks.open_at)]))
        position = max(position, marks.close_end)
    return words + len(re.findall(r"\w+", text[position : candidate.end]))


def _inherit(direct: list[Candidate], by_marks: dict[int, int], inside: list[MarkedSpan], frame: Candidate) -> None:
    """The direct quotes in ``inside`` take the cue and source of the indirect frame holding them."""
    for marks in inside:
        index = by_marks.get(marks.open_at)
        if index is None:
            continue
        current = direct[index]
        if (
            current.source is not None
            and current.source != CONTEXT
            and current.cue is not None
            and current.source.inverted
        ):
            continue  # «« A », a-t-il dit»: its own incise
        direct[index] = replace(current, cue=frame.cue, cue_span=frame.cue_span, source=frame.source)


# --- direct quotes ---------------------------------------------------------------------------------


def _sentence_like(layout: Layout, candidate: Candidate) -> bool:
    """Whether an uncued direct quote is a sentence somebody said, not a scare quote, a title or a term."""
    text = layout.text[candidate.start : candidate.end]
    words = re.findall(r"\w+", text)
    if words and words[0] in word_class("subordinator"):
        return False  # «« qui n'ont pas pu s'acquitter … »»: a relative clause, no sentence of its own
    punctuated = bool(re.search(r"[.!?…]$", text))
    if len(words) <= MAX_SCARE_WORDS and not punctuated:
        return False
    span = layout.span(candidate.start, candidate.end)
    return (punctuated and len(words) >= 2) or (span is not None and any(finite(t) for t in span))


def _split_inner_incise(doc: Doc, layout: Layout, candidate: Candidate, resources: QuoteResources) -> list[Candidate]:
    """Split «« A, a-t-il souligné. B »» into A and B, under the cue between them."""
    text = layout.text
    for match in _INNER_INCISE.finditer(text, candidate.start, candidate.end):
        span = layout.span(match.start(), match.end())
        verbs = [t for t in span if speech_lemma(t, resources) is not None] if span is not None else []
        if not verbs:
            continue
        lemma = speech_lemma(verbs[0], resources) or verbs[0].lemma_
        frame = replace(candidate, cue=cue_of(verbs[0], lemma), cue_span=None, source=Source("subject", inverted=True))
        return [replace(frame, end=match.start()), replace(frame, start=match.end())]
    return [candidate]
