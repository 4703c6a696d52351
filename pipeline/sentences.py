"""Sentence boundaries that follow French typography, and Doc → Sentence records.

A sentence ends at ``. ! ? …`` (possibly followed by closing quotes or brackets) when the next
character starts a sentence, and always at a line break. It does not end after abbreviations
(«M.», «Mme», «etc.» before a lower-case word), initials («Antony J. Blinken») or inside numbers.
Boundaries are computed on the text alone, then imposed on the parser so the parse respects them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .lexicon import read_words
from .schema import Sentence


@functools.cache
def abbreviations() -> frozenset[str]:
    """Abbreviations after which a period does not end a sentence (``resources/sentences/abbreviations.tsv``)."""
    return frozenset(word.lower() for word in read_words("sentences/abbreviations.tsv"))


_CLOSERS = "»”\"’')]›"
_OPENERS = '«“"‹([—–-'
#: A sentence end: its marks, the closing quotes and brackets glued to them, then white space.
_TERMINATOR = re.compile(r"[.!?…]+(?:[ \t\u00a0\u202f]*[»”›)\]]|[\"'’])*\s*")
#: An elision in brackets («[...]», «(…)»): a cut in a quotation, no sentence end of its own.
_ELISION = re.compile(r"[\[(](?:\.{3}|…)[\])]")
_ENUMERATOR = re.compile(r"\d{1,3}|[A-Za-z]|[IVXLC]{1,6}")
_WORD_BEFORE = re.compile(r"([\w.\-]+)$")


def _starts_sentence(text: str, i: int) -> bool:
    """Whether a sentence may start at ``text[i]`` (after white space)."""
    if i >= len(text):
        return False
    ch = text[i]
    if ch.isupper() or ch.isdigit():
        return True
    if ch in _OPENERS:
        # An opening mark starts a sentence when a capital (or another mark) follows it.
        if _ELISION.match(text, i):
            return True  # «[...] La priorité …»: a cut, then a new sentence
        j = i + 1
        while j < len(text) and text[j] in " \u00a0\u202f\t":
            j += 1
        return j < len(text) and (text[j].isupper() or text[j].isdigit() or text[j] in _OPENERS)
    return False


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at ``text[dot]`` closes an abbreviation or an initial."""
    match = _WORD_BEFORE.search(text, max(0, dot - 40), dot)
    if not match:
        return False
    word = match.group(1).rsplit(".", 1)[-1] if "." in match.group(1) else match.group(1)
    if not word:
        # «J.-C.» or «U.S.»: dotted initials.
        return True
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: «Antony J. Blinken»
    return word.lower() in abbreviations() and word.lower() != "etc"


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence ``(start, end)`` offsets in ``text``, white space trimmed, in order."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n\r\u2028\u2029]+", text):
        start = line.start()
        for match in _TERMINATOR.finditer(text, line.start(), line.end()):
            end = match.end()
            if end >= line.end():
                break
            if _ELISION.match(text, match.start() - 1):
                continue  # «[...]» inside a quotation
            ellipsis_before_capital = match.group(0).startswith(("...", "…")) and text[end].isupper()
            if not text[end - 1].isspace() and not ellipsis_before_capital:
                continue  # «3.5», «U.S.A», «?!» glued to the next word; «…Mais» starts a sentence
            if not _starts_sentence(text, end):
                continue
            marks = match.group(0).rstrip(_CLOSERS + " \t\u00a0\u202f")
            if marks == "." and _is_abbreviation(text, match.start()):
                continue
            if marks == "." and _ENUMERATOR.fullmatch(text[start : match.start()].strip()):
                continue  # «1. Il y a un an…»: a list number, not a sentence
            spans.append((start, end))
            start = end
        spans.append((start, line.end()))
    return [trimmed for span in spans if (trimmed := _trim(text, *span)) is not None]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


@Language.component("french_sentences")  # type: ignore[untyped-decorator]
def set_sentence_starts(doc: Doc) -> Doc:
    """Impose :func:`sentence_spans` on the Doc before the parser runs (1: starts a sentence, -1: does not)."""
    if not len(doc):
        return doc
    starts = numpy.array([start for start, _ in sentence_spans(doc.text)], dtype="uint64")
    flags = numpy.where(numpy.isin(doc.to_array(IDX), starts), 1, -1)
    flags[0] = 1
    doc.from_array([SENT_START], flags.astype("uint64"))  # one array write, not a Token object per token
    return doc


def extract_sentences(doc: Doc, *, doc_id: str, text: str) -> list[Sentence]:
    """Sentence records of a parsed Doc, trimmed of white space, numbered from 0.

    ``text`` is the file's text (the Doc holds its normalised form, same length).
    """
    return [
        Sentence(doc_id=doc_id, sent_id=i, start=start, end=end, text=text[start:end])
        for i, (start, end) in enumerate(_doc_sentence_spans(doc, text))
    ]


def _doc_sentence_spans(doc: Doc, text: str) -> Iterator[tuple[int, int]]:
    for sent in doc.sents:
        trimmed = _trim(text, sent.start_char, sent.end_char)
        if trimmed is not None:
            yield trimmed
