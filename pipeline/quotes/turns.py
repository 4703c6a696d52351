"""Transcript layout: speaker labels, the turns they open, and interview dialogue without labels.

A label opens a paragraph and names who speaks: «M. Stoltenberg :», «Q -», «SECRÉTAIRE GÉNÉRAL
STOLTENBERG :», «M. le président.» (Sénat), «LE FIGARO. -», «- Euronews : “…”», or a name alone on its
own line («Emmanuel MACRON»). A turn runs from the first word after its label to the next label, or to
the end of the document; a turn wrapped in quotation marks is the text inside them, and a stage
direction in brackets at its end is not part of it. In an interview (several labels), an unlabelled
paragraph that asks a question is a turn of the interviewer; dialogue written with dashes («— …») is
read the same way. The speaker of each turn is resolved in :mod:`.speakers`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..names import strip_article
from .marks import pair_marks
from .resources import QuoteResources
from .spans import paragraphs as paragraph_spans
from .spans import trim

_SPACE = r"[ \t\u00a0\u202f]"
_HONORIFIC_NAME = r"(?:M\.|Mme|MM\.|Monsieur|Madame)\s+[A-ZÀ-Ý][\w'’\-]+(?:\s+[A-ZÀ-Ý][\w'’\-]+){0,3}"
_NAME = r"[A-ZÀ-Ý][\w'’\-]+(?:\s+(?:de\s+|van\s+|von\s+)?[A-ZÀ-Ý][\w'’\-]+){1,3}"
_SINGLE_NAME = r"[A-ZÀ-Ý][\w'’\-]{2,}"
_CAPS = r"[A-ZÀ-Ý][A-ZÀ-Ý'’.\-]*(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'’.\-]*){0,5}"
#: «Vadym OMELCHENKO», «LE FIGARO»: a name whose last word is in capitals, as transcripts write surnames.
_CAPS_SURNAME = r"(?:[A-ZÀ-Ý][\w'’\-]+\s+){0,3}[A-ZÀ-Ý]{2}[A-ZÀ-Ý'’\-]*"
_DASH = "-–—"
#: «Label :», «Label -»: a label and its separator at the start of a paragraph (after an optional dash).
_COLON_LINE = re.compile(
    rf"^{_SPACE}*(?:[{_DASH}]{_SPACE}*)?(?P<label>[^\n:]{{1,60}}?){_SPACE}*(?P<sep>:|-|–|—){_SPACE}+(?=\S)",
    re.MULTILINE,
)
#: «M. le président.», «M. Gabriel Attal, Premier ministre.», «LE FIGARO. -»: a label closed by a period.
_PERIOD_LINE = re.compile(
    rf"^{_SPACE}*(?P<label>(?:(?:M|MM)\.{_SPACE}+)?[^\n.:]{{2,80}}?)\.(?:{_SPACE}+[{_DASH}])?{_SPACE}+(?=\S)",
    re.MULTILINE,
)
_PERIOD_LABEL = re.compile(
    r"(?:M\.|Mme|MM\.)\s+(?:(?:le|la)\s+[\w'’ -]{3,40}|[A-ZÀ-Ý][\w'’\-]+(?:\s+[A-ZÀ-Ý][\w'’\-]+){0,3})"
    r"(?:,\s+[\w'’ -]{3,60})?"
)
#: A name alone on its line, the speech on the next («Emmanuel MACRON»).
_ALONE_LINE = re.compile(rf"^{_SPACE}*(?P<label>{_CAPS_SURNAME}|{_HONORIFIC_NAME}){_SPACE}*$", re.MULTILINE)
#: A stage direction closing a turn: «(Applaudissements sur les travées …)», «[Rires]».
_STAGE_DIRECTION = re.compile(r"\s*(?:\([^()]{3,300}\)|\[[^\[\]]{3,300}\])\s*$")
_OPEN_MARKS = '«“"‹'
_CLOSE_MARKS = '»”"›'


@dataclass(frozen=True)
class Turn:
    """A turn of a transcript: what its speaker says, and the label naming the speaker (empty if none).

    ``role`` says how the speaker is known: ``label`` (from the label), ``interviewer`` (an unlabelled
    question of an interview) or ``interviewee`` (an unlabelled dash answer).
    """

    label: str
    label_start: int
    label_end: int  # end of the separator; == label_start when there is no label
    start: int
    end: int
    role: str = "label"


@dataclass(frozen=True)
class _Label:
    strength: str  # strong, weak, single
    label: str
    start: int  # where the label's paragraph starts
    label_start: int
    label_end: int
    content: int  # where the speech starts


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
    if separator not in (":", "."):
        return None
    named_outlet = re.fullmatch(rf"(?P<who>{_NAME}|{_HONORIFIC_NAME}),\s*(?P<outlet>[\w'’ -]{{2,40}})", label)
    if named_outlet:
        return "weak"  # «James Franey, euronews», «M. Gabriel Attal, Premier ministre»
    titled_name = re.fullmatch(rf"(?P<title>[^,]{{3,60}}),\s*(?P<who>{_NAME}|{_HONORIFIC_NAME})", label)
    if titled_name and _starts_with_title(titled_name.group("title"), resources):
        return "strong"  # «Secrétaire général de l'OTAN, Mark Rutte :»
    if re.fullmatch(_CAPS, label) and sum(c.isalpha() for c in label) >= 2:
        label_words = {w.strip(".").lower() for w in re.split(r"[\s'’]+", label)}
        titles = {t.split()[0] for t in resources.titles}
        honorifics = {h.strip(".").lower() for h in resources.honorifics}
        return "strong" if label_words & (titles | honorifics) else "weak"
    if re.fullmatch(_HONORIFIC_NAME, label):
        return "strong"
    original = strip_article(label)
    words = original.lower()
    # A title alone («Le Secrétaire général :») or followed by a name («Le président Macron :»).
    titled = words in resources.titles or any(
        words.startswith(title + " ") and re.fullmatch(r"(?:\s+[A-ZÀ-Ý][\w'’-]*){1,3}", original[len(title) :])
        for title in resources.titles
    )
    if titled and label[:1].isupper():
        return "strong"
    # «Jens Stoltenberg :», «Vadym OMELCHENKO.» — a bare name counts only among other labels.
    if re.fullmatch(_NAME, label) or re.fullmatch(_CAPS_SURNAME, label):
        return "weak"
    # A one-word label («Reuters :», «Stoltenberg :») only in a transcript that has clearer labels.
    return "single" if re.fullmatch(_SINGLE_NAME, label) else None


def _starts_with_title(phrase: str, resources: QuoteResources) -> bool:
    words = strip_article(phrase).lower()
    return any(words == title or words.startswith(title + " ") for title in resources.titles)


def _labels(text: str, resources: QuoteResources) -> list[_Label]:
    """Every paragraph-initial speaker label of ``text``, by strength, in order."""
    found: dict[int, _Label] = {}
    # «James Franey, euronews :» then «euronews :»: an outlet named beside a journalist labels its turns.
    outlets = {
        m.group("outlet").strip().casefold()
        for m in re.finditer(rf"^{_SPACE}*(?:{_NAME}),{_SPACE}*(?P<outlet>[\w'’ -]{{2,30}}?){_SPACE}*:", text, re.M)
    }
    for match in _COLON_LINE.finditer(text):
        label = match.group("label").strip()
        strength: str | None = _is_label(label, match.group("sep"), resources)
        if strength is None and label.casefold() in outlets:
            strength = "weak"
        if strength is not None:
            found[match.start()] = _Label(
                strength, label, match.start(), match.start("label"), match.end(), match.end()
            )
    for match in _PERIOD_LINE.finditer(text):
        if match.start() in found:
            continue
        label = match.group("label").strip()
        if re.fullmatch(_PERIOD_LABEL.pattern, label):
            strength = "strong"
        elif re.fullmatch(_CAPS_SURNAME, label) and len(label.split()) <= 4:
            strength = "weak"  # «LE FIGARO. -», «Vadym OMELCHENKO. -»
        else:
            strength = None
        if strength is not None:
            found[match.start()] = _Label(
                strength, label, match.start(), match.start("label"), match.end(), match.end()
            )
    for match in _ALONE_LINE.finditer(text):
        end = match.end()
        nxt = re.compile(r"\s*\S").match(text, end)
        if match.start() in found or nxt is None or "\n" not in text[end : nxt.end()]:
            continue
        label = match.group("label").strip()
        if len(label.split()) < 2 and not label.startswith(("M.", "Mme")):
            continue  # one word alone on a line is a heading
        content = nxt.end() - 1
        found[match.start()] = _Label("weak", label, match.start(), match.start("label"), match.end(), content)
    labels = [found[k] for k in sorted(found) if not _headline(text, found[k])]
    if not any(label.strength in ("strong", "weak") for label in labels):
        return []
    if len(labels) < 2:
        labels = [label for label in labels if label.strength == "strong"]
    return labels


def _headline(text: str, label: _Label) -> bool:
    """«Jens Stoltenberg : « L'OTAN va rejoindre … »» as a document's first line: a headline, not a turn.

    A line opening with a dash («- Euronews : “…”») is dialogue, whatever its place.
    """
    if text[: label.start].strip() or text[label.start : label.label_start].strip():
        return False
    line_end = text.find("\n", label.content)
    line = text[label.content : line_end if line_end >= 0 else len(text)].strip()
    return len(line) > 2 and line[0] in _OPEN_MARKS and line.rstrip(".!?")[-1:] in _CLOSE_MARKS


def _is_question(text: str, start: int, end: int) -> bool:
    body = text[start:end].rstrip(" \t\u00a0\u202f" + _CLOSE_MARKS)
    return body.endswith("?")


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A turn's content without outer space, a stage direction at its end, or the marks wrapping it."""
    start, end = trim(text, start, end)
    direction = _STAGE_DIRECTION.search(text, start, end)
    if direction and direction.start() > start:
        end = direction.start()
    if end - start > 2 and text[start] in _OPEN_MARKS:
        # «- Euronews : “…”»: a turn wrapped in quotation marks is the text inside them (a turn that
        # only opens with a quotation, «« A » dit-il, puis …», is not wrapped: it closes earlier).
        closing = end
        while closing > start + 1 and text[closing - 1] in ".,;!? \t":
            closing -= 1
        inner = text[start + 1 : closing - 1]
        if text[closing - 1] in _CLOSE_MARKS and not any(c in "»”›" for c in inner):
            start, end = start + 1, closing - 1
        elif not any(c in '»”›"' for c in text[start + 1 : end]):
            start += 1  # opened and never closed: the turn is the text after the mark
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


