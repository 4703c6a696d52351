"""Make the Linux-only calls of the standard library unavailable, to run the suite as on macOS or Windows.

Put this folder first on ``PYTHONPATH`` and set ``PIPELINE_SIMULATE_OS`` to ``macos`` or ``windows``
(``make test-portable`` does both): every Python process started then, the test runner, the CLI runs in
subprocesses and their worker processes alike, loses before anything imports them:

- both: ``os.sched_getaffinity`` (Linux only) and ``os.process_cpu_count``;
- windows: ``os.pread``/``os.pwrite``, every process start method but ``spawn``, and the ``fcntl``
  module for the ``pipeline`` package and ``filelock`` (the library its run lock rests on).

It simulates what the platforms lack, not what they have instead: there is no ``msvcrt`` here, so the
other libraries keep ``fcntl`` (on Windows they take their own ``msvcrt`` branch, which cannot run here;
dask's ``locket``, for one, needs one or the other), and filelock falls back to its soft lock.
"""

from __future__ import annotations

import os

SIMULATED = os.environ.get("PIPELINE_SIMULATE_OS", "")

if SIMULATED not in ("", "macos", "windows"):
    raise SystemExit(f"PIPELINE_SIMULATE_OS must be macos or windows, not {SIMULATED!r}")
if SIMULATED in ("macos", "windows"):
    for name in ("sched_getaffinity", "process_cpu_count"):
        if hasattr(os, name):
            delattr(os, name)
if SIMULATED == "windows":
    import builtins

    _import = builtins.__import__
    _WITHOUT_FCNTL = ("pipeline", "filelock", "__main__")

    def _import_without_fcntl(
        name: str, globals: dict[str, object] | None = None, *args: object, **kwargs: object
    ) -> object:
        importer = str((globals or {}).get("__name__", ""))
        if name == "fcntl" and importer.split(".")[0] in _WITHOUT_FCNTL:
            raise ModuleNotFoundError("No module named 'fcntl' (simulated Windows)", name="fcntl")
        return _import(name, globals, *args, **kwargs)  # type: ignore[arg-type]

    builtins.__import__ = _import_without_fcntl
    for name in ("pread", "pwrite"):
        if hasattr(os, name):
            delattr(os, name)
    import multiprocessing

    def _spawn_only(*_args: object) -> list[str]:
        return ["spawn"]

    multiprocessing.get_all_start_methods = _spawn_only  # type: ignore[assignment]
    multiprocessing.set_start_method("spawn", force=True)
