r"""A block label on an expression: ``(dZRC_t^{(C)} (WGRU^{(C)})^T)^{(x)}`` (a code temporary, written
``dx\_and\_dh\_reset^{(x)}``, replaced by its value), the part x of a row as wide as a concatenation.

Read only where it is unambiguous: every forward row that defines a concatenation (``[1, X_t, Hout_{t-1}]``)
of the expression's width and has a part named by the label (its name starts with the letter, any case) places
that part at the same columns; else unreadable (which concatenation is meant is not written).
"""
from __future__ import annotations

from ..text.names import IllTyped, NotReadable

__all__ = ["expression_block"]


def _parts(ev, node, ctx):
    items = node[2] if node[0] == "list" else [node[2]]
    out, offset = [], 0
    for it in items:
        size = ev.value(it, ctx).size
        out.append((it[1] if it[0] == "sym" else "", offset, size))
        offset += size
    return out, offset


def expression_block(ev, val, label, ctx):
    flat = val.reshape(-1)
    if min(val.shape) != 1:
        raise NotReadable(f"the block ^{{({label})}} of a matrix expression")
    spans = set()
    for d in ev.model.defs:
        if d.block or len(d.keys) != 1 or d.node is None or d.node[0] != "list":
            continue
        try:
            parts, total = _parts(ev, d.node, ctx)
        except (IllTyped, NotReadable):
            continue
        if total != flat.size:
            continue
        hits = [(a, n) for name, a, n in parts if name and name[0].lower() == label.lower()]
        if len(hits) == 1:
            spans.add(hits[0])
    if len(spans) != 1:
        raise NotReadable(f"the block ^{{({label})}} of an expression: " +
                          ("no concatenation of the forward rows has its width and a part " + label if not spans
                           else "the concatenations of its width place the part " + label + " differently"))
    a, n = spans.pop()
    part = flat[a:a + n]
    return part.reshape(-1, 1) if val.shape[1] == 1 else part.reshape(1, -1)


def concat_part(ev, stem, ref, ctx):
    r"""``dX\_and\_H\_in_t^{(x)}`` with ``X\_and\_H\_in_t = [1, X_t, Hout_{t-1}]``: the gradient of the part the
    label names (X_t; ^{(h)}: Hout_{t-1}), as a Ref ``dX_t`` to read (its value is that part's value, so its
    gradient is that name's, by the readings of any gradient). None where the name is no such concatenation,
    the part is not one name of the derivation, or the gradient is not at the row's own step."""
    from dataclasses import replace
    from ..text.names import resolve
    v = ev.vocab
    key = v.aliases.get(stem, stem)
    defs = ev.model.all_by_key.get(key, ())
    if len(defs) != 1 or defs[0].block or defs[0].node is None or defs[0].node[0] != "list" or \
            ref.word or ref.primes or (ref.time is not None and ev.time_of(ref, ctx) != ctx.tau):
        return None
    hits = [it for it in defs[0].node[2] if it[0] == "sym" and it[1][:1].lower() == ref.block.lower()]
    if len(hits) != 1 or len(ref.block) != 1:
        return None
    try:
        r = resolve(hits[0], v)
    except NotReadable:
        return None
    if r.block or r.slice or r.transpose or r.power is not None or r.primes or r.index or \
            not (r.key in v.quantities or r.key in v.inputs):
        return None
    return replace(r, key="d" + r.key, transpose=ref.transpose, power=ref.power)
