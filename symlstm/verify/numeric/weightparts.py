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


def _stack_members(node):
    """The members of a vertical stack ``[a; b; 1]`` (every separator ``;``), else None."""
    if node[0] == "list" and node[1] == "[" and len(node[2]) >= 2 and node[3] and all(s == ";" for s in node[3]):
        return node[2]
    return None


def _uses(ev, key):
    """[(transposed?, members)] of every forward product ``w [a; b; ...]`` / ``w^T [a; b; ...]`` of the weight."""
    from ..text.trees import walk
    out = []
    for d in ev.model.defs:
        for n in walk(d.node):
            if n[0] != "mul":
                continue
            for a, b in zip(n[1], n[1][1:]):
                members = _stack_members(b)
                if members is None or a[0] != "sym":
                    continue
                try:
                    r = resolve(a, ev.vocab)
                except NotReadable:
                    continue
                if r.key == key and r.power is None and not r.primes and not r.word:
                    out.append((bool(r.transpose), members))
    return out


def _member_key(ev, m):
    if m[0] != "sym":
        return None
    try:
        return resolve(("sym", m[1], m[2], m[3], None, m[5]), ev.vocab).key
    except NotReadable:
        return None


def weight_part_value(ev, node, ref, ctx):
    r"""The block ``w_{\iota,x}`` of the weight w_\iota that multiplies x, or None where the name is no such part.

    Read where the further subscript names one member of the stack the forward rows apply the weight to
    (``a_\iota = w_\iota^T [x; z_h; s; 1]``): by the member's name (``x``, ``s``) or by its letter where one member
    alone has it (``z`` for z_h); every forward use of the weight applies it to the same members (a member at
    another step, s^{(t)} beside s^{(t-1)}, is the same member). ``w^T [..]`` makes the block rows of w,
    ``W [..]`` columns; a member's width is its value's at this step (the number 1: one)."""
    import numpy as np
    if node is None or node[0] != "sym" or not node[3] or len(node[3]) != 2 or node[3][1][0] != "sym" or \
            node[3][1][3] is not None or node[3][1][4] is not None:
        return None
    head = (node[0], node[1], node[2], node[3][:1], None, 0)
    try:
        key = resolve(head, ev.vocab).key
    except NotReadable:
        return None
    if key not in ev.vocab.params:
        return None
    uses = _uses(ev, key)
    if not uses:
        return None
    forms = {(t, tuple(_member_key(ev, m) if m[0] == "sym" else m for m in ms)) for t, ms in uses}
    if len(forms) != 1:
        return None
    transposed, keys = forms.pop()
    members = uses[0][1]
    if None in keys:
        return None
    name = node[3][1][1]
    hits = [j for j, k in enumerate(keys) if k == name]
    if not hits:
        hits = [j for j, m in enumerate(members) if m[0] == "sym" and m[1] == name]
    if len(hits) != 1:
        return None
    sizes = []
    for m in members:
        if m == ("num", "1"):
            sizes.append(1)
            continue
        if m[0] != "sym":
            return None
        v = ev.value(m, ctx)
        if not isinstance(v, np.ndarray) or v.ndim != 2 or 1 not in v.shape:
            return None
        sizes.append(v.size)
    site = (ctx.consumer, None, ctx.tau, -1)
    w = ev.read(key, None, ctx.run, ctx.pert, site, ctx)
    axis = 0 if transposed else 1
    if not isinstance(w, np.ndarray) or w.ndim != 2 or w.shape[axis] != sum(sizes):
        return None
    j = hits[0]
    lo = sum(sizes[:j])
    return w[lo:lo + sizes[j], :] if axis == 0 else w[:, lo:lo + sizes[j]]
