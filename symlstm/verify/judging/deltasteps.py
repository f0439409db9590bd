r"""``\delta_k`` where the rows define ``\delta_t``: the same error term at a step k of the row's own.

``\delta_t \overset{def}{=} \frac{\partial E}{\partial h_t}`` and then ``\delta_k^T = \prod_{j=k}^{t-1} ...`` ("the
error term passed back to any time k"): k is a step (a bound of the row's product or sum), and \delta_k is the
\delta the rows define, at step k. Without this the subscript k reads as a label of \delta (a name no row defines).

Only a \delta with no label (one subscript letter, k or i, :data:`~..text.names.FREE_BOUND_STEP_LETTERS`), where
\delta at the row's time ``t`` is a name the rows define (or the file's \delta_t has a defining row), and where the
letter is a bound of a sum or product of the row (so it is a step there, not a component index). The row is then
checked at every step k <= t, as a second time letter written on a quantity (rowjudge._free_times).
"""
from __future__ import annotations

from ..text.names import FREE_BOUND_STEP_LETTERS, NotReadable, resolve
from ..text.trees import walk

__all__ = ["delta_steps"]


def _bound_letters(tree):
    out = set()
    for n in walk(tree):
        if n[0] == "big" and n[2]:
            it = n[2][0]
            for x in ([it[2]] if it[0] == "eq" else []) + list(n[3] or ()):
                out |= {m[1] for m in walk(x) if m[0] == "sym" and m[2:] == (None, None, None, 0)}
    return out


def delta_steps(tree, ev, summed) -> list:
    """``[k]`` when the row writes \\delta_k for the \\delta_t the rows define (module doc), else []."""
    bounds = _bound_letters(tree) - set(summed)
    for n in walk(tree):
        if n[0] != "sym" or n[1] != "delta" or n[2] is not None or n[5] or not n[3] or len(n[3]) != 1:
            continue
        it = n[3][0]
        if it[0] != "sym" or it[2:] != (None, None, None, 0) or it[1] not in FREE_BOUND_STEP_LETTERS or \
                it[1] not in bounds or it[1] == ev.vocab.time_var or it[1] in ev.vocab.bound:
            continue
        at_t = ("sym", n[1], None, [("sym", ev.vocab.time_var, None, None, None, 0)], None, 0)
        try:
            key = resolve(at_t, ev.vocab).key
        except NotReadable:
            continue
        if key in getattr(ev, "derived", ()) or getattr(ev, "lone_delta_key", None):
            return [it[1]]
    return []
