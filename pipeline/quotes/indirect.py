"""Indirect quotes: reported speech whose content is a clause.

Constructions: a content clause after a speech verb («a souligné que …»), an incise after the content
(«…, a déclaré le secrétaire général»), «Comme X l'a fait observer, …», «selon / d'après / pour X, …»,
«selon laquelle …», a speech verb with an infinitive («a dit attendre …») and a reporting headline
(«Déclaration du secrétaire général : <clause>»). Negated cues («n'a pas dit que») report nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .cues import Cue, cue_of, incise_after, is_negated, sentence_of, speech_lemma
from .resources import QuoteResources

#: Words that make «X que» a conjunction rather than a content clause («pour que», «en tant que», «alors que»).
_LOCUTION_HEADS = frozenset(
    "pour afin avant sans alors tandis bien tant sorte ainsi parce dès depuis pendant après moins plus autant même"
    " lors jusqu' jusqu’ tel telle tels telles si aussi".split()
)
#: Nouns whose complement is a content clause after a speech verb («a exprimé l'espoir que», «le fait que»).
_CONTENT_NOUNS = frozenset("fait espoir conviction idée certitude assurance avis sentiment crainte regret".split())
_TRAILING = " \t\n\r\u00a0\u202f.,;:!?"


@dataclass(frozen=True)
class IndirectCandidate:
    """Content span of an indirect quote, its cue, and where its speaker is to be found."""

    start: int
    end: int
    cue: Cue | None
    cue_text_span: tuple[int, int] | None
    #: the span of the noun phrase naming the speaker («selon X», «Comme X l'a dit»), when not the cue's subject
    phrase: tuple[int, int] | None = None
    inverted: bool = False


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\u00a0\u202f":
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return start, end


def _content_end(doc: Doc, sentence: Span, after: int, verb: Token | None, resources: QuoteResources) -> int:
    """Where a content clause starting at ``after`` ends: the sentence end, or an earlier clause boundary."""
    end: int = sentence.end_char
    for token in sentence:
        if token.idx <= after:
            continue
        prev = doc[token.i - 1] if token.i > sentence.start else None
        # «…, précisant que …», «…, et il a ajouté …»: another clause of the reporting frame.
        if (
            prev is not None
            and prev.text == ","
            and (
                (token.text.lower() in ("et", "mais") and _starts_clause(doc, token.i + 1))
                or (
                    token.morph.get("VerbForm") == ["Part"]
                    and token.morph.get("Tense") == ["Pres"]
                    and speech_lemma(token, resources) is not None
                )
            )
        ):
            end = prev.idx
            break
        if (
            token.text.lower() in ("et", "mais")
            and verb is not None
            and _frame_clause(doc, token.i + 1, verb, resources)
        ):
            # «… et a réaffirmé que …», «… et il a exhorté …»: the reporting frame goes on.
            end = prev.idx + len(prev.text) if prev is not None and prev.text != "," else token.idx
            break
        if (
            prev is not None
            and prev.text == ","
            and token.text.lower() in ("tandis", "alors", "avant", "après")
            and (
                token.i + 1 < sentence.end
                and doc[token.i + 1].text.lower() in ("que", "qu'", "qu’", "de", "d'", "d’", "avoir")
            )
        ):
            end = prev.idx  # «…, tandis que M. X a salué …»: another clause
            break
        if token.text == ":" and token.i + 1 < sentence.end and doc[token.i + 1].text in ("«", "“", '"'):
            end = token.idx
            break
    if verb is not None and verb.i < sentence.end and verb.head.i > verb.i and verb.dep_ in ("advcl", "acl", "conj"):
        # «Reconnaissant que …, les deux délégations ont encouragé …»: the content ends before the main clause.
        main = verb.head
        subjects = [c for c in main.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i < main.i]
        boundary = int(subjects[0].left_edge.idx if subjects else main.left_edge.idx)
        if after < boundary < end:
            end = boundary
    return end


def _frame_clause(doc: Doc, i: int, verb: Token, resources: QuoteResources) -> bool:
    """Whether the clause starting at token ``i`` (after «et») is coordinated with the cue ``verb``."""
    for token in doc[i : i + 5]:
        if token.pos_ == "VERB":
            return (speech_lemma(token, resources) is not None and token.head.i <= verb.i) or any(
                t.text.lower() in ("il", "elle", "ils", "elles") for t in doc[i : token.i]
            )
        if token.pos_ not in ("AUX", "PRON", "ADV"):
            return False
    return False


def _starts_clause(doc: Doc, i: int) -> bool:
    """Whether a new clause with its own subject or verb starts at token ``i`` («et il …», «et a ajouté»)."""
    if i >= len(doc):
        return False
    token = doc[i]
    return token.text.lower() in ("il", "elle", "ils", "elles") or (
        token.pos_ == "AUX" and any(t.pos_ == "VERB" for t in doc[i : i + 4])
    )


def que_clauses(doc: Doc, resources: QuoteResources, text: str) -> list[IndirectCandidate]:
    """Content clauses after a speech verb («a souligné que …», «rappelant qu'…», «estime que …»)."""
    found = []
    used: set[int] = set()
    for token in doc:
        lower = token.text.lower()
        if lower not in ("que", "qu'", "qu’") or (token.pos_ == "PRON" and token.dep_ != "mark"):
            continue  # a relative «que» («les efforts que le Japon déploie») introduces no content
        verb = _governing_verb(token, resources)
        if verb is None or verb.i in used:
            continue
        used.add(verb.i)
        lemma = speech_lemma(verb, resources)
        if lemma is None or "que" not in resources.frames(lemma) or is_negated(verb):
            continue
        sentence = sentence_of(token)
        after = token.idx + len(token.text)
        end = _content_end(doc, sentence, after, verb, resources)
        start, end = _trim(text, after, end)
        if end <= start:
            continue
        cue = cue_of(verb, lemma)
        found.append(IndirectCandidate(start, end, cue, (cue.start, cue.end)))
    return found


def infinitive_contents(doc: Doc, resources: QuoteResources, text: str) -> list[IndirectCandidate]:
    """«M. Scholz a dit attendre de la Russie qu'elle …»: a saying verb whose content is an infinitive clause."""
    found = []
    for verb in doc:
        lemma = speech_lemma(verb, resources)
        if lemma is None or "inf" not in resources.frames(lemma) or is_negated(verb):
            continue
        for child in verb.children:
            if child.dep_ == "xcomp" and child.morph.get("VerbForm") == ["Inf"] and 0 < child.i - verb.i <= 3:
                if any(t.pos_ == "ADP" and t.i < child.i and t.head.i == child.i for t in child.children):
                    break  # «déclaré prêt à», «dit de faire»: an exhortation, not content
                after = child.idx
                end = _content_end(doc, sentence_of(verb), after, verb, resources)
                start, end = _trim(text, after, end)
                if end > start:
                    cue = cue_of(verb, lemma)
                    found.append(IndirectCandidate(start, end, cue, (cue.start, cue.end)))
                break
    return found


def _governing_verb(que: Token, resources: QuoteResources) -> Token | None:
    """The speech verb a «que» depends on: by the parse, else the nearest verb before it."""
    clause = que.head
    if clause is not que and clause.dep_ in ("ccomp", "csubj", "obj", "xcomp") and clause.head is not clause:
        candidate = clause.head
        if candidate.dep_ == "xcomp" and speech_lemma(candidate, resources) is None:
            candidate = candidate.head  # «s'est dit convaincu que», «s'est déclaré certain que»
        if speech_lemma(candidate, resources) is not None and candidate.i < que.i:
            return candidate
    doc = que.doc
    before = doc[que.i - 1] if que.i > 0 else None
    if before is not None and before.text.lower() in _LOCUTION_HEADS:
        return None  # «pour que», «en tant que», «alors que»: a conjunction, not a content clause
    if before is not None and before.pos_ == "NOUN" and before.lemma_.lower() not in _CONTENT_NOUNS:
        return None  # «la mission que l'Alliance mène»: a relative clause
    # «a déclaré, lors d'une conférence de presse, que …»: a parenthesis may stand between verb and «que».
    reach = 16 if before is not None and before.text == "," else 7
    for j in range(que.i - 1, max(sentence_of(que).start, que.i - reach) - 1, -1):
        token = doc[j]
        if token.text in (".", ";", ":", "«", "»") or token.text.lower() in ("que", "qu'", "qu’"):
            return None
        if token.pos_ in ("VERB", "AUX") and speech_lemma(token, resources) is not None:
            return token
        if token.pos_ in ("VERB", "AUX") and token.lemma_ not in ("avoir", "être"):
            head = token.head
            if token.dep_ == "xcomp" and head.i < token.i and speech_lemma(head, resources) is not None:
                return head
            return None
    return None


def incise_contents(doc: Doc, resources: QuoteResources, sentence: Span, text: str) -> IndirectCandidate | None:
    """«<content>, a déclaré X …»: content from the sentence start to the comma before an inverted cue."""
    for token in sentence:
        if token.text != "," or token.i == sentence.start:
            continue
        cue = incise_after(doc, token.idx + 1, sentence, resources)
        if cue is None or cue.verb.i - token.i > 6 or "incise" not in resources.frames(cue.lemma):
            continue
        if not _inverted(cue, doc, resources):
            continue
        before = text[sentence.start_char : token.idx].strip()
        if not before or before[-1] in '»”"' or before[0] in '«“"':
            return None
        # The content must be a clause of its own, not a noun phrase («Le traité, a-t-il rappelé»).
        span = doc.char_span(sentence.start_char, token.idx, alignment_mode="expand")
        if span is None or len(span) < 4 or not any(_finite(t) for t in span):
            return None
        if span[-1].ent_type_ == "PER":
            return None  # «…, le ministre, Andriy Sybiha, a déclaré que»: the subject, not a content
        start, end = _trim(text, sentence.start_char, token.idx)
        return IndirectCandidate(start, end, cue, (cue.start, cue.end), inverted=True)
    return None


def _finite(token: Token) -> bool:
    """Whether ``token`` is a finite verb (the model leaves some verbs without a form: they count)."""
    form = token.morph.get("VerbForm")
    return token.pos_ in ("VERB", "AUX") and (form == ["Fin"] or (not form and token.text.lower()[-1:] != "r"))


def _inverted(cue: Cue, doc: Doc, resources: QuoteResources) -> bool:
    """Whether the subject of an incise verb follows it («a déclaré M. X», «a-t-il dit»), as an incise needs."""
    verb = cue.verb
    if verb.morph.get("VerbForm") in (["Inf"],) or (
        verb.morph.get("VerbForm") == ["Part"] and verb.morph.get("Tense") == ["Pres"]
    ):
        return False
    if any(t.text.lower() in ("-il", "-elle", "-ils", "-elles") for t in doc[verb.i - 3 : verb.i + 2]):
        return True
    before = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i < verb.i]
    if before:
        return False
    j = verb.i + 1
    while j < len(doc) and doc[j].text.lower() in resources.words("time_word"):
        j += 1
    nxt = doc[j] if j < len(doc) else None
    return (
        nxt is not None
        and sentence_of(nxt) == sentence_of(verb)
        and (nxt.pos_ in ("DET", "PROPN") or nxt.text in ("M.", "Mme") or nxt.text.lower() in ("à", "aux", "au"))
    )


