r"""A gradient's part marked by an arrow between two steps: ``\delta_s^{(t)\rightarrow(t-1)}``.

Texts that split a state's gradient by the step it comes from write the step it flows from and the step of the
quantity it reaches, joined by an arrow (Iosif et al., "LSTM: from theory to practice": ``\delta_s^{(t) =
\delta_s^{(t)\rightarrow(t)} + \delta_s^{(t+1)\rightarrow(t)}``). Where the file names ``\delta_q`` the derivative
of the loss by q (``\delta_s^{(t)} \overset{not.}{=} \partial E / \partial s^{(t)}``: the derivation's rows define
``\delta_q`` as exactly that), ``\delta_q^{(a)\rightarrow(b)}`` is the part of ``\partial E / \partial q^{(b)}``
that flows through the rows of step a:

* a = b: through the rows of q's own step that read q^{(b)} (``"same"``);
* a = b + 1: through the rows of the next step that read q^{(b)} (``"next"``: what step a sends back to b).

A ``\delta`` whose subscript is no name of the cell (``\delta_{zz}^{(t)\rightarrow(t-1)}``, what step t sends back
to z_h^{(t-1)}) is read where a row defines the arrowed name itself as a chain from the loss that ends in the
quantity at the arrow's target step (``\delta_{zz}^{(t)\rightarrow(t-1)} \overset{not.}{=} \frac{\partial E}
{\partial z_h^{(t)}} \frac{\partial z_h^{(t)}}{\partial z_h^{(t-1)}}``, the subscript starting with that quantity's
letter): the name is then the part of \partial E / \partial z_h^{(t-1)} the arrow marks, and the defining row (and
any other) is a claim about it, judged like the others (:func:`arrow_definitions`).

Not read (``NotReadable``, naming why): another distance between the steps, a ``\delta`` the file defines neither
way, and, for the part within the quantity's own step, a quantity the loss reads directly (whether that part
includes the loss's own term is not said; what the next step sends back never includes it).
"""
from __future__ import annotations

from ..text.names import NotReadable, Ref, key_latex, resolve
from .numbase import Grad, _time_text

__all__ = ["arrow_item", "arrow_delta", "arrow_definitions"]

#: Distance (from-step minus to-step) -> the reading of the part (numeric/author.py's reader filters).
ARROW_PARTS = {0: "same", 1: "next"}


def arrow_item(node):
    """The ``("arrow", from, to)`` item of a name's superscript, else None."""
    if node[0] != "sym" or not node[4]:
        return None
    items = [x for x in node[4] if x[0] == "arrow"]
    return items[0] if len(items) == 1 and len(node[4]) == 1 else None


def _loss_by(body):
    r"""(loss node, variable node) of ``\frac{\partial E}{\partial v}``, else None."""
    if body is None or body[0] != "frac" or body[1][0] != "pre" or body[2][0] != "pre" or \
            body[1][1] != "partial" or body[2][1] != "partial" or body[1][2] is not None or body[2][2] is not None:
        return None
    if not isinstance(body[1][3], tuple) or not isinstance(body[2][3], tuple) or body[2][3][0] != "sym":
        return None
    return body[1][3], body[2][3]


