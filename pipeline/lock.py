"""One run at a time per output folder: an advisory lock that the system drops if the run dies."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputBusyError

LOCK_FILE = ".lock"


@contextmanager
def run_lock(out_dir: Path) -> Iterator[None]:
    """Hold ``OUT/.lock`` for the duration of a run.

    Raises:
        OutputBusyError: another run holds the lock on this output folder.
    """
    path = Path(out_dir) / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
            raise OutputBusyError(
                f"another run is writing to {out_dir} ({holder}); wait for it to finish or choose another --out"
            ) from None
        os.ftruncate(fd, 0)
        started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        os.pwrite(fd, f"pid {os.getpid()}, started {started}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
