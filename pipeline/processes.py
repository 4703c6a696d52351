"""The fork server that local worker processes start from.

Workers fork from a server process that imported spaCy and the extraction rules once, rather than from
the main process (which may hold threads) or from a fresh interpreter each. :func:`start_server` starts it
ahead of time: ``pipeline run`` calls it before importing its own modules, so the server's imports run on
the second core while the main process starts up. This module imports nothing heavy for that reason.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import multiprocessing.forkserver
import os

#: Imported once by the fork server; every worker inherits them.
PRELOAD = ["pipeline.analysis"]
#: Each worker is one core: numerical libraries must not start threads of their own.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def context() -> multiprocessing.context.BaseContext:
    """The start method of the workers: the fork server where the platform has one, else spawn.

    The environment the workers inherit limits BLAS and OpenMP to one thread each (unless set already).
    """
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def start_server() -> None:
    """Start the fork server now, if the platform has one (it is started on first use otherwise)."""
    if isinstance(context(), multiprocessing.context.ForkServerContext):
        multiprocessing.forkserver.ensure_running()
