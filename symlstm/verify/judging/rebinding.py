r"""Code written as equations: statements read in order, a name assigned again denotes its new value from there on.

Two rewrites of the parsed rows of a derivation, before anything else reads them:

* Gradient names spelled with a suffix (``W\_v\_d``, ``x\_grad``, ``h\_prev\_grad``: ``GRADIENT_SUFFIXES`` of
  :mod:`symlstm.latex.notation`) are the prefix form of the name (``dW_v``, ``dx``, ``dh_prev``), which the
  gradient notations read.
* A row that assigns a name it reads on its right side (``ci = tanh(ci)``, ``f = f + forget\_bias``,
  ``do = sigmoid'(o_t) \odot do``) rebinds it, as a statement of code does: the right side reads the previous
  binding, the left side is the new value (SSA). The previous binding is the latest row above that assigns the
  name. For a gradient name whose previous binding is ``X = E``, the right side's X is ``(E)``: the row is checked
  as written in full (``do = sigmoid'(o_t) \odot (dh \odot tanh(C_t))``). Any other name (a forward quantity) is
  renamed: the previous binding and the reads of it up to the rebinding row get a fresh name, the latest binding
  keeps the written one (the rows below read it), so a forward row never defines a name by itself.
  Accumulations (``X = X + Y``, ``+=``) keep their own reading (:mod:`.increments`, :mod:`.partials`).
"""
from __future__ import annotations

from ...latex.notation import GRADIENT_SUFFIXES
from ..text.names import gradient_split
from .updates import read_update

__all__ = ["code_statements", "suffix_gradient_name", "suffix_gradient_names"]

#: Separates a renamed binding's number from its name (``f@1``: f before it was assigned again); no author's
#: name contains it.
FRESH_MARK = "@"


def _map_syms(node, fn, scripts=True):
    """``node`` with every ``sym`` node (scripts included, unless ``scripts`` is false) replaced by ``fn(sym)``."""
    if isinstance(node, tuple) and node and node[0] == "sym":
        new = fn(node)
        if new is not node or not scripts:
            return new
        return tuple(_map_syms(x, fn) if isinstance(x, (tuple, list)) else x for x in node)
    if isinstance(node, tuple):
        return tuple(_map_syms(x, fn, scripts) if isinstance(x, (tuple, list)) else x for x in node)
    if isinstance(node, list):
        return [_map_syms(x, fn, scripts) if isinstance(x, (tuple, list)) else x for x in node]
    return node


def _map_reads(node, fn):
    r"""``node`` with the names it reads replaced by ``fn(sym)``: a name's scripts are its labels and its step (the
    label r of W_r is no read of a code variable r; ``r = \sigma(W_r x + U_r h + b_r)`` does not rebind r)."""
    return _map_syms(node, fn, scripts=False)


def _suffixed(base: str):
    if "_" not in base or FRESH_MARK in base:
        return None
    for suf in GRADIENT_SUFFIXES:
        stem = base[:-len(suf)]
        if base.endswith(suf) and stem and stem[0].isalpha() and gradient_split(base) is None and \
                not stem.startswith(("grad", "d_")):
            return "d" + stem
    return None


def suffix_gradient_name(base: str):
    """The prefix form of a suffixed gradient name (``cs_grad`` -> ``dcs``), else None."""
    return _suffixed(base)


def suffix_gradient_names(rows):
    r"""``W\_v\_d`` and ``W_{v\_d}`` -> ``dW_v``, ``h\_prev\_grad`` -> ``dh_prev``, ``d_{from\_h}`` -> ``dfrom_h``
    (a code name of its own, read like ``d{from\_h}``) in every row (None rows unchanged)."""
    def fn(s):
        if s[1] == "d" and s[2] is None and s[4] is None and s[3] and len(s[3]) == 1 and s[3][0][0] == "sym" and \
                "_" in s[3][0][1] and s[3][0][2] is None and s[3][0][3] is None and s[3][0][4] is None:
            return ("sym", "d" + s[3][0][1], None, None, None, s[5])    # d_{from\_h}: the code name dfrom_h
        if s[3] and len(s[3]) == 1 and s[3][0][0] == "sym" and s[3][0][2:5] == (None, None, None) and \
                not s[3][0][5] and gradient_split(s[1]) is None and len(s[1]) == 1:
            sub = _suffixed(s[3][0][1])     # W_{v\_d} (code's W_v_d, its label written as a subscript): dW_v
            if sub is not None and len(sub) <= 3:       # (a weight's or a bias's label, not hidden_{state\_d})
                return ("sym", "d" + s[1], s[2], [("sym", sub[1:], None, None, None, 0)], s[4], s[5])
        new = _suffixed(s[1])
        return s if new is None else (s[0], new) + tuple(s[2:])
    return [None if r is None else _map_syms(r, fn) for r in rows]