_AS_SAID = re.compile(r"^\s*Comme\s+(?P<who>.{1,80}?)\s+(?:l['’]\s*|le\s+)?(?:a|ont|avait|l['’]a)\b.{0,40}?,\s*")
#: «Comme l'a souligné le secrétaire général, …», «Ainsi que l'a rappelé M. X, …»: the subject after the verb.
_AS_SAID_INVERTED = re.compile(
    r"^\s*(?:Comme|Ainsi que)\s+(?:l['’]\s*|le\s+)(?:a|ont|avait)\s+(?:[\w’'-]+\s+){0,2}?(?P<verb>[\w-]+)\s+"
    r"(?P<who>[^,]{2,80}),\s*"
)
_ACCORDING = re.compile(r"^\s*(?P<cue>Selon|D['’]après|Pour)\s+(?P<who>[^,]{2,90}?),\s*(?P<content>\S)")
_ACCORDING_END = re.compile(r",\s*(?P<cue>selon|d['’]après)\s+(?P<who>[^,.;]{2,90}?)\s*[.!?]?\s*$")


_NAME_PARTICLES = frozenset({"de", "du", "des", "von", "van", "der", "den", "al", "el", "ben", "bin", "la", "le", "-"})


def _apposed_name(doc: Doc, sentence: Span, at: int) -> tuple[tuple[int, int], int] | None:
    """A proper name in apposition starting at ``at`` and closed by a comma: its span and where content starts."""
    tokens = [t for t in sentence if t.idx >= at]
    name: list[Token] = []
    for token in tokens:
        if token.text == ",":
            break
        name.append(token)
        if len(name) > 5:
            return None
    else:
        return None
    if not name or not name[0].text[:1].isupper() or len(name) == len(tokens) - 1:
        return None
    if not all(t.pos_ == "PROPN" or t.text.lower() in _NAME_PARTICLES for t in name):
        return None
    comma = tokens[len(name)]
    return (name[0].idx, name[-1].idx + len(name[-1].text)), comma.idx + 1


