r"""Kernel documentation written per batch row and unit: ``\mathrm{gin}_{b,j} = go_{b,j} \cdot (1 - z_{b,j})``.

Operator docs (CANN's ``aclnnThnnFusedGruCellBackward``, CUDA kernels described in LaTeX) state an element-wise
formula "for each batch row b and hidden column j". Two readings of such subscripts:

* **One index pair on every name.** A row in which every name carries the same subscript of two distinct index
  letters (``_{b,j}``, ``_{b,k}``; neither the time letter) and that sums over neither letter states the same
  equation for every pair: it is the element-wise equation of the arrays, read with the pair dropped and every
  product element-wise (``gin = go \odot (1 - z)``; entries of matrices multiply entry by entry too). A row where any name lacks the pair (a weight ``W``, a name without indices) is
  left as written: it is not element-wise in both indices.
* **A packed array.** ``z_{b,j} = \mathrm{storage}_{b,\ h+j}``: the array's columns hold several planes
  (a block offset ``h + j``, ``2h + j`` beside the index); which quantity each plane holds only the prose says,
  so such an array is not a quantity the reader knows. A row that reads it and assigns a name another row defines
  (a given cell) is dropped as unreadable, with that reason (it neither shadows the cell's name nor passes as a
  definition); a name only such rows define stays theirs, unreadable, and the rows reading it rest on it.

Trees are rebuilt; nothing is evaluated.
"""
from __future__ import annotations

from .trees import rebuild, walk

__all__ = ["batch_sums", "drop_index_pairs", "packed_arrays", "reads_packed", "stored_elsewhere"]

#: Letters that are never one of the pair (the time letter of a derivation).
_NOT_PAIR = ("t",)


def _plain_letter(x) -> str | None:
    if isinstance(x, tuple) and x and x[0] == "sym" and x[2] is None and x[3] is None and x[4] is None and \
            x[5] == 0 and len(x[1]) == 1 and x[1].isalpha() and x[1] not in _NOT_PAIR:
        return x[1]
    return None


def _pair(sub):
    """The two index letters of a subscript ``{b,j}``, else None."""
    if not isinstance(sub, list) or len(sub) != 2:
        return None
    a, b = _plain_letter(sub[0]), _plain_letter(sub[1])
    return (a, b) if a and b and a != b else None


def _block_offset(item, index) -> bool:
    """``h + j``, ``2h + j``, ``3H + j``: a block's offset plus the index letter."""
    if not isinstance(item, tuple) or item[0] != "add" or len(item[1]) != 2:
        return False
    signs = [s for s, _ in item[1]]
    terms = [t for _, t in item[1]]
    if signs != ["+", "+"] or _plain_letter(terms[1]) != index:
        return False
    size = terms[0]
    if size[0] == "mul" and len(size[1]) == 2 and size[1][0][0] == "num":
        size = size[1][1]
    return _plain_letter(size) is not None and _plain_letter(size) != index


def packed_arrays(rows) -> set:
    """Names written with a block offset in their column index somewhere in ``rows`` (``storage_{b, 2h+j}``)."""
    out = set()
    for tree in rows:
        if tree is None:
            continue
        for part in tree[1]:
            for n in walk(part):
                if n[0] == "sym" and isinstance(n[3], list) and len(n[3]) == 2 and \
                        _plain_letter(n[3][0]) is not None and _block_offset(n[3][1], _index_of(n[3][1])):
                    out.add(n[1])
    return out


def _index_of(item):
    if isinstance(item, tuple) and item[0] == "add" and len(item[1]) == 2:
        return _plain_letter(item[1][1][1])
    return None


def reads_packed(tree, packed) -> str | None:
    """The packed array a row reads (the name), else None."""
    if tree is None or not packed:
        return None
    for part in tree[1]:
        for n in walk(part):
            if n[0] == "sym" and n[1] in packed:
                return n[1]
    return None


def _syms(node, out):
    """Every name of ``node`` outside subscripts and superscripts (which are not walked into)."""
    if not isinstance(node, tuple) or not node or not isinstance(node[0], str):
        return
    if node[0] == "sym":
        out.append(node)
        return
    if node[0] == "big":
        out.append(node)
    for x in node[1:]:
        if isinstance(x, tuple):
            _syms(x, out)
        elif isinstance(x, list):
            for y in x:
                if isinstance(y, tuple) and len(y) == 2 and isinstance(y[0], str) and y[0] in ("+", "-"):
                    _syms(y[1], out)
                elif isinstance(y, tuple):
                    _syms(y, out)
                elif isinstance(y, list):
                    for z in y:
                        _syms(z, out)


def _row_pair(tree):
    names = []
    for part in tree[1]:
        _syms(part, names)
    if not names or any(n[0] != "sym" for n in names):
        return None          # a sum or product (over the pair, or over anything): left as written
    pairs = {repr(n[3]) for n in names}
    if len(pairs) != 1:
        return None
    pair = _pair(names[0][3])
    if pair is None or any(n[4] is not None and any(_plain_letter(x) in pair for x in n[4]) for n in names):
        return None
    return pair


