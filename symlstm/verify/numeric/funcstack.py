r"""A column of functions applied to a stacked argument:
``\begin{pmatrix} \sigma \\ \sigma \\ \sigma \\ \tanh \end{pmatrix} W \begin{pmatrix} h_{t-1} \\ x_t \end{pmatrix}``
is each function applied to its own block of the product (the blocks of equal size, in the written order),
the results stacked again the same way (a column stays a column, a row a row)."""
from __future__ import annotations

import numpy as np

from ...latex.notation import AXIS_METHODS
from .numbase import Func
from ..text.names import IllTyped, NotReadable

__all__ = ["function_column"]


def _plain(v) -> bool:
    return isinstance(v, Func) and not v.power and v.order == 0 and not v.name.startswith(("abstract:", *(m + ":" for m in AXIS_METHODS))) \
        and v.name not in ("prod", "crossentropy", "diag")


def function_column(ev, items, ops, ctx):
    """The value of ``(f_1; ...; f_n) X`` (``None`` when the first factor is not a column of functions)."""
    first = items[0]
    if len(items) < 2 or first[0] != "matrix" or len(first[1]) < 2 or any(len(r) != 1 for r in first[1]) \
            or any(op is not None for op in ops[1:2]):
        return None
    funcs = []
    for r in first[1]:
        if r[0][0] != "sym":
            return None
        try:
            f = ev.evaluate(r[0], ctx)
        except (NotReadable, IllTyped):
            return None
        if not _plain(f):
            return None
        funcs.append(f)
    rest = items[1] if len(items) == 2 else ("mul", list(items[1:]), [None] + list(ops[2:]))
    arg = ev.value(rest, ctx)
    if not isinstance(arg, np.ndarray) or arg.ndim != 2 or 1 not in arg.shape:
        raise NotReadable("a column of functions applied to something that is not a vector")
    axis = 0 if arg.shape[1] == 1 else 1
    if arg.shape[axis] % len(funcs):
        raise IllTyped(f"{len(funcs)} functions on a vector of {arg.shape[axis]}: no equal blocks")
    parts = np.split(arg, len(funcs), axis=axis)
    return np.concatenate([ev.apply(f, p) for f, p in zip(funcs, parts)], axis=axis)


def column_mismatch(node, names: int) -> str:
    """Why a row stacking ``names`` names on its left applies a column of another number of functions, else ""."""
    if names < 2 or node[0] != "mul" or node[1][0][0] != "matrix":
        return ""
    first = node[1][0]
    if any(len(r) != 1 or r[0][0] != "sym" for r in first[1]) or len(first[1]) == names:
        return ""
    from ...latex.notation import FUNCTION_WORDS
    if not all(r[0][1] in FUNCTION_WORDS for r in first[1]):
        return ""
    return f"{len(first[1])} functions for the {names} names stacked on the left"
