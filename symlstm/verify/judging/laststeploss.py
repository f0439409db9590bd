r"""A loss stated only at the current step: ``E^t = loss(y^t, d^t)`` with every gradient row written of ``E``.

A derivation that defines its loss only as the loss of step t (the time letter itself) and writes no other row
with a time on the loss (no E^{t-1}, no \sum_t E^t, no total E = ... stated) differentiates that loss: its bare
E is the error of the current step, ``\frac{\partial E}{\partial u^t} = f'(u^t) W^T \delta^{out,t}`` holds without
the later steps' terms. Read so, as the error at the last step (the current step is the last: the loss reads the
outputs of the last step only, and rows are checked there, as currentstep.py does). Only when the loss rows state
a loss per step (no stated total) and some other row differentiates the bare loss name.
"""
from __future__ import annotations

from ...latex.notation import LOSS_NAMES
from ..text.names import NotReadable, resolve
from ..text.trees import walk

__all__ = ["loss_at_current_step"]


def _loss_ref(n, vocab):
    if n[0] != "sym" or n[1] not in LOSS_NAMES:
        return None
    try:
        r = resolve(n, vocab)
    except NotReadable:
        return None
    return r if r.key in LOSS_NAMES else None


def loss_at_current_step(rows, forward, model, vocab) -> bool:
    """True when the rows state the loss only at the current step (see the module's doc)."""
    if not getattr(model, "loss_per_step", False) or getattr(model, "loss_total", None) is not None:
        return False
    key, bare = None, False
    loss_rows = {d.row for d in getattr(model, "loss_rows", ())}
    for k, tree in enumerate(rows):
        if tree is None:
            continue
        lhs = tree[1][0] if len(tree[1]) >= 2 else None
        for n in walk(lhs if k in loss_rows and lhs is not None else tree):    # E^t = loss(y^t, d^t): its own side
            r = _loss_ref(n, vocab)
            if r is None:
                continue
            if r.time is None:
                if k in forward or k in loss_rows:
                    return False            # E = ...: a loss stated without a time
                bare = True
                continue
            t = r.time
            if n is not lhs or k not in loss_rows or t[0] != "sym" or t[1] != vocab.time_var or \
                    t[2] is not None or t[3] or t[4]:
                return False                # E^{t-1}, \sum_t E^t, E^t on a right side: other steps' losses
            if key not in (None, r.key):
                return False
            key = r.key
    return key is not None and bare
