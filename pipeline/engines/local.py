"""The local engine: this process (one worker) or a pool of worker processes, one model each."""

from __future__ import annotations

from concurrent.futures import Future, ProcessPoolExecutor

from .. import processes
from ..analysis import Analysis, analyse_batch_for, process_resources
from ..config import Settings
from . import Done, Engine, Item


class InProcessEngine:
    """Analyse batches here, one after the other (``--workers 1``)."""

    window = 0

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def submit(self, items: list[Item]) -> Done:
        return Done(analyse_batch_for(items, self.settings))

    def close(self) -> None:
        pass


def _load_worker(settings: Settings) -> None:
    """Worker initializer: load the model once, when the worker starts."""
    process_resources(settings).nlp  # noqa: B018


class PoolEngine:
    """Analyse batches in ``workers`` processes, each loading the model once."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = settings
        self.window = 2 * workers
        self.pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=processes.context(),
            initializer=_load_worker,
            initargs=(settings,),
        )

    def submit(self, items: list[Item]) -> Future[list[Analysis]]:
        return self.pool.submit(analyse_batch_for, items, self.settings)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def local_engine(settings: Settings) -> Engine:
    """One worker: this process; more: a process pool."""
    workers = settings.n_workers
    return InProcessEngine(settings) if workers == 1 else PoolEngine(settings, workers)
