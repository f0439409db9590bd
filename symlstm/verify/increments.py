r"""Accumulations written with '=': ``\delta W = \delta W + h_{t-1}^T \delta_t`` is ``\delta W += h_{t-1}^T \delta_t``.

A gradient that appears on both sides as the first term of the sum is being accumulated (as code does while
stepping backward); taken literally the row would say that the rest is zero. It is read as the increment
(step t's contribution, like ``+=``).
"""
from __future__ import annotations

from .names import gradient_split

__all__ = ["as_increment"]


def _gradient(node) -> bool:
    return node[0] in ("pre", "frac") or (node[0] == "sym" and gradient_split(node[1]) is not None)


def as_increment(tree):
    """The row ``A = A + B`` (A a gradient) as ``A += B``; any other row unchanged."""
    if tree is None or len(tree[1]) != 2 or list(tree[2]) != ["="]:
        return tree
    lhs, rhs = tree[1]
    if rhs[0] != "add" or len(rhs[1]) < 2 or not _gradient(lhs) or rhs[1][0] != ("+", lhs):
        return tree
    rest = list(rhs[1][1:])
    inc = rest[0][1] if len(rest) == 1 and rest[0][0] == "+" else ("add", rest)
    return ("row", [lhs, inc], ["+="])
