"""Engines: where batches of plain records are parsed and analysed (this process, a process pool, Dask).

Every engine ships the same function, :func:`pipeline.analysis.analyse_batch_for`, with
``(Document, text)`` pairs in and :class:`~pipeline.analysis.Analysis` records out. Results come
back in submission order, with a bounded number of batches in flight, so memory does not grow with
the corpus.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Protocol, TypeVar

from ..analysis import Analysis
from ..config import Settings
from ..schema import Document

Item = tuple[Document, str]
T = TypeVar("T")


class Pending(Protocol):
    """A result on its way (a ``concurrent.futures.Future``, a Dask future, or a done value)."""

    def result(self) -> list[Analysis]: ...


class Engine(Protocol):
    """Runs :func:`~pipeline.analysis.analyse_batch_for` on batches."""

    #: Batches submitted ahead of the one being collected.
    window: int

    def submit(self, items: list[Item]) -> Pending: ...

    def close(self) -> None: ...


class Done:
    """A result computed already."""

    def __init__(self, value: list[Analysis]) -> None:
        self.value = value

    def result(self) -> list[Analysis]:
        return self.value


def map_batches(engine: Engine, batches: Iterable[tuple[T, list[Item]]]) -> Iterator[tuple[T, list[Analysis]]]:
    """Analyse each batch's items on ``engine``; yield ``(tag, analyses)`` in the order of ``batches``."""
    pending: deque[tuple[T, Pending]] = deque()
    for tag, items in batches:
        pending.append((tag, engine.submit(items) if items else Done([])))
        while len(pending) > engine.window:
            head, result = pending.popleft()
            yield head, result.result()
    while pending:
        head, result = pending.popleft()
        yield head, result.result()


def _start_engine(settings: Settings, keep_parses: bool) -> Engine:
    if settings.engine == "dask":
        from .dask_engine import DaskEngine

        return DaskEngine(settings, keep_parses=keep_parses)
    from .local import local_engine

    return local_engine(settings, keep_parses=keep_parses)


class _LazyEngine:
    """Starts the real engine on the first batch to analyse (a fully cached run starts no worker)."""

    def __init__(self, settings: Settings, keep_parses: bool) -> None:
        self.settings = settings
        self.keep_parses = keep_parses
        self.engine: Engine | None = None
        self.window = 2 * settings.n_workers

    def submit(self, items: list[Item]) -> Pending:
        if self.engine is None:
            self.engine = _start_engine(self.settings, self.keep_parses)
            self.window = self.engine.window
        return self.engine.submit(items)

    def close(self) -> None:
        if self.engine is not None:
            self.engine.close()


@contextmanager
def open_engine(settings: Settings, *, keep_parses: bool = False) -> Iterator[Engine]:
    """The engine ``settings`` ask for, started when first needed and closed (workers stopped) on exit.

    ``keep_parses``: each Analysis also carries its document's parse (the ``sentences`` stage stores it).
    """
    engine = _LazyEngine(settings, keep_parses)
    try:
        yield engine
    finally:
        engine.close()
