r"""A row about a loss the derivation never states, true or false depending on which steps the loss reads.

``\frac{\partial \mathcal{L}}{\partial h_k} = \frac{\partial \mathcal{L}}{\partial h_T} \prod_{j=k+1}^{T}
\frac{\partial h_j}{\partial h_{j-1}}`` in slides whose loss is a box on the last state of a diagram: with no
row defining the loss, the reader's loss is a random one on the outputs of every step, under which the row is
false (the direct terms of steps k..T-1 are missing); under a loss on the last step only it holds. Which one the
text means is not written, so such a row is unreadable rather than failing: it is judged again with the loss
on the last step only (and at that step), and a fail that turns into a pass says so.

Only fails of value (both sides of one shape) of rows whose right side differentiates the total loss only by
names of the last step (h_T: the text itself puts the loss there), in a derivation with no loss row, are judged
again; every other verdict stands (a row that differentiates the loss at step t and drops a term stays caught).
"""
from __future__ import annotations

from ...latex.notation import LOSS_NAMES
from ..text.trees import walk

__all__ = ["loss_steps_unknown"]


#: Letters a text names its last step with (h_T, h_N).
LAST_STEP_LETTERS = ("T", "N")


def _writes_total_loss(tree) -> bool:
    r"""The right side differentiates the total loss (a loss name without a step) only by names of the last step
    (``\frac{\partial \mathcal{L}}{\partial h_T}``), at least once: the text's own choice of the last step as
    where the loss enters (a row differentiating it at step t, or through other names, is judged as before)."""
    found = False
    for part in tree[1][1:]:
        for n in walk(part):
            if n[0] != "frac" or not (n[1][0] == "pre" and n[2][0] == "pre"):
                continue
            top, bottom = n[1][3], n[2][3]
            if not (top[0] == "sym" and top[1] in LOSS_NAMES and not top[3] and not top[4]):
                continue
            if not (bottom[0] == "sym" and bottom[3] and len(bottom[3]) == 1 and not bottom[4] and
                    bottom[3][0][0] == "sym" and bottom[3][0][1] in LAST_STEP_LETTERS and
                    bottom[3][0][2:] == (None, None, None, 0)):
                return False
            found = True
    return found


def _rerun(model, last):
    model.last_only = last
    model._grad_cache.clear()
    model.base = model.run()


def loss_steps_unknown(r, tree, ev, judge):
    """``r``, or an unreadable result when the row holds with the loss on the last step only (module doc)."""
    model = ev.model
    if r.status != "fail" or model is None or getattr(model, "loss_def", None) is not None or \
            getattr(model, "last_only", False) or tree is None or not _writes_total_loss(tree):
        return r
    if r.claimed is None or r.correct is None or getattr(r.claimed, "shape", None) != getattr(r.correct, "shape", None):
        return r
    base, cache = model.base, dict(model._grad_cache)
    try:
        _rerun(model, True)
        r2 = judge()
    except Exception:       # the row cannot be run so: the first verdict stands
        r2 = None
    finally:
        model.last_only = False
        model.base = base
        model._grad_cache.clear()
        model._grad_cache.update(cache)
    if r2 is None or r2.status != "pass":
        return r
    r.status, r.holds = "unreadable", None
    r.why = ("the derivation states no loss: the row holds when the loss reads the last step only, not when it reads "
             "every step (which steps it reads is not written); read with a loss on every step: " + (r.why or ""))
    return r
