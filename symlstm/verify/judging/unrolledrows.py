r"""Rows of a cell stated only at concrete steps (cell/concretesteps.py: ``h_{t1}``, ``h_{t2}`` of course notes).

* **The row's own step.** A row that writes one concrete step only (``\frac{\partial loss}{\partial U} =
  dh_{t1} \cdot x_{t1} \rightarrow dU_{t1}``) is about that step: it is checked at it, so a parameter's
  gradient written without a step (\partial loss/\partial U, read as a step's contribution) is step 1's.
  A row of several steps is checked at the last step.
* **A step's contribution stated zero.** ``dV_{t1} = 0``: the gradient of a parameter written at a concrete
  step is that step's contribution; it is zero when no row of that step reads the parameter. The row holds
  when that contribution is zero in the run (0 = 0 here is the claim itself, not a reading that hides a
  term), and fails otherwise.
"""
from __future__ import annotations

import numpy as np

from ..text.names import NotReadable, gradient_split, key_latex, resolve
from ..text.trees import walk
from .report import RowResult

__all__ = ["row_step", "zero_contribution"]


def _concrete(ref):
    t = ref.time
    return int(t[1]) if t is not None and t[0] == "num" and t[1].isdigit() else 0


def row_step(tree, ev):
    """The one concrete step a row of an unrolled cell writes (module doc), else None."""
    model = ev.model
    if not getattr(model, "unrolled", 0) or tree is None:
        return None
    steps = set()
    for n in walk(tree):
        if n[0] != "sym":
            continue
        try:
            r = resolve(n, ev.vocab)
        except NotReadable:
            continue
        k = _concrete(r)
        if k:
            steps.add(k)
    return steps.pop() if len(steps) == 1 and 1 <= min(steps) <= model.T else None


def zero_contribution(tree, eq, ev):
    """The verdict of ``dV_{tk} = 0`` in an unrolled cell (module doc), else None."""
    model = ev.model
    if not getattr(model, "unrolled", 0) or tree is None or len(tree[1]) != 2 or tree[2] != ["="] or \
            tree[1][1] != ("num", "0") or tree[1][0][0] != "sym":
        return None
    try:
        r = resolve(tree[1][0], ev.vocab)
    except NotReadable:
        return None
    split = gradient_split(r.key)
    k = _concrete(r)
    if split is None or not k or k > model.T or split[1] not in ev.vocab.params or r.word or r.index or \
            r.transpose or r.power is not None or r.primes or ev.vocab.known(r.key):
        return None
    g = model.grad(split[1], None, ("at", k))
    name = key_latex(split[1])
    if float(np.max(np.abs(g))) <= 1e-12:
        return RowResult(eq.line, eq.column, eq.text, "pass", True, "step",
                         why=f"d{name} at step {k}: step {k}'s contribution, zero (no row of step {k} reads {name})")
    return RowResult(eq.line, eq.column, eq.text, "fail", False, "step",
                     why=f"d{name} at step {k} is step {k}'s contribution, which is not zero (step {k} reads {name})")
