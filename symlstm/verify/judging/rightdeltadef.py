r"""A \delta named on the right of the derivative it names: ``\frac{\partial E}{\partial v^t} = \delta^{out,t}``.

A row of exactly two sides whose left is one derivative of the loss by a quantity at a step (``\partial E / \partial q^t``) and whose right
is a \delta name at that step (``\delta^t``, ``\delta^{out,t}``, ``\delta_{o,t}``) that no forward row defines, no row before
it names, and no other row defines, says what that \delta is: the row is its definition (the mirror of
``\delta_t = \partial E/\partial h_t``), and later rows reading the \delta read that derivative. Nothing is
evaluated here.
"""
from __future__ import annotations

from ...latex.notation import LOSS_NAMES
from ..text.names import NotReadable, gradient_split, resolve
from ..text.trees import walk

__all__ = ["right_delta_definitions"]


def _loss_derivative(node, vocab) -> bool:
    if node[0] != "frac" or node[1][0] != "pre" or node[1][1] != "partial" or node[2][0] != "pre" or \
            node[2][1] != "partial" or node[1][2] is not None or node[2][2] is not None:
        return False
    top, bottom = node[1][3], node[2][3]
    if not isinstance(top, tuple) or not isinstance(bottom, tuple) or top[0] != "sym" or bottom[0] != "sym":
        return False
    try:
        return resolve(top, vocab).key in LOSS_NAMES
    except NotReadable:
        return False


def _mentions(tree, key, vocab) -> bool:
    for n in walk(tree):
        if n[0] == "sym" and n[1] in ("delta", "Delta"):
            try:
                if resolve(n, vocab).key == key:
                    return True
            except NotReadable:
                continue
    return False


def right_delta_definitions(rows, forward, vocab, lo, hi, derived):
    """{row: (key, derivative node, time)} of the rows that define a \\delta on their right (see the module)."""
    out = {}
    for k in range(lo, hi):
        tree = rows[k]
        if tree is None or k in forward or tree[0] != "row" or len(tree[1]) != 2 or list(tree[2]) != ["="]:
            continue
        left, right = tree[1]
        if right[0] != "sym" or right[1] != "delta" or right[2] is not None or not _loss_derivative(left, vocab):
            continue
        try:
            r = resolve(right, vocab)
        except NotReadable:
            continue
        key = r.key
        if r.transpose or r.power is not None or r.primes or r.word or r.index or r.block or r.slice or \
                r.time is None or vocab.known(key) or key in derived or gradient_split(key) or \
                key in (d[0] for d in out.values()):
            continue
        try:
            var = resolve(left[2][3], vocab)
        except NotReadable:
            continue
        if var.key not in vocab.quantities or var.time != r.time or var.word or var.transpose or var.power is not None:
            continue            # \partial E / \partial c = \delta^{in,t}: a parameter is no quantity at the \delta's step
        if any(rows[j] is not None and _mentions(rows[j], key, vocab) for j in range(lo, k)):
            continue            # read before this row: the row is a claim about it
        if any(rows[j] is not None and j != k and _defines(rows[j], key, vocab) for j in range(lo, hi)):
            continue            # another row defines it (\delta_t = ... on its left): that one is the name
        out[k] = (key, left, r.time)
    out.update(_bare_definitions(rows, forward, vocab, lo, hi, derived, out))
    return out


def _bare_definitions(rows, forward, vocab, lo, hi, derived, found):
    r"""``d\tilde{h}_t = \Delta \equiv \frac{\partial L}{\partial \tilde{h}_t}``: a bare \Delta (or \delta: no
    step, no label) beside one derivative of the loss by a quantity at the row's own step t, in a chain of sides, is
    named by the row: the gradient at the step of the row reading it. Only where no row before reads it and no
    other row defines it."""
    out = {}
    for k in range(lo, hi):
        tree = rows[k]
        if tree is None or k in forward or tree[0] != "row" or len(tree[1]) < 2 or \
                any(r != "=" for r in tree[2]):
            continue
        parts = tree[1]
        for i, part in enumerate(parts[:-1]):
            right = parts[i + 1]
            if part[0] != "sym" or part[1] not in ("delta", "Delta") or part[2:] != (None, None, None, 0) or \
                    not _loss_derivative(right, vocab):
                continue
            try:
                r, var = resolve(part, vocab), resolve(right[2][3], vocab)
            except NotReadable:
                continue
            key = r.key
            if vocab.known(key) or key in derived or key in (d[0] for d in list(found.values()) + list(out.values())):
                continue
            if var.key not in vocab.quantities or var.time is None or var.time[0] != "sym" or \
                    var.time[1] != vocab.time_var or var.word or var.transpose or var.power is not None:
                continue            # by the quantity at the row's own step only
            if any(rows[j] is not None and _mentions(rows[j], key, vocab) for j in range(lo, k)):
                continue
            if any(rows[j] is not None and j != k and _defines(rows[j], key, vocab) for j in range(lo, hi)):
                continue
            out[k] = (key, right, var.time)
            break
    return out


def _defines(tree, key, vocab) -> bool:
    if tree[0] != "row" or len(tree[1]) < 2 or tree[1][0][0] != "sym" or tree[1][0][1] not in ("delta", "Delta"):
        return False
    try:
        return resolve(tree[1][0], vocab).key == key
    except NotReadable:
        return False
