r"""Steps written as the time letter and a number: ``h_{t1}``, ``s_{t2}``, ``db_{z_{t1}}`` (course notes that unroll a
net of two steps, t1 and t2, and name every quantity by its step).

Where some name is written at two or more such numbered steps and no name so written is ever written at the bare
time letter (``h_t`` beside ``y_{t1}`` would make t1 a time and an index), every ``X_{t k}`` is X at the concrete
step k: the subscript is rewritten to the step number in parentheses (``h_{(1)}``, read as step 1 by
:mod:`names`). The rows then state an unrolled sequence of known length, one row per step (authorcell.py).

The steps may also be bare digits (``o_1 = f(x_1 W)``, ``o_2 = f(x_2 W + o_1 W_h)``, ``o_3 = ...``: notes that
unroll a many-to-one RNN and number its states): where the rows define a letter at two or more digits and every
row after the first reads the letter at the digit before through a weight without a digit, the same in every
row (the shared recurrent weight: a stack of layers ``h_2 = \sigma(W_2 h_1)`` has a weight per layer), and no
row defines the letter at the time letter, every ``o_k`` is o at step k (:func:`chained_digit_rows`).
"""
from __future__ import annotations

import re

from .trees import rebuild, symbols, walk

__all__ = ["chained_digit_rows", "numbered_steps", "numbered_step_rows"]

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


def _digit_of(node, base=None):
    """k of ``o_k`` (one digit subscript, no superscript, no accent), of the letter ``base`` if given; else None."""
    if node[0] != "sym" or node[2] is not None or node[4] or node[5] or not node[3] or len(node[3]) != 1 or \
            base is not None and node[1] != base:
        return None
    it = node[3][0]
    return int(it[1]) if it[0] == "num" and it[1].isdigit() else None


def _recurrent_weight(node, base, k):
    """The name without a digit multiplying ``base`` at step k-1 in a product of ``node`` (repr), else None."""
    for n in walk(node):
        if n[0] != "mul":
            continue
        items = n[1]
        for j, it in enumerate(items):
            if _digit_of(it, base) != k - 1:
                continue
            for other in items[max(0, j - 1):j] + items[j + 1:j + 2]:
                if other[0] == "sym" and _digit_of(other) is None and not (other[3] and any(
                        x[0] == "num" for x in other[3])):
                    return repr(other)
    return None


def chained_digit_rows(rows):
    """``(rows, names)``: the rows with every ``o_k`` of a letter whose rows chain its digits through one
    weight read as ``o_{(k)}`` (module doc); the rows unchanged and an empty set otherwise."""
    defs = {}
    for r in rows:
        if r is None or len(r[1]) != 2 or r[2][0] != "=":
            continue
        k = _digit_of(r[1][0])
        if k is not None:
            defs.setdefault(r[1][0][1], {}).setdefault(k, []).append(r[1][1])
        elif r[1][0][0] == "sym" and r[1][0][3]:
            defs.setdefault(r[1][0][1], {}).setdefault(None, []).append(r[1][1])
    names = set()
    for base, by in defs.items():
        steps = sorted(k for k in by if k is not None)
        if None in by or len(steps) < 2 or any(len(by[k]) != 1 for k in steps) or steps != list(
                range(steps[0], steps[-1] + 1)):
            continue
        weights = {_recurrent_weight(by[k][0], base, k) for k in steps[1:]}
        if len(weights) == 1 and None not in weights:
            names.add(base)
            # x_k in the row of step k, of a letter no row defines: the input at step k
            per_row = [{n[1] for n in symbols(by[k][0]) if _digit_of(n) == k and n[1] not in defs} for k in steps]
            names.update(set.intersection(*per_row))
    if not names:
        return rows, set()

    def step(node):         # o_2 -> o_{(2)}
        if node[0] == "sym" and node[1] in names and _digit_of(node) is not None:
            return node[:3] + ([("paren", "(", node[3][0])],) + node[4:]
        return node
    return [None if r is None else rebuild(r, step) for r in rows], names
