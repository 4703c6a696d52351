"""Cues: the speech verb (with its auxiliaries, clitics and adverbs) that introduces a quote, and its subject."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .resources import QuoteResources

SUBJECT_DEPS = ("nsubj", "nsubj:pass", "expl:subj", "csubj")
_GROUP_DEPS = frozenset(
    {
        "aux",
        "aux:tense",
        "aux:pass",
        "aux:caus",
        "expl:comp",
        "expl:pv",
        "advmod",
        "mark",
        "obj",
        "iobj",
        "expl:subj",
        "expl",
        "case",
    }
)
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


_FAIRE = frozenset({"faire", "fait", "faisant", "fais", "font", "fera"})
#: Words that may stand inside a verb group («a en outre fait savoir», «a par ailleurs souligné»).
GROUP_WORDS = frozenset(
    {
        "en", "outre", "par", "ailleurs", "également", "aussi", "encore", "enfin", "notamment", "de", "nouveau",
        "ensuite", "alors", "bien", "déjà", "toutefois", "cependant", "néanmoins",
    }
)  # fmt: skip
_CLITICS = frozenset(
    {
        "se",
        "s'",
        "s’",
        "l'",
        "l’",
        "le",
        "la",
        "les",
        "lui",
        "leur",
        "y",
        "en",
        "-t",
        "-il",
        "-elle",
        "-ils",
        "-elles",
        "-t-il",
        "-t-elle",
        "ne",
        "n'",
        "n’",
        "me",
        "m'",
    }
)
_GUESSES = (
    ("ée", "er"),
    ("és", "er"),
    ("é", "er"),
    ("ant", "er"),
    ("ent", "er"),
    ("e", "er"),
    ("it", "ire"),
    ("u", "re"),
    ("is", "ire"),
    ("ait", "er"),
)


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


def speech_lemma(token: Token, resources: QuoteResources) -> str | None:
    """The speech-verb lemma of ``token`` («fait savoir» → «faire savoir»), or None if it is not one."""
    pos = token.pos_
    if pos not in _SPEECH_POS:
        return None
    plain, causative = _speech_lemmas(resources, token.lemma_.lower(), token.text.lower(), pos)
    if plain == causative or not _after_faire(token):
        return plain
    return causative


_SPEECH_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})


def _after_faire(token: Token) -> bool:
    """Whether ``token`` is the infinitive of a causative «faire» («a fait savoir»)."""
    previous = token.doc[token.i - 1].text.lower() if token.i > 0 else ""
    return previous in _FAIRE or any(c.dep_ == "aux:caus" for c in token.children)


@functools.lru_cache(maxsize=65_536)
def _speech_lemmas(resources: QuoteResources, lemma: str, text: str, pos: str) -> tuple[str | None, str | None]:
    """The speech-verb lemma of a word read on its own and after a causative «faire» (None: not a speech verb).

    The word is known by its lemma, else its form, else a lemma guessed from its ending (the model's lemma of
    a rare participle may be wrong); a noun or adjective counts only as a participle («Interrogé, il…»).
    """
    guesses = [text[: -len(suffix)] + ending for suffix, ending in _GUESSES if text.endswith(suffix)]
    found: list[str | None] = []
    for causative in (False, True):
        found.append(None)
        for base in [lemma, text, *guesses]:
            candidates = ((f"faire {base}",) if causative else ()) + (base,)
            known = [c for c in candidates if c in resources.speech_verbs]
            if known and (pos not in ("NOUN", "ADJ") or (base in guesses and text.endswith(("é", "ée", "ant")))):
                found[-1] = known[0]
                break
    return found[0], found[1]


def is_negated(verb: Token) -> bool:
    """Whether ``verb`` is negated («n'a pas dit que»)."""
    return any(c.text.lower() in NEGATIONS for c in verb.children if c.dep_ in ("advmod", "advmod:neg"))


def cue_of(verb: Token, lemma: str) -> Cue:
    """The verb group of ``verb``: auxiliaries, clitics, adverbs and markers to its left, then the verb."""
    doc = verb.doc
    start = verb.idx
    i = verb.i - 1
    sentence_start = sentence_of(verb).start
    while i >= sentence_start:
        token = doc[i]
        lower = token.text.lower()
        if (
            token.pos_ == "AUX"
            or lower in GROUP_WORDS
            or lower in _CLITICS
            or lower in _FAIRE
            or (token.pos_ == "ADV" and not lower.endswith(","))
            or (lower in ("d'", "d’", "de", "avant", "après") and i == verb.i - 1)
            or (lower == "avant" and i == verb.i - 2)
        ):
            if lower in ("le", "la", "les") and doc[i + 1].pos_ != "AUX" and doc[i + 1].text.lower() not in _CLITICS:
                break  # an article, not a clitic
            start = token.idx
            i -= 1
            continue
        break
    end = verb.idx + len(verb.text)
    j = verb.i + 1
    while j < len(doc) and doc[j].text.startswith("-") and doc[j].pos_ == "PRON":
        end = doc[j].idx + len(doc[j].text)  # «dit-il», «ajoute-t-elle»
        j += 1
    # «a-t-il déclaré»: the clitic sits between the auxiliary and the verb, already inside the span.
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
    # An incise is set off from the quote by a comma or a dash, except after «?», «!» or «…»
    # («« Pourquoi ? » demande-t-il»); «« Coalition » sera lancé» is no incise.
    separated = any(t.text in (",", "-", "–") for t in tokens[:i])
    before = "".join(t.text_with_ws for t in sentence if offset - 6 <= t.idx < offset)
    if not separated and not re.search(r"(?:[?!…]\s*[»”\"›]?|[,–-])\s*$", before):
        return None
    window = tokens[i : i + 6]
    for position, token in enumerate(window):
        lemma = speech_lemma(token, resources)
        if lemma is not None and token.pos_ in ("VERB", "AUX") and ({"incise", "direct"} & resources.frames(lemma)):
            between = window[:position]
            finite = token.morph.get("VerbForm") == ["Fin"] or any(t.pos_ == "AUX" for t in between)
            passive = any(t.dep_ == "aux:pass" for t in between)
            if (
                finite
                and not passive
                and all(
                    t.pos_ in _INSIDE_GROUP or t.text.lower() in ("par", "en", "outre", "-t", "ailleurs")
                    for t in between
                )
            ):
                return cue_of(token, lemma)
        if token.pos_ not in _INSIDE_GROUP and token.text.lower() not in ("par", "en", "outre", "ailleurs"):
            break
    return None
