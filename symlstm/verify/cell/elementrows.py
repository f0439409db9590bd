r"""Element-wise forms of a cell stated in vector form: ``h_j^{(t)} = \tanh(\sum_i W_x[j,i] x_i^{(t)} + ...)``
beside ``h^{(t)} = \tanh(W_x x^{(t)} + ...)``.

Documents (often generated ones) state each equation twice, as vectors and then "for hidden dimension j". The
second form names one component (``h_j``, ``h_{t,j}``) and sums over another (``\sum_i``, or indexes a weight
``W_x[j, i]``) or writes the component on its right side too (``h_{t,j} = o_{t,j} \cdot \tanh(c_{t,j})``); read as rows of the cell it made the component letters steps or units and broke the vector rows
beside it. A row is set aside here (unreadable, saying why) when its left side is a name the derivation also
defines without that component letter, its subscript adds one lower-case letter that is not the time, and its
right side sums over an index, indexes with brackets of letters or writes the letter in a subscript. The vector rows then build the cell alone.
The component rows are not checked (``compindex``/``layers`` read components where a derivation writes only
them, as index notation).
"""
from __future__ import annotations

from ..text.trees import walk

__all__ = ["element_restatements", "COMPONENT_LETTERS"]

#: Letters a component index is written with.
COMPONENT_LETTERS = ("i", "j", "k", "l", "m", "n", "p", "q", "r", "s")


def _letter(node):
    return node[1] if node[0] == "sym" and len(node[1]) == 1 and node[2] is None and node[3] is None and \
        node[4] is None and not node[5] else None


def _component(lhs, time_var):
    """(name, component letter) of a left side naming one component (``h_{t,j}``, ``h_j^{(t)}``), else None."""
    if lhs[0] != "sym" or not lhs[3]:
        return None
    letters = [_letter(x) for x in lhs[3]]
    comps = [x for x in letters if x in COMPONENT_LETTERS and x != time_var]
    if len(comps) != 1:
        return None
    return lhs[1], comps[0]


def _vector_form(lhs, name, letter) -> bool:
    return lhs[0] == "sym" and lhs[1] == name and not any(_letter(x) == letter for x in (lhs[3] or ()))


def _indexed(node) -> bool:
    """A sum over an index (``\\sum_i``, no bounds needed) or a weight indexed by letters in brackets (``W[j, i]``)."""
    for n in walk(node):
        if n[0] == "big" and n[1] == "sum" and n[2] and len(n[2]) == 1 and _letter(n[2][0]) in COMPONENT_LETTERS:
            return True
        if n[0] == "mul" and any(a[0] == "sym" and b[0] == "list" and b[1] == "[" and b[2] and
                                 all(_letter(x) in COMPONENT_LETTERS for x in b[2])
                                 for a, b in zip(n[1], n[1][1:])):
            return True
    return False


def _time_first(lhs, time_var) -> bool:
    """The left side's subscript is the time, then the component (h_{t,j}; not net_{i,t}, gate i at t)."""
    items = lhs[3] or ()
    return len(items) == 2 and items[0][0] == "sym" and items[0][1] == time_var


def _uses_letter(node, letter) -> bool:
    """The right side writes the component letter in a subscript too (``o_{t,j} \\cdot \\tanh(c_{t,j})``)."""
    return any(n[0] == "sym" and any(_letter(x) == letter for x in (n[3] or ())) for n in walk(node))


def element_restatements(rows, lines, time_var):
    """{row index: why} of the element-wise restatements among ``rows`` (``lines``: each row's line, for the
    report), to set aside."""
    out = {}
    for k, tree in enumerate(rows):
        if tree is None or len(tree[1]) < 2 or not tree[2] or tree[2][0] != "=":
            continue
        found = _component(tree[1][0], time_var)
        # (the letter on the right side too only beside the time, h_{t,j}: \Gamma_i = \sigma(W_i ...) is gate i)
        if found is None or not any(_indexed(p) or _time_first(tree[1][0], time_var) and _uses_letter(p, found[1])
                                    for p in tree[1][1:]):
            continue
        name, letter = found
        vector = next((j for j, other in enumerate(rows) if j != k and other is not None and len(other[1]) >= 2 and
                       other[2] and other[2][0] == "=" and _vector_form(other[1][0], name, letter)), None)
        if vector is None:
            continue
        out[k] = (f"the element-wise form of {name} (its component {letter}), which line {lines[vector]} states "
                  f"as a vector: components written beside the vector form are not read")
    return out
