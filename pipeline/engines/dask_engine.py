"""The Dask engine: the same batches on a Dask cluster (a LocalCluster, or an existing scheduler).

Needs the ``dask`` extra (``pip install 'pipeline[dask]'``) here and on every worker, with the model
installed there too. Only plain records travel: ``(Document, text)`` pairs out, Analysis records back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .. import processes
from ..analysis import Analysis, analyse_batch_for
from ..config import Settings
from ..errors import PipelineError
from ..schema import Document
from . import Item

#: The reason given for a document whose Dask workers kept dying.
WORKER_DIED = (
    "the Dask workers analysing this document died (killed, e.g. out of memory) after Dask's own retries; "
    "retried once alone, and its worker died again"
)


def analyse_on_worker(
    items: Sequence[tuple[Document, str]], settings: Settings, keep_parses: bool = False
) -> list[Analysis]:
    """:func:`analyse_batch_for` with the worker's BLAS and OpenMP pools limited to one thread."""
    processes.limit_worker_threads()
    return analyse_batch_for(items, settings, keep_parses=keep_parses)


class DaskEngine:
    """Submit batches to a Dask cluster; each worker process loads the model once."""

    def __init__(self, settings: Settings, *, keep_parses: bool = False) -> None:
        self.keep_parses = keep_parses
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:
            raise PipelineError("the dask engine needs the dask extra: pip install 'pipeline[dask]'") from exc
        self.settings = settings
        self.cluster: Any = None
        if settings.scheduler:
            try:
                self.client = Client(settings.scheduler, timeout="10s")
            except OSError as exc:
                raise PipelineError(f"cannot reach the Dask scheduler at {settings.scheduler}: {exc}") from exc
            n_workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        else:
            n_workers = settings.n_workers
            self.cluster = LocalCluster(
                n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
            self.client = Client(self.cluster)
        self.window = 2 * n_workers

    def submit(self, items: list[Item]) -> Any:
        return _DaskResult(self, items, self._submit(items))

    def _submit(self, items: list[Item]) -> Any:
        return self.client.submit(analyse_on_worker, items, self.settings, self.keep_parses, pure=False)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


class _DaskResult:
    def __init__(self, engine: DaskEngine, items: list[Item], future: Any) -> None:
        self.engine = engine
        self.items = items
        self.future = future

    def result(self) -> list[Analysis]:
        from distributed import KilledWorker

        try:
            result: list[Analysis] = self.future.result()
        except KilledWorker:  # the batch's workers died more often than Dask retries: one by one, once
            result = []
            for item in self.items:
                try:
                    result.extend(self.engine._submit([item]).result())
                except KilledWorker:
                    result.append(Analysis(error=WORKER_DIED))
        finally:
            self.future.release()
        return result
