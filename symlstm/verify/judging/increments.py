r"""Accumulations written with '=': ``\delta W = \delta W + h_{t-1}^T \delta_t`` is ``\delta W += h_{t-1}^T \delta_t``.

A gradient that appears on both sides as the first term of the sum (or a code name as the last,
``dit = dc_next * cct + dit``) is being accumulated (as code does while
stepping backward); taken literally the row would say that the rest is zero. It is read as the increment
(step t's contribution, like ``+=``).
"""
from __future__ import annotations

from ...latex.notation import LOSS_NAMES
from ..text.names import COST_NAMES, gradient_split

__all__ = ["as_increment"]


def _gradient(node) -> bool:
    if node[0] == "frac" and _jacobian_at_step(node):
        return False
    return node[0] in ("pre", "frac") or (node[0] == "sym" and gradient_split(node[1]) is not None)


def _jacobian_at_step(node) -> bool:
    r"""rac{\partial h_t}{\partial W}: a quantity at a step (not a loss) by something, a Jacobian, not a
    gradient being accumulated (its X = X + Y is Pascanu et al.'s recursion: weightrecursion.py)."""
    top = node[1]
    if top[0] != "pre" or top[1] not in ("partial", "d") or top[3][0] != "sym":
        return False
    name = top[3]
    return bool(name[3] or name[4]) and name[1] not in LOSS_NAMES and name[1] not in COST_NAMES


def as_increment(tree):
    """The row ``A = A + B`` or ``A = B + A`` (A a gradient) as ``A += B``; any other row unchanged."""
    if tree is None or len(tree[1]) != 2 or list(tree[2]) != ["="]:
        return tree
    lhs, rhs = tree[1]
    if rhs[0] != "add" or len(rhs[1]) < 2 or not _gradient(lhs):
        return tree
    if rhs[1][0] == ("+", lhs):
        rest = list(rhs[1][1:])
    elif rhs[1][-1] == ("+", lhs) and lhs[0] == "sym":
        # dit = dc_{next} cct + dit: code's accumulated name added last (a fraction written on both sides,
        # \frac{dL}{dC_t} = ... + \frac{dL}{dC_t}, is a slip of notation, judged as written)
        rest = list(rhs[1][:-1])
    else:
        return tree
    inc = rest[0][1] if len(rest) == 1 and rest[0][0] == "+" else ("add", rest)
    return ("row", [lhs, inc], ["+="])
