r"""A loss letter used as a weight: ``e^{(t)} = x^{(t)} L`` (CS224n's embedding matrix L beside the loss J).

A letter of the loss table (``L``, ``E``, ``J``, ...) written without a time as a factor of a product in a
forward definition of another name, beside a vector it multiplies, is a matrix of the cell, not the loss:
the loss is a number and is never a factor of the cell's own quantities. Rows that write derivatives of
that letter as their numerator keep it a loss (``\partial L / \partial W``), so it is then not a weight.
"""
from __future__ import annotations

from ...latex.notation import LOSS_NAMES
from ..text.names import NotReadable, resolve

__all__ = ["loss_letters_as_weights"]


def _walk(node):
    yield node
    if isinstance(node, tuple):
        for x in node[1:]:
            if isinstance(x, tuple):
                yield from _walk(x)
            elif isinstance(x, list):
                for y in x:
                    if isinstance(y, tuple):
                        yield from _walk(y)


def loss_letters_as_weights(defs, rows, vocab) -> set:
    """Keys of loss letters the forward definitions multiply as weights (see the module's doc)."""
    found = set()
    for d in defs:
        if any(k in LOSS_NAMES for k in d.keys):
            continue
        for n in _walk(d.node):
            if n[0] != "mul" or len(n[1]) < 2 or any(o not in (None, "cdot", "times") for o in n[2][1:]):
                continue
            syms = [x for x in n[1] if x[0] == "sym"]
            if any(x[1] == "\\partial" for x in syms):
                continue
            for k, x in enumerate(n[1]):
                if x[0] != "sym":
                    continue
                try:
                    r = resolve(x, vocab)
                except NotReadable:
                    continue
                if r.key not in LOSS_NAMES or r.time is not None or r.word or r.index:
                    continue
                others = n[1][:k] + n[1][k + 1:]
                if any(o[0] == "sym" and _timed(o, vocab) for o in others):     # x^{(t)} L: beside a vector
                    found.add(r.key)
    if not found:
        return found
    for tree in rows:           # \frac{\partial L}{\partial W}: the letter is the loss here
        if tree is None:
            continue
        for part in tree[1]:
            for n in _walk(part):
                if n[0] == "frac" and n[1][0] == "mul" and n[1][1] and n[1][1][0][:2] == ("sym", "\\partial"):
                    top = n[1][1][1:]
                    if top and top[0][0] == "sym":
                        try:
                            if resolve(top[0], vocab).key in found:
                                found.discard(resolve(top[0], vocab).key)
                        except NotReadable:
                            pass
    return found


def _timed(node, vocab) -> bool:
    try:
        r = resolve(node, vocab)
    except NotReadable:
        return False
    return r.time is not None or bool(r.word)


def readable_loss_side(d, rows, vocab):
    r"""The side of a loss row's chain to run as the loss: the last one, unless it reads a component of a
    quantity of the cell at an index nothing binds (``-\log \hat{y}_k^{(t)}``, k "the true label" of the prose)
    and an earlier side reads none (``CE(y^{(t)}, \hat{y}^{(t)})``): then the first such side."""
    tree = rows[d.row] if 0 <= d.row < len(rows) else None
    if tree is not None and len(tree[1]) >= 3 and all(r == "=" for r in tree[2]):
        named = [side for side in tree[1][1:-1] if _named_loss_call(side)]
        if named:           # J = CE(y, \hat y) = \sum_j ...: the named loss is the loss, its expansion a claim
            return named[0]
    if tree is None or len(tree[1]) < 3 or not _free_component(d.node, vocab):
        return d.node
    for side in tree[1][1:-1]:
        if not _free_component(side, vocab):
            return side
    return d.node


def _named_loss_call(node) -> bool:
    r"""``CE(y^{(t)}, \hat{y}^{(t)})``: a call of a loss function the notation names (crossentropy), of names."""
    from ...latex.notation import FUNCTION_WORDS
    if node[0] != "mul" or len(node[1]) != 2 or node[2][1] is not None:
        return False
    f, args = node[1]
    return f[0] == "sym" and FUNCTION_WORDS.get(f[1], ("",))[0] == "crossentropy" and f[3] is None and \
        f[4] is None and args[0] == "list" and all(a[0] == "sym" for a in args[2])


def _free_component(node, vocab) -> bool:
    for n in _walk(node):
        if n[0] != "sym" or not n[3]:
            continue
        try:
            r = resolve(n, vocab)
        except NotReadable:
            continue
        if vocab.known(r.key) or r.index:
            continue
        base = ("sym", n[1], n[2], None, n[4], n[5])
        try:
            if resolve(base, vocab).key in vocab.quantities:
                return True
        except NotReadable:
            continue
    return False


def loss_arguments(rows):
    r"""``J^{(t)}(\theta) = ...``: a loss written with its argument on a row's left side is the loss (the
    bracket names what it depends on, it is no factor)."""
    out = []
    for tree in rows:
        if tree is not None and tree[1] and tree[1][0][0] == "mul" and len(tree[1][0][1]) == 2:
            a, b = tree[1][0][1]
            if a[0] == "sym" and a[1] in LOSS_NAMES and a[2] is None and a[3] is None and b[0] == "paren" and \
                    b[1] == "(" and tree[1][0][2] == [None, None]:
                tree = (tree[0], [a] + list(tree[1][1:]), tree[2])
        out.append(tree)
    return out


def selected_row(key, vocab):
    r"""``L_x``, ``L_{x^{(t)}}``: the row of a weight that an input selects (an embedding lookup, = x L). Not read:
    NotReadable is raised for such a key (an undefined name would be the author's error)."""
    base, _, sub = key.partition("_")
    if base in vocab.params and sub and (sub in vocab.inputs or sub.split("_")[0] in vocab.inputs):
        raise NotReadable(f"{base}_{sub}, the row of the weight {base} that {sub} selects (an embedding "
                          f"lookup), is not read")
