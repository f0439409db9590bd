r"""Values of the index notation and gradient parts of layered derivations (nodes made by :mod:`~.layers`):
a component ``[M]_{ij}``, a Kronecker delta, a sum over a component index, step t's part of a parameter's
gradient ``(\partial C/\partial W)^{(t)}``, a gradient's part through the next layer or time step."""
from __future__ import annotations

import numpy as np

from ...latex.notation import LOSS_NAMES
from ..text.names import IllTyped, NotReadable, key_latex, resolve
from .numbase import Grad, OutOfRange, _with_env

__all__ = ["LayersMixin", "OutOfRange", "MAX_COMPONENTS"]

#: Most terms of a sum over a component index.
MAX_COMPONENTS = 64


class LayersMixin:
    """The index-notation part of :class:`~symlstm.verify.numeval.Evaluator`."""

    def e_comp(self, node, ctx):
        v = np.asarray(self.value(node[1], ctx))
        idx = []
        for x in node[2]:
            if isinstance(x, int):
                idx.append((x, x))
            elif x in ctx.env:
                idx.append((x, ctx.env[x]))
            else:
                raise NotReadable(f"the index {x} is not bound")
        if len(idx) == 1 and v.ndim == 2 and 1 in v.shape:
            v = v.reshape(-1)
        elif len(idx) == 4 and v.ndim == 3 and node[1][0] == "frac" and node[1][1][0] == "pre":
            # \partial W^{(k)}_{[i,j]} / \partial W_{[i,j]}: a matrix by a matrix, its rows (components of the top,
            # flattened) unfolded to the top's own two indices
            top = np.asarray(self.value(node[1][1][3], ctx))
            if top.ndim != 2 or top.size != v.shape[0]:
                raise IllTyped(f"{len(idx)} indices on a value of shape {v.shape}")
            v = v.reshape(top.shape + v.shape[1:])
        elif len(idx) != v.ndim:
            raise IllTyped(f"{len(idx)} indices on a value of shape {v.shape}")
        for (letter, k), size in zip(idx, v.shape):
            if not 1 <= k <= size:
                raise OutOfRange(letter, k, size)
        return np.asarray(v[tuple(k - 1 for _, k in idx)], dtype=complex).reshape(1, 1)

    def e_kron(self, node, ctx):
        from .trueclass import true_class_kron
        free = true_class_kron(self, node, ctx)        # 1\{j=k\}, k the true class (trueclass.py)
        if free is not None:
            return free
        vals = []
        for x in node[1]:
            if isinstance(x, int):
                vals.append(x)
            elif x in ctx.env:
                vals.append(ctx.env[x])
            else:
                raise NotReadable(f"the index {x} of a Kronecker delta is not bound")
        return np.array([[1.0 if vals[0] == vals[1] else 0.0]], dtype=complex)

    def e_isum(self, node, ctx):
        r"""\sum_{j=1}^m, \sum_k: over every component the index takes (m, the size, is not a number here)."""
        _, var, lo, hi, body = node
        return self.sum_components(body, var, ctx, lo, hi)

    def sum_components(self, body, var, ctx, lo=1, hi=None, units=None):
        r"""``body`` summed over the component letter ``var`` from ``lo`` to ``hi``; without ``hi``, over as many
        components as the vectors it indexes have (the sum ends where an index runs out: ``\sum_k \partial E /
        \partial s_k V_{ki}`` over the outputs). Where the body indexes nothing by ``var``, over ``units``
        components when given, else not read."""
        acc = at_units = None
        top = hi if hi is not None else lo + MAX_COMPONENTS if units is None else max(MAX_COMPONENTS, units)
        for k in range(lo, top + 1):
            try:
                v = self.value(body, _with_env(ctx, var, k, self.vocab.time_var))
            except OutOfRange as e:
                if hi is None and e.letter == var and k > lo:
                    return acc
                raise
            acc = v if acc is None else acc + v
            if k == units:
                at_units = acc
        if hi is None and units is None:
            raise NotReadable(f"the sum over {var} does not end (no component is indexed by it)")
        return acc if hi is not None else at_units

    def _target(self, frac, ctx):
        if frac[0] != "frac" or frac[2][0] != "pre" or frac[2][3][0] != "sym" or frac[1][0] != "pre":
            raise NotReadable("a part of something that is not a gradient")
        top = resolve(frac[1][3], self.vocab) if frac[1][3][0] == "sym" else None
        if top is None or top.key not in LOSS_NAMES or top.time is not None:
            raise NotReadable("a part of a derivative that is not the cost's gradient")
        ref = resolve(frac[2][3], self.vocab)
        target = self.target_of(ref.without_scripts(), ctx)
        if target is None:      # (U_{ij}: an entry the rows' names do not read as one; not read, never failed)
            raise NotReadable(f"{key_latex(ref.key)} is not defined in this derivation")
        return target, ref

    def e_gstep(self, node, ctx):
        r"""(\partial C / \partial W)^{(t)}: the part of a parameter's gradient through its use at step t."""
        (key, tau), ref = self._target(node[1], ctx)
        if tau is not None:
            raise NotReadable(f"step t's part of the gradient of {key_latex(key)}, which is not a parameter")
        k = self.int_of(node[2], ctx)
        if not 1 <= k <= self.model.T:
            raise IllTyped(f"step {k} is outside the run")
        if ctx.lhs:                                     # the row is about step t's part: reported so
            ctx.seen.setdefault(Grad(key, "", "", False, style="step"), [("at",)])
        val = self.model.grad(key, None, ("at", k))
        if ref.index:               # (\partial E / \partial U_{ij})^{(t)}: the entry (i, j) where the row binds i, j
            val = self.by_entry(val, node[1][2][3], ctx)
        return val.T if ref.transpose else val

    def e_gpart(self, node, ctx):
        r"""(\partial C / \partial h_l^{(t)})_\text{time}: what reaches h through the next step (or layer)."""
        (key, tau), ref = self._target(node[1], ctx)
        if tau is None:
            raise NotReadable(f"a part of the gradient of the parameter {key_latex(key)}")
        val = self.model.grad(key, tau, node[2])
        return val.T if ref.transpose else val

    def e_illtyped(self, node, ctx):
        if ctx.lenient and len(node) > 2 and node[2] is not None:     # a forward row run as meant (layers.big)
            return self.value(node[2], ctx)
        raise IllTyped(node[1])
