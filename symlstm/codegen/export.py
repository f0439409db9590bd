"""``symlstm.export(cell, to=...)``: the source of a standalone PyTorch or JAX module for a cell."""
from __future__ import annotations

import importlib

__all__ = ["export", "TARGETS"]

#: Export target -> "module:function" printing the module source (the framework is not imported).
TARGETS = {"jax": "symlstm.codegen.export_jax:generate_jax",
           "torch": "symlstm.codegen.export_torch:generate_torch"}


def export(cell, *, to: str) -> str:
    """The source of a module that runs ``cell`` in PyTorch (``to="torch"``) or JAX (``to="jax"``).

    ``cell`` is a Cell (built-in, variant, transform result, parsed cell file) or a catalogue name.
    The module imports only its framework and the standard library; its backward pass is the
    derived BPTT. Same input, byte-identical source.
    """
    from ..cells.cell import Cell
    from ..cells.registry import cell as lookup
    if to not in TARGETS:
        raise ValueError(f"to must be one of {sorted(TARGETS)}, got {to!r}")
    if isinstance(cell, str):
        cell = lookup(cell)
    if not isinstance(cell, Cell):
        raise TypeError(f"cell must be a symlstm.Cell or a catalogue name, got {type(cell).__name__}")
    module, _, name = TARGETS[to].partition(":")
    return getattr(importlib.import_module(module), name)(cell)
