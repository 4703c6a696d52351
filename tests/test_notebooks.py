"""The analysts' notebooks run from top to bottom on a small real output, and stay diff-friendly."""

from __future__ import annotations

import subprocess
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

from tests.small_outputs import REPO, corpus_output, hand_output

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.py"))


def test_there_are_notebooks() -> None:
    assert {p.stem for p in NOTEBOOKS} >= {"corpus_overview", "quote_explorer"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_a_percent_file(path: Path) -> None:
    notebook = jupytext.read(path)
    assert notebook.metadata["jupytext"]["text_representation"]["format_name"] == "percent"
    assert notebook.cells[0].cell_type == "markdown"  # opens by saying what it is for

    # a round trip through jupytext gives back the file: what is committed is what Jupyter would save
    def text(source: str) -> list[str]:
        return [line for line in source.splitlines() if "jupytext_version:" not in line]  # the installed one

    assert text(jupytext.writes(notebook, fmt="py:percent")) == text(path.read_text(encoding="utf-8"))


def test_no_notebook_with_outputs_is_committed() -> None:
    tracked = subprocess.run(["git", "ls-files", "notebooks"], cwd=REPO, capture_output=True, text=True, check=True)
    assert not [name for name in tracked.stdout.split() if name.endswith(".ipynb")]


def _execute(path: Path, out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> nbformat.NotebookNode:
    monkeypatch.setenv("PIPELINE_OUT", str(out_dir))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    notebook = jupytext.read(path)
    client = NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()  # raises CellExecutionError, with the failing cell, if any cell fails
    return notebook


def _images(notebook: nbformat.NotebookNode) -> int:
    return sum("image/png" in output.get("data", {}) for cell in notebook.cells for output in cell.get("outputs", []))


@pytest.mark.model
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_a_real_output(
    path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    notebook = _execute(path, corpus_output(tmp_path_factory.getbasetemp()), monkeypatch)
    assert _images(notebook) >= 1


def test_quote_explorer_shows_quotes_in_context(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    notebook = _execute(
        REPO / "notebooks" / "quote_explorer.py", hand_output(tmp_path_factory.getbasetemp()), monkeypatch
    )
    html = "".join(
        output.get("data", {}).get("text/html", "") for cell in notebook.cells for output in cell.get("outputs", [])
    )
    assert "2 of 3 quotes match" in str(notebook.cells)
    # displaCy marks the speaker, the cue and the quote
    for label in ("SPEAKER", "CUE", "QUOTE"):
        assert label in html
    assert "Nous sommes unis &lt;et&gt; déterminés" in html