def _lhs_names(tree):
    """The plain names a row assigns: its left side, or the names of a list on its left (``[i, f, ci, o] = ...``)."""
    if tree is None or len(tree[1]) != 2 or tree[2][0] not in ("=", "+=", "-="):
        return []
    lhs = tree[1][0]
    if lhs[0] == "sym":
        return [lhs]
    if lhs[0] == "list" and all(x[0] == "sym" for x in lhs[2]):
        return list(lhs[2])
    return []


def _reads(node, name) -> bool:
    found = []
    _map_reads(node, lambda s: found.append(1) or s if s == name else s)
    return bool(found)


def _reads_gradient(node) -> bool:
    r"""Whether a right side reads a gradient: \delta h, dh, \partial."""
    from ..text.trees import walk
    return any(n[0] == "pre" or n[0] == "sym" and (n[1] in ("delta", "Delta") or gradient_split(n[1]) is not None)
               for n in walk(node))


def _rebinding_rows(rows):
    """[(k, name, j)]: row k (``name = ...name...``) rebinds ``name``, last assigned by row j."""
    out = []
    for k, tree in enumerate(rows):
        if tree is None or len(tree[1]) != 2 or list(tree[2]) != ["="] or tree[1][0][0] != "sym":
            continue
        name = tree[1][0]
        side = tree[1][1]
        if side[0] == "frac" and side[1][0] == "pre" and side[2][0] == "pre":
            continue        # h_t = \partial Loss / \partial h_t: a derivative by the name, not code reassigning it
        if gradient_split(name[1]) is None and _reads_gradient(side):
            continue        # C_t = \delta h_t * o_t * \tanh'(C_t) + ...: a gradient's row (its \delta dropped), not code
        if not _reads(side, name) or read_update(tree) is not None:
            continue        # W = W - \alpha dJ/dW: an update rule (updates.py), not code reassigning W
        j = next((i for i in range(k - 1, -1, -1) if name in _lhs_names(rows[i])), None)
        if j is not None:
            out.append((k, name, j))
    return out


def code_statements(rows):
    """The rows with rebinding statements read in order (module doc); None rows unchanged."""
    rows = list(rows)
    found = _rebinding_rows(rows)
    number = {(repr(name), j): 1 + sum(1 for _, n2, j2 in found if n2 == name and j2 < j)
              for _, name, j in found}      # repr: a name's tree may hold lists (not hashable)
    for k, name, j in reversed(found):
        prev = rows[j]
        if gradient_split(name[1]) is not None:
            if len(prev[1]) == 2 and list(prev[2]) == ["="] and prev[1][0] == name:
                inner = ("paren", "(", prev[1][1])
                rows[k] = ("row", [rows[k][1][0], _map_reads(rows[k][1][1], lambda s: inner if s == name else s)],
                           rows[k][2])
            continue
        fresh = (name[0], f"{name[1]}{FRESH_MARK}{number[repr(name), j]}") + tuple(name[2:])
        swap = lambda s: fresh if s == name else s           # noqa: E731
        lhs = prev[1][0]
        rows[j] = ("row", [_map_syms(lhs, swap) if lhs[0] == "list" else fresh] + list(prev[1][1:]), prev[2])
        for i in range(j + 1, k):
            if rows[i] is not None:
                t = rows[i]
                rows[i] = (t[0], [t[1][0]] + [_map_reads(p, swap) for p in t[1][1:]]) + tuple(t[2:])
        t = rows[k]
        rows[k] = (t[0], [t[1][0], _map_reads(t[1][1], swap)]) + tuple(t[2:])
    return rows
