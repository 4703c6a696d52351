"""Make the Linux-only calls of the standard library unavailable, to run the suite as on macOS or Windows.

Put this folder first on ``PYTHONPATH`` and set ``PIPELINE_SIMULATE_OS`` to ``macos`` or ``windows``
(``make test-portable`` does both): every Python process started then, the test runner, the CLI runs in
subprocesses and their worker processes alike, loses before anything imports them:

- both: ``os.sched_getaffinity`` (Linux only) and ``os.process_cpu_count``;
- windows: the ``fcntl`` module, ``os.pread``/``os.pwrite``, and every process start method but ``spawn``.

It simulates what the platforms lack, not what they have instead (there is no ``msvcrt`` here), so a
library that picks a Windows-only path by ``sys.platform`` still takes its POSIX path.
"""

from __future__ import annotations

import os
import sys

SIMULATED = os.environ.get("PIPELINE_SIMULATE_OS", "")

if SIMULATED not in ("", "macos", "windows"):
    raise SystemExit(f"PIPELINE_SIMULATE_OS must be macos or windows, not {SIMULATED!r}")
if SIMULATED in ("macos", "windows"):
    for name in ("sched_getaffinity", "process_cpu_count"):
        if hasattr(os, name):
            delattr(os, name)
if SIMULATED == "windows":
    sys.modules.pop("fcntl", None)
    sys.modules["fcntl"] = None  # type: ignore[assignment]  # `import fcntl` now raises ImportError
    for name in ("pread", "pwrite"):
        if hasattr(os, name):
            delattr(os, name)
    import multiprocessing

    def _spawn_only(*_args: object) -> list[str]:
        return ["spawn"]

    multiprocessing.get_all_start_methods = _spawn_only  # type: ignore[assignment]
    multiprocessing.set_start_method("spawn", force=True)
