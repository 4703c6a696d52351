"""Worker processes: the fork server they start from, and the thread limits of every process that parses.

Workers fork from a server process that imported spaCy and the extraction rules, and loaded the model and
the word lists, once, rather than from the main process (which may hold threads) or from a fresh
interpreter each: a worker starts with everything in memory (shared with the server until written), and
the model is loaded once per run, not once per worker. :func:`start_server` starts the server ahead of
time: ``pipeline run`` calls it before importing its own modules, so the server's imports and model load
run on the second core while the main process starts up. This module imports nothing heavy for that reason.

Each process that runs the model is one core: BLAS and OpenMP pools are limited to one thread with
threadpoolctl (in the workers for good, in the main process for the duration of a run or stage), and
the ``*_NUM_THREADS`` variables say the same to processes started later.
"""

from __future__ import annotations

import json
import multiprocessing
import multiprocessing.context
import multiprocessing.forkserver
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .config import Settings

#: Imported once by the fork server; every worker inherits them (the second one loads the model).
PRELOAD = ["pipeline.analysis", "pipeline.engines.preload"]
#: Environment variable telling the fork server which model set-up to load (``pipeline.engines.preload``).
PRELOAD_VARIABLE = "_PIPELINE_PRELOAD"
#: Each worker is one core: numerical libraries must not start threads of their own.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")
#: Threads per BLAS/OpenMP pool in every process that parses.
THREADS_PER_PROCESS = 1


def _set_thread_variables() -> None:
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, str(THREADS_PER_PROCESS))


def context() -> multiprocessing.context.BaseContext:
    """The start method of the workers: the fork server where the platform has one, else spawn.

    The environment the workers inherit limits BLAS and OpenMP to one thread each (unless set already).
    """
    _set_thread_variables()
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def preload_spec(settings: Settings) -> str:
    """What the fork server loads for workers of ``settings``: the model set-up, as JSON."""
    return json.dumps(
        {"model": settings.model, "disable": list(settings.disable), "blas": settings.blas, "parse": settings.parse}
    )


def start_server(settings: Settings | None = None) -> None:
    """Start the fork server now, if the platform has one (it is started on first use otherwise).

    With ``settings``, the server also loads their model and the word lists, which every worker then has
    from the start. A server already running is kept as it is.
    """
    if not isinstance(context(), multiprocessing.context.ForkServerContext):
        return
    if settings is None:
        multiprocessing.forkserver.ensure_running()
        return
    previous = os.environ.get(PRELOAD_VARIABLE)
    os.environ[PRELOAD_VARIABLE] = preload_spec(settings)
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        if previous is None:
            os.environ.pop(PRELOAD_VARIABLE, None)
        else:
            os.environ[PRELOAD_VARIABLE] = previous


def limit_worker_threads() -> None:
    """Limit this worker process's BLAS and OpenMP pools to one thread, for the rest of its life."""
    from threadpoolctl import threadpool_limits

    _set_thread_variables()
    threadpool_limits(limits=THREADS_PER_PROCESS)


@contextmanager
def thread_limits() -> Iterator[None]:
    """Limit this process's BLAS and OpenMP pools to one thread while the block runs (then restore them).

    Used around runs and stages, which parse in this process with ``--workers 1`` and in stage commands;
    a notebook that calls the api gets its own thread settings back afterwards.
    """
    from threadpoolctl import threadpool_limits

    _set_thread_variables()
    with threadpool_limits(limits=THREADS_PER_PROCESS):
        yield


def thread_report() -> dict[str, Any]:
    """The thread limits in force in this process, for provenance: the limit and each pool's threads."""
    from threadpoolctl import threadpool_info

    pools = [
        {"library": info.get("internal_api"), "version": info.get("version"), "threads": info.get("num_threads")}
        for info in threadpool_info()
    ]
    return {"limit_per_process": THREADS_PER_PROCESS, "pools": pools}
