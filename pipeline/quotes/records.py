"""The records the quote passes hand to each other.

A :class:`Candidate` is born in :mod:`.candidates` with its kind, a provisional content span and what
triggered it; :mod:`.cues` fills its cue and :class:`Source`; :mod:`.content` fixes its span (and may
split, merge or drop it); :mod:`.speakers` pairs each one with a resolved speaker. Records are frozen:
a pass returns new records (``dataclasses.replace``), it never edits those it was given.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .marks import MarkedSpan


@dataclass(frozen=True)
class Cue:
    """A speech verb and the span of its verb group in the text."""

    verb: Token
    lemma: str
    start: int
    end: int


@dataclass(frozen=True)
class Source:
    """Where a quote's speaker is written.

    ``how`` is one of
      - ``subject``: the subject of the cue verb (written before it, or inverted after it in an incise);
      - ``phrase``: the noun phrase ``text[start:end]`` («selon X», «Comme X l'a dit», «Pour X,», a label);
      - ``label``: a transcript turn's label (``start:end``), or an unlabelled interview turn (role in ``role``);
      - ``context``: nothing in the quote's own frame: the speaker comes from the quotes around it;
    """

    how: str
    start: int | None = None
    end: int | None = None
    inverted: bool = False
    role: str | None = None


CONTEXT = Source("context")


@dataclass(frozen=True)
class Candidate:
    """A stretch of text that may be reported speech.

    Attributes:
        kind: ``direct``, ``indirect`` or ``turn``.
        start, end: the content span (provisional until :mod:`.content` has bounded it).
        trigger: the construction that made it a candidate (``marks``, ``que``, ``inf``, ``attr``,
            ``incise``, ``according``, ``as_said``, ``relative``, ``headline``, ``turn``).
        cue: the speech verb and its group, when the construction has one.
        cue_span: the cue's span in the text when it is not a verb («selon», a label, «Déclaration»).
        source: where the speaker is written (None until :mod:`.cues` has run).
        marks: the quotation marks of a direct quote.
    """

    kind: str
    start: int
    end: int
    trigger: str
    cue: Cue | None = None
    cue_span: tuple[int, int] | None = None
    source: Source | None = None
    marks: MarkedSpan | None = None

    @property
    def cue_offsets(self) -> tuple[int, int] | None:
        """The cue's span: the verb group's, else the non-verbal cue's."""
        if self.cue is not None:
            return (self.cue.start, self.cue.end)
        return self.cue_span
