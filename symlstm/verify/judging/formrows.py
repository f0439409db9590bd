r"""Rows that state the form of the cell, checked against the cell the text spells out.

Notes and slides open with the form of the recurrence, ``h_t = f_{\Theta}(h_{t-1}, x_t)`` and
``y_t = g_{\Theta}(h_t)`` (or ``h_t = f_W(h_{t-1}, x_t)``, ``h_t = f(h_{t-1}, x_t)``), and then spell out the
cell, ``h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t + b)``. The letter ``f`` is an unspecified function, so such a
row says only which values the left side is computed from. That much can be checked: the forward row that
defines the same name reads some names at some steps (through the names the same step computes first, e.g.
``z_t`` of ``h_t = \varphi(z_t)``; the parameters are f's subscript). The row holds when its arguments are
exactly those (names and steps), and is false when an argument is one the cell does not read while a value it
reads is missing (``h_t = f(h_t, x_t)``: the state of the same step instead of the previous one). A row whose
arguments only add values or only leave some out (``h_t = f(h_{t-1}, x_t)`` for an LSTM whose h_t reads also
c_{t-1}) is a loose statement of the form, not judged (unreadable with that reason).
"""
from __future__ import annotations

from ...latex.notation import FUNCTION_WORDS
from ..text.names import NotReadable, resolve
from ..text.trees import symbols
from ..cell.namingrows import step_offset

__all__ = ["form_verdict"]


def _application(node):
    """The arguments (sym nodes) when ``node`` is one name applied to a bracket of names, else None."""
    if node[0] != "mul" or len(node[1]) != 2 or node[2][1] is not None:
        return None
    a, b = node[1]
    if a[0] != "sym" or len(a[1]) != 1 or not a[1].isalpha():
        return None
    if b[0] == "list" and b[1] == "(" and set(b[3] or ()) <= {","} and all(x[0] == "sym" for x in b[2]):
        return list(b[2])
    if b[0] == "paren" and b[1] == "(" and b[2][0] == "sym":
        return [b[2]]
    return None


def _plain(ref) -> bool:
    return not (ref.transpose or ref.power is not None or ref.primes or ref.block or ref.slice or ref.index)


def _reads(key, shift, model, vocab, args, seen, out) -> bool:
    """Add to ``out`` the (name, step offset) pairs the definition of ``key`` (at offset ``shift``) reads,
    entering the names of the same step the cell computes (not those written as arguments); False when a
    name cannot be placed."""
    defs = [d for d in model.defs if key in d.keys and d.per_step and not d.at and not d.accumulate]
    if len(defs) != 1 or len(defs[0].keys) != 1:
        return False
    if (key, shift) in seen:
        return True
    seen.add((key, shift))
    for n in symbols(defs[0].node):
        try:
            r = resolve(n, vocab)
        except NotReadable:
            return False
        if r.kind == "func" or (r.kind == "value" and (r.key in vocab.functions or r.key in FUNCTION_WORDS)):
            continue
        if r.kind != "value" or not _plain(r):
            return False
        if r.key in vocab.params and r.time is None and not r.word:
            continue
        if r.key == vocab.time_var:
            return False
        off = step_offset(r, vocab.time_var)
        if off is None and r.time is None and not r.word and r.key.startswith("pre:"):
            off = 0             # the pre-activation the reader names for h_t = \varphi(W h_{t-1} + ...): same step
        if off is None:
            return False
        off += shift
        if (r.key, off) in args or r.key in vocab.inputs or r.key in getattr(model, "input_shapes", {}):
            out.add((r.key, off))
        elif r.key in vocab.quantities and off == 0:
            if not _reads(r.key, off, model, vocab, args, seen, out):
                return False
        elif r.key in vocab.quantities:
            out.add((r.key, off))
        else:
            return False
    return True


def _shown(pairs, time_var):
    def one(p):
        key, off = p
        name = key.split(":")[-1]
        step = time_var if off == 0 else f"{time_var}{off:+d}"
        return f"{name}_{{{step}}}"
    return ", ".join(one(p) for p in sorted(pairs))


def form_verdict(tree, model, vocab):
    """``(status, why)`` for a form row ``tree`` (module doc): "pass", "fail", or None when it cannot be
    compared (then the row keeps its reason for being unreadable)."""
    if tree is None or model is None or vocab is None or len(tree[1]) != 2 or list(tree[2]) != ["="]:
        return None
    lhs, rhs = tree[1]
    args_nodes = _application(rhs)
    if lhs[0] != "sym" or args_nodes is None:
        return None
    try:
        left = resolve(lhs, vocab)
        refs = [resolve(a, vocab) for a in args_nodes]
    except NotReadable:
        return None
    if left.kind != "value" or not _plain(left) or step_offset(left, vocab.time_var) != 0:
        return None
    args = set()
    for r in refs:
        off = step_offset(r, vocab.time_var)
        if r.kind != "value" or not _plain(r) or off is None or \
                not (r.key in vocab.quantities or r.key in vocab.inputs):
            return None
        args.add((r.key, off))
    if len(args) != len(refs) or args == {(left.key, 0)}:        # h_t = f(h_t): no form of a recurrence
        return None
    reads = set()
    if not _reads(left.key, 0, model, vocab, args, set(), reads) or not reads:
        return None
    name = left.key.split(":")[-1]
    if reads == args:
        return "pass", None
    if not reads <= args and not args <= reads:
        return "fail", (f"the row states that {name}_{{{vocab.time_var}}} is computed from "
                        f"{_shown(args, vocab.time_var)}; the forward row defining it reads "
                        f"{_shown(reads, vocab.time_var)}")
    return None