def arrow_delta(ev, node, ctx):
    r"""The value of ``\delta_q^{(a)\rightarrow(b)}`` (see the module text)."""
    _, frm, to = arrow_item(node)
    plain = ("sym", node[1], node[2], node[3], None, node[5])
    shown = f"\\delta_{{{'...' if not node[3] else _sub_text(node[3])}}}^{{(a) \\rightarrow (b)}}"
    try:
        dref = resolve(plain, ev.vocab)
    except NotReadable:
        dref = None
    body = ev.derived.get(dref.key) if dref is not None else None
    got = _loss_by(body)
    if got is None and node[3] and len(node[3]) == 1:
        got = getattr(ev, "arrow_defs", {}).get(_arrow_key(node))      # \delta_{zz}^{(t)\rightarrow(t-1)} = (chain)
        if got is not None:
            node = (node[0], node[1], node[2], [got[1][:4] + (None, 0)], node[4], node[5])
    if got is None or not node[3] or len(node[3]) != 1:
        raise NotReadable(f"{shown}: the part of a gradient marked by an arrow is read only where the file defines "
                          f"the \\delta as the loss's derivative by the quantity in its subscript (\\delta_q = "
                          f"\\partial E / \\partial q); this one is not")
    loss, var = got
    try:
        qref = resolve(node[3][0], ev.vocab)
        vref = resolve(var, ev.vocab)
        lref = resolve(loss, ev.vocab)
    except NotReadable:
        raise NotReadable(f"{shown}: the quantity in its subscript is not read") from None
    from ...latex.notation import LOSS_NAMES
    key = ev.vocab.aliases.get(qref.key, qref.key)
    if key != ev.vocab.aliases.get(vref.key, vref.key) or key not in ev.vocab.quantities or \
            lref.key not in LOSS_NAMES or lref.time is not None or lref.word or qref.time is not None:
        raise NotReadable(f"{shown}: the \\delta is not the loss's derivative by a quantity of the cell with a step "
                          f"(its subscript names {key_latex(qref.key)})")
    a = ev.int_of(_unparen(frm), ctx)
    b = ev.int_of(_unparen(to), ctx)
    if a != b + 1 and any(k == key for k, _ in getattr(ev.model, "outputs", ())):
        raise NotReadable(f"{shown}: the loss reads {key_latex(key)} directly; whether the part of a step includes "
                          f"the loss's own term is not said")
    part = ARROW_PARTS.get(a - b)
    if part is None:
        raise NotReadable(f"{shown}: a part that flows across {a - b} steps (only the part of the quantity's own "
                          f"step, a = b, and of the next one, a = b + 1, are read)")
    tref = Ref("value", key, to)
    g = Grad(key, _time_text(tref), "", ctx.lhs, style=f"arrow:{part}", text=repr(node[:3]) + repr(frm))
    val = ev.grad_value(g, key, b, ctx, default=(part,))
    return ev.scripts(val, Ref("value"), ctx)


def _unparen(n):
    return n[2] if n[0] == "paren" else n


def _sub_text(items):
    from ..text.names import _node_text
    return "".join(_node_text(x) for x in items)



def _arrow_key(node):
    return node[1], repr(node[3]), repr(node[4])


def _chain_var(body, loss_names):
    r"""(loss node, last variable node) of ``\frac{\partial E}{\partial a} \frac{\partial a}{\partial b} ...``: a chain
    from the loss whose every denominator is the next numerator; else None."""
    fracs = body[1] if body[0] == "mul" and all(op is None or op == "cdot" for op in body[2][1:]) else [body]
    pairs = []
    for f in fracs:
        if f[0] != "frac" or f[1][0] != "pre" or f[2][0] != "pre" or f[1][1] != "partial" or \
                f[2][1] != "partial" or f[1][2] is not None or f[2][2] is not None or \
                not isinstance(f[1][3], tuple) or not isinstance(f[2][3], tuple) or \
                f[1][3][0] != "sym" or f[2][3][0] != "sym":
            return None
        pairs.append((f[1][3], f[2][3]))
    if pairs[0][0][1] not in loss_names or pairs[0][0][3] or pairs[0][0][4]:
        return None
    if any(repr(b) != repr(c) for (_, b), (c, _) in zip(pairs, pairs[1:])):
        return None
    return pairs[0][0], pairs[-1][1]


def arrow_definitions(rows, forward, lo, hi, ev):
    r"""``ev.arrow_defs``: arrowed names no quantity's \delta reads, defined by a row as a chain from the loss (see
    the module text). A name two rows define with different quantities, or whose chain ends at another step
    than the arrow's target, is left undefined."""
    from ...latex.notation import LOSS_NAMES
    out, bad = {}, set()
    for k in range(lo, hi):
        tree = rows[k]
        if tree is None or k in forward or len(tree[1]) < 2 or tree[2][0] != "=":
            continue
        node = tree[1][0]
        item = arrow_item(node) if node[0] == "sym" else None
        if item is None or not node[3] or len(node[3]) != 1 or node[3][0][0] != "sym":
            continue
        got = _chain_var(tree[1][1], LOSS_NAMES)
        if got is None:
            continue
        loss, var = got
        if not var[4] or len(var[4]) != 1 or repr(var[4][0]) != repr(item[2]) or \
                not node[3][0][1].startswith(var[1]):
            continue
        key = _arrow_key(node)
        if key in out and repr(out[key][1][:4]) != repr(var[:4]):
            bad.add(key)
        out.setdefault(key, (loss, var))
    ev.arrow_defs = {k: v for k, v in out.items() if k not in bad}
