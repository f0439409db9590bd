r"""Derivatives written inline with a slash: ``\partial h_{t+1} / \partial h_t``, ``d y / d x`` and ``dy/dx``.

In running text (an answer's inline formula, a slide's remark) the Leibniz quotient is written on one line:
``\partial A / \partial B`` is ``\frac{\partial A}{\partial B}`` and ``dy/dx`` is ``\frac{dy}{dx}``. The slash
binds the two differentials next to it only: ``\partial L / \partial h_t \, W`` is
``\frac{\partial L}{\partial h_t} W``. Read so:

* two differentials of one kind (``\partial`` and ``\partial``, ``d`` and ``d``) side by side across a ``/``;
* ``dy/dx`` written as two words ``d`` + one letter (scripts allowed: ``dh_t/dh_{t-1}``) when the quotient is the
  whole factor (nothing else multiplies it): a ratio of two loss gradients (code names dy, dx) is never what a
  derivation writes, the derivative of y by x is.

Anything else (``a / b``, ``\partial L / b``) stays a division. Trees are rebuilt, never evaluated.
"""
from __future__ import annotations

import re

from .trees import rebuild

__all__ = ["slash_derivatives"]

_D_WORD = re.compile(r"^d([A-Za-z])$")


def _differential(node):
    """('partial' | 'd', the name) of a differential written as a prefix, or None."""
    if isinstance(node, tuple) and node and node[0] == "pre" and node[1] in ("partial", "d") and node[2] is None:
        return node[1]
    return None


def _d_word(node):
    r"""``dy`` (a sym 'd' + one letter): the differential ``d y`` with the sym's scripts, else None."""
    if isinstance(node, tuple) and node and node[0] == "sym" and isinstance(node[1], str) and node[2] is None:
        m = _D_WORD.match(node[1])
        if m and not node[5]:
            return ("pre", "d", None, ("sym", m.group(1), None, node[3], node[4], 0))
    return None


def _rewrite_mul(node):
    items, ops = list(node[1]), list(node[2])
    if len(items) == 2 and ops[1] == "div":
        a, b = _d_word(items[0]), _d_word(items[1])
        if a is not None and b is not None:
            return ("frac", a, b)
    k = 0
    changed = False
    while k + 1 < len(items):
        kind = _differential(items[k])
        if kind is not None and ops[k + 1] == "div" and _differential(items[k + 1]) == kind:
            items[k:k + 2] = [("frac", items[k], items[k + 1])]
            del ops[k + 1]
            changed = True
        k += 1
    if not changed:
        return node
    if len(items) == 1:
        return items[0]
    return (node[0], items, ops) + tuple(node[3:])


def _local(node):
    if node[0] == "mul" and len(node) >= 3 and isinstance(node[1], list) and isinstance(node[2], list):
        return _rewrite_mul(node)
    return node


def slash_derivatives(rows):
    """The rows with every inline derivative (see the module's doc) written as a fraction."""
    return [None if r is None else rebuild(r, _local) for r in rows]
