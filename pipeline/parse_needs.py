"""Which documents the rules need parsed: those in which the quote rules can find a quote.

The dependency parse (and the lemmas) are read only by the quote rules, and only around the quotes they
find; the entity rules read the part of speech, the morphology and the model's entities, never the
parse. A document in which no quote construction can occur is therefore not parsed: its records are those
of a full parse, with less work (``tests/test_parse_modes.py`` checks it over every corpus of the project).

A document needs the parse when its text holds any of what starts a quote candidate (``pipeline/quotes``):

- a quotation mark (direct quotes), or a transcript or interview layout (turns);
- a word that can be a speech verb for :func:`pipeline.quotes.cues.speech_lemma`: whatever lemma the
  model's lemmatizer may give it, under any of the parts of speech that rule accepts (the forms are not
  listed: they follow from ``speech_verbs.tsv`` and the model's lemma tables, word by word);
- «selon», «d'après» (a source named in the sentence), «Pour», «Comme», «Ainsi que» (frames that open a
  sentence);
- a colon in the first line (a reporting headline: «Déclaration du secrétaire général : …»).

The salience of the people named as subjects, which the parse gives, only serves to attribute quotes: a
document without quotes does not need it. Whether a document *with* quotes could be parsed only in part was
measured (``benchmarks/parse_needs.py``): on the project's corpora the sentences that can hold a quote cue
and those whose subjects carry salience are 92 to 98 % of the tokens of such documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from spacy.language import Language
from spacy.pipeline import Lemmatizer

from .quotes import QuoteResources, load_quote_resources
from .quotes.cues import _SPEECH_POS, _speech_lemmas
from .quotes.marks import AMBIGUOUS, CLOSERS, OPENERS
from .quotes.turns import find_turns

_MARKS = frozenset(OPENERS + CLOSERS + AMBIGUOUS)
_SOURCE = re.compile(r"\b(?:[Ss]elon|[Dd]['’]après|Pour|Comme|Ainsi que)\b")
#: Words, and the parts of hyphenated words («a-t-il», «dit-elle»), as the tokenizer may cut them.
_WORDS = re.compile(r"\w+(?:[-'’]\w+)*")
_PARTS = re.compile(r"\w+")


def _possible_lemmas(lemmatizer: Lemmatizer | None, form: str, pos: str) -> set[str]:
    """Every lemma the model's lemmatizer can give ``form`` (lower case) under the part of speech ``pos``.

    The rule lemmatizer returns the form itself, an exception, the result of a suffix rule, or the lookup
    table's lemma (``spacy.lang.fr.lemmatizer``); all of them are taken, whichever it would choose.
    """
    lemmas = {form, ""}
    if lemmatizer is None or not pos:
        return lemmas
    tables = lemmatizer.lookups
    pos = pos.lower()
    if "lemma_exc" in tables.tables:
        lemmas.update(tables.get_table("lemma_exc").get(pos, {}).get(form, []))
    if "lemma_rules" in tables.tables:
        for old, new in tables.get_table("lemma_rules").get(pos, []):
            if form.endswith(old):
                lemmas.add(form[: len(form) - len(old)] + new)
    if "lemma_lookup" in tables.tables:
        found = tables.get_table("lemma_lookup").get(form)
        if isinstance(found, str):
            lemmas.add(found)
        elif found:
            lemmas.update(found)
    return lemmas


class ParseNeeds:
    """Tells from a document's text whether the quote rules can find a quote in it (then it is parsed)."""

    def __init__(self, lemmatizer: Lemmatizer | None, resources: QuoteResources) -> None:
        self.lemmatizer = lemmatizer
        self.resources = resources
        self.speech_form: Callable[[str], bool] = lru_cache(maxsize=200_000)(self._speech_form)

    @classmethod
    def for_model(cls, nlp: Language) -> ParseNeeds | None:
        """The selection for ``nlp``, or None when its lemmas cannot be foreseen (then every document is parsed).

        Lemmas are foreseen for spaCy's rule and lookup lemmatizers (lemma tables), and when there is none.
        """
        components = [(name, getattr(pipe, "lemmatizer", pipe)) for name, pipe in nlp.pipeline]  # array versions
        lemmatizers = [pipe for _, pipe in components if isinstance(pipe, Lemmatizer)]
        trained = [name for name, pipe in components if "lemma" in name and not isinstance(pipe, Lemmatizer)]
        if trained or len(lemmatizers) > 1 or any(lem.mode not in ("rule", "lookup") for lem in lemmatizers):
            return None
        return cls(lemmatizers[0] if lemmatizers else None, load_quote_resources())

    def _speech_form(self, word: str) -> bool:
        """Whether a word (as written) can be read as a speech verb, or a participle of one, by the quote rules."""
        form = word.lower()
        lemmas = _possible_lemmas(self.lemmatizer, form, "")
        if self.lemmatizer is not None and "lemma_lookup" in self.lemmatizer.lookups.tables:
            found = self.lemmatizer.lookups.get_table("lemma_lookup").get(word)  # the lookup mode keeps the case
            lemmas.update([found] if isinstance(found, str) else found or [])
        for pos in _SPEECH_POS:
            for lemma in lemmas | _possible_lemmas(self.lemmatizer, form, pos):
                if _speech_lemmas(self.resources, lemma.lower(), form, pos) != (None, None):
                    return True
        return False

    def __call__(self, text: str) -> bool:
        """Whether ``text`` (a document, or a section analysed on its own) can hold a quote."""
        if not text.strip():
            return False
        if _MARKS.intersection(text) or _SOURCE.search(text):
            return True
        if ":" in text.lstrip().split("\n", 1)[0]:
            return True
        for match in _WORDS.finditer(text):
            word = match.group(0)
            if self.speech_form(word):
                return True
            parts = _PARTS.findall(word)
            if len(parts) > 1 and any(self.speech_form(part) for part in parts):
                return True
        return bool(find_turns(text, self.resources))
