r"""A stack named by the blocks of its gradient: ``dgates^{(i)} = di``, ``dgates^{(c)} = dci`` beside ``[i, f, ci, o] =
xh * w + b``.

Code keeps the stacked pre-activations of a cell in one array and its gradient in another, and writes that gradient
block by block (TensorFlow's ``lstm_ops.h``: ``dgates.slice(gates_i_offsets(), ...) = di``, transcribed
``dgates^{(i)} = di``); the forward equations (the op's documentation) name the stacked value only by its blocks,
``[i, f, ci, o] = xh * w + b``, never by the array's name. Where the file writes the gradient ``dX`` of a name X
no row defines with block superscripts ``^{(k)}``, and the labels k name the items of exactly one stacked left side
``[a, b, ...] = E`` one to one and all of them (a label is an item's name or the first letter of exactly one
item's name: ``c`` for ``ci``), X is that stack: the row is read as ``X = [a, b, ...] = E``, so ``dX`` is the
gradient of the stacked value, ``dX^{(k)}`` its block k (:meth:`~symlstm.verify.numeric.numscripts` ``block``)
and ``dX`` alone the whole stack in the order the row writes (the order its weight's blocks are named in). Labels
that miss a block, name one block twice or match two stacks leave the rows as written. Trees are rebuilt; nothing
is evaluated.
"""
from __future__ import annotations

from ..text.names import gradient_split
from ..text.trees import walk
from .rebinding import FRESH_MARK

__all__ = ["stack_by_block_gradients"]


def _plain(node) -> bool:
    return node[0] == "sym" and node[2] is None and node[3] is None and node[4] is None and not node[5]


def _block_label(node):
    """``dX^{(k)}`` -> (dX, k), else None."""
    if node[0] != "sym" or node[2] is not None or node[5] or not node[4] or len(node[4]) != 1:
        return None
    sup = node[4][0]
    if sup[0] != "paren" or sup[1] != "(" or sup[2][0] != "sym" or not _plain(sup[2]):
        return None
    return node[1], sup[2][1]


def _stack_items(tree):
    """The item names of a row ``[a, b, ...] = E`` (the names as written, before code renamed a binding)."""
    if tree is None or len(tree[1]) != 2 or list(tree[2]) != ["="] or tree[1][0][0] != "list":
        return None
    items = tree[1][0][2]
    if len(items) < 2 or not all(_plain(x) for x in items):
        return None
    return [x[1].split(FRESH_MARK)[0] for x in items]


def _assign(labels, names):
    """label -> item index, one to one and onto, or None."""
    out = {}
    for lab in labels:
        hits = [j for j, n in enumerate(names) if n == lab]
        if not hits:
            hits = [j for j, n in enumerate(names) if n[:1] == lab and len(lab) == 1]
        if len(hits) != 1:
            return None
        out[lab] = hits[0]
    if len(set(out.values())) != len(out) or len(out) != len(names):
        return None
    return out


def stack_by_block_gradients(rows):
    """The rows with a stacked left side named by its gradient's blocks (module doc); None rows unchanged."""
    labels = {}             # dX -> {labels}
    defined = set()
    for tree in rows:
        if tree is None:
            continue
        lhs = tree[1][0]
        if lhs[0] == "sym":
            defined.add(lhs[1])
        elif lhs[0] == "list":
            defined.update(x[1] for x in lhs[2] if x[0] == "sym")
        for n in walk(tree):
            got = _block_label(n)
            if got is not None:
                labels.setdefault(got[0], set()).add(got[1])
    stacks = [(k, _stack_items(t)) for k, t in enumerate(rows)]
    stacks = [(k, names) for k, names in stacks if names]
    rows = list(rows)
    used = set()
    for dname, labs in sorted(labels.items()):
        g = gradient_split(dname)
        if g is None or g[1] in defined:
            continue
        hits = [(k, names) for k, names in stacks if _assign(labs, names) is not None]
        if len(hits) != 1 or hits[0][0] in used:
            continue
        k = hits[0][0]
        used.add(k)
        t = rows[k]
        rows[k] = (t[0], [("sym", g[1], None, None, None, 0)] + list(t[1]), ["="] + list(t[2]))
    return rows
