"""Walks over a parsed row (the tuples of :mod:`symlstm.verify.rowparse`), shared by every reader module.

A node is a tuple whose first item names its kind (``"sym"``, ``"mul"``, ``"add"``, ``"frac"``, ...); its
children are tuples, lists of tuples, signed terms ``("+", node)`` / ``("-", node)`` of a sum, and the
rows of a matrix (lists of lists).
"""
from __future__ import annotations

__all__ = ["children", "has_derivative", "identity_size", "merge_juxtaposed", "nodes", "number_matrix", "number_value",
           "rebuild", "summed_letters",
           "symbols", "walk", "MAX_IDENTITY"]


def children(node):
    """The child nodes of a node: its tuples, the terms of its sums, the entries of its matrices."""
    for x in node[1:]:
        if isinstance(x, tuple):
            yield x
        elif isinstance(x, list):
            for y in x:
                if isinstance(y, tuple) and len(y) == 2 and isinstance(y[0], str) and y[0] in ("+", "-"):
                    yield y[1]
                elif isinstance(y, tuple):
                    yield y
                elif isinstance(y, list):           # the rows of a matrix
                    yield from (z for z in y if isinstance(z, tuple))


def rebuild(node, fn):
    """The tree rebuilt bottom-up: every node's children first (tuples, the terms of sums, the rows of matrices),
    then the node itself passed through ``fn`` (which returns it, or the node to put in its place)."""
    if not isinstance(node, tuple) or not node or not isinstance(node[0], str):
        return node
    out = [node[0]]
    for x in node[1:]:
        if isinstance(x, tuple):
            out.append(rebuild(x, fn))
        elif isinstance(x, list):
            out.append([(y[0], rebuild(y[1], fn)) if isinstance(y, tuple) and len(y) == 2 and
                        isinstance(y[0], str) and y[0] in ("+", "-") else
                        rebuild(y, fn) if isinstance(y, tuple) else
                        [rebuild(z, fn) for z in y] if isinstance(y, list) else y for y in x])
        else:
            out.append(x)
    return fn(tuple(out))


def merge_juxtaposed(node, merge):
    """The tree rebuilt with every two adjacent factors ``a b`` of a product (nothing written between them) that
    ``merge(a, b)`` folds into one factor (it returns that factor, or None) replaced by it, at every depth, left
    to right; a product left with one factor becomes that factor."""
    def fold(n):
        if n[0] != "mul" or len(n) != 3:
            return n
        items, ops = list(n[1]), list(n[2])
        k = 0
        while k + 1 < len(items):
            got = merge(items[k], items[k + 1]) if ops[k + 1] is None else None
            if got is not None:
                items[k] = got
                del items[k + 1], ops[k + 1]
            k += 1
        return items[0] if len(items) == 1 else ("mul", items, ops)
    return rebuild(node, fold)


def walk(node):
    """Every node of a tree, depth first, parents before children (a name's scripts included)."""
    if not isinstance(node, tuple) or not node:
        return
    yield node
    for x in children(node):
        yield from walk(x)


def summed_letters(tree) -> set:
    r"""The letters a sum or product of the tree runs over (``\sum_{j=1}^{n}``, ``\prod_k``): bound inside it."""
    out = set()
    for n in walk(tree):
        if n[0] == "big" and n[2]:
            it = n[2][0]
            it = it[1] if it[0] == "eq" else it
            if it[0] == "sym":
                out.add(it[1])
    return out


def symbols(node):
    """Every ``sym`` node of a tree (names only: the scripts of a name are not entered)."""
    if not isinstance(node, tuple) or not node:
        return
    if node[0] == "sym":
        yield node
        return
    for x in children(node):
        yield from symbols(x)


def has_derivative(node) -> bool:
    """Whether a row part writes a derivative: a d/\\partial prefix, a fraction of differentials, \\delta or \\Delta."""
    for n in walk(node):
        if n[0] == "pre":
            return True
        if n[0] == "frac" and (_is_diff(n[1]) or _is_diff(n[2])):
            return True
        if n[0] == "sym" and n[1] in ("\\partial", "delta", "Delta"):
            return True
        if n[0] == "sym" and n[1] == "d" and n[2] is None and n[3] and len(n[3]) == 1 and _gradient_subscript(n[3][0]):
            return True         # d_{z_t}, d_{\tilde{h}_t}, d_{r \odot h}: the gradient of what the subscript names
    return False


