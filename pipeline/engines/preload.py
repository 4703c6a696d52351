"""Imported by the workers' fork server: loads the model and word lists that the server was started for.

:func:`pipeline.processes.start_server` names the model set-up in an environment variable; the server
imports this module once, before it forks any worker, so each worker starts with the model in memory
(:func:`pipeline.analysis.shared_model` keeps the process's model). Objects made so far are frozen
out of the garbage collector's reach: the workers neither scan them again nor copy their memory pages.
Without the variable (a server started for no particular run) nothing is loaded.
"""

from __future__ import annotations

import gc
import json
import logging
import os

from .. import processes

log = logging.getLogger("pipeline")


def preload() -> bool:
    """Load what the environment names; return whether a model was loaded."""
    spec = os.environ.get(processes.PRELOAD_VARIABLE)
    if not spec:
        return False
    from ..analysis import shared_model
    from ..entities import load_entity_resources
    from ..quotes import load_quote_resources

    setup = json.loads(spec)
    try:
        with processes.thread_limits():
            shared_model(setup["model"], tuple(setup["disable"]), setup["blas"], setup["parse"])
        load_entity_resources()
        load_quote_resources()
    except Exception as exc:  # the workers load it again and report the error themselves
        log.debug("the fork server could not preload %s: %s", setup, exc)
        return False
    gc.freeze()
    return True


preload()
