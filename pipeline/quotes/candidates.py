"""Pass 1: every stretch of text that may be reported speech, with the construction that makes it one.

Constructions (French grammar, not document layout):
  - a turn of a transcript or an interview (:mod:`.turns`);
  - words in quotation marks (:mod:`.marks`);
  - a content clause after a speech verb: «a souligné que …», «rappelant qu'…», «s'est dit convaincu que …»;
  - an infinitive clause as content: «a dit attendre de la Russie qu'elle …», «a souligné avoir profité …»;
  - an attribute of «se dire» / «se déclarer»: «s'est dit frappé par …»;
  - an incise: «<content>, a déclaré X» at the end of a sentence, or in its middle («Les discussions,
    a-t-il expliqué, se sont …»: two contents);
  - «selon / d'après X, …», «…, selon X», «Pour X, …», «…, selon lui, …», «Comme X l'a dit, …»;
  - «l'analyse de X selon laquelle …» after a noun of saying;
  - a reporting headline: «Déclaration du secrétaire général : <clause>», «Stoltenberg : <clause>».

Candidates carry a provisional content span (to the end of the sentence, where the construction does
not bound it); :mod:`.content` bounds them from the parse. Negated or hypothetical saying («n'a pas
dit que», «il faudrait dire que», «les derniers à affirmer que») makes no candidate.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from ..names import particles, strip_article
from ..tokens import Attribute, tokens_with
from .cues import INCISE_REACH, cue_of, incise_after, is_negated, speech_lemma, speech_verbs
from .layout import Layout, sentence_of
from .records import Candidate, Cue, Source
from .resources import QuoteResources, word_class
from .spans import NAME_BEFORE_COLON, trim_content

_QUE = frozenset({"que", "qu'", "qu’"})
_COMMA = frozenset({","})
_COLON = frozenset({":"})
#: The relative pronouns after «selon» that report somebody's view: «l'analyse selon laquelle …».
_SELON_RELATIVES = frozenset({"laquelle", "lequel", "lesquelles", "lesquels"})
_INVERTED_CLITICS = ("-il", "-elle", "-ils", "-elles")
_AS_SAID = re.compile(r"^\s*Comme\s+(?P<who>.{1,80}?)\s+(?:l['’]\s*|le\s+)?(?:a|ont|avait|l['’]a)\b.{0,40}?,\s*")
#: «Comme l'a souligné le secrétaire général, …», «Ainsi que l'a rappelé M. X, …»: the subject after the verb.
_AS_SAID_INVERTED = re.compile(
    r"^\s*(?:Comme|Ainsi que)\s+(?:l['’]\s*|le\s+)(?:a|ont|avait)\s+(?:[\w’'-]+\s+){0,2}?(?P<verb>[\w-]+)\s+"
    r"(?P<who>[^,]{2,80}),\s*"
)
_ACCORDING = re.compile(r"^\s*(?P<cue>Selon|D['’]après|Pour)\s+(?P<who>[^,]{2,90}?),\s*(?P<content>\S)")
_ACCORDING_END = re.compile(
    r",\s*(?P<cue>selon|d['’]après)\s+(?P<who>(?!laquelle|lequel|lesquel)[^,.;]{2,90}?)\s*[.!?]?\s*$"
)
#: «…, selon lui, …», «… a selon lui été …»: a source pronoun inside the clause it qualifies.
_ACCORDING_INSIDE = re.compile(r"\b(?P<cue>selon|d['’]après)\s+(?P<who>lui|elle|eux|elles)\b")
#: «Stoltenberg : <clause>», «Le secrétaire général de l'OTAN : <clause>»: a headline giving the speaker first.
_HEADLINE_SPEAKER = re.compile(
    rf"^\s*(?P<who>{NAME_BEFORE_COLON}"
    r"|(?:[Ll]e|[Ll]a)\s+(?:secrétaire|président|premier|première|ministre|chef)[^:]{0,60}?)"
    r"\s*:\s*(?P<content>[^«“\"\s].*)$"
)


def finite(token: Token) -> bool:
    """Whether ``token`` is a finite verb (the model leaves some verbs without a form: they count)."""
    form = token.morph.get("VerbForm")
    return token.pos_ in ("VERB", "AUX") and (form == ["Fin"] or (not form and token.text.lower()[-1:] != "r"))


def hypothetical(verb: Token, resources: QuoteResources) -> bool:
    """Whether saying is only envisaged, advised or refused, not reported.

    «il faut rappeler que», «il faudrait dire que», «les derniers à affirmer que», «ne perdons pas de
    temps à dire que», «il est important de souligner que»: an infinitive cue governed by a modal or a
    verb of refusal, by an adjective or a noun, or by a negated verb.
    """
    if verb.morph.get("VerbForm") != ["Inf"]:
        return False
    if verb.dep_ in ("csubj", "nsubj", "csubj:pass") or (verb.dep_ == "ROOT" and verb.is_sent_start):
        return True  # «Parler d'une volonté de « l'Ouest » est un mensonge»: saying as a topic
    head = verb.head
    if head is verb:
        return False
    if head.pos_ in ("ADJ", "NOUN") or head.lemma_.lower() in resources.words("hypothetical_governor"):
        return True
    return is_negated(head) or any(c.lower_ in ("ne", "n'", "n’") for c in head.children)


# --- content clauses ------------------------------------------------------------------------------


def _governing_verb(que: Token, resources: QuoteResources) -> Token | None:
    """The speech verb a «que» depends on: by the parse, else the nearest verb before it in its clause."""
    doc = que.doc
    before = doc[que.i - 1] if que.i > 0 else None
    if before is not None and before.lower_ in resources.words("locution_head"):
        return None  # «pour que», «en tant que», «alors que»: a conjunction, not a content clause
    clause = que.head
    if clause is not que and clause.dep_ in ("ccomp", "csubj", "obj", "xcomp", "advcl") and clause.head is not clause:
        candidate = clause.head
        if candidate.dep_ == "xcomp" and speech_lemma(candidate, resources) is None:
            candidate = candidate.head  # «s'est dit convaincu que», «s'est déclaré certain que»
        if speech_lemma(candidate, resources) is not None and candidate.i < que.i:
            return candidate
    if before is not None and before.pos_ == "NOUN" and before.lemma_.lower() not in resources.words("content_noun"):
        return None  # «la mission que l'Alliance mène»: a relative clause
    # «a déclaré aux dirigeants de trois pays baltes que …»: complements may stand between verb and «que».
    for j in range(que.i - 1, max(sentence_of(que).start, que.i - 25) - 1, -1):
        token = doc[j]
        if token.text in (".", ";", ":", "«", "»", "“", "”") or token.text.lower() in _QUE:
            return None
        if token.pos_ in ("VERB", "AUX") and speech_lemma(token, resources) is not None:
            return token
        if token.pos_ in ("VERB", "AUX") and token.lemma_ not in ("avoir", "être"):
            head = token.head
            if token.dep_ == "xcomp" and head.i < token.i and speech_lemma(head, resources) is not None:
                return head
            return None
    return None


def que_candidates(doc: Doc, resources: QuoteResources, layout: Layout) -> list[Candidate]:
    """Content clauses after a speech verb («a souligné que …», «rappelant qu'…», «estime que …»)."""
    found = []
    used: set[int] = set()
    for token in tokens_with(doc, "LOWER", _QUE):
        if token.pos_ == "PRON" and token.dep_ != "mark" and token.head.dep_ not in ("ccomp", "csubj"):
            continue  # a relative «que» («les efforts que le Japon déploie») introduces no content
        verb = _governing_verb(token, resources)
        if verb is None or verb.i in used:
            continue
        used.add(verb.i)  # a second «que» of the same verb is a coordinated clause of the same content
        lemma = speech_lemma(verb, resources)
        if lemma is None or "que" not in resources.frames(lemma) or is_negated(verb):
            continue
        if hypothetical(verb, resources):
            continue
        after = token.idx + len(token.text)
        start, end = trim_content(layout.model_text, after, sentence_of(token).end_char)
        if end > start:
            found.append(Candidate("indirect", start, end, "que", cue=cue_of(verb, lemma)))
    return found


def _infinitive_start(child: Token) -> int:
    """Where an infinitive content starts: its negation, clitics and perfect auxiliary included («ne voir»)."""
    start = child.i
    for left in sorted((c for c in child.children if c.i < child.i), key=lambda c: -c.i):
        if left.i == start - 1 and left.dep_ in ("advmod", "aux:tense", "aux", "expl:comp", "expl:pv", "obj", "iobj"):
            start = left.i
        else:
            break
    return int(child.doc[start].idx)


def infinitive_candidates(
    doc: Doc, resources: QuoteResources, layout: Layout, verbs: Sequence[tuple[Token, str]]
) -> list[Candidate]:
    """A saying verb whose content is an infinitive clause.

    «M. Scholz a dit attendre de la Russie qu'elle …», «a déclaré aux journalistes ne voir aucune
    contradiction», and, for any verb taking a content clause, a perfect infinitive («a souligné avoir
    profité de …»). An infinitive after a preposition («a demandé de faire», «déclaré prêt à») exhorts.

    ``verbs``: the document's speech verbs and their lemmas (:func:`.cues.speech_verbs`).
    """
    found = []
    for verb, lemma in verbs:
        if is_negated(verb) or hypothetical(verb, resources):
            continue
        frames = resources.frames(lemma)
        if "inf" not in frames and "que" not in frames:
            continue
        clauses = [child for child in verb.children if child.dep_ == "xcomp" and child.i > verb.i]
        if not clauses:
            continue
        sentence = sentence_of(verb)
        for child in clauses:
            if child.i >= sentence.end:
                continue
            infinitive = child.morph.get("VerbForm") == ["Inf"]
            perfect = any(c.dep_.startswith("aux") and c.morph.get("VerbForm") == ["Inf"] for c in child.children)
            if not (infinitive and "inf" in frames) and not perfect:
                continue
            if any(t.pos_ == "ADP" and t.i < child.i and t.head.i == child.i for t in child.children):
                break  # «déclaré prêt à», «dit de faire»: an exhortation, not content
            if any(t.lower_ in _QUE or t.text in (".", ";", ":") for t in doc[verb.i + 1 : child.i]):
                break
            start, end = trim_content(layout.model_text, _infinitive_start(child), sentence.end_char)
            if end > start:
                found.append(Candidate("indirect", start, end, "inf", cue=cue_of(verb, lemma)))
            break
    return found


def attribute_candidates(
    doc: Doc, resources: QuoteResources, layout: Layout, verbs: Sequence[tuple[Token, str]]
) -> list[Candidate]:
    """«s'est dit frappé par …», «s'est déclaré satisfait de …»: the attribute of a reflexive saying verb.

    ``verbs``: the document's speech verbs and their lemmas (:func:`.cues.speech_verbs`).
    """
    found = []
    for verb, lemma in verbs:
        if "attr" not in resources.frames(lemma) or is_negated(verb):
            continue
        if not any(c.lower_ in ("se", "s'", "s’") for c in verb.children):
            continue
        nxt = verb.i + 1
        while nxt < len(doc) and doc[nxt].pos_ == "ADV":
            nxt += 1
        if nxt >= len(doc) or doc[nxt].pos_ not in ("ADJ", "VERB") or doc[nxt].morph.get("VerbForm") == ["Inf"]:
            continue
        attribute = doc[nxt]
        if any(c.dep_ in ("ccomp", "advcl") and any(g.lower_ in _QUE for g in c.children) for c in attribute.children):
            continue  # «s'est dit convaincu que …»: the content is the clause, found by que_candidates
        start, end = trim_content(layout.model_text, attribute.idx, sentence_of(verb).end_char)
        if end > start:
            found.append(Candidate("indirect", start, end, "attr", cue=cue_of(verb, lemma)))
    return found


def _sentences_with(doc: Doc, attribute: Attribute, values: frozenset[str]) -> Iterator[tuple[Span, list[Token]]]:
    """Each sentence of ``doc``, with its tokens whose ``attribute`` is one of ``values`` (:func:`tokens_with`)."""
    found = tokens_with(doc, attribute, values)
    positions = [token.i for token in found]
    for sentence in doc.sents:
        yield (
            sentence,
            found[bisect.bisect_left(positions, sentence.start) : bisect.bisect_left(positions, sentence.end)],
        )


def colon_candidates(doc: Doc, resources: QuoteResources, layout: Layout) -> list[Candidate]:
    """«… en exprimant un point de vue convergent : <clause>»: a clause announced by a speech verb and a colon.

    The content must be a clause (a finite verb), not a list of nouns or infinitives; a quotation in
    marks after the colon is a direct quote, found from the marks.
    """
    found = []
    for sentence, colons in _sentences_with(doc, "ORTH", _COLON):
        for token in colons:
            if token.i + 1 >= sentence.end:
                continue
            verb = None
            for left in reversed(doc[sentence.start : token.i]):
                if left.text in (";", ":") or layout.in_marks(left.idx):
                    break
                lemma = speech_lemma(left, resources)
                if lemma is not None and left.pos_ in ("VERB", "AUX") and "que" in resources.frames(lemma):
                    verb = left
                    break
            if verb is None or is_negated(verb) or hypothetical(verb, resources):
                break
            content = doc[token.i + 1 : sentence.end]
            if not any(finite(t) for t in content):
                break
            start, end = trim_content(layout.model_text, content.start_char, sentence.end_char)
            lemma = speech_lemma(verb, resources) or verb.lemma_
            found.append(Candidate("indirect", start, end, "colon", cue=cue_of(verb, lemma)))
            break
    return found


# --- incises --------------------------------------------------------------------------------------


def _inverted(cue: Cue, doc: Doc, resources: QuoteResources) -> bool:
    """Whether the subject of an incise verb follows it («a déclaré M. X», «a-t-il dit»), as an incise needs."""
    verb = cue.verb
    if verb.morph.get("VerbForm") in (["Inf"],) or (
        verb.morph.get("VerbForm") == ["Part"] and verb.morph.get("Tense") == ["Pres"]
    ):
        return False
    if any(t.lower_ in _INVERTED_CLITICS for t in doc[max(0, verb.i - 3) : verb.i + 2]):
        return True
    # A subject before the verb, unless a comma stands between them (a misparse of «…, a affirmé M. X»).
    before = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i < verb.i]
    if any(not any(t.text == "," for t in doc[c.i + 1 : verb.i]) for c in before):
        return False
    j = verb.i + 1
    while j < len(doc) and doc[j].lower_ in resources.words("time_word"):
        j += 1
    nxt = doc[j] if j < len(doc) else None
    return (
        nxt is not None
        and sentence_of(nxt) == sentence_of(verb)
        and (nxt.pos_ in ("DET", "PROPN") or nxt.text in ("M.", "Mme") or nxt.lower_ in ("à", "aux", "au"))
    )


