r"""A gradient name that a row gives to the derivative of ONE step's loss: ``\frac{\partial loss_t}{\partial z_t} =
a_t - y_t \rightarrow dz_t`` (course notes name the value just computed with an arrow, read as one more link).

Where the total loss is not the step's loss (``Loss = \frac{1}{\tau}\sum_t loss_t``, numeric/totalloss.py), the
name dz_t is not a reading of the total's gradient (\partial Loss / \partial z_t, 1/\tau of it): the row says
what it is, the derivative of loss_t by z_t. Such a name is defined by the row (as a name a row defines through
a derivative, judge._derived), so every later row reads it as the author computed it, even when the row's own
middle link cannot be read (an undefined target y_t).
"""
from __future__ import annotations

from ...latex.notation import LOSS_NAMES
from ..text.names import NotReadable, gradient_split, resolve

__all__ = ["step_loss_names"]


def _step_loss_derivative(node, vocab) -> bool:
    r"""``\frac{\partial loss_t}{\partial q}``: a derivative of the loss of a step (at the time letter)."""
    if node[0] != "frac" or node[1][0] != "pre" or node[2][0] != "pre" or node[1][1] != "partial" or \
            node[1][3] is None or node[1][3][0] != "sym" or node[2][3] is None or node[2][3][0] != "sym":
        return False
    try:
        top, bottom = resolve(node[1][3], vocab), resolve(node[2][3], vocab)
    except NotReadable:
        return False
    return top.key in LOSS_NAMES and top.time == ("sym", vocab.time_var, None, None, None, 0) and not top.word \
        and bottom.key in vocab.quantities and bottom.time == top.time and not bottom.word


def step_loss_names(rows, forward, ev, lo, hi):
    """Define in ``ev.derived`` the names ``dq`` that close a row whose first side is a derivative of a step's
    loss (module doc), when the total loss is stated apart from the step's (``ev.model.loss_total``)."""
    if getattr(ev.model, "loss_total", None) is None:
        return
    vocab = ev.vocab
    for k in range(lo, hi):
        tree = rows[k]
        if tree is None or k in forward or tree[0] != "row" or len(tree[1]) < 3 or \
                any(r != "=" for r in tree[2]) or tree[1][-1][0] != "sym":
            continue
        first = tree[1][0]
        if not _step_loss_derivative(first, vocab):
            continue
        try:
            r = resolve(tree[1][-1], vocab)
        except NotReadable:
            continue
        split = gradient_split(r.key)
        if split is None or vocab.known(r.key) or r.key in ev.derived or r.word or r.index or \
                r.time != ("sym", vocab.time_var, None, None, None, 0):
            continue
        try:
            if resolve(first[2][3], vocab).key != split[1]:     # dz_t names \partial loss_t / \partial z_t only
                continue
        except NotReadable:
            continue
        ev.derived[r.key] = first
        if not hasattr(ev, "derived_times"):
            ev.derived_times = {}
        ev.derived_times[r.key] = r.time
