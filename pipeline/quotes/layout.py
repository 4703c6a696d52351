"""The layout of one document that every pass reads: paragraphs, quotation marks, transcript turns.

:func:`read_layout` computes it once from the text (and the Doc, for token lookups); it is immutable,
so the passes stay pure functions of the Doc, the layout and the previous pass's records.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .marks import MarkedSpan, MarkProblem, pair_marks
from .resources import QuoteResources
from .spans import paragraphs as paragraph_spans
from .turns import Turn, find_turns


@dataclass(frozen=True)
class Layout:
    """Paragraphs, quotation-mark pairs (outside turns) and turns of one document, with lookups."""

    doc: Doc
    text: str
    #: the Doc's text (typographic variants folded, same offsets); ``Doc.text`` rebuilds it on every access
    model_text: str
    paragraphs: tuple[tuple[int, int], ...]
    marks: tuple[MarkedSpan, ...]
    mark_problems: tuple[MarkProblem, ...]
    turns: tuple[Turn, ...]
    _paragraph_starts: list[int] = field(default_factory=list, repr=False)
    _mark_starts: list[int] = field(default_factory=list, repr=False)
    _token_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._paragraph_starts.extend(p[0] for p in self.paragraphs)
        self._mark_starts.extend(m.open_at for m in self.marks)
        self._token_starts.extend(self.doc.to_array("IDX").tolist())  # each token's ``idx``

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph holding ``offset`` (the one before, between paragraphs)."""
        return max(0, bisect.bisect_right(self._paragraph_starts, offset) - 1)

    def paragraph_span(self, offset: int) -> tuple[int, int]:
        return self.paragraphs[self.paragraph_of(offset)] if self.paragraphs else (0, len(self.text))

    def in_turn(self, offset: int) -> Turn | None:
        """The turn (label included) holding ``offset``, if any."""
        for turn in self.turns:
            if turn.label_start <= offset < turn.end:
                return turn
        return None

    def in_marks(self, offset: int) -> MarkedSpan | None:
        """The quotation marks around ``offset``, if any (pairs do not overlap: a bisection finds them)."""
        i = bisect.bisect_right(self._mark_starts, offset) - 1
        if i >= 0 and self.marks[i].open_at <= offset < self.marks[i].close_end:
            return self.marks[i]
        return None

    def marks_within(self, start: int, end: int) -> list[MarkedSpan]:
        """The quotation-mark pairs that lie inside ``text[start:end]``."""
        i = bisect.bisect_left(self._mark_starts, start)
        found = []
        while i < len(self.marks) and self.marks[i].open_at < end:
            if self.marks[i].close_end <= end + 1:
                found.append(self.marks[i])
            i += 1
        return found

    def token_at(self, offset: int) -> Token:
        i = max(0, bisect.bisect_right(self._token_starts, offset) - 1)
        return self.doc[min(i, len(self.doc) - 1)]

    def sentence_at(self, offset: int) -> Span:
        return sentence_of(self.token_at(offset))

    def span(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand")


def sentence_of(token: Token) -> Span:
    """The sentence holding ``token`` (``Token.sent`` walks the whole Doc; this walks one sentence)."""
    doc = token.doc
    start = token.i
    while start > 0 and not doc[start].is_sent_start:
        start -= 1
    end = token.i + 1
    while end < len(doc) and not doc[end].is_sent_start:
        end += 1
    return doc[start:end]


def read_layout(
    doc: Doc, text: str, model_text: str, resources: QuoteResources, *, split_turns: bool = False
) -> Layout:
    """The layout of a document: its paragraphs, turns, and the quotation marks outside turns."""
    turns = tuple(find_turns(text, resources, split_paragraphs=split_turns))
    spans, problems = pair_marks(text)

    def in_turn(offset: int) -> bool:
        return any(t.label_start <= offset < t.end for t in turns)

    marks = tuple(sorted((s for s in spans if not in_turn(s.open_at)), key=lambda s: s.open_at))
    paragraphs = tuple(paragraph_spans(text))
    return Layout(doc, text, model_text, paragraphs, marks, tuple(problems), turns)
