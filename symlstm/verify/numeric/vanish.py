r"""Gradient symbols that a reading makes vanish: not evidence.

A row passes when it holds under one reading of its gradient symbols. A reading that makes a written symbol zero at
every tested point (``\frac{\partial L}{\partial h_t}`` read as what reaches h_t through step t+1, where no row of
step t+1 reads h_t) deletes every term that symbol multiplies: that term, right or wrong, is never tested (a dropped
factor, ``\frac{\partial L}{\partial h_t}\frac{\partial h_t}{\partial c_t}`` for ``... \frac{\partial c_t}{\partial
c_{t-1}}``, would pass). Nobody writes a term that is zero by its own notation, so such a reading is no reading of the
author's row: :func:`~symlstm.verify.judging.links.check_links` refuses it. A symbol's first (default) reading, the
total gradient, is exempt: it is the quantity the notation names (not a function's derivative by a name none of
its arguments depends on, \partial f(x_t, h_{t-1}) / \partial h_t: zero as written).

The evaluator notes the size of each gradient symbol's value under the reading tried (:func:`note`), in the
unperturbed run only (a symbol inside a derivative's perturbed runs is the same symbol).
"""
from __future__ import annotations

import numpy as np

__all__ = ["ZERO", "note", "start", "vanished"]

#: A value at most this large (in every component, at every point) is zero.
ZERO = 1e-12


def start(ev) -> None:
    """Begin recording the sizes of the gradient symbols of one reading."""
    ev.vanish_record = {}


def note(ev, ctx, g, value) -> None:
    """Record the size of the value of gradient symbol ``g`` (under the reading tried) at one point."""
    rec = getattr(ev, "vanish_record", None)
    if rec is None or ctx.pert is not None or ctx.local:
        return
    try:
        arr = np.asarray(value)
        if arr.dtype == object or arr.size == 0:
            return
        size = float(np.max(np.abs(arr)))
    except (TypeError, ValueError):
        return
    rec[g] = max(rec.get(g, 0.0), size)


def vanished(ev, readings, seen) -> list:
    """The gradient symbols whose reading is not their first (default) one and whose value was zero at every
    point recorded since :func:`start`."""
    rec = getattr(ev, "vanish_record", None) or {}
    out = []
    for g, r in readings.items():
        cands = seen.get(g)
        if not cands or (r == cands[0] and getattr(g, "style", "") != "function") or g not in rec:
            continue            # \partial f(x_t, h_{t-1}) / \partial h_t: zero by its own notation under any reading
        if rec[g] <= ZERO:
            out.append(g)
    return out