def framed_contents(doc: Doc, resources: QuoteResources, sentence: Span, text: str) -> list[IndirectCandidate]:
    """«Comme X l'a fait observer, …», «Selon X, …», «…, d'après X», «Pour X, …»."""
    found = []
    s_text = text[sentence.start_char : sentence.end_char]
    match = _AS_SAID.match(s_text)
    if match:
        verbs = [
            t
            for t in sentence
            if sentence.start_char + match.start("who") < t.idx < sentence.start_char + match.end()
            and speech_lemma(t, resources) is not None
        ]
        if verbs:
            verb = verbs[-1]
            lemma = speech_lemma(verb, resources) or verb.lemma_
            start, end = _trim(text, sentence.start_char + match.end(), sentence.end_char)
            cue = cue_of(verb, lemma)
            who = (sentence.start_char + match.start("who"), sentence.start_char + match.end("who"))
            found.append(IndirectCandidate(start, end, cue, (cue.start, cue.end), who))
    match = _AS_SAID_INVERTED.match(s_text)
    if match:
        verbs = [t for t in sentence if t.idx == sentence.start_char + match.start("verb")]
        lemma = speech_lemma(verbs[0], resources) if verbs else None
        if verbs and lemma is not None:
            start, end = _trim(text, sentence.start_char + match.end(), sentence.end_char)
            cue = cue_of(verbs[0], lemma)
            who = (sentence.start_char + match.start("who"), sentence.start_char + match.end("who"))
            found.append(IndirectCandidate(start, end, cue, (cue.start, cue.end), who))
    match = _ACCORDING.match(s_text)
    if match:
        content = sentence.start_char + match.start("content")
        who = (sentence.start_char + match.start("who"), sentence.start_char + match.end("who"))
        name = _apposed_name(doc, sentence, content)
        if name is not None:
            # «Pour la ministre suédoise, Ann Linde, une adhésion…»: the name is the speaker, not content.
            who, content = name
        start, end = _trim(text, content, sentence.end_char)
        cue_span = (sentence.start_char + match.start("cue"), sentence.start_char + match.end("cue"))
        found.append(IndirectCandidate(start, end, None, cue_span, who))
    match = _ACCORDING_END.search(s_text)
    if match:
        start, end = _trim(text, sentence.start_char, sentence.start_char + match.start())
        who = (sentence.start_char + match.start("who"), sentence.start_char + match.end("who"))
        cue_span = (sentence.start_char + match.start("cue"), sentence.start_char + match.end("cue"))
        found.append(IndirectCandidate(start, end, None, cue_span, who))
    for token in sentence:
        if (
            token.text.lower() in ("laquelle", "lequel", "lesquelles", "lesquels")
            and token.i > sentence.start
            and (doc[token.i - 1].text.lower() == "selon")
        ):
            head = doc[token.i - 2] if token.i - 2 >= sentence.start else None
            noun = head
            while noun is not None and noun.pos_ not in ("NOUN", "PROPN") and noun.i > sentence.start:
                noun = doc[noun.i - 1]
            after = token.idx + len(token.text)
            end = _content_end(doc, sentence, after, None, resources)
            start, end = _trim(text, after, end)
            if noun is not None and end > start:
                # «l'analyse des États-Unis selon laquelle»: the analysis's author speaks.
                owner = noun
                while owner.dep_ in ("nmod",) and owner.head.i < owner.i:
                    owner = owner.head
                who = (owner.left_edge.idx, doc[token.i - 1].idx)
                found.append(IndirectCandidate(start, end, None, (doc[token.i - 1].idx, after), who))
    return found


