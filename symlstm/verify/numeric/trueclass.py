r"""The true class and the vocabulary of a softmax output.

``\hat{y}_k^{(t)}`` with k bound by nothing (no sum, no Kronecker delta): the component of the prediction at
the true class, the index where the one-hot target y^{(t)} is one (CS224n: "let k be the true label";
-\log \hat{y}_k^{(t)} is the cross-entropy). ``y_k^{(t)}`` is then 1. The letters read so are a table.

``\sum_{j=1}^{|V|}``: |V|, the size of a set no row defines (the vocabulary), ends a range of components of the
output, not of steps.
"""
from __future__ import annotations

import numpy as np

from ...latex.notation import TRUE_CLASS_LETTERS
from ..text.names import NotReadable



def _key(k):
    """The quantity of a run's value key: (quantity, step) for a value at a step, the quantity for a static one."""
    return k[0] if isinstance(k, tuple) and len(k) == 2 else k


def softmax_size(model, run=None):
    """The size of the softmax output (the vocabulary), from ``run`` or the model's base run; else the
    model's output size."""
    from ..text.trees import walk
    for d in getattr(model, "defs", ()):
        if any(n[0] == "sym" and n[1] == "softmax" for n in walk(d.node)):
            for r in (run, getattr(model, "base", None)):
                vals = getattr(r, "values", None) or {}
                v = next((x for k, x in vals.items() if _key(k) == d.keys[0]), None)
                if v is not None:
                    return int(np.size(v))
    return model.output_size()


def set_size(node, vocab, model=None) -> bool:
    r"""``|V|``: the size of a set a capital letter names, which no row defines and no product uses as a weight."""
    if node[0] != "abs" or node[1][0] != "sym":
        return False
    _, name, accent, sub, sup, primes = node[1]
    if accent is not None or sub or sup or primes or not name[:1].isupper():
        return False
    return not (name in vocab.quantities or name in vocab.static or name in vocab.inputs or name in vocab.aliases
                or (model is not None and name in getattr(model, "params", {})))


def true_component(ev, val, letter, ref, ctx):
    """The component of ``val`` at the true class of ``ref``'s step (``letter`` a true-class letter bound by
    nothing); NotReadable when there is no one-hot target or ``val`` is not a vector of its size."""
    m = ev.model
    if not getattr(m, "targets_onehot", None) and not m.softmax_output(np.shape(val)):
        raise NotReadable(f"the index {letter} is bound by nothing (and there is no one-hot target whose "
                          f"true class it could name)")
    if val.ndim != 2 or min(val.shape) != 1 or val.size < 2:
        raise NotReadable(f"the index {letter} on a value of shape {val.shape}")
    n = softmax_size(m, ctx.run)
    if val.size != n:
        raise NotReadable(f"the index {letter} (the true class?) on a vector of size {val.size}, not the "
                          f"output's {n}")
    tau = ev.time_of(ref, ctx) if (ref.time is not None or ref.word) else ctx.tau
    return np.asarray(val.reshape(-1)[m.target("__y", tau, n)], dtype=complex).reshape(1, 1)


def true_class_kron(ev, node, ctx):
    r"""``1\{j=k\}``, ``\delta_{jk}`` with k a true-class letter bound by nothing: 1 where j is the true class; with j
    bound the number, with j a free component letter the vector over j (the one-hot target). Else None."""
    letters = [x for x in node[1] if isinstance(x, str)]
    if len(letters) != len(node[1]) or len(letters) != 2:
        return None
    true = [x for x in letters if x in TRUE_CLASS_LETTERS and x not in ctx.env and x not in ev.vocab.comp]
    if len(true) != 1 or not getattr(ev.model, "targets_onehot", None):
        return None
    other = letters[1] if letters[0] == true[0] else letters[0]
    n = softmax_size(ev.model, ctx.run)
    y = ev.model.onehot("__y", ctx.tau, ev.model.vector(n))
    if other in ctx.env:
        k = ctx.env[other] - 1
        return np.asarray(y.reshape(-1)[k] if 0 <= k < n else 0.0, dtype=complex).reshape(1, 1)
    from .numbase import INDEX_LETTERS
    return y if other in INDEX_LETTERS else None
