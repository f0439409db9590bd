r"""A stacked weight named by its blocks: ``W_x = [W_{xz}, W_{xr}, W_{xh}]`` (code slicing one matrix).

Code keeps the weights of several gates in one matrix and slices it (``Wxz, Wxr, Wxh = Wx[:, :H], ...``);
transcribed, that is a row ``W_x = [W_{xz}, W_{xr}, W_{xh}]`` beside forward rows that use only the blocks.
Such a row is not a step's quantity: every item is a parameter (a name no row defines, used as a weight or a
bias elsewhere), so the stack is a parameter made of them (``vocab.composites``): its value is the blocks'
values side by side as the layout stacks them, its gradient the blocks' gradients stacked alike (so
``dW_x = [dW_{xz}, dW_{xr}, dW_{xh}]`` holds only with the blocks in the stack's order). Evaluated as a
step's quantity first, the row would fix the blocks' shapes as vectors (their first use) before the rows that
multiply them.
"""
from __future__ import annotations

from ..text.names import NotReadable, keys_in, resolve

__all__ = ["parameter_stacks"]


def _items(node):
    r"""The items of ``[a, b, c]`` / ``[a; b; c]`` / a one-row or one-column matrix (also in brackets,
    ``\left[\begin{array}{c} W_g \\ W_i \end{array}\right]``), else None."""
    if node[0] == "paren" and node[1] in ("[", "(") and node[2][0] == "matrix":
        node = node[2]
    if node[0] == "list":
        return node[2]
    if node[0] == "matrix" and (len(node[1]) == 1 or all(len(r) == 1 for r in node[1])):
        return [x for r in node[1] for x in r]
    return None


def parameter_stacks(defs, vocab):
    """The forward definitions without those that stack parameters only (now ``vocab.composites``)."""
    out = []
    for d in defs:
        items = _items(d.node) if len(d.keys) == 1 and not d.block else None
        keys = None
        if items and len(items) >= 2 and all(x[0] == "sym" and x[5] == 0 for x in items):
            try:
                refs = [resolve(x, vocab) for x in items]
            except NotReadable:
                refs = None
            if refs and not any(r.time is not None or r.word or r.transpose or r.power is not None for r in refs):
                keys = [_block_label(x, r, d.keys[0], refs, vocab) for x, r in zip(items, refs)]
        used = keys is not None and all(k in vocab.params for k in keys) and len(set(keys)) == len(keys) and \
            any(k in _read_by(defs, d, vocab) for k in keys)
        if not used:
            out.append(d)
            continue
        vocab.composites[d.keys[0]] = d.node
        vocab.quantities.discard(d.keys[0])
    return out


def _block_label(item, ref, stack, refs, vocab) -> str:
    r"""``W_i`` in ``W = [W_g; W_i; W_f; W_o]``: read as entry i of W (the stack's own name, i an index letter),
    it is the block labelled i, as its siblings W_g, W_f are; made a parameter (so every row reads it so)."""
    if ref.key != stack or len(ref.index) != 1 or item[3] is None or len(item[3]) != 1:
        return ref.key
    label = f"{item[1]}_{ref.index[0]}"
    if not any(r.key.startswith(item[1] + "_") and r.key in vocab.params for r in refs):
        return ref.key
    vocab.params.add(label)
    return label


def _read_by(defs, skip, vocab):
    """The keys the forward rows other than ``skip`` read."""
    return keys_in([d.node for d in defs if d is not skip], vocab)
