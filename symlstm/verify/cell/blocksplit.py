r"""A weight on a concatenation named by its blocks: ``W_f [h_{t-1}, x_t]`` beside ``W_{fh} h_{t-1} + W_{fx} x_t``.

A forward row multiplies a weight by a concatenation written in place (``f_t = \sigma(W_f [h_{t-1}, x_t] + b_f)``)
and other rows name the weight's blocks: the weight's label followed by each operand's letter (``W_{fh}`` acting
on h, ``W_{fx}`` on x; ``W_{gh}`` on ``r_t \odot h_{t-1}``, an operand named by its last factor). When a block so
named is written somewhere (a text may name only the one it uses) and no row defines one, the weight is made
of them (``vocab.composites``, as a stacked weight ``W = [W_a; W_i]`` of :mod:`paramstacks`): its value is the
blocks side by side (column layout, ``W x``) or stacked (row layout, ``x W``), its gradient the blocks' gradients
alike, and each block is a parameter of its own (its gradient is the block of the weight's).
"""
from __future__ import annotations

from ..text.names import NotReadable, gradient_split, resolve
from ..text.trees import walk

__all__ = ["split_weights"]


def _operands(node):
    """The symbols of a concatenation written in place (``[a, b]``, a one-column matrix), else None."""
    if node[0] == "list":
        items = node[2]
    elif node[0] == "matrix" and len(node[1]) >= 2 and all(len(r) == 1 for r in node[1]):
        items = [r[0] for r in node[1]]
    else:
        return None
    if len(items) < 2 or any(_named_by(x) is None for x in items):
        return None
    return items


def _named_by(item):
    """The symbol an operand of a concatenation is named by: itself, or the last factor of a product written in
    place (``[x_t, r_t \\odot h_{t-1}]``: the block acting on h); else None."""
    if item[0] == "sym":
        return item
    if item[0] == "mul" and item[1] and item[1][-1][0] == "sym":
        return item[1][-1]
    return None


def _weight(node):
    """The weight symbol of a factor (``W_f`` or a one-entry matrix ``[W_f]``), else None."""
    if node[0] == "matrix" and len(node[1]) == 1 and len(node[1][0]) == 1:
        node = node[1][0][0]
    return node if node[0] == "sym" else None


def _replace(node, old, new):
    """``node`` with the subtree ``old`` (by identity) replaced by ``new``."""
    if node is old:
        return new
    if not isinstance(node, tuple):
        return node
    out, changed = [], False
    for x in node:
        if isinstance(x, tuple):
            y = _replace(x, old, new)
        elif isinstance(x, list):
            y = [_replace(z, old, new) if isinstance(z, tuple) else z for z in x]
            y = x if all(a is b for a, b in zip(x, y)) else y
        else:
            y = x
        changed = changed or y is not x
        out.append(y)
    return tuple(out) if changed else node


def _written(rows, vocab):
    """The keys of every symbol written in the rows."""
    out = set()
    for tree in rows:
        if tree is None:
            continue
        for n in walk(tree):
            if n[0] == "sym":
                try:
                    out.add(resolve(n, vocab).key)
                except NotReadable:
                    pass
    return out


def _derives(tree) -> bool:
    """A row that writes a derivative (``\\partial``, ``\\delta``, ``d``-prefixed gradient on its left)."""
    lhs = tree[1][0] if tree[1] else None
    if lhs is not None and lhs[0] == "sym" and gradient_split(lhs[1]) is not None:
        return True
    return any(n[0] in ("pre", "frac") for n in walk(tree))


def split_weights(defs, rows, vocab):
    """Make each parameter that a forward row multiplies by a concatenation, and whose blocks the rows name
    (label + operand letter), a composite of those blocks; the blocks become parameters."""
    written = plain = None
    for d in defs:
        for n in list(walk(d.node)):
            if n[0] != "mul" or len(n[1]) < 2:
                continue
            for at, (a, b) in enumerate(zip(n[1], n[1][1:])):
                for w, cat, column in ((_weight(a), _operands(b), True), (_weight(b), _operands(a), False)):
                    if w is None or cat is None:
                        continue
                    try:
                        wr = resolve(w, vocab)
                        ops = [resolve(_named_by(x), vocab) for x in cat]
                    except NotReadable:
                        continue
                    key = wr.key
                    if key not in vocab.params or key in vocab.composites or wr.time is not None or wr.word or \
                            wr.transpose or wr.index or "_" not in key:
                        continue
                    letters = [o.key[:1] for o in ops]
                    if any(not (o.key.isalpha() and len(o.key) == 1) for o in ops) or len(set(letters)) < len(ops):
                        continue
                    blocks = [key + c for c in letters]          # W_f and h, x: W_fh, W_fx
                    if written is None:
                        written = _written(rows, vocab)
                    if plain is None:
                        plain = _written([t for t in rows if t is not None and not _derives(t)], vocab)
                    named = [b_ for b_ in blocks if b_ in written]
                    if any(b_ in vocab.quantities or b_ in vocab.inputs or b_ in vocab.composites for b_ in blocks) \
                            or not named or len(named) < len(blocks) and (
                                key.partition("_")[2] in letters or any(b_ in plain for b_ in named)):
                        continue        # (one block named is enough, W_{gh}: "the h columns of W_g", where only the
                        #                 backward rows write it; not a name a forward-like row writes, nor one whose
                        #                 weight is labelled by an operand's letter: beside h_t = \tanh(W_{hh} h_{t-1}
                        #                 + ...), W_h [x_t, r_t \odot h_{t-1}] is another cell's weight, no W_{hh} block)
                    base, _, label = key.partition("_")
                    syms = [("sym", base, None, [("sym", label + c, None, None, None, 0)], None, 0) for c in letters]
                    vocab.composites[key] = ("matrix", [syms] if column else [[s] for s in syms])
                    vocab.params.discard(key)
                    vocab.params.update(blocks)
                    vocab.blocks.update(blocks)
                    # the forward row reads the blocks (W_fh h_{t-1} + W_fx x_t): their shapes are fixed there
                    terms = [("+", ("mul", [s_, x] if column else [x, s_], [None, None])) for s_, x in zip(syms, cat)]
                    part = ("paren", "(", ("add", terms))
                    factors = list(n[1][:at]) + [part] + list(n[1][at + 2:])
                    signs = list(n[2][:at + 1]) + list(n[2][at + 2:])
                    d.node = _replace(d.node, n, part if len(factors) == 1 else ("mul", factors, signs) + n[3:])
                    break
                else:
                    continue
                break
