"""Doc → Quote records (and Issue records): direct quotes, indirect quotes and transcript turns.

The document is read in order: transcript turns first (a turn swallows the quotes inside it), then
quotation marks are paired, then every direct quote and indirect-quote candidate is attributed in
text order, so that a quote without a cue of its own, or a pronoun, can lean on what came before.
A direct quote's cue is an incise after it («», a-t-il déclaré»), else a speech verb before it in its
sentence, else a colon intro in the sentence before; its speaker is the cue's subject, resolved by
:class:`~.speakers.SpeakerResolver`. Short fragments without a cue are names or scare quotes.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..nlp import model_text
from ..schema import UNKNOWN_SPEAKER, Entity, Issue, Quote, Sentence
from .cues import Cue, cue_of, incise_after, sentence_of, speech_lemma, subject_of
from .indirect import (
    IndirectCandidate,
    framed_contents,
    headline,
    incise_contents,
    infinitive_contents,
    que_clauses,
)
from .marks import MarkedSpan, pair_marks
from .resources import QuoteResources
from .speakers import FIRST_PERSON, UNKNOWN, Resolution, SpeakerResolver, clean_text, fold
from .turns import Turn, find_turns, label_name, turn_speaker

STAGE = "quotes"
#: A quoted fragment this short, with no speech verb to govern it, is a name or a scare quote.
MAX_SCARE_WORDS = 4
_PARAGRAPH = re.compile(r"[^\n\r\u2028\u2029]+")
#: «…, a-t-il souligné. …» inside quotation marks: the cue interrupts the quote without marks.
_INNER_INCISE = re.compile(
    r",\s+(?:(?:a|ont|avait|avaient)-t?-?(?:il|elle|ils|elles)|\w+-t-(?:il|elle)|\w+-(?:il|elle))"
    r"(?:\s+[\w’'-]+){0,3}?\s*[.,;]\s+"
)


#: An impersonal frame before an infinitive cue («Il faut rappeler que», «Il est important de souligner que»).
_IMPERSONAL = re.compile(
    r"\b(?:[Ii]l|[Cc]e|[Cc]ela)\s+(?:ne\s+)?(?:faut|fallait|faudra|faudrait|convient|importe|est|était|sera|serait|"
    r"reste|semble|s['’]agit|vaut)\b[^.;:]{0,50}$"
)
#: «Jens Stoltenberg : « … »», «Le secrétaire général : « … »»: a name or title and a colon before a quote.
_NAME_LABEL = re.compile(
    r"^\s*((?:(?:M\.|Mme)\s+)?[A-ZÀ-Ý][\w'’-]*(?:\s+(?:de\s+|d['’]|von\s+|van\s+)?[A-ZÀ-Ý][\w'’-]*){0,3})\s*:\s*$"
)
_TITLE_LABEL = re.compile(r"^\s*((?:[Ll]e|[Ll]a|[Ll]['’])\s*[\w'’ -]{3,60}?)\s*:\s*$")
#: Where the subject written after an incise verb ends («a déclaré M. X lors de …», «…, avant d'ajouter»).
_SUBJECT_END = re.compile(
    r"[.;:«»“”(]|,\s*(?:avant|après|en|lors|tout|ajoutant|soulignant|précisant)\b"
    r"|\s(?:lors|avant|après|dans|devant|pendant|depuis|au cours)\b"
)


def _mask_abbreviations(text: str) -> str:
    """``text`` with the periods of «M.», «Mme.», «Dr.» masked (same length), so they do not end a phrase."""
    return re.sub(r"\b(M|MM|Dr|Pr|Mme|Me|St|J|[A-Z])\.", lambda m: m.group(1) + "_", text)


@dataclass
class _Found:
    start: int
    end: int
    kind: str
    speaker: Resolution
    cue: tuple[int, int] | None


class _Extraction:
    """The state of extracting the quotes of one document."""

    def __init__(
        self,
        doc: Doc,
        doc_id: str,
        text: str,
        sentences: Sequence[Sentence],
        entities: Sequence[Entity],
        date: dt.date | None,
        resources: QuoteResources,
        target_speakers: Sequence[str],
    ) -> None:
        self.doc = doc
        self.doc_id = doc_id
        self.text = text
        self.sentences = sentences
        self.resources = resources
        self.issues: list[Issue] = []
        self.found: list[_Found] = []
        self.resolver = SpeakerResolver(doc, text, entities, date, resources, target_speakers)
        self.paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
        self.turns: list[Turn] = []
        self.marked: list[MarkedSpan] = []
        self._mark_starts: list[int] = []
        self._token_starts = [t.idx for t in doc]
        #: the Doc's text (typographic variants folded, same offsets); ``Doc.text`` rebuilds it on every access
        self.model_text = model_text(text)
        self._paragraph_starts = [p[0] for p in self.paragraphs]

    # --- helpers --------------------------------------------------------------------------------

    def issue(self, code: str, start: int | None, message: str) -> None:
        self.issues.append(Issue(doc_id=self.doc_id, stage=STAGE, code=code, start=start, message=message))

    def paragraph_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._paragraph_starts, offset) - 1)

    def in_turn(self, offset: int) -> bool:
        return any(t.label_start <= offset < t.end for t in self.turns)

    def in_marks(self, offset: int) -> MarkedSpan | None:
        """The quotation marks around ``offset``, if any (pairs do not overlap: a bisection finds them)."""
        i = bisect.bisect_right(self._mark_starts, offset) - 1
        if i >= 0 and self.marked[i].open_at <= offset < self.marked[i].close_end:
            return self.marked[i]
        return None

    def sentence_at(self, offset: int) -> Span:
        token = self._token_at(offset)
        return sentence_of(token)

    def _token_at(self, offset: int) -> Token:
        i = max(0, bisect.bisect_right(self._token_starts, offset) - 1)
        return self.doc[min(i, len(self.doc) - 1)]

    # --- turns ----------------------------------------------------------------------------------

    def find_turns(self) -> None:
        self.turns = find_turns(self.text, self.resources)
        for turn in self.turns:
            first = self.paragraphs[0] if self.paragraphs else (0, 0)
            speaker = turn_speaker(turn, self.resolver, first)
            if not speaker.known and self.resources.turn_labels.get(label_name(turn.label).lower()) != "UNKNOWN":
                self.issue("unresolved_speaker", turn.label_start, f"turn label {turn.label!r} names no known speaker")
            self.found.append(_Found(turn.start, turn.end, "turn", speaker, (turn.label_start, turn.label_end)))

    # --- salience -------------------------------------------------------------------------------

    def note_subjects(self) -> None:
        """Record every named subject of the document, so that pronouns can refer back to it."""
        for token in self.doc:
            if token.dep_ not in ("nsubj", "nsubj:pass") or token.pos_ == "PRON":
                continue
            if self.in_marks(token.idx) or self.in_turn(token.idx):
                continue
            resolution = self.resolver.subject(token)
            if resolution.kind == "person":
                self.resolver.note(token.idx, resolution)

    # --- direct quotes --------------------------------------------------------------------------

    def direct_quotes(self) -> None:
        spans, problems = pair_marks(self.text)
        for problem in problems:
            self.issue(problem.code, problem.offset, problem.message)
        self.marked = sorted((s for s in spans if not self.in_turn(s.open_at)), key=lambda s: s.open_at)
        self._mark_starts = [s.open_at for s in self.marked]

    def attribute_direct(self, span: MarkedSpan, previous: _Found | None) -> None:
        text = self.text
        words = re.findall(r"\w+", text[span.start : span.end])
        short = len(words) <= MAX_SCARE_WORDS and not re.search(r"[.!?…]$", text[span.start : span.end])
        cue, inverted = self._own_cue(span)
        if not inverted and self._named(span):
            return
        if cue is None and short:
            container = self._inside_indirect(span)
            if container is not None:
                self.found.append(_Found(span.start, span.end, "direct", container.speaker, container.cue))
                return
        if cue is None and short:
            return  # a scare quote or a name: nobody is reported to have said it
        if cue is not None:
            speaker = self._cue_speaker(cue, inverted, previous)
            if speaker.kind == "unknown" and previous is not None:
                speaker = previous.speaker
            cue_span: tuple[int, int] | None = (cue.start, cue.end)
        else:
            cue_span = None
            speaker = self._byline(span) or self._next_paragraph(span) or self._continuation(span, previous)
        if speaker.speaker == "FIRST_PERSON":
            return
        if not speaker.known:
            self.issue(
                "unresolved_speaker",
                span.start,
                f"no speaker found for the quote {text[span.start : span.start + 40]!r}",
            )
        self.resolver.note(cue_span[0] if cue_span else span.start, speaker)
        for start, end, inner_cue in self._split_inner_incise(span):
            self.found.append(_Found(start, end, "direct", speaker, inner_cue or cue_span))

    def _own_cue(self, span: MarkedSpan) -> tuple[Cue | None, bool]:
        """The cue of a direct quote in its own sentence: an incise after it, else a speech verb before it."""
        sentence = self.sentence_at(span.open_at)
        close_sentence = self.sentence_at(max(span.open_at, span.close_end - 1))
        cue = incise_after(self.doc, span.close_end, close_sentence, self.resources) if span.closed else None
        if cue is not None:
            return cue, True
        before = self._cue_before(span, sentence)
        if before is None and not self.text[sentence.start_char : span.open_at].strip():
            before = self._colon_intro(sentence)
        return before, False

    def _colon_intro(self, sentence: Span) -> Cue | None:
        """«Le secrétaire général s'est exprimé en ces termes :¶« … »»: a cue ending the sentence before."""
        if sentence.start == 0:
            return None
        previous = sentence_of(self.doc[sentence.start - 1])
        if not self.text[previous.start_char : previous.end_char].rstrip().endswith(":"):
            return None
        verbs = [t for t in previous if speech_lemma(t, self.resources) is not None and t.pos_ in ("VERB", "AUX")]
        if not verbs:
            return None
        lemma = speech_lemma(verbs[-1], self.resources) or verbs[-1].lemma_
        return cue_of(verbs[-1], lemma)

    def _next_paragraph(self, span: MarkedSpan) -> Resolution | None:
        """A quote left open at the end of its paragraph and continued in the next («« A¶« B », a-t-il dit»)."""
        current = span
        for _ in range(5):
            if current.closed:
                return None
            index = self.paragraph_of(current.open_at)
            if index + 1 >= len(self.paragraphs):
                return None
            nxt = self.paragraphs[index + 1][0]
            following = [s for s in self.marked if s.open_at == nxt]
            if not following:
                return None
            current = following[0]
            cue, inverted = self._own_cue(current)
            if cue is not None:
                speaker = self._cue_speaker(cue, inverted)
                return speaker if speaker.known else None
        return None

    def _inside_indirect(self, span: MarkedSpan) -> _Found | None:
        for found in self.found:
            if found.kind == "indirect" and found.start <= span.open_at and span.end <= found.end:
                return found
        return None

    def _named(self, span: MarkedSpan) -> bool:
        """Whether the marks hold a name or a term («l'initiative « OTAN 2030 »», «la devise : « … »»)."""
        words = self.text[span.start : span.end].split()
        # A quote announced by a colon («a répondu : « Jamais »») or a label («X : « … »») is speech.
        announced = self.text[: span.open_at].rstrip().endswith(":")
        if not announced and 0 < len(words) <= 3 and all(w[:1].isupper() or w[:1].isdigit() for w in words):
            return True  # «Moskva», «Steadfast Defender»
        sentence_like = self.text[span.end - 1] in ".!?…"
        if not announced and not sentence_like and 0 < len(words) <= 6 and words[0][:1].isupper():
            # «Force de réaction de l'OTAN», «Partenariat pour la paix»: a capitalised phrase with no verb.
            inside = self.doc.char_span(span.start, span.end, alignment_mode="expand")
            if inside is not None and not any(t.pos_ in ("VERB", "AUX") for t in inside):
                return True
        paragraph_start = self.paragraphs[self.paragraph_of(span.open_at)][0]
        before = self.text[max(paragraph_start, span.open_at - 40) : span.open_at]
        match = re.search(r"([\w-]+)\s*(?:de|d['’]|:)?\s*$", before)
        return bool(match and match.group(1).lower() in self.resources.naming_nouns)

    def _cue_before(self, span: MarkedSpan, sentence: Span) -> Cue | None:
        """The nearest speech verb before the quote in its sentence, outside other quotes."""
        best = None
        for token in sentence:
            if token.idx >= span.open_at:
                break
            inside = self.in_marks(token.idx)
            if inside is not None and inside is not span:
                continue
            lemma = speech_lemma(token, self.resources)
            if lemma is None or token.pos_ not in ("VERB", "AUX"):
                continue
            if self.resources.frames(lemma) & {"direct", "incise", "que"}:
                best = cue_of(token, lemma)
        if best is None:
            head = self._headline_cue(span, sentence)
            if head is not None:
                return head
        return best

    def _label(self, before: str) -> re.Match[str] | None:
        """A name or title and a colon, all that stands before a quote in its sentence."""
        label = _NAME_LABEL.match(before)
        if label is None:
            label = _TITLE_LABEL.match(before)
            if label is not None and self.resolver.match_title(label.group(1).lower()) is None:
                return None
        return label

    def _headline_cue(self, span: MarkedSpan, sentence: Span) -> Cue | None:
        before = self.text[sentence.start_char : span.open_at]
        nouns = "|".join(sorted(self.resources.words("headline_noun")))
        match = re.match(r"^\s*(" + nouns + r")\b(.{0,120}?):\s*$", before, flags=re.IGNORECASE)
        if match:
            token = self._token_at(sentence.start_char + match.start(1))
            return Cue(token, "déclarer", sentence.start_char + match.start(1), sentence.start_char + match.end(2))
        label = self._label(before)
        if label:
            # «Stoltenberg : « L'OTAN ne faiblira pas »», a headline naming the speaker before a colon.
            token = self._token_at(sentence.start_char + label.start(1))
            return Cue(token, "label", sentence.start_char + label.start(1), sentence.start_char + label.end(1))
        return None

    def _cue_speaker(self, cue: Cue, inverted: bool, previous: _Found | None = None) -> Resolution:
        """Who speaks through ``cue``: its subject, resolved."""
        verb = cue.verb
        if cue.lemma == "label":
            return self._unnamed(self.resolver.phrase(cue.start, cue.end, None), cue.start, cue.end)
        if verb.pos_ == "NOUN" and cue.lemma == "déclarer" and not verb.text.lower().startswith("déclar"):
            return self._phrase_after_of(verb.idx + len(verb.text), cue.end)
        if verb.pos_ == "NOUN":
            return self._phrase_after_of(verb.idx + len(verb.text), cue.end)
        if inverted:
            return self._inverted_speaker(cue)
        form = verb.morph.get("VerbForm")
        own_subject = any(c.dep_ in ("nsubj", "nsubj:pass") for c in verb.children)
        if form == ["Inf"] and _IMPERSONAL.search(self.text[sentence_of(verb).start_char : cue.start]):
            return Resolution("FIRST_PERSON", "first")  # «Il faut rappeler que …»: the author's own frame
        if (form == ["Inf"] or (form == ["Part"] and verb.morph.get("Tense") == ["Pres"])) and not own_subject:
            # «…, rappelant que …», «avant d'ajouter : « … »»: the subject of the main clause.
            if (
                previous is not None
                and previous.speaker.known
                and self.sentence_at(previous.start) == sentence_of(verb)
            ):
                return previous.speaker
            root = sentence_of(verb).root
            if root.i != verb.i and root.pos_ in ("VERB", "AUX"):
                main = cue_of(root, root.lemma_)
                if root.i > verb.i or not self.in_marks(root.idx):
                    return self._left_subject(main)
            if previous is not None:
                return previous.speaker
        return self._left_subject(cue)

    def _left_subject(self, cue: Cue) -> Resolution:
        """The subject written before a verb group («M. Stoltenberg a souligné», «Il a ajouté»)."""
        text = self.text
        sentence = sentence_of(cue.verb)
        before = [t for t in sentence if t.idx < cue.start]
        if before:
            last = before[-1]
            lower = last.text.lower().replace("’", "'")
            if lower in FIRST_PERSON:
                return Resolution("FIRST_PERSON", "first")
            if lower in ("il", "elle", "ils", "elles"):
                if lower == "il" and cue.lemma and re.match(r"(est|était|a été)\b", text[cue.start : cue.end]):
                    return UNKNOWN  # impersonal «il est noté que»
                return self.resolver.pronoun(lower, last.idx)
            if lower in ("qui",) and len(before) > 1:
                return self._antecedent(last.idx, sentence)
            if lower in ("comme", "que", "qu'"):
                # «Comme l'a dit le président Kennedy, « … »»: the subject follows the verb.
                inverted = self._inverted_speaker(cue)
                if inverted.known:
                    return inverted
        gap_start = cue.start
        while gap_start > 0 and text[gap_start - 1] in " ,\u00a0":
            gap_start -= 1
        for entity in self.resolver.entities:
            if entity.label == "PERSON" and entity.end == gap_start:
                return self._coordinated(entity) or self.resolver.entity(entity)
        subject = subject_of(cue.verb)
        if (
            subject is not None
            and sentence_of(subject) == sentence
            and not self.in_marks(subject.idx)
            and (subject.i < cue.verb.i or subject.pos_ in ("NOUN", "PROPN"))  # «comme l'a dit le président X»
        ):
            resolution = self._resolve_subject(subject)
            if resolution.known or resolution.kind == "first":
                return resolution
        return self._np_left(cue.start, sentence)

    def _coordinated(self, last: Entity) -> Resolution | None:
        """«M. Stoltenberg et M. Blinken ont souligné»: two people speaking together are a group."""
        for entity in self.resolver.entities:
            if entity.label != "PERSON" or entity.end >= last.start:
                continue
            between = self.text[entity.end : last.start]
            if re.fullmatch(r"\s+et\s+(?:(?:M\.|Mme|le|la)\s+[\w ]{0,40}?)?", between):
                start = entity.start
                honorific = re.search(r"(?:M\.|Mme|MM\.|Monsieur|Madame)\s+$", self.text[max(0, start - 12) : start])
                if honorific:
                    start -= len(honorific.group(0))
                group = clean_text(self.text[start : last.end])
                return Resolution(group, "group", "-", start, last.end)
        return None

    def _antecedent(self, qui: int, sentence: Span) -> Resolution:
        """What a relative «qui» stands for: the name just before it («du Traité de Washington, qui stipule»)."""
        end = qui
        while end > sentence.start_char and self.text[end - 1] in " ,":
            end -= 1
        for entity in self.resolver.entities:
            if entity.end == end:
                return self.resolver.entity(entity)
        before = self.text[sentence.start_char : end]
        match = re.search(r"((?:[A-ZÉ][\w'’-]*)(?:\s+(?:de|d['’]|du|des|la|l['’])?\s*[A-ZÉ][\w'’-]*)*)$", before)
        if match and len(match.group(1)) > 2:
            return Resolution(clean_text(match.group(1)), "org", "-", sentence.start_char + match.start(1), end)
        return self._np_left(end, sentence)

    def _np_left(self, end: int, sentence: Span) -> Resolution:
        """Resolve the noun phrase that ends at ``end`` (appositions included)."""
        tokens = [t for t in sentence if t.idx < end]
        start = end
        for token in reversed(tokens):
            lower = token.text.lower()
            if token.pos_ in ("VERB", "AUX", "SCONJ") or lower in (
                ".",
                ";",
                ":",
                "«",
                "»",
                "“",
                "”",
                "que",
                "qu'",
                "qu’",
                "(",
                ")",
            ):
                break
            if token.text == ",":
                after = self.text[token.idx + 1 : start].strip()
                if not any(
                    e.label == "PERSON" and e.start >= token.idx and e.end <= end for e in self.resolver.entities
                ) and not re.match(r"(M\.|Mme)\s", after):
                    break
            start = token.idx
        if start >= end:
            return UNKNOWN
        span = self.doc.char_span(start, end, alignment_mode="expand")
        head = span.root if span is not None and len(span) else None
        if head is not None and head.pos_ == "PRON":
            return self._resolve_subject(head)
        return self._unnamed(self.resolver.phrase(start, end, None, last_person=True), start, end)

    def _inverted_speaker(self, cue: Cue) -> Resolution:
        """The subject written after an incise («a déclaré M. Stoltenberg», «a-t-il ajouté»)."""
        doc, text = self.doc, self.text
        for token in doc[cue.verb.i - 3 : cue.verb.i + 3]:
            if token.text.lower() in ("-il", "-elle", "-ils", "-elles") and cue.start <= token.idx <= cue.end:
                return self.resolver.pronoun(token.text[1:], token.idx)
        sentence = sentence_of(cue.verb)
        start = cue.end
        rest = _mask_abbreviations(text[start : sentence.end_char])
        days = re.match(
            r"(?:\s*(?:" + "|".join(sorted(self.resources.words("time_word"))) + r")\b)+", rest, flags=re.IGNORECASE
        )
        if days:
            start += days.end()
            rest = _mask_abbreviations(text[start : sentence.end_char])
        skip = re.match(r"\s*(?:à|aux|au)\s+(?:la |les |le |l['’])?[\w-]+\s*", rest)
        if skip and not re.match(r"\s*(?:à|aux|au)\s+(?:la |les |le |l['’])?[\w-]+\s*(?:de |d['’]|du )", rest):
            start += skip.end()
            rest = _mask_abbreviations(text[start : sentence.end_char])
        cut = _SUBJECT_END.search(rest)
        end = start + (cut.start() if cut else len(rest))
        while end > start and text[end - 1] in " ,":
            end -= 1
        if end <= start:
            return UNKNOWN
        words = text[start:end].split()
        if words and words[0].lower() in ("-il", "-elle"):
            return self.resolver.pronoun(words[0][1:], start)
        return self._unnamed(self.resolver.phrase(start, end, None), start, end)

    def _unnamed(self, resolution: Resolution, start: int, end: int) -> Resolution:
        """An explicit subject that names nobody known («un diplomate») stays UNKNOWN: no fallback to others."""
        if resolution.known:
            return resolution
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and any(t.pos_ in ("NOUN", "PROPN") for t in span):
            return Resolution(UNKNOWN_SPEAKER, "unnamed", "-", start, end)
        return resolution

    def _resolve_subject(self, subject: Token) -> Resolution:
        lower = subject.text.lower().replace("’", "'")
        if lower in FIRST_PERSON:
            return Resolution("FIRST_PERSON", "first")
        if lower in ("il", "on") and subject.dep_ == "expl:subj" and not subject.text.startswith("-"):
            return UNKNOWN  # impersonal «il est noté que»
        return self.resolver.subject(subject)

    def _phrase_after_of(self, start: int, end: int) -> Resolution:
        """Resolve «du secrétaire général depuis Tbilissi» (the owner of a headline noun)."""
        phrase = self.text[start:end]
        match = re.match(r"\s*(du|de la|de l['’]|des|de)\s*", phrase)
        if not match:
            return UNKNOWN
        offset = start + match.end()
        rest = self.text[offset:end]
        rest = re.split(r"\s(?:depuis|à|en|sur|au|lors|après|pour)\s|\s*[,:(]", rest)[0]
        resolution = self.resolver.phrase(offset, offset + len(rest))
        if resolution.known:
            return resolution
        title = self.resolver.match_title(rest)
        if title is not None:
            return self.resolver.title_holder(title, rest, offset)
        return UNKNOWN

    def _byline(self, span: MarkedSpan) -> Resolution | None:
        """A quote alone in its paragraph, signed on the next line by a bare name («Emmanuel Macron»)."""
        index = self.paragraph_of(span.open_at)
        paragraph = self.paragraphs[index]
        if self.text[paragraph[0] : span.open_at].strip() or index + 1 >= len(self.paragraphs):
            return None
        nxt = self.paragraphs[index + 1]
        line = self.text[nxt[0] : nxt[1]].strip()
        people = [e for e in self.resolver.entities if e.label == "PERSON" and nxt[0] <= e.start < nxt[1]]
        if people and len(line) <= len(people[0].text) + 4:
            return Resolution(self.resolver.named(people[0]), "person")
        return None

    def _continuation(self, span: MarkedSpan, previous: _Found | None) -> Resolution:
        """A quote with no cue of its own: the speaker of the quote, or the person named as subject, just before.

        Whichever is more recent wins («« A », a déclaré X. Y a pris la parole. « B »» gives B to Y), within
        the quote's paragraph or the one before.
        """
        index = self.paragraph_of(span.open_at)
        salient = self.resolver.last_speaker(span.open_at)
        salient_at = self.resolver.last_salient_offset(span.open_at)
        more_recent = previous is None or not previous.speaker.known or salient_at >= previous.start
        if salient.known and self.paragraph_of(salient_at) >= index - 1 and more_recent:
            return salient
        if previous is not None and previous.speaker.known and self.paragraph_of(previous.start) >= index - 1:
            return previous.speaker
        return previous.speaker if previous is not None else UNKNOWN

    def _split_inner_incise(self, span: MarkedSpan) -> list[tuple[int, int, tuple[int, int] | None]]:
        """Split «« A, a-t-il souligné. B »» into A and B, the cue between them."""
        text = self.text
        for match in _INNER_INCISE.finditer(text, span.start, span.end):
            verbs = [t for t in self.doc if match.start() <= t.idx < match.end() and speech_lemma(t, self.resources)]
            if not verbs:
                continue
            first = (span.start, match.start())
            second = (match.end(), span.end)
            cue_end = match.end()
            while cue_end > match.start() and text[cue_end - 1] in " .,;":
                cue_end -= 1
            cue_start = match.start() + 1
            while text[cue_start] == " ":
                cue_start += 1
            return [(first[0], first[1], (cue_start, cue_end)), (second[0], second[1], (cue_start, cue_end))]
        return [(span.start, span.end, None)]

    # --- indirect quotes ------------------------------------------------------------------------

    def indirect_candidates(self) -> list[IndirectCandidate]:
        doc = self.doc
        candidates = que_clauses(doc, self.resources, self.model_text) + infinitive_contents(
            doc, self.resources, self.model_text
        )
        for sentence in doc.sents:
            incise = incise_contents(doc, self.resources, sentence, self.model_text)
            if incise is not None:
                candidates.append(incise)
            candidates.extend(framed_contents(doc, self.resources, sentence, self.model_text))
        if self.paragraphs:
            head = headline(doc, self.resources, self.paragraphs[0], self.model_text)
            if head is not None:
                candidates.append(head)
        return sorted((c for c in candidates if c.end > c.start), key=lambda c: c.start)

    def attribute_indirect(self, candidate: IndirectCandidate, previous: _Found | None) -> None:
        text = self.text
        if self.in_turn(candidate.start):
            return
        enclosing = self.in_marks(candidate.start)
        if enclosing is not None and enclosing.open_at < candidate.start:
            return  # reported speech nested in a direct quote belongs to it
        opening = self.in_marks(candidate.start)
        if opening is not None and opening.open_at >= candidate.start - 1 and opening.close_end >= candidate.end - 1:
            return  # the whole content clause is quoted: a direct quote only
        if text[candidate.start] in '«“"':
            quoted = self.in_marks(candidate.start)
            if quoted is not None and quoted.close_end >= candidate.end - 1:
                return
        if any(f.start == candidate.start and f.kind == "indirect" for f in self.found):
            return
        if candidate.cue is not None and candidate.phrase is None:
            speaker = self._cue_speaker(candidate.cue, candidate.inverted, previous)
        elif candidate.phrase is not None:
            start, end = candidate.phrase
            phrase = text[start:end]
            lead = re.match(r"\s*(du|de la|de l['’]|des|de)\s+", phrase)
            speaker = self._phrase_after_of(start, end) if lead else self._phrase(start, end)
            cue_word = (
                text[candidate.cue_text_span[0] : candidate.cue_text_span[1]].lower() if candidate.cue_text_span else ""
            )
            if cue_word in ("pour", "") and speaker.kind not in ("person",):
                return  # «Pour la première fois, …», «Bruxelles : …» name no source
        else:
            speaker = UNKNOWN
        if speaker.speaker == "FIRST_PERSON":
            return
        if speaker.kind == "unknown":
            # No subject at all («Il est noté que …»): the speaker of the quote just before.
            speaker = previous.speaker if previous is not None and previous.speaker.known else UNKNOWN
        if not speaker.known:
            self.issue(
                "unresolved_speaker",
                candidate.start,
                f"no speaker found for the indirect quote {text[candidate.start : candidate.start + 40]!r}",
            )
        self.resolver.note(candidate.cue_text_span[0] if candidate.cue_text_span else candidate.start, speaker)
        self.found.append(_Found(candidate.start, candidate.end, "indirect", speaker, candidate.cue_text_span))

    def _phrase(self, start: int, end: int) -> Resolution:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        head = span.root if span is not None else None
        if head is not None and head.pos_ == "PRON":
            return self._resolve_subject(head)
        if head is not None and head.text.lower() in ("lui", "elle", "eux"):
            return self.resolver.pronoun(head.text, start)
        return self.resolver.phrase(start, end, head)

    # --- run ------------------------------------------------------------------------------------

    def run(self) -> None:
        self.find_turns()
        self.direct_quotes()
        self.note_subjects()
        items: list[tuple[int, object]] = [(s.open_at, s) for s in self.marked]
        items += [(c.start, c) for c in self.indirect_candidates()]
        previous: _Found | None = None
        for _, item in sorted(items, key=lambda pair: pair[0]):
            before = len(self.found)
            if isinstance(item, MarkedSpan):
                self.attribute_direct(item, previous)
            elif isinstance(item, IndirectCandidate):
                self.attribute_indirect(item, previous)
            if len(self.found) > before:
                previous = self.found[-1]

    def records(self, target_speakers: Sequence[str]) -> list[Quote]:
        ends = [s.end for s in self.sentences]
        text = self.text

        def sent_id(offset: int) -> int:
            if not self.sentences:
                return 0
            index = min(bisect.bisect_right(ends, offset), len(self.sentences) - 1)
            return self.sentences[index].sent_id

        quotes: list[Quote] = []
        targets = {fold(t) for t in target_speakers}
        # A target given by surname only («Stoltenberg») still flags the full name.
        surnames = {t for t in targets if " " not in t}
        for found in sorted(self.found, key=lambda f: (f.start, f.end)):
            speaker = found.speaker
            cue = _strip(text, found.cue)
            mention = _strip(text, (speaker.mention_start, speaker.mention_end))
            quotes.append(
                Quote(
                    doc_id=self.doc_id,
                    quote_id=len(quotes),
                    start=found.start,
                    end=found.end,
                    text=text[found.start : found.end],
                    kind=found.kind,
                    speaker=speaker.speaker if speaker.known else UNKNOWN_SPEAKER,
                    speaker_text=text[mention[0] : mention[1]] if mention else None,
                    speaker_start=mention[0] if mention else None,
                    speaker_end=mention[1] if mention else None,
                    cue=text[cue[0] : cue[1]] if cue else None,
                    cue_start=cue[0] if cue else None,
                    cue_end=cue[1] if cue else None,
                    sent_start=sent_id(found.start),
                    sent_end=sent_id(max(found.start, found.end - 1)),
                    is_stoltenberg=speaker.kind == "person"
                    and (fold(speaker.speaker) in targets or bool(set(fold(speaker.speaker).split()[-1:]) & surnames)),
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
    """Quotes of a parsed Doc, and the issues met while finding them.

    Args:
        doc: the parsed Doc (its text is ``nlp.model_text(text)``: same offsets).
        text: the file's text; quote, cue and speaker texts are sliced from it.
        date: the document's date, to know who «le secrétaire général» was.
        target_speakers: canonical names flagged ``is_stoltenberg``; their surnames resolve to them.
    """
    if not text.strip() or not len(doc):
        return [], []
    extraction = _Extraction(doc, doc_id, text, sentences, entities, date, resources, target_speakers)
    extraction.run()
    return extraction.records(target_speakers), extraction.issues


__all__ = ["clean_text", "extract_quotes"]
