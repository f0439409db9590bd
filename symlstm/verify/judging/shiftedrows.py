r"""A forward row written one step ahead: ``h_{t+1} = \tanh(U x_t + W h_t)`` is ``h_t = \tanh(U x_{t-1} + W h_{t-1})``.

Texts state a recurrence for the next state (the Deep Learning book writes h^{(t+1)}; answers on Q&A sites write
``\mathbf{h_{t+1}} = \tanh(\mathbf{U x_t + W h_t})``): the row holds at every t, so it is the same row with t
replaced by t - k, where k is the offset of the name it defines. The reader builds the cell from rows that
define a name at step t, so such a row is read shifted: every time script t + j of the row becomes t + j - k
(``x_t`` becomes ``x_{t-1}``: the input the author names x_t is the one step t+1 consumes, a naming choice).

Only a row that is a plain statement is shifted: ``=`` between its sides, a left side that is one name at t + k
(k a positive whole number), no derivative, no sum over the time letter, and no name read at a step after the
one it defines (a row that reads the future is a backward row). Anything else is left as written.
"""
from __future__ import annotations

from ..text.names import NotReadable, Vocab, resolve
from ..text.trees import has_derivative, walk

__all__ = ["at_step_t", "shift_ahead_rows"]


def _offset(item, tv):
    """The offset j of a time script ``t`` / ``t + j`` / ``t - j`` (None for any other script)."""
    if item[0] == "paren" and item[1] == "(":
        return _offset(item[2], tv)
    if item == ("sym", tv, None, None, None, 0):
        return 0
    if item[0] == "add" and len(item[1]) == 2 and item[1][0] == ("+", ("sym", tv, None, None, None, 0)):
        sign, n = item[1][1]
        if n[0] == "num" and n[1].isdigit():
            return int(n[1]) if sign == "+" else -int(n[1])
    return None


def _at(j, tv, paren):
    t = ("sym", tv, None, None, None, 0)
    node = t if j == 0 else ("add", [("+", t), ("+" if j > 0 else "-", ("num", str(abs(j))))])
    return ("paren", "(", node) if paren else node


def _scripts(items, tv, k):
    if not items:
        return items
    out = []
    for it in items:
        j = _offset(it, tv)
        out.append(it if j is None else _at(j - k, tv, it[0] == "paren"))
    return out


def _shift(node, tv, k):
    if not isinstance(node, tuple) or not node or not isinstance(node[0], str):
        return node
    if node[0] == "sym":
        base = node[1]
        if isinstance(base, tuple):
            base = _shift(base, tv, k)
        return (node[0], base, node[2], _scripts(node[3], tv, k), _scripts(node[4], tv, k)) + tuple(node[5:])
    out = [node[0]]
    for x in node[1:]:
        if isinstance(x, tuple):
            out.append(_shift(x, tv, k))
        elif isinstance(x, list):
            out.append([(y[0], _shift(y[1], tv, k)) if isinstance(y, tuple) and len(y) == 2 and
                        isinstance(y[0], str) and y[0] in ("+", "-") else
                        _shift(y, tv, k) if isinstance(y, tuple) else
                        [_shift(z, tv, k) for z in y] if isinstance(y, list) else y for y in x])
        else:
            out.append(x)
    return tuple(out)


def _defined(tree, tv):
    """(left side, its Ref) of a plain statement (``=`` first, no derivative, one name on the left), else None."""
    parts = tree[1]
    if len(parts) < 2 or tree[2][0] != "=" or any(has_derivative(p) for p in parts):
        return None
    lhs = parts[0]
    while lhs[0] == "paren" and lhs[1] == "{":
        lhs = lhs[2]
    if lhs[0] != "sym":
        return None
    try:
        return lhs, resolve(lhs, Vocab(time_var=tv))
    except NotReadable:
        return None


def _ahead(tree, tv):
    """k when the row defines one name at t + k (k > 0) and is a plain statement (see the module's doc), else 0."""
    d = _defined(tree, tv)
    if d is None or any(r != "=" for r in tree[2]) or not d[0][3]:
        return 0
    lhs, r = d
    k = _offset(r.time, tv) if r.time is not None else None
    if not k or k < 0:
        return 0
    for n in walk(tree):
        if n[0] == "big" and any(f"'{tv}'" in repr(x) for x in (n[2] or ())):
            return 0            # a sum over the time letter: not one step's statement
        if n[0] == "sym" and n is not lhs:
            for it in list(n[3] or ()) + list(n[4] or ()):
                j = _offset(it, tv)
                if j is not None and j > k:
                    return 0    # it reads a later step than the one it defines
    return k


def at_step_t(tree, time_var):
    r"""``tree`` read at step t when it is a plain statement written k steps ahead (``h_{t+1} = \tanh(a_{t+1})``
    is ``h_t = \tanh(a_t)``), else ``tree`` itself: how a row recalled one step later is compared with the
    cell's own rows."""
    k = _ahead(tree, time_var) if tree is not None and time_var else 0
    return _shift(tree, time_var, k) if k else tree


def shift_ahead_rows(rows, time_var):
    """The rows with every row written one (or k) steps ahead read at step t (see the module's doc)."""
    if not time_var:
        return rows
    defined = [None if r is None else _defined(r, time_var) for r in rows]
    at_t = {d[1].key for d in defined if d is not None and d[1].time is not None and _offset(d[1].time, time_var) == 0}
    out = []
    for r, d in zip(rows, defined):
        k = _ahead(r, time_var) if r is not None else 0
        if k and d[1].key in at_t:
            k = 0       # a_{t+1} = ... beside a_t = ...: the cell's row restated one step later, a claim
        out.append(_shift(r, time_var, k) if k else r)
    return out
