r"""A row whose left side is the gradient name of a weight or input the cell reads is no forward row.

``dW_{ax} = x^{\langle t \rangle T}`` (code's dW_{ax} = dtanh x^T with the dtanh dropped) reads no gradient, so
the rule "a row that reads a gradient is a backward row" leaves it a forward row, defining a new quantity
dW_{ax} that nothing reads: it would pass whatever it says. Where the name is a gradient prefix (d) on a name
the forward rows read (W_{ax}, x, a weight or an input; authorcell._grad_like covers the names they define) and
no forward row reads the row's own name, the row is a claim about that gradient (judged, so a dropped factor
fails).
"""
from __future__ import annotations

from ..text.names import gradient_split, keys_in

__all__ = ["gradients_of_read_names"]


def gradients_of_read_names(cands, vocab, names_defined) -> set:
    """Keys of candidate forward rows (``(k, keys, refs, parts, rels)``) named d + a name the other rows read."""
    read = {}
    for k, keys, _, parts, _ in cands:
        for key in keys_in(parts[1:], vocab):
            read.setdefault(key, set()).add(k)
    out = set()
    for k, keys, _, _, _ in cands:
        for key in keys:
            g = gradient_split(key)
            if g is None or g[1] in names_defined or key in read:
                continue
            if any(j != k for j in read.get(g[1], ())):
                out.add(key)
    return out
