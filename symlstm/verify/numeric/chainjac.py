r"""A Jacobian of one recurrent quantity across several steps read as the chain of its one-step partials.

``\frac{\partial c_{t+1}}{\partial c_t} = f_{t+1}`` is one step's partial (c_t perturbed where step t+1 reads it,
h_t held). Texts extend it across steps: ``\frac{\partial c_T}{\partial c_1} = \prod_{k=2}^{T} f_k``
("diagonal matrix"), the product of those one-step partials along the quantity's own recurrence (the cell-state
path; the other states held at every step). The total derivative (every path: through the hidden states too) is read
first; this reading (``("chain",)``) is offered after it, only for a quantity written at two steps at least two apart
whose own row reads its previous value, and only where the two values differ (else they are one reading).
"""
from __future__ import annotations

import numpy as np

from .numbase import Grad
from ..text.names import NotReadable
from .vanish import note

__all__ = ["offer_chain"]


def _consumer(ev, key):
    """The row defining ``key`` when it reads the key's value of the step before (its own recurrence), else None."""
    d = ev.model.by_key.get(key)
    if d is None:
        return None
    consumer = d.keys[0]
    if not any(s[0] == consumer and s[2] == 1 for s in ev.sites(key)):
        return None
    return consumer


def chain_jacobian(ev, key, hi, lo, step):
    r"""\prod_{k=lo+1}^{hi} \partial key_k / \partial key_{k-1}: each factor one step's partial (key_{k-1} perturbed
    where step k reads it, the other states of step k-1 held), in the unperturbed run. Where the key is the cell's only
    state (a GRU's h) this is the total, and the reading is not offered."""
    m = ev.model
    out = None
    for k in range(lo + 1, hi + 1):
        base = np.asarray(m.value(key, k - 1))
        cols = []
        for idx in np.ndindex(*base.shape):
            delta = np.zeros(base.shape, dtype=complex)
            delta[idx] = step * 1j
            run = m.run({(key, k - 1): (delta, lambda site, k=k: site[2] == k)})
            cols.append(np.imag(np.asarray(run.values[(key, k)])).reshape(-1) / step)
        factor = np.array(cols).T
        out = factor if out is None else factor @ out
    return out.astype(complex)


def offer_chain(ev, top, bottom, ctx, ta, tb, later, step):
    """The Jacobian ``\\partial q_a / \\partial q_b`` (a - b >= 2) under its reading: the total (the default) or the
    chain of one-step partials (``("chain",)``); ``step`` the complex step. Returns the value, or None when the chain is not offered."""
    if ta is None or tb is None or ta[0] != tb[0] or ta[1] is None or tb[1] is None or ta[1] - tb[1] < 2:
        return None
    if ctx.pert is not None or ctx.local or ctx.run is not ev.model.base:
        return None
    key = ta[0]
    if key not in ev.vocab.quantities:
        return None
    if _consumer(ev, key) is None:         # not a recurrent quantity (its row does not read its previous value)
        return None
    g = Grad(f"cjac:{key}:{ta[1] - tb[1]}", "", "", ctx.lhs, style="jacobian")
    if g not in ctx.seen:
        total = ev.total_derivative(top, bottom, ctx, later=later)
        try:
            chain = chain_jacobian(ev, key, ta[1], tb[1], step)
        except (KeyError, ValueError, NotReadable):
            return None
        differ = np.shape(total) == np.shape(chain) and not np.allclose(total, chain, rtol=1e-7, atol=1e-9)
        ctx.seen[g] = [("total",), ("chain",)] if differ else [("total",)]
        if not differ:
            return total
    if ctx.readings.get(g, ("total",))[0] == "chain":
        val = chain_jacobian(ev, key, ta[1], tb[1], step)
        note(ev, ctx, g, val)
        return val
    return ev.total_derivative(top, bottom, ctx, later=later)
