"""Cues: the speech verb (with its auxiliaries, clitics and adverbs) that introduces a quote, and its subject."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..names import strip_article
from ..tokens import tokens_with
from .layout import Layout, sentence_of
from .marks import MarkedSpan
from .records import CONTEXT, Candidate, Cue, Source
from .resources import QuoteResources, word_class
from .spans import NAME_BEFORE_COLON

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
#: Tokens that may stand between an auxiliary and its participle in a cue («a par ailleurs fait observer»).
_INSIDE_GROUP = frozenset({"ADV", "AUX", "PRON", "PART"})
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


def speech_lemma(token: Token, resources: QuoteResources) -> str | None:
    """The speech-verb lemma of ``token`` («fait savoir» → «faire savoir»), or None if it is not one."""
    pos = token.pos_
    if pos not in _SPEECH_POS:
        return None
    text = token.text.lower()
    if pos in ("NOUN", "ADJ") and not text.endswith(_PARTICIPLE_ENDINGS):
        return None  # a noun or adjective is a speech verb only as a participle (see :func:`_speech_lemmas`)
    plain, causative = _speech_lemmas(resources, token.lemma_.lower(), text, pos)
    if plain is None and causative is None:
        return None
    if "-à-" in token.text or (token.i > 0 and token.doc[token.i - 1].text == "-à-"):
        return None  # «c'est-à-dire»: a locution, nobody says anything
    if plain == causative or not _after_faire(token):
        return plain
    return causative


_SPEECH_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})
#: The endings of a participle the model tagged a noun or an adjective («Interrogé», «Rappelant»).
_PARTICIPLE_ENDINGS = ("é", "ée", "ant")


def speech_verbs(doc: Doc, resources: QuoteResources) -> list[tuple[Token, str]]:
    """Every token of ``doc`` that :func:`speech_lemma` reads as a speech verb, with that lemma, in text order
    (one pass over the Doc that the passes scanning for speech verbs share)."""
    found = []
    for token in tokens_with(doc, "POS", _SPEECH_POS):
        lemma = speech_lemma(token, resources)
        if lemma is not None:
            found.append((token, lemma))
    return found


def _after_faire(token: Token) -> bool:
    """Whether ``token`` is the infinitive of a causative «faire» («a fait savoir»)."""
    previous = token.doc[token.i - 1].text.lower() if token.i > 0 else ""
    return previous in word_class("faire_form") or any(c.dep_ == "aux:caus" for c in token.children)


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
            if known and (pos not in ("NOUN", "ADJ") or (base in guesses and text.endswith(_PARTICIPLE_ENDINGS))):
                found[-1] = known[0]
                break
    return found[0], found[1]


def is_negated(verb: Token) -> bool:
    """Whether ``verb`` is negated («n'a pas dit que»)."""
    return any(c.text.lower() in word_class("negation") for c in verb.children if c.dep_ in ("advmod", "advmod:neg"))


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
            or lower in word_class("verb_group_word")
            or lower in word_class("clitic")
            or lower in word_class("faire_form")
            or (token.pos_ == "ADV" and not lower.endswith(","))
            or (lower in ("d'", "d’", "de", "avant", "après") and i == verb.i - 1)
            or (lower == "avant" and i == verb.i - 2)
        ):
            if (
                lower in ("le", "la", "les")
                and doc[i + 1].pos_ != "AUX"
                and doc[i + 1].text.lower() not in word_class("clitic")
            ):
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


#: How many tokens after ``offset`` :func:`incise_after` reads at most.
INCISE_REACH = 16


def incise_after(doc: Doc, offset: int, sentence: Span, resources: QuoteResources) -> Cue | None:
    """A speech verb group right after ``offset`` with an inverted subject («», a-t-il déclaré», «, indique X»)."""
    first = bisect.bisect_left(range(sentence.start, sentence.end), offset, key=lambda k: doc[k].idx) + sentence.start
    tokens = list(doc[first : min(sentence.end, first + INCISE_REACH)])
    i = 0
    while i < len(tokens) and tokens[i].text in (",", "»", "”", '"', "›", "-", "–"):
        i += 1
    # An incise is set off from the quote by a comma or a dash, except after «?», «!» or «…»
    # («« Pourquoi ? » demande-t-il»); «« Coalition » sera lancé» is no incise.
    separated = any(t.text in (",", "-", "–") for t in tokens[:i])
    before = "".join(t.text_with_ws for t in doc[max(sentence.start, first - 4) : first] if offset - 6 <= t.idx)
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


