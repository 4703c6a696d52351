"""Cues: the speech verb (with its auxiliaries, clitics and adverbs) that introduces a quote, and its subject."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .resources import QuoteResources

SUBJECT_DEPS = ("nsubj", "nsubj:pass", "expl:subj", "csubj")
_GROUP_DEPS = frozenset({"aux", "aux:tense", "aux:pass", "aux:caus", "expl:comp", "expl:pv", "advmod", "mark", "obj",
                         "iobj", "expl:subj", "expl", "case"})
NEGATIONS = frozenset({"pas", "jamais", "guère", "nullement", "aucunement", "point"})
#: Tokens that may stand between an auxiliary and its participle in a cue («a par ailleurs fait observer»).
_INSIDE_GROUP = frozenset({"ADV", "AUX", "PRON", "PART"})


@dataclass(frozen=True)
class Cue:
    """A speech verb and the span of its verb group in the text."""

    verb: Token
    lemma: str
    start: int
    end: int


def speech_lemma(token: Token, resources: QuoteResources) -> str | None:
    """The speech-verb lemma of ``token`` («fait savoir» → «faire savoir»), or None if it is not one."""
    if token.pos_ not in ("VERB", "AUX") and token.pos_ != "NOUN":
        return None
    lemma = token.lemma_.lower()
    text = token.text.lower()
    causative = any(c.dep_ == "aux:caus" or c.lemma_ == "faire" and c.i < token.i for c in token.children)
    for candidate in ((f"faire {lemma}",) if causative else ()) + (lemma, text):
        if candidate in resources.speech_verbs:
            return candidate
    # The model sometimes lemmatises a participle as itself («redit», «déclarant»).
    for suffix, ending in (("é", "er"), ("ée", "er"), ("ant", "er"), ("it", "ire"), ("u", "re")):
        if text.endswith(suffix):
            guess = text[: -len(suffix)] + ending
            if guess in resources.speech_verbs and token.pos_ == "VERB":
                return guess
    return None


def is_negated(verb: Token) -> bool:
    """Whether ``verb`` is negated («n'a pas dit que»)."""
    return any(c.text.lower() in NEGATIONS for c in verb.children if c.dep_ in ("advmod", "advmod:neg"))


def cue_of(verb: Token, lemma: str, *, with_subject_clitic: bool = True) -> Cue:
    """The verb group of ``verb``: auxiliaries, clitics, adverbs and markers to its left, then the verb."""
    start = verb.idx
    i = verb.i - 1
    doc = verb.doc
    while i >= verb.sent.start:
        token = doc[i]
        if token.head.i == verb.i and token.dep_ in _GROUP_DEPS and token.dep_ not in ("nsubj",):
            if token.dep_ in ("obj", "iobj") and token.pos_ != "PRON":
                break
            start = token.idx
        elif token.head.i == verb.i and token.dep_.startswith("aux"):
            start = token.idx
        elif token.head.i in (verb.i, *[c.i for c in verb.children]) and token.pos_ in ("ADV", "ADP", "PRON") and (
            i + 1 < len(doc) and doc[i + 1].idx < verb.idx
        ) and token.text not in (",", ":"):
            # adverbs and clitics hanging on an auxiliary: «a en outre fait savoir»
            if token.pos_ == "PRON" and token.dep_ in ("nsubj", "nsubj:pass") and not token.text.startswith("-"):
                break
            start = token.idx
        elif token.pos_ == "ADV" and doc[i + 1].idx <= verb.idx:
            start = token.idx
        else:
            break
        i -= 1
    end = verb.idx + len(verb.text)
    if with_subject_clitic:
        j = verb.i + 1
        while j < len(doc) and doc[j].text.startswith("-") and doc[j].pos_ == "PRON":
            end = doc[j].idx + len(doc[j].text)
            j += 1
    text = doc.text
    while start < end and text[start] in " ,":
        start += 1
    return Cue(verb, lemma, start, end)


def subject_of(verb: Token) -> Token | None:
    """The subject of ``verb``, climbing to the governing verb for participles, infinitives and conjuncts."""
    seen = 0
    current = verb
    while seen < 4:
        subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        # An inverted clitic («a-t-il»): the real pronoun, not the euphonic «-t».
        subjects = [s for s in subjects if s.text.lower() not in ("-t", "t")]
        if subjects:
            nominal = [s for s in subjects if s.dep_ != "expl:subj"]
            return (nominal or subjects)[0]
        for child in current.children:
            if child.text.lower() in ("-il", "-elle", "-ils", "-elles"):
                return child
        if current.dep_ in ("conj", "advcl", "xcomp", "acl", "parataxis", "ccomp") and current.head is not current:
            current = current.head
            seen += 1
            continue
        return None
    return None


def incise_after(doc: Doc, offset: int, sentence: Span, resources: QuoteResources) -> Cue | None:
    """A speech verb group right after ``offset`` with an inverted subject («», a-t-il déclaré», «, indique X»)."""
    tokens = [t for t in sentence if t.idx >= offset]
    i = 0
    while i < len(tokens) and tokens[i].text in (",", "»", "”", '"', "›", "-", "–"):
        i += 1
    window = tokens[i : i + 6]
    for position, token in enumerate(window):
        lemma = speech_lemma(token, resources)
        if lemma is not None and token.pos_ in ("VERB", "AUX") and (
            {"incise", "direct"} & resources.frames(lemma)
        ):
            between = window[:position]
            if all(t.pos_ in _INSIDE_GROUP or t.text.lower() in ("par", "en", "outre", "-t", "ailleurs") for t in between):
                return cue_of(token, lemma)
        if token.pos_ not in _INSIDE_GROUP and token.text.lower() not in ("par", "en", "outre", "ailleurs"):
            break
    return None


def inverted_subject(cue: Cue) -> Token | None:
    """The subject written after an incise verb («a déclaré M. Stoltenberg»)."""
    verb = cue.verb
    subject = subject_of(verb)
    if subject is not None and (subject.i > verb.i or subject.text.startswith("-")):
        return subject
    doc = verb.doc
    j = verb.i + 1
    while j < len(doc) and doc[j].text.startswith("-"):
        if doc[j].text.lower() in ("-il", "-elle", "-ils", "-elles"):
            return doc[j]
        j += 1
    # The model did not see the inverted subject: take the noun phrase right after the verb.
    j = verb.i + 1
    while j < len(doc) and doc[j].pos_ == "ADP" and doc[j].text.lower() in ("à", "aux", "au"):
        # «a déclaré à la presse le secrétaire général»: skip the addressee.
        k = j + 1
        while k < len(doc) and doc[k].pos_ not in ("PUNCT",) and doc[k].pos_ != "DET" or k == j + 1:
            k += 1
            if k >= len(doc) or doc[k].pos_ == "PUNCT":
                break
        j = k
    if j < len(doc) and doc[j].pos_ in ("DET", "PROPN", "NOUN") and doc[j].sent == verb.sent:
        head = doc[j]
        while head.pos_ == "DET" and head.i + 1 < len(doc):
            head = doc[head.i + 1]
        return head
    return subject