def stored_elsewhere(rows, k, held) -> bool:
    r"""Row ``k`` reads a packed array (``z_{b,j} = \mathrm{storage}_{b,\ h+j}``) and the name it assigns is defined
    by a row that reads none (a given cell ``z = \sigma(...)``): the row only says where the value is stored, and
    is dropped (unreadable). A name only packed rows define stays theirs: unreadable, so that the rows reading it
    rest on an unreadable definition (unreaddefs.py), never on a name read as a free input."""
    lhs = rows[k][1][0] if rows[k] is not None and len(rows[k][1]) >= 2 else None
    if lhs is None or lhs[0] != "sym":
        return False
    return any(j not in held and tree is not None and len(tree[1]) >= 2 and tree[1][0][0] == "sym" and
               tree[1][0][1] == lhs[1] and tree[1][0][2] == lhs[2] for j, tree in enumerate(rows))


def drop_index_pairs(rows, keep=()):
    """The rows with a common index pair on every name dropped (module doc); rows ``keep`` (indices) and other
    rows unchanged."""
    out = []
    for k, tree in enumerate(rows):
        pair = None if tree is None or len(tree[1]) < 2 or k in keep else _row_pair(tree)
        if pair is None:
            out.append(tree)
            continue

        def strip(n):
            if n[0] == "sym" and _pair(n[3]) == pair:
                return (n[0], n[1], n[2], None) + tuple(n[4:])
            if n[0] == "mul":          # a product of entries: element-wise once the indices are dropped
                return (n[0], n[1], [n[2][0]] + ["odot"] * (len(n[2]) - 1)) + tuple(n[3:])
            return n
        out.append((tree[0], [rebuild(p, strip) for p in tree[1]]) + tuple(tree[2:]))
    return out


# ---------------------------------------------------------------------------- sums over the rows of a batch
def _batch_bounds(node):
    r"""The index letter of ``\sum_{b=0}^{B-1}`` / ``\sum_{b=1}^{B}`` (the upper bound the capital of the index),
    else None."""
    if node[0] != "big" or node[1] != "sum" or not node[2] or len(node[2]) != 1 or not node[3] or \
            len(node[3]) != 1:
        return None
    lo, hi = node[2][0], node[3][0]
    if lo[0] != "eq" or _plain_letter(lo[1]) is None or lo[2] not in (("num", "0"), ("num", "1")):
        return None
    b = lo[1][1]
    cap = ("sym", b.upper(), None, None, None, 0)
    if b.upper() == b or b in _NOT_PAIR:
        return None
    if lo[2] == ("num", "0") and hi == ("add", [("+", cap), ("-", ("num", "1"))]):
        return b
    if lo[2] == ("num", "1") and hi == cap:
        return b
    return None


def _only_leading(body, b) -> bool:
    """Every use of the letter ``b`` in ``body`` is the first of a two-index subscript (``X_{b,k}``)."""
    ok = [True]

    def look(node, in_pair_head=False):
        if not isinstance(node, tuple) or not node or not isinstance(node[0], str):
            return
        if node[0] == "sym":
            if node[1] == b and node[3] is None and node[4] is None and not in_pair_head:
                ok[0] = False
            sub = node[3]
            if isinstance(sub, list):
                for i, x in enumerate(sub):
                    look(x, in_pair_head=(i == 0 and len(sub) == 2))
            if isinstance(node[4], list):
                for x in node[4]:
                    look(x)
            return
        for x in node[1:]:
            if isinstance(x, tuple):
                look(x)
            elif isinstance(x, list):
                for y in x:
                    if isinstance(y, tuple) and len(y) == 2 and isinstance(y[0], str) and y[0] in ("+", "-"):
                        look(y[1])
                    elif isinstance(y, tuple):
                        look(y)
                    elif isinstance(y, list):
                        for z in y:
                            look(z)
    look(body)
    return ok[0] and any(n[0] == "sym" and isinstance(n[3], list) and len(n[3]) == 2 and
                         _plain_letter(n[3][0]) == b for n in walk(body))


def batch_sums(rows):
    r"""``\sum_{b=0}^{B-1} X_{b,k}``: the sum over the rows b of a batch of B examples (b only the leading index of
    the body's two-index subscripts, B its capital). The reader checks one example (a batch of one row, as
    ``\sum_{batch}`` elsewhere), so the sum is its single term, read with the batch index dropped: ``X_{k}``.
    Then, when every name of the row carries the same one index (``\mathrm{grad\_bias}_{k} = X_{k}``), the row is
    element-wise in it and read with it dropped, as :func:`drop_index_pairs` does for a pair."""
    out = []
    for tree in rows:
        if tree is None:
            out.append(tree)
            continue
        done = []

        def fold(n):
            b = _batch_bounds(n) if isinstance(n, tuple) and n and n[0] == "big" else None
            if b is None or not _only_leading(n[4], b):
                return n
            done.append(b)

            def unbatch(m):
                if m[0] == "sym" and isinstance(m[3], list) and len(m[3]) == 2 and _plain_letter(m[3][0]) == b:
                    return (m[0], m[1], m[2], [m[3][1]]) + tuple(m[4:])
                return m
            return rebuild(n[4], unbatch)
        new = (tree[0], [rebuild(p, fold) for p in tree[1]]) + tuple(tree[2:])
        if done:
            names = []
            for part in new[1]:
                _syms(part, names)
            subs = {repr(n[3]) for n in names if n[0] == "sym"}
            one = names[0][3] if names and names[0][0] == "sym" else None
            if all(n[0] == "sym" for n in names) and len(subs) == 1 and isinstance(one, list) and len(one) == 1 \
                    and _plain_letter(one[0]) is not None:
                new = (new[0], [rebuild(p, lambda m: (m[0], m[1], m[2], None) + tuple(m[4:])
                                        if m[0] == "sym" and m[3] == one else m) for p in new[1]]) + tuple(new[2:])
        out.append(new)
    return out