# --- pass 2: attaching cues to candidates ----------------------------------------------------------

#: «Jens Stoltenberg : « … »», «Le secrétaire général : « … »»: a name or title and a colon before a quote.
_NAME_LABEL = re.compile(rf"^\s*({NAME_BEFORE_COLON})\s*:\s*$")
_TITLE_LABEL = re.compile(r"^\s*((?:[Ll]e|[Ll]a|[Ll]['’])\s*[\w'’ -]{3,60}?)\s*:\s*$")
#: «de X», «d'X», «du président»: the owner of a noun of saying.
_OWNER = re.compile(
    r"\b(?:de|d['’]|du|de la|de l['’])\s*(?P<who>(?:(?:M\.|Mme)\s+)?[A-ZÀ-Ý][\w'’-]*(?:\s+[A-ZÀ-Ý][\w'’-]*){0,3}"
    r"|(?:président|premier|première|ministre|secrétaire|chef|chancelier|chancelière)\b[\w'’ -]{0,40}?)"
    r"(?=\s*(?:[,:;«“\"(]|$|\s(?:sur|à|au|aux|concernant|contre|en|après|avant|lors)\b))"
)


def attach_cues(doc: Doc, layout: Layout, candidates: list[Candidate], resources: QuoteResources) -> list[Candidate]:
    """Pass 2: each candidate with its cue and the place its speaker is written.

    Indirect candidates come with their cue from the construction; their speaker is the cue's subject
    unless the construction names it. A direct quote's cue is an incise after it («», a-t-il déclaré»),
    else the nearest speech verb or noun of saying before it in its sentence («a salué les « progrès »»,
    «les propos de X sur la « … »»), else a colon intro ending the sentence before, a label («X : « … »»),
    a headline noun, or a noun of saying after a colon («« … » : le tacle de X»); a quotation reopened at
    each paragraph takes the cue of the paragraph that has one. Marks holding a name or a term are dropped;
    the other direct quotes without a cue have their speaker from the context.
    """
    attached: list[Candidate] = []
    for candidate in candidates:
        if candidate.kind == "direct" and candidate.marks is not None:
            found = _direct_cue(doc, layout, candidate.marks, resources)
            if found is None:
                continue  # a name or a term in marks
            cue, cue_span, source = found
            attached.append(replace(candidate, cue=cue, cue_span=cue_span, source=source))
        elif candidate.source is None:
            attached.append(replace(candidate, source=Source("subject")))
        else:
            attached.append(candidate)
    return _reopened(layout, attached)


def _reopened(layout: Layout, candidates: list[Candidate]) -> list[Candidate]:
    """A quotation left open at a paragraph's end and reopened in the next takes the cue found further on."""
    by_open = {c.marks.open_at: i for i, c in enumerate(candidates) if c.marks is not None}
    result = list(candidates)
    for index, candidate in enumerate(candidates):
        marks = candidate.marks
        if marks is None or marks.closed or candidate.source != CONTEXT:
            continue
        chain = [index]
        current = marks
        while not current.closed:
            paragraph = layout.paragraph_of(current.open_at)
            if paragraph + 1 >= len(layout.paragraphs):
                break
            nxt = by_open.get(layout.paragraphs[paragraph + 1][0])
            if nxt is None or len(chain) > 6:
                break
            chain.append(nxt)
            current = candidates[nxt].marks  # type: ignore[assignment]
            assert current is not None
        cued = candidates[chain[-1]]
        if len(chain) > 1 and cued.source is not None and cued.source != CONTEXT:
            for i in chain[:-1]:
                result[i] = replace(result[i], cue=cued.cue, cue_span=cued.cue_span, source=cued.source)
    return result


