r"""The derivative operator applied to what follows it: ``\frac{\partial}{\partial c_{t-1}} c_t`` and
``\frac{\partial}{\partial c_{t-1}}(f_t \odot c_{t-1} + i_t \odot \tilde{c}_t)``.

Texts write a derivative either as a fraction of two names (``\frac{\partial c_t}{\partial c_{t-1}}``) or as
the operator ``\frac{\partial}{\partial v}`` in front of a name or of the expression that defines it (to go on
with the product rule). Both are one derivative and get one reading:

* the operator in front of a single name is the fraction of that name by v (with every reading the fraction
  has: ``\partial c_t / \partial c_{t-1}`` through the steps after c_{t-1});
* in front of an expression whose quantities (v itself aside) are all computed at steps after v's, it is read
  through those steps only, as the fraction of a quantity of a later step is (``\partial c_t/\partial c_{t-1}``
  of c_t = f_t \odot c_{t-1} + i_t \odot \tilde c_t: the expression's own reads of c_{t-1} and the steps
  after it), so ``\frac{\partial c_t}{\partial c_{t-1}} = \frac{\partial}{\partial c_{t-1}}(\text{its row})``
  holds as a restatement;
* anything else (an expression of quantities of v's own step or earlier, a parameter, an input) is the
  derivative through every path, as before.
"""
from __future__ import annotations

import numpy as np

from ..text.names import NotReadable, resolve
from ..text.trees import walk

__all__ = ["operator_derivative", "scaled_jacobian", "written_jacobians"]


def _steps_after(ev, expr, bottom, ctx):
    """The step of ``bottom`` when every quantity ``expr`` reads (``bottom`` aside) is of a later step, else None."""
    if bottom[0] != "sym":
        return None
    try:
        tb = ev.target_of(resolve(bottom, ev.vocab).without_scripts(), ctx)
    except NotReadable:
        return None
    if tb is None or tb[1] is None or tb[0] not in ev.vocab.quantities:
        return None
    seen = 0
    for n in walk(expr):
        if not (isinstance(n, tuple) and n and n[0] == "sym"):
            continue
        try:
            r = resolve(n, ev.vocab)
        except NotReadable:
            continue
        key = ev.vocab.aliases.get(r.key, r.key)
        if key in ev.vocab.params or key in ev.vocab.inputs:
            return None         # a weight or an input in the expression: every path (as before)
        if key not in ev.vocab.quantities:
            continue
        try:
            t = ev.target_of(r.without_scripts(), ctx)
        except NotReadable:
            return None
        if t is None or t[1] is None:
            return None
        if t == tb:
            continue            # v itself, read directly by the expression
        if t[1] <= tb[1]:
            return None
        seen += 1
    return tb[1] if seen else None


def operator_derivative(ev, rest, bottom, ctx):
    r"""The value of ``\frac{\partial}{\partial bottom}`` applied to ``rest`` (see the module's doc)."""
    if rest[0] == "paren" and rest[1] in ("(", "{") and rest[2][0] == "sym":
        rest = rest[2]
    if rest[0] == "sym" and bottom[0] == "sym":
        return ev.jacobian(rest, bottom, ctx)
    later = None if getattr(ev, "every_path", False) else _steps_after(ev, rest, bottom, ctx)
    if later is not None and not _is_a_quantity(ev, rest, later, ctx):
        later = None
    return ev.total_derivative(rest, bottom, ctx, later=later)


def _is_a_quantity(ev, expr, after, ctx) -> bool:
    r"""``expr``'s value is that of a quantity of the cell at a step after ``after``: the expression restates a row.

    Read through the later steps only, a term of the expression that reads v only through v's own step is zero, so
    what it says is never tested (``\frac{\partial}{\partial c_{t-1}}(f_t \odot c_{t-1} + o_t \odot \tilde{c}_t)``,
    the gate swapped, would pass as f_t): that reading is for the expression that defines a quantity (its row
    restated), checked here by value at the point; any other expression keeps the derivative through every path."""
    try:
        val = np.asarray(ev.value(expr, ctx))
    except Exception:       # an expression the reader cannot evaluate on its own: not a restated row
        return False
    run = getattr(ctx, "run", None)
    if run is None:
        return False
    for (key, tau), v in list(getattr(run, "values", {}).items()):
        if tau is None or not isinstance(tau, int) or tau <= after or key not in ev.vocab.quantities:
            continue
        try:
            v = np.asarray(ev.read(key, tau, run, ctx.pert, None, ctx))
        except Exception:
            continue
        if v.shape == val.shape and np.allclose(v, val, rtol=1e-9, atol=1e-12):
            return True
    return False


def _is_derivative(node) -> bool:
    r"""``\frac{\partial u}{\partial x}`` (braces around it too): a written derivative."""
    while node and node[0] == "paren" and node[1] in ("(", "{"):
        node = node[2]
    return bool(node) and node[0] == "frac" and isinstance(node[1], tuple) and node[1][:2] == ("pre", "partial") \
        and isinstance(node[2], tuple) and node[2][:2] == ("pre", "partial")


def written_jacobians(items, vals) -> set:
    """ids of the values of the factors written as a derivative (before any factor is merged)."""
    return {id(v) for it, v in zip(items, vals) if _is_derivative(it) and isinstance(v, np.ndarray)}


def scaled_jacobian(a, b, op, jacobians):
    r"""``v \odot \frac{\partial u}{\partial x}`` and ``\frac{\partial u}{\partial x} \odot v`` (the product rule
    written element-wise: \partial (v \odot u) / \partial x = diag(v) \partial u / \partial x): a column v as long
    as the Jacobian has rows scales its rows, diag(v) J; the only reading under which the product is typed. A row
    v (a file of row vectors, ``z_t \odot \frac{\partial \tilde{h}_t}{\partial h_{t-1}}``) scales the same index, the
    Jacobian's output (in either layout the author's Jacobian is written in). None for anything else (the product
    is read as before)."""
    if op != "odot" or not isinstance(a, np.ndarray) or not isinstance(b, np.ndarray):
        return None
    for j, v in ((a, b), (b, a)):
        if id(j) in jacobians and j.ndim == 2 and min(j.shape) > 1 and v.ndim == 2 and v.shape == (j.shape[0], 1):
            return v * j
        if id(j) in jacobians and j.ndim == 2 and min(j.shape) > 1 and v.ndim == 2 and v.shape == (1, j.shape[0]):
            return v.T * j
    return None
