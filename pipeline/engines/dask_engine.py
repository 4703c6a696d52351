"""The Dask engine: the same batches on a Dask cluster (a LocalCluster, or an existing scheduler).

Needs the ``dask`` extra (``pip install 'pipeline[dask]'``) here and on every worker, with the model
installed there too. Only plain records travel: ``(Document, text)`` pairs out, Analysis records back.
"""

from __future__ import annotations

from typing import Any

from ..analysis import Analysis, analyse_batch_for
from ..config import Settings
from ..errors import PipelineError
from . import Item


class DaskEngine:
    """Submit batches to a Dask cluster; each worker process loads the model once."""

    def __init__(self, settings: Settings) -> None:
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
        future = self.client.submit(analyse_batch_for, items, self.settings, pure=False)
        return _DaskResult(future)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


class _DaskResult:
    def __init__(self, future: Any) -> None:
        self.future = future

    def result(self) -> list[Analysis]:
        result: list[Analysis] = self.future.result()
        self.future.release()
        return result
