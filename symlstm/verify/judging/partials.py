r"""Gradients accumulated one path at a time within a step (a computational graph walked backward)::

    \Delta_{z_t}L = -\Delta_{g_{12}}L \circ \tilde{h}_t      the path of z_t through g_12
    \Delta_{z_t}L += \Delta_{g_{11}}L \circ h_{t-1}           adds the path through g_11: now all of dL/dz_t

A row ``A = X`` followed by rows ``A += Y`` with the same left side, a gradient of a quantity (not of a
parameter, whose ``+=`` adds step t's contribution), is a partial sum. Each ``+=`` row is read as
``A = X + Y + ...`` (every increment so far). The rows before the last one may hold the gradient through
some of the quantity's uses (a path reading); the last one must hold all of it (read as any other row),
so a path left out is caught there.
"""
from __future__ import annotations

__all__ = ["lettered_parts", "partial_sums"]


def partial_sums(rows, lo, hi, accumulates):
    """{row index: (tree to judge, partial)} for the rows of every accumulation in ``rows[lo:hi]``.
    ``accumulates(lhs)``: the left side is a gradient of a quantity that can be summed path by path."""
    out, groups = {}, []
    opened = {}            # repr of a left side -> the rows of its accumulation so far
    for k in range(lo, hi):
        tree = rows[k]
        if tree is None or len(tree[1]) < 2:
            continue
        lhs, rels = tree[1][0], tree[2]
        key = repr(lhs)
        if rels[0] == "=":
            opened[key] = [k] if accumulates(lhs) else None
            if opened[key]:
                groups.append(opened[key])
            continue
        if list(rels) == ["+="] and len(tree[1]) == 2 and opened.get(key):
            opened[key].append(k)
        elif list(rels) == ["+="] and len(tree[1]) == 2 and key not in opened and accumulates(lhs) and \
                _added_again(rows, k, hi):        # dx = np.zeros(...) before the loop; dx[:, t] += ... twice
            opened[key] = [k]
            groups.append(opened[key])
    for group in groups:
        if len(group) < 2:
            if _whole_added_later(rows, group[0], hi):
                out[group[0]] = (rows[group[0]], True)
            continue
        first = rows[group[0]]
        terms = [("+", first[1][-1])]
        out[group[0]] = (first if first[2] == ["="] else ("row", [first[1][0], first[1][1]], ["="]), True)
        for n, k in enumerate(group[1:], 1):
            terms.append(("+", rows[k][1][1]))
            tree = ("row", [rows[k][1][0], ("add", list(terms))], ["="])
            out[k] = (tree, n < len(group) - 1 or _whole_added_later(rows, group[0], hi) or
                      _summed_later(rows, k, hi))
    return out


def _added_again(rows, k, hi) -> bool:
    """A later row adds to the left side of row ``k`` again (``+=``): row k starts the accumulation."""
    lhs = rows[k][1][0]
    return any(rows[j] is not None and len(rows[j][1]) == 2 and list(rows[j][2]) == ["+="] and
               rows[j][1][0] == lhs for j in range(k + 1, hi))


def _summed_later(rows, k, hi) -> bool:
    r"""The sum so far is a term of a later row's sum (``dh_prev += dr_h * r`` then ``dh_next = dh_prev +
    d_concat[:, :H]``): the accumulation goes on under another name, which must hold all of the gradient."""
    lhs = rows[k][1][0]
    for j in range(k + 1, hi):
        tree = rows[j]
        if tree is None or len(tree[1]) != 2 or tree[2] != ["="] or tree[1][0] == lhs:
            continue
        if tree[1][1][0] == "add" and ("+", lhs) in tree[1][1][1]:
            return True
    return False


def _whole_added_later(rows, k, hi) -> bool:
    r"""``dX_t^{(x)} = ...`` (a block of a gradient) before ``dX_t \mathrel{+}= ...`` (the whole): the later row adds
    more paths to this block too, so the rows on the block may hold the gradient through some uses."""
    lhs = rows[k][1][0]
    if lhs[0] != "sym" or not lhs[4] or len(lhs[4]) != 1 or lhs[4][0][0] != "paren":
        return False
    inner = lhs[4][0][2]
    if inner[0] != "sym" or not inner[1].isalpha() or inner[3] is not None or inner[4] is not None:
        return False
    whole = lhs[:4] + (None,) + lhs[5:]
    for j in range(k + 1, hi):
        tree = rows[j]
        if tree is not None and len(tree[1]) == 2 and list(tree[2]) == ["+="] and tree[1][0] == whole:
            return True
    return False


def lettered_parts(rows) -> frozenset:
    """Code names of a gradient's parts lettered on and summed into it (``dh = dha + dhb + dhc + dhd + dhe``, each
    ``dh`` plus one letter): the names that a row sums, two or more, into the gradient named by their common stem."""
    out = set()
    for tree in rows:
        if tree is None or len(tree[1]) != 2 or tree[2] != ["="] or tree[1][0][0] != "sym" or \
                tree[1][1][0] != "add":
            continue
        lhs = tree[1][0]
        if lhs[2] is not None or lhs[3] or lhs[4] or not lhs[1].startswith("d"):
            continue
        names = [x[1] for sign, x in tree[1][1][1] if sign == "+" and x[0] == "sym" and x[2:] == (None, None, None, 0)
                 and x[1].startswith(lhs[1]) and len(x[1]) == len(lhs[1]) + 1 and x[1][-1].isalpha()]
        if len(names) >= 2:
            out.update(names)
    return frozenset(out)
