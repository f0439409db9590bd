r"""Rows that quote another form of the cell (AI-Edu: "many textbooks write the formula as ...").

* **A block row introducing its blocks.** ``[W_{fh}\;W_{fx}] \begin{bmatrix}h_{t-1}\\x_t\end{bmatrix}``: a row of
  names no forward row defines, multiplied by a stacked column, names the blocks of a weight of that form; the
  names (and the rows that use them) are another parametrization of the cell, not misuses of the file's weights.
* **A weight applied from the other side.** ``W_f \cdot [h_{t-1}, x_t]`` where every forward row applies W_f from
  the right (``h_{t-1} \cdot W_f``, row vectors): the weight of the column form, whose size is not the file's W_f.

Both are read as unreadable (which weight is meant is not stated), never as a failing use of the file's names.
"""
from __future__ import annotations

from ..text.names import NotReadable, key_latex, resolve
from ..text.trees import nodes, walk

__all__ = ["block_row_names", "reversed_weight"]


def _stack(node) -> bool:
    """A stacked column or a concatenation ([h_{t-1}; x_t], \\begin{bmatrix}h\\\\x\\end{bmatrix}, [h, x])."""
    if node[0] == "matrix":
        return len(node[1]) >= 2 and all(len(r) == 1 for r in node[1])
    return node[0] == "list" or (node[0] == "paren" and node[1] == "[" and node[2][0] in ("list", "mul"))


def _block_row(node):
    """The name nodes of ``[A\\;B]`` (names side by side in brackets, no product sign), else None."""
    if node[0] == "matrix" and len(node[1]) == 1 and len(node[1][0]) >= 2:
        items = node[1][0]
    elif node[0] == "paren" and node[1] == "[" and node[2][0] == "mul" and all(op is None for op in node[2][2][1:]):
        items = node[2][1]
    else:
        return None
    return items if len(items) >= 2 and all(x[0] == "sym" for x in items) else None


def block_row_names(rows, vocab) -> frozenset:
    """Keys of the names a block row times a stacked column introduces (and no forward row defines)."""
    out = set()
    for n in nodes(rows, "mul"):
        for a, b in zip(n[1], n[1][1:]):
            items = _block_row(a)
            if items is None or not _stack(b):
                continue
            for x in items:
                try:
                    key = resolve(x, vocab).key
                except NotReadable:
                    continue
                if not vocab.known(key) and key not in vocab.aliases:
                    out.add(key)
    return frozenset(out)


def _left_applied(node, vocab):
    """Keys of the parameters a product applies from the left (the first of two factors, not a function)."""
    out = set()
    for n in walk(node):
        if n[0] != "mul":
            continue
        for a, b in zip(n[1], n[1][1:]):
            if a[0] == "sym":
                try:
                    key = resolve(a, vocab).key
                except NotReadable:
                    continue
                if key in vocab.params:
                    out.add((key, _stack(b)))
    return out


def _right_applied(node, vocab):
    out = set()
    for n in walk(node):
        if n[0] != "mul":
            continue
        for a, b in zip(n[1], n[1][1:]):
            if b[0] == "sym" and a[0] != "sym" or (a[0] == "sym" and b[0] == "sym"):
                try:
                    key = resolve(b, vocab).key
                    left = resolve(a, vocab).key if a[0] == "sym" else None
                except NotReadable:
                    continue
                if key in vocab.params and left not in vocab.params:
                    out.add(key)
    return out


def reversed_weight(parts, model, vocab) -> str:
    """Why a row applies a weight to a concatenation from the left where the forward rows apply it from the
    right only (row vectors), else ""."""
    left_in_cell, right_in_cell = set(), set()
    for d in model.defs:
        left_in_cell |= {k for k, _ in _left_applied(d.node, vocab)}
        right_in_cell |= _right_applied(d.node, vocab)
    for p in parts:
        for key, on_stack in _left_applied(p, vocab):
            if on_stack and key in right_in_cell and key not in left_in_cell:
                return (f"{key_latex(key)} is applied from the left to a concatenation, where the forward rows "
                        f"apply it from the right (row vectors): the weight of another form of the cell (its "
                        f"stacked column form), whose size is not stated; not read")
    return ""
