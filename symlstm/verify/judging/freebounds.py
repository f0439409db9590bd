r"""A step letter a row leaves free in the bounds of a sum or product only: ``\prod_{j=k+1}^{t}
\frac{\partial h^{(j)}}{\partial h^{(j-1)}} = ...`` ("the time k is not known here"). The row is a statement about
every step k: it is checked at every k from 0 to t (as a step letter written on a name, links._points), and
fails when it fails at one of them. Only the letters of :data:`~..text.names.FREE_BOUND_STEP_LETTERS`, and only
when no name of the row writes the letter (those are read by the name's own rule).
"""
from __future__ import annotations

from ..text.names import FREE_BOUND_STEP_LETTERS, LAYER_LETTERS
from ..text.trees import walk

__all__ = ["bound_only_steps"]


def _letters(node):
    return {n[1] for n in walk(node) if n[0] == "sym" and n[2:] == (None, None, None, 0)}


def bound_only_steps(tree, vocab, summed) -> list:
    """The one free step letter of the bounds of the row's sums and products, as a list ([] when none)."""
    in_bounds, elsewhere = set(), set()
    for n in walk(tree):
        if n[0] == "big" and n[2]:
            it = n[2][0]
            if it[0] == "eq":
                in_bounds |= _letters(it[2])
            for x in n[3] or ():
                in_bounds |= _letters(x)
        elif n[0] == "sym" and n[1] in FREE_BOUND_STEP_LETTERS and n[2:] == (None, None, None, 0):
            pass
        elif n[0] == "sym":
            for script in (n[3], n[4]):
                for x in script or ():
                    elsewhere |= _letters(x)
    free = [x for x in sorted(in_bounds) if x in FREE_BOUND_STEP_LETTERS and x not in elsewhere and
            x not in summed and x != vocab.time_var and x not in vocab.bound and x not in LAYER_LETTERS]
    return free[:1] if len(free) == 1 else []
