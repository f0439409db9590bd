r"""The chain rule through a name no row defines: ``\frac{\partial L_t}{\partial y_t} \frac{\partial y_t}{\partial h_t}``.

Texts chain derivatives through an intermediate they define only in prose or in a figure (the output y_t of a
diagram; "our activation matrix A" of a blog): ``\frac{\partial L}{\partial A} \frac{\partial A}{\partial W_x}``.
Whatever A is, a product of two derivatives linked by it, in chain order, is the derivative of the first
numerator by the last denominator when A is the way from one to the other: that is what the author asserts by
writing it, and what the reader can check (the rest of the row against the cell). So two adjacent factors
``\frac{\partial P}{\partial A} \frac{\partial A}{\partial Q}`` (both partial, or both d) whose link A is a
name the derivation does not know are read as ``\frac{\partial P}{\partial Q}``.

Nothing else is read through A: out of chain order (``\frac{\partial A}{\partial Q} \frac{\partial P}{\partial
A}``), A elsewhere in the row, or A a name of the cell, the row is read as written (and A stays undefined).
"""
from __future__ import annotations

from ..text.names import NotReadable, key_latex, resolve
from ..text.trees import rebuild, walk

__all__ = ["chain_through_unnamed", "through_unnamed"]


def _unwrap(node):
    while isinstance(node, tuple) and node and node[0] == "paren" and node[1] == "{":
        node = node[2]
    return node


def _frac(node):
    """(kind, numerator, denominator) of a derivative fraction, else None."""
    node = _unwrap(node)
    if not (isinstance(node, tuple) and node and node[0] == "frac" and node[1][0] == "pre" and node[2][0] == "pre"
            and node[1][1] == node[2][1] and node[1][1] in ("partial", "d")):
        return None
    return node[1][1], _unwrap(node[1][3]), _unwrap(node[2][3])


def _unknown(node, vocab) -> bool:
    if node[0] != "sym":
        return False
    try:
        key = resolve(node, vocab).key
    except NotReadable:
        return False
    return not vocab.known(key) and key not in vocab.aliases and key not in vocab.functions


def _rewrite(node, vocab, done):
    return rebuild(node, lambda n: _read_through(n, vocab, done))


def _read_through(node, vocab, done):
    if node[0] != "mul" or len(node) != 3:
        return node
    items, ops = list(node[1]), list(node[2])
    k = 0
    while k + 1 < len(items):
        a, b = _frac(items[k]), _frac(items[k + 1])
        if a is not None and b is not None and a[0] == b[0] and ops[k + 1] in (None, "cdot") and \
                repr(a[2]) == repr(b[1]) and _unknown(a[2], vocab):
            kind = a[0]
            items[k:k + 2] = [("frac", ("pre", kind, None, a[1]), ("pre", kind, None, b[2]))]
            del ops[k + 1]
            done.append(a[2])
            continue
        k += 1
    if len(items) == 1:
        return items[0]
    return ("mul", items, ops)


def chain_through_unnamed(tree, vocab):
    """(the row with such chains read through, the names read through) (see the module's doc)."""
    if tree is None:
        return tree, []
    done = []
    new = _rewrite(tree, vocab, done)
    if not done:
        return tree, []
    left = [n for n in walk(new) if n[0] == "sym" and any(repr(_unwrap(n)) == repr(d) for d in done)]
    if left:
        return tree, []             # the name is read elsewhere in the row too: as written
    return new, done


def _own_gradient_made(tree, new) -> bool:
    r"""Whether reading the chains through made the left side's own derivative appear on the right: then the
    chain was one path to it among others the row sums (``\frac{\partial L}{\partial c_1} = \frac{\partial
    L}{\partial h_1} \frac{\partial h_1}{\partial c_1} + \frac{\partial L}{\partial c_2} \frac{\partial
    c_2}{\partial c_1}``), not the whole derivative."""
    if not (isinstance(tree, tuple) and tree[0] == "row" and isinstance(new, tuple) and new[0] == "row"):
        return False
    left = repr(_unwrap(tree[1][0]))

    def in_sums(row) -> int:        # its occurrences in a term of a sum of several (one path among others)
        return sum(repr(_unwrap(n)) == left for side in row[1][1:] for s in walk(side)
                   if s[0] == "add" and len(s[1]) > 1 for term in s[1] for n in walk(term[1]))
    return in_sums(new) > in_sums(tree)     # dL/dW = dL/dA dA/dW (or 2 dL/dA dA/dW): the one way, judged


def through_unnamed(r, tree, ev, judge):
    """``r``, or the verdict of ``judge`` on the row read through its chains (see the module's doc) when ``r`` stops
    at one of their links: "A is not defined in this derivation"."""
    if r.status == "pass" or "is not defined in this derivation" not in (r.why or ""):
        return r
    new, through = chain_through_unnamed(tree, ev.vocab)
    if not through:
        return r
    names = []
    for n in through:
        try:
            names.append(key_latex(resolve(n, ev.vocab).key))
        except NotReadable:
            return r
    if not any((r.why or "").startswith(f"{x} is not defined") or f"; {x} is not defined" in (r.why or "")
               or f": {x} is not defined" in (r.why or "") for x in names):
        return r                # it stops at another name: as before
    if _own_gradient_made(tree, new):
        return r        # dL/dc = dL/dh dh/dc + dL/dc' dc'/dc: the chain is one path of several, not the derivative
    r2 = judge(new)
    if r2.status == "unreadable":
        return r
    note = f"the chain through {', '.join(sorted(set(names)))} (defined by no row) read as one derivative"
    r2.why = "; ".join(x for x in (r2.why, note) if x)
    return r2