def _open_mark_paragraphs(text: str, paragraphs: Sequence[tuple[int, int]]) -> set[int]:
    """Indexes of paragraphs that continue a quotation opened in an earlier paragraph and not yet closed.

    A quotation is open after a paragraph that leaves a mark unclosed; it closes in the first later
    paragraph holding a closing mark that nothing in that paragraph opened.
    """
    inside: set[int] = set()
    open_quote = False
    for index, (start, end) in enumerate(paragraphs):
        spans, problems = pair_marks(text[start:end])
        if open_quote:
            inside.add(index)
            if any(p.code == "stray_closing_mark" for p in problems) or _closes_first(text[start:end]):
                open_quote = False
                continue
        if any(not s.closed for s in spans):
            open_quote = True
    return inside


def _closes_first(paragraph: str) -> bool:
    """Whether a paragraph continuing a quotation ends it with a straight mark («… paranoïa !!!"»)."""
    stripped = paragraph.rstrip(" \t.,;")
    return stripped.endswith(('"', "»", "”")) and paragraph.count('"') % 2 == 1


def find_turns(text: str, resources: QuoteResources, *, split_paragraphs: bool = False) -> list[Turn]:
    """The turns of a transcript or interview, in order (none when the text is not one).

    Args:
        split_paragraphs: give one turn per paragraph (each with its turn's label) instead of one per label.
    """
    labels = _labels(text, resources)
    paragraphs = paragraph_spans(text)
    turns: list[Turn] = []
    if labels:
        continued = _open_mark_paragraphs(text, paragraphs)
        label_starts = {label.start for label in labels}
        # In an interview (several labels), an unlabelled question is the interviewer's turn.
        questions = [
            p
            for index, p in enumerate(paragraphs)
            if len(labels) >= 2
            and p[0] not in label_starts
            and index not in continued
            and _is_question(text, *p)
            and p[0] > _first_before(labels, paragraphs)
        ]
        starts = sorted([(label.start, label) for label in labels] + [(q[0], None) for q in questions])
        for index, (start, label) in enumerate(starts):
            stop = starts[index + 1][0] if index + 1 < len(starts) else len(text)
            if label is None:
                end = next(p[1] for p in paragraphs if p[0] == start)
                content_start, content_end = _trimmed(text, start, min(end, stop))
                if content_end > content_start:
                    turns.append(Turn("", start, start, content_start, content_end, role="interviewer"))
                continue
            for piece_start, piece_end in _pieces(paragraphs, label.content, stop, split_paragraphs):
                content_start, content_end = _trimmed(text, piece_start, piece_end)
                if content_end > content_start:
                    turns.append(Turn(label.label, label.label_start, label.label_end, content_start, content_end))
        return turns
    return _dash_dialogue(text, paragraphs) or _question_answer(text, paragraphs, resources)


