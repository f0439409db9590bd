r"""A weight's part named by a further subscript: ``\mathbf{w}_{\iota, x}`` beside the weight ``\mathbf{w}_\iota``.

A name no row defines whose subscript is a weight's own subscript followed by more (``w_{\iota,x}``,
``W_{c,z}``: the block of w_\iota that multiplies x, of W_c that multiplies z_h, where the rows apply the weight
to a stack ``[x; z_h; s; 1]``) names a part of that weight, not a misspelt name: the rows using it are unreadable
(the parts of a weight applied to a written-out stack are not read), never failed as undefined.
"""
from __future__ import annotations

from ..text.names import NotReadable, resolve

__all__ = ["weight_part"]


def weight_part(node, vocab, shown: str):
    """A NotReadable naming the weight when ``node`` is such a part; None otherwise."""
    if node is None or node[0] != "sym" or not node[3] or len(node[3]) < 2:
        return None
    head = (node[0], node[1], node[2], node[3][:1], None, 0)
    try:
        key = resolve(head, vocab).key
    except NotReadable:
        return None
    if key not in vocab.params:
        return None
    return NotReadable(f"{shown} names a part of the weight {key_of(head)} by a further subscript (a block of it); "
                       f"such parts are not read")


def key_of(node) -> str:
    from .numbase import _show
    from ..text.names import Ref
    return _show(Ref("value", node[1] + "_" + node[3][0][1]))
