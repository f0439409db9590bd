r"""Gradients accumulated one path at a time within a step (a computational graph walked backward)::

    \Delta_{z_t}L = -\Delta_{g_{12}}L \circ \tilde{h}_t      the path of z_t through g_12
    \Delta_{z_t}L += \Delta_{g_{11}}L \circ h_{t-1}           adds the path through g_11: now all of dL/dz_t

A row ``A = X`` followed by rows ``A += Y`` with the same left side, a gradient of a quantity (not of a
parameter, whose ``+=`` adds step t's contribution), is a partial sum. Each ``+=`` row is read as
``A = X + Y + ...`` (every increment so far). The rows before the last one may hold the gradient through
some of the quantity's uses (a path reading); the last one must hold all of it (read as any other row),
so a path left out is caught there.
"""
from __future__ import annotations

__all__ = ["partial_sums"]


def partial_sums(rows, lo, hi, accumulates):
    """{row index: (tree to judge, partial)} for the rows of every accumulation in ``rows[lo:hi]``.
    ``accumulates(lhs)``: the left side is a gradient of a quantity that can be summed path by path."""
    out, groups = {}, []
    opened = {}            # repr of a left side -> the rows of its accumulation so far
    for k in range(lo, hi):
        tree = rows[k]
        if tree is None or len(tree[1]) < 2:
            continue
        lhs, rels = tree[1][0], tree[2]
        key = repr(lhs)
        if rels[0] == "=":
            opened[key] = [k] if accumulates(lhs) else None
            if opened[key]:
                groups.append(opened[key])
            continue
        if list(rels) == ["+="] and len(tree[1]) == 2 and opened.get(key):
            opened[key].append(k)
    for group in groups:
        if len(group) < 2:
            continue
        terms = [("+", rows[group[0]][1][-1])]
        out[group[0]] = (rows[group[0]], True)
        for n, k in enumerate(group[1:], 1):
            terms.append(("+", rows[k][1][1]))
            tree = ("row", [rows[k][1][0], ("add", list(terms))], ["="])
            out[k] = (tree, n < len(group) - 1)
    return out
