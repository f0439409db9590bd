r"""Vectors compared up to orientation, and names of the layer below a one-layer cell.

A derivation that writes an element-wise product of a transposed vector and a column vector
(``\delta_t^T \circ \tanh(c_t) \circ o_t``) states by that product that it identifies a row and a column as the
same vector (texts that say ``a^T diag[b] = a \circ b``). In such a file ``\circ`` of a 1xn and an nx1 value is
the product of the two vectors, and the two sides of a link may be one vector written as a row on one side and
as a column on the other (``\delta_{t-1} = \delta_{o,t}^T W_{oh} + ...``): the values are compared, entry by
entry. Matrix products stay strict (``\delta^T W`` and ``W \delta`` differ in value, so a weight on the wrong
side still fails). A file that writes no such product keeps orientation strict.

``\mathbf{net}_t^{l-1}`` where the rows define a cell of one layer: a quantity of the layer below, which no row
defines; the row is not read (unreadable), never failed for an undefined name.
"""
from __future__ import annotations

import numpy as np

from ...latex.notation import FUNCTION_WORDS, TRANSPOSE_WORDS
from ..text.names import LAYER_LETTERS, key_latex
from ..text.trees import nodes, walk

__all__ = ["unoriented_vectors", "as_vectors", "layer_below"]


def _transposed(n) -> bool:
    sup = n[4]
    return bool(sup) and len(sup) == 1 and (sup[0][0] == "top" or sup[0][0] == "sym" and sup[0][1] in TRANSPOSE_WORDS)


def _lower_name(n) -> bool:
    return n[0] == "sym" and n[1][:1].islower() and n[1] not in FUNCTION_WORDS and not n[5]


def unoriented_vectors(rows) -> bool:
    r"""Does a row write ``a^T \circ b``: a transposed lower-case name and a plain lower-case name (or a function
    of one) as operands of the same chain of element-wise products?"""
    for n in nodes(rows, "mul"):
        items, ops = n[1], n[2]
        if "odot" not in ops:
            continue
        near = set()                 # the operands beside an element-wise product sign
        for i, op in enumerate(ops):
            if op == "odot":
                near.update((i - 1, i))
        tr = plain = False
        for i in near:
            if not 0 <= i < len(items):
                continue
            it = items[i]
            if it[0] == "paren":         # \tanh(c_t): the argument of a function
                it = it[2]
            if _lower_name(it) and _transposed(it):
                tr = True
            elif _lower_name(it) and it[4] is None:
                plain = True
        if tr and plain:
            return True
    return False


def as_vectors(a, b):
    """``b`` reshaped to ``a``'s orientation when both are vectors of one size written one as a row and one as
    a column, else ``b``."""
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.ndim == b.ndim == 2 and a.shape != b.shape \
            and a.size == b.size and a.size > 1 and 1 in a.shape and 1 in b.shape:
        return b.reshape(a.shape)
    return b


def _layer_sup(n) -> bool:
    """``^l``, ``^{l-1}``, ``^{l+1}``: one superscript that is a layer letter, or one plus or minus a number."""
    sup = n[4]
    if not sup or len(sup) != 1:
        return False
    x = sup[0]
    if x[0] == "sym":
        return x[1] in LAYER_LETTERS and not x[3] and not x[4]
    if x[0] == "add":
        syms = [t for _, t in x[1] if t[0] == "sym"]
        return len(syms) == 1 and syms[0][1] in LAYER_LETTERS and all(t[0] in ("sym", "num") for _, t in x[1])
    return False


def layer_below(key, parts) -> str:
    r"""``net_t^{l-1}``: a name ``key`` written in ``parts`` with a layer superscript, as written, else ""."""
    for p in parts:
        for n in walk(p):
            if n[0] == "sym" and n[1] == str(key) and _layer_sup(n):
                sup = n[4][0]
                shown = sup[1] if sup[0] == "sym" else "".join(
                    ("" if k == 0 and s == "+" else s) + (t[1]) for k, (s, t) in enumerate(sup[1]))
                return f"{key_latex(key)}^{{{shown}}}"
    return ""