def _incise_subject_end(doc: Doc, cue: Cue, sentence: Span) -> Token | None:
    """The comma closing an incise in the middle of a sentence («…, a-t-il expliqué, se sont …»), if any."""
    for token in doc[cue.verb.i + 1 : sentence.end]:
        if token.text in (".", ";", ":", "«", "»", "“", "”", '"', "(", "?", "!"):
            return None
        if token.text == ",":
            after = doc[token.i + 1] if token.i + 1 < sentence.end else None
            if after is None or after.i + 1 >= sentence.end:
                return None
            if after.pos_ == "PROPN" or after.text in ("M.", "Mme"):
                continue  # «a déclaré le secrétaire général, Jens Stoltenberg, à …»: an apposition to the subject
            if after.morph.get("VerbForm") in (["Part"], ["Inf"]) or after.lower_ in word_class("frame_word"):
                return None  # «…, a-t-il déclaré, ajoutant que …»: the frame goes on, not the content
            return token
    return None


def incise_candidates(
    doc: Doc, resources: QuoteResources, layout: Layout, verbs: Sequence[tuple[Token, str]]
) -> list[Candidate]:
    """«<content>, a déclaré X»: content from the sentence start to the comma before an inverted cue.

    An incise in the middle of its sentence («Les discussions, a-t-il expliqué, se sont concentrées …»)
    interrupts the content: the words before it and after it are two contents under one cue.

    ``verbs``: the document's speech verbs and their lemmas (:func:`.cues.speech_verbs`).
    """
    text = layout.model_text
    # The verbs that can make an incise: what :func:`incise_after` returns is one, and it must take «incise».
    verb_positions = [
        verb.i for verb, lemma in verbs if verb.pos_ in ("VERB", "AUX") and "incise" in resources.frames(lemma)
    ]
    found = []
    for sentence, commas in _sentences_with(doc, "ORTH", _COMMA):
        start_char = sentence.start_char
        for token in commas:
            if token.i == sentence.start:
                continue
            following = bisect.bisect_right(verb_positions, token.i)
            if following == len(verb_positions) or verb_positions[following] > token.i + INCISE_REACH:
                continue  # no such verb near enough after the comma for :func:`incise_after` to find
            cue = incise_after(doc, token.idx + 1, sentence, resources)
            if cue is None or cue.verb.i - token.i > 6 or "incise" not in resources.frames(cue.lemma):
                continue
            if not _inverted(cue, doc, resources):
                continue
            before = text[start_char : token.idx].strip()
            if not before:
                continue
            closing = _incise_subject_end(doc, cue, sentence)
            span = doc.char_span(start_char, token.idx, alignment_mode="expand")
            if span is None or span[-1].ent_type_ == "PER":
                break  # «…, le ministre, Andriy Sybiha, a déclaré que»: the subject, not a content
            after_span = doc[closing.i + 1 : sentence.end] if closing is not None else None
            if after_span is not None and not any(finite(t) for t in after_span) and any(finite(t) for t in span):
                after_span, closing = None, None  # «…, a-t-il dit, à la fin de la conférence»: an adjunct
            clause = any(finite(t) for t in span) or (after_span is not None and any(finite(t) for t in after_span))
            if not clause or (closing is None and len(span) < 4):
                break  # the content must be a clause of its own, not a noun phrase («Le traité, a-t-il rappelé»)
            first = trim_content(text, start_char, token.idx)
            found.append(Candidate("indirect", *first, "incise", cue=cue, source=Source("subject", inverted=True)))
            if after_span is not None and closing is not None:
                content = closing.idx + 1
                relative = after_span[:2]
                if (
                    len(relative) == 2
                    and relative[0].lower_ in ("pour", "selon")
                    and relative[1].lower_ in word_class("relative_pronoun")
                ):
                    content = relative[1].idx + len(relative[1].text)  # «…, s'est réjoui X, pour qui …»
                second = trim_content(text, content, sentence.end_char)
                if second[1] > second[0]:
                    found.append(
                        Candidate("indirect", *second, "incise", cue=cue, source=Source("subject", inverted=True))
                    )
            start_char = (closing.idx + 1) if closing is not None else cue.end
            break
    return found