def _direct_cue(
    doc: Doc, layout: Layout, marks: MarkedSpan, resources: QuoteResources
) -> tuple[Cue | None, tuple[int, int] | None, Source] | None:
    """The cue and speaker source of the quote in ``marks``, or None when the marks hold a name or a term."""
    text = layout.text
    close_sentence = layout.sentence_at(max(marks.open_at, marks.close_end - 1))
    incise = incise_after(doc, marks.close_end, close_sentence, resources) if marks.closed else None
    if incise is not None:
        return incise, None, Source("subject", inverted=True)
    if _named(layout, marks, resources):
        return None
    sentence = layout.sentence_at(marks.open_at)
    before = _cue_before(doc, layout, marks, sentence, resources)
    if before is not None:
        return None if _term(layout, marks) else before
    if not text[sentence.start_char : marks.open_at].strip():
        intro = _colon_intro(doc, layout, sentence, resources)
        if intro is not None:
            return intro, None, Source("subject")
    label = _label(text[sentence.start_char : marks.open_at], resources)
    if label is not None:
        start = sentence.start_char + label.start(1)
        return None, (start, sentence.start_char + label.end(1)), Source("phrase", start, start + len(label.group(1)))
    after = _noun_cue_after(layout, marks, resources)
    if after is not None:
        return after
    return None, None, CONTEXT


def _announced(layout: Layout, marks: MarkedSpan) -> bool:
    """A quote announced by a colon («a répondu : « Jamais »») or a label («X : « … »») is speech."""
    return layout.text[: marks.open_at].rstrip().endswith(":")


def _term(layout: Layout, marks: MarkedSpan) -> bool:
    """Whether the marks hold a capitalised phrase with no verb («Force de réaction de l'OTAN»).

    Governed by a speech verb, it is a name («a salué la « Force de réaction de l'OTAN »»); with no cue
    of its own it is a quote only as part of an indirect content («« L'invasion de la Crimée » par …, a-t-il dit»).
    """
    text = layout.text
    words = text[marks.start : marks.end].split()
    if _announced(layout, marks) or text[marks.end - 1] in ".!?…" or not 0 < len(words) <= 6:
        return False
    inside = layout.span(marks.start, marks.end)
    return words[0][:1].isupper() and inside is not None and not any(t.pos_ in ("VERB", "AUX") for t in inside)


def _named(layout: Layout, marks: MarkedSpan, resources: QuoteResources) -> bool:
    """Whether the marks hold a name («« Moskva »») or follow a naming noun («l'initiative « OTAN 2030 »»)."""
    text = layout.text
    words = text[marks.start : marks.end].split()
    capitalised = all(w[:1].isupper() or w[:1].isdigit() for w in words)
    if not _announced(layout, marks) and 0 < len(words) <= 3 and capitalised:
        return True
    paragraph_start = layout.paragraph_span(marks.open_at)[0]
    before = text[max(paragraph_start, marks.open_at - 40) : marks.open_at]
    match = re.search(r"([\w-]+)\s*(?:de|d['’]|:)?\s*$", before)
    return bool(match and match.group(1).lower() in resources.naming_nouns)


def _cue_before(
    doc: Doc, layout: Layout, marks: MarkedSpan, sentence: Span, resources: QuoteResources
) -> tuple[Cue | None, tuple[int, int] | None, Source] | None:
    """The nearest speech verb, or noun of saying with its owner, before the quote in its sentence."""
    best: tuple[Cue | None, tuple[int, int] | None, Source] | None = None
    nouns = resources.words("speech_noun")
    for token in sentence:
        if token.idx >= marks.open_at:
            break
        inside = layout.in_marks(token.idx)
        if inside is not None and inside is not marks:
            continue
        lemma = speech_lemma(token, resources)
        if lemma is not None and token.pos_ in ("VERB", "AUX"):
            if token.morph.get("VerbForm") == ["Inf"] and (
                token.dep_ in ("csubj", "nsubj") or (token.dep_ == "ROOT" and token.is_sent_start)
            ):
                continue  # «Parler d'une volonté de « l'Ouest » est un mensonge»: saying as a topic
            adjectival = (
                token.morph.get("VerbForm") == ["Part"]
                and token.morph.get("Tense") == ["Past"]
                and not any(c.dep_.startswith("aux") for c in token.children)
            )
            if adjectival and token.dep_ in ("acl", "amod", "nmod", "appos"):
                continue  # «aussi appelées « théorie de l'esprit »»: naming, not saying
            if resources.frames(lemma) & {"direct", "incise", "que"} and not is_negated(token):
                best = (cue_of(token, lemma), None, Source("subject"))
            continue
        if token.pos_ == "NOUN" and token.lower_ in nouns:
            if layout.marks_within(token.idx, marks.open_at):
                continue  # «les propos de X sur la « A » de « B »»: the noun's complement is A only
            if any(c.dep_ == "case" for c in token.children):
                continue  # «Sa réponse aux critiques de Moscou : « … »»: a noun in a complement governs nothing
            possessive = next((c for c in token.children if c.dep_ == "det" and c.morph.get("Poss") == ["Yes"]), None)
            if possessive is not None:
                # «Sa réponse : « … »»: the possessive stands for the speaker.
                best = (
                    None,
                    (possessive.idx, token.idx + len(token.text)),
                    Source("phrase", possessive.idx, possessive.idx + len(possessive.text)),
                )
                continue
            owner = _OWNER.search(layout.text, token.idx + len(token.text), marks.open_at)
            between = layout.text[token.idx + len(token.text) : owner.start() if owner else marks.open_at]
            if owner is not None and len(between.split()) <= 3:
                start = token.idx
                determiner = doc[token.i - 1] if token.i > sentence.start else None
                if determiner is not None and determiner.pos_ == "DET":
                    start = determiner.idx
                best = (
                    None,
                    (start, token.idx + len(token.text)),
                    Source("phrase", owner.start("who"), owner.end("who")),
                )
    if best is None:
        head = _headline_cue(layout, marks, sentence, resources)
        if head is not None:
            return head
    return best


