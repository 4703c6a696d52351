"""Character spans of a document's text that every pass reads alike: its paragraphs, and a span trimmed.

The one home of these rules: a quote is confined to its paragraph (the marks, the turns and the layout
cut the text the same way), and a content's edges lose the same spaces and punctuation in every pass.
"""

from __future__ import annotations

import re

#: A paragraph: a run of characters up to a line or paragraph break.
PARAGRAPH = re.compile(r"[^\n\r\u2028\u2029]+")
#: Spaces inside a line, before a content («a déclaré que  nous…»).
LINE_SPACES = " \t\u00a0\u202f"
#: A speaker's name written before a colon: one to four capitalised words, an honorific and particles
#: allowed («Jens Stoltenberg :», «M. de Hoop Scheffer :»), as headlines and labels write it.
NAME_BEFORE_COLON = r"(?:(?:M\.|Mme)\s+)?[A-ZÀ-Ý][\w'’-]*(?:\s+(?:de\s+|d['’]|von\s+|van\s+)?[A-ZÀ-Ý][\w'’-]*){0,3}"
#: What ends a clause without being part of its content: white space and closing punctuation.
CONTENT_END = " \t\n\r\u00a0\u202f.,;:!?"


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph of ``text``, in order."""
    return [(m.start(), m.end()) for m in PARAGRAPH.finditer(text)]


def trim(
    text: str, start: int, end: int, *, leading: str | None = None, trailing: str | None = None
) -> tuple[int, int]:
    """``[start, end)`` of ``text`` without the characters of ``leading`` at its start and of ``trailing`` at
    its end (white space where None)."""
    while start < end and (text[start].isspace() if leading is None else text[start] in leading):
        start += 1
    while end > start and (text[end - 1].isspace() if trailing is None else text[end - 1] in trailing):
        end -= 1
    return start, end


def trim_content(text: str, start: int, end: int) -> tuple[int, int]:
    """A content clause's span without the spaces before it and the spaces and punctuation after it."""
    return trim(text, start, end, leading=LINE_SPACES, trailing=CONTENT_END)
