r"""Which derivatives written with ``d`` a derivation uses for the total derivative by a weight.

``\frac{dL}{dW}`` on the left of a row with no sum over t may be step t's contribution (a step reading, like
``\frac{\partial L}{\partial W}`` and code's ``dW``: blog posts that follow code write one backward step)
unless the derivation itself derives a d-written derivative by a weight as a total, on a row's left side
(``\frac{du_{ot}}{dW_{oi}} = x_{ti} + W_{oh} \frac{dh_{t-1}}{dW_{oi}}``): there d means every path, and a
chain that keeps one step's part of it is a dropped recursion, not a step reading.
"""
from __future__ import annotations

from ..latex.notation import LOSS_NAMES
from .names import NotReadable, resolve
from .numbase import _diff

__all__ = ["d_means_total"]


def _key(node, vocab):
    if node is None or node[0] != "sym":
        return None
    try:
        return resolve(node, vocab).key
    except NotReadable:
        return None


def d_means_total(rows, forward, vocab) -> bool:
    r"""True when a row that is not a forward row has on its left a d-written Jacobian of a quantity (not the
    loss) by a parameter: ``\frac{du_{ot}}{dW_{oi}} = ...``."""
    for k, tree in enumerate(rows):
        if tree is None or k in forward or not tree[1]:
            continue
        lhs = tree[1][0]
        if lhs[0] != "frac":
            continue
        nd, dd = _diff(lhs[1]), _diff(lhs[2])
        if nd is None or dd is None or nd[0] != "d" or dd[0] != "d" or nd[1] is None:
            continue
        top, bottom = _key(nd[1], vocab), _key(dd[1], vocab)
        if top is None or top in LOSS_NAMES or bottom is None:
            continue
        if bottom in vocab.params and bottom not in vocab.quantities:
            return True
    return False
