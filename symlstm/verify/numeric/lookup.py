r"""Embedding lookups: ``L_x``, ``L_{x^{(t)}}``, ``L_x^{(t)}`` name the row of a weight L that the one-hot input x
selects, i.e. the value of the quantity the forward rows define as ``x L`` (``e^{(t)} = x^{(t)} L``; in column
layout ``L x``). Read as that quantity at the step of x: ``\frac{\partial J}{\partial L_{x^{(t)}}}`` is
``\frac{\partial J}{\partial e^{(t)}}``.

A row that writes ``L_{x^{(t)}} = e^{(t)}`` states the lookup; it defines no new quantity (it is checked as a claim).
"""
from __future__ import annotations

from ..text.names import NotReadable, resolve


def _lookup_body(node, vocab):
    """(input key, weight key) of a product ``x L`` / ``L x`` of two plain names, else None."""
    if node is None or node[0] != "mul" or len(node[1]) != 2 or any(op not in (None, "\\cdot") for op in node[2][1:]):
        return None
    a, b = node[1]
    if a[0] != "sym" or b[0] != "sym":
        return None
    try:
        ra, rb = resolve(a, vocab), resolve(b, vocab)
    except NotReadable:
        return None
    if ra.transpose or rb.transpose or ra.index or rb.index:
        return None
    if rb.key[:1].isupper() and rb.time is None and not rb.word and not ra.key[:1].isupper():
        return ra.key, rb.key                # x^{(t)} L (rows)
    if ra.key[:1].isupper() and ra.time is None and not ra.word and not rb.key[:1].isupper():
        return rb.key, ra.key                # L x_t (columns)
    return None


def lookup_quantity(key, bodies, vocab):
    """The quantity that ``key`` (``L_x``: weight L, input x) looks up, from ``bodies`` ((keys, node) pairs of
    the forward definitions), else None."""
    weight, _, sel = str(key).partition("_")
    sel = sel.rstrip("_")
    if not weight or not sel:
        return None
    found = {keys[0] for keys, node in bodies if len(keys) == 1 and _lookup_body(node, vocab) == (sel, weight)}
    return next(iter(found)) if len(found) == 1 else None


def lookup_of_defs(key, defs, vocab):
    return lookup_quantity(key, [(d.keys, d.node) for d in defs], vocab)
