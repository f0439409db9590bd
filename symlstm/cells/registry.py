"""The registry of named cells: ``register`` adds a factory, ``cell`` looks a name up.

A leaf: it imports nothing of symlstm, so every stage may look a name up. Importing the
:mod:`symlstm.cells` package (which any import of this module does first) registers the
built-in cells and the variants.
"""
from __future__ import annotations

import difflib
from typing import Callable

__all__ = ["UnknownCellError", "as_cell", "available_cells", "cell", "register"]

_FACTORIES: dict[str, Callable] = {}     # name -> factory returning a Cell
_CACHE: dict = {}                        # name -> Cell


class UnknownCellError(KeyError, ValueError):
    """A cell name the registry does not know (a KeyError and a ValueError)."""

    def __str__(self):
        return str(self.args[0]) if self.args else ""


def register(name: str):
    """Add a cell factory to the registry under ``name``."""
    def deco(fn: Callable):
        if name in _FACTORIES:
            raise ValueError(f"cell {name!r} is already registered")
        _FACTORIES[name] = fn
        return fn
    return deco


def available_cells() -> list[str]:
    """Names of the registered cells, in registration order (built-ins first)."""
    return list(_FACTORIES)


def cell(name):
    """The registered cell called ``name`` (a :class:`Cell` is passed through)."""
    if not isinstance(name, str):
        if hasattr(name, "equations") and hasattr(name, "states"):     # a Cell
            return name
        raise TypeError(f"a cell is a Cell or a registered name, got {type(name).__name__}")
    if name not in _FACTORIES:
        close = difflib.get_close_matches(name.lower(), _FACTORIES, n=1) or \
            [k for k in _FACTORIES if k.lower() == name.lower()]
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise UnknownCellError(f"unknown cell {name!r}{hint}; available cells: {', '.join(_FACTORIES)}")
    if name not in _CACHE:
        _CACHE[name] = _FACTORIES[name]()
    return _CACHE[name]


def as_cell(cell_or_name):
    """A :class:`Cell` given itself or its registered name."""
    return cell(cell_or_name)
