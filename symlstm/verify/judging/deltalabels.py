r"""A file's \delta of a label: ``\delta_{s} \equiv \partial E / \partial v_{s}`` for one label s, so for all.

Where a row names ``\vec\delta_{L+1}^{(t)} \equiv \frac{\partial C^{(t)}}{\partial \vec z_{L+1}^{(t)}}`` (the \delta
of a layer is the loss's derivative by that layer's weighted sum z, same subscript), a later row
``\delta_l^{(t)} = \frac{\partial C}{\partial \vec h_l^{(t)}} \odot \sigma_l'(\vec z_l^{(t)})`` that both introduces
``\delta_l`` and computes it states what ``\partial C / \partial z_l^{(t)}`` is: it is a claim, judged against that
meaning (a flipped sign or a dropped \sigma' fails), not a definition that would hold whatever it says.

* Only for a row whose label gives a name of the cell (``z_l``); the first row of the file that names a \delta
  by one derivative fixes the letter (v) and must name the label's own quantity. As with :mod:`.deltanames`, a row naming ``\delta_l`` as
  another derivative (``\partial C / \partial h_l``, the \sigma' dropped) is a claim under the file's naming.
* The loss is the one the row itself differentiates (``\partial C / \partial h_l``: C, every path), when it writes
  exactly one; else the naming row's.
"""
from __future__ import annotations

from ...latex.notation import LOSS_NAMES
from ..text.names import NotReadable, resolve
from ..text.trees import walk

__all__ = ["label_convention", "by_label"]


def _delta(tree):
    """The ``\\delta_{s}^{sup}`` node on the left of a row ``= ...`` (one subscript atom, no accent); else None."""
    if tree is None or tree[0] != "row" or len(tree[1]) < 2 or tree[2][0] != "=":
        return None
    n = tree[1][0]
    if n[0] != "sym" or n[1] != "delta" or n[2] not in (None, "vec") or not n[3] or len(n[3]) != 1 or \
            n[3][0][0] != "sym" or n[5] or n[3][0][3] or n[3][0][4]:
        return None
    return n


def _loss_derivative(node):
    """(loss, variable) of ``\\frac{\\partial E}{\\partial v}``; else None."""
    if node[0] != "frac" or node[1][0] != "pre" or node[2][0] != "pre" or node[1][1] != "partial" or \
            node[2][1] != "partial" or node[1][2] is not None or node[2][2] is not None:
        return None
    if not isinstance(node[1][3], tuple) or not isinstance(node[2][3], tuple) or node[1][3][0] != "sym" or \
            node[2][3][0] != "sym" or node[1][3][1] not in LOSS_NAMES:
        return None
    return node[1][3], node[2][3]


def label_convention(rows, lo, hi, time_var=None):
    """(loss node, letter) of the first row naming ``\\delta_{s}^{sup} = \\partial E / \\partial v_{s}^{sup}`` (s a
    label, v one letter: the author's "we give it its own notation"); None when the first row naming a \\delta
    by a single derivative names another one (``\\delta_q = \\partial E/\\partial q``: :mod:`.deltanames`).
    A later row naming a \\delta otherwise is a claim under this naming (:func:`by_label`). A subscript that is the
    time letter (``\\delta_t = \\partial L/\\partial h_t``) is a step, not a label (lonedeltadef.py reads it)."""
    for k in range(lo, hi):
        n = _delta(rows[k])
        if n is None:
            continue
        d = _loss_derivative(rows[k][1][1])
        if d is None:
            continue
        loss, var = d
        sub = n[3][0]
        if time_var is not None and sub[1] == time_var:
            return None
        if var[2] is not None and var[2] != "vec" or var[5] or not var[3] or len(var[3]) != 1 or \
                repr(var[3][0]) != repr(sub) or repr(var[4] or None) != repr(n[4] or None) or var[1] == sub[1]:
            return None
        return loss, var[1]
    return None


def _row_loss(parts):
    """The one loss node the row's right side differentiates (``\\partial C / \\partial h_l``), or None."""
    seen = {}
    for p in parts:
        for n in walk(p):
            if n[0] == "frac" and _loss_derivative(n) is not None:
                loss = _loss_derivative(n)[0]
                seen[repr(loss)] = loss
    return next(iter(seen.values())) if len(seen) == 1 else None


def by_label(tree, convention, vocab):
    """The body ``\\partial E / \\partial v_{s}^{sup}`` a row that introduces ``\\delta_{s}^{sup}`` through a
    computation is judged against under the file's \\delta of a label; None where the rule does not apply."""
    n = _delta(tree)
    if convention is None or n is None:
        return None
    loss, letter = convention
    d = _loss_derivative(tree[1][1])
    if d is not None and d[1][1] == letter:
        return None                 # \delta_s = \partial E / \partial v_s: the row follows the file's naming
    sub = n[3][0]
    var = ("sym", letter, None, [sub], n[4], 0)
    try:
        if vocab.known(resolve(n, vocab).key):
            return None
        key = resolve(var, vocab).key
    except NotReadable:
        return None
    if key not in vocab.quantities:
        return None
    loss = _row_loss(tree[1][1:]) or loss
    return ("frac", ("pre", "partial", None, loss), ("pre", "partial", None, var))
