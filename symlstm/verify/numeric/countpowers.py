r"""A letter that counts steps, written as the superscript of a weight: ``\frac{\partial S_{k}}{\partial S_{k-m}} =
w_{rec}^m`` (the product of m one-step factors, each w_rec).

A weight has no steps, so its superscript letter is either a power or the name of a step (the copy of the shared
weight used at step m). Where the row writes the letter only as a number of steps back from the time letter
(``S_{k-m}``, ``S_{k-m+1}``: subtracted from it, never a step of its own), the letter is a count, and a count on a
weight is its power (a matrix power for a square matrix). Anything else stays unreadable (numeval.py).
"""
from __future__ import annotations

import numpy as np

from ..text.trees import walk

__all__ = ["count_power"]


def _plain(n, letter) -> bool:
    return isinstance(n, tuple) and len(n) == 6 and n[0] == "sym" and n[1] == letter and n[2:] == (None, None, None, 0)


def _count_only(tree, letter, time_var, exempt) -> bool:
    """Every use of ``letter`` in ``tree`` is a term subtracted in a script that starts at the time letter
    (``k - m``), apart from the node ``exempt`` (the weight's superscript itself)."""
    uses, counted = 0, 0
    for n in walk(tree):
        if n is exempt:
            continue
        if n[0] == "sym":
            for script in (n[3], n[4]):
                for it in script or ():
                    if it is exempt:
                        continue
                    if it[0] == "add" and it[1] and it[1][0] == ("+", ("sym", time_var, None, None, None, 0)):
                        counted += sum(1 for s, x in it[1][1:] if s == "-" and _plain(x, letter))
        if _plain(n, letter):
            uses += 1
    exempt_uses = 1
    return counted >= 1 and uses == counted + exempt_uses


def count_power(ev, key, node, ctx):
    """The value of ``w^m`` (``node``: the weight with the letter m as its only superscript) as a power, or None."""
    tree = getattr(ev, "row_tree", None)
    letter = node[4][0][1]
    if tree is None or letter not in ctx.env or not _count_only(tree, letter, ev.vocab.time_var, node):
        return None
    m = ctx.env[letter]
    if not isinstance(m, int) or m < 0:
        return None
    base = ev.value(("sym", node[1], node[2], node[3], None, node[5]), ctx)
    if not isinstance(base, np.ndarray) or base.ndim != 2 or base.shape[0] != base.shape[1]:
        return None
    return np.linalg.matrix_power(base, m)
