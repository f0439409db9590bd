r"""The loss written as a function of the parameters: ``\mathcal{L}(\theta)``, ``\frac{\partial
\mathcal{L}(\theta)}{\partial \phi}``, with ``\theta = \{\phi, \psi\}`` (or \theta, \Theta: all the parameters).

The bracket names what the loss depends on, it is no factor: ``L(\theta)`` is the loss L, everywhere (in a
derivative's numerator too). Read so only when the bracket holds one plain name that is the set of all
parameters: a word of notation.PARAMETER_SET_NAMES, or a name a row defines as a set of names
(``\theta = \{\phi, \psi\}``).
"""
from __future__ import annotations

from ...latex.notation import LOSS_NAMES

__all__ = ["loss_of_parameters"]

#: Names that stand for the set of all parameters of a model.
PARAMETER_SET_NAMES = frozenset({"theta", "Theta", "vartheta"})


def _plain(n) -> bool:
    return n[0] == "sym" and n[2] is None and n[3] is None and n[4] is None and not n[5]


def _set_names(rows) -> set:
    out = set()
    for r in rows:
        if r is not None and r[0] == "row" and len(r[1]) == 2 and _plain(r[1][0]) and r[1][1][0] == "list" and \
                r[1][1][1] == "{" and all(x[0] == "sym" for x in r[1][1][2]):
            out.add(r[1][0][1])
    return out


def _is_loss(n) -> bool:
    if n[0] == "pre" and n[1] in ("partial", "d") and isinstance(n[3], tuple):
        n = n[3]
    return n[0] == "sym" and n[1] in LOSS_NAMES and n[2] is None


def _fix(n, names):
    if isinstance(n, list):
        return [_fix(x, names) for x in n]
    if not isinstance(n, tuple) or not n:
        return n
    if n[0] == "mul" and len(n) == 3:
        items, ops = list(n[1]), list(n[2])
        k = 0
        while k + 1 < len(items):
            a, b = items[k], items[k + 1]
            if _is_loss(a) and ops[k + 1] is None and b[0] == "paren" and b[1] == "(" and _plain(b[2]) and \
                    b[2][1] in names:
                del items[k + 1], ops[k + 1]
            k += 1
        if len(items) == 1:
            return _fix(items[0], names)
        return ("mul", [_fix(x, names) for x in items], ops)
    return tuple(_fix(x, names) if isinstance(x, (tuple, list)) else x for x in n)


def loss_of_parameters(rows):
    """``rows`` with every ``L(\\theta)`` (the set of all parameters) read as the loss L."""
    names = PARAMETER_SET_NAMES | _set_names(rows)
    return [None if r is None else _fix(r, names) for r in rows]
