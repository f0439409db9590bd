"""Parameter initialisation shared by training and gradient flow (PyTorch's default for recurrent layers)."""
from __future__ import annotations

import numpy as np

from ..cells.cell import Cell
from ..cells.registry import cell as _lookup

__all__ = ["INIT_DOC", "init_params", "resolve_cell"]

#: The documented initialization (the defaults of PyTorch's nn.RNN / nn.LSTM / nn.GRU).
INIT_DOC = ("every parameter drawn from U(−1/√H, 1/√H) (PyTorch's default for its recurrent "
            "layers), inputs x_t ~ N(0, 1), initial states zero")


def resolve_cell(c) -> Cell:
    """A Cell given itself or a registered name (TypeError for anything else)."""
    c = _lookup(c) if isinstance(c, str) else c
    if not isinstance(c, Cell):
        raise TypeError(f"expected a Cell or a cell name, got {type(c).__name__}")
    return c


def init_params(cell, n_in: int, n_hidden: int, rng, *, forget_bias: float | None = None) -> dict:
    """Parameters drawn from U(−1/√H, 1/√H); ``forget_bias`` sets every entry of b_f.

    Returns a dict name -> float64 array of the shapes in ``cell.param_shapes(n_in, n_hidden)``.
    """
    c = resolve_cell(cell)
    shapes = c.param_shapes(n_in, n_hidden)
    if forget_bias is not None and "b_f" not in shapes:
        raise ValueError(f"cell {c.name!r} has no forget-gate bias b_f; its parameters are "
                         f"{', '.join(shapes)}")
    bound = 1.0 / np.sqrt(n_hidden)
    params = {name: rng.uniform(-bound, bound, size=shape) for name, shape in shapes.items()}
    if forget_bias is not None:
        params["b_f"] = np.full(shapes["b_f"], float(forget_bias))
    return params
