r"""Weights named for the first time in a restatement of the cell.

``h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t)`` followed by ``h_t = \tanh(W [h_{t-1}; x_t])``: the second row
restates h_t and introduces W (the stacked weights) by writing it; so does a row that writes a quantity out
again with its weights under new block names (``c_t = \sigma(W_{hf} h_{t-1} + W_{xf} x_t) \odot c_{t-1} + ...``
after ``c_t = f \odot c_{t-1} + i \odot g``). Such names are defined by the row itself, not misuses of the
file's names; which weights they are is not stated, so the row is unreadable rather than failing.

Only names no earlier row writes and no forward row defines count, and only when the name multiplies a stacked
column directly (``W [h; x]``) or the row introduces two or more of them (a one-name slip, the typical error,
still fails)."""
from __future__ import annotations

from ...latex.notation import FUNCTION_WORDS
from ..text.names import NotReadable, resolve
from ..text.trees import has_derivative as _has_derivative
from ..text.trees import symbols, walk

__all__ = ["restatement_names"]


def _stack(node) -> bool:
    if node[0] == "matrix":
        return len(node[1]) >= 2 and all(len(r) == 1 for r in node[1])
    return node[0] == "list" or (node[0] == "paren" and node[1] == "[" and node[2][0] in ("list", "mul"))


def _keys(tree, vocab) -> set:
    out = set()
    for n in symbols(tree):
        if n[1] not in FUNCTION_WORDS and n[1] not in vocab.functions:
            try:
                out.add(resolve(n, vocab).key)
            except NotReadable:
                pass
    return out


def _before_stack(tree, vocab) -> set:
    out = set()
    for n in walk(tree):
        if n[0] == "mul":
            for a, b in zip(n[1], n[1][1:]):
                if a[0] == "sym" and _stack(b):
                    try:
                        out.add(resolve(a, vocab).key)
                    except NotReadable:
                        pass
    return out


def restatement_names(rows, forward, lo, hi, vocab) -> dict:
    """key -> why for the names restatement rows in ``lo..hi`` introduce (see the module text)."""
    out, seen = {}, set()
    for k in range(0, hi):
        tree = rows[k]
        if tree is None or tree[0] != "row":
            continue
        keys = _keys(tree, vocab)
        lhs = tree[1][0]
        if lo <= k and k not in forward and lhs[0] == "sym" and len(tree[1]) >= 2 and \
                all(r == "=" for r in tree[2]) and not any(_has_derivative(p) for p in tree[1]):
            try:
                target = resolve(lhs, vocab).key
            except NotReadable:
                target = None
            if target in vocab.quantities:
                new = {key for key in keys - seen if not vocab.known(key) and key not in vocab.aliases
                       and key not in vocab.functions}
                stacked = new & _before_stack(tree, vocab)
                if len(new) >= 2 or stacked:
                    for key in new:
                        out.setdefault(key, "the row restates a quantity of the cell and names its weights anew "
                                            "(first written here, defined by no forward row); which weights "
                                            "they are is not stated")
        seen |= keys
    return out
