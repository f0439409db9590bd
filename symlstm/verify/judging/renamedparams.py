r"""A restatement of a cell's row with one parameter under a new name: ``h_t = \tanh(W_{xh} x_t + W_{hh} h_{t-1} +
b)`` after ``h_t = \tanh(W_{xh} x_t + W_{hh} h_{t-1} + b_h)``.

Slides and notes recall a row they stated before and shorten a name on the way (the bias b_h becomes b). The
row reads a name no row defines, in the place of a parameter of the row that defines the same quantity, which
the restatement no longer writes. Read with the new name standing for that parameter, the row is checked as
written otherwise: it passes when it is the cell's row, and every other verdict is kept (a wrong sign, a
dropped term still fail, the name then stays "not defined").

Only the simplest case is read: a row ``name = expression`` without derivatives, the name a quantity of the
cell, exactly one name no row defines and exactly one parameter of the quantity's defining row the restatement
does not write, the new name that parameter's with its subscript dropped (``b`` for ``b_h``; ``W_{hx}`` for
``W_{xh}`` is not a shortening and still fails as not defined).
"""
from __future__ import annotations

from ...latex.notation import FUNCTION_WORDS
from ..text.names import NotReadable, key_latex, resolve
from ..text.trees import has_derivative, symbols

__all__ = ["renamed_parameter", "judged_as"]


def _keys(node, vocab) -> set:
    out = set()
    for n in symbols(node):
        if n[1] in FUNCTION_WORDS or n[1] in vocab.functions:
            continue
        try:
            out.add(resolve(n, vocab).key)
        except NotReadable:
            pass
    return out


def judged_as(ev, new, old, judge):
    """``judge()``'s result with the name ``new`` read as ``old`` (an alias for this judgement only)."""
    ev.vocab.aliases[new] = old
    cache = getattr(ev, "_resolved", None)
    if cache is not None:
        ev._resolved = {}           # names resolved before the alias (numeval.resolved) are read again
    try:
        return judge()
    finally:
        ev.vocab.aliases.pop(new, None)
        if cache is not None:
            ev._resolved = cache


def renamed_parameter(r, tree, ev, judge):
    """``judge()``'s result with the new name read as the parameter it replaces, when that passes; else ``r``."""
    if r.status != "fail" or "is not defined in this derivation" not in (r.why or ""):
        return r
    if tree is None or len(tree[1]) != 2 or tree[2] != ["="] or any(has_derivative(p) for p in tree[1]):
        return r
    vocab, model = ev.vocab, ev.model
    lhs = tree[1][0]
    if lhs[0] != "sym":
        return r
    try:
        key = resolve(lhs, vocab).key
    except NotReadable:
        return r
    d = model.by_key.get(key) if model is not None else None
    if key not in vocab.quantities or d is None:
        return r
    written = _keys(tree[1][1], vocab)
    new = [k for k in written if not vocab.known(k) and k not in vocab.aliases]
    read, todo = set(), [d.node]
    while todo:             # tanh(pre:h): through the row's pre-activation, which the cell splits off
        for k in _keys(todo.pop(), vocab) - read:
            read.add(k)
            if k.startswith("pre:") and model.by_key.get(k) is not None:
                todo.append(model.by_key[k].node)
    missing = [k for k in read - written if k in vocab.params]
    if len(new) != 1 or len(missing) != 1 or not key_latex(missing[0]).startswith(key_latex(new[0]) + "_"):
        return r        # only a shortening (b for b_h); W_{hx} for W_{xh} is another weight's name, not read so
    r2 = judged_as(ev, new[0], missing[0], judge)
    if r2.status != "pass":
        return r
    r2.why = "; ".join(x for x in (r2.why, f"{key_latex(new[0])} read as {key_latex(missing[0])} (the row restates "
                                            f"{key_latex(key)} with that parameter renamed)") if x)
    return r2
