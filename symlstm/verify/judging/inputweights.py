r"""The weights of an input: ``\frac{\partial L}{\partial W_x}`` where no row defines ``W_x`` and the forward rows
apply several weights to the input x (``z_t = \sigma(W^{(z)} x_t + ...)``, ``\tilde h_t = \tanh(W x_t + ...)``).

GRU and LSTM notes name the input weights of all gates together ``W_x`` (and the recurrent ones ``U_h``): the
weights that multiply x, stacked. The text rarely says in which order, or whether one of them is meant, so the
row is read once for each weight the forward rows apply to x (W_x as that weight) and decided only where every
reading agrees: it passes when it holds for each (then it holds for their stack too), fails when it fails for
each by its values (same shapes, other values: the stack fails then too), and is unreadable otherwise.

What a wrong row could gain: none. A row wrong for the weight (or the stack) the author means fails under one
reading at least, so it never passes. A fail by shape under every reading is not a fail here (``W_x`` might be
the row of W that a one-hot x selects, an embedding lookup, whose gradient is a vector): unreadable.
"""
from __future__ import annotations

import numpy as np

from ..text.names import NotReadable, key_latex, resolve
from ..text.trees import walk
from .eachreading import by_names, judged_as_each, readings_listed
from .report import RowResult

__all__ = ["input_weight", "every_input_weight"]


def _den_keys(tree, vocab):
    for n in by_names(tree):
        try:
            yield resolve(n[2][3], vocab).key
        except NotReadable:
            continue


def _candidates(key, ev):
    """The parameters a forward row applies to the input ``key`` names (``W_x``: x), in the rows' order."""
    vocab, model = ev.vocab, ev.model
    base, _, sub = key.partition("_")
    if not base or not sub or sub not in vocab.inputs:
        return []
    out = []
    for d in model.defs:
        for n in walk(d.node):
            if n[0] != "mul":
                continue
            items = n[1]
            for a, b in zip(items, items[1:]):
                if a[0] != "sym" or b[0] != "sym":
                    continue
                try:
                    ra, rb = resolve(a, vocab), resolve(b, vocab)
                except NotReadable:
                    continue
                if rb.key == sub and ra.key in model.params and not ra.transpose and ra.key not in out and \
                        str(ra.key).partition("_")[0].split("^")[0] == base.split("^")[0][:1]:
                    out.append(ra.key)
    return out


def input_weight(tree, ev):
    r"""The key ``W_x`` of the row's derivatives by the weights of an input, when the rows define no ``W_x`` and
    apply two or more weights of that letter to x; else None."""
    vocab = ev.vocab
    if getattr(ev, "model", None) is None:
        return None
    found = set()
    for key in _den_keys(tree, vocab):
        if vocab.known(key) or key in vocab.aliases or key in getattr(ev, "derived", {}):
            continue
        if len(_candidates(key, ev)) >= 2:
            found.add(key)
    return next(iter(found)) if len(found) == 1 else None


def _value_fail(r) -> bool:
    return r.status == "fail" and r.claimed is not None and r.correct is not None and \
        np.shape(r.claimed) == np.shape(r.correct)


def every_input_weight(key, judge, tree, eq, ev, strict, seconds) -> RowResult:
    """The row judged with ``W_x`` read as each weight the rows apply to x (module doc)."""
    name = key_latex(key)
    cands = _candidates(key, ev)
    results = judged_as_each(key, cands, judge, tree, eq, ev, strict, seconds)
    listed = ", ".join(key_latex(p) for p in cands)
    statuses = {r.status for _, r in results}
    if statuses == {"pass"}:
        r = results[0][1]
        r.why = "; ".join(x for x in (f"{name} (the weights of the input) read as each weight the rows apply to it "
                                      f"({listed}): it holds for each", r.why) if x)
        return r
    if statuses == {"fail"} and all(_value_fail(r) for _, r in results):
        p, r = results[0]
        r.why = f"{name} (the weights of the input) fails read as each weight the rows apply to it ({listed}); " \
            f"as {key_latex(p)}: {r.why}"
        return r
    if statuses == {"unreadable"} and len({r.why for _, r in results}) == 1:
        return results[0][1]        # every reading stops at the same name: that reason (the judge's fallbacks read it)
    parts = readings_listed(results)
    return RowResult(eq.line, eq.column, eq.text, "unreadable", None,
                     why=f"{name} names no row's weight; read as each weight the rows apply to the input "
                         f"({listed}) the readings do not agree on a verdict of values ({parts})")
