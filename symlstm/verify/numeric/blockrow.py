r"""Names side by side in round brackets before a stacked column: ``(W_{hh} W_{xh})
\begin{pmatrix} h_{t-1} \\ x_t \end{pmatrix}`` is the block row ``[W_{hh}\; W_{xh}]`` times the stack
(``W_{hh} h_{t-1} + W_{xh} x_t``), as ``[x\; h]`` in square brackets is read side by side. Only when the
group has as many names as the column has blocks, and no product sign between them."""
from __future__ import annotations

from ...latex.notation import FUNCTION_WORDS

__all__ = ["paren_block_row"]


def paren_block_row(items, ops, vocab):
    """``items`` with such a group written as a one-row block matrix (the same list when there is none)."""
    if len(items) != 2 or ops[1] is not None:
        return items
    g, v = items
    if g[0] != "paren" or g[1] != "(" or g[2][0] != "mul" or any(op is not None for op in g[2][2][1:]):
        return items
    names = g[2][1]
    if len(names) < 2 or any(x[0] != "sym" or x[1] in FUNCTION_WORDS or x[1] in vocab.functions for x in names):
        return items
    if v[0] != "matrix" or len(v[1]) != len(names) or any(len(r) != 1 for r in v[1]):
        return items
    return [("matrix", [list(names)]), v]
