r"""Names a file only ever multiplies element-wise: ``cs_prev * wci`` beside ``di \odot wci``.

A parameter met first in a product with a vector (``cs\_prev * wci``, ``c_{t-1} w_{ci}``) is a matrix by
default. Where the same name is elsewhere an operand of an explicit element-wise product (``\odot``, ``.*``,
``\circ``) and is never transposed nor an operand of a matrix product (``@``), the file itself shows it
is a vector (a diagonal peephole): the first product is element-wise too (numprod._settle).
"""
from __future__ import annotations

from ..text.names import resolve

from ..text.trees import walk as _walk

__all__ = ["elementwise_names"]

_ELEMENTWISE = ("odot",)


def _key(node, vocab):
    try:
        ref = resolve(node, vocab)
    except Exception:           # a name the reader cannot resolve here: no evidence either way
        return None, False
    if ref is None or ref.kind != "value" or not ref.key:
        return None, False
    return ref.key, bool(ref.transpose)


def elementwise_names(rows, vocab) -> frozenset:
    odot, matrix = set(), set()
    for tree in rows:
        if tree is None:
            continue
        for n in _walk(tree):
            if n and n[0] == "sym" and len(n) == 6:
                key, transposed = _key(n, vocab)
                if key is not None and transposed:
                    matrix.add(key)
            if not n or n[0] != "mul" or len(n) != 3:
                continue
            items, ops = n[1], n[2]
            for j, it in enumerate(items):
                if not (isinstance(it, tuple) and it and it[0] == "sym" and len(it) == 6):
                    continue
                # its own operators (the one before it, unless first; the one after it, unless last):
                # \delta^T W \circ f' multiplies W by \delta^T first, so W there is no operand of \circ
                near = ([ops[j]] if j > 0 else []) + ([ops[j + 1]] if j + 1 < len(items) else [])
                key, _ = _key(it, vocab)
                if key is None:
                    continue
                if "matmul" in near:
                    matrix.add(key)
                elif near and all(op in _ELEMENTWISE for op in near):
                    odot.add(key)
    return frozenset(odot - matrix)
