r"""Rows that read a value the file named by a failing row: ``... \rightarrow dh1_t`` fails, then
``\frac{\partial Loss}{\partial U} = x^T \cdot dh1 \rightarrow dU``.

Course notes name the value a row computes (``= (dh1_{t+1} \cdot W1^T) \odot \sigma'(s1_t) \rightarrow dh1_t``) and
use the name later as that value. The reader reads such a name as the gradient it stands for (the total), so a later
row using it is judged as if the author's value were right; where the naming row fails, the author's value is not
that gradient, and a later row that passes with the true gradient may not hold with the author's value. Such a pass
is no verdict: the row is unreadable (the reason says which row named the value). A row's own left side and its
own naming link are not uses.
"""
from __future__ import annotations

import re

from ..text.trees import symbols

__all__ = ["rest_on_failed_names"]

_ARROW = re.compile(r"\\(?:rightarrow|longrightarrow|to)(?![A-Za-z])")


def _named(tree, text):
    """The base of the name a row's naming arrow gives its value (``\\rightarrow dh1_t``: dh1), else None."""
    if tree is None or len(tree[1]) < 2 or not _ARROW.search(text or ""):
        return None
    last = tree[1][-1]
    return last[1] if last[0] == "sym" else None


def rest_on_failed_names(out, starts, rows, equations, forward, lo, hi, rejudge=None):
    """Passes of rows reading a name a failing row named (module doc) made unreadable, in place; ``rejudge(k,
    names, named_rows, results)`` (authorvalues.py): the row's failure with the author's values, else None."""
    failed = {}
    named_rows, results = {}, {}
    for k in range(lo, hi):
        i = starts.get(k)
        if i is None or i >= len(out):
            continue
        tree = rows[k]
        name = _named(tree, equations[k].text)
        if name is not None:
            named_rows.setdefault(name, []).append(k)
            results[k] = out[i]
        if name is not None and out[i].status == "fail":
            failed.setdefault(name, equations[k].line)
            continue
        if out[i].status != "pass" or k in forward or tree is None or not failed:
            continue
        parts = list(tree[1][1:])
        if name is not None:
            parts = parts[:-1]
        used = {n[1] for p in parts for n in symbols(p)} & set(failed)
        if used:
            again = rejudge(k, sorted(used), named_rows, results) if rejudge is not None else None
            if again is not None:      # it fails with the author's values (authorvalues.py)
                out[i] = again
                continue
            name = sorted(used)[0]
            out[i].status, out[i].holds = "unreadable", None
            out[i].why = (f"it reads {name}, the value the row on line {failed[name]} names, and that row fails: "
                          f"read as the true gradient the row holds, but the author's {name} is not that gradient")
