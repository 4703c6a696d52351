"""macOS and Windows branches, exercised on Linux: CPU count, the run lock, process start, the CLI without fcntl.

The whole suite also runs with the Linux-only calls removed (``make test-portable``, see
``tests/simulated_os/sitecustomize.py``); these tests check each branch on its own.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import filelock
import pytest

from pipeline import lock, processes
from pipeline.config import Settings, available_cpus
from pipeline.errors import OutputBusyError
from pipeline.lock import OWNER_FILE, lock_holder, run_lock

SIMULATION = Path(__file__).resolve().parent / "simulated_os"


def _without(monkeypatch: pytest.MonkeyPatch, *names: str) -> None:
    for name in names:
        monkeypatch.delattr(os, name, raising=False)


@pytest.mark.parametrize(
    ("present", "expected"),
    [
        # Python 3.13+ on any system: the affinity-aware count of the standard library.
        pytest.param({"process_cpu_count": lambda: 3}, 3, id="process_cpu_count"),
        # Linux before 3.13: the cores this process may run on (a container or taskset may allow fewer).
        pytest.param({"sched_getaffinity": lambda pid: {0, 1}}, 2, id="linux-affinity"),
        # macOS and Windows before 3.13: no affinity call, every core counts.
        pytest.param({"cpu_count": lambda: 8}, 8, id="macos-windows"),
        # os.cpu_count() may return None when the count cannot be determined.
        pytest.param({"cpu_count": lambda: None}, 1, id="unknown-count"),
    ],
)
def test_available_cpus_on_each_platform(
    monkeypatch: pytest.MonkeyPatch, present: dict[str, object], expected: int
) -> None:
    _without(monkeypatch, "process_cpu_count", "sched_getaffinity")
    for name, function in present.items():
        monkeypatch.setattr(os, name, function, raising=False)
    assert available_cpus() == expected


def test_default_workers_without_sched_getaffinity(monkeypatch: pytest.MonkeyPatch) -> None:
    # The bug of issue 16: `pipeline run` on macOS ended as an internal error here.
    _without(monkeypatch, "process_cpu_count", "sched_getaffinity")
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    assert Settings().n_workers == 4
    assert Settings(workers=2).n_workers == 2


def test_run_lock_refuses_a_second_holder_and_names_the_first(tmp_path: Path) -> None:
    with run_lock(tmp_path):
        assert lock_holder(tmp_path).startswith(f"pid {os.getpid()}, started ")
        with pytest.raises(OutputBusyError, match=f"another run is writing to .*pid {os.getpid()}"), run_lock(tmp_path):
            pass
    assert not (tmp_path / OWNER_FILE).exists()
    with run_lock(tmp_path):  # released: the next run takes it
        pass


def test_run_lock_is_released_when_the_run_raises(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), run_lock(tmp_path):
        raise RuntimeError("a failing run")
    with run_lock(tmp_path):
        pass


_DIE_HOLDING_THE_LOCK = """
import os, sys, warnings
warnings.simplefilter("ignore")
import filelock
from pipeline import lock
lock.FileLock = filelock.SoftFileLock
with lock.run_lock(sys.argv[1]):
    os._exit(0)  # dies holding the lock: no release, no clean-up
"""


def test_soft_lock_fallback_is_reclaimed_from_a_dead_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Where neither flock nor msvcrt exists, filelock's FileLock is its soft lock: a marker file with the
    # owner's pid. A run that died holding it must not block the next one, and a live one still must.
    monkeypatch.setattr(lock, "FileLock", filelock.SoftFileLock)
    dead = subprocess.run([sys.executable, "-c", _DIE_HOLDING_THE_LOCK, str(tmp_path)], capture_output=True, text=True)
    assert dead.returncode == 0, dead.stderr
    assert (tmp_path / lock.LOCK_FILE).exists()  # the stale marker is there
    with run_lock(tmp_path), pytest.raises(OutputBusyError), run_lock(tmp_path):
        pass
    with run_lock(tmp_path):
        pass


def test_workers_are_spawned_where_there_is_no_fork_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])  # Windows
    assert processes.context().get_start_method() == "spawn"


def _simulated(platform: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SIMULATION), "PIPELINE_SIMULATE_OS": platform}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, timeout=120)


def test_simulation_removes_the_linux_only_calls() -> None:
    probe = "import os; import importlib.util as u; print(hasattr(os, 'sched_getaffinity'), hasattr(os, 'pread'))\n"
    probe += "try:\n import fcntl; print('fcntl')\nexcept ImportError:\n print('no fcntl')"
    result = _simulated("windows", "-c", probe)
    assert result.stdout.split() == ["False", "False", "no", "fcntl"], result.stderr


@pytest.mark.parametrize("platform", ["macos", "windows"])
def test_cli_help_and_imports_without_linux_calls(platform: str) -> None:
    result = _simulated(platform, "-m", "pipeline", "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage" in result.stdout and "run" in result.stdout
    # Every module that a run imports, the lock included.
    modules = "import pipeline.api, pipeline.lock, pipeline.analysis, pipeline.cli; print('ok')"
    result = _simulated(platform, "-c", modules)
    assert result.stdout.strip() == "ok", result.stderr
