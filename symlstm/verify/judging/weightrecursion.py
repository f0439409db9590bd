r"""``\frac{\partial h_t}{\partial W} = \frac{\partial h_t}{\partial W} + \frac{\partial h_t}{\partial h_{t-1}}
\frac{\partial h_{t-1}}{\partial W}`` (Pascanu et al.'s recursion written without its \partial^{+}): the Jacobian by a
weight on the left is written again on the right, where it means the immediate derivative (h_{t-1} held) while the
left one is the total. One written symbol has one reading in a row (selfref.py); for this recursion alone, when the row
fails with one reading, it is read the way the recursion means it: the left symbol the total Jacobian, its copies on
the right the immediate one (\partial^{+} h_t / \partial W, the previous state held). It passes so, or fails under
both (as one symbol and as the recursion).
"""
from __future__ import annotations

import itertools

from ..text.names import NotReadable, resolve
from ..text.trees import walk

__all__ = ["weight_recursion", "recursion_readings", "RECURSION_NOTE"]

#: The why of a row that holds with the recursion's readings.
RECURSION_NOTE = (r"the Jacobian by a weight on the left is the total one, its copy on the right the immediate one "
                  r"(\partial^{+}: the previous state held), as in Pascanu et al.'s recursion")


def weight_recursion(parts, rels, ev) -> str:
    """The why of such a row, or ""."""
    lhs = parts[0]
    if lhs[0] != "frac" or lhs[1][0] != "pre" or lhs[2][0] != "pre" or lhs[1][3][0] != "sym" or \
            lhs[2][3][0] != "sym" or lhs[1][2] is not None:      # \partial^{+} on the left: as written
        return ""
    try:
        top, bottom = resolve(lhs[1][3], ev.vocab), resolve(lhs[2][3], ev.vocab)
    except NotReadable:
        return ""
    v = ev.vocab
    if top.key not in v.quantities or bottom.key not in v.params:
        return ""
    if not any(n == lhs for p in parts[1:] for n in walk(p)):
        return ""
    return (r"the Jacobian by a weight on the left is written again on the right (a recursion: there it would be the "
            r"immediate derivative, with the previous state held, while the left one is the total; one written symbol "
            r"is read one way in a row): write the right one \partial^{+}")


def _written(g):
    return (g.key, g.time_text, g.word, g.named, g.style, g.sign)


def recursion_readings(grads, choices, limit):
    r"""Readings of the row's gradient symbols (``choices[i]`` those of ``grads[i]``) that read the left side's
    Jacobian by a weight as the total one and its copies on the right as the immediate (``direct``) one; other
    symbols keep their own choices. At most ``limit``. (One symbol on the right may stand for several written
    Jacobians, \partial h_t/\partial W and \partial h_{t-1}/\partial W: either only the one written as the left
    one is immediate, the reading ``("direct", its text)``, as in the recursion; or every one is, as in its
    unrolled sum \partial h_3/\partial W = \partial h_3/\partial W + \partial h_3/\partial h_2 \partial h_2/\partial W
    + \ldots)"""
    left = [g for g in grads if g.lhs]
    copies = {i for i, g in enumerate(grads) if not g.lhs and any(_written(g) == _written(g0) for g0 in left)}
    heads = {i for i, g in enumerate(grads) if g.lhs and any(_written(g) == _written(grads[j]) for j in copies)}
    if not copies:
        return []
    options = []
    for i, cs in enumerate(choices):
        if i in heads:
            cs = [c for c in cs if c == ("total",)]
        elif i in copies:
            own = [grads[j].text for j in heads if _written(grads[j]) == _written(grads[i])]
            cs = [("direct", own[0]), ("direct",)] if ("direct",) in cs and own else []
        if not cs:
            return []
        options.append(cs)
    return list(itertools.islice(itertools.product(*options), limit))