def _first_before(labels: Sequence[_Label], paragraphs: Sequence[tuple[int, int]]) -> int:
    """Where unlabelled questions may start: the paragraph just before the first label, or the first label."""
    first = labels[0].start
    before = [p for p in paragraphs if p[1] <= first]
    return before[-1][0] - 1 if before else first


def _pieces(paragraphs: Sequence[tuple[int, int]], start: int, stop: int, split: bool) -> list[tuple[int, int]]:
    if not split:
        return [(start, stop)]
    pieces = []
    for p_start, p_end in paragraphs:
        if p_end <= start or p_start >= stop:
            continue
        pieces.append((max(p_start, start), min(p_end, stop)))
    return pieces


def _dash_dialogue(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[Turn]:
    """An interview written as dialogue: paragraphs opening with a dash, questions and answers.

    A list of items under dashes (a press release's bullet points) is no dialogue: the dashes must
    hold at least one question and one answer.
    """
    dashed = []
    for start, end in paragraphs:
        match = re.match(rf"{_SPACE}*[{_DASH}]{_SPACE}+", text[start:end])
        if match:
            dashed.append((start, start + match.end(), end))
    questions = [d for d in dashed if _is_question(text, d[1], d[2])]
    if len(dashed) < 2 or not questions or len(questions) == len(dashed):
        return []
    turns = []
    for start, content, end in dashed:
        content_start, content_end = _trimmed(text, content, end)
        role = "interviewer" if _is_question(text, content, end) else "interviewee"
        if content_end > content_start:
            turns.append(Turn("", start, start, content_start, content_end, role=role))
    return turns


#: How many paragraphs at the top of a text may say that it is an interview («Entretien avec …»).
INTERVIEW_INTRO = 3
#: A question of an interview is a paragraph this short or shorter (characters).
MAX_QUESTION = 600


def _question_answer(text: str, paragraphs: Sequence[tuple[int, int]], resources: QuoteResources) -> list[Turn]:
    """An interview printed as questions and answers without labels («Entretien …», then Q, A, Q, A).

    The text must say it is an interview near its top (a word of the ``interview_marker`` class), and
    hold at least two questions each followed by an answer. A question is a paragraph ending with «?»;
    its answer runs to the next question; a closing credit («Propos recueillis par …») is no answer.
    """
    intro = " ".join(text[s:e] for s, e in paragraphs[:INTERVIEW_INTRO]).lower()
    if not any(marker in intro for marker in resources.words("interview_marker")):
        return []
    credits = re.compile(r"^\s*propos recueillis\b", re.IGNORECASE)
    body = [p for p in paragraphs if not credits.match(text[p[0] : p[1]])]
    continued = _open_mark_paragraphs(text, body)
    questions = [
        i
        for i, (s, e) in enumerate(body)
        if i not in continued and _is_question(text, s, e) and e - s <= MAX_QUESTION and i + 1 < len(body)
    ]
    answered = [i for i in questions if i + 1 < len(body) and i + 1 not in questions]
    if len(answered) < 2:
        return []
    turns = []
    for n, i in enumerate(questions):
        start, end = _trimmed(text, *body[i])
        turns.append(Turn("", body[i][0], body[i][0], start, end, role="interviewer"))
        stop = questions[n + 1] if n + 1 < len(questions) else len(body)
        if i + 1 < stop:
            start, end = _trimmed(text, body[i + 1][0], body[stop - 1][1])
            if end > start:
                turns.append(Turn("", body[i + 1][0], body[i + 1][0], start, end, role="interviewee"))
    return turns


def label_name(label: str) -> str:
    """A label without its bracketed role («OANA LUNGESCU (Porte-parole de l'OTAN)» → «OANA LUNGESCU»)."""
    return re.sub(r"\s*[(\[][^()\[\]]*[)\]]\s*$", "", label)


def label_parts(label: str) -> tuple[str, str | None]:
    """A label's name and what follows it after a comma («James Franey, euronews» → name, «euronews»)."""
    name = label_name(label)
    if "," in name:
        who, rest = name.split(",", 1)
        return who.strip(), rest.strip() or None
    return name.strip(), None
