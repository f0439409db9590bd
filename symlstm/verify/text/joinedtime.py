r"""The time letter typed as the last letter of a name: ``rt``, ``xt``, ``ht`` beside ``r_t``, ``x_t``, ``h_t``.

Homework handouts and notes typed in a hurry write the same quantity both ways, often in one row (``ht = (1 -
z_t) \circ n_t + z_t \circ h_{t-1}``, ``\partial L / \partial zt``). When a file writes ``q_t`` (q with the time
letter as its only subscript) somewhere, every name ``qt`` of it is that quantity at step t. A name the file
writes only joined (``rt`` alone, never ``r_t``) is left as the author's name, and so are the gradient
prefixes' names (``dt``: a code temporary).
"""
from __future__ import annotations

from ...latex.notation import GRADIENT_PREFIXES
from .trees import nodes, rebuild

__all__ = ["joined_time_names"]


def joined_time_names(rows, time_var):
    """The rows with every ``qt`` read as ``q_t`` where the file also writes ``q_t`` (module doc)."""
    if not time_var or len(time_var) != 1:
        return rows
    t = ("sym", time_var, None, None, None, 0)
    timed = {n[1] for n in nodes(rows, "sym") if n[3] == [t] and n[4] is None and n[2] is None}
    joined = {b + time_var for b in timed if b and b not in GRADIENT_PREFIXES}
    if not joined or not any(n[1] in joined and n[3] is None for n in nodes(rows, "sym")):
        return rows

    def fix(n):
        if n[0] == "sym" and n[1] in joined and n[2] is None and n[3] is None:
            return ("sym", n[1][:-1], None, [t], n[4], n[5])
        return n
    return [None if r is None else rebuild(r, fix) for r in rows]
