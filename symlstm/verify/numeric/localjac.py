r"""The partial (local) reading of a Jacobian written with \partial between two quantities of the cell.

In a chain-rule sum ``\partial L/\partial x_t = \delta_{z_t} \frac{\partial z_t}{\partial x_t} + \delta_{r_t}
\frac{\partial r_t}{\partial x_t} + ...`` each Jacobian is the partial derivative of the numerator's own row: the
denominator is perturbed only where the row defining the numerator reads it (at the numerator's step), the other
arguments of that row held. The total derivative (every path) is read first; this reading is offered after it, on
the right side only, and only where it differs: the numerator's row reads the denominator directly and another path
from the denominator reaches the numerator too (else both readings are one value).
"""
from __future__ import annotations

import numpy as np

from .numbase import Grad
from .vanish import note

__all__ = ["local_reader", "offer_partial"]


def local_reader(ev, ta, tb):
    """The reader filter of the numerator's own row (key ta[0] at step ta[1]) reading the denominator (tb), or
    None when that row does not read it directly (a zero partial derivative: not offered)."""
    akey, tau_a = ta
    bkey, tau_b = tb
    d = ev.model.by_key.get(akey)
    if d is None or tau_a is None:
        return None
    consumer = d.keys[0]
    # n_t = \tanh(W x_t + r_t \odot (U h_{t-1})): the row's own pre-activation (pre:n) is where it reads its arguments
    consumers = {consumer} | ({f"pre:{akey}"} if f"pre:{akey}" in ev.model.by_key else set())
    if tau_b is None:
        shifts = {0, 1}
    elif tau_b == tau_a:
        shifts = {0}
    elif tau_b == tau_a - 1:
        shifts = {1}
    else:
        return None
    if not any(s[0] in consumers and s[2] in shifts for s in ev.sites(bkey)):
        return None
    return lambda site, c=frozenset(consumers), k=tau_a: site[0] in c and site[2] == k


def offer_partial(ev, top, bottom, ctx, ta, tb, later):
    """The Jacobian under its reading: the total (every path, the default) or the partial of the numerator's row
    (``("partial",)``), a reading of the symbol offered when the two differ. Returns the value, or None when the
    partial is not offered (the caller computes the total)."""
    if ta is None or tb is None or ta == tb or ctx.lhs and not getattr(ev, "left_partial", False):
        return None
    reader = local_reader(ev, ta, tb)
    if reader is None:
        return None
    if ctx.lhs:         # the left side listed beside its row's other partials (judging/siblingpartials.py)
        return ev.total_derivative(top, bottom, ctx, reader=reader)
    shift = "" if tb[1] is None else str(ta[1] - tb[1])
    g = Grad(f"pjac:{ta[0]}:{tb[0]}:{shift}", "", "", False, style="jacobian")
    if g not in ctx.seen:
        total = ev.total_derivative(top, bottom, ctx, later=later)
        part = ev.total_derivative(top, bottom, ctx, reader=reader)
        differ = np.shape(total) == np.shape(part) and not np.allclose(total, part, rtol=1e-7, atol=1e-9)
        ctx.seen[g] = [("total",), ("partial",)] if differ else [("total",)]
        if not differ:
            return total
    if ctx.readings.get(g, ("total",))[0] == "partial":
        val = ev.total_derivative(top, bottom, ctx, reader=reader)
        note(ev, ctx, g, val)           # a partial that vanishes is no evidence (vanish.py)
        return val
    return ev.total_derivative(top, bottom, ctx, later=later)
