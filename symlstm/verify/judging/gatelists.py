r"""One row written for several gates at once, read as one row per gate.

``\delta W_{i,f,o,c} = \delta {\hat{i},\hat{f},\hat{o},\hat{c'}}_t x^T_t`` stands for four rows: the
comma-listed subscript ``W_{i,f,o,c}`` and the comma-listed group ``{\hat{i}, ...}`` are paired
position by position (W_i with \hat{i}, ..., W_c with \hat{c'}). A bare ``\sum`` (no limits) over a body
holding such lists, on a row whose left side holds none, sums the body over the positions
(``\delta h_{t-1} = \sum U_{i,f,o,c}^T \delta {\hat{i}, ...}_t``).

:func:`expand` only rewrites parse trees; the caller judges each row. A list is read only when every
list of the row has the same length (:data:`MIN_ITEMS` to :data:`MAX_ITEMS` items) and every listed
subscript names a quantity of the cell (``W_{i,j,k}``, indices, is not a list of gates).
"""
from __future__ import annotations

__all__ = ["expand", "MIN_ITEMS", "MAX_ITEMS"]

MIN_ITEMS, MAX_ITEMS = 3, 8


def _sub_list(node):
    """The items of a comma-listed subscript of a symbol (W_{i,f,o,c}), else None."""
    subs = node[3]
    if not isinstance(subs, list) or len(subs) < MIN_ITEMS:
        return None
    if all(isinstance(x, tuple) and x[0] == "sym" and len(x[1]) == 1 and x[1].isalpha() and x[2] is None
           and x[3] is None and x[4] is None for x in subs):
        return subs
    return None


def _group_list(node):
    """The items of a comma-listed group {a, b, c} under scripts (``{\\hat{i},\\hat{f}}_t``), else None."""
    inner = node[1]
    if isinstance(inner, tuple) and inner[0] == "list" and inner[1] == "{" and len(inner[2]) >= MIN_ITEMS:
        return inner[2]
    return None


def _lists(node, out):
    """Collect (kind, items) of every list in ``node``."""
    if isinstance(node, tuple):
        if node and node[0] == "sym" and len(node) >= 5 and _sub_list(node) is not None:
            out.append(("sub", _sub_list(node)))
        elif node and node[0] == "sc" and _group_list(node) is not None:
            out.append(("group", _group_list(node)))
        for x in node:
            _lists(x, out)
    elif isinstance(node, list):
        for x in node:
            _lists(x, out)


def _pick(node, p):
    """``node`` with every list replaced by its item ``p``."""
    if isinstance(node, tuple):
        if node and node[0] == "sym" and len(node) >= 5 and _sub_list(node) is not None:
            return node[:3] + ([node[3][p]],) + tuple(_pick(x, p) for x in node[4:])
        if node and node[0] == "sc" and _group_list(node) is not None:
            item = _group_list(node)[p]
            sub, sup, primes = (_pick(x, p) for x in node[2:5])
            if item[0] == "sym" and item[3] is None and item[4] is None and len(node) == 5:
                # {\hat{i}, ...}_t: the item takes the group's scripts, \hat{i}_t
                return ("sym", item[1], item[2], sub, sup, (item[5] or 0) + (primes or 0))
            return ("sc", ("paren", "{", item)) + tuple(_pick(x, p) for x in node[2:])
        return tuple(_pick(x, p) for x in node)
    if isinstance(node, list):
        return [_pick(x, p) for x in node]
    return node


def _sum_out(node, n):
    r"""``node`` with every bare \sum whose body holds lists replaced by the sum of its body at each position."""
    if isinstance(node, tuple):
        if node and node[0] == "big" and node[1] == "sum" and node[2] is None and node[3] is None:
            found = []
            _lists(node[4], found)
            if found:
                return ("paren", "(", ("add", [("+", _pick(node[4], p)) for p in range(n)]))
        return tuple(_sum_out(x, n) for x in node)
    if isinstance(node, list):
        return [_sum_out(x, n) for x in node]
    return node


def expand(tree, is_gate):
    """``(labels, trees)`` for a row written for several gates, ``None`` for any other row; a string (the
    reason) when the row lists gates in a way not read. ``is_gate(letter, primes)``: the subscript names a
    quantity of the cell."""
    found = []
    _lists(tree, found)
    if not found:
        return None
    sizes = {len(items) for _, items in found}
    subs = [items for kind, items in found if kind == "sub"]
    if len(sizes) != 1 or max(sizes) > MAX_ITEMS:
        return "the listed gates do not pair position by position (lists of different lengths)"
    n = sizes.pop()
    if not subs or not all(is_gate(x[1], x[5]) for items in subs for x in items):
        return None        # W_{i,j,k}: indices, not gates
    if len(found) < 2:
        return "one list of gates with nothing to pair it with"
    parts, rels = tree[1], tree[2]
    lhs_lists = []
    _lists(parts[0], lhs_lists)
    if lhs_lists:
        rows = [("row", _pick(parts, p), rels) for p in range(n)]
        rows = [("row", _sum_out(r[1], n), rels) for r in rows]
    else:
        summed = [_sum_out(p, n) for p in parts[1:]]
        rest = []
        for p in summed:
            _lists(p, rest)
        if rest:
            return "a list of gates on the right only, outside a sum over the gates"
        rows = [("row", [parts[0]] + summed, rels)]
    first = subs[0]
    labels = [x[1] + "'" * (x[5] or 0) for x in first]
    return (labels if len(rows) == n else [", ".join(labels)]), rows
