r"""A loss restated through its arguments: ``E^t = loss(y^t, d^t) \\ &= loss(g(W_{(out)} z^t + c), d^t)``.

Notes expand the loss step by step, substituting the forward equations into the argument of a loss function they
name but never define (``loss``, ``L``, ``E``). The function is the same on both sides, so such a row claims that
its arguments are the ones of the row that first applied it: it holds when they are equal (and, for a loss that is
a generic function of its arguments, only then). A row whose arguments differ from the first application's in ONE
argument is read as that argument's claim, ``g(W_{(out)} z^t + c) = y^t`` (or ``\\hat y_t = h_t`` when the new argument is a bare name, which is
not defined again), judged against the cell like any forward
quantity; arguments that differ in two or more places are left as they are read.
"""
from __future__ import annotations

from ...latex.notation import LOSS_NAMES

__all__ = ["restated_loss_calls"]


def _loss_call(node):
    """``loss(a, b)``: (the loss word, its arguments), or None."""
    if node is None or node[0] != "mul" or len(node[1]) != 2 or node[2][1] is not None:
        return None
    f, args = node[1]
    if f[0] != "sym" or f[1] not in LOSS_NAMES or f[2] is not None or f[3] is not None or f[4] is not None \
            or f[5]:
        return None
    if args[0] == "list" and args[1] == "(" and all(s == "," for s in args[3]):
        return f[1], list(args[2])
    return None


def restated_loss_calls(rows, parsed):
    """``rows`` with each continuation row ``&= loss(A, d)`` (no row of its own in ``parsed``) after a row
    ``X = loss(B, d)`` read as the claim ``A = B`` (module doc)."""
    if len(rows) != len(parsed):
        return rows
    out = list(rows)
    for k, r in enumerate(rows):
        if r is None or parsed[k] is not None or k == 0 or len(r[1]) != 2 or list(r[2]) != ["="]:
            continue
        j = k - 1
        while j > 0 and parsed[j] is None and rows[j] is not None:
            j -= 1
        first = parsed[j]
        if first is None or first[0] != "row" or len(first[1]) != 2 or list(first[2]) != ["="] or \
                repr(first[1][0]) != repr(r[1][0]):
            continue
        defined, claimed = _loss_call(first[1][1]), _loss_call(r[1][1])
        if defined is None or claimed is None or defined[0] != claimed[0] or len(defined[1]) != len(claimed[1]):
            continue
        diffs = [(b, a) for b, a in zip(defined[1], claimed[1]) if repr(a) != repr(b)]
        if len(diffs) == 1:
            # the claimed argument on the left: an expression, so never read as a (re)definition of y^t; a
            # bare name on the right (l(y_t, \hat y_t) = l(y_t, h_t) says \hat y_t = h_t, not h_t again)
            old, new = diffs[0]
            out[k] = ("row", [old, new] if new[0] == "sym" else [new, old], ["="])
    return out
