"""Packaging: one version source, a changelog tied to the schema version, separate runtime and dev locks."""

from __future__ import annotations

import re
import subprocess
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

import pipeline
from pipeline.schema import SCHEMA_VERSION

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
#: Tools for testing, linting or notebooks: never needed to run the pipeline.
DEV_ONLY = ("pytest", "ruff", "mypy", "hypothesis", "selenium", "dask", "distributed", "ipykernel", "jupytext")


def _pins(name: str) -> dict[str, str]:
    pins = {}
    for line in (REPO / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith((" ", "#")):
            package, version = line.split("==")
            pins[package.lower()] = version
    return pins


def test_distribution_has_a_name_of_its_own_and_one_version_source() -> None:
    project = PYPROJECT["project"]
    assert project["name"] == "defence-quotes"  # `pipeline` on PyPI is an unrelated project
    assert project["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "pipeline.__version__"}
    assert metadata.version("defence-quotes") == pipeline.__version__  # the installed package says the same
    # No other file of the package writes a version number of its own.
    for path in (REPO / "pipeline").rglob("*.py"):
        if path.name != "__init__.py" or path.parent.name != "pipeline":
            assert pipeline.__version__ not in path.read_text(encoding="utf-8"), path


def test_changelog_names_the_current_version_and_schema_version() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    first = re.search(r"^## (\S+) — schema (\S+)$", changelog, re.M)
    assert first is not None
    assert (first.group(1), first.group(2)) == (pipeline.__version__, SCHEMA_VERSION)
    assert f"Schema version **{SCHEMA_VERSION}**" in (REPO / "docs" / "DATA_DICTIONARY.md").read_text(encoding="utf-8")


def test_licence_and_type_marker_ship_with_the_package() -> None:
    assert PYPROJECT["project"]["license"] == "MIT"
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert (REPO / "pipeline" / "py.typed").exists()
    assert "py.typed" in PYPROJECT["tool"]["setuptools"]["package-data"]["pipeline"]


def test_spacy_factories_entry_points_are_installed() -> None:
    points = {
        p.name: p.value
        for p in metadata.entry_points(group="spacy_factories")
        if p.dist and p.dist.name == "defence-quotes"
    }
    assert points == {
        "defence_sentences": "pipeline.components:make_sentences",
        "defence_entities": "pipeline.components:make_entities",
        "defence_quotes": "pipeline.components:make_quotes",
    }


def test_runtime_lock_is_the_dev_lock_without_test_or_lint_tools() -> None:
    runtime, dev = _pins("requirements.lock"), _pins("requirements-dev.lock")
    assert {name: dev.get(name) for name in runtime} == runtime  # same pins
    assert not [tool for tool in DEV_ONLY if tool in runtime]
    assert all(tool in dev for tool in DEV_ONLY)
    for requirement in PYPROJECT["project"]["dependencies"] + PYPROJECT["project"]["optional-dependencies"]["report"]:
        name = re.split(r"[<>=\[ ]", requirement, maxsplit=1)[0].lower()
        assert name in runtime, requirement


@pytest.mark.parametrize(
    ("target", "installs", "never"),
    [
        # `make run` on a fresh clone: the runtime lock only.
        pytest.param("run", "requirements.lock", "requirements-dev.lock", id="run"),
        # `make test`: the dev lock (which pins the runtime lock's packages the same way).
        pytest.param("test", "requirements-dev.lock", None, id="test"),
    ],
)
def test_make_targets_install_their_lock(target: str, installs: str, never: str | None) -> None:
    plan = subprocess.run(["make", "-n", "-B", target], cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert f"-r {installs}" in plan
    if never:
        assert never not in plan
