"""Cells as equations: the algebra, ``Cell``, the registry with the built-ins and variants, transforms, the cell language.

Importing this package registers the built-in cells and the Greff variants.
"""
from . import catalogue, variants  # noqa: F401  (register the built-ins, then the variants)
from .registry import UnknownCellError, as_cell, available_cells, cell, register

__all__ = ["UnknownCellError", "as_cell", "available_cells", "cell", "register"]