def _gradient_subscript(x) -> bool:
    """A subscript of ``d`` that names a quantity at a step or with an accent, or a product of names: not a time."""
    if x[0] == "sym":
        return x[2] is not None or bool(x[3])
    return x[0] == "mul" and all(f[0] == "sym" for f in x[1]) and any(op in ("odot", "circ") for op in x[2])


def _is_diff(n):
    return n[0] == "pre" or (n[0] == "sym" and n[1].startswith("d") and len(n[1]) <= 3) or \
        (n[0] == "sym" and n[1] in ("d", "\\partial"))


def nodes(rows, kind):
    """Every node of one kind (``"mul"``, ``"sym"``, ...) in the parsed rows, skipping rows that did not parse."""
    for tree in rows:
        if tree is not None:
            yield from (n for n in walk(tree) if n[0] == kind)


#: The largest identity a worked example's value may name (``I_5``).
MAX_IDENTITY = 64


def identity_size(node) -> int:
    r"""n of the identity matrix ``I_n`` (``\mathbf{I}_5``, a worked example's ``0.4\,\mathbf{I}_5``), else 0."""
    if not isinstance(node, tuple) or node[0] != "sym" or node[1] != "I" or node[4] is not None or node[2]:
        return 0
    sub = node[3]
    if not sub or len(sub) != 1 or sub[0][0] != "num" or not sub[0][1].isdigit():
        return 0
    n = int(sub[0][1])
    return n if 1 <= n <= MAX_IDENTITY else 0


def number_matrix(node) -> bool:
    r"""A matrix written in numbers, two rows and two columns at least (``W_{hh} = \begin{pmatrix} 0.1 & 0.4 \\ -0.2
    & 0.6 \end{pmatrix}``): a weight's value in a worked example. Made a quantity of the cell, it was a value of each
    step, and the gradient by the weight one step's part."""
    if node[0] != "matrix" or len(node[1]) < 2 or len({len(r) for r in node[1]}) != 1 or len(node[1][0]) < 2:
        return False
    cells = [c for r in node[1] for c in r]
    return all(c[0] == "num" or c[0] == "add" and len(c[1]) == 1 and c[1][0][0] == "-" and c[1][0][1][0] == "num"
               for c in cells) and any(c[0] != "num" or float(c[1]) != 0 for c in cells)


def number_vector(node) -> bool:
    r"""A row or a column written in numbers, two entries at least, not all 0 (``b_h = \begin{bmatrix} 0.1 \\ 0.2
    \end{bmatrix}``, ``W_{oh} = \begin{bmatrix} 0.1 & 0.2 \end{bmatrix}``): a bias's or a one-row weight's value in a
    worked example, where the rows add it or multiply it by a quantity at a step (an input's value, ``x_1 = [0.1,
    0.2]``, is a quantity's)."""
    if node[0] != "matrix" or not node[1] or len({len(r) for r in node[1]}) != 1 or \
            not (len(node[1]) == 1 < len(node[1][0]) or len(node[1][0]) == 1 < len(node[1])):
        return False
    cells = [c for r in node[1] for c in r]
    return all(c[0] == "num" or c[0] == "add" and len(c[1]) == 1 and c[1][0][0] == "-" and c[1][0][1][0] == "num"
               for c in cells) and any(c[0] != "num" or float(c[1]) != 0 for c in cells)


def number_value(node, depth=0) -> bool:
    r"""A value written in numbers other than a lone 0: ``0.5``, ``0.4\,\mathbf{I}_5`` (a number times the identity
    of a size). (A matrix of numbers sizes the worked example's names: a row of its own, examplesteps.py.)"""
    def numbers(n, d):
        if d > 20:
            return None
        if n[0] == "num":
            return [n[1]]
        if identity_size(n):
            return []                   # I_5: the identity of a size
        if n[0] == "mul" and all(op in (None, "cdot", "times") for op in n[2]):
            parts = [numbers(x, d + 1) for x in n[1]]
        elif n[0] == "paren" and n[1] in ("(", "["):
            parts = [numbers(n[2], d + 1)]
        elif n[0] == "add" and len(n[1]) == 1 and n[1][0][0] == "-":
            parts = [numbers(n[1][0][1], d + 1)]
        else:
            return None
        return None if any(x is None for x in parts) else [v for x in parts for v in x]
    found = numbers(node, depth)
    try:
        return bool(found) and any(float(v) != 0 for v in found)
    except ValueError:
        return False