def headline(doc: Doc, resources: QuoteResources, first_line: tuple[int, int], text: str) -> IndirectCandidate | None:
    """A reporting headline as a document's first line.

    «Déclaration du secrétaire général (depuis Tbilissi) : <clause>», or a speaker and a colon before a
    clause («Stoltenberg : l'Ukraine deviendra membre de l'OTAN»; the caller checks that it names a person).
    """
    line = text[first_line[0] : first_line[1]]
    match = re.match(
        r"^\s*(?P<cue>(?:"
        + "|".join(sorted(resources.words("headline_noun")))
        + r"))\s+(?P<who>(?:du|de la|de l['’]|de)\s+[^:]{2,120}?)"
        r"\s*:\s*(?P<content>[^«“\"\s].*)$",
        line,
        flags=re.IGNORECASE,
    )
    named = None if match else _HEADLINE_SPEAKER.match(line)
    if not match and not named:
        return None
    found = match or named
    assert found is not None
    start, end = _trim(text, first_line[0] + found.start("content"), first_line[1])
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not any(_finite(t) for t in span):
        return None  # «Visite du secrétaire général en Iraq : …» names an event
    who = (first_line[0] + found.start("who"), first_line[0] + found.end("who"))
    if match:
        cue_span = (first_line[0] + match.start("cue"), first_line[0] + match.end("cue"))
        return IndirectCandidate(start, end, None, cue_span, who)
    return IndirectCandidate(start, end, None, None, who)


#: «Stoltenberg : <clause>», «Le secrétaire général de l'OTAN : <clause>»: a headline giving the speaker first.
_HEADLINE_SPEAKER = re.compile(
    r"^\s*(?P<who>(?:(?:M\.|Mme)\s+)?[A-ZÀ-Ý][\w'’-]*(?:\s+(?:de\s+|d['’]|von\s+|van\s+)?[A-ZÀ-Ý][\w'’-]*){0,3}"
    r"|(?:[Ll]e|[Ll]a)\s+(?:secrétaire|président|premier|première|ministre|chef)[^:]{0,60}?)"
    r"\s*:\s*(?P<content>[^«“\"\s].*)$"
)
