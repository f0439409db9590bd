r"""One step's loss kept at a shifted use of a name defined by it.

``\delta^{(t)} = \frac{\partial J^{(t)}}{\partial h^{(t)}}`` ("the error term of the loss J^{(t)} at every step")
used at another step, ``\delta^{(t-1)}``: either the definition shifted (``\partial J^{(t-1)} / \partial h^{(t-1)}``)
or the same loss J^{(t)} at the earlier state (``\partial J^{(t)} / \partial h^{(t-1)}``, CS224n's BPTT of one
step's loss). Both are readings of the symbol; the second is tried when the first does not hold.
"""
from __future__ import annotations

from ...latex.notation import LOSS_NAMES
from ..text.names import NotReadable, resolve


def per_step_loss_time(node, vocab):
    """The numerator loss symbol of ``\\frac{\\partial J^{(t)}}{\\partial q^{(t)}}`` when J has the time letter as its
    step, else None."""
    if node is None or node[0] != "frac" or node[1][0] != "pre" or node[1][3] is None or node[1][3][0] != "sym":
        return None
    top = node[1][3]
    try:
        r = resolve(top, vocab)
    except NotReadable:
        return None
    if r.key not in LOSS_NAMES or r.time is None or r.time != ("sym", vocab.time_var, None, None, None, 0):
        return None
    return top


def with_loss_at(node, step):
    """``node`` with its numerator loss written at the fixed step ``step``."""
    top = node[1][3]
    fixed = ("sym", top[1], top[2], top[3], [("paren", "(", ("num", str(step)))], top[5]) if top[4] else \
        ("sym", top[1], top[2], [("num", str(step))], None, top[5])
    pre = node[1]
    return ("frac", (pre[0], pre[1], pre[2], fixed) + tuple(pre[4:]), node[2])
