r"""Pre-activations whose gradients code names of the file name: ``dh_{raw}``, ``dhraw``, ``dtanh``.

:mod:`.preactnames` finds the pre-activations a row names with ``\delta \bar z``. Code names them too: a
gradient name whose label is a word of a net input (``dh_{raw}``: the gradient of h's pre-activation, as
min-char-rnn writes it) or the name of the function applied to it (``dtanh``: the gradient of what tanh is applied
to). A file that defines a pre-activation's gradient such a name of its own does not also write it as the plain
name of the activation: there ``dh``, ``da_{next}`` are the gradients of h, a, never read as the pre-activation's
(which would let ``dh_{raw} = dh`` pass, the tanh' factor dropped).
"""
from __future__ import annotations

from ..text.names import gradient_split
from ..numeric.numbase import Ctx

__all__ = ["code_named_preacts"]


def code_named_preacts(rows, ev) -> frozenset:
    """Keys of pre-activations (vocab.preacts' values) that a code gradient name on the left of a row of ``rows``
    resolves to."""
    pre_keys = {p for _, p in ev.vocab.preacts.values()}
    if not pre_keys or ev.model is None:
        return frozenset()
    out, done = set(), set()
    tau = ev.model.T
    for tree in rows:
        if tree is None:
            continue
        for n in tree[1][:1]:          # a row's left side: the name it defines (dtanh(h_c) on a right is a function)
            while n[0] == "paren" and n[1] == "{":          # {dtanh} = ...
                n = n[2]
            if n[0] != "sym" or n[5] or gradient_split(n[1]) is None:
                continue
            probe = ("sym", n[1], n[2], n[3], None, 0)
            if repr(probe) in done:
                continue
            done.add(repr(probe))
            seen = {}
            ctx = Ctx(tau, ev.model.base, None, "", ev.env(tau), readings={}, seen=seen, lhs=False)
            try:
                ev.value(probe, ctx)
            except Exception:           # noqa: BLE001 - a name not read here is not this module's business
                continue
            out.update(g.key for g in seen if g.key in pre_keys and g.style == "d" and not g.named)
    return frozenset(out)
