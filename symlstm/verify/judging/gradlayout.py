r"""Column gradients stated by the derivation itself, against chains written in numerator order.

A derivation that chains derivatives from the loss in numerator order (``\frac{\partial L}{\partial o}
\frac{\partial o}{\partial h}``) is read with the loss's derivative by a vector as a row (links.numerator_chains).
When the same derivation states the results of its loss gradients as a transposed weight applied to a vector
(``\delta^{(t)} = \ldots = V^T(\hat{y}^{(t)} - y^{(t)})``, the column convention), its gradients are columns:
the chains are then read in the written order with column gradients (a column times a Jacobian, or times the
derivative of a vector by a matrix, is ill-typed as written), as the derivation's own results demand.
"""
from __future__ import annotations

from ..text.names import NotReadable, resolve
from ..text.trees import walk

__all__ = ["column_gradients"]

#: Node kinds whose presence makes a link a derivative, not an explicit result.
_DERIVATIVE_KINDS = ("frac",)


def _transposed_weight_first(node, vocab) -> bool:
    """``V^T (...)`` (possibly one term of a sum): a transposed parameter applied to what follows it."""
    if node[0] == "add":
        return any(_transposed_weight_first(t[1], vocab) for t in node[1])
    if node[0] == "mul" and len(node[1]) > 1 and node[1][0][0] == "sym":
        try:
            r = resolve(node[1][0], vocab)
        except NotReadable:
            return False
        return bool(r.transpose) and r.key in vocab.params
    return False


def _loss_link(tree, vocab) -> bool:
    from ...latex.notation import LOSS_NAMES
    for n in walk(tree):
        if n[0] == "frac" and n[1][0] == "pre" and n[1][3][0] == "sym":
            try:
                if resolve(n[1][3], vocab).key in LOSS_NAMES:
                    return True
            except NotReadable:
                continue
    return False


def column_gradients(rows, vocab) -> bool:
    """Does a row whose links hold derivatives of the loss end in an explicit column result ``M^T v``?"""
    for tree in rows:
        if tree is None or len(tree) < 3 or len(tree[1]) < 3:
            continue
        last = tree[1][-1]
        if any(x[0] in _DERIVATIVE_KINDS for x in walk(last)):
            continue
        if _loss_link(tree, vocab) and _transposed_weight_first(last, vocab):
            return True
    return False