# --- frames with a named source ---------------------------------------------------------------------


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
    if not all(t.pos_ == "PROPN" or t.lower_ in particles() or t.text == "-" for t in name):
        return None
    comma = tokens[len(name)]
    return (name[0].idx, name[-1].idx + len(name[-1].text)), comma.idx + 1


def _titled(phrase: str, resources: QuoteResources) -> bool:
    """Whether a noun phrase is a title («la ministre suédoise», «le secrétaire général de l'OTAN»)."""
    words = strip_article(phrase).lower().split()
    while words and words[0] in resources.words("title_modifier"):
        words = words[1:]
    rest = " ".join(words)
    return any(rest == title or rest.startswith(title + " ") for title in resources.titles)


def framed_candidates(
    doc: Doc, resources: QuoteResources, sentence: Span, text: str, relatives: Sequence[Token]
) -> list[Candidate]:
    """«Comme X l'a fait observer, …», «Selon X, …», «…, d'après X», «Pour X, …», «… selon lui …».

    ``relatives``: the sentence's relative pronouns «laquelle», «lequel», «lesquelles», «lesquels».
    """
    found = []
    s_start = sentence.start_char
    s_text = text[s_start : sentence.end_char]
    match = _AS_SAID.match(s_text)
    if match:
        verbs = [
            t
            for t in sentence
            if s_start + match.start("who") < t.idx < s_start + match.end() and speech_lemma(t, resources) is not None
        ]
        if verbs:
            verb = verbs[-1]
            lemma = speech_lemma(verb, resources) or verb.lemma_
            who = Source("phrase", s_start + match.start("who"), s_start + match.end("who"))
            start, end = trim_content(text, s_start + match.end(), sentence.end_char)
            found.append(Candidate("indirect", start, end, "as_said", cue=cue_of(verb, lemma), source=who))
    match = _AS_SAID_INVERTED.match(s_text)
    if match:
        verbs = [t for t in sentence if t.idx == s_start + match.start("verb")]
        lemma = speech_lemma(verbs[0], resources) if verbs else None
        if verbs and lemma is not None:
            who = Source("phrase", s_start + match.start("who"), s_start + match.end("who"))
            start, end = trim_content(text, s_start + match.end(), sentence.end_char)
            found.append(Candidate("indirect", start, end, "as_said", cue=cue_of(verbs[0], lemma), source=who))
    match = _ACCORDING.match(s_text)
    if match:
        content = s_start + match.start("content")
        who_span = (s_start + match.start("who"), s_start + match.end("who"))
        name = _apposed_name(doc, sentence, content)
        if name is not None and _titled(text[who_span[0] : who_span[1]], resources):
            # «Pour la ministre suédoise, Ann Linde, une adhésion…»: the name is the speaker, not content
            # (after «Selon Le Monde, Alexia Demirdjian, …» the name is the content's subject).
            who_span, content = name
        start, end = trim_content(text, content, sentence.end_char)
        cue_span = (s_start + match.start("cue"), s_start + match.end("cue"))
        found.append(
            Candidate("indirect", start, end, "according", cue_span=cue_span, source=Source("phrase", *who_span))
        )
    match = _ACCORDING_END.search(s_text)
    if match:
        start, end = trim_content(text, s_start, s_start + match.start())
        who = Source("phrase", s_start + match.start("who"), s_start + match.end("who"))
        cue_span = (s_start + match.start("cue"), s_start + match.end("cue"))
        found.append(Candidate("indirect", start, end, "according", cue_span=cue_span, source=who))
    for inside in _ACCORDING_INSIDE.finditer(s_text):
        if inside.start() < 3 or (match is not None and inside.start() >= match.start()):
            continue
        cue_token = next((t for t in sentence if t.idx == s_start + inside.start()), None)
        if cue_token is None:
            continue
        clause = _clause_around(cue_token)
        if clause is None:
            continue
        who = Source("phrase", s_start + inside.start("who"), s_start + inside.end("who"))
        cue_span = (s_start + inside.start("cue"), s_start + inside.end("cue"))
        start, end = trim_content(text, *clause)
        found.append(Candidate("indirect", start, end, "according", cue_span=cue_span, source=who))
    for token in relatives:
        if token.i > sentence.start + 1:
            if doc[token.i - 1].lower_ != "selon":
                continue
            noun = doc[token.i - 2]
            while noun.pos_ not in ("NOUN", "PROPN") and noun.i > sentence.start:
                noun = doc[noun.i - 1]
            owner = noun
            while owner.dep_ == "nmod" and owner.head.i < owner.i:
                owner = owner.head  # «l'analyse des États-Unis selon laquelle»: the analysis's author speaks
            reports = resources.words("report_noun")
            if not {owner.lemma_.lower(), owner.lower_, noun.lemma_.lower(), noun.lower_} & reports:
                continue  # «le principe selon lequel …» is a rule, not somebody's saying
            after = token.idx + len(token.text)
            start, end = trim_content(text, after, sentence.end_char)
            who = Source("phrase", owner.left_edge.idx, doc[token.i - 1].idx)
            if end > start:
                found.append(
                    Candidate("indirect", start, end, "relative", cue_span=(doc[token.i - 1].idx, after), source=who)
                )
    return found


