r"""Which derivatives written with ``d`` a derivation uses for the total derivative by a weight.

``\frac{dL}{dW}`` on the left of a row with no sum over t may be step t's contribution (a step reading, like
``\frac{\partial L}{\partial W}`` and code's ``dW``: blog posts that follow code write one backward step)
unless the derivation itself derives a d-written derivative by a weight as a total, on a row's left side
(``\frac{du_{ot}}{dW_{oi}} = x_{ti} + W_{oh} \frac{dh_{t-1}}{dW_{oi}}``): there d means every path, and a
chain that keeps one step's part of it is a dropped recursion, not a step reading.
"""
from __future__ import annotations

from ...latex.notation import LOSS_NAMES
from ..text.names import NotReadable, resolve, sums_over_time
from ..numeric.numbase import _diff
from ..text.trees import walk

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


def partial_means_total(rows, forward, vocab) -> bool:
    r"""True when a row that is not a forward row writes a parameter's total gradient in the partial notation
    with its sum over the steps: ``\frac{\partial E}{\partial W_{oh}} = \sum_{j=1}^t \delta_{o,j} h_{j-1}^T``.
    In that derivation ``\frac{\partial E}{\partial W}`` (no step on W) means the total for every parameter:
    one step's term on its right is a missing sum, not a step reading (``W_{oh,t}``, a step's copy, still is).
    So too where a row accumulates it over the steps (``\frac{\partial L}{\partial W_f} \mathrel{+}= \delta f_t
    z_t^\top``, the loop's increment: the name is the sum it builds)."""
    for k, tree in enumerate(rows):
        if tree is None or k in forward or len(tree[1]) < 2 or tree[1][0][0] != "frac":
            continue
        lhs = tree[1][0]
        nd, dd = _diff(lhs[1]), _diff(lhs[2])
        if nd is None or dd is None or nd[0] != "partial" or dd[0] != "partial":
            continue
        top = _key(nd[1], vocab)
        if top not in LOSS_NAMES or dd[1] is None or dd[1][0] != "sym":
            continue
        try:
            ref = resolve(dd[1], vocab)
        except NotReadable:
            continue
        if ref.key not in vocab.params or ref.time is not None or ref.word:
            continue
        if tree[2][0] == "+=":
            return True     # \partial L/\partial W_f \mathrel{+}= \delta f_t z_t^T: accumulated over the steps, a total
        # a sum the component reading (layers.py) took over (``isum``, its upper limit a letter): only ever
        # removes the step reading, so a wrong match makes rows fail, never pass
        # (a sum of gradients by step copies, \sum_t \partial J/\partial W^t, keeps the step reading of the plain
        # notation: that file names the total and the step's part apart)
        if any((p[0] == "big" and p[1] == "sum" and (sums_over_time(p, vocab) or _to_time(p, vocab)) or
                p[0] == "isum" and p[3] is None) and not any(n[0] == "frac" for n in walk(p))
               for p in tree[1][1:]):
            return True
    return False


def _to_time(big, vocab) -> bool:
    r"""``\sum_{j=1}^{t}``, ``\sum_{k=1}^{T}``: a sum whose upper limit is the time or the number of steps."""
    upper = big[3] or []
    return any(n[0] == "sym" and n[1] in (vocab.time_var, "T") and not n[3] for u in upper for n in walk(u))
