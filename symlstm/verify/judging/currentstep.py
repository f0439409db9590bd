r"""The current time as the last step: ``\frac{\partial E}{\partial W_{oh}} = \sum_{j=1}^t \delta_{o,j} h_{j-1}^T``.

A derivation that writes the total gradient of a loss written without a time (``E``) by a shared parameter as
a sum over the steps from 1 up to its own time letter t (not T) says that the steps of the run are 1..t: its
time t is the current, last step (Han Bingtao's tutorial and the Chinese posts that copy it: "the error term is
passed back starting from the current time t"). Its rows are then checked at the last step only, and a loss
the derivation does not define is the error of the current output: the generic random linear loss reads the
outputs at the last step only. Only when no row writes the loss with a time (``E_t``, one step's loss) and no
row defines it, and the loss is the generic one (no matched head loss). Nothing is evaluated here.
"""
from __future__ import annotations

from ...latex.notation import LOSS_NAMES
from ..numeric.numbase import _diff
from ..text.names import NotReadable, resolve
from ..text.trees import walk

__all__ = ["current_is_last"]


def _resolved(node, vocab):
    if node is None or node[0] != "sym":
        return None
    try:
        return resolve(node, vocab)
    except NotReadable:
        return None


def _to_current(big, vocab) -> bool:
    r"""``\sum_{j=1}^{t}``: a sum over another letter from 1 to the time letter itself."""
    if big[0] != "big" or big[1] != "sum" or not big[2] or not big[3] or len(big[3]) != 1:
        return False
    it, up = big[2][0], big[3][0]
    if it[0] != "eq" or it[1][0] != "sym" or it[1][1] == vocab.time_var or it[2] != ("num", "1"):
        return False
    return up[0] == "sym" and up[1] == vocab.time_var and up[2] is None and not up[3] and not up[4]


def current_is_last(rows, forward, vocab) -> bool:
    """True when the rows say their time letter is the last step (see the module's doc)."""
    found = False
    for k, tree in enumerate(rows):
        if tree is None:
            continue
        for n in walk(tree):
            if n[0] == "sym" and n[1] in LOSS_NAMES and (n[3] or n[4]):
                r = _resolved(n, vocab)
                if r is not None and r.key in LOSS_NAMES and r.time is not None:
                    return False            # E_t: one step's loss
        if k in forward or len(tree[1]) < 2 or tree[1][0][0] != "frac":
            continue
        nd, dd = _diff(tree[1][0][1]), _diff(tree[1][0][2])
        if nd is None or dd is None or nd[0] != "partial" or dd[0] != "partial":
            continue
        top, bottom = _resolved(nd[1], vocab), _resolved(dd[1], vocab)
        if top is None or top.key not in LOSS_NAMES or top.time is not None or bottom is None or \
                bottom.key not in vocab.params or bottom.time is not None or bottom.word:
            continue
        if any(p[0] == "big" and _to_current(p, vocab) for p in tree[1][1:]):
            found = True
    return found