def _clause_around(cue: Token) -> tuple[int, int] | None:
    """The clause that «selon lui» qualifies, inside a sentence: from its subject to its end."""
    head = cue.head
    while head.pos_ not in ("VERB", "AUX", "ADJ") and head.head is not head:
        head = head.head
    if head.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    predicate = head
    while predicate.dep_ in ("cop", "aux", "aux:tense", "xcomp") and predicate.head is not predicate:
        predicate = predicate.head
    subjects = [c for c in predicate.children if c.dep_ in ("nsubj", "nsubj:pass")]
    start = subjects[0].left_edge.idx if subjects else predicate.left_edge.idx
    right = predicate.right_edge
    return int(start), int(right.idx + len(right.text))


def headline_candidate(doc: Doc, resources: QuoteResources, first_line: tuple[int, int], text: str) -> Candidate | None:
    """A reporting headline as a document's first line.

    «Déclaration du secrétaire général (depuis Tbilissi) : <clause>», or a speaker and a colon before a
    clause («Stoltenberg : l'Ukraine deviendra membre de l'OTAN»; the speaker pass checks that it names someone).
    """
    line = text[first_line[0] : first_line[1]]
    match = re.match(
        r"^\s*(?P<cue>(?:"
        + "|".join(sorted(re.escape(w) for w in resources.words("headline_noun")))
        + r"))\s+(?P<who>(?:du|de la|de l['’]|de)\s+[^:]{2,120}?)"
        r"\s*:\s*(?P<content>[^«“\"\s].*)$",
        line,
        flags=re.IGNORECASE,
    )
    named = None if match else _HEADLINE_SPEAKER.match(line)
    found = match or named
    if found is None:
        return None
    start, end = trim_content(text, first_line[0] + found.start("content"), first_line[1])
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not any(finite(t) for t in span):
        return None  # «Visite du secrétaire général en Iraq : …» names an event
    who = Source("phrase", first_line[0] + found.start("who"), first_line[0] + found.end("who"))
    cue_span = (first_line[0] + match.start("cue"), first_line[0] + match.end("cue")) if match else None
    return Candidate("indirect", start, end, "headline", cue_span=cue_span, source=who)


