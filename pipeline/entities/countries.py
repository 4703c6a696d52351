"""The country table is :mod:`pipeline.countries` (one table for the entity stage and the output loaders).

This name is kept for the scripts that import it here (``benchmarks/stock_entities.py``); it defines nothing.
"""

from __future__ import annotations

from ..countries import BLOCKED, country_names

__all__ = ["BLOCKED", "country_names"]
