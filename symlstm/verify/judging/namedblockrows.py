r"""A new name for a block row written just before: ``h_t = \tanh((W_{hh}\ W_{xh}) (h_{t-1}; x_t))`` then
``h_t = \tanh(W (h_{t-1}; x_t))``.

Texts that stack the weights of a cell write the block row first, side by side before the stacked operands,
and then name it: the next restatement of the same quantity puts one new name where the block row stood, before
the same stack. The new name is that block row (``W = (W_{hh}\ W_{xh})``), so the row is read with it, not left
unreadable as a name "introduced anew" (restatedweights.py):

* both rows restate the same quantity of the cell (one name on the left, ``=`` only, no derivative);
* the earlier row writes ``(A\ B ...)`` (a bracketed product of weights, or a one-row matrix of them) directly
  before a stack, the later row one new name directly before a stack written the same way (same members, same
  order); each weight of the block row is a parameter of the cell;
* one block row per new name (two different ones: not read).
"""
from __future__ import annotations

from ..text.names import NotReadable, resolve
from ..text.trees import walk

__all__ = ["named_block_rows"]


def _is_stack(node) -> bool:
    if node[0] == "matrix":
        return len(node[1]) >= 2 and all(len(r) == 1 for r in node[1])
    return node[0] == "list" and bool(node[3]) and all(s == ";" for s in node[3])


def _block_row(node):
    """The weight nodes of ``(A\\ B)`` / a one-row matrix ``(A B)``, else None."""
    if node[0] == "paren" and node[2][0] == "mul" and all(op is None for op in node[2][2][1:]):
        items = node[2][1]
    elif node[0] == "matrix" and len(node[1]) == 1 and len(node[1][0]) >= 2:
        items = node[1][0]
    else:
        return None
    return items if len(items) >= 2 and all(x[0] == "sym" for x in items) else None


def _target(tree, vocab):
    if tree is None or tree[0] != "row" or len(tree[1]) < 2 or not all(r == "=" for r in tree[2]) or \
            tree[1][0][0] != "sym":
        return None
    try:
        return resolve(tree[1][0], vocab).key
    except NotReadable:
        return None


def named_block_rows(rows, forward, lo, hi, ev, restated) -> dict:
    """key -> [weight nodes] for the new names of ``restated`` (restatedweights.py) that name a block row."""
    vocab = ev.vocab
    out, bad = {}, set()
    for k in range(lo, hi):
        tree = rows[k]
        target = _target(tree, vocab)
        if target is None or target not in vocab.quantities:
            continue
        for n in walk(tree[1][1]):
            if n[0] != "mul":
                continue
            for a, b in zip(n[1], n[1][1:]):
                if a[0] != "sym" or not _is_stack(b):
                    continue
                try:
                    key = resolve(a, vocab).key
                except NotReadable:
                    continue
                if key not in restated:
                    continue
                found = None
                for j in range(k - 1, -1, -1):      # the nearest earlier restatement with a block row before the stack
                    prev = rows[j]
                    if _target(prev, vocab) != target:
                        continue
                    for m in walk(prev[1][1]):
                        if m[0] != "mul":
                            continue
                        for c, d in zip(m[1], m[1][1:]):
                            items = _block_row(c)
                            if items is not None and repr(d) == repr(b):
                                found = items
                    if found is not None:
                        break
                if found is None:
                    continue
                try:
                    if any(resolve(x, vocab).key not in vocab.params for x in found):
                        continue
                except NotReadable:
                    continue
                if key in out and repr(out[key]) != repr(found):
                    bad.add(key)
                out.setdefault(key, found)
    return {key: v for key, v in out.items() if key not in bad}
