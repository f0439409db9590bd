r"""The scope of a ``\sum`` or ``\prod`` written before a sum whose later terms read its index.

``\delta_k^T = \prod_{j=k}^{t-1} \delta_{o,j}^T W_{oh} + \delta_{f,j}^T W_{fh} + \delta_{i,j}^T W_{ih}`` (a product
of the one-step error terms, written without brackets): the parser ends the product at the first ``+``, which
leaves j free in the terms after it, where no sum or product binds it. A letter free there has no value; nobody
writes a term with the index of a product or sum before it unless the term belongs to it. So the product (or sum)
covers every term up to the last that reads its index: ``\prod_j (a_j + b_j + c_j)``.

Only where the index is a single letter that is not the time ``t`` (``\sum_t \delta_t x_t^T + b_t`` may read the row's
step) and that no other side of the row and no term before the product reads, and only for a product or sum
written with a plus sign as a whole term of the sum. Terms after the last that reads the index stay outside.
Runs before :mod:`.prodscope` (which would first move the constant W_{oh} out of the product's one factor).
Trees are rebuilt, never evaluated.
"""
from __future__ import annotations

from .names import TIME_LETTERS

__all__ = ["spread_scopes"]


def _index(big):
    sub = big[2]
    if not sub:
        return None
    it = sub[0]
    if it[0] == "eq":
        it = it[1]
    if it[0] == "sym" and len(it[1]) == 1 and it[1].isalpha() and it[2:] == (None, None, None, 0) and \
            it[1] not in TIME_LETTERS:
        return it[1]
    return None


def _free(node, var) -> bool:
    """The tree reads the letter ``var`` outside every sum or product over ``var`` (scripts included)."""
    if isinstance(node, tuple):
        if node and node[0] == "big" and len(node) > 4 and _index(node) == var:
            low = [it[2] for it in node[2] if isinstance(it, tuple) and it[0] == "eq"]     # j = k: the k only
            return any(_free(x, var) for x in (low, node[3]))
        if len(node) >= 2 and node[0] == "sym" and node[1] == var:
            return True
        return any(_free(x, var) for x in node[1:])
    if isinstance(node, list):
        return any(_free(x, var) for x in node)
    return False


def _spread_add(node):
    terms = list(node[1])
    for m, (sign, term) in enumerate(terms):
        if sign != "+" or not (isinstance(term, tuple) and term[0] == "big" and term[1] in ("sum", "prod")):
            continue
        var = _index(term)
        if var is None or any(_free(t, var) for _, t in terms[:m]):
            continue
        last = max((j for j in range(m + 1, len(terms)) if _free(terms[j][1], var)), default=None)
        if last is None:
            continue
        body = ("paren", "(", ("add", [("+", term[4])] + terms[m + 1:last + 1]))     # as \prod_j (a_j + b_j) parses
        big = term[:4] + (body,) + tuple(term[5:])
        return ("add", terms[:m] + [("+", big)] + terms[last + 1:])
    return node


def _rewrite(node):
    if not isinstance(node, tuple) or not node or not isinstance(node[0], str):
        return node
    if node[0] == "add":
        node = ("add", [(s, _rewrite(t)) for s, t in node[1]]) + tuple(node[2:])
        return _spread_add(node)
    out = [node[0]]
    for x in node[1:]:
        if isinstance(x, tuple):
            out.append(_rewrite(x))
        elif isinstance(x, list):
            out.append([_rewrite(y) if isinstance(y, tuple) else y for y in x])
        else:
            out.append(x)
    return tuple(out)


def _row(row):
    parts = list(row[1])
    new = []
    for k, part in enumerate(parts):
        others = parts[:k] + parts[k + 1:]
        p = _rewrite(part)
        if p is not part and p != part:
            # the index must be no letter of another side (\delta_j = \sum_j ... + ...: j is the row's own there)
            spread = [n for n in _bigs(p) if n not in list(_bigs(part))]
            if any(_free(o, _index(b)) for b in spread for o in others):
                p = part
        new.append(p)
    return (row[0], new) + tuple(row[2:])


def _bigs(node):
    if isinstance(node, tuple):
        if node and node[0] == "big" and len(node) > 4:
            yield node
        for x in node[1:]:
            yield from _bigs(x)
    elif isinstance(node, list):
        for x in node:
            yield from _bigs(x)


def spread_scopes(rows):
    """The rows with every product or sum that leaves its index free in later terms spread over them (doc)."""
    return [r if r is None or not isinstance(r, tuple) or r[0] != "row" else _row(r) for r in rows]
