r"""The time letter typed as the last letter of a name: ``rt``, ``xt``, ``ht`` beside ``r_t``, ``x_t``, ``h_t``.

Homework handouts and notes typed in a hurry write the same quantity both ways, often in one row (``ht = (1 -
z_t) \circ n_t + z_t \circ h_{t-1}``, ``\partial L / \partial zt``). When a file writes ``q_t`` (q with the time
letter as its only subscript) somewhere and spells ``qt`` deliberately (a row defines it, or two rows or more
write it), every name ``qt`` of it is that quantity at step t. One ``\tanh(Ct)`` among rows that write ``C_t``
is a slip and stays as written (it fails, named so); a name the file writes only joined (``rt`` alone, never
``r_t``) is the author's name, and so are the gradient prefixes' names (``dt``: a code temporary).
"""
from __future__ import annotations

from ...latex.notation import GRADIENT_PREFIXES, TIME_WORDS
from .trees import nodes, rebuild

__all__ = ["joined_time_names"]


def _before(sub, time_var) -> bool:
    """A subscript that is the step before the row's (``h_{prev}``, ``h_{t-1}``): ``ht`` beside ``h_prev`` is h at
    step t too (``ht = tanh(ct) * ot`` in a step function given ``h_prev``, ``c_prev``)."""
    if not sub or len(sub) != 1:
        return False
    it = sub[0]
    if it[0] == "sym":
        return it[1] in TIME_WORDS and TIME_WORDS[it[1]] == -1 and it[2:] == (None, None, None, 0)
    return it[0] == "add" and it[1] == [("+", ("sym", time_var, None, None, None, 0)), ("-", ("num", "1"))]


def joined_time_names(rows, time_var):
    """The rows with every ``qt`` read as ``q_t`` where the file also writes ``q_t`` (module doc)."""
    if not time_var or len(time_var) != 1:
        return rows
    t = ("sym", time_var, None, None, None, 0)
    timed = {n[1] for n in nodes(rows, "sym") if n[3] == [t] and n[4] is None and n[2] is None}
    # (ht beside h_prev, where the file names no h_next: at = ft * a_prev beside a_next is a code temporary)
    after = {n[1] for n in nodes(rows, "sym") if n[3] and len(n[3]) == 1 and n[3][0][0] == "sym" and
             n[3][0][1] in TIME_WORDS and TIME_WORDS[n[3][0][1]] >= 0}
    timed |= {n[1] for n in nodes(rows, "sym") if _before(n[3], time_var) and n[4] is None and n[2] is None} - after
    joined = {b + time_var for b in timed if b and b not in GRADIENT_PREFIXES}
    if not joined or not any(n[1] in joined and n[3] is None for n in nodes(rows, "sym")):
        return rows
    # a spelling of the author's: a name a row defines (rt = \sigma(...)) or one written in two rows or more;
    # written once on a right side (\tanh(Ct) beside C_t everywhere else) it is a slip, read as written
    defined = {r[1][0][1] for r in rows if r is not None and r[0] == "row" and r[1] and r[1][0][0] == "sym"}
    count = {}
    for r in rows:
        for name in {n[1] for n in nodes([r], "sym") if n[1] in joined and n[3] is None}:
            count[name] = count.get(name, 0) + 1
    joined = {name for name in joined if name in defined or count.get(name, 0) >= 2}
    if not joined:
        return rows

    def fix(n):
        if n[0] == "sym" and n[1] in joined and n[2] is None and n[3] is None:
            return ("sym", n[1][:-1], None, [t], n[4], n[5])
        return n
    return [None if r is None else rebuild(r, fix) for r in rows]
