r"""Components written after the time in one subscript: ``g_{t, i}``, ``\hat{y}_{t, k}``, ``s_{t, d}`` beside
``g_t``, ``s_t``, and components of a weight written bare elsewhere: ``V_{i, j}`` beside ``V``.

A name is read this way only when the rows also write it with its first subscript item alone (``g_t``, the
first item a time: the rows write its step before, s_{t-1}) or with no subscript (``V``, two letters), and every
further item (comma-separated) is one lower-case letter (not a name's label, W_f, unless a sum binds it) or a
number:
``g_{t, i}`` is then component i of g_t. Such derivations are read like those with bracketed components
(:mod:`~.layers`): a row with a free component index is checked for every component of the vector cell
(so a softmax over several units is exercised), a sum over an index its summand uses as a component is a
sum over the components. Only derivations with a softmax are read so (elsewhere the one-unit scalar reading
of component rows stays). Nothing is evaluated here.
"""
from __future__ import annotations

from ..text.trees import walk

__all__ = ["Written", "written", "split", "uses", "letters", "softmax"]


def _key(n):
    return (n[1], n[2], n[5])          # base, accent, primes


def _plain_letter(x):
    return x[0] == "sym" and x[2] is None and x[3] is None and x[4] is None and not x[5] and len(x[1]) == 1 and \
        x[1].islower() and x[1].isalpha()


def _index_item(x):
    """One lower-case letter (i, k, d) or a small number: a component index; else None."""
    if _plain_letter(x):
        return x[1]
    if x[0] == "num" and x[1].isdigit() and len(x[1]) <= 2:
        return int(x[1])
    return None


class Written:
    """How the rows write each name: with one subscript item (g_t: the item's text) or bare (V)."""

    def __init__(self):
        self.single = {}        # key -> set of first items written alone (as repr of the node)
        self.bare = set()       # keys written without a subscript
        self.labels = set()     # letters written as a name's only subscript (W_f, s_k)
        self.bound = set()      # letters bound by a sum or product (\sum_{k=1}^C, \prod_i)
        self.steps = set()      # letters written as a time with a step before it (s_{t-1}): times

    def index_letter(self, x) -> bool:
        """A letter may be a component index: never a name's only subscript (W_{i,f,o,c} beside W_f: labels),
        unless a sum or product binds it."""
        return not isinstance(x, str) or x not in self.labels or x in self.bound


def written(rows) -> Written:
    w = Written()
    for tree in rows:
        if tree is None:
            continue
        for n in walk(tree):
            if n[0] == "big" and n[2]:
                it = n[2][0][1] if n[2][0][0] == "eq" else n[2][0]
                if _plain_letter(it):
                    w.bound.add(it[1])
            if n[0] != "sym":
                continue
            if n[3] and len(n[3]) == 1 and _plain_letter(n[3][0]):
                w.labels.add(n[3][0][1])
            for it in (n[3] or []) + (n[4] or []):
                if it[0] == "paren":
                    it = it[2]
                if it[0] == "add" and len(it[1]) == 2 and _plain_letter(it[1][0][1]) and it[1][1][0] == "-" and \
                        it[1][1][1] == ("num", "1"):
                    w.steps.add(it[1][0][1][1])
            if not n[3]:
                w.bare.add(_key(n))
            elif len(n[3]) == 1:
                w.single.setdefault(_key(n), set()).add(repr(n[3][0]))
    return w


def split(n, w: Written):
    """``g_{t, i}`` -> (g_t, ["i"]), ``V_{i, j}`` -> (V, ["i", "j"]) when the rows write g_t, V; else None."""
    if n[0] != "sym" or not n[3] or len(n[3]) < 2 or n[1] in ("delta", "partial"):
        return None
    items = n[3]
    key = _key(n)
    rest = [_index_item(x) for x in items[1:]]
    if all(r is not None and w.index_letter(r) for r in rest) and repr(items[0]) in w.single.get(key, ()) and \
            _plain_letter(items[0]) and items[0][1] in w.steps:
        return ("sym", n[1], n[2], [items[0]], n[4], n[5]), rest
    idx = [_index_item(x) for x in items]
    if key in w.bare and len(idx) == 2 and all(isinstance(r, str) and w.index_letter(r) for r in idx):
        return ("sym", n[1], n[2], None, n[4], n[5]), idx
    return None


def softmax(rows) -> bool:
    r"""Does a row apply a softmax (the word, or \exp over a sum of \exp)? Only there is the one-unit reading
    of component rows unsound (the softmax of one unit is 1), so only there are components read this way."""
    for tree in rows:
        if tree is None:
            continue
        for n in walk(tree):
            if n[0] == "sym" and n[1] == "softmax":
                return True
            if n[0] == "frac" and any(x[0] == "sym" and x[1] == "exp" for x in walk(n[1])) and \
                    any(x[0] == "big" and x[1] == "sum" for x in walk(n[2])):
                return True
    return False


def uses(n, w: Written) -> bool:
    """Does a row write a component after the time (g_{t, i} beside g_t, i a letter)?"""
    return any(x[0] == "sym" and split(x, w) is not None and split(x, w)[0][3] and
               any(isinstance(r, str) for r in split(x, w)[1]) for x in walk(n))


def letters(n, w: Written) -> set:
    """The component letters a subtree indexes names with."""
    out = set()
    for x in walk(n):
        if x[0] == "sym":
            s = split(x, w)
            if s is not None:
                out |= {r for r in s[1] if isinstance(r, str)}
    return out
