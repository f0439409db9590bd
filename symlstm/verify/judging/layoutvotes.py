r"""Which layout the backward rows write: a transposed weight on the right of a gradient (``dz_t \cdot V^T``,
``dh_{t+1} W^T``: row vectors) or on its left (``V^\top \delta z_t``: columns).

The forward rows alone may disagree (``h_t = x_t \cdot U + ...`` beside ``z_t = V \cdot s_t``); the layout is
then the one most rows write, backward rows included, so the row written in the other layout is judged (and
fails) in the layout of the rest, never passes in its own.
"""
from __future__ import annotations

from ...latex.notation import FUNCTION_WORDS, TRANSPOSE_WORDS
from ..text.trees import nodes

__all__ = ["transpose_votes"]


def _weight_t(n) -> bool:
    """W^T, V^\\top: a capital name with a transpose superscript."""
    if n[0] != "sym" or not n[1][:1].isupper() or n[4] is None or _timed(n):
        return False
    sup = n[4]
    return len(sup) == 1 and (sup[0][0] == "top" or sup[0][0] == "sym" and sup[0][1] in TRANSPOSE_WORDS)


#: Subscript names that make a capital a quantity at a step, not a weight (``X_t^T``, ``H_{t-1}^\top``).
STEP_SUBSCRIPTS = ("t", "k", "tau", "prev", "next")


def _timed(n) -> bool:
    """``X_t^T``, ``H_{t-1}^T``: a capital at a step (a batch's rows, the row layout's data), no weight."""
    return n[3] is not None and any(x[1] in STEP_SUBSCRIPTS or x[1].split("_")[0] == "t"
                                   for x in nodes(n[3], "sym"))     # (t_prev: one name)


def _vector(n) -> bool:
    """A lower-case name (a gradient or a state), not a weight."""
    if n[0] == "pre" and n[1] in ("delta", "nabla"):        # \delta z_t
        n = n[3]
    return n[0] == "sym" and n[1][:1].islower() and n[4] is None and n[1] not in FUNCTION_WORDS


def _weight_gradient_row(tree) -> bool:
    """``dU += X^T dh_``, ``dW = ...``: a row defining the gradient of a capital (a weight), where ``A^T b`` is the
    outer product of row vectors (row layout) as much as a column's backward step: no vote."""
    if tree is None or tree[0] != "row" or not tree[1]:
        return False
    lhs = tree[1][0]
    return lhs[0] == "sym" and len(lhs[1]) >= 2 and lhs[1][0] == "d" and lhs[1][1].isupper()


def transpose_votes(rows) -> tuple[int, int]:
    """(row votes, column votes) of the rows' products of a transposed weight and a lower-case name (not in the
    rows defining a weight's gradient)."""
    row = col = 0
    rows = [r for r in rows if not _weight_gradient_row(r)]
    for n in nodes(rows, "mul"):
        items, ops = n[1], n[2]
        for i, (a, b) in enumerate(zip(items, items[1:])):
            if ops[i + 1] not in (None, "cdot", "matmul") or i + 2 < len(items) and items[i + 2][0] == "paren":
                continue            # W^T \odot \sigma'(s): no matrix product; \sigma'(s): a function
            if _vector(a) and _weight_t(b):
                row += 1
            elif _weight_t(a) and _vector(b):
                col += 1
    return row, col
