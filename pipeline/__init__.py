"""Who said what in French defence press releases: sentences, entities and quotes.

- ``pipeline.extract(text)``: the records of one text (see :mod:`pipeline.extraction`);
- ``pipeline.load_outputs(folder)``: a finished run's tables as typed DataFrames (:mod:`pipeline.outputs`);
- ``nlp.add_pipe("defence_quotes")``: the stages as spaCy components (:mod:`pipeline.components`);
- ``python -m pipeline``: the command line (:mod:`pipeline.cli`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

#: The package version, and its only source (pyproject.toml reads it; CHANGELOG.md names it).
__version__ = "0.2.0"

if TYPE_CHECKING:
    from .analysis import Analysis
    from .extraction import extract
    from .outputs import Outputs, load_outputs

__all__ = ["Analysis", "Outputs", "__version__", "extract", "load_outputs"]

#: Names imported when first asked for, so that the CLI starts without pandas or spaCy.
_LAZY = {"Outputs": "outputs", "load_outputs": "outputs", "extract": "extraction", "Analysis": "analysis"}


def __getattr__(name: str) -> Any:
    """``extract``, ``load_outputs``… import their modules (spaCy, pandas) when first asked for."""
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
