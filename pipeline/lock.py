"""One run at a time per output folder: a lock that is dropped when the run ends, however it ends.

The lock is filelock's lock for the platform on ``OUT/.lock``: ``flock`` on Linux and macOS, ``msvcrt``
locking on Windows; the system releases both when the process dies, so no stale lock needs cleaning.
Where neither exists, filelock falls back to a marker file holding the owner's process id, which the
next run reclaims once that process is gone. Who holds the lock is written beside it, in
``OUT/.lock.owner``, for the message that a second run prints.
"""

from __future__ import annotations

import datetime as dt
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

with warnings.catch_warnings():
    # Without fcntl on a POSIX system filelock warns that it falls back to its soft lock: the fallback
    # is described above, and a warning on every run would say nothing the user can act on.
    warnings.simplefilter("ignore")
    from filelock import FileLock, Timeout

from .errors import OutputBusyError

LOCK_FILE = ".lock"
OWNER_FILE = ".lock.owner"


def lock_holder(out_dir: Path) -> str:
    """Who holds the run lock of ``out_dir``, as its owner wrote it (``pid N, started …``)."""
    try:
        text = (Path(out_dir) / OWNER_FILE).read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        text = ""
    return text or "another process"


@contextmanager
def run_lock(out_dir: Path) -> Iterator[None]:
    """Hold ``OUT/.lock`` for the duration of a run.

    Raises:
        OutputBusyError: another run holds the lock on this output folder.
    """
    out_dir = Path(out_dir)
    lock = FileLock(out_dir / LOCK_FILE, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        holder = lock_holder(out_dir)
        raise OutputBusyError(
            f"another run is writing to {out_dir} ({holder}); wait for it to finish or choose another --out"
        ) from None
    owner = out_dir / OWNER_FILE
    try:
        started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        owner.write_text(f"pid {os.getpid()}, started {started}\n", encoding="utf-8")
        yield
    finally:
        owner.unlink(missing_ok=True)
        lock.release()
