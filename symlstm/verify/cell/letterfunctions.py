r"""Capital letters applied to a bracket that name a function, not a matrix: ``a_t = C(z_t)`` (the classification
function of the network type, named only in prose).

A capital letter before a bracket is read as a matrix times the bracket, unless the letter is used nowhere else
in the file: no other product, transpose, derivative or gradient names it, and every use of it is applied to one
bracketed name. Such a letter is one function applied to a quantity (a smooth function of its own, as the
lower-case f(x) is): a weight would show up in the backward rows.
"""
from __future__ import annotations

from ...latex.notation import FUNCTION_WORDS, GRADIENT_PREFIXES, LOSS_NAMES
from ..text.trees import walk

__all__ = ["capital_functions"]


def _capital(n) -> bool:
    return n[0] == "sym" and len(n[1]) == 1 and n[1].isupper() and n[1] not in FUNCTION_WORDS and \
        n[1] not in LOSS_NAMES and n[2] is None and n[3] is None and n[4] is None and not n[5]


def capital_functions(rows) -> set:
    """The capital letters that every row writes only as ``X(name)``."""
    applied, other = set(), set()
    for tree in rows:
        if tree is None:
            continue
        inside = set()
        for n in walk(tree):
            if n[0] != "mul":
                continue
            items, ops = n[1], n[2]
            for i, a in enumerate(items):
                if not _capital(a):
                    continue
                b = items[i + 1] if i + 1 < len(items) else None
                if b is not None and ops[i + 1] is None and b[0] == "paren" and b[1] == "(" and \
                        b[2][0] == "sym" and i == 0 and len(items) == 2:
                    applied.add(a[1])
                    inside.add(id(a))
        for n in walk(tree):
            if n[0] == "sym" and id(n) not in inside:
                name = n[1]
                for p in GRADIENT_PREFIXES:
                    if name.startswith(p) and len(name) > len(p):
                        other.add(name[len(p):])      # dV: the gradient of a weight V
                other.add(name)
    return applied - other
