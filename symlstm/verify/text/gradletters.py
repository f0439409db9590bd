r"""A file's own letter for gradients, defined once by a placeholder (``g_y = \dfrac{\partial L}{\partial y}``:
"$g_y$ denotes the incoming gradient from the loss to output $y$"): ``g_{h_t}`` is then the gradient of h_t, read as
``d_{h_t}`` is, and ``g_{\tilde h_t}``, ``g_{h_{t-1}}^{(1)}`` (a part) likewise. The defining row states the
convention, not a claim about the cell: it is left unread with that reason.
"""
from __future__ import annotations

from ...latex.notation import LOSS_NAMES

__all__ = ["gradient_letter_rows"]


def _convention(tree):
    """The letter G of a row ``G_v = \\partial L / \\partial v`` (v a one-letter placeholder), else None."""
    if tree is None or len(tree[1]) != 2 or tree[2] != ["="]:
        return None
    lhs, rhs = tree[1]
    if lhs[0] != "sym" or len(lhs[1]) != 1 or lhs[1] in ("d", "e") or lhs[2] is not None or lhs[4] is not None \
            or lhs[5] or not lhs[3] or len(lhs[3]) != 1:
        return None
    v = lhs[3][0]
    if v[0] != "sym" or len(v[1]) != 1 or v[2:] != (None, None, None, 0):
        return None
    if rhs[0] != "frac" or rhs[1][0] != "pre" or rhs[2][0] != "pre":
        return None
    num, den = rhs[1][3], rhs[2][3]
    if num[0] != "sym" or num[1] not in LOSS_NAMES or num[3] is not None or den != v:
        return None
    return lhs[1]


def _rewrite(node, letter):
    if isinstance(node, tuple) and node and node[0] == "sym" and node[1] == letter and node[2] is None and \
            node[3] and len(node[3]) == 1 and node[3][0][0] == "sym" and len(node[3][0][1]) >= 1 and \
            node[3][0][1] not in ("t", "k"):
        return ("sym", "d") + tuple(_rewrite(x, letter) if isinstance(x, (tuple, list)) else x for x in node[2:])
    if isinstance(node, tuple):
        return tuple(_rewrite(x, letter) if isinstance(x, (tuple, list)) else x for x in node)
    if isinstance(node, list):
        return [_rewrite(x, letter) if isinstance(x, (tuple, list)) else x for x in node]
    return node


def gradient_letter_rows(rows):
    """(rows, {index: why}) with the file's gradient letter read as ``d`` (``g_{h_t}``: ``d_{h_t}``) where exactly
    one row defines such a letter, and that row set aside (None, with the reason)."""
    found = {k: _convention(t) for k, t in enumerate(rows)}
    found = {k: g for k, g in found.items() if g is not None}
    if len(set(found.values())) != 1:
        return rows, {}
    letter = next(iter(found.values()))
    why = (f"the file's notation: {letter}_x names the gradient of the loss by x (read as such in the other rows), "
           f"a convention, not a claim")
    out = [None if k in found else (None if t is None else _rewrite(t, letter)) for k, t in enumerate(rows)]
    return out, {k: why for k in found}
