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
    """The items of ``[a, b, c]`` / ``[a; b; c]`` / a one-row or one-column matrix, else None."""
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
                keys = [r.key for r in refs]
        used = keys is not None and all(k in vocab.params for k in keys) and len(set(keys)) == len(keys) and \
            any(k in _read_by(defs, d, vocab) for k in keys)
        if not used:
            out.append(d)
            continue
        vocab.composites[d.keys[0]] = d.node
        vocab.quantities.discard(d.keys[0])
    return out


def _read_by(defs, skip, vocab):
    """The keys the forward rows other than ``skip`` read."""
    return keys_in([d.node for d in defs if d is not skip], vocab)
