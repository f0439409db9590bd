r"""Names defined through derivatives by several rows, and a file's own \delta convention.

* **The file's convention.** Where the rows define two or more names ``\delta_{q}^{(t)}`` as exactly the
  derivative of the loss by the name in their subscript (``\delta_s^{(t)} = \partial E / \partial s^{(t)}``,
  ``\delta_{z_h}^{(t)} = \partial E / \partial z_h^{(t)}``), ``\delta_q`` of a name q of the cell means
  ``\partial E / \partial q`` throughout the file: a row that defines ``\delta_x^{(t)}`` as anything else
  (``\frac{\partial E}{\partial z_h^{(t)}} \frac{\partial z_h^{(t)}}{\partial x^{(t)}}``, the paths through z_h
  only) is a claim about it, checked, not a definition.
* **A name defined again.** A name that a later row defines again through another derivative
  (``\delta_\omega^{(t)} = \partial E / \partial w_\omega`` and then ``= \partial E / \partial w_\omega^{(t)}``,
  with no row between them reading it) is one name with two definitions: the later one, which the rows after
  it compute, is the name; the earlier row is a claim about it (it holds where both agree).
"""
from __future__ import annotations

from ..text.names import NotReadable, resolve

__all__ = ["delta_convention", "by_convention", "single_derivative"]


def _delta_lhs(tree):
    """(subscript node, superscript) of a left side ``\\delta_{q}^{sup}`` with one subscript name; else None."""
    if tree is None or tree[0] != "row" or len(tree[1]) < 2 or tree[2][0] != "=":
        return None
    n = tree[1][0]
    if n[0] != "sym" or n[1] != "delta" or not n[3] or len(n[3]) != 1 or n[3][0][0] != "sym" or n[5]:
        return None
    return n[3][0], n[4]


def _loss_derivative(node):
    """(loss node, variable node) of ``\\frac{\\partial E}{\\partial v}``; else None."""
    if node[0] != "frac" or node[1][0] != "pre" or node[2][0] != "pre" or node[1][1] != "partial" or \
            node[2][1] != "partial" or node[1][2] is not None or node[2][2] is not None:
        return None
    if node[1][3][0] != "sym" or node[2][3][0] != "sym":
        return None
    return node[1][3], node[2][3]


def _conforms(tree):
    """The loss node when the row defines ``\\delta_q^{s}`` as exactly ``\\partial E / \\partial q^{s}``."""
    got = _delta_lhs(tree)
    if got is None:
        return None
    sub, sup = got
    d = _loss_derivative(tree[1][1])
    if d is None:
        return None
    loss, var = d
    same = var[1] == sub[1] and (var[3] or None) == (sub[3] or None) and (var[4] or None) == (sup or None) and \
        not var[5] and (sub[4] is None)
    return loss if same else None


def delta_convention(rows, lo, hi):
    """The loss node of the file's convention (two or more rows ``\\delta_q = \\partial E/\\partial q``, one loss,
    and no row defining a \\delta_q as another derivative of the loss by its own subscript); None otherwise."""
    losses = [loss for k in range(lo, hi) if (loss := _conforms(rows[k])) is not None]
    if len(losses) < 2 or len({repr(x) for x in losses}) != 1:
        return None
    return losses[0]


def by_convention(tree, loss, vocab):
    """The body ``\\partial E / \\partial q^{sup}`` a row defining ``\\delta_q^{sup}`` (q a name of the cell) is
    judged against under the file's convention; None when the row follows it or q is no name of the cell."""
    got = _delta_lhs(tree)
    if loss is None or got is None or _conforms(tree) is not None:
        return None
    sub, sup = got
    if sub[4] is not None or sub[5] or any(x[0] == "arrow" for x in sup or ()):
        return None         # \delta_s^{(t)\rightarrow(t-1)}: a part of the gradient (numeric/arrowparts.py)
    try:
        key = resolve(sub, vocab).key
    except NotReadable:
        return None
    if key not in vocab.quantities and key not in vocab.inputs:
        return None
    var = (sub[0], sub[1], sub[2], sub[3], sup, 0)
    return ("frac", ("pre", "partial", None, loss), ("pre", "partial", None, var))


def single_derivative(node) -> bool:
    """``\\frac{\\partial E}{\\partial v}``: one derivative of the loss by one name (a definition, not a computation)."""
    return _loss_derivative(node) is not None
