r"""A cell stated for every layer of a stack, beside a cell of one layer: ``\bm{x}_t^{(k)} = \bm{o}_t^{(k-1)}``,
``\bm{i}_t^{(k)} = \sigma(W_i \bm{h}_{t-1}^{(k)} + U_i \bm{o}_t^{(k-1)})`` (a course project's multi-layer LSTM,
after its single-layer one).

The time is the subscript and the layer a letter in brackets above it (k, K, l or L, alone or one off). The
reader reads no stack written this way (cell/layers.py reads layers as subscripts beside a time in brackets,
``h_l^{(t)}``): its rows are unreadable, saying why, and they state no row of the one-layer cell (read as the
one-layer cell's names, ``x_t^{(k)} = o_t^{(k-1)}`` would make its input x a state computed from o, and every
one-layer row reading x would fail).

A stack is recognised by a row that defines a name at layer k from a name at layer k - 1 (or k + 1); only then
are the rows with a layer script set aside (elsewhere ``^{(K)}`` may be a block of a stacked vector).
"""
from __future__ import annotations

from ..text.latexparse import LatexError
from ..text.trees import walk

__all__ = ["stacked_layer_rows", "LAYER_WHY"]

#: Letters that index a stack's layers.
LAYER_LETTERS = ("k", "K", "l", "L")
#: Why such a row is not read.
LAYER_WHY = ("a layer written in brackets above a name at a step (x_t^{(k)}): the rows of a stacked cell written "
             "this way are not read (the layer beside the time, h_l^{(t)}, is)")


def _layer(node, time_var):
    """(letter, offset) of a name's layer script (``o_t^{(k-1)}``: ("k", -1)), else None."""
    if node[0] != "sym" or not node[3] or not node[4] or len(node[4]) != 1:
        return None
    sup = node[4][0]
    if sup[0] != "paren" or sup[1] != "(":
        return None
    inner, offset = sup[2], 0
    if inner[0] == "add" and len(inner[1]) == 2 and inner[1][1][1][0] == "num" and inner[1][1][1][1] == "1":
        inner, offset = inner[1][0][1], (1 if inner[1][1][0] == "+" else -1)
    if inner[0] == "sym" and inner[1] in LAYER_LETTERS and inner[1] != time_var and not any(inner[2:5]):
        return inner[1].lower(), offset
    return None


def stacked_layer_rows(rows, errors, time_var):
    """``rows`` with each row naming a layer (:func:`_layer`) set aside (None, its reason in ``errors``), where a
    row defines a name at a layer from a name at the layer before or after it; else ``rows`` unchanged."""
    stack = False
    for r in rows:
        if r is None or r[0] != "row" or len(r[1]) < 2:
            continue
        left = _layer(r[1][0], time_var)
        if left is not None and left[1] == 0 and any(
                (_layer(n, time_var) or ("", 0))[0] == left[0] and _layer(n, time_var)[1] != 0
                for side in r[1][1:] for n in walk(side)):
            stack = True
            break
    if not stack:
        return rows
    out = list(rows)
    for k, r in enumerate(rows):
        if r is not None and any(_layer(n, time_var) is not None for n in walk(r)):
            out[k] = None
            errors[k] = LatexError(LAYER_WHY)
    return out
