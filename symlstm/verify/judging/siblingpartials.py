r"""A Jacobian on the left read as the partial of its numerator's row, when the row lists partials by its arguments.

``h_t = z_t \odot h_{t-1} + (1 - z_t) \odot \tilde{h}_t``, then in one display::

    \frac{\partial h_t}{\partial z_t} = h_{t-1} - \tilde{h}_t, \quad \frac{\partial h_t}{\partial h_{t-1}} = z_t,
    \quad \frac{\partial h_t}{\partial \tilde{h}_t} = 1 - z_t

Listing the derivatives of one quantity by several arguments of its row, one of which (z_t, \tilde{h}_t) is itself
computed from another (h_{t-1}), is multivariable calculus' partial derivatives of that row: each argument varied,
the others held. The total \partial h_t / \partial h_{t-1} would count the paths through z_t and \tilde{h}_t that
the listed partials by z_t and \tilde{h}_t already carry. So a left-side Jacobian that fails as the total (the
reader's first reading of a left side, where a dropped path is a published error) is read again as the partial of
its numerator's row (the denominator perturbed only where that row reads it; localjac.py) when another equation of
the same display differentiates the same numerator by another argument that its row reads directly and that is
computed from the denominator (so the two readings differ in exactly the paths the siblings name). It passes so,
or keeps its failure. A Jacobian written alone, or beside derivatives of other quantities, stays the total.
"""
from __future__ import annotations

from ..numeric.localjac import local_reader
from ..text.names import resolve

__all__ = ["left_jacobian", "partial_siblings", "WHY"]

WHY = ("read as the partial derivative of the numerator's row (its other arguments held): the same display lists "
       "the partials of that quantity by the row's other arguments")


def left_jacobian(tree):
    r"""(top, bottom) symbol nodes of a row whose left side is ``\frac{\partial A}{\partial B}`` (A, B symbols, the
    plain \partial: not d, not \partial^{+}), else None."""
    if tree is None or len(tree[1]) != 2 or list(tree[2]) != ["="]:
        return None
    lhs = tree[1][0]
    if lhs[0] != "frac":
        return None
    num, den = lhs[1], lhs[2]
    if num[0] != "pre" or den[0] != "pre" or num[1] != "partial" or den[1] != "partial" or num[2] or den[2]:
        return None
    top, bottom = num[3], den[3]
    if top[0] != "sym" or bottom[0] != "sym":
        return None
    return top, bottom


class _Step:
    """The least context a name's step is read in: an interior step for the time letter."""
    def __init__(self, ev):
        self.tau = 2
        self.env = {ev.vocab.time_var: 2} if getattr(ev.vocab, "time_var", None) else {}


def _target(ev, node):
    try:
        ref = resolve(node, ev.vocab)
        return ev.target_of(ref.without_scripts(), _Step(ev))
    except Exception:       # a name the reader does not know: no sibling reading
        return None


def _feeds(ev, src, dst):
    """True when quantity ``dst`` (key, step) is computed from ``src`` (key, step) within dst's step: src is read by
    the row of dst directly, or through rows of the same step."""
    seen, todo = set(), [dst]
    while todo:
        cur = todo.pop()
        if cur in seen:
            continue
        seen.add(cur)
        d = ev.model.by_key.get(cur[0])
        if d is None or cur[1] is None:
            continue
        consumer = d.keys[0]
        for key in list(ev.model.by_key):
            for site in ev.sites(key):
                if site[0] != consumer or site[2] not in (0, 1):
                    continue
                prev = (key, cur[1] - site[2])
                if prev == src:
                    return True
                if site[2] == 0:
                    todo.append(prev)
    return False


def partial_siblings(tree, siblings, ev) -> bool:
    r"""True when the row's left side is a Jacobian \partial A/\partial B between quantities of the cell and a
    sibling row (same display) has the left side \partial A/\partial C, C another argument of A's row computed from
    B."""
    own = left_jacobian(tree)
    if own is None or getattr(ev, "model", None) is None:
        return False
    ta, tb = _target(ev, own[0]), _target(ev, own[1])
    if not ta or not tb or ta[1] is None or tb[1] is None or ta == tb or local_reader(ev, ta, tb) is None:
        return False
    for other in siblings:
        jac = left_jacobian(other)
        if jac is None or jac[0] != own[0]:
            continue
        tc = _target(ev, jac[1])
        if not tc or tc[1] is None or tc in (ta, tb) or local_reader(ev, ta, tc) is None:
            continue
        if _feeds(ev, tb, tc):
            return True
    return False
