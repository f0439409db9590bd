r"""The scope of ``\prod``: its factors end with the last one that reads the product's index.

``\sum_{k=1}^{t} \frac{\partial L_t}{\partial h_t} \prod_{j=k+1}^{t} \frac{\partial h_j}{\partial h_{j-1}}
\frac{\partial h_k}{\partial W}`` (the BPTT sum as Pascanu et al. and the CS224n notes write it): the parser gives
``\prod`` every factor after it, so \partial h_k / \partial W, which does not read j, would be a factor of every
term of the product (raised to the power t - k, and dropped where the product is empty). Nobody writes a factor
after a product to have it repeated: trailing factors that do not read the index multiply the product once.

Only trailing derivatives move (\partial h_k/\partial W), never a plain factor: ``\prod_{j=k+1}^{t}
\mathrm{diag}(f'(a_j)) W`` is the product of diag(f'(a_j)) W, as everyone writes it. They move only when a factor before them reads the index (``\prod_j c\, a_j`` keeps c: a
constant factor written first is inside as written). A sum needs no rule (a factor outside or inside a sum is
the same value). Trees are rebuilt, never evaluated.
"""
from __future__ import annotations

from .trees import has_derivative, rebuild

__all__ = ["product_scopes"]


def _index(sub):
    if not sub:
        return None
    it = sub[0]
    if it[0] == "eq" and it[1][0] == "sym":
        return it[1]
    if it[0] == "sym":
        return it
    return None


def _reads(node, var) -> bool:
    """The tree reads the letter ``var`` (a sym node ``('sym', letter, ...)`` anywhere, scripts included)."""
    if isinstance(node, tuple):
        if len(node) >= 2 and node[0] == "sym" and node[1] == var[1] and node[2:] == var[2:]:
            return True
        return any(_reads(x, var) for x in node[1:])
    if isinstance(node, list):
        return any(_reads(x, var) for x in node)
    return False


def _split(big):
    """(the product with its own factors, [(op, factor), ...] after it) or None."""
    var = _index(big[2])
    body = big[4]
    if var is None or not (isinstance(body, tuple) and body[0] == "mul") or len(body) != 3:
        return None
    items, ops = list(body[1]), list(body[2])
    cut = len(items)
    while cut > 1 and not _reads(items[cut - 1], var) and has_derivative(items[cut - 1]):
        cut -= 1        # only a derivative moves: \prod_j \mathrm{diag}(f'_j) W keeps W in every factor
    if cut == len(items) or not any(_reads(x, var) for x in items[:cut]):
        return None
    inner = items[0] if cut == 1 else ("mul", items[:cut], ops[:cut])
    return big[:4] + (inner,) + tuple(big[5:]), list(zip(ops[cut:], items[cut:]))


def _local(node):
    if node[0] == "mul" and len(node) == 3 and node[1] and node[1][-1][0] == "big" and node[1][-1][1] == "prod":
        split = _split(node[1][-1])
        if split is not None:
            big, rest = split
            return ("mul", list(node[1][:-1]) + [big] + [x for _, x in rest], list(node[2]) + [o for o, _ in rest])
    if node[0] == "big" and node[1] == "prod":
        split = _split(node)
        if split is not None:
            big, rest = split
            return ("mul", [big] + [x for _, x in rest], [None] + [o for o, _ in rest])
    return node


def product_scopes(rows):
    """The rows with every ``\\prod``'s trailing constant factors moved after it (see the module's doc)."""
    return [None if r is None else rebuild(r, _local) for r in rows]
