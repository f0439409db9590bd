r"""``\delta`` defined as the gradient of one step's error: ``\delta h_t = \frac{\partial E_t}{\partial h_t}``, "where
E_t is the error at time t" (notes that derive one step's backward pass, for each step's error in turn).

A ``\delta X`` is read as the gradient of the derivation's loss. A row that defines one ``\delta`` as the
derivative of the error of the current step (a loss name with the time letter as its subscript) says what every
``\delta`` of the text is: the derivative of that error. Each ``\delta Y`` is then read as written out,
``\frac{\partial E_t}{\partial Y}``, so the rows after it (``\delta o_t = \frac{\partial E_t}{\partial o_t} =
\delta h_t \circ \tanh C_t``) are judged for E_t, as the author computes them, not for the total of every step
(where each failed by the later steps' terms). A ``\delta`` defined as the total's derivative keeps the default.
"""
from __future__ import annotations

from ...latex.notation import LOSS_NAMES
from ..text.trees import rebuild

__all__ = ["step_error_deltas"]


def _step_error(node, time_var):
    """The loss symbol of ``\\partial E_t`` (a loss name at the time letter), else None."""
    if node[0] != "pre" or node[1] != "partial" or node[3][0] != "sym":
        return None
    e = node[3]
    if e[1] not in LOSS_NAMES or e[2] is not None or e[4] is not None or not e[3] or len(e[3]) != 1:
        return None
    return e if e[3][0][:2] == ("sym", time_var) and e[3][0][2:] == (None, None, None, 0) else None


def step_error_deltas(rows, time_var):
    """The rows with every ``\\delta Y`` written as ``\\frac{\\partial E_t}{\\partial Y}`` when a row defines a
    ``\\delta`` so (module doc); else the rows as they are."""
    if time_var is None:
        return rows
    error = None
    for tree in rows:
        if tree is None or len(tree[1]) < 2 or tree[2][0] != "=":
            continue
        lhs, rhs = tree[1][0], tree[1][1]
        if lhs[0] == "pre" and lhs[1] == "delta" and lhs[2] is None and rhs[0] == "frac" and \
                rhs[2][0] == "pre" and rhs[2][1] == "partial" and rhs[2][3] == lhs[3]:
            error = _step_error(rhs[1], time_var)
            if error is not None:
                break
    if error is None:
        return rows

    def fn(node):
        if node[0] == "pre" and node[1] == "delta" and node[2] is None and node[3][0] == "sym":
            return ("frac", ("pre", "partial", None, error), ("pre", "partial", None, node[3]))
        return node

    return [None if tree is None else rebuild(tree, fn) for tree in rows]
