"""Who said what in French defence press releases: sentences, entities and quotes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

if TYPE_CHECKING:
    from .outputs import Outputs, load_outputs

__all__ = ["Outputs", "__version__", "load_outputs"]


def __getattr__(name: str) -> Any:
    """``Outputs`` and ``load_outputs`` import pandas when first asked for, not when the CLI starts."""
    if name in ("Outputs", "load_outputs"):
        from . import outputs

        return getattr(outputs, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
