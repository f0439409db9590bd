r"""Parts of a gradient that code names and a later row sums: ``dh_{fz} = dh \odot z_t``, ``dh_{fr} = W_{hr}^T dr``,
then ``dh_{next} = dh_{fz\_inner} + dh_{fz} + dh_{fhh} + dh_{fr}``.

Code splits the gradient it sends back into named pieces, one per path, and adds them up. A piece's name says
which gradient it belongs to (the stem: ``dh``) but not which step nor which uses of the quantity it covers;
only the row that sums the pieces says what they make up. So such a row reads the pieces by their values: each
use of a piece there is replaced by its definition's right side (in brackets), and the sum is judged like any
row - an error in a piece shows there, a path left out too. The piece's own row claims nothing the reader can
check on its own: it is unreadable, and says where it is checked.

A piece is the left side of a row ``d<q>_{label} = X`` (a gradient-like name of q with a written label that is
no step: not the time letter, a number nor a time word) read later by exactly one row, as a summand of that
row's right side, whose left side is a gradient of the same q (``dh_{next}``, ``dh``); a name read anywhere else
is left to the other readings.
"""
from __future__ import annotations

from ...latex.notation import TIME_WORDS
from ..text.names import gradient_split
from ..text.trees import walk

__all__ = ["part_why", "summed_parts"]


def _label(node):
    """The label of ``d<q>_{label}`` (a plain sym with one plain subscript word), else None."""
    if node[0] != "sym" or node[2] is not None or node[4] is not None or node[5] or not node[3] or \
            len(node[3]) != 1:
        return None
    sub = node[3][0]
    if sub[0] != "sym" or sub[2] is not None or sub[3] is not None or sub[4] is not None or sub[5]:
        return None
    word = sub[1]
    if not word.replace("_", "").isalpha() or len(word) < 2 or word in TIME_WORDS or word in ("T", "tau"):
        return None
    return word


def _stem(node):
    split = gradient_split(node[1]) if node[0] == "sym" else None
    return None if split is None else split[1]


def _summands(node):
    return [t for _, t in node[1]] if node[0] == "add" else [node]


def _uses(tree, node):
    return sum(1 for p in tree[1] for n in walk(p) if n == node)


def summed_parts(rows, forward, lo, hi):
    """(rows with the pieces' values in the rows that sum them, {piece row: the row summing it})."""
    out, why = list(rows), {}
    for k in range(lo, hi):
        tree = out[k]
        if tree is None or k in forward or len(tree[1]) != 2 or list(tree[2]) != ["="]:
            continue
        lhs = tree[1][0]
        stem = _stem(lhs)
        if stem is None or _label(lhs) is None:
            continue
        readers = [j for j in range(k + 1, hi) if out[j] is not None and _uses(out[j], lhs)]
        if len(readers) != 1:
            continue
        j = readers[0]
        other = out[j]
        if len(other[1]) != 2 or other[2][0] not in ("=", "+=") or _stem(other[1][0]) != stem or \
                _uses(other, lhs) != 1 or lhs not in _summands(other[1][1]) or other[1][0] == lhs:
            continue
        value = ("paren", "(", tree[1][1])
        rhs = other[1][1]
        new = ("add", [(s, value if t == lhs else t) for s, t in rhs[1]]) if rhs[0] == "add" else value
        out[j] = (other[0], [other[1][0], new], other[2])
        why[k] = j
    return out, why


def part_why(j_line) -> str:
    """Why a piece's own row is unreadable (``j_line``: the line of the row that sums it)."""
    return (f"a part of the gradient that the row on line {j_line} sums, named by code without its step or "
            "paths: checked there, where its value is read")