def _colon_intro(doc: Doc, layout: Layout, sentence: Span, resources: QuoteResources) -> Cue | None:
    """«Le secrétaire général s'est exprimé en ces termes :¶« … »»: a cue ending the sentence before."""
    if sentence.start == 0:
        return None
    previous = sentence_of(doc[sentence.start - 1])
    if not layout.text[previous.start_char : previous.end_char].rstrip().endswith(":"):
        return None
    verbs = [t for t in previous if speech_lemma(t, resources) is not None and t.pos_ in ("VERB", "AUX")]
    if not verbs:
        return None
    lemma = speech_lemma(verbs[-1], resources) or verbs[-1].lemma_
    return cue_of(verbs[-1], lemma)


def _label(before: str, resources: QuoteResources) -> re.Match[str] | None:
    """A name or title and a colon, all that stands before a quote in its sentence."""
    label = _NAME_LABEL.match(before)
    if label is None:
        label = _TITLE_LABEL.match(before)
        if label is not None and not _starts_with_title(label.group(1), resources):
            return None
    return label


def _starts_with_title(phrase: str, resources: QuoteResources) -> bool:
    words = strip_article(phrase).lower()
    return any(words == title or words.startswith(title + " ") for title in resources.titles)


def _headline_cue(
    layout: Layout, marks: MarkedSpan, sentence: Span, resources: QuoteResources
) -> tuple[Cue | None, tuple[int, int] | None, Source] | None:
    """«Déclaration du secrétaire général : « … »»: a headline noun and its owner before the quote."""
    before = layout.text[sentence.start_char : marks.open_at]
    nouns = "|".join(sorted(re.escape(w) for w in resources.words("headline_noun")))
    match = re.match(r"^\s*(" + nouns + r")\b(.{0,120}?):\s*$", before, flags=re.IGNORECASE)
    if match is None:
        return None
    start = sentence.start_char
    owner = re.match(r"\s*(?:du|de la|de l['’]|des|de)\s*(.+?)\s*$", match.group(2))
    if owner is None:
        return None
    who = (start + match.start(2) + owner.start(1), start + match.start(2) + owner.end(1))
    return None, (start + match.start(1), start + match.end(1)), Source("phrase", *who)


def _noun_cue_after(
    layout: Layout, marks: MarkedSpan, resources: QuoteResources
) -> tuple[Cue | None, tuple[int, int] | None, Source] | None:
    """«« … » : le tacle de X à Y»: a noun of saying and its owner after a colon that follows the quote."""
    nouns = "|".join(sorted(re.escape(w) for w in resources.words("speech_noun")))
    pattern = re.compile(r"\s*:\s*(?:(?:le|la|les|l['’]|un|une)\s*)?(" + nouns + r")\b", re.IGNORECASE)
    match = pattern.match(layout.text, marks.close_end)
    if match is None:
        return None
    paragraph_end = layout.paragraph_span(marks.open_at)[1]
    owner = _OWNER.match(layout.text, match.end() + 1, paragraph_end) or _OWNER.search(
        layout.text, match.end(), min(paragraph_end, match.end() + 8)
    )
    if owner is None:
        return None
    return None, (match.start(1), match.end(1)), Source("phrase", owner.start("who"), owner.end("who"))
