"""Quotation-mark pairing: the content spans of direct quotes, and the mark problems met.

Marks are paired inside one paragraph (a quote is confined to its paragraph). French and English
marks are accepted in any combination, because real texts mix them («« … ”», «“ … »»); an opening
mark that repeats (« … «) closes the quote when it stands where a closing mark would; a quote never
closed ends at the end of its paragraph. Inner quotes (“ … ” inside « … ») belong to the outer one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .spans import PARAGRAPH, trim

OPENERS = "«“‹"
CLOSERS = "»”›"
AMBIGUOUS = '"'
SPACES = " \t\u00a0\u202f\u2009\u2007"
_PARTNER = {"«": "»", "“": "”", "‹": "›", AMBIGUOUS: AMBIGUOUS}
_MARK = re.compile(f"[{re.escape(OPENERS + CLOSERS + AMBIGUOUS)}]")


@dataclass(frozen=True)
class MarkedSpan:
    """The content between a pair of quotation marks (white space trimmed)."""

    start: int
    end: int
    #: offset of the opening mark, and offset just after the closing mark (or the paragraph end)
    open_at: int
    close_end: int
    closed: bool


@dataclass(frozen=True)
class MarkProblem:
    """A quotation mark that could not be paired normally."""

    code: str
    offset: int
    message: str


def _next_visible(text: str, i: int, stop: int) -> str:
    while i < stop and text[i] in SPACES:
        i += 1
    return text[i] if i < stop else ""


def _prev_visible(text: str, i: int, start: int) -> str:
    i -= 1
    while i >= start and text[i] in SPACES:
        i -= 1
    return text[i] if i >= start else ""


def _closes_here(text: str, i: int, stop: int, start: int) -> bool:
    """Whether an opening-type mark at ``text[i]`` stands where a closing mark would («… «, a-t-il dit»)."""
    after = _next_visible(text, i + 1, stop)
    before = _prev_visible(text, i, start)
    if after == "" or after in ",.;:!?)»”":
        return True
    # Glued to the preceding word and followed by a space: «prête« à agir».
    return before not in ("", " ") and text[i - 1] not in SPACES and i + 1 < stop and text[i + 1] in SPACES


def _closing_position(text: str, i: int, stop: int) -> bool:
    """Whether a straight mark at ``text[i]`` stands where a quotation closes (glued to a word, then a break)."""
    return i > 0 and not text[i - 1].isspace() and (i + 1 >= stop or text[i + 1] in SPACES + ",.;:!?)")


def _opening_position(text: str, i: int, stop: int) -> bool:
    """Whether a straight mark at ``text[i]`` stands where a quotation opens (after a space, before a word)."""
    return (i == 0 or text[i - 1] in SPACES + "([") and i + 1 < stop and text[i + 1].isalnum()


def pair_marks(text: str) -> tuple[list[MarkedSpan], list[MarkProblem]]:
    """Direct-quote content spans of ``text`` in order, and the mark problems met, paragraph by paragraph."""
    spans: list[MarkedSpan] = []
    problems: list[MarkProblem] = []
    for paragraph in PARAGRAPH.finditer(text):
        found, issues = _pair_paragraph(text, paragraph.start(), paragraph.end())
        spans.extend(found)
        problems.extend(issues)
    return spans, problems


def _pair_paragraph(text: str, start: int, stop: int) -> tuple[list[MarkedSpan], list[MarkProblem]]:
    spans: list[MarkedSpan] = []
    problems: list[MarkProblem] = []
    open_at: int | None = None
    opener = ""
    depth = 0  # inner quotes inside the open one
    inner_ascii = False
    first = start
    while first < stop and text[first] in SPACES:
        first += 1
    # «'Donald Trump, le président turc … ne me dérange pas.»: a paragraph opened by a single mark, never closed.
    opened = first + 1 < stop and text[first] in "'‘" and text[first + 1].isupper()
    if opened and not re.search(r"[\w.!?…]['’](?:[\s,;:.]|$)", text[first + 1 : stop]):
        problems.append(MarkProblem("single_mark_quote", first, "paragraph opened by a single quotation mark"))
        return [_span(text, first, stop, closed=False)], problems
    for mark in _MARK.finditer(text, start, stop):
        i, ch = mark.start(), mark.group()
        if open_at is None:
            if ch in CLOSERS:
                problems.append(MarkProblem("stray_closing_mark", i, f"closing mark {ch!r} with no opening mark"))
                continue
            open_at, opener, depth, inner_ascii = i, ch, 0, False
            continue
        # A quote is open.
        if ch == AMBIGUOUS and opener != AMBIGUOUS:
            if not inner_ascii and not depth and _closing_position(text, i, stop):
                # «“ … UE."»: a straight mark where a closing mark would stand closes the quote.
                problems.append(MarkProblem("mismatched_marks", i, f"quote opened with {opener!r} closed with {ch!r}"))
                spans.append(_span(text, open_at, i, closed=True))
                open_at = None
                continue
            inner_ascii = not inner_ascii
            continue
        if ch == AMBIGUOUS and opener == AMBIGUOUS and _opening_position(text, i, stop):
            depth += 1  # «"… le groupe "terroriste", …"»: a quotation inside a straight-quoted one
            continue
        if ch == AMBIGUOUS and opener == AMBIGUOUS and depth:
            depth -= 1
            continue
        if ch == AMBIGUOUS or ch in CLOSERS:
            if depth and ch != AMBIGUOUS:
                depth -= 1
                continue
            if ch != _PARTNER.get(opener, ch):
                problems.append(MarkProblem("mismatched_marks", i, f"quote opened with {opener!r} closed with {ch!r}"))
            spans.append(_span(text, open_at, i, closed=True))
            open_at = None
            continue
        # An opening-type mark while a quote is open.
        if ch == opener and _closes_here(text, i, stop, start):
            problems.append(MarkProblem("reversed_closing_mark", i, f"quote closed with the opening mark {ch!r}"))
            spans.append(_span(text, open_at, i, closed=True))
            open_at = None
        elif ch == opener == "«" and depth == 0:
            # «« A « B »»: a second guillemet opens a nested quote only if it is later closed.
            depth += 1
        else:
            depth += 1
    if open_at is not None:
        problems.append(MarkProblem("unclosed_quote", open_at, "quote not closed before the end of the paragraph"))
        if opener != AMBIGUOUS:
            # A lone straight quote is as often an inch mark or a typo as a quote: only « “ ‹ run on.
            spans.append(_span(text, open_at, stop, closed=False))
    return [s for s in spans if s.end > s.start], problems


def _span(text: str, open_at: int, close_at: int, *, closed: bool) -> MarkedSpan:
    start, end = trim(text, open_at + 1, close_at)
    return MarkedSpan(start, end, open_at, close_at + 1 if closed else close_at, closed)
