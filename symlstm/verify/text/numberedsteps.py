r"""Steps written as the time letter and a number: ``h_{t1}``, ``s_{t2}``, ``db_{z_{t1}}`` (course notes that unroll a
net of two steps, t1 and t2, and name every quantity by its step).

Where some name is written at two or more such numbered steps and no name so written is ever written at the bare
time letter (``h_t`` beside ``y_{t1}`` would make t1 a time and an index), every ``X_{t k}`` is X at the concrete
step k: the subscript is rewritten to the step number in parentheses (``h_{(1)}``, read as step 1 by
:mod:`names`). The rows then state an unrolled sequence of known length, one row per step (authorcell.py).
"""
from __future__ import annotations

import re

__all__ = ["numbered_steps", "numbered_step_rows"]

_NUMBERED = re.compile(r"(?<![A-Za-z\\])([A-Za-z]+)_\{\s*([a-z])(\d+)\s*\}")
_BARE = r"(?<![A-Za-z\\]){}_(?:\{{\s*{t}\s*(?:[-+][^{{}}]*)?\}}|{t}(?![A-Za-z0-9]))"


def numbered_steps(texts, time_var) -> set:
    r"""Names whose steps are written as the time letter and a number (h_{t1}, h_{t2}: step 1 and step 2 of an
    unrolled net) and never at a bare time (h_t, which would make y_{t1} a component of y_t)."""
    seen = {}
    for text in texts:
        for m in _NUMBERED.finditer(text):
            if m.group(2) == time_var:
                seen.setdefault(m.group(1), set()).add(m.group(3))
    out = set()
    for base in seen:
        bare = re.compile(_BARE.format(re.escape(base), t=re.escape(time_var)))
        if not any(bare.search(t) for t in texts):
            out.add(base)
    # some name at two numbered steps (h_{t1}, h_{t2}): then every such name (z_{t2} too) is a numbered step
    return out if any(len(seen[b]) >= 2 for b in out) else set()


def _step_item(it, time_var):
    """``t2`` as a subscript item (t times 2 as parsed): ('paren', '(', ('num', '2')); else None."""
    if it[0] == "mul" and len(it[1]) == 2 and all(op is None for op in it[2]) and it[1][0][0] == "sym" and \
            it[1][0][1] == time_var and it[1][0][2:] == (None, None, None, 0) and it[1][1][0] == "num" and \
            it[1][1][1].isdigit() and int(it[1][1][1]) >= 1:
        return ("paren", "(", it[1][1])
    return None


def _fix(node, names, time_var):
    if isinstance(node, list):
        return [_fix(x, names, time_var) for x in node]
    if not isinstance(node, tuple) or not node:
        return node
    if node[0] == "sym" and node[3]:
        subs = []
        for it in node[3]:
            step = _step_item(it, time_var) if node[1] in names else None
            subs.append(step if step is not None else _fix(it, names, time_var))
        return node[:3] + (subs,) + tuple(_fix(x, names, time_var) for x in node[4:])
    return tuple(_fix(x, names, time_var) if isinstance(x, (tuple, list)) else x for x in node)


def numbered_step_rows(rows, texts, time_var):
    """``(rows, names)``: the rows with every numbered step of ``names`` read as a concrete step (module doc);
    the rows unchanged and an empty set when the file does not write its steps so."""
    names = numbered_steps(texts, time_var)
    if not names:
        return rows, set()
    return [None if r is None else _fix(r, names, time_var) for r in rows], names