# --- the pass -------------------------------------------------------------------------------------


def find_candidates(doc: Doc, layout: Layout, resources: QuoteResources) -> list[Candidate]:
    """Every candidate quote of a document, in text order (turns, marks, then the indirect constructions)."""
    found: list[Candidate] = []
    for turn in layout.turns:
        label = (turn.label_start, turn.label_start + len(turn.label)) if turn.label else None
        source = Source("label", label[0] if label else None, label[1] if label else None, role=turn.role)
        found.append(
            Candidate(
                "turn",
                turn.start,
                turn.end,
                "turn",
                cue_span=(turn.label_start, turn.label_end) if label else None,
                source=source,
            )
        )
    found.extend(Candidate("direct", m.start, m.end, "marks", marks=m) for m in layout.marks)
    verbs = speech_verbs(doc, resources)
    indirect = que_candidates(doc, resources, layout) + infinitive_candidates(doc, resources, layout, verbs)
    indirect += attribute_candidates(doc, resources, layout, verbs) + incise_candidates(doc, resources, layout, verbs)
    indirect += colon_candidates(doc, resources, layout)
    for sentence, relatives in _sentences_with(doc, "LOWER", _SELON_RELATIVES):
        indirect.extend(framed_candidates(doc, resources, sentence, layout.model_text, relatives))
    if layout.paragraphs:
        head = headline_candidate(doc, resources, layout.paragraphs[0], layout.model_text)
        if head is not None:
            indirect.append(head)
    found.extend(c for c in indirect if c.end > c.start)
    return sorted(found, key=lambda c: (c.start, c.kind != "turn"))


__all__ = ["find_candidates"]
