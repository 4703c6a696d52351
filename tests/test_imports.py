"""Importing the package changes nothing in the process: no umask, no environment variable, no file read."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = r"""
import builtins, importlib, io, os, pkgutil
os.umask(0o027)
before = dict(os.environ)
opened = []
real_open = io.open
def watching_open(file, *args, **kwargs):
    if "pipeline" in str(file) and "site-packages" not in str(file) and not str(file).endswith(".py"):
        opened.append(str(file))
    return real_open(file, *args, **kwargs)
builtins.open = io.open = watching_open
import pipeline
for module in pkgutil.walk_packages(pipeline.__path__, "pipeline."):
    if module.name != "pipeline.__main__":
        importlib.import_module(module.name)
builtins.open = io.open = real_open
mask = os.umask(0)
assert mask == 0o027, oct(mask)
changed = sorted(k for k in set(before) | set(os.environ) if before.get(k) != os.environ.get(k))
assert not changed, changed
assert not opened, opened
print("clean")
"""


def test_importing_every_module_has_no_side_effect() -> None:
    # export.py used to set the umask on import to read it; the report read its script; the stages
    # load their word lists when first used, not when imported.
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "clean"
