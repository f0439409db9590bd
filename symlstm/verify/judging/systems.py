r"""A row that relates two separate systems of forward rows.

A text may state two recurrences that share no name: ``S_k = f(S_{k-1} W_{rec} + X_k W_x)`` (the general form)
and ``s_k = s_{k-1} w_{rec} + x_k w_x`` (the model it then works with). The forward rows then fall into
separate systems (names linked by the rows that define them). A row whose names come from two such systems,
``\frac{\partial S_k}{\partial S_{k-m}} = w_{rec}^m``, means one of them as the other (the author's two spellings
of one quantity); read literally, it compares unrelated values. Such a row that fails is not read: which
system is meant is the author's, not the reader's to guess. (Two statements of one recurrence in two spellings,
names paired by case and rows of one form, are made one system before: cell/twinsystems.py.)"""
from __future__ import annotations

from ...latex.notation import FUNCTION_WORDS
from ..text.names import key_latex, keys_in

__all__ = ["separate_systems"]


def _systems(ev) -> dict:
    """Each name of the forward rows -> the root of its system (names linked by a row defining one of them)."""
    parent = {}

    def root(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    vocab = ev.vocab
    defined = set()
    for d in ev.model.defs:
        names = {k for k in keys_in([d.node], vocab) if _counts(k, vocab)} | set(d.keys)
        defined |= set(d.keys)
        first = root(d.keys[0])
        for n in names:
            parent[root(n)] = first
    loss = getattr(ev.model, "loss_def", None)
    losses = sorted({d.keys[0] for d in getattr(ev.model, "loss_rows", ()) or () if d.keys})
    if loss is not None and losses and getattr(ev.model, "loss_total", None) is not None:
        # J^{(t)} = -\sum_j y_{t,j} \log \hat{y}_{t,j} beside J = \frac{1}{T} \sum_t J^{(t)} (totalloss.py): the
        # step's loss row (kept apart from the defs) links the loss's name to what it reads
        first = root(losses[0])
        for n in {k for k in keys_in([loss], vocab) if _counts(k, vocab)} | set(losses):
            parent[root(n)] = first
    return {n: root(n) for n in parent}, {root(k) for k in defined}


def _counts(key, vocab) -> bool:
    return key not in FUNCTION_WORDS and key not in vocab.functions


def separate_systems(parts, ev) -> str:
    """Why the row's names come from two separate systems of forward rows (each defining some name), else ""."""
    of, systems = _systems(ev)
    if len(systems) < 2:
        return ""
    seen = {}
    for k in sorted(keys_in(parts, ev.vocab), key=repr):     # sorted: the same names in every run
        r = of.get(k)
        if r in systems:
            seen.setdefault(r, k)
    if len(seen) < 2:
        return ""
    names = [key_latex(k) for k in sorted(seen.values())[:2]]
    return (f"the row relates names of separate systems of forward rows ({names[0]} and {names[1]}: no row links "
            f"them); which one it means is not read")
